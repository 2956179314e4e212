"""The report: protected tables, charts and a self-contained HTML page.

:func:`write_report` is the one function that turns a classified results
table into an OUTDIR; ``asn-sentiment report`` (through :func:`report`,
which reads results files back) and ``asn-sentiment analyze`` both end in it.
It writes, atomically (a failed run leaves no half-written OUTDIR):

- ``summary.csv``: the main tidy table (source × period × group × metric);
- ``tables/*.csv``: theme sentiment mix, Likert items, tested changes, groups
  needing attention, undated rows;
- ``summary.xlsx``: the same tables, one sheet each, plus an "about" sheet;
- ``charts/*.png`` (150 dpi) and ``charts/*.svg``;
- ``report.html``: one file, charts and styles embedded, printable on A4;
- ``report.pdf`` with ``pdf=True`` when a Chromium browser is installed.

Nothing here computes statistics or reads raw rows: numbers come from
:mod:`asn_sentiment.trends`, where small groups are already suppressed, and
the page is rendered with Jinja2 (autoescaped).
"""

from __future__ import annotations

import base64
import datetime as dt
import math
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd

from asn_sentiment import __version__
from asn_sentiment.charts import Chart, draw_charts, group_label, period_label, source_label
from asn_sentiment.errors import InputError, ModelError, OutputError, TaxonomyError
from asn_sentiment.i18n import kind_label, t
from asn_sentiment.ingest import read_events
from asn_sentiment.outputs import staged_outdir, write_csv, write_xlsx
from asn_sentiment.progress import Progress, null_progress
from asn_sentiment.taxonomy import Taxonomy, load_taxonomy
from asn_sentiment.trends import (
    ALL,
    BY,
    DEFAULT_MIN_GROUP,
    PERIODS,
    UNDATED,
    Trends,
    UnknownThemes,
    summarise,
)

#: Columns a results file must have to be reported on.
REQUIRED_COLUMNS = ("source", "date", "unit", "text", "sentiment", "themes")
#: Columns filled with a default when a results file lacks them.
OPTIONAL_COLUMNS = {
    "source_file": "",
    "row": "",
    "wave": "",
    "question": "",
    "position": "",
    "text_hash": "",
    "sentiment_confidence": "",
    "model_version": "",
    "theme_model_version": "",
}
RESULT_SUFFIXES = {".csv", ".xlsx"}
PDF_TIMEOUT = 120
#: Event comparisons are told in the summary when significant or at least this large.
EVENT_MIN_CHANGE = 0.05
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
ENV_BROWSER = "ASN_SENTIMENT_BROWSER"


@dataclass
class ReportResult:
    """What :func:`write_report` produced."""

    outdir: Path
    files: list[Path]
    trends: Trends
    charts: list[Chart]
    pdf: Path | None = None
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


