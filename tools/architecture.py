"""Module sizes and import arrows between the portal's apps: `make arch` (or `python tools/architecture.py`).

Reads the source only (no Django set-up): every `.py` file of an app, migrations and tests left out. An arrow
A -> B means a module of A imports a module of B; arrows are counted separately for imports at module level and
imports inside a function (which hide a dependency from a reader of the module's head). `--json` prints the same
figures as JSON, so a before and after can be compared with `diff`.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ["portal", "platform_directory", "labelling", "benchmarking", "knowledge", "club", "survey", "privacy"]
SKIP_PARTS = {"migrations", "tests", "__pycache__"}


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if SKIP_PARTS & set(path.relative_to(ROOT).parts):
                continue
            dotted = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[dotted.removesuffix(".__init__")] = path
    return found


def _imports(tree: ast.AST, module: str, is_package: bool) -> list[tuple[str, bool]]:
    """(imported module, inside a function?) for every import in `tree`."""
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            if isinstance(child, ast.Import):
                found.extend((alias.name, in_function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = module.split(".") if is_package else module.split(".")[:-1]
                    base = base[: len(base) - (child.level - 1)]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                # `from club import tasks` imports the module club.tasks: the name may be a module or a name in one
                found.extend((f"{target}.{alias.name}", in_function) for alias in child.names)
            visit(child, nested)

    visit(tree, False)
    return found


def _cycles(edges: set[tuple[str, str]]) -> list[list[str]]:
    """The strongly connected groups (more than one member) of the graph `edges`, Tarjan's algorithm."""
    graph: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        graph[a].add(b)
        graph.setdefault(b, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = [0]

    def strong(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            strong(v)
    return sorted(groups)


def measure() -> dict:
    modules = _modules()
    lines: dict[str, int] = {}
    app_arrows: dict[tuple[str, str], Counter] = defaultdict(Counter)
    module_edges: set[tuple[str, str]] = set()
    inside_functions = 0
    inside_functions_uncommented = 0
    for dotted, path in modules.items():
        source = path.read_text()
        source_lines = source.splitlines()
        lines[dotted] = len(source_lines)
        tree = ast.parse(source)
        app = dotted.split(".")[0]
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Import | ast.ImportFrom):
                        inside_functions += 1
                        line = source_lines[inner.lineno - 1]
                        before = source_lines[inner.lineno - 2] if inner.lineno > 1 else ""
                        if "#" not in line and not before.strip().startswith("#"):
                            inside_functions_uncommented += 1
        for target, in_function in _imports(tree, dotted, path.name == "__init__.py"):
            target_app = target.split(".")[0]
            if target_app not in APPS:
                continue
            known = next((m for m in (target, target.rsplit(".", 1)[0]) if m in modules), None)
            if known == app:
                continue  # a name from the app's own __init__
            if known and known != dotted:
                module_edges.add((dotted, known))
            if target_app != app:
                app_arrows[(app, target_app)]["in function" if in_function else "module level"] += 1
    total = sum(lines.values())
    per_app = {app: sum(n for m, n in lines.items() if m.split(".")[0] == app) for app in APPS}
    modules_per_app = {app: sum(1 for m in lines if m.split(".")[0] == app) for app in APPS}
    app_edges = set(app_arrows)
    parts: dict[str, dict[str, int]] = defaultdict(dict)
    for module, count in lines.items():
        pieces = module.split(".")
        if len(pieces) > 2 and (ROOT / pieces[0] / pieces[1] / "__init__.py").exists():
            part = f"{pieces[0]}.{pieces[1]}"
            parts[part]["lines"] = parts[part].get("lines", 0) + count
            parts[part]["modules"] = parts[part].get("modules", 0) + 1
    part_arrows: dict[str, Counter] = defaultdict(Counter)
    for a, b in module_edges:
        part_a, part_b = (".".join(m.split(".")[:2]) for m in (a, b))
        if part_a != part_b and part_a in parts and part_b in parts and a.split(".")[0] == b.split(".")[0]:
            part_arrows[f"{part_a} -> {part_b}"]["models only" if b.endswith(".models") else "code"] += 1
    return {
        "total_lines": total,
        "apps": {
            app: {
                "modules": modules_per_app[app],
                "lines": per_app[app],
                "share": round(100 * per_app[app] / total, 1),
            }
            for app in APPS
        },
        "parts": {part: parts[part] for part in sorted(parts)},
        "arrows_between_parts": {arrow: dict(counts) for arrow, counts in sorted(part_arrows.items())},
        "largest_modules": sorted(lines.items(), key=lambda item: -item[1])[:15],
        "arrows": {f"{a} -> {b}": dict(counts) for (a, b), counts in sorted(app_arrows.items())},
        "app_cycles": _cycles(app_edges),
        "module_cycles": _cycles(module_edges),
        "imports_inside_functions": inside_functions,
        "imports_inside_functions_without_reason": inside_functions_uncommented,
    }


def report(figures: dict) -> str:
    out = [f"{figures['total_lines']} lines of application code (migrations and tests left out)", ""]
    out.append(f"{'app':<20}{'modules':>8}{'lines':>8}{'share':>8}")
    for app, row in figures["apps"].items():
        out.append(f"{app:<20}{row['modules']:>8}{row['lines']:>8}{row['share']:>7}%")
    if figures["parts"]:
        out += [
            "",
            "parts of an app (sub-packages); then modules of one part importing another's (code / models only):",
        ]
        out += [
            f"  {part:<36}{row['modules']:>4} modules {row['lines']:>6} lines" for part, row in figures["parts"].items()
        ]
        out += [
            f"  {arrow:<52}{counts.get('code', 0):>4} /{counts.get('models only', 0):>4}"
            for arrow, counts in figures["arrows_between_parts"].items()
        ]
    out += ["", "largest modules:"]
    out += [f"  {n:>6}  {m}" for m, n in figures["largest_modules"]]
    out += ["", "import arrows between apps (module level / inside a function):"]
    for arrow, counts in figures["arrows"].items():
        out.append(f"  {arrow:<36}{counts.get('module level', 0):>4} /{counts.get('in function', 0):>4}")
    out += ["", "cycles between apps:"]
    out += [f"  {' <-> '.join(group)}" for group in figures["app_cycles"]] or ["  none"]
    out += ["", "cycles between modules:"]
    out += [f"  {' <-> '.join(group)}" for group in figures["module_cycles"]] or ["  none"]
    out += [
        "",
        f"imports inside a function: {figures['imports_inside_functions']}"
        f" ({figures['imports_inside_functions_without_reason']} without a comment saying why)",
    ]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    figures = measure()
    print(json.dumps(figures, indent=2) if parser.parse_args().json else report(figures))


if __name__ == "__main__":
    main()
