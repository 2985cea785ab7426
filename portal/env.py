"""Typed helpers that read settings from the environment and fail loudly on bad values."""

from __future__ import annotations

import os
import sys
from urllib.parse import parse_qs, unquote, urlparse


class ImproperlyConfiguredEnv(RuntimeError):
    """A setting in the environment has a value that cannot be used."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def load_dotenv(path) -> None:
    """Read KEY=value lines of a local `.env` file (made by `make run`) without overriding the real environment."""
    try:
        lines = path.read_text().splitlines()
    except FileNotFoundError:
        return
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if "=" not in line:
            raise ImproperlyConfiguredEnv(f"{path}:{number}: expected KEY=value")
        key, value = line.split("=", 1)
        os.environ.setdefault(key.strip(), value.strip().strip('"').strip("'"))


# manage.py commands that read the code, never a secret: a build step or a fresh checkout runs them without one.
COMMANDS_WITHOUT_SECRETS = frozenset(
    {"makemigrations", "collectstatic", "compilemessages", "makemessages", "spectacular"}
)


def running_command_without_secrets(argv: list[str] | None = None) -> bool:
    """True when this process is `manage.py <command>` for one of COMMANDS_WITHOUT_SECRETS."""
    argv = sys.argv if argv is None else argv
    return len(argv) > 1 and os.path.basename(argv[0]) == "manage.py" and argv[1] in COMMANDS_WITHOUT_SECRETS


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfiguredEnv(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no, on/off)")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfiguredEnv(f"{name}={raw!r} is not an integer") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_url(url: str, *, base_dir) -> dict:
    """Turn DATABASE_URL (postgres://, postgresql://, sqlite:///path) into a Django DATABASES entry."""
    parsed = urlparse(url)
    if parsed.scheme in ("postgres", "postgresql", "pgsql"):
        options = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path)
        if path in ("", "/"):
            raise ImproperlyConfiguredEnv("DATABASE_URL sqlite:/// needs a file path, e.g. sqlite:///db.sqlite3")
        # sqlite:///relative.db -> relative to the project; sqlite:////abs/path.db -> absolute
        name = path[1:] if path.startswith("/") and not path.startswith("//") else path[1:]
        if not os.path.isabs(name):
            name = str(base_dir / name)
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": name, "OPTIONS": {"timeout": 20}}
    raise ImproperlyConfiguredEnv(f"DATABASE_URL scheme {parsed.scheme!r} is not supported (postgres:// or sqlite:///)")


def email_from_url(url: str) -> dict:
    """EMAIL_URL: console://, smtp://user:pass@host:port, smtp+tls://..., smtp+ssl://..., locmem://."""
    parsed = urlparse(url)
    if parsed.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parsed.scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if parsed.scheme in ("smtp", "smtp+tls", "smtp+ssl"):
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parsed.hostname or "localhost",
            "EMAIL_PORT": parsed.port
            or (465 if parsed.scheme == "smtp+ssl" else 587 if parsed.scheme == "smtp+tls" else 25),
            "EMAIL_HOST_USER": unquote(parsed.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
            "EMAIL_USE_TLS": parsed.scheme == "smtp+tls",
            "EMAIL_USE_SSL": parsed.scheme == "smtp+ssl",
        }
    raise ImproperlyConfiguredEnv(
        f"EMAIL_URL scheme {parsed.scheme!r} is not supported (console, smtp, smtp+tls, smtp+ssl)"
    )