# --------------------------------------------------------------------------- reading
def read_results(paths: Sequence[str | Path], progress: Progress = null_progress) -> pd.DataFrame:
    """Read one or more ``results.csv`` files (or XLSX exports) into one table.

    Every value is read as text (``keep_default_na=False``: an empty cell is
    ``""``, never NaN); the same answer present in two files (same
    ``source_file``, ``row``, ``question`` and text) is kept once.
    """
    frames = []
    with progress("cli.progress.reading", len(paths)) as bar:
        for raw_path in paths:
            path = Path(raw_path)
            if not path.exists():
                raise InputError("err.file_missing", path=str(path))
            if path.is_dir():
                raise InputError("err.file_is_dir", path=str(path))
            if path.suffix.lower() not in RESULT_SUFFIXES:
                raise InputError("err.results_format", path=str(path))
            try:
                if path.suffix.lower() == ".xlsx":
                    frame = pd.read_excel(path, dtype=str, keep_default_na=False)
                else:
                    frame = pd.read_csv(
                        path, dtype=str, keep_default_na=False, encoding="utf-8-sig"
                    )
            except (OSError, ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
                raise InputError(
                    "err.file_unreadable", path=str(path), reason=str(exc).splitlines()[0]
                ) from None
            missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
            if missing:
                raise InputError(
                    "err.results_columns",
                    path=str(path),
                    missing=", ".join(missing),
                )
            frames.append(frame)
            bar.update(1)
    if not frames:
        raise InputError("err.results_none")
    results = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    results = results.fillna("")
    for col, default in OPTIONAL_COLUMNS.items():
        if col not in results.columns:
            results[col] = default
    key = ["source_file", "row", "question", "text"]
    dup = results.duplicated(key) & (results["source_file"] != "")
    results = results[~dup].reset_index(drop=True)
    results.attrs["duplicates_dropped"] = int(dup.sum())
    return results


# --------------------------------------------------------------------------- model facts
def model_facts(versions: Sequence[str], lang: str) -> list[str]:
    """One line per model version in the results: name and measured accuracy.

    The accuracy comes from the installed model's card when its file hash
    matches the version written in the results; otherwise the line says so.
    """
    from asn_sentiment.registry import MODEL_FILE, file_sha256, find_model_dir, read_card

    lines = []
    for version in versions:
        if version.startswith("rules:"):
            lines.append(t("report.model.rules", lang, version=version))
            continue
        name = version.split("@", 1)[0]
        digest = version.rsplit("+", 1)[-1] if "+" in version else ""
        try:
            folder = find_model_dir(name)
            card = read_card(folder)
            same = bool(digest) and file_sha256(folder / MODEL_FILE).startswith(digest)
        except ModelError:
            lines.append(t("report.model.unknown", lang, version=version))
            continue
        if not same:
            lines.append(t("report.model.changed", lang, version=version))
            continue
        scores = []
        # several labels per text (themes): micro-F1; exact-match accuracy would mislead
        multi = bool(card.get("multilabel"))
        key = "micro_f1" if multi else "macro_f1"
        for split, metrics in sorted(card.get("metrics", {}).items()):
            if isinstance(metrics, dict) and key in metrics:
                acc = None if multi else metrics.get("accuracy")
                acc_text = f", {t('report.model.accuracy', lang)} {acc:.2f}" if acc else ""
                name = key.replace("_f1", "-F1")
                scores.append(f"{split}: {name} {metrics[key]:.2f}{acc_text}")
        lines.append(
            t(
                "report.model.measured",
                lang,
                version=version,
                scores="; ".join(scores) or t("report.model.no_scores", lang),
            )
        )
    return lines


# --------------------------------------------------------------------------- findings
def _num(value: float, lang: str, digits: int = 1) -> str:
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "id" else text


def _direction(diff: float, lang: str) -> str:
    if abs(diff) < 0.005:
        return t("report.dir.same", lang)
    return t("report.dir.up" if diff > 0 else "report.dir.down", lang)


def _sig(flag: bool, lang: str) -> str:
    return t("report.significant" if flag else "report.not_significant", lang)


def _short_event(label: str) -> str:
    return label.split(" – ")[0].split(" - ")[0].strip()


def findings(trends: Trends, taxonomy: Taxonomy, lang: str = "id") -> list[str]:
    """The executive summary: plain sentences generated from the protected tables."""
    out: list[str] = []
    per = trends.period
    pl = lambda p: period_label(p, per, lang)  # noqa: E731
    ch = trends.changes
    cells = trends.cells
    parts = []
    for s in trends.sources:
        row = cells[(cells["source"] == s) & (cells["period"] == ALL) & (cells["group"] == ALL)]
        if len(row) and not row["suppressed"].iloc[0]:
            parts.append(
                t(
                    "report.find.source_count",
                    lang,
                    source=source_label(s, lang),
                    n=int(row["n"].iloc[0]),
                    respondents=int(row["respondents"].iloc[0]),
                )
            )
    if trends.periods:
        out.append(
            t(
                "report.find.coverage" if parts else "report.find.coverage_protected",
                lang,
                n=int(trends.totals.get("n", 0)),
                parts="; ".join(parts),
                first=pl(trends.periods[0]),
                last=pl(trends.periods[-1]),
            )
        )
    # overall movement, first vs last published period
    for s in trends.sources:
        for metric in ("resistance", "support", "sentiment_negative"):
            hit = ch[
                (ch["comparison"] == "first_last")
                & (ch["source"] == s)
                & (ch["group"] == ALL)
                & (ch["metric"] == metric)
            ]
            if hit.empty:
                continue
            r = hit.iloc[0]
            out.append(
                t(
                    "report.find.trend",
                    lang,
                    source=source_label(s, lang).capitalize(),
                    metric=t(f"report.metric.{metric}", lang),
                    direction=_direction(r["difference"], lang),
                    before=_pct(r["value_before"]),
                    after=_pct(r["value_after"]),
                    p1=pl(r["period_before"]),
                    p2=pl(r["period_after"]),
                    sig=_sig(bool(r["significant"]), lang),
                )
            )
    # socialisation events
    for s in trends.sources:
        ev = ch[
            (ch["comparison"] == "event")
            & (ch["source"] == s)
            & (ch["group"] == ALL)
            & (ch["metric"] == "resistance")
        ]
        if ev.empty:
            continue
        said = False
        for (before, after), grp in ev.groupby(["period_before", "period_after"], sort=False):
            r = grp.iloc[0]
            if not bool(r["significant"]) and abs(float(r["difference"])) < EVENT_MIN_CHANGE:
                continue
            labels = list(dict.fromkeys(_short_event(x) for x in grp["event_label"]))
            out.append(
                t(
                    "report.find.event",
                    lang,
                    events=", ".join(labels),
                    source=source_label(s, lang),
                    direction=_direction(r["difference"], lang),
                    before=_pct(r["value_before"]),
                    after=_pct(r["value_after"]),
                    p1=pl(before),
                    p2=pl(after),
                    sig=_sig(bool(r["significant"]), lang),
                )
            )
            said = True
        if not said:
            out.append(t("report.find.event_none", lang, source=source_label(s, lang)))
    # groups needing attention
    att = trends.attention
    for s in trends.sources:
        sub = att[(att["source"] == s)] if len(att) else att
        if sub is None or sub.empty:
            continue
        flagged = sub[sub["attention"].astype(bool)]
        period = pl(sub["period"].iloc[0])
        if flagged.empty:
            out.append(t("report.find.attention_none", lang, source=source_label(s, lang), period=period))  # fmt: skip
            continue
        units = ", ".join(
            f"{group_label(r.group, lang)} ({_pct(r.resistance_share)})"
            for r in flagged.itertuples()
        )
        rest = flagged["rest_share"].iloc[0]
        out.append(
            t(
                "report.find.attention",
                lang,
                source=source_label(s, lang),
                period=period,
                units=units,
                rest=_pct(rest),
            )
        )
    # theme peaks and shifts
    for s in trends.sources:
        cons = ch[(ch["comparison"] == "consecutive") & (ch["source"] == s) & (ch["group"] == ALL)]
        cons = cons[cons["metric"].str.startswith("theme_")]
        for tid in taxonomy.ids:
            m = cons[cons["metric"] == f"theme_{tid}"]
            rises = m[(m["difference"] > 0) & m["significant"]]
            falls = m[(m["difference"] < 0) & m["significant"]]
            for r in rises.itertuples():
                if (falls["period_before"] == r.period_after).any():
                    out.append(
                        t(
                            "report.find.peak",
                            lang,
                            theme=taxonomy[tid].label(lang),
                            source=source_label(s, lang),
                            period=pl(r.period_after),
                            share=_pct(r.value_after),
                        )
                    )
        fl = ch[(ch["comparison"] == "first_last") & (ch["source"] == s) & (ch["group"] == ALL)]
        fl = fl[fl["metric"].str.startswith("theme_") & fl["significant"]]
        for direction, key in ((-1, "report.find.themes_down"), (1, "report.find.themes_up")):
            sel = fl[fl["difference"] * direction > 0]
            sel = sel.reindex(sel["difference"].abs().sort_values(ascending=False).index).head(3)
            if sel.empty:
                continue
            items = ", ".join(
                f"{taxonomy[r.metric.removeprefix('theme_')].label(lang)} ({_pct(r.value_before)} → {_pct(r.value_after)})"
                for r in sel.itertuples()
            )
            out.append(t(key, lang, source=source_label(s, lang), themes=items))
    # Likert
    lk = ch[(ch["comparison"] == "first_last") & (ch["group"] == ALL)]
    lk = lk[lk["metric"].str.startswith("likert_mean:") & lk["significant"]]
    lk = lk.reindex(lk["difference"].abs().sort_values(ascending=False).index).head(3)
    for r in lk.itertuples():
        item = r.metric.split(":", 1)[1]
        out.append(
            t(
                "report.find.likert",
                lang,
                item=trends.likert_items.get(item, item),
                direction=_direction(r.difference / 5, lang),
                before=_num(r.value_before, lang),
                after=_num(r.value_after, lang),
                p1=pl(r.period_before),
                p2=pl(r.period_after),
            )
        )
    # protection and undated rows
    hidden = trends.suppressed_cells + trends.likert_suppressed_cells
    if hidden:
        out.append(t("report.find.suppressed", lang, count=hidden, k=trends.min_group))
    if trends.undated_total:
        out.append(
            t(
                "report.find.undated",
                lang,
                count=trends.undated_total,
                what=t("period.no_wave" if per == "wave" else "period.undated", lang),
            )
        )
    return out


def _pct(value: float) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value * 100:.0f}%"


