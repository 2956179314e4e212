"""Charts drawn from the protected tables of :mod:`asn_sentiment.trends`.

No statistics are computed here and no raw rows are read: every number comes
from a :class:`~asn_sentiment.trends.Trends` table, where small cells are
already suppressed (they arrive as blanks and are drawn as "×").  A house
style applies to every chart: Okabe-Ito colours (colour-blind safe), large
type and a narrow layout for phone screens, Indonesian labels by default.

Each chart is written twice: PNG at 150 dpi (for the report and phones) and
SVG (for print and publications).  Both are deterministic: the same tables
give byte-identical files (fixed SVG hash salt, no dates in metadata, text
kept as text in the SVG).
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.colors import LinearSegmentedColormap  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from asn_sentiment.i18n import t  # noqa: E402
from asn_sentiment.progress import Progress, null_progress  # noqa: E402
from asn_sentiment.taxonomy import Taxonomy  # noqa: E402
from asn_sentiment.trends import ALL, UNDATED, UNKNOWN, Trends  # noqa: E402

#: Okabe-Ito palette (colour-blind safe).
OKABE_ITO = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}
COLORS = {
    "resistance": OKABE_ITO["vermillion"],
    "support": OKABE_ITO["blue"],
    "negative": OKABE_ITO["vermillion"],
    "neutral": "#BBBBBB",
    "positive": OKABE_ITO["green"],
    "uncertain": "#E0E0E0",
    "event": "#444444",
    "suppressed": "#DDDDDD",
    "text": "#222222",
    "muted": "#666666",
}
#: Likert 1..5: disagree (vermillion/orange) - neutral grey - agree (sky/blue).
LIKERT_COLORS = ["#D55E00", "#E69F00", "#BBBBBB", "#56B4E9", "#0072B2"]
#: Line style per source (colour carries the kind or metric).
SOURCE_STYLE = {
    "staff": {"ls": "-", "marker": "o"},
    "public": {"ls": "--", "marker": "s"},
}
HEAT_CMAP = LinearSegmentedColormap.from_list(
    "resistance", ["#FFF7EC", "#FDD49E", "#FC8D59", "#D55E00", "#7F2704"]
)
WIDTH = 7.5  # inches: 1125 px at 150 dpi, comfortable on a phone held upright
STYLE = {
    "figure.dpi": 150,
    "savefig.dpi": 150,
    "font.family": "DejaVu Sans",
    "font.size": 12,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 12,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.alpha": 0.3,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 11,
    "legend.frameon": False,
    "svg.hashsalt": "asn-sentiment",
    "svg.fonttype": "none",
    "path.simplify": True,
}
PNG_META = {"Software": None}
SVG_META = {"Date": None, "Creator": "asn-sentiment"}
MARK = "×"  # drawn where a cell is suppressed


@dataclass(frozen=True)
class Chart:
    """One chart: its files and the text the report shows with it."""

    name: str
    title: str
    guide: str
    png: Path
    svg: Path


# --------------------------------------------------------------------------- labels
def period_label(label: str, period: str, lang: str = "id", short: bool = False) -> str:
    """Display form of a period label: ``2026-05`` -> ``Mei 2026`` (``Mei\\n2026`` short)."""
    sep = "\n" if short else " "
    if label == UNDATED:
        return t("period.no_wave" if period == "wave" else "period.undated", lang)
    if label == ALL:
        return t("period.all", lang)
    try:
        if period == "month":
            year, month = label.split("-")
            return f"{t(f'month.{int(month)}', lang)}{sep}{year}"
        if period == "quarter":
            year, q = label.split("-Q")
            return t("period.quarter", lang, q=q, year=year).replace(" ", sep, 1)
        if period == "week":
            year, week = label.split("-W")
            return t("period.week", lang, week=int(week), year=year).replace(" ", sep, 1)
    except ValueError:
        return label
    return label


def source_label(source: str, lang: str = "id") -> str:
    """Display name of a source (``staff`` -> ``pegawai``)."""
    key = f"source.{source}"
    try:
        return t(key, lang)
    except KeyError:
        return source


def group_label(group: str, lang: str = "id") -> str:
    """Display name of a group value (``all`` and ``(unknown)`` translated)."""
    if group == ALL:
        return t("unit.all", lang)
    if group == UNKNOWN:
        return t("unit.unknown", lang)
    return group


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def pct(value: float, lang: str = "id") -> str:
    """A share as a whole percentage (``0.634`` -> ``63%``), ``–`` when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value * 100:.0f}%"


