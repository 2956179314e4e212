"""Aggregation of classified comments over time, units and sources.

Pure pandas on the classified table: no plotting, no file I/O.  Charts and
the report read only the tables built here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.stats import norm

from asn_sentiment.taxonomy import Taxonomy

PERIODS = ("week", "month", "quarter", "wave")
ALL = "all"
UNDATED = "undated"
SENTIMENTS = ("positive", "neutral", "negative")


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
    return centre - half, centre + half


def period_of(results: pd.DataFrame, period: str) -> pd.Series:
    """Label each row with its period (``2026-03``, ``2026-W11``, ``2026-Q1`` or wave)."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}")
    if period == "wave":
        return results["wave"].fillna("").astype(str).replace("", UNDATED)
    dates = pd.to_datetime(results["date"].replace("", None), format="%Y-%m-%d", errors="coerce")
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


@dataclass
class Trends:
    """The tables charts and reports are drawn from."""

    period: str
    summary: pd.DataFrame  # tidy: period, unit, source, metric, count, n, share, ci_low, ci_high
    over_time: (
        pd.DataFrame
    )  # period, n, resistance/support counts, shares and CIs (all units, all sources)
    themes: pd.DataFrame  # theme, kind, count, n, share
    totals: dict[str, float] = field(default_factory=dict)
    undated: int = 0


def _metric_columns(frame: pd.DataFrame, taxonomy: Taxonomy) -> dict[str, pd.Series]:
    theme_sets = frame["themes"].fillna("").astype(str).str.split(";")
    metrics: dict[str, pd.Series] = {}
    for label in SENTIMENTS:
        metrics[f"sentiment_{label}"] = (frame["sentiment"] == label).astype(int)
    metrics["resistance"] = frame["resistance"].astype(int)
    metrics["support"] = frame["support"].astype(int)
    for tid in taxonomy.ids:
        metrics[f"theme_{tid}"] = theme_sets.map(lambda s, t=tid: int(t in s)).astype(int)
    return metrics


def summarise(results: pd.DataFrame, taxonomy: Taxonomy, period: str = "month") -> Trends:
    """Counts and shares per period × unit × source, plus overall tables."""
    frame = results[results["text"].fillna("").astype(str).str.strip() != ""].copy()
    frame["period"] = period_of(frame, period) if len(frame) else pd.Series(dtype=str)
    frame["unit"] = frame["unit"].fillna("").astype(str).replace("", "(unknown)")
    metrics = _metric_columns(frame, taxonomy)
    values = pd.DataFrame(metrics, index=frame.index)
    keys = frame[["period", "unit", "source"]]
    rows = []
    for unit_all in (False, True):
        for source_all in (False, True):
            k = keys.copy()
            if unit_all:
                k["unit"] = ALL
            if source_all:
                k["source"] = ALL
            grouped = pd.concat([k, values], axis=1).groupby(
                ["period", "unit", "source"], sort=True
            )
            counts = grouped.sum()
            n = grouped.size()
            long = (
                counts.stack().rename("count").reset_index().rename(columns={"level_3": "metric"})
            )
            long["n"] = long.set_index(["period", "unit", "source"]).index.map(n)
            rows.append(long)
    summary = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()
    if not summary.empty:
        summary = summary.drop_duplicates(["period", "unit", "source", "metric"])
        summary["share"] = (summary["count"] / summary["n"]).round(4)
        lo, hi = wilson_interval(summary["count"].to_numpy(), summary["n"].to_numpy())
        summary["ci_low"], summary["ci_high"] = np.round(lo, 4), np.round(hi, 4)
        summary = summary.sort_values(
            ["period", "unit", "source", "metric"], kind="stable"
        ).reset_index(drop=True)
        summary = summary[
            ["period", "unit", "source", "metric", "count", "n", "share", "ci_low", "ci_high"]
        ]

    dated = frame[frame["period"] != UNDATED]
    over = pd.DataFrame(
        {
            "period": dated["period"],
            "resistance": values.loc[dated.index, "resistance"],
            "support": values.loc[dated.index, "support"],
        }
    )
    over_time = (
        over.groupby("period", sort=True)
        .agg(n=("resistance", "size"), resistance=("resistance", "sum"), support=("support", "sum"))
        .reset_index()
    )
    for col in ("resistance", "support"):
        over_time[f"{col}_share"] = over_time[col] / over_time["n"]
        lo, hi = wilson_interval(over_time[col].to_numpy(), over_time["n"].to_numpy())
        over_time[f"{col}_ci_low"], over_time[f"{col}_ci_high"] = lo, hi

    n_all = len(frame)
    theme_rows = [
        {
            "theme": tid,
            "kind": taxonomy[tid].kind,
            "count": int(values[f"theme_{tid}"].sum()),
            "n": n_all,
        }
        for tid in taxonomy.ids
    ]
    themes = pd.DataFrame(theme_rows, columns=["theme", "kind", "count", "n"])
    themes["share"] = themes["count"] / n_all if n_all else 0.0
    totals = {
        "n": float(n_all),
        "negative_share": float(values["sentiment_negative"].mean()) if n_all else float("nan"),
        "positive_share": float(values["sentiment_positive"].mean()) if n_all else float("nan"),
        "resistance_share": float(values["resistance"].mean()) if n_all else float("nan"),
        "support_share": float(values["support"].mean()) if n_all else float("nan"),
    }
    return Trends(
        period=period,
        summary=summary,
        over_time=over_time,
        themes=themes,
        totals=totals,
        undated=int((frame["period"] == UNDATED).sum()),
    )
