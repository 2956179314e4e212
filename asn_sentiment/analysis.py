"""The main analysis: read → classify → aggregate → chart → report.

:func:`analyze` is what ``asn-sentiment analyze`` runs, callable from Python
with the same options.  It writes into OUTDIR:

- ``results.csv``: one row per input row (per open question), the canonical
  columns, the predictions and the user's original columns;
- ``summary.csv``: counts and shares per period × unit × source;
- ``charts/*.png``;
- ``report.html``: a self-contained page with key numbers and charts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from asn_sentiment.charts import draw_charts
from asn_sentiment.classify import classify, load_classifier
from asn_sentiment.ingest import (
    CANONICAL_COLUMNS,
    RESULT_COLUMNS,
    FileReport,
    read_comments,
    read_events,
)
from asn_sentiment.outputs import staged_outdir, write_csv
from asn_sentiment.progress import Progress, null_progress
from asn_sentiment.report import render_report
from asn_sentiment.trends import Trends, summarise


@dataclass
class AnalysisResult:
    """What :func:`analyze` produced."""

    outdir: Path
    files: list[Path]
    inputs: list[FileReport]
    results: pd.DataFrame
    trends: Trends


def result_columns(frame: pd.DataFrame, original: Sequence[str]) -> list[str]:
    """Column order of ``results.csv``: canonical, predictions, Likert, originals."""
    likert = sorted(c for c in frame.columns if c.startswith("likert__"))
    return [*CANONICAL_COLUMNS, *RESULT_COLUMNS, *likert, *original]


def analyze(
    inputs: Sequence[str | Path],
    outdir: str | Path,
    *,
    text_cols: Sequence[str] | None = None,
    date_col: str | None = None,
    unit_col: str | None = None,
    source: str | None = None,
    events: str | Path | None = None,
    model: str | None = None,
    taxonomy: str | Path | None = None,
    period: str = "month",
    dayfirst: bool | None = None,
    min_confidence: float | None = None,
    lang: str = "id",
    overwrite: bool = False,
    generated: str | None = None,
    progress: Progress = null_progress,
) -> AnalysisResult:
    """Run the whole analysis of ``inputs`` into ``outdir``."""
    comments = read_comments(
        inputs,
        text_cols=text_cols,
        date_col=date_col,
        unit_col=unit_col,
        source=source,
        dayfirst=dayfirst,
        progress=progress,
    )
    event_table = read_events(events) if events else None
    classifier = load_classifier(model, str(taxonomy) if taxonomy else None)
    with staged_outdir(outdir, overwrite) as staging:
        results = classify(
            comments.frame, classifier, min_confidence=min_confidence, progress=progress
        )
        results = results[result_columns(results, comments.original_columns)]
        trends = summarise(results, classifier.taxonomy, period)
        written = [
            write_csv(results, staging / "results.csv"),
            write_csv(trends.summary, staging / "summary.csv"),
        ]
        charts = draw_charts(trends, classifier.taxonomy, staging / "charts", event_table, lang)
        html = render_report(
            trends,
            classifier.taxonomy,
            charts,
            model=classifier.sentiment.version,
            theme_model=classifier.themes.version,
            sources=[Path(p).name for p in inputs],
            lang=lang,
            generated=generated,
        )
        (staging / "report.html").write_text(html, "utf-8")
        names = [p.relative_to(staging) for p in [*written, *charts, staging / "report.html"]]
    final = Path(outdir)
    return AnalysisResult(
        outdir=final,
        files=[final / n for n in names],
        inputs=comments.files,
        results=results,
        trends=trends,
    )