# --------------------------------------------------------------------------- helpers
def _save(fig: plt.Figure, outdir: Path, name: str) -> tuple[Path, Path]:
    png, svg = outdir / f"{name}.png", outdir / f"{name}.svg"
    fig.savefig(png, format="png", metadata=PNG_META)
    fig.set_layout_engine("none")  # keep the layout just computed: the SVG is the same chart
    fig.savefig(svg, format="svg", metadata=SVG_META)
    plt.close(fig)
    return png, svg


def _panel_sources(trends: Trends) -> list[str]:
    """Sources that get their own panel (never the mixed 'all' when several exist)."""
    return list(trends.sources) if trends.sources else [ALL]


def _series(trends: Trends, metric: str, source: str, group: str = ALL) -> pd.DataFrame:
    """One metric over the period axis: share, CI, n, suppressed (gaps as NaN)."""
    s = trends.summary
    sub = s[(s["metric"] == metric) & (s["source"] == source) & (s["group"] == group)]
    sub = sub.set_index("period")
    out = pd.DataFrame(index=pd.Index(trends.periods, name="period"))
    for col in ("share", "ci_low", "ci_high", "n"):
        out[col] = (
            sub[col].astype(float).reindex(trends.periods) if len(sub) else np.nan
        )  # gaps stay NaN
    out["suppressed"] = (
        sub["suppressed"].reindex(trends.periods).fillna(False).astype(bool) if len(sub) else False
    )
    return out


def _ticks(ax: plt.Axes, trends: Trends, lang: str, n: pd.Series | None = None) -> None:
    labels = [period_label(p, trends.period, lang, short=True) for p in trends.periods]
    if n is not None:
        labels = [
            f"{lab}\nn={int(v)}" if not math.isnan(v) else lab
            for lab, v in zip(labels, n.to_numpy(dtype=float), strict=True)
        ]
    x = list(range(len(labels)))
    step = max(1, math.ceil(len(labels) / 9))
    ax.set_xticks(x[::step], labels[::step])
    ax.set_xlim(-0.6, len(labels) - 0.4)
    ax.grid(axis="x", visible=False)


def _no_data(ax: plt.Axes, lang: str) -> None:
    ax.text(0.5, 0.5, t("chart.no_data", lang), ha="center", va="center", transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])