# --------------------------------------------------------------------------- HTML
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("asn_sentiment", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _key_cards(trends: Trends, lang: str) -> list[dict[str, str]]:
    cards = [
        {"value": str(int(trends.totals.get("n", 0))), "label": t("report.comments", lang), "kind": ""},
        {"value": str(int(trends.totals.get("respondents", 0))), "label": t("report.respondents", lang), "kind": ""},
    ]  # fmt: skip
    s = trends.summary
    rank = {p: i for i, p in enumerate(trends.periods)}
    for source in trends.sources:
        sub = s[(s["source"] == source) & (s["group"] == ALL) & s["period"].isin(rank)]
        sub = sub[~sub["suppressed"]]
        if sub.empty:
            continue
        last = max(sub["period"], key=rank.__getitem__)
        for metric in ("resistance", "support"):
            hit = sub[(sub["period"] == last) & (sub["metric"] == metric)]
            if len(hit):
                cards.append(
                    {
                        "value": _pct(float(hit["share"].iloc[0])),
                        "label": t(
                            f"report.card.{metric}",
                            lang,
                            source=source_label(source, lang),
                            period=period_label(last, trends.period, lang),
                        ),
                        "kind": metric,
                    }
                )
    return cards


def _attention_rows(trends: Trends, lang: str) -> list[dict[str, str]]:
    att = trends.attention
    rows = []
    if att is None or att.empty:
        return rows
    for r in att.itertuples():
        rows.append(
            {
                "source": source_label(r.source, lang),
                "period": period_label(r.period, trends.period, lang),
                "group": group_label(r.group, lang),
                "n": str(int(r.n)),
                "share": _pct(r.resistance_share),
                "rest": _pct(r.rest_share),
                "previous": "" if not r.previous_period else f"{_pct(r.previous_share)} ({period_label(r.previous_period, trends.period, lang)})",
                "attention": bool(r.attention),
                "why": ", ".join(
                    w
                    for w, flag in (
                        (t("report.attention.above", lang), r.above_rest),
                        (t("report.attention.rise", lang), r.rise_significant),
                    )
                    if flag
                ),
            }
        )  # fmt: skip
    return rows


def _verbatim_blocks(trends: Trends, taxonomy: Taxonomy, lang: str) -> list[dict[str, Any]]:
    blocks = []
    v = trends.verbatims
    for tid in taxonomy.ids:
        sub = v[v["theme"] == tid] if len(v) else v
        if sub is None or sub.empty:
            continue
        quotes = []
        for r in sub.itertuples():
            meta = [source_label(r.source, lang), period_label(r.period, trends.period, lang)]
            if r.group:
                meta.append(group_label(r.group, lang))
            quotes.append({"text": r.text, "meta": " · ".join(meta)})
        blocks.append(
            {
                "label": taxonomy[tid].label(lang),
                "kind": taxonomy[tid].kind,
                "kind_label": kind_label(taxonomy[tid].kind, lang),
                "quotes": quotes,
            }
        )
    return blocks


def render_report(
    trends: Trends,
    taxonomy: Taxonomy,
    charts: Sequence[Chart],
    *,
    sources: Sequence[str] = (),
    lang: str = "id",
    generated: str | None = None,
) -> str:
    """Render ``report.html`` as a string (charts embedded as base64 PNG)."""
    template = _environment().get_template("report.html.j2")
    undated = [
        t(
            "report.undated.row",
            lang,
            source=source_label(r.source, lang),
            answers=int(r.answers),
            respondents=int(r.respondents),
        )
        for r in trends.undated.itertuples()
    ]
    span = (
        f"{period_label(trends.periods[0], trends.period, lang)} – {period_label(trends.periods[-1], trends.period, lang)}"
        if trends.periods
        else "–"
    )
    return template.render(
        lang=lang,
        tr=lambda key, **kw: t(key, lang, **kw),
        generated=generated or dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        version=__version__,
        span=span,
        period_name=t(f"report.period.{trends.period}", lang),
        by_name=t(f"report.by.{trends.by}", lang),
        findings=findings(trends, taxonomy, lang),
        cards=_key_cards(trends, lang),
        attention=_attention_rows(trends, lang),
        charts=[
            {
                "title": c.title,
                "guide": c.guide,
                "alt": c.title,
                "data": base64.b64encode(c.png.read_bytes()).decode("ascii"),
            }
            for c in charts
        ],
        verbatims=_verbatim_blocks(trends, taxonomy, lang),
        models=model_facts(trends.model_versions, lang) or [t("report.model.none", lang)],
        theme_models=model_facts(trends.theme_model_versions, lang)
        or [t("report.model.none", lang)],
        k=trends.min_group,
        suppressed=trends.suppressed_cells,
        suppressed_primary=trends.suppression_primary,
        suppressed_complementary=trends.suppression_complementary,
        likert_suppressed=trends.likert_suppressed_cells,
        undated=undated,
        undated_total=trends.undated_total,
        duplicates=trends.duplicates_dropped,
        sources=list(sources),
        no_likert=trends.likert.empty,
    )


# --------------------------------------------------------------------------- PDF
def find_browser() -> str | None:
    """A Chromium-family browser for printing PDF: ``$ASN_SENTIMENT_BROWSER`` or on PATH."""
    given = os.environ.get(ENV_BROWSER)
    if given:
        return shutil.which(given) or (given if Path(given).is_file() else None)
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def browser_command(browser: str, profile: str) -> list[str]:
    """Headless, offline Chromium flags shared by PDF printing and the tests."""
    return [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-extensions",
        "--disable-sync",
        "--no-first-run",
        "--no-default-browser-check",
        f"--user-data-dir={profile}",
    ]


def render_pdf(html: Path, pdf: Path, browser: str | None = None) -> str | None:
    """Print ``html`` to ``pdf`` with headless Chromium.

    Returns None on success, or the reason it was not possible (no browser,
    browser failed); never raises for an environment without a browser.
    """
    browser = browser or find_browser()
    if browser is None:
        return "no-browser"
    with tempfile.TemporaryDirectory(prefix="asn-sentiment-chromium-") as profile:
        cmd = [
            *browser_command(browser, profile),
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html.resolve().as_uri(),
        ]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=PDF_TIMEOUT)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if done.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        last = (done.stderr or "").strip().splitlines()
        return last[-1][:200] if last else f"exit code {done.returncode}"
    return None


