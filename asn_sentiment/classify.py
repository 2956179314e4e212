"""Classification of the canonical comments table.

Adds to each row: ``sentiment`` (``positive``/``neutral``/``negative``, or
the labels of a researcher's model; ``uncertain`` below ``min_confidence``),
``sentiment_confidence`` (the model's probability for that label),
``themes`` (``;``-joined theme ids), ``theme_evidence`` (what triggered each
theme), ``resistance``/``support`` (0/1, from the themes' kinds in the
taxonomy) and the versions of both models.  Rows with no text get empty
predictions.  With ``evidence=True`` it also adds ``sentiment_evidence``: the
few words that pushed each text towards its label, with their weights (see
:mod:`asn_sentiment.explain`).

``sentiment_confidence`` is the model's probability for its label.  The
shipped model's probabilities are calibrated: on SmSA valid, texts given
confidence *p* are right about *p* of the time (expected calibration error in
its card), so ``min_confidence`` is a meaningful threshold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import pandas as pd

from asn_sentiment.errors import ModelError, TaxonomyError
from asn_sentiment.progress import Progress, null_progress
from asn_sentiment.registry import DEFAULT_SENTIMENT_MODEL, DEFAULT_THEME_MODEL, Model, load_model
from asn_sentiment.taxonomy import Taxonomy, load_taxonomy
from asn_sentiment.themes import RuleThemeMatcher, TrainedThemeModel

UNCERTAIN = "uncertain"
#: ``--theme-model`` value that selects the taxonomy's keyword rules instead of a trained model.
RULES = "rules"
BATCH = 2000
#: Optional column added by ``classify(..., evidence=True)``.
EVIDENCE_COLUMN = "sentiment_evidence"


class ThemeModel(Protocol):
    """What a theme model offers (rule matcher, or a trained classifier)."""

    taxonomy: Taxonomy

    @property
    def version(self) -> str: ...

    def predict(self, texts: Sequence[str]) -> list[list[tuple[str, str]]]: ...


@dataclass
class Classifier:
    """A sentiment model and a theme model used together."""

    sentiment: Model
    themes: ThemeModel

    @property
    def taxonomy(self) -> Taxonomy:
        return self.themes.taxonomy


def load_classifier(
    model: str | None = None, taxonomy: str | None = None, theme_model: str | None = None
) -> Classifier:
    """Load the sentiment model and the theme model (names or paths).

    Any single-label model may stand in for the sentiment model (a
    researcher's own label set then fills the ``sentiment`` column).
    ``theme_model`` is a model trained with ``--task themes`` (default: the
    shipped ``themes``), or ``"rules"`` for the taxonomy's keyword rules alone.
    ``taxonomy`` (a TOML file) gives the themes' kinds and labels; by default
    the taxonomy the theme model was trained with.
    """
    sentiment = load_model(model or DEFAULT_SENTIMENT_MODEL)
    if sentiment.task_object.multilabel:
        raise ModelError(
            "err.model_task", model=str(model), task=sentiment.task, expected="sentiment"
        )
    return Classifier(sentiment=sentiment, themes=load_theme_model(theme_model, taxonomy))


def load_theme_model(theme_model: str | None = None, taxonomy: str | None = None) -> ThemeModel:
    """The theme model ``analyze`` uses: a trained one (name or path) or ``"rules"``.

    A trained model's themes must all be in ``taxonomy`` (when one is given)
    or :class:`~asn_sentiment.errors.TaxonomyError` says which are missing;
    themes of the taxonomy that the model does not know are an error too
    (train a model with that taxonomy).  Themes the taxonomy drops are left out.
    """
    if theme_model == RULES:
        return RuleThemeMatcher(load_taxonomy(taxonomy))
    name = theme_model or DEFAULT_THEME_MODEL
    found = load_model(name)
    if not found.task_object.multilabel or getattr(found.task_object, "taxonomy", None) is None:
        raise ModelError("err.model_task", model=str(name), task=found.task, expected="themes")
    trained = found.task_object.taxonomy
    chosen = load_taxonomy(taxonomy) if taxonomy else trained
    labels = [str(x) for x in found.labels]
    unknown = [tid for tid in chosen.ids if tid not in labels]
    if unknown:
        raise TaxonomyError(
            "err.taxonomy_model",
            taxonomy=chosen.source,
            model=found.name,
            themes=", ".join(unknown[:8]),
        )
    return TrainedThemeModel(found, chosen)


def classify(
    frame: pd.DataFrame,
    classifier: Classifier,
    *,
    min_confidence: float | None = None,
    evidence: bool = False,
    progress: Progress = null_progress,
) -> pd.DataFrame:
    """Return a copy of the canonical table with prediction columns added.

    ``min_confidence``: a label whose probability is below it becomes
    ``uncertain`` (its confidence is kept).  ``evidence``: add the
    ``sentiment_evidence`` column.
    """
    texts = frame["text"].fillna("").astype(str).tolist()
    n = len(texts)
    sentiment = [""] * n
    confidence = [np.nan] * n
    themes = [""] * n
    theme_evidence = [""] * n
    sentiment_evidence = [""] * n
    todo = [i for i, t in enumerate(texts) if t.strip()]
    labels = classifier.sentiment.labels
    with progress("cli.progress.classifying", len(todo)) as bar:
        for start in range(0, len(todo), BATCH):
            idx = todo[start : start + BATCH]
            batch = [texts[i] for i in idx]
            proba = classifier.sentiment.predict_proba(batch)
            best = proba.argmax(axis=1)
            found = classifier.themes.predict(batch)
            if evidence:
                from asn_sentiment.explain import evidence as explain_evidence

                for i, ev in zip(
                    idx, explain_evidence(classifier.sentiment, batch, best), strict=True
                ):
                    sentiment_evidence[i] = ev
            for j, i in enumerate(idx):
                p = float(proba[j, best[j]])
                label = labels[best[j]]
                if min_confidence is not None and p < min_confidence:
                    label = UNCERTAIN
                sentiment[i] = label
                confidence[i] = round(p, 4)
                themes[i] = ";".join(tid for tid, _ in found[j])
                theme_evidence[i] = " | ".join(f"{tid}: {ev}" for tid, ev in found[j])
            bar.update(len(idx))
    taxonomy = classifier.taxonomy
    resistance_ids = set(taxonomy.ids_of_kind("resistance"))
    support_ids = set(taxonomy.ids_of_kind("support"))
    out = frame.copy()
    out["sentiment"] = sentiment
    out["sentiment_confidence"] = confidence
    out["themes"] = themes
    out["theme_evidence"] = theme_evidence
    out["resistance"] = [int(bool(set(t.split(";")) & resistance_ids)) if t else 0 for t in themes]
    out["support"] = [int(bool(set(t.split(";")) & support_ids)) if t else 0 for t in themes]
    out["model_version"] = classifier.sentiment.version
    out["theme_model_version"] = classifier.themes.version
    if evidence:
        out[EVIDENCE_COLUMN] = sentiment_evidence
    return out


def add_evidence(
    results: pd.DataFrame, model: Model, *, progress: Progress = null_progress
) -> pd.DataFrame:
    """Copy of classified ``results`` with the ``sentiment_evidence`` column (re-predicting)."""
    from asn_sentiment.explain import evidence as explain_evidence

    texts = results["text"].fillna("").astype(str).tolist()
    column = [""] * len(texts)
    todo = [i for i, t in enumerate(texts) if t.strip()]
    with progress("cli.progress.explaining", len(todo)) as bar:
        for start in range(0, len(todo), BATCH):
            idx = todo[start : start + BATCH]
            batch = [texts[i] for i in idx]
            best = model.predict_proba(batch).argmax(axis=1)
            for i, ev in zip(idx, explain_evidence(model, batch, best), strict=True):
                column[i] = ev
            bar.update(len(idx))
    out = results.copy()
    out[EVIDENCE_COLUMN] = column
    return out