def _mark_events(ax: plt.Axes, trends: Trends, label_row: bool) -> None:
    """Events as dashed vertical lines, numbered in circles above the plot.

    Numbers of events that are close on the axis are stacked so they never
    overlap; the full labels go in a numbered list under the chart.
    """
    ev = trends.events.dropna(subset=["position"]) if len(trends.events) else trends.events
    if ev is None or ev.empty:
        return
    placed: list[float] = []
    levels: list[int] = []
    for pos in ev["position"]:
        level = 0
        while any(
            abs(pos - p) < 0.32 and lv == level for p, lv in zip(placed, levels, strict=True)
        ):
            level += 1
        placed.append(pos)
        levels.append(level)
    for (num, pos), level in zip(
        zip(ev["number"], ev["position"], strict=True), levels, strict=True
    ):
        ax.axvline(pos, color=COLORS["event"], ls=(0, (4, 3)), lw=1.1, zorder=1)
        if label_row:
            ax.annotate(
                str(num),
                xy=(pos, 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(0, 4 + 17 * level),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=9,
                fontweight="bold",
                color="white",
                bbox={"boxstyle": "circle,pad=0.25", "fc": COLORS["event"], "ec": "none"},
                annotation_clip=False,
            )


def _event_lines(trends: Trends, lang: str) -> list[str]:
    """The numbered event list shown under the time charts."""
    ev = trends.events
    if ev is None or ev.empty:
        return []
    lines = [f"{t('chart.events', lang)}:"]
    for r in ev.itertuples():
        where = "" if not math.isnan(r.position) else f" ({t('chart.event_outside', lang)})"
        text = f"{r.number}  {_fmt_date(r.date, lang)} – {r.label}{where}"
        lines.append(textwrap.shorten(text, 90, placeholder="…"))
    return lines


def _event_legend(foot: Any, lines: list[str]) -> None:
    if lines:
        foot.text(
            0.01, 0.98, "\n".join(lines), ha="left", va="top", fontsize=10, color=COLORS["muted"]
        )


def _fmt_date(iso: str, lang: str) -> str:
    try:
        year, month, day = str(iso)[:10].split("-")
        return f"{int(day)} {t(f'month.{int(month)}', lang)} {year}"
    except ValueError:
        return str(iso)


def _canvas(
    body_height: float, legend_rows: int = 1, footer_lines: int = 0, fixed: bool = False
) -> tuple[plt.Figure, Any, Any] | tuple[plt.Figure, Any, Any, Any]:
    """A figure with a header strip (title, legend) above the body that holds the
    plots, and with ``footer_lines`` an extra strip for notes under it.

    Keeping them in separate sub-figures means a legend can never cover the
    title or the data, and the whole chart fits the figure (no extra
    "tight bounding box" pass when saving).
    """
    header = 0.42 + 0.3 * legend_rows
    footer = 0.2 * footer_lines + 0.15 if footer_lines else 0.0
    size = (WIDTH, body_height + header + footer)
    if fixed:  # the caller places its axes itself (much faster for many small panels)
        fig = plt.figure(figsize=size)
    else:
        fig = plt.figure(figsize=size, layout="constrained")
        fig.get_layout_engine().set(w_pad=0.12, h_pad=0.08)  # inches: a margin round the chart
    if footer_lines:
        top, body, foot = fig.subfigures(3, 1, height_ratios=[header, body_height, footer])
        return fig, top, body, foot
    top, body = fig.subfigures(2, 1, height_ratios=[header, body_height])
    return fig, top, body


def _header(
    top: Any, title: str, handles: list, labels: list[str], ncols: int | None = None
) -> None:
    """Title at the top left and, under it, the legend."""
    top.text(0.015, 0.92, title, ha="left", va="top", fontsize=14, fontweight="bold")
    if handles:
        top.legend(
            handles,
            labels,
            loc="lower left",
            bbox_to_anchor=(0.005, 0.0),
            ncols=ncols or len(labels),
            fontsize=10,
            handlelength=1.4,
            handletextpad=0.5,
            columnspacing=0.9,
            borderaxespad=0.2,
        )


def _segments_and_points(
    ax: plt.Axes, x: np.ndarray, y: np.ndarray, lo: np.ndarray, hi: np.ndarray, **style
) -> None:
    """Line with CI band over contiguous periods; a dotted bridge over gaps;
    isolated points get error bars (a band needs two neighbours)."""
    color = style.pop("color")
    valid = ~np.isnan(y)
    if valid.sum() > 1:
        ax.plot(x[valid], y[valid], color=color, lw=1, ls=":", alpha=0.6, zorder=2)
    ax.plot(x, y, color=color, lw=2.4, zorder=3, **style)
    ax.fill_between(x, lo, hi, color=color, alpha=0.16, lw=0, zorder=1)
    prev_ok = np.r_[False, valid[:-1]]
    next_ok = np.r_[valid[1:], False]
    isolated = valid & ~prev_ok & ~next_ok
    if isolated.any():
        ax.errorbar(
            x[isolated],
            y[isolated],
            yerr=[y[isolated] - lo[isolated], hi[isolated] - y[isolated]],
            fmt="none",
            ecolor=color,
            elinewidth=1.6,
            capsize=4,
            alpha=0.7,
            zorder=2,
        )


def _suppressed_marks(ax: plt.Axes, frame: pd.DataFrame, y: float) -> None:
    for i, hidden in enumerate(frame["suppressed"].to_numpy()):
        if hidden:
            ax.text(i, y, MARK, ha="center", va="center", color=COLORS["muted"], fontsize=14)


# --------------------------------------------------------------------------- 1
def resistance_support_chart(trends: Trends, outdir: Path, lang: str = "id") -> Chart:
    """(1) Share of answers with a resistance / support theme over time, CI bands, events."""
    sources = _panel_sources(trends)
    with plt.rc_context(STYLE):
        events = _event_lines(trends, lang)
        if events:
            fig, head, body, foot = _canvas(3.3 * len(sources), footer_lines=len(events))
        else:
            (fig, head, body), foot = _canvas(3.3 * len(sources)), None
        axes = body.subplots(len(sources), 1, squeeze=False)
        top = 0.0
        for source in sources:
            for kind in ("resistance", "support"):
                hi = _series(trends, kind, source)["ci_high"].to_numpy(dtype=float)
                top = max(top, float(np.nanmax(hi, initial=0.0)))
        ymax = min(100, max(50, math.ceil((top * 100 + 8) / 10) * 10))
        for ax, source in zip(axes[:, 0], sources, strict=True):
            if not trends.periods:
                _no_data(ax, lang)
                continue
            x = np.arange(len(trends.periods), dtype=float)
            res = _series(trends, "resistance", source)
            for kind in ("resistance", "support"):
                d = _series(trends, kind, source)
                _segments_and_points(
                    ax,
                    x,
                    d["share"].to_numpy() * 100,
                    d["ci_low"].to_numpy() * 100,
                    d["ci_high"].to_numpy() * 100,
                    color=COLORS[kind],
                    marker="o",
                    ms=6,
                    label=t(f"chart.{kind}", lang),
                )
            _suppressed_marks(ax, res, 4)
            _mark_events(ax, trends, label_row=True)
            _ticks(ax, trends, lang, res["n"])
            ax.set_ylim(0, ymax)
            ax.set_ylabel(t("chart.share_pct", lang))
            ax.set_title(source_label(source, lang).capitalize(), fontsize=12, pad=24)
        title = t("chart.resistance_support.title", lang)
        _header(
            head,
            title,
            [
                plt.Line2D([], [], color=COLORS["resistance"], lw=2.4, marker="o"),
                plt.Line2D([], [], color=COLORS["support"], lw=2.4, marker="o"),
                Patch(color="#888888", alpha=0.3),
            ],
            [t("chart.resistance", lang), t("chart.support", lang), t("chart.ci95", lang)],
        )
        _event_legend(foot, events)
        png, svg = _save(fig, outdir, "1_resistance_support")
    return Chart("resistance_support", title, t("chart.resistance_support.guide", lang), png, svg)


# --------------------------------------------------------------------------- 2
def theme_trends_chart(trends: Trends, taxonomy: Taxonomy, outdir: Path, lang: str = "id") -> Chart:
    """(2) Small multiples: each theme's share over time, one panel per theme."""
    ids = taxonomy.ids
    ncols = 2
    nrows = max(1, math.ceil(len(ids) / ncols))
    sources = _panel_sources(trends)
    with plt.rc_context(STYLE):
        body_h = 1.95 * nrows + 0.3
        fig, head, body = _canvas(body_h, fixed=True)
        axes = body.subplots(
            nrows,
            ncols,
            sharex=True,
            sharey=True,
            squeeze=False,
            gridspec_kw={
                "left": 0.11,
                "right": 0.98,
                "top": 1 - 0.35 / body_h,
                "bottom": 0.6 / body_h,
                "hspace": 0.55,
                "wspace": 0.12,
            },
        )
        top = 0.0
        series = {}
        for tid in ids:
            for s in sources:
                d = _series(trends, f"theme_{tid}", s)
                series[(tid, s)] = d
                top = max(top, float(np.nanmax(d["share"].to_numpy(), initial=0.0)))
        ymax = min(100, max(10, math.ceil(top * 100 / 10 + 0.5) * 10))
        x = np.arange(len(trends.periods), dtype=float)
        for i, ax in enumerate(axes.flat):
            if i >= len(ids):
                ax.set_visible(False)
                continue
            tid = ids[i]
            kind = taxonomy[tid].kind
            for s in sources:
                d = series[(tid, s)]
                style = SOURCE_STYLE.get(s, {"ls": "-", "marker": "o"})
                y = d["share"].to_numpy() * 100
                valid = ~np.isnan(y)
                if valid.sum() > 1:
                    ax.plot(x[valid], y[valid], color=COLORS[kind], lw=0.8, ls=":", alpha=0.6)
                ax.plot(x, y, color=COLORS[kind], lw=2, ms=4, **style)
            ax.set_title(
                _wrap(taxonomy[tid].label(lang), 30), fontsize=11, color=COLORS[kind], loc="left"
            )
            ax.set_ylim(0, ymax)
            ax.grid(axis="x", visible=False)
            if trends.periods:
                last = len(trends.periods) - 1
                ticks = sorted({0, last // 2, last})
                ax.set_xticks(
                    ticks,
                    [period_label(trends.periods[j], trends.period, lang, True) for j in ticks],
                    fontsize=9,
                )
                ax.set_xlim(-0.4, last + 0.4)
            ax.tick_params(axis="y", labelsize=9)
        handles = [
            plt.Line2D([], [], color="#555555", lw=2, **SOURCE_STYLE.get(s, {"ls": "-"}))
            for s in sources
        ]
        handles += [Patch(color=COLORS["resistance"]), Patch(color=COLORS["support"])]
        labels = [source_label(s, lang).capitalize() for s in sources]
        labels += [t("chart.resistance", lang), t("chart.support", lang)]
        title = t("chart.theme_trends.title", lang)
        _header(head, title, handles, labels)
        body.supylabel(t("chart.share_pct", lang), fontsize=11, x=0.015)
        png, svg = _save(fig, outdir, "2_theme_trends")
    return Chart("theme_trends", title, t("chart.theme_trends.guide", lang), png, svg)


# --------------------------------------------------------------------------- 3
def _heat_panels(trends: Trends) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Panels of the heatmap: (title source, rows of (label group, source, group))."""
    if trends.by == "source":
        return [(ALL, [(s, s, ALL) for s in trends.sources])]
    panels = []
    for s in trends.sources:
        cells = trends.cells[(trends.cells["source"] == s) & (trends.cells["period"] != ALL)]
        groups = [g for g in trends.groups if g in set(cells["group"])]
        panels.append((s, [(g, s, g) for g in groups] + [(ALL, s, ALL)]))
    return panels


def heatmap_chart(trends: Trends, outdir: Path, lang: str = "id") -> Chart:
    """(3) Resistance share per group × period; suppressed cells hatched and marked."""
    panels = _heat_panels(trends)
    s = trends.summary
    res = s[s["metric"] == "resistance"].set_index(["source", "period", "group"])
    heights = []
    for _, rows in panels:
        heights.append(0.42 * len(rows) + 1.0)
    with plt.rc_context(STYLE):
        fig, head, body = _canvas(sum(heights) + 1.1, legend_rows=0)
        axes = body.subplots(len(panels), 1, squeeze=False, gridspec_kw={"height_ratios": heights})
        image = None
        for ax, (source, rows) in zip(axes[:, 0], panels, strict=True):
            sources_here = {r[1] for r in rows}
            cols = [
                p
                for p in trends.periods
                if any((src, p, g) in res.index for _, src, g in rows if src in sources_here)
            ]
            if not cols or not rows:
                _no_data(ax, lang)
                continue
            grid = np.full((len(rows), len(cols)), np.nan)
            for i, (_, src, g) in enumerate(rows):
                for j, p in enumerate(cols):
                    if (src, p, g) in res.index:
                        r = res.loc[(src, p, g)]
                        if r["suppressed"]:
                            ax.add_patch(
                                plt.Rectangle(
                                    (j - 0.5, i - 0.5),
                                    1,
                                    1,
                                    fc=COLORS["suppressed"],
                                    ec="white",
                                    hatch="///",
                                    lw=0,
                                )
                            )
                            ax.text(j, i, MARK, ha="center", va="center", fontsize=12)
                        else:
                            grid[i, j] = float(r["share"])
                    else:
                        ax.text(j, i, "–", ha="center", va="center", color="#AAAAAA")
            masked = np.ma.masked_invalid(grid * 100)
            image = ax.imshow(masked, cmap=HEAT_CMAP, vmin=0, vmax=100, aspect="auto")
            for i in range(len(rows)):
                for j in range(len(cols)):
                    v = grid[i, j]
                    if not math.isnan(v):
                        ax.text(
                            j,
                            i,
                            f"{v * 100:.0f}%",
                            ha="center",
                            va="center",
                            fontsize=10,
                            color="white" if v > 0.55 else COLORS["text"],
                        )
            ax.set_xticks(
                range(len(cols)), [period_label(p, trends.period, lang, True) for p in cols]
            )
            ax.set_yticks(
                range(len(rows)),
                [
                    source_label(lab, lang).capitalize()
                    if trends.by == "source"
                    else group_label(lab, lang)
                    for lab, _, _ in rows
                ],
            )
            for tick, (lab, _, _) in zip(ax.get_yticklabels(), rows, strict=True):
                if lab == ALL:
                    tick.set_fontweight("bold")
            ax.tick_params(axis="x", labelsize=10, length=0)
            ax.tick_params(axis="y", labelsize=10, length=0)
            ax.grid(False)
            for spine in ax.spines.values():
                spine.set_visible(False)
            if source != ALL:
                ax.set_title(source_label(source, lang).capitalize(), fontsize=12)
            ax.axhline(len(rows) - 1.5, color="white", lw=3)
            ax.set_xlim(-0.5, len(cols) - 0.5)
            ax.set_ylim(len(rows) - 0.5, -0.5)
        title = t("chart.heatmap.title", lang)
        _header(head, title, [], [])
        if image is not None:
            bar = body.colorbar(
                image, ax=axes[:, 0].tolist(), location="bottom", shrink=0.6, aspect=40, pad=0.02
            )
            key = f"{MARK} = {t('chart.suppressed_short', lang, k=trends.min_group)};  – = {t('chart.no_data', lang).lower()}"
            bar.set_label(f"{t('chart.heatmap.scale', lang)}\n{key}", fontsize=10)
            bar.ax.tick_params(labelsize=9)
            bar.outline.set_visible(False)
        png, svg = _save(fig, outdir, "3_heatmap_resistance")
    return Chart("heatmap", title, t("chart.heatmap.guide", lang), png, svg)


# --------------------------------------------------------------------------- 4
def likert_chart(trends: Trends, outdir: Path, lang: str = "id") -> Chart | None:
    """(4) Diverging stacked bars per Likert item and period (all groups)."""
    lk = trends.likert
    if lk is None or lk.empty:
        return None
    lk = lk[(lk["group"] == ALL) & (lk["period"] != ALL) & (lk["source"] != ALL)]
    if lk.empty:
        return None
    items = list(dict.fromkeys(lk["item"]))
    rank = {p: i for i, p in enumerate([*trends.periods, UNDATED])}
    sources = sorted(set(lk["source"]))
    per_item = []
    for item in items:
        sub = lk[lk["item"] == item].copy()
        sub["_r"] = sub["period"].map(rank)
        sub = sub.sort_values(["source", "_r"], kind="stable")
        per_item.append(sub)
    heights = [0.42 * max(len(sub), 1) + 0.7 for sub in per_item]
    level_names = [t(f"likert.{lv}", lang) for lv in range(1, 6)]
    with plt.rc_context(STYLE):
        fig, head, body = _canvas(sum(heights) + 0.5, legend_rows=1)
        axes = body.subplots(
            len(items), 1, squeeze=False, gridspec_kw={"height_ratios": heights}, sharex=True
        )
        for ax, sub in zip(axes[:, 0], per_item, strict=True):
            labels = []
            for i, r in enumerate(sub.itertuples()):
                lab = period_label(r.period, trends.period, lang)
                if len(sources) > 1:
                    lab = f"{lab} · {source_label(r.source, lang)}"
                labels.append(lab if r.suppressed else f"{lab} (n={int(r.n)})")
                if r.suppressed:
                    ax.text(0, i, f"{MARK} {t('chart.suppressed_short', lang, k=trends.min_group)}", ha="center", va="center", fontsize=10, color=COLORS["muted"])  # fmt: skip
            shown = ~sub["suppressed"].to_numpy(dtype=bool)
            y = np.arange(len(sub))[shown]
            shares = sub[[f"share_{lv}" for lv in range(1, 6)]].to_numpy(dtype=float)[shown] * 100
            left = -(shares[:, 0] + shares[:, 1] + shares[:, 2] / 2)
            for lv in range(5):
                ax.barh(y, shares[:, lv], left=left, color=LIKERT_COLORS[lv], height=0.7, lw=0)
                left = left + shares[:, lv]
            disagree = shares[:, 0] + shares[:, 1]
            agree = shares[:, 3] + shares[:, 4]
            for yi, d, a, mid in zip(y, disagree, agree, shares[:, 2] / 2, strict=True):
                ax.text(-(d + mid) - 1.5, yi, f"{d:.0f}%", ha="right", va="center", fontsize=9)
                ax.text(a + mid + 1.5, yi, f"{a:.0f}%", ha="left", va="center", fontsize=9)
            ax.set_yticks(range(len(labels)), labels, fontsize=10)
            ax.set_ylim(len(labels) - 0.5, -0.6)
            ax.axvline(0, color="#333333", lw=0.8)
            ax.set_title(_wrap(str(sub["label"].iloc[0]), 70), fontsize=11)
            ax.grid(axis="y", visible=False)
            ax.spines["left"].set_visible(False)
            ax.tick_params(axis="y", length=0)
        axes[-1, 0].set_xlim(-105, 105)
        axes[-1, 0].set_xticks(
            [-100, -50, 0, 50, 100], ["100%", "50%", "0", "50%", "100%"], fontsize=10
        )
        axes[-1, 0].set_xlabel(t("chart.likert.xlabel", lang), fontsize=11)
        title = t("chart.likert.title", lang)
        _header(head, title, [Patch(color=c) for c in LIKERT_COLORS], level_names, ncols=5)
        png, svg = _save(fig, outdir, "4_likert")
    return Chart("likert", title, t("chart.likert.guide", lang), png, svg)


# --------------------------------------------------------------------------- 5
def sentiment_chart(trends: Trends, outdir: Path, lang: str = "id") -> Chart:
    """(5) Sentiment composition per period (100% stacked bars), one panel per source."""
    sources = _panel_sources(trends)
    labels = [m.removeprefix("sentiment_") for m in trends.metrics if m.startswith("sentiment_")]
    order = [lab for lab in ("negative", "neutral", "positive") if lab in labels]
    order += [lab for lab in labels if lab not in order]
    with plt.rc_context(STYLE):
        fig, head, body = _canvas(3.0 * len(sources))
        axes = body.subplots(len(sources), 1, squeeze=False)
        handles: list = []
        names: list[str] = []
        for ax, source in zip(axes[:, 0], sources, strict=True):
            if not trends.periods:
                _no_data(ax, lang)
                continue
            x = np.arange(len(trends.periods))
            bottom = np.zeros(len(x))
            first = _series(trends, f"sentiment_{order[0]}", source)
            for lab in order:
                d = _series(trends, f"sentiment_{lab}", source)
                y = np.nan_to_num(d["share"].to_numpy() * 100)
                ax.bar(
                    x,
                    y,
                    bottom=bottom,
                    color=COLORS.get(lab, OKABE_ITO["purple"]),
                    width=0.72,
                    lw=0,
                    label=t(f"sentiment.{lab}", lang).capitalize()
                    if f"sentiment.{lab}" in _known()
                    else lab,
                )
                if lab == "negative":
                    for xi, yi in zip(x, y, strict=True):
                        if yi >= 8:
                            ax.text(xi, yi / 2, f"{yi:.0f}%", ha="center", va="center", fontsize=9, color="white", fontweight="bold")  # fmt: skip
                if lab == "positive":
                    for xi, yi, b in zip(x, y, bottom, strict=True):
                        if yi >= 8:
                            ax.text(xi, b + yi / 2, f"{yi:.0f}%", ha="center", va="center", fontsize=9, color="white", fontweight="bold")  # fmt: skip
                bottom = bottom + y
            missing = np.isnan(first["share"].to_numpy()) & ~first["suppressed"].to_numpy()
            for xi in x[missing]:
                ax.text(xi, 50, "–", ha="center", va="center", color="#AAAAAA")
            _suppressed_marks(ax, first, 50)
            _ticks(ax, trends, lang, first["n"])
            ax.set_ylim(0, 100)
            ax.set_ylabel(t("chart.share_pct", lang))
            ax.set_title(source_label(source, lang).capitalize(), fontsize=12)
            ax.grid(axis="x", visible=False)
            handles, names = ax.get_legend_handles_labels()
        title = t("chart.sentiment.title", lang)
        _header(head, title, handles, names if handles else [])
        png, svg = _save(fig, outdir, "5_sentiment")
    return Chart("sentiment", title, t("chart.sentiment.guide", lang), png, svg)


def _known() -> set[str]:
    from asn_sentiment.messages import MESSAGES

    return set(MESSAGES)


# --------------------------------------------------------------------------- 6
MAX_GROUPS = 12
TOP_THEMES = 3


def top_themes_chart(trends: Trends, taxonomy: Taxonomy, outdir: Path, lang: str = "id") -> Chart:
    """(6) The three most frequent themes of each group in its source's latest period.

    Groups are ordered by resistance share (highest first); suppressed groups
    are left out; at most ``MAX_GROUPS`` groups per source.
    """
    s = trends.summary
    rank = {p: i for i, p in enumerate(trends.periods)}
    rows: list[tuple[str, str, float, str]] = []  # (kind of row, text, share, theme kind)
    top = 0.0
    for source in _panel_sources(trends):
        sub = s[(s["source"] == source) & s["period"].isin(rank) & ~s["suppressed"]]
        if sub.empty:
            continue
        last = max(sub["period"], key=rank.__getitem__)
        cur = sub[sub["period"] == last]
        present = set(cur["group"])
        groups = [ALL] if trends.by == "source" else [g for g in trends.groups if g in present]
        res = cur[cur["metric"] == "resistance"].set_index("group")["share"]
        groups.sort(key=lambda g: (-float(res.get(g, 0.0)), g))
        more = max(0, len(groups) - MAX_GROUPS)
        head = (
            f"{source_label(source, lang).capitalize()} – {period_label(last, trends.period, lang)}"
        )
        if more:
            head += f" ({t('chart.top_themes.more', lang, count=more)})"
        rows.append(("source", head, 0.0, ""))
        for g in groups[:MAX_GROUPS]:
            mine = cur[cur["group"] == g]
            n = mine.loc[mine["metric"] == "resistance", "n"]
            label = source_label(g, lang) if trends.by == "source" else group_label(g, lang)
            rows.append(("group", f"{label}  (n={int(n.iloc[0]) if len(n) else 0})", 0.0, ""))
            themes = mine[mine["metric"].str.startswith("theme_") & (mine["count"].fillna(0) > 0)]
            themes = themes.sort_values(["share", "metric"], ascending=[False, True]).head(
                TOP_THEMES
            )
            if themes.empty:
                rows.append(("none", t("chart.top_themes.none", lang), 0.0, ""))
            for metric, share in zip(themes["metric"], themes["share"], strict=True):
                tid = metric.removeprefix("theme_")
                theme = taxonomy[tid]  # summarise() checked every id against the taxonomy
                rows.append(("theme", theme.label(lang), float(share), theme.kind))
                top = max(top, float(share))
    with plt.rc_context(STYLE):
        fig, head, body = _canvas(0.27 * max(len(rows), 4) + 0.6)
        ax = body.subplots()
        title = t("chart.top_themes.title", lang)
        if not rows:
            _no_data(ax, lang)
        span = max(top * 100, 5) / 0.55  # leave room for the theme names after the bars
        for y, (what, text, share, kind) in enumerate(rows):
            if what == "source":
                ax.text(0, y, text, va="center", fontsize=12, fontweight="bold", color=COLORS["text"])  # fmt: skip
                ax.axhline(y + 0.5, color="#BBBBBB", lw=0.8)
            elif what == "group":
                ax.text(0, y, text, va="center", fontsize=11, fontweight="bold")
            elif what == "none":
                ax.text(span * 0.02, y, text, va="center", fontsize=10, color=COLORS["muted"])
            else:
                ax.barh(y, share * 100, color=COLORS[kind], height=0.7, lw=0)
                ax.text(
                    share * 100 + span * 0.01,
                    y,
                    f"{share * 100:.0f}%  {text}",
                    va="center",
                    fontsize=10,
                )
        ax.set_ylim(len(rows) - 0.5, -0.7)
        ax.set_xlim(0, span)
        ax.set_yticks([])
        ticks = [v for v in range(0, 101, 10 if top < 0.5 else 25) if v <= top * 100 + 5]
        ax.set_xticks(ticks, [f"{v}%" for v in ticks])
        ax.set_xlabel(t("chart.top_themes.xlabel", lang), loc="left")
        ax.grid(axis="y", visible=False)
        ax.spines["left"].set_visible(False)
        _header(
            head,
            title,
            [Patch(color=COLORS["resistance"]), Patch(color=COLORS["support"])],
            [t("chart.resistance", lang), t("chart.support", lang)],
        )
        png, svg = _save(fig, outdir, "6_top_themes")
    return Chart("top_themes", title, t("chart.top_themes.guide", lang), png, svg)


# --------------------------------------------------------------------------- all
def draw_charts(
    trends: Trends,
    taxonomy: Taxonomy,
    outdir: Path,
    lang: str = "id",
    progress: Progress = null_progress,
) -> list[Chart]:
    """Draw every chart (PNG + SVG) into ``outdir``; return them in reading order.

    The Likert chart is left out when the results have no Likert items.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    steps: list[Callable[[], Chart | None]] = [
        lambda: resistance_support_chart(trends, outdir, lang),
        lambda: theme_trends_chart(trends, taxonomy, outdir, lang),
        lambda: heatmap_chart(trends, outdir, lang),
        lambda: likert_chart(trends, outdir, lang),
        lambda: sentiment_chart(trends, outdir, lang),
        lambda: top_themes_chart(trends, taxonomy, outdir, lang),
    ]
    charts: list[Chart] = []
    with progress("cli.progress.charts", len(steps)) as bar:
        for step in steps:
            chart = step()
            if chart is not None:
                charts.append(chart)
            bar.update(1)
    return charts