# --------------------------------------------------------------------------- writing
TABLE_FILES = {
    "theme_sentiment": "tables/theme_sentiment.csv",
    "likert": "tables/likert.csv",
    "changes": "tables/changes.csv",
    "attention": "tables/attention.csv",
    "undated": "tables/undated.csv",
}
PERCENT_COLUMNS = (
    "share",
    "ci_low",
    "ci_high",
    "top2_share",
    "top2_ci_low",
    "top2_ci_high",
    "share_1",
    "share_2",
    "share_3",
    "share_4",
    "share_5",
    "resistance_share",
    "rest_share",
    "previous_share",
)


def _about(trends: Trends, lang: str, generated: str, sources: Sequence[str]) -> pd.DataFrame:
    rows = [
        (t("report.about.generated", lang), generated),
        (t("report.about.version", lang), __version__),
        (t("report.about.inputs", lang), ", ".join(sources)),
        (t("report.about.period", lang), trends.period),
        (t("report.about.by", lang), trends.by),
        (t("report.about.k", lang), str(trends.min_group)),
        (t("report.about.suppressed", lang), str(trends.suppressed_cells)),
        (t("report.about.likert_suppressed", lang), str(trends.likert_suppressed_cells)),
        (t("report.about.undated", lang), str(trends.undated_total)),
        (t("report.about.tests", lang), t("report.methods.tests", lang)),
        (t("report.about.rule", lang), t("report.methods.suppression", lang, k=trends.min_group)),
    ]
    return pd.DataFrame(rows, columns=["item", "value"])


