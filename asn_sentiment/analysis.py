"""The main analysis: read → classify → aggregate → chart → report.

:func:`analyze` is what ``asn-sentiment analyze`` runs, callable from Python
with the same options.  It writes into OUTDIR:

- ``results.csv``: one row per input row (per open question), the canonical
  columns, the predictions and the user's original columns;
- everything :func:`asn_sentiment.report.write_report` writes (``summary.csv``,
  ``summary.xlsx``, ``tables/``, ``charts/``, ``report.html``, optionally
  ``report.pdf``): analyze ends in the same function as ``asn-sentiment report``,
  so re-reporting from ``results.csv`` gives the same report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from asn_sentiment.classify import classify, load_classifier
from asn_sentiment.ingest import (
    CANONICAL_COLUMNS,
    RESULT_COLUMNS,
    FileReport,
    read_comments,
    read_events,
)
from asn_sentiment.outputs import check_outdir
from asn_sentiment.progress import Progress, null_progress
from asn_sentiment.report import ReportResult, write_report
from asn_sentiment.trends import DEFAULT_MIN_GROUP, Trends


@dataclass
class AnalysisResult:
    """What :func:`analyze` produced."""

    outdir: Path
    files: list[Path]
    inputs: list[FileReport]
    results: pd.DataFrame
    trends: Trends
    report: ReportResult | None = None


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
    by: str = "unit",
    min_group: int = DEFAULT_MIN_GROUP,
    pdf: bool = False,
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
    check_outdir(outdir, overwrite)  # fail before the slow part, not after it
    results = classify(comments.frame, classifier, min_confidence=min_confidence, progress=progress)
    results = results[result_columns(results, comments.original_columns)]
    done = write_report(
        results,
        outdir,
        taxonomy=classifier.taxonomy,
        events=event_table,
        period=period,
        by=by,
        min_group=min_group,
        lang=lang,
        pdf=pdf,
        overwrite=overwrite,
        progress=progress,
        generated=generated,
        sources=[Path(p).name for p in inputs],
        results_csv=True,
    )
    return AnalysisResult(
        outdir=done.outdir,
        files=done.files,
        inputs=comments.files,
        results=results,
        trends=done.trends,
        report=done,
    )
