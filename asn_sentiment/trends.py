"""Aggregation of classified comments over time, groups and sources.

Pure pandas/numpy on the classified table: no plotting, no file I/O.  Charts
and the report read only the tables built here, and every table is already
protected: small groups are suppressed here, once (see
:mod:`asn_sentiment.suppression`), so no chart or report can bypass it.

Cells.  A *cell* is one source × period × group (group = unit, position or
source, chosen by ``by``).  The tables publish every cell with data plus the
margins ``group = "all"`` (per source and period), ``period = "all"`` (per
source, over all periods, undated rows included) and, when there are several
sources, ``source = "all"`` for the all-groups rows.  Rows whose period is
unknown (no date; or no wave with ``period="wave"``) form the period
``"undated"``: they are counted in totals, never dropped, and never drawn on a
time axis.  Periods with no data have no row at all: they are gaps, not zeros.

Counting.  ``n`` counts *answers* (non-empty open-text cells: one respondent
answering two open questions gives two answers); ``respondents`` counts
distinct respondents (``source_file`` + ``row``).  Shares are shares of
answers, with 95% Wilson intervals.  Likert items are counted once per
respondent.

Tests.  Changes between two periods are tested with a two-sided
two-proportion z-test (pooled variance), or Fisher's exact test when an
expected count is below 5; Likert means with Welch's t-test.  p-values are
adjusted with the Benjamini–Hochberg false discovery rate
(``scipy.stats.false_discovery_control``) within each family: one kind of
comparison (consecutive periods, before/after events, first/last period,
group vs rest) × one metric × one level (all-groups lines; individual
groups).  A comparison shared by several events is tested once.
``significant`` means adjusted p < 0.05.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats
from scipy.stats import norm

from asn_sentiment.suppression import Relation, protect
from asn_sentiment.taxonomy import Taxonomy

PERIODS = ("week", "month", "quarter", "wave")
BY = ("unit", "source", "position")
ALL = "all"
UNDATED = "undated"
UNKNOWN = "(unknown)"
SENTIMENTS = ("positive", "neutral", "negative")
DEFAULT_MIN_GROUP = 5
ALPHA = 0.05
LIKERT_LEVELS = (1, 2, 3, 4, 5)
COMPARISONS = ("consecutive", "event", "first_last", "group_vs_rest")

#: Honorific + capitalised name in a quote ("Pak Ahmad Yani" -> "Pak [NAMA]").
_NAME_AFTER_TITLE = re.compile(
    r"\b(Pak|Bu|Bapak|Ibu|Sdr\.?|Saudara|Saudari|Mas|Mbak|Bang|Kak|Om|Tante)"
    r"\s+(?!\[)[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}"
)
_PLACEHOLDER = re.compile(r"\[(?:NIP|NIK|TELEPON|EMAIL|NAMA)\]")


# --------------------------------------------------------------------------- stats
def wilson_interval(
    k: np.ndarray | float, n: np.ndarray | float, level: float = 0.95
) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for ``k`` successes out of ``n`` (NaN where n == 0)."""
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    z = norm.ppf(0.5 + level / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
    # clip rounding noise (k = 0 gives -1e-18, which would print as "-0.0"); the bounds
    # are exactly 0 at k = 0 and 1 at k = n (rounding gave +1.7e-18 for 0 of 137)
    lo = np.where(k == 0, 0.0, np.clip(centre - half, 0.0, 1.0))
    hi = np.where(k == n, 1.0, np.clip(centre + half, 0.0, 1.0))
    return lo[()], hi[()]  # a scalar for scalar input, as np.clip gave


def two_proportion_test(k1: int, n1: int, k2: int, n2: int) -> tuple[str, float, float]:
    """Two-sided test of p1 == p2: ``(test name, statistic, p-value)``.

    Pooled two-proportion z-test; Fisher's exact test when any expected count
    is below 5 (the z approximation is poor there).
    """
    if n1 <= 0 or n2 <= 0:
        return "", float("nan"), float("nan")
    pooled = (k1 + k2) / (n1 + n2)
    expected = (n1 * pooled, n1 * (1 - pooled), n2 * pooled, n2 * (1 - pooled))
    if min(expected) < 5:
        table = [[k1, n1 - k1], [k2, n2 - k2]]
        result = stats.fisher_exact(table)
        return "fisher_exact", float(result.statistic), float(result.pvalue)
    se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return "z_test", 0.0, 1.0
    z = (k2 / n2 - k1 / n1) / se
    return "z_test", float(z), float(2 * norm.sf(abs(z)))


def two_proportion_tests(
    k1: np.ndarray, n1: np.ndarray, k2: np.ndarray, n2: np.ndarray
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """:func:`two_proportion_test` over arrays (z-tests vectorised, Fisher where needed)."""
    k1, n1, k2, n2 = (np.asarray(a, dtype=float) for a in (k1, n1, k2, n2))
    with np.errstate(invalid="ignore", divide="ignore"):
        pooled = (k1 + k2) / (n1 + n2)
        expected = np.minimum.reduce(
            [n1 * pooled, n1 * (1 - pooled), n2 * pooled, n2 * (1 - pooled)]
        )
        se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        z = np.where(se > 0, (k2 / n2 - k1 / n1) / se, 0.0)
    p = np.where(se > 0, 2 * norm.sf(np.abs(z)), 1.0)
    names = ["z_test"] * len(k1)
    stat = z.copy()
    for q in np.flatnonzero(expected < 5):
        names[q], stat[q], p[q] = two_proportion_test(
            int(k1[q]), int(n1[q]), int(k2[q]), int(n2[q])
        )
    return names, stat, p


def welch_test(
    m1: float, s1: float, n1: int, m2: float, s2: float, n2: int
) -> tuple[str, float, float]:
    """Welch's t-test for two means from summary statistics."""
    if n1 < 2 or n2 < 2:
        return "", float("nan"), float("nan")
    if s1 == 0 and s2 == 0:
        return "welch_t", 0.0, 1.0 if m1 == m2 else 0.0
    res = stats.ttest_ind_from_stats(m1, s1, n1, m2, s2, n2, equal_var=False)
    return "welch_t", float(res.statistic), float(res.pvalue)


# --------------------------------------------------------------------------- periods
def period_of(results: pd.DataFrame, period: str) -> pd.Series:
    """Label each row with its period (``2026-03``, ``2026-W11``, ``2026-Q1`` or wave).

    Rows whose period is unknown get ``"undated"``.
    """
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}")
    if period == "wave":
        waves = results["wave"].fillna("").astype(str).str.strip()
        return waves.where(waves != "", UNDATED).astype(str)
    raw = results["date"].fillna("").astype(str).str.strip().str[:10]
    dates = pd.to_datetime(raw.where(raw != "", None), format="%Y-%m-%d", errors="coerce")
    if period == "month":
        labels = dates.dt.strftime("%Y-%m")
    elif period == "quarter":
        labels = (
            dates.dt.year.astype("Int64").astype(str)
            + "-Q"
            + dates.dt.quarter.astype("Int64").astype(str)
        )
    else:
        iso = dates.dt.isocalendar()
        labels = iso["year"].astype(str) + "-W" + iso["week"].astype(str).str.zfill(2)
    return labels.where(dates.notna(), UNDATED).astype(str)


def calendar_bounds(label: str, period: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of a calendar period label (None for waves/undated)."""
    try:
        if period == "month":
            p = pd.Period(label, freq="M")
        elif period == "quarter":
            p = pd.Period(label.replace("-", ""), freq="Q")
        elif period == "week":
            year, week = label.split("-W")
            start = dt.date.fromisocalendar(int(year), int(week), 1)
            return start, start + dt.timedelta(days=6)
        else:
            return None
    except (ValueError, TypeError):
        return None
    return p.start_time.date(), p.end_time.date()


def period_axis(labels: Sequence[str], period: str, bounds: dict[str, tuple]) -> list[str]:
    """Every period from the first to the last with data, gaps included, in order.

    Waves are ordered by their first date (then name); calendar periods are
    continuous, so a month without data is on the axis as a gap.
    """
    present = sorted({lab for lab in labels if lab not in (UNDATED, ALL)})
    if not present:
        return []
    if period == "wave":
        far = dt.date.max
        return sorted(present, key=lambda w: (bounds.get(w, (far, far))[0] or far, w))
    if period in ("month", "quarter"):
        freq = "M" if period == "month" else "Q"
        norm_labels = [lab.replace("-", "") if freq == "Q" else lab for lab in present]
        rng = pd.period_range(min(norm_labels), max(norm_labels), freq=freq)
        if freq == "M":
            return [str(p) for p in rng]
        return [f"{p.year}-Q{p.quarter}" for p in rng]
    first = bounds[present[0]][0]
    last = bounds[present[-1]][0]
    out = []
    day = first
    while day <= last:
        y, w, _ = day.isocalendar()
        out.append(f"{y}-W{w:02d}")
        day += dt.timedelta(days=7)
    return out


# --------------------------------------------------------------------------- result
@dataclass
class Trends:
    """The protected tables that charts and the report are drawn from.

    Every table holds only published values: suppressed cells keep their row
    (``suppressed`` is True) with every number blank.
    """

    period: str
    by: str
    min_group: int
    periods: list[str]  # time axis, gaps included, undated excluded
    bounds: dict[str, tuple[dt.date | None, dt.date | None]]
    sources: list[str]
    groups: list[str]
    metrics: list[str]
    cells: pd.DataFrame  # source, period, group, respondents, n, suppressed
    summary: pd.DataFrame  # tidy: + metric, count, share, ci_low, ci_high
    theme_sentiment: pd.DataFrame
    likert: pd.DataFrame
    likert_items: dict[str, str]
    changes: pd.DataFrame
    attention: pd.DataFrame
    verbatims: pd.DataFrame
    events: pd.DataFrame  # date, label, number, before/after per source
    undated: pd.DataFrame  # source, answers, respondents (never suppressed: counts only)
    suppressed_cells: int = 0
    suppression_primary: int = 0
    suppression_complementary: int = 0
    likert_suppressed_cells: int = 0
    totals: dict[str, float] = field(default_factory=dict)
    model_versions: list[str] = field(default_factory=list)
    theme_model_versions: list[str] = field(default_factory=list)
    duplicates_dropped: int = 0

    def value(self, metric: str, source: str = ALL, period: str = ALL, group: str = ALL) -> float:
        """Published share of ``metric`` in one cell (NaN if absent or suppressed)."""
        s = self.summary
        hit = s[
            (s["metric"] == metric)
            & (s["source"] == source)
            & (s["period"] == period)
            & (s["group"] == group)
        ]
        return float(hit["share"].iloc[0]) if len(hit) else float("nan")

    @property
    def undated_total(self) -> int:
        """Answers without a period, all sources."""
        return int(self.undated["answers"].sum()) if len(self.undated) else 0


# --------------------------------------------------------------------------- preparing
def _theme_matrix(themes: pd.Series, taxonomy: Taxonomy) -> pd.DataFrame:
    """0/1 matrix rows × taxonomy ids (built once per distinct ``themes`` value)."""
    codes, uniques = pd.factorize(themes.fillna("").astype(str), sort=True)
    position = {tid: i for i, tid in enumerate(taxonomy.ids)}
    table = np.zeros((len(uniques) + 1, len(taxonomy.ids)), dtype=np.int32)
    unknown: set[str] = set()
    for u, value in enumerate(uniques):
        for tid in (x.strip() for x in str(value).split(";")):
            if not tid:
                continue
            if tid in position:
                table[u, position[tid]] = 1
            else:
                unknown.add(tid)
    if unknown:
        raise UnknownThemes(sorted(unknown))
    return pd.DataFrame(table[codes], index=themes.index, columns=taxonomy.ids)


class UnknownThemes(ValueError):
    """Results carry theme ids the taxonomy does not define."""

    def __init__(self, ids: list[str]) -> None:
        super().__init__(", ".join(ids))
        self.ids = ids


def likert_columns(results: pd.DataFrame) -> list[str]:
    """The ``likert__*`` columns of a results table, in the survey's question order.

    The order of the original headers carried in the results decides; items
    whose header is not there come last, alphabetically.
    """
    cols = sorted(c for c in results.columns if str(c).startswith("likert__"))
    originals = [str(c) for c in results.columns if not str(c).startswith("likert__")]
    slugs = [re.sub(r"[^0-9a-z]+", "_", h.casefold()).strip("_") for h in originals]

    def position(col: str) -> tuple[int, str]:
        slug = col[len("likert__") :]
        hits = [i for i, s in enumerate(slugs) if s and s.startswith(slug)]
        return (hits[0] if hits else len(slugs), col)

    return sorted(cols, key=position)


def likert_item_labels(results: pd.DataFrame) -> dict[str, str]:
    """Readable label of each Likert column: the original header it came from.

    ``likert__saya_memahami_tujuan`` is matched back to the user's column
    ``Saya memahami tujuan penataan organisasi ASN`` when that column is in the
    results; otherwise the slug is turned back into words.
    """
    labels: dict[str, str] = {}
    originals = [c for c in results.columns if not str(c).startswith("likert__")]
    for col in likert_columns(results):
        slug = col[len("likert__") :]
        found = None
        for header in originals:
            words = re.sub(r"[^0-9a-z]+", "_", str(header).casefold()).strip("_")
            if words and words.startswith(slug):
                found = str(header)
                break
        labels[col] = found or slug.replace("_", " ").strip().capitalize()
    return labels


def _prepare(
    results: pd.DataFrame, period: str, by: str
) -> tuple[pd.DataFrame, dict[str, tuple], list[str]]:
    """Keys (respondent, source, period, group) of every row, with period bounds."""
    frame = pd.DataFrame(index=results.index)
    respondent = (
        results["source_file"].astype(str) + "\x1f" + results["row"].astype(str)
        if "source_file" in results and "row" in results
        else pd.Series(np.arange(len(results)).astype(str), index=results.index)
    )
    frame["rid"] = pd.factorize(respondent)[0]
    source = results["source"].fillna("").astype(str).str.strip().str.lower()
    frame["source"] = source.where(source != "", UNKNOWN)
    frame["period"] = period_of(results, period) if len(results) else pd.Series(dtype=str)
    if by == "source":
        frame["group"] = ALL
    else:
        col = "unit" if by == "unit" else "position"
        values = (
            results[col].fillna("").astype(str).str.strip()
            if col in results
            else pd.Series("", index=results.index)
        )
        frame["group"] = values.where(values != "", UNKNOWN)
    text = results["text"].fillna("").astype(str)
    frame["has_text"] = text.str.strip() != ""
    bounds: dict[str, tuple] = {}
    labels = sorted(set(frame["period"]) - {UNDATED})
    if period == "wave":
        raw = results["date"].fillna("").astype(str).str[:10]
        dates = pd.to_datetime(raw.where(raw != "", None), format="%Y-%m-%d", errors="coerce")
        spans = (
            pd.DataFrame({"w": frame["period"], "d": dates})
            .dropna()
            .groupby("w")["d"]
            .agg(["min", "max"])
        )
        for lab in labels:
            if lab in spans.index:
                bounds[lab] = (spans.loc[lab, "min"].date(), spans.loc[lab, "max"].date())
            else:
                bounds[lab] = (None, None)
    else:
        for lab in labels:
            b = calendar_bounds(lab, period)
            bounds[lab] = b if b else (None, None)
    axis = period_axis(labels, period, bounds)
    for lab in axis:
        if lab not in bounds:
            b = calendar_bounds(lab, period)
            bounds[lab] = b if b else (None, None)
    return frame, bounds, axis


# --------------------------------------------------------------------------- cube
def _cube(base: pd.DataFrame, multi_source: bool, by_groups: bool) -> pd.DataFrame:
    """Add the published margins to a table of base cells (sums of counts)."""
    keys = ["source", "period", "group"]
    parts = [base]
    if by_groups:
        parts.append(base.groupby(["source", "period"], sort=True).sum().assign(group=ALL))
    per_sp = parts[-1] if by_groups else base
    parts.append(per_sp.groupby(["source"], sort=True).sum().assign(period=ALL, group=ALL))
    if multi_source:
        parts.append(per_sp.groupby(["period"], sort=True).sum().assign(source=ALL, group=ALL))
        total = per_sp.drop(columns=keys, errors="ignore").sum().to_frame().T
        parts.append(total.assign(source=ALL, period=ALL, group=ALL))
    out = []
    for p in parts:
        p = p.reset_index() if not set(keys) <= set(p.columns) else p.reset_index(drop=True)
        out.append(p)
    cube = pd.concat(out, ignore_index=True)
    return cube.drop(columns=[c for c in cube.columns if c == "index"])


def _relations(
    cells: pd.DataFrame, sources: list[str], by_groups: bool, multi_source: bool
) -> list[Relation]:
    keyset = set(zip(cells["source"], cells["period"], cells["group"], strict=True))
    rels: list[Relation] = []
    periods = sorted({p for _, p, _ in keyset if p != ALL})
    if by_groups:
        by_sp: dict[tuple[str, str], list] = {}
        for s, p, g in sorted(keyset):
            if g != ALL and p != ALL:
                by_sp.setdefault((s, p), []).append((s, p, g))
        rels += [Relation((s, p, ALL), tuple(parts)) for (s, p), parts in by_sp.items()]
    for s in sources:
        parts = tuple((s, p, ALL) for p in periods if (s, p, ALL) in keyset)
        rels.append(Relation((s, ALL, ALL), parts))
    if multi_source:
        for p in periods:
            parts = tuple((s, p, ALL) for s in sources if (s, p, ALL) in keyset)
            rels.append(Relation((ALL, p, ALL), parts))
        rels.append(Relation((ALL, ALL, ALL), tuple((s, ALL, ALL) for s in sources)))
        rels.append(Relation((ALL, ALL, ALL), tuple((ALL, p, ALL) for p in periods if p != ALL)))
    return rels


def _order(
    frame: pd.DataFrame, axis: list[str], sources: list[str], groups: list[str]
) -> pd.DataFrame:
    """Sort cells: source (all last), period (time order, undated, all), group."""
    p_rank = {p: i for i, p in enumerate([*axis, UNDATED, ALL])}
    s_rank = {s: i for i, s in enumerate([*sources, ALL])}
    g_rank = {g: i for i, g in enumerate([*groups, ALL])}
    key = pd.DataFrame(
        {
            "s": frame["source"].map(s_rank),
            "p": frame["period"].map(p_rank),
            "g": frame["group"].map(g_rank),
        }
    )
    order = np.lexsort([key["g"].to_numpy(), key["p"].to_numpy(), key["s"].to_numpy()])
    return frame.iloc[order].reset_index(drop=True)


# --------------------------------------------------------------------------- main
def summarise(
    results: pd.DataFrame,
    taxonomy: Taxonomy,
    period: str = "month",
    *,
    by: str = "unit",
    min_group: int = DEFAULT_MIN_GROUP,
    events: pd.DataFrame | None = None,
    verbatims_per_theme: int = 2,
) -> Trends:
    """Build every protected table from a classified results table.

    ``results`` has the columns of ``results.csv`` (see :mod:`asn_sentiment.ingest`);
    ``events`` is a table ``date`` (ISO), ``label``.  Raises
    :class:`UnknownThemes` when results carry theme ids outside ``taxonomy``.
    """
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}")
    if by not in BY:
        raise ValueError(f"by must be one of {BY}")
    k = max(int(min_group), 1)
    keys, bounds, axis = _prepare(results, period, by)
    by_groups = by != "source"
    sentiment = results["sentiment"].fillna("").astype(str)
    extra = sorted(set(sentiment[keys["has_text"]]) - set(SENTIMENTS) - {""})
    sentiment_labels = [*SENTIMENTS, *extra]
    themes = _theme_matrix(results["themes"], taxonomy)
    res_ids = taxonomy.ids_of_kind("resistance")
    sup_ids = taxonomy.ids_of_kind("support")

    # ---- indicator table of answers (rows with text)
    answered = keys["has_text"].to_numpy()
    ind = pd.DataFrame(index=results.index[answered])
    for lab in sentiment_labels:
        ind[f"sentiment_{lab}"] = (sentiment[answered] == lab).astype(np.int32).to_numpy()
    th = themes[answered]
    ind["resistance"] = (th[res_ids].sum(axis=1) > 0).astype(np.int32) if res_ids else 0
    ind["support"] = (th[sup_ids].sum(axis=1) > 0).astype(np.int32) if sup_ids else 0
    for tid in taxonomy.ids:
        ind[f"theme_{tid}"] = th[tid].to_numpy()
    for tid in taxonomy.ids:
        for lab in sentiment_labels:
            ind[f"mix_{tid}__{lab}"] = th[tid].to_numpy() * ind[f"sentiment_{lab}"].to_numpy()
    metrics = (
        [f"sentiment_{lab}" for lab in sentiment_labels]
        + ["resistance", "support"]
        + [f"theme_{tid}" for tid in taxonomy.ids]
    )
    k_keys = keys.loc[answered, ["source", "period", "group", "rid"]]
    sources = sorted(set(keys["source"]), key=source_order)
    multi_source = len(sources) > 1
    groups = sorted(set(keys["group"]) - {ALL}, key=lambda g: (g == UNKNOWN, g))

    grouped = pd.concat([k_keys[["source", "period", "group"]], ind], axis=1).groupby(
        ["source", "period", "group"], sort=True
    )
    base = grouped.sum()
    base.insert(0, "n", grouped.size())
    base.insert(
        0, "respondents", k_keys.groupby(["source", "period", "group"], sort=True)["rid"].nunique()
    )
    base = base.reset_index()
    cube = _cube(base, multi_source, by_groups)
    cube = _order(cube, axis, [*sources], groups)
    cell_keys = list(zip(cube["source"], cube["period"], cube["group"], strict=True))
    resp = dict(zip(cell_keys, cube["respondents"].astype(int), strict=True))
    answers = dict(zip(cell_keys, cube["n"].astype(int), strict=True))
    rels = _relations(cube, sources, by_groups, multi_source)
    supp = protect(resp, rels, k, other_counts=[answers])
    hidden = np.array([c in supp for c in cell_keys], dtype=bool)
    cube["suppressed"] = hidden

    # ---- tidy summary
    count_cols = metrics
    n = cube["n"].to_numpy(dtype=float)
    rows = []
    for m in count_cols:
        cnt = cube[m].to_numpy(dtype=float)
        lo, hi = wilson_interval(cnt, n)
        rows.append(
            pd.DataFrame(
                {
                    "source": cube["source"],
                    "period": cube["period"],
                    "by": by,
                    "group": cube["group"],
                    "metric": m,
                    "count": cnt,
                    "n": n,
                    "respondents": cube["respondents"].to_numpy(dtype=float),
                    "share": np.round(cnt / n, 4),
                    "ci_low": np.round(lo, 4),
                    "ci_high": np.round(hi, 4),
                    "suppressed": hidden,
                    "_cell": np.arange(len(cube)),
                    "_metric": count_cols.index(m),
                }
            )
        )
    summary = pd.concat(rows, ignore_index=True).sort_values(["_cell", "_metric"], kind="stable")
    summary = summary.drop(columns=["_cell", "_metric"]).reset_index(drop=True)
    summary = _blank(summary, ["count", "n", "respondents", "share", "ci_low", "ci_high"])
    for c in ("count", "n", "respondents"):
        summary[c] = summary[c].astype("Int64")

    cells = cube[["source", "period", "group", "respondents", "n", "suppressed"]].copy()
    cells["by"] = by
    cells = cells[["source", "period", "by", "group", "respondents", "n", "suppressed"]]
    cells = _blank(cells, ["respondents", "n"])
    for c in ("respondents", "n"):
        cells[c] = cells[c].astype("Int64")

    theme_sentiment = _theme_sentiment(cube, taxonomy, sentiment_labels, by, k)

    # ---- Likert (once per respondent)
    likert, item_labels, likert_hidden = _likert(
        results, keys, axis, sources, groups, by, by_groups, k, supp.cells
    )

    changes = _changes(cube, likert, metrics, axis, bounds, events)
    attention = _attention(cube[~hidden], axis, sources, changes, by_groups)
    verbatims = _verbatims(
        results, keys, themes, taxonomy, supp.cells, axis, by_groups, verbatims_per_theme
    )
    event_table = _event_table(events, axis, bounds)

    undated_mask = keys["period"] == UNDATED
    undated = (
        pd.DataFrame(
            {
                "source": keys.loc[undated_mask & keys["has_text"], "source"],
                "rid": keys.loc[undated_mask & keys["has_text"], "rid"],
            }
        )
        .groupby("source", sort=True)
        .agg(answers=("rid", "size"), respondents=("rid", "nunique"))
        .reset_index()
    )
    total_n = int(answered.sum())
    totals = {
        "n": float(total_n),
        "respondents": float(keys.loc[answered, "rid"].nunique()),
        "rows": float(len(results)),
    }
    return Trends(
        period=period,
        by=by,
        min_group=k,
        periods=axis,
        bounds=bounds,
        sources=sources,
        groups=groups,
        metrics=metrics,
        cells=cells,
        summary=summary,
        theme_sentiment=theme_sentiment,
        likert=likert,
        likert_items=item_labels,
        changes=changes,
        attention=attention,
        verbatims=verbatims,
        events=event_table,
        undated=undated,
        suppressed_cells=len(supp),
        suppression_primary=supp.primary,
        suppression_complementary=supp.complementary,
        likert_suppressed_cells=likert_hidden,
        totals=totals,
        model_versions=_versions(results, "model_version"),
        theme_model_versions=_versions(results, "theme_model_version"),
    )


def source_order(source: str) -> tuple[int, str]:
    """Sort key for sources: staff, public, then any other, alphabetically."""
    known = {"staff": 0, "public": 1}
    return (known.get(source, 2), source)


def _versions(results: pd.DataFrame, col: str) -> list[str]:
    if col not in results:
        return []
    return sorted({str(v) for v in results[col].fillna("").astype(str) if str(v).strip()})


def _blank(frame: pd.DataFrame, cols: Sequence[str]) -> pd.DataFrame:
    """Remove every number of suppressed rows."""
    out = frame.copy()
    mask = out["suppressed"].to_numpy(dtype=bool)
    for c in cols:
        values = out[c].to_numpy(dtype=float, na_value=np.nan).copy()
        values[mask] = np.nan
        out[c] = values
    return out


def _theme_sentiment(
    cube: pd.DataFrame, taxonomy: Taxonomy, labels: list[str], by: str, k: int
) -> pd.DataFrame:
    """Sentiment mix of the answers carrying each theme, per published cell.

    One row per cell × theme: ``n`` answers carry the theme, ``share_<label>``
    of them have each sentiment, with a Wilson interval for the negative
    share ("how negative is the talk about this theme").  Published cells
    list only themes that occur (``n`` > 0, as the summary shows); a
    suppressed cell lists every theme, blank.  Shares are shown only where at
    least ``k`` answers carry the theme: fewer is too few to read a mix from
    (a reliability rule; privacy is handled by the cells).
    """
    frames = []
    hidden = cube["suppressed"].to_numpy(dtype=bool)
    for t_i, tid in enumerate(taxonomy.ids):
        tn = cube[f"theme_{tid}"].to_numpy(dtype=float)
        keep = hidden | (tn > 0)
        part = {
            "source": cube["source"].to_numpy()[keep],
            "period": cube["period"].to_numpy()[keep],
            "by": by,
            "group": cube["group"].to_numpy()[keep],
            "theme": tid,
            "kind": taxonomy[tid].kind,
            "n": tn[keep],
        }
        with np.errstate(invalid="ignore", divide="ignore"):
            for lab in labels:
                cnt = cube[f"mix_{tid}__{lab}"].to_numpy(dtype=float)[keep]
                part[f"share_{lab}"] = np.round(cnt / tn[keep], 4)
                if lab == "negative":
                    lo, hi = wilson_interval(cnt, tn[keep])
                    part["negative_ci_low"] = np.round(lo, 4)
                    part["negative_ci_high"] = np.round(hi, 4)
        part["suppressed"] = hidden[keep]
        part["too_few"] = (tn[keep] < k) & ~hidden[keep]
        part["_cell"] = np.flatnonzero(keep)
        part["_t"] = t_i
        frames.append(pd.DataFrame(part))
    out = pd.concat(frames, ignore_index=True).sort_values(["_cell", "_t"], kind="stable")
    out = out.drop(columns=["_cell", "_t"]).reset_index(drop=True)
    numbers = [c for c in out.columns if c.startswith(("share_", "negative_ci"))]
    out = _blank(out, ["n", *numbers])
    few = out["too_few"].to_numpy()
    for c in numbers:
        values = out[c].to_numpy(dtype=float).copy()
        values[few] = np.nan
        out[c] = values
    out["n"] = out["n"].astype("Int64")
    return out


def _likert(
    results: pd.DataFrame,
    keys: pd.DataFrame,
    axis: list[str],
    sources: list[str],
    groups: list[str],
    by: str,
    by_groups: bool,
    k: int,
    seed: frozenset,
) -> tuple[pd.DataFrame, dict[str, str], int]:
    cols = likert_columns(results)
    columns = [
        "source",
        "period",
        "by",
        "group",
        "item",
        "label",
        "n",
        "mean",
        "sd",
        "ci_low",
        "ci_high",
        "top2_share",
        "top2_ci_low",
        "top2_ci_high",
        *[f"share_{lv}" for lv in LIKERT_LEVELS],
        "suppressed",
    ]
    if not cols:
        return pd.DataFrame(columns=columns), {}, 0
    labels = likert_item_labels(results)
    first = ~keys["rid"].duplicated()
    per = keys.loc[first, ["source", "period", "group"]].copy()
    frames = []
    for col in cols:
        score = pd.to_numeric(results.loc[first, col], errors="coerce").astype("float64")
        score = score.where(score.isin(LIKERT_LEVELS))
        if score.notna().sum() == 0:
            continue
        part = per.copy()
        for lv in LIKERT_LEVELS:
            part[f"c{lv}"] = (score == lv).astype(np.int32)
        part = part[score.notna()]
        base = part.groupby(["source", "period", "group"], sort=True).sum().reset_index()
        l_sources = sorted(set(base["source"]))
        cube = _cube(base, len(l_sources) > 1, by_groups)
        cube["item"] = col
        frames.append(cube)
    if not frames:
        return pd.DataFrame(columns=columns), labels, 0
    cube = pd.concat(frames, ignore_index=True)
    counts = cube[[f"c{lv}" for lv in LIKERT_LEVELS]].to_numpy(dtype=float)
    cube["n"] = counts.sum(axis=1)
    keys_l = list(zip(cube["item"], cube["source"], cube["period"], cube["group"], strict=True))
    base_map = dict(zip(keys_l, cube["n"].astype(int), strict=True))
    rels: list[Relation] = []
    for col in cube["item"].unique():
        sub = cube[cube["item"] == col]
        l_sources = sorted(set(sub["source"]) - {ALL})
        for r in _relations(sub, l_sources, by_groups, len(l_sources) > 1):
            rels.append(Relation((col, *r.total), tuple((col, *p) for p in r.parts)))
    seed_l = {(col, *c) for col in cube["item"].unique() for c in seed}
    supp = protect(base_map, rels, k, seed=seed_l)
    hidden = np.array([c in supp for c in keys_l], dtype=bool)
    levels = np.array(LIKERT_LEVELS, dtype=float)
    nn = cube["n"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = counts @ levels / nn
        var = (counts @ levels**2 - nn * mean**2) / (nn - 1)
        sd = np.sqrt(np.clip(var, 0, None))
        half = stats.t.ppf(0.975, np.clip(nn - 1, 1, None)) * sd / np.sqrt(nn)
    half = np.where(nn > 1, half, np.nan)
    top2 = counts[:, 3] + counts[:, 4]
    lo, hi = wilson_interval(top2, nn)
    out = pd.DataFrame(
        {
            "source": cube["source"],
            "period": cube["period"],
            "by": by,
            "group": cube["group"],
            "item": cube["item"],
            "label": cube["item"].map(labels),
            "n": nn,
            "mean": np.round(mean, 3),
            "sd": np.round(sd, 3),
            "ci_low": np.round(mean - half, 3),
            "ci_high": np.round(mean + half, 3),
            "top2_share": np.round(top2 / nn, 4),
            "top2_ci_low": np.round(lo, 4),
            "top2_ci_high": np.round(hi, 4),
            **{f"share_{lv}": np.round(counts[:, i] / nn, 4) for i, lv in enumerate(LIKERT_LEVELS)},
            "suppressed": hidden,
        }
    )
    item_rank = {c: i for i, c in enumerate(cols)}
    out["_i"] = out["item"].map(item_rank)
    out = _order(out, axis, sources, groups)
    out = out.sort_values("_i", kind="stable").drop(columns="_i").reset_index(drop=True)
    numeric = [c for c in columns if c not in {"source", "period", "by", "group", "item", "label"}]
    numeric.remove("suppressed")
    out = _blank(out, numeric)
    out["n"] = out["n"].astype("Int64")
    return out[columns], labels, int(hidden.sum())


# --------------------------------------------------------------------------- tests
def _adjust(frame: pd.DataFrame) -> pd.DataFrame:
    """Benjamini–Hochberg adjusted p-values and ``significant`` (adjusted p < 0.05).

    A family is one kind of comparison × one metric × one level (the
    all-groups line, or the individual groups).  The same two cells compared
    for several events are one hypothesis, counted once in its family.
    """
    frame = frame.copy()
    frame["p_adjusted"] = np.nan
    level = np.where(frame["group"] == ALL, "overall", "groups")
    pair = ["source", "group", "period_before", "period_after"]
    for _, idx in frame.groupby([frame["comparison"], frame["metric"], level], sort=True).groups.items():  # fmt: skip
        fam = frame.loc[idx]
        unique = fam.drop_duplicates(pair)
        p = unique["p_value"].to_numpy(dtype=float)
        ok = ~np.isnan(p)
        if not ok.any():
            continue
        adj = np.full(len(p), np.nan)
        adj[ok] = stats.false_discovery_control(p[ok], method="bh")
        lookup = dict(zip(map(tuple, unique[pair].to_numpy()), adj, strict=True))
        frame.loc[idx, "p_adjusted"] = [lookup[tuple(k)] for k in fam[pair].to_numpy()]
    frame["significant"] = frame["p_adjusted"] < ALPHA
    frame["p_value"] = frame["p_value"].round(6)
    frame["p_adjusted"] = frame["p_adjusted"].round(6)
    return frame


CHANGE_COLUMNS = [
    "comparison",
    "event_date",
    "event_label",
    "source",
    "group",
    "metric",
    "period_before",
    "period_after",
    "n_before",
    "n_after",
    "value_before",
    "value_after",
    "difference",
    "test",
    "statistic",
    "p_value",
    "p_adjusted",
    "significant",
]


def _pairs(
    published: pd.DataFrame,
    axis: list[str],
    bounds: dict[str, tuple],
    events: pd.DataFrame | None,
    all_periods: dict[tuple[str, str], list[str]],
) -> list[tuple[str, str, str, str, str, str, str]]:
    """(comparison, event_date, event_label, source, group, before, after)."""
    pairs = []
    rank = {p: i for i, p in enumerate(axis)}
    pub = {(s, g): set() for s, g in all_periods}
    for s, p, g in zip(published["source"], published["period"], published["group"], strict=True):
        if (s, g) in pub:
            pub[(s, g)].add(p)
    for (s, g), present in sorted(all_periods.items()):
        timeline = sorted((p for p in present if p in rank), key=rank.__getitem__)
        shown = pub[(s, g)]
        for before, after in zip(timeline, timeline[1:], strict=False):
            if before in shown and after in shown:
                pairs.append(("consecutive", "", "", s, g, before, after))
        visible = [p for p in timeline if p in shown]
        if len(visible) >= 2:
            pairs.append(("first_last", "", "", s, g, visible[0], visible[-1]))
        if events is None or events.empty:
            continue
        for ev_date, ev_label in zip(events["date"], events["label"], strict=True):
            try:
                day = dt.date.fromisoformat(str(ev_date)[:10])
            except ValueError:
                continue
            before_p = [
                p for p in timeline if bounds.get(p, (None, None))[1] and bounds[p][1] < day
            ]
            after_p = [p for p in timeline if bounds.get(p, (None, None))[0] and bounds[p][0] > day]
            if before_p and after_p:
                b, a = before_p[-1], after_p[0]
                if b in shown and a in shown:
                    pairs.append(("event", str(ev_date)[:10], str(ev_label), s, g, b, a))
    return pairs


def _changes(
    cube: pd.DataFrame,
    likert: pd.DataFrame,
    metrics: list[str],
    axis: list[str],
    bounds: dict[str, tuple],
    events: pd.DataFrame | None,
) -> pd.DataFrame:
    """Tested changes between periods: consecutive, around events, first vs last.

    Only published cells are compared; a suppressed period is a gap in the
    timeline (its neighbours are not called consecutive across it).
    """
    tested = [m for m in metrics if m != "sentiment_neutral"]
    cube = cube[cube["source"] != ALL]  # staff and public are different populations
    published = cube[~cube["suppressed"]]
    dated = published[~published["period"].isin([UNDATED, ALL])]
    index = {
        (s, p, g): i
        for i, (s, p, g) in enumerate(
            zip(dated["source"], dated["period"], dated["group"], strict=True)
        )
    }
    rows_all = cube[~cube["period"].isin([ALL])]
    periods_by: dict[tuple[str, str], list[str]] = {}
    for s, p, g in zip(rows_all["source"], rows_all["period"], rows_all["group"], strict=True):
        periods_by.setdefault((s, g), []).append(p)
    # suppressed cells are gaps for the tests: a pair is tested only when both are published
    records = []
    counts = {m: dated[m].to_numpy(dtype=float) for m in tested}
    n = dated["n"].to_numpy(dtype=float)
    pairs = _pairs(dated, axis, bounds, events, periods_by)
    if pairs:
        i = np.array([index[(s, b, g)] for _, _, _, s, g, b, _ in pairs])
        j = np.array([index[(s, a, g)] for _, _, _, s, g, _, a in pairs])
        for m in tested:
            test, stat, p = two_proportion_tests(counts[m][i], n[i], counts[m][j], n[j])
            for q, (comp, ev_date, ev_label, s, g, before, after) in enumerate(pairs):
                n1, n2 = n[i[q]], n[j[q]]
                records.append(
                    (comp, ev_date, ev_label, s, g, m, before, after, int(n1), int(n2),
                     counts[m][i[q]] / n1, counts[m][j[q]] / n2, test[q], stat[q], p[q])
                )  # fmt: skip
    if len(likert):
        likert = likert[likert["source"] != ALL]
    lk = (
        likert[~likert["suppressed"] & ~likert["period"].isin([UNDATED, ALL])]
        if len(likert)
        else likert
    )
    if len(lk):
        l_index = {
            (it, s, p, g): r
            for it, s, p, g, r in zip(
                lk["item"], lk["source"], lk["period"], lk["group"], range(len(lk)), strict=True
            )
        }
        periods_l: dict[tuple[str, str], list[str]] = {}
        every = likert[~likert["period"].isin([ALL])]
        for s, p, g in zip(every["source"], every["period"], every["group"], strict=True):
            periods_l.setdefault((s, g), []).append(p)
        items = list(dict.fromkeys(lk["item"]))
        mean = lk["mean"].to_numpy(dtype=float)
        sd = lk["sd"].to_numpy(dtype=float)
        nl = lk["n"].to_numpy(dtype=float)
        pub_l = lk.drop_duplicates(["source", "period", "group"])
        for comp, ev_date, ev_label, s, g, before, after in _pairs(
            pub_l, axis, bounds, events, {key: sorted(set(v)) for key, v in periods_l.items()}
        ):
            for it in items:
                a, b = l_index.get((it, s, before, g)), l_index.get((it, s, after, g))
                if a is None or b is None:
                    continue
                test, stat, p = welch_test(mean[a], sd[a], int(nl[a]), mean[b], sd[b], int(nl[b]))
                records.append(
                    (comp, ev_date, ev_label, s, g, f"likert_mean:{it}", before, after,
                     int(nl[a]), int(nl[b]), mean[a], mean[b], test, stat, p)
                )  # fmt: skip
    derived = {"difference", "p_adjusted", "significant"}
    frame = pd.DataFrame(records, columns=[c for c in CHANGE_COLUMNS if c not in derived])
    if frame.empty:
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    frame["difference"] = frame["value_after"] - frame["value_before"]
    frame = _adjust(frame)
    for c in ("value_before", "value_after", "difference", "statistic"):
        frame[c] = frame[c].astype(float).round(4)
    comp_rank = {c: i for i, c in enumerate(COMPARISONS)}
    frame["_c"] = frame["comparison"].map(comp_rank)
    frame = frame.sort_values(
        ["_c", "event_date", "source", "group", "period_before", "metric"], kind="stable"
    ).drop(columns="_c")
    return frame[CHANGE_COLUMNS].reset_index(drop=True)


def _attention(
    published: pd.DataFrame,
    axis: list[str],
    sources: list[str],
    changes: pd.DataFrame,
    by_groups: bool,
) -> pd.DataFrame:
    """Groups to watch in each source's latest period.

    A group needs attention when its resistance share is significantly above
    the rest of its source in that period (two-proportion test against
    all-groups minus the group, BH-adjusted across groups), or when it rose
    significantly from the previous period.
    """
    columns = [
        "source",
        "period",
        "group",
        "n",
        "resistance",
        "resistance_share",
        "rest_share",
        "test",
        "p_value",
        "p_adjusted",
        "above_rest",
        "previous_period",
        "previous_share",
        "rise_significant",
        "attention",
    ]
    if not by_groups:
        return pd.DataFrame(columns=columns)
    rank = {p: i for i, p in enumerate(axis)}
    records = []
    for s in sources:
        sub = published[(published["source"] == s) & published["period"].isin(rank)]
        if sub.empty:
            continue
        last = max(sub["period"], key=rank.__getitem__)
        cell_all = sub[(sub["period"] == last) & (sub["group"] == ALL)]
        if cell_all.empty:
            continue
        tot_k, tot_n = int(cell_all["resistance"].iloc[0]), int(cell_all["n"].iloc[0])
        for r in sub[(sub["period"] == last) & (sub["group"] != ALL)].itertuples():
            k1, n1 = int(r.resistance), int(r.n)
            rest_k, rest_n = tot_k - k1, tot_n - n1
            test, _, p = two_proportion_test(rest_k, rest_n, k1, n1)
            records.append(
                [s, last, r.group, n1, k1, k1 / n1, rest_k / rest_n if rest_n else np.nan, test, p]
            )
    frame = pd.DataFrame(records, columns=columns[:9])
    if frame.empty:
        return pd.DataFrame(columns=columns)
    frame["comparison"] = "group_vs_rest"
    frame["metric"] = frame["source"]
    frame["period_before"] = frame["period_after"] = frame["period"]
    frame = _adjust(frame)
    frame["above_rest"] = frame["significant"] & (frame["resistance_share"] > frame["rest_share"])
    cons = changes[(changes["comparison"] == "consecutive") & (changes["metric"] == "resistance")]
    prev = {
        (r.source, r.group, r.period_after): (r.period_before, r.value_before, r.significant and r.difference > 0)
        for r in cons.itertuples()
    }  # fmt: skip
    looked = [prev.get((s, g, p), ("", np.nan, False)) for s, g, p in zip(frame["source"], frame["group"], frame["period"], strict=True)]  # fmt: skip
    frame["previous_period"] = [x[0] for x in looked]
    frame["previous_share"] = [x[1] for x in looked]
    frame["rise_significant"] = [bool(x[2]) for x in looked]
    frame["attention"] = frame["above_rest"] | frame["rise_significant"]
    for c in ("resistance_share", "rest_share", "previous_share"):
        frame[c] = frame[c].astype(float).round(4)
    s_rank = {s: i for i, s in enumerate(sources)}
    frame["_s"] = frame["source"].map(s_rank)
    frame = frame.sort_values(
        ["_s", "attention", "resistance_share", "group"],
        ascending=[True, False, False, True],
        kind="stable",
    )
    return frame[columns].reset_index(drop=True)


def anonymise_quote(text: str) -> str:
    """Mask names after honorifics (``Pak Ahmad`` -> ``Pak [NAMA]``) in a quote."""
    return _NAME_AFTER_TITLE.sub(lambda m: f"{m.group(1)} [NAMA]", text)


def _verbatims(
    results: pd.DataFrame,
    keys: pd.DataFrame,
    themes: pd.DataFrame,
    taxonomy: Taxonomy,
    suppressed: frozenset,
    axis: list[str],
    by_groups: bool,
    per_theme: int,
) -> pd.DataFrame:
    """Representative quotes per theme, only from published cells.

    Preference: the latest periods, answers carrying only that theme, the
    sentiment that matches the theme's kind (negative for resistance, positive
    for support), higher model confidence, 30–280 characters, no masked
    personal data; names after honorifics are masked.
    """
    columns = ["theme", "kind", "source", "period", "group", "sentiment", "text"]
    text = results["text"].fillna("").astype(str).str.strip()
    ok = keys["has_text"].to_numpy() & (keys["period"] != UNDATED).to_numpy()
    cell = list(zip(keys["source"], keys["period"], keys["group"], strict=True))
    published = np.array([c not in suppressed for c in cell], dtype=bool)
    length = text.str.len().to_numpy()
    clean = ~text.str.contains(_PLACEHOLDER).to_numpy()
    eligible = ok & published & (length >= 30) & (length <= 280) & clean
    if not eligible.any():
        return pd.DataFrame(columns=columns)
    rank = {p: i for i, p in enumerate(axis)}
    conf = pd.to_numeric(results.get("sentiment_confidence", 0), errors="coerce")
    sentiment = results["sentiment"].fillna("").astype(str)
    n_themes = themes.sum(axis=1).to_numpy()
    hashes = (
        results["text_hash"].fillna("").astype(str)
        if "text_hash" in results
        else text.map(lambda s: str(hash(s)))
    )
    base = pd.DataFrame(
        {
            "rank": -keys["period"].map(rank).fillna(-1).to_numpy(),
            "single": (n_themes != 1).astype(int),
            "conf": -conf.fillna(0).to_numpy(dtype=float),
            "hash": hashes.to_numpy(),
            "len": length,
        },
        index=results.index,
    )
    records = []
    for tid in taxonomy.ids:
        kind = taxonomy[tid].kind
        want = "negative" if kind == "resistance" else "positive"
        mask = eligible & (themes[tid].to_numpy() > 0)
        if not mask.any():
            continue
        cand = base[mask].assign(match=(sentiment[mask] != want).astype(int).to_numpy())
        cand = cand.sort_values(["rank", "match", "single", "conf", "hash"], kind="stable")
        seen: set[str] = set()
        for idx in cand.index:
            h = cand.at[idx, "hash"]
            if h in seen:
                continue
            seen.add(h)
            records.append(
                [
                    tid,
                    kind,
                    keys.at[idx, "source"],
                    keys.at[idx, "period"],
                    keys.at[idx, "group"] if by_groups else "",
                    sentiment.at[idx],
                    anonymise_quote(text.at[idx]),
                ]
            )
            if len(seen) >= per_theme:
                break
    return pd.DataFrame(records, columns=columns)


def _event_table(
    events: pd.DataFrame | None, axis: list[str], bounds: dict[str, tuple]
) -> pd.DataFrame:
    """Events numbered in date order, with their position on the period axis.

    ``position`` is a float on the axis (period index; between two indices
    when the event falls between periods; within a period by day), or NaN
    when the event is outside the axis or periods have no dates.
    """
    columns = ["number", "date", "label", "position"]
    if events is None or events.empty:
        return pd.DataFrame(columns=columns)
    ev = events[["date", "label"]].copy()
    ev["date"] = ev["date"].astype(str).str[:10]
    ev = ev.sort_values(["date", "label"], kind="stable").reset_index(drop=True)
    ev.insert(0, "number", np.arange(1, len(ev) + 1))
    ev["position"] = [event_position(d, axis, bounds) for d in ev["date"]]
    return ev[columns]


def event_position(date: str, axis: list[str], bounds: dict[str, tuple]) -> float:
    """Where ``date`` falls on the categorical period axis (see :func:`_event_table`)."""
    try:
        day = dt.date.fromisoformat(str(date)[:10])
    except ValueError:
        return float("nan")
    spans = [(i, bounds.get(p, (None, None))) for i, p in enumerate(axis)]
    spans = [(i, b) for i, b in spans if b[0] is not None and b[1] is not None]
    if not spans:
        return float("nan")
    for i, (start, end) in spans:
        if start <= day <= end:
            length = max((end - start).days, 1)
            return i - 0.45 + 0.9 * (day - start).days / length
    before = [(i, b) for i, b in spans if b[1] < day]
    after = [(i, b) for i, b in spans if b[0] > day]
    if before and after:
        (i0, b0), (i1, b1) = before[-1], after[0]
        gap = max((b1[0] - b0[1]).days, 1)
        frac = (day - b0[1]).days / gap
        return i0 + 0.5 + (i1 - i0 - 1) * frac if i1 - i0 > 1 else i0 + 0.5
    return float("nan")