def write_report(
    results: pd.DataFrame,
    outdir: str | Path,
    *,
    taxonomy: Taxonomy | str | Path | None = None,
    events: pd.DataFrame | str | Path | None = None,
    period: str = "month",
    by: str = "unit",
    min_group: int = DEFAULT_MIN_GROUP,
    lang: str = "id",
    pdf: bool = False,
    overwrite: bool = False,
    progress: Progress = null_progress,
    generated: str | None = None,
    sources: Sequence[str] = (),
    keep: Sequence[tuple[str, Path]] = (),
    results_csv: bool = False,
) -> ReportResult:
    """Write tables, charts and the report for a classified ``results`` table.

    ``results`` is the table of ``results.csv`` (or what a store returns);
    ``sources`` names the input files for the methods section; ``keep`` lists
    ``(relative name, file)`` pairs copied into the new OUTDIR (a results file
    that lives in the OUTDIR being replaced); ``results_csv`` also writes
    ``results`` as ``results.csv`` (what ``analyze`` does).
    """
    if period not in PERIODS:
        raise InputError("err.period_invalid", period=period, choices=", ".join(PERIODS))
    if by not in BY:
        raise InputError("err.by_invalid", by=by, choices=", ".join(BY))
    tax = taxonomy if isinstance(taxonomy, Taxonomy) else load_taxonomy(taxonomy)
    if isinstance(events, (str, Path)):
        event_table: pd.DataFrame | None = read_events(events)
    else:
        event_table = events
    try:
        trends = summarise(results, tax, period, by=by, min_group=min_group, events=event_table)
    except UnknownThemes as exc:
        raise TaxonomyError(
            "err.results_themes", ids=", ".join(exc.ids[:10]), taxonomy=tax.source
        ) from None
    trends.duplicates_dropped = int(results.attrs.get("duplicates_dropped", 0))
    when = generated or dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    written_names: set[str] = {"summary.csv", "summary.xlsx", "report.html", "report.pdf"}
    written_names |= set(TABLE_FILES.values())
    if results_csv:
        written_names.add("results.csv")
    for rel, _ in keep:
        if rel in written_names or rel.startswith("charts/"):
            raise OutputError("err.report_input_clash", path=rel)
    notes: list[tuple[str, dict[str, Any]]] = []
    pdf_path = None
    with staged_outdir(outdir, overwrite) as staging:
        files: list[Path] = []
        for rel, src in keep:
            dest = staging / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest)
        if results_csv:
            files.append(write_csv(results, staging / "results.csv"))
        files.append(write_csv(trends.summary, staging / "summary.csv"))
        tables = {
            "summary": trends.summary,
            "theme_sentiment": trends.theme_sentiment,
            "likert": trends.likert,
            "changes": trends.changes,
            "attention": trends.attention,
            "undated": trends.undated,
        }
        (staging / "tables").mkdir()
        for name, rel in TABLE_FILES.items():
            files.append(write_csv(tables[name], staging / rel))
        sheets = {**tables, "about": _about(trends, lang, when, sources)}
        files.append(write_xlsx(sheets, staging / "summary.xlsx", percent_columns=PERCENT_COLUMNS))
        charts = draw_charts(trends, tax, staging / "charts", lang, progress)
        for c in charts:
            files += [c.png, c.svg]
        html = render_report(trends, tax, charts, sources=sources, lang=lang, generated=when)
        (staging / "report.html").write_text(html, "utf-8")
        files.append(staging / "report.html")
        if pdf:
            problem = render_pdf(staging / "report.html", staging / "report.pdf")
            if problem is None:
                files.append(staging / "report.pdf")
                pdf_path = Path(outdir) / "report.pdf"
            elif problem == "no-browser":
                notes.append(("cli.pdf_no_browser", {}))
            else:
                notes.append(("cli.pdf_failed", {"reason": problem}))
        names = [p.relative_to(staging) for p in files]
    final = Path(outdir)
    if trends.suppressed_cells or trends.likert_suppressed_cells:
        notes.insert(
            0,
            (
                "cli.suppressed",
                {
                    "count": trends.suppressed_cells + trends.likert_suppressed_cells,
                    "k": trends.min_group,
                },
            ),
        )
    if trends.undated_total:
        notes.insert(0, ("cli.undated", {"count": trends.undated_total}))
    return ReportResult(
        outdir=final,
        files=[final / n for n in names],
        trends=trends,
        charts=[
            Chart(
                c.name,
                c.title,
                c.guide,
                final / "charts" / c.png.name,
                final / "charts" / c.svg.name,
            )
            for c in charts
        ],  # fmt: skip
        pdf=pdf_path,
        notes=notes,
    )


