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

from asn_sentiment.classify import (
    EVIDENCE_COLUMN,
    UNCERTAIN,
    add_evidence,
    classify,
    load_classifier,
)
from asn_sentiment.errors import InputError
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
from asn_sentiment.store import classify_pending, ingest_files, open_store, results_table
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
    optional = [c for c in (EVIDENCE_COLUMN,) if c in frame.columns]
    return [*CANONICAL_COLUMNS, *RESULT_COLUMNS, *optional, *likert, *original]


def apply_min_confidence(results: pd.DataFrame, min_confidence: float | None) -> pd.DataFrame:
    """Mark stored sentiment below ``min_confidence`` as uncertain (as ``classify`` does)."""
    if min_confidence is None:
        return results
    out = results.copy()
    low = (out["sentiment"] != "") & (out["sentiment_confidence"] < min_confidence)
    out.loc[low, "sentiment"] = UNCERTAIN
    return out


def analyze(
    inputs: Sequence[str | Path],
    outdir: str | Path,
    *,
    text_cols: Sequence[str] | None = None,
    date_col: str | None = None,
    unit_col: str | None = None,
    source: str | None = None,
    mapping: str | Sequence[str] | None = None,
    sheet: str | None = None,
    wave: str | None = None,
    encoding: str | None = None,
    keep_pii: bool = False,
    db: str | Path | None = None,
    events: str | Path | None = None,
    model: str | None = None,
    theme_model: str | None = None,
    taxonomy: str | Path | None = None,
    period: str = "month",
    by: str = "unit",
    min_group: int = DEFAULT_MIN_GROUP,
    pdf: bool = False,
    dayfirst: bool | None = None,
    min_confidence: float | None = None,
    sentiment_evidence: bool = False,
    lang: str = "id",
    overwrite: bool = False,
    generated: str | None = None,
    progress: Progress = null_progress,
) -> AnalysisResult:
    """Run the whole analysis of ``inputs`` into ``outdir``.

    With ``db`` (a store path or database URL), ``inputs`` (possibly none) are
    first added to the store, only the comments this model version has not
    classified yet are classified, and the outputs cover every wave in the
    store.  ``theme_model`` is a model trained with ``--task themes`` (default:
    the shipped ``themes``) or ``"rules"``; ``taxonomy`` is a TOML file
    (default: the theme model's own taxonomy).
    """
    read_options = dict(
        text_cols=text_cols,
        date_col=date_col,
        unit_col=unit_col,
        source=source,
        mapping=mapping,
        sheet=sheet,
        wave=wave,
        encoding=encoding,
        dayfirst=dayfirst,
        keep_pii=keep_pii,
    )
    if not inputs and db is None:
        raise InputError("err.no_inputs")
    event_table = read_events(events) if events else None
    check_outdir(outdir, overwrite)  # fail before the slow part, not after it
    if db is None:
        comments = read_comments(inputs, progress=progress, **read_options)
        file_reports = comments.files
        classifier = load_classifier(model, str(taxonomy) if taxonomy else None, theme_model)
        results = classify(
            comments.frame,
            classifier,
            min_confidence=min_confidence,
            evidence=sentiment_evidence,
            progress=progress,
        )
        results = results[result_columns(results, comments.original_columns)]
        sources = [Path(p).name for p in inputs]
    else:
        with open_store(db, create=bool(inputs)) as st:
            classifier = load_classifier(model, str(taxonomy) if taxonomy else None, theme_model)
            ingested = ingest_files(st, inputs, progress=progress, **read_options) if inputs else []
            file_reports = [
                i.report for i in ingested if i.report is not None and i.status == "added"
            ]
            classify_pending(st, classifier, progress=progress)
            results = results_table(
                st,
                model_version=classifier.sentiment.version,
                theme_model_version=classifier.themes.version,
            )
        results = apply_min_confidence(results, min_confidence)
        if sentiment_evidence:
            results = add_evidence(results, classifier.sentiment, progress=progress)
        sources = sorted(set(results["source_file"]))
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
        sources=sources,
        results_csv=True,
    )
    return AnalysisResult(
        outdir=done.outdir,
        files=done.files,
        inputs=file_reports,
        results=results,
        trends=done.trends,
        report=done,
    )
