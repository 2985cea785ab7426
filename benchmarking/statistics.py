"""The arithmetic of benchmarking as pure functions over numpy arrays: no database access here.

A `Dataset` holds one row per organisation and one column per metric: the indicators' values (numbers as they
are; yes = 1, no = 0; a choice as the points of its colour, red 0 / yellow 1 / green 2), then the total score and
the dimension scores computed with the label rules of `labelling.framework.scoring` (green 2, yellow 1, red 0 points; an
indicator scores points / 2; weighted means in percent; missing and "not applicable" values left out).

Statistics per metric and peer group: n, first quartile, median, third quartile and mean, and the 10th and 90th
percentiles where at least 20 organisations have a value, with linear interpolation between the closest ranks
(numpy's default, PostgreSQL's percentile_cont). Never the minimum or the maximum: each is one peer's value
(domain.md, rules made precise 2026-12-02).

Scores are kept unrounded (rounding is for display only) so percentile ranks compare the real scores: each score
is computed as one division of two exact integers (points times weights in hundredths), so equal scores are equal
floats and different scores never collapse.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter

import numpy as np

from benchmarking.models import MIN_PEERS, OUTER_PERCENTILES_MIN_PEERS, GroupKind

TOTAL = "total"
_KIND_CODES = {"yesno": 1, "choice": 2}
QUANTILES = (10, 25, 50, 75, 90)
HISTOGRAM_BINS = tuple(range(0, 101, 10))


def dimension_metric(number: int | str) -> str:
    return f"dim:{number}"


@dataclass(frozen=True)
class IndicatorInfo:
    """What the arithmetic needs of an indicator (see `labelling.models.Indicator`)."""

    id: int
    code: str
    name: str
    kind: str
    direction: str
    green: float | None
    yellow: float | None
    weight: float
    dimension: int
    dimension_name: str = ""
    unit: str = ""
    choices: tuple = ()

    @property
    def is_numeric(self) -> bool:
        return self.kind in ("number", "percentage", "count")

    def choice_points(self, value: str) -> float | None:
        for option in self.choices:
            if option.get("value") == value:
                return {"green": 2.0, "yellow": 1.0, "red": 0.0}.get(option.get("colour"))
        return None


@dataclass
class OrganisationInfo:
    """The attributes that put an organisation into peer groups."""

    id: int
    country: str
    sector: str
    age_band: str
    size_band: str
    excellent: bool

    def group_keys(self) -> dict[str, str]:
        return {
            GroupKind.ALL: "",
            GroupKind.COUNTRY: self.country,
            GroupKind.SECTOR: self.sector,
            GroupKind.AGE: self.age_band,
            GroupKind.SIZE: self.size_band,
        }


@dataclass
class Dataset:
    """Every organisation with data (rows) against every metric (columns); NaN where there is no value."""

    indicators: list[IndicatorInfo]
    organisations: list[OrganisationInfo]
    matrix: np.ndarray
    assessment_ids: dict[int, int] = field(default_factory=dict)
    values_count: int = 0
    framework: str = ""
    _rows: list = field(default_factory=list, repr=False)
    _usable: np.ndarray | None = field(default=None, repr=False)
    _keep: set | None = field(default=None, repr=False)
    _raw: dict | None = field(default=None, repr=False)

    @property
    def raw(self) -> dict[int, dict[str, object]]:
        """{organisation: {code: value as given (Decimal-free float, bool or choice)}}, built on first use."""
        if self._raw is None:
            kinds = {i.code: i.kind for i in self.indicators}
            raw: dict[int, dict[str, object]] = {}
            usable = self._usable
            for position, (org_id, _a, _i, code, number, boolean, choice) in enumerate(self._rows):
                if usable is not None and not usable[position]:
                    continue
                if self._keep is not None and org_id not in self._keep:
                    continue
                kind = kinds.get(code)
                raw.setdefault(org_id, {})[code] = (
                    boolean if kind == "yesno" else choice if kind == "choice" else number
                )
            self._raw = raw
        return self._raw

    @property
    def metrics(self) -> list[str]:
        return [i.code for i in self.indicators] + [TOTAL] + [dimension_metric(d) for d in self.dimension_numbers]

    @property
    def dimension_numbers(self) -> list[int]:
        return sorted({i.dimension for i in self.indicators})

    def row_of(self) -> dict[int, int]:
        return {org.id: row for row, org in enumerate(self.organisations)}

    def group_masks(self) -> Iterable[tuple[str, str, np.ndarray]]:
        """(kind, key, boolean row mask) for every peer group present in the data."""
        size = len(self.organisations)
        yield GroupKind.ALL, "", np.ones(size, dtype=bool)
        for kind, attribute in (
            (GroupKind.COUNTRY, "country"),
            (GroupKind.SECTOR, "sector"),
            (GroupKind.AGE, "age_band"),
            (GroupKind.SIZE, "size_band"),
        ):
            keys = np.array([getattr(org, attribute) for org in self.organisations], dtype=object)
            for key in sorted(set(keys.tolist())):
                yield kind, key, keys == key
        yield GroupKind.EXCELLENCE, "", np.array([org.excellent for org in self.organisations], dtype=bool)


def build_dataset(
    *,
    indicators: Sequence[IndicatorInfo],
    rows: Sequence[tuple],
    organisations: dict[int, OrganisationInfo],
    keep_raw_for: Iterable[int] | None = None,
) -> Dataset:
    """Arrange the selector's rows (org, assessment, indicator id, code, number, bool, choice) into a Dataset.

    Vectorised: the rows are transposed once and placed into the matrix with numpy; only choice answers are
    looked up one by one. The values as given are kept for `keep_raw_for` (all when None).
    """
    org_ids = sorted(organisations)
    values = np.full((len(org_ids), len(indicators)), np.nan)
    dataset = Dataset(indicators=list(indicators), organisations=[organisations[o] for o in org_ids], matrix=values)
    rows = list(rows)
    if rows and org_ids:
        orgs, assessments, _ids, codes, numbers, booleans, choices = (list(map(itemgetter(n), rows)) for n in range(7))
        org_array = np.fromiter(orgs, dtype=np.int64, count=len(rows))
        sorted_orgs = np.array(org_ids, dtype=np.int64)
        row_index = np.searchsorted(sorted_orgs, org_array)
        known_org = (row_index < len(org_ids)) & (sorted_orgs[np.minimum(row_index, len(org_ids) - 1)] == org_array)
        # Column of each row by its indicator id (one lookup per distinct id; other framework versions map by code)
        column_of = {i.code: n for n, i in enumerate(indicators)}
        indicator_ids = np.fromiter(_ids, dtype=np.int64, count=len(rows))
        distinct, first = np.unique(indicator_ids, return_index=True)
        lookup = np.full(int(distinct.max()) + 1, -1, dtype=np.int64)
        for indicator_id, position in zip(distinct.tolist(), first.tolist(), strict=True):
            lookup[indicator_id] = column_of.get(codes[position], -1)
        column_index = lookup[indicator_ids]
        number = np.array(numbers, dtype=float)
        boolean = np.array(booleans, dtype=float)
        kind_codes = np.array([_KIND_CODES.get(i.kind, 0) for i in indicators] + [-1], dtype=np.int8)
        kinds = kind_codes[column_index]
        encoded = np.where(kinds == 1, boolean, np.where(kinds == 2, np.nan, number))
        for position in np.nonzero(kinds == 2)[0]:
            points = indicators[column_index[position]].choice_points(choices[position])
            encoded[position] = np.nan if points is None else points
        usable = known_org & (column_index >= 0) & ~np.isnan(encoded)
        values[row_index[usable], column_index[usable]] = encoded[usable]
        dataset.values_count = int(usable.sum())
        distinct_orgs, first_row = np.unique(org_array[usable], return_index=True)
        used_assessments = np.fromiter(assessments, dtype=np.int64, count=len(rows))[usable][first_row]
        dataset.assessment_ids = dict(zip(distinct_orgs.tolist(), used_assessments.tolist(), strict=True))
        keep = None if keep_raw_for is None else set(keep_raw_for)
        dataset._rows = rows
        dataset._usable = usable
        dataset._keep = keep
    scores = score_columns(list(indicators), values)
    dataset.matrix = np.hstack([values, scores]) if len(org_ids) else np.empty((0, len(indicators) + scores.shape[1]))
    return dataset


def points_matrix(indicators: Sequence[IndicatorInfo], values: np.ndarray) -> np.ndarray:
    """Colour points (2 green, 1 yellow, 0 red, NaN no value) of every value, by the label rules."""
    points = np.full(values.shape, np.nan)
    for column, indicator in enumerate(indicators):
        v = values[:, column]
        present = ~np.isnan(v)
        if indicator.kind == "yesno":
            points[present, column] = np.where(v[present] >= 1, 2.0, 0.0)
        elif indicator.kind == "choice":
            points[present, column] = v[present]
        elif indicator.green is not None and indicator.yellow is not None:
            if indicator.direction == "lower":
                green, yellow = v <= indicator.green, v <= indicator.yellow
            else:
                green, yellow = v >= indicator.green, v >= indicator.yellow
            points[present, column] = np.where(green, 2.0, np.where(yellow, 1.0, 0.0))[present]
    return points


def _weight_units(weights: np.ndarray) -> np.ndarray:
    """Weights (two decimals, as the model stores them) as whole hundredths, exact in float arithmetic."""
    return np.round(np.asarray(weights, dtype=float) * 100)


def _weighted_percent(points: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The weighted mean score in percent, unrounded: 100 * sum(points * w) / (2 * sum(w)) over present values.

    Numerator and denominator are exact integers (points 0/1/2, weights in hundredths), so each score is the
    correctly rounded float of the exact fraction: equal fractions give equal floats (ties rank as ties)."""
    units = _weight_units(weights)
    present = ~np.isnan(points)
    weight = np.where(present, units, 0.0).sum(axis=1)
    weighted = np.where(present, np.nan_to_num(points) * units, 0.0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(weight > 0, (weighted * 100) / (2 * np.where(weight > 0, weight, 1)), np.nan)


def score_columns(indicators: list[IndicatorInfo], values: np.ndarray) -> np.ndarray:
    """Total score and one score per dimension (percent, unrounded), one row per organisation."""
    points = points_matrix(indicators, values)
    weights = np.array([i.weight for i in indicators], dtype=float)
    columns = [_weighted_percent(points, weights)]
    for number in sorted({i.dimension for i in indicators}):
        selected = np.array([i.dimension == number for i in indicators], dtype=bool)
        columns.append(_weighted_percent(points[:, selected], weights[selected]))
    return np.column_stack(columns) if values.shape[0] else np.empty((0, len(columns)))


@dataclass(frozen=True)
class Summary:
    """n, q1, median, q3 and mean of one metric in one group (figures None below MIN_PEERS), and the 10th and 90th
    percentiles from OUTER_PERCENTILES_MIN_PEERS values on. No minimum or maximum: each is a single peer's value."""

    n: int
    p10: float | None = None
    q1: float | None = None
    median: float | None = None
    q3: float | None = None
    p90: float | None = None
    mean: float | None = None


def summarise(values: np.ndarray) -> Summary:
    """The statistics of one column (NaN left out); only the count when fewer than MIN_PEERS values."""
    return summarise_block(values.reshape(-1, 1))[0]


def _lerp(a: np.ndarray, b: np.ndarray, t: np.ndarray) -> np.ndarray:
    # numpy's own linear interpolation (numpy/lib/_function_base_impl.py, _lerp), for identical results.
    diff = b - a
    result = a + diff * t
    return np.where(t >= 0.5, b - diff * (1 - t), result)


def summarise_block(block: np.ndarray) -> list[Summary]:
    """Summary of every column of `block` (rows: organisations), all columns at once: one sort per block.

    Quantiles with linear interpolation between closest ranks (numpy's default, PostgreSQL's percentile_cont).
    """
    ordered = np.sort(block, axis=0)  # NaN sort last
    counts = (~np.isnan(block)).sum(axis=0)
    columns = np.arange(block.shape[1])
    last = np.maximum(counts - 1, 0)
    figures = []
    for q in QUANTILES:
        position = last * (q / 100)
        low = np.floor(position).astype(np.int64)
        high = np.minimum(low + 1, last)
        figures.append(_lerp(ordered[low, columns], ordered[high, columns], position - low))
    quantiles = np.maximum.accumulate(np.vstack(figures), axis=0)  # guard against float noise
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.nansum(block, axis=0) / np.where(counts > 0, counts, 1)
    result = []
    for column, n in enumerate(counts.tolist()):
        if n < MIN_PEERS:
            result.append(Summary(n=n))
            continue
        p10, q1, median, q3, p90 = quantiles[:, column].tolist()
        outer = n >= OUTER_PERCENTILES_MIN_PEERS
        result.append(
            Summary(
                n,
                p10=p10 if outer else None,
                q1=q1,
                median=median,
                q3=q3,
                p90=p90 if outer else None,
                mean=float(means[column]),
            )
        )
    return result


def group_statistics(dataset: Dataset) -> list[tuple[str, str, str, Summary]]:
    """(metric, group kind, group key, Summary) for every metric in every peer group present in the data."""
    metrics = dataset.metrics
    result = []
    for kind, key, mask in dataset.group_masks():
        if not mask.any():
            continue
        for metric, summary in zip(metrics, summarise_block(dataset.matrix[mask]), strict=True):
            result.append((metric, kind, key, summary))
    return result


def histogram(dataset: Dataset) -> list[int]:
    """How many organisations have a total score in each 10-point bin (0-10, ..., 90-100)."""
    if not dataset.organisations:
        return [0] * (len(HISTOGRAM_BINS) - 1)
    totals = dataset.matrix[:, len(dataset.indicators)]
    counts, _edges = np.histogram(totals[~np.isnan(totals)], bins=HISTOGRAM_BINS)
    return [int(c) for c in counts]


def percentile_rank(sorted_values: np.ndarray, value: float, *, lower_is_better: bool = False) -> float:
    """Share of the group (in percent) that `value` does better than, ties counting half; 100 = best."""
    n = sorted_values.size
    below = np.searchsorted(sorted_values, value, side="left")
    up_to = np.searchsorted(sorted_values, value, side="right")
    equal = up_to - below
    worse = (n - up_to) if lower_is_better else below
    return float(round(100.0 * (worse + 0.5 * equal) / n, 1))


def metric_is_lower_better(dataset: Dataset, column: int) -> bool:
    return column < len(dataset.indicators) and dataset.indicators[column].direction == "lower"


def ranks_for(dataset: Dataset, organisation_ids: Iterable[int]) -> dict[int, dict[str, dict[str, float | None]]]:
    """{organisation: {group kind: {metric: percentile rank or None (too few peers)}}} within each organisation's
    own groups and the excellence group. Set-wise: each group's columns are sorted once."""
    wanted = set(organisation_ids)
    row_of = dataset.row_of()
    metrics = dataset.metrics
    result: dict[int, dict[str, dict[str, float | None]]] = {o: {} for o in wanted if o in row_of}
    by_key: dict[tuple[str, str], list[int]] = {}
    for org_id in result:
        org = dataset.organisations[row_of[org_id]]
        for kind, key in org.group_keys().items():
            by_key.setdefault((kind, key), []).append(org_id)
        by_key.setdefault((GroupKind.EXCELLENCE, ""), []).append(org_id)
    for kind, key, mask in dataset.group_masks():
        members = by_key.get((kind, key))
        if not members:
            continue
        block = dataset.matrix[mask]
        member_rows = np.array([row_of[o] for o in members])
        for column, metric in enumerate(metrics):
            col = block[:, column]
            col = np.sort(col[~np.isnan(col)])
            values = dataset.matrix[member_rows, column]
            if col.size < MIN_PEERS:
                ranks = [None] * len(members)
            else:
                below = np.searchsorted(col, values, side="left")
                up_to = np.searchsorted(col, values, side="right")
                worse = (col.size - up_to) if metric_is_lower_better(dataset, column) else below
                computed = np.round(100.0 * (worse + 0.5 * (up_to - below)) / col.size, 1)
                ranks = [None if np.isnan(v) else float(r) for v, r in zip(values, computed, strict=True)]
            for org_id, rank in zip(members, ranks, strict=True):
                result[org_id].setdefault(kind, {})[metric] = rank
    return result