def report(
    inputs: Sequence[str | Path],
    outdir: str | Path,
    *,
    taxonomy: str | Path | None = None,
    events: str | Path | None = None,
    period: str = "month",
    by: str = "unit",
    min_group: int = DEFAULT_MIN_GROUP,
    lang: str = "id",
    pdf: bool = False,
    overwrite: bool = False,
    progress: Progress = null_progress,
    generated: str | None = None,
    db: str | Path | None = None,
) -> ReportResult:
    """Re-report from results files alone: what ``asn-sentiment report`` runs.

    A results file inside the OUTDIR being replaced (``report out/results.csv
    -o out --overwrite``) is carried over into the new OUTDIR, so re-reporting
    in place never destroys the results it reads.  With ``db`` (instead of
    files) the results come from a store: every wave, each comment with its
    latest model version's results.
    """
    keep = []
    if db is not None:
        from asn_sentiment.store import results_table

        if inputs:
            raise InputError("err.report_db_and_files")
        results = results_table(db, require_predictions=True)
        sources = sorted(set(results["source_file"]))
    else:
        results = read_results(inputs, progress)
        sources = [Path(p).name for p in inputs]
        target = Path(outdir).resolve()
        for p in inputs:
            path = Path(p).resolve()
            if target in path.parents:
                keep.append((path.relative_to(target).as_posix(), path))
    return write_report(
        results,
        outdir,
        taxonomy=taxonomy,
        events=events,
        period=period,
        by=by,
        min_group=min_group,
        lang=lang,
        pdf=pdf,
        overwrite=overwrite,
        progress=progress,
        generated=generated,
        sources=sources,
        keep=keep,
    )


__all__ = [
    "ReportResult",
    "find_browser",
    "findings",
    "read_results",
    "render_pdf",
    "render_report",
    "report",
    "write_report",
    "UNDATED",
]
