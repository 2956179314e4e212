"""Charts drawn from the tables of :mod:`asn_sentiment.trends`.

No statistics are computed here: every number comes from a ``Trends`` table.
A consistent house style (colour-blind-safe Okabe-Ito colours, large type
for phone screens) applies to every chart.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from asn_sentiment.i18n import kind_label, t  # noqa: E402
from asn_sentiment.taxonomy import Taxonomy  # noqa: E402
from asn_sentiment.trends import Trends  # noqa: E402

#: Okabe-Ito palette (colour-blind safe).
COLORS = {
    "resistance": "#D55E00",
    "support": "#0072B2",
    "negative": "#D55E00",
    "neutral": "#999999",
    "positive": "#009E73",
    "event": "#555555",
}
STYLE = {
    "figure.dpi": 150,
    "savefig.dpi": 150,
    "font.size": 11,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "svg.hashsalt": "asn-sentiment",
    "path.simplify": True,
}
PNG_META = {"Software": None}


def _save(fig: plt.Figure, path: Path) -> Path:
    fig.savefig(path, format="png", metadata=PNG_META, bbox_inches="tight")
    plt.close(fig)
    return path


def resistance_support_chart(
    trends: Trends, events: pd.DataFrame | None, path: Path, lang: str = "id"
) -> Path:
    """Share of comments with a resistance / support theme per period, with events."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(9, 4.8))
        data = trends.over_time
        if data.empty:
            ax.text(
                0.5, 0.5, t("chart.no_data", lang), ha="center", va="center", transform=ax.transAxes
            )
        else:
            x = list(range(len(data)))
            for kind in ("resistance", "support"):
                ax.plot(
                    x,
                    data[f"{kind}_share"] * 100,
                    marker="o",
                    color=COLORS[kind],
                    lw=2.2,
                    label=t(f"chart.{kind}", lang),
                )
                ax.fill_between(
                    x,
                    data[f"{kind}_ci_low"] * 100,
                    data[f"{kind}_ci_high"] * 100,
                    color=COLORS[kind],
                    alpha=0.15,
                    lw=0,
                )
            ax.set_xticks(x, data["period"].tolist(), rotation=0 if len(x) < 9 else 45)
            _mark_events(ax, data["period"].tolist(), events, trends.period)
            ax.set_ylim(0, 100)
            ax.legend(loc="upper left", frameon=False)
        ax.set_title(t("chart.resistance_support.title", lang))
        ax.set_ylabel(t("chart.resistance_support.ylabel", lang))
        ax.set_xlabel(t("chart.period", lang))
        return _save(fig, path)


def _event_position(date: str, periods: list[str], period: str) -> float | None:
    """Where an event date falls on a categorical period axis (between ticks)."""
    if period == "wave" or not periods:
        return None
    from asn_sentiment.trends import period_of

    label = period_of(pd.DataFrame({"date": [date], "wave": [""]}), period).iloc[0]
    if label in periods:
        return periods.index(label)
    later = [i for i, p in enumerate(periods) if p > label]
    return later[0] - 0.5 if later else None


def _mark_events(
    ax: plt.Axes, periods: list[str], events: pd.DataFrame | None, period: str
) -> None:
    if events is None or events.empty:
        return
    for i, (_, ev) in enumerate(events.iterrows()):
        x = _event_position(str(ev["date"]), periods, period)
        if x is None:
            continue
        ax.axvline(x, color=COLORS["event"], ls="--", lw=1)
        ax.text(
            x,
            98 - (i % 3) * 7,
            " " + str(ev["label"])[:40],
            rotation=0,
            va="top",
            ha="left",
            fontsize=8,
            color=COLORS["event"],
        )


def themes_chart(trends: Trends, taxonomy: Taxonomy, path: Path, lang: str = "id") -> Path:
    """Horizontal bars: share of comments carrying each theme, grouped by kind."""
    with plt.rc_context(STYLE):
        data = trends.themes.copy()
        data["label"] = [taxonomy[tid].label(lang) for tid in data["theme"]]
        data = data.sort_values(["kind", "share"], ascending=[False, True], kind="stable")
        fig, ax = plt.subplots(figsize=(9, 0.45 * max(len(data), 4) + 1.2))
        y = range(len(data))
        ax.barh(list(y), data["share"] * 100, color=[COLORS[k] for k in data["kind"]])
        ax.set_yticks(list(y), data["label"].tolist())
        for yi, share in zip(y, data["share"], strict=True):
            ax.text(share * 100 + 0.5, yi, f"{share * 100:.0f}%", va="center", fontsize=9)
        handles = [plt.Rectangle((0, 0), 1, 1, color=COLORS[k]) for k in ("resistance", "support")]
        ax.legend(
            handles,
            [kind_label(k, lang).capitalize() for k in ("resistance", "support")],
            loc="lower right",
            frameon=False,
        )
        ax.set_title(t("chart.themes.title", lang))
        ax.set_xlabel(t("chart.themes.xlabel", lang))
        ax.grid(axis="y", visible=False)
        return _save(fig, path)


def draw_charts(
    trends: Trends,
    taxonomy: Taxonomy,
    outdir: Path,
    events: pd.DataFrame | None = None,
    lang: str = "id",
) -> list[Path]:
    """Draw every chart into ``outdir``; return the files written."""
    outdir.mkdir(parents=True, exist_ok=True)
    return [
        resistance_support_chart(trends, events, outdir / "resistance_support.png", lang),
        themes_chart(trends, taxonomy, outdir / "themes_by_kind.png", lang),
    ]
