"""Why a linear model decided as it did: each word's and n-gram's contribution.

A model from ``asn-sentiment train`` is preprocessing → TF-IDF word and
character n-grams → a linear classifier, so its score for a label is a sum
over features, ``x_j · w_j``.  For one label per text the weights are
centred across labels (softmax probabilities do not change when the same
amount is added to every label's score), so a contribution says how much a
feature pushed the text towards that label *rather than the others*.

Contributions are also summed per word of the cleaned text: a word n-gram's
contribution is shared equally by its words, and a character n-gram's by the
words it occurs in, in proportion to how often (character n-grams never cross
words).  The per-word contributions add up exactly to the score.

:func:`explain_texts` explains a few texts in full (``asn-sentiment
explain``); :func:`evidence` gives the few words that pushed each text
towards its predicted label, as one short string per text (the optional
``sentiment_evidence`` column of ``analyze``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp

from asn_sentiment.errors import ModelError

EVIDENCE_WORDS = 3


@dataclass
class Explanation:
    """One text explained for the label its model predicted."""

    text: str
    cleaned: str
    label: str
    confidence: float
    proba: dict[str, float]
    #: (word of the cleaned text, contribution towards ``label``), largest effect first.
    words: list[tuple[str, float]]
    #: (feature, contribution), largest effect first: ``word:tidak puas``, ``char: pua``.
    features: list[tuple[str, float]]
    intercept: float = 0.0
    other: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "cleaned": self.cleaned,
            "label": self.label,
            "confidence": round(self.confidence, 4),
            "probabilities": {k: round(v, 4) for k, v in self.proba.items()},
            "words": [[w, round(c, 4)] for w, c in self.words],
            "features": [[f, round(c, 4)] for f, c in self.features],
            "intercept": round(self.intercept, 4),
        }


class _Linear:
    """The parts of a fitted pipeline that explanations need."""

    def __init__(self, model: Any) -> None:
        estimator = model.estimator
        name = getattr(model, "name", "?")
        steps = dict(getattr(estimator, "steps", []))
        if not {"preprocess", "features", "clf"} <= set(steps):
            raise ModelError("err.explain_model", model=name, reason="not a trained pipeline")
        self.preprocess = steps["preprocess"]
        union = steps["features"]
        self.branches = list(getattr(union, "transformer_list", [("features", union)]))
        if getattr(union, "transformer_weights", None):
            raise ModelError("err.explain_model", model=name, reason="weighted feature union")
        self.task = model.task_object
        self.labels = model.labels
        self.weights, self.intercepts = _weights(steps["clf"], len(self.labels), name)
        if not self.task.multilabel:
            self.weights = self.weights - self.weights.mean(axis=0, keepdims=True)
            self.intercepts = self.intercepts - self.intercepts.mean()
        self.names: list[np.ndarray] = []
        for branch, vec in self.branches:
            vocab = getattr(vec, "vocabulary_", None)
            if vocab is None or getattr(vec, "analyzer", None) not in ("word", "char_wb"):
                raise ModelError("err.explain_model", model=name, reason=f"feature set '{branch}'")
            terms = np.empty(len(vocab), dtype=object)
            for term, j in vocab.items():
                terms[j] = term
            self.names.append(terms)

    def contributions(
        self, texts: Sequence[str], label_index: np.ndarray, with_features: bool = True
    ) -> tuple[list[str], list[dict[str, float]], list[list[tuple[str, float]]]]:
        """Per text: cleaned text, word -> contribution, and (feature, contribution) pairs."""
        cleaned = [str(c) for c in self.preprocess.transform(list(texts))]
        per_word: list[dict[str, float]] = [defaultdict(float) for _ in cleaned]
        per_feature: list[list[tuple[str, float]]] = [[] for _ in cleaned]
        offset = 0
        rows = np.asarray(label_index)
        for (branch, vec), names in zip(self.branches, self.names, strict=True):
            x = sp.csr_array(vec.transform(cleaned))
            w = self.weights[:, offset : offset + x.shape[1]]
            offset += x.shape[1]
            row_of = np.repeat(np.arange(x.shape[0]), np.diff(x.indptr))
            values = x.data * w[rows[row_of], x.indices]
            contrib = sp.csr_array((values, x.indices, x.indptr), shape=x.shape)
            for i in range(x.shape[0] if with_features else 0):
                lo, hi = contrib.indptr[i], contrib.indptr[i + 1]
                for j, v in zip(contrib.indices[lo:hi], contrib.data[lo:hi], strict=True):
                    per_feature[i].append((f"{branch}:{names[j]}", float(v)))
            if vec.analyzer == "word":
                _share_word_ngrams(contrib, names, per_word)
            else:
                _share_char_ngrams(vec, cleaned, contrib, per_word)
        words = [dict(d) for d in per_word]
        for feats in per_feature:
            feats.sort(key=lambda fv: (-abs(fv[1]), fv[0]))
        return cleaned, words, per_feature


def _share_word_ngrams(
    contrib: sp.csr_array, names: np.ndarray, per_word: list[dict[str, float]]
) -> None:
    for i in range(contrib.shape[0]):
        lo, hi = contrib.indptr[i], contrib.indptr[i + 1]
        for j, v in zip(contrib.indices[lo:hi], contrib.data[lo:hi], strict=True):
            parts = str(names[j]).split(" ")
            for part in parts:
                per_word[i][part] += float(v) / len(parts)


def _share_char_ngrams(
    vec: Any, cleaned: list[str], contrib: sp.csr_array, per_word: list[dict[str, float]]
) -> None:
    """Give each word its share of the character n-grams' contributions."""
    docs_words, word_grams, words = vec.char_wb_parts(cleaned)
    counts = sp.csr_array(docs_words @ word_grams)
    counts.sum_duplicates()
    counts.sort_indices()
    contrib = contrib.copy()
    contrib.sort_indices()
    if not (
        np.array_equal(counts.indptr, contrib.indptr)
        and np.array_equal(counts.indices, contrib.indices)
    ):  # pragma: no cover - the same n-grams by construction
        raise AssertionError("character n-gram counts and features disagree")
    per_count = sp.csr_array(
        (contrib.data / counts.data, counts.indices, counts.indptr), shape=counts.shape
    )
    pairs = sp.coo_array(docs_words)
    share = sp.csr_array(word_grams[pairs.col]).multiply(per_count[pairs.row]).sum(axis=1)
    for d, w, n, s in zip(pairs.row, pairs.col, pairs.data, np.ravel(share), strict=True):
        per_word[d][words[w]] += float(n * s)


def _weights(clf: Any, n_labels: int, name: str) -> tuple[np.ndarray, np.ndarray]:
    """(labels × features) weights and intercepts of a linear classifier."""
    if hasattr(clf, "calibrated_classifiers_"):
        parts = [_weights(c.estimator, n_labels, name) for c in clf.calibrated_classifiers_]
        return np.mean([p[0] for p in parts], axis=0), np.mean([p[1] for p in parts], axis=0)
    if hasattr(clf, "estimators_") and not hasattr(clf, "coef_"):  # one-vs-rest
        parts = [_weights(e, 2, name) for e in clf.estimators_]
        return np.vstack([p[0][1] for p in parts]), np.array([p[1][1] for p in parts])
    coef = getattr(clf, "coef_", None)
    if coef is None:
        raise ModelError("err.explain_model", model=name, reason=type(clf).__name__)
    coef = np.asarray(coef.toarray() if sp.issparse(coef) else coef, dtype=float)
    intercept = np.atleast_1d(np.asarray(getattr(clf, "intercept_", 0.0), dtype=float))
    if coef.shape[0] == 1 and n_labels == 2:
        return np.vstack([-coef[0] / 2, coef[0] / 2]), np.array([-intercept[0], intercept[0]]) / 2
    return coef, np.broadcast_to(intercept, (coef.shape[0],)).copy()


def explain_texts(model: Any, texts: Sequence[str], top: int = 10) -> list[Explanation]:
    """Explain each text for its predicted label (the most probable one)."""
    linear = _Linear(model)
    proba = np.asarray(model.predict_proba(list(texts)))
    best = proba.argmax(axis=1)
    cleaned, words, features = linear.contributions(texts, best)
    out = []
    for i, text in enumerate(texts):
        ranked = sorted(words[i].items(), key=lambda wv: (-abs(wv[1]), wv[0]))
        out.append(
            Explanation(
                text=str(text),
                cleaned=cleaned[i],
                label=linear.labels[best[i]],
                confidence=float(proba[i, best[i]]),
                proba={lab: float(p) for lab, p in zip(linear.labels, proba[i], strict=True)},
                words=[(w, c) for w, c in ranked if abs(c) > 1e-12][:top],
                features=features[i][:top],
                intercept=float(linear.intercepts[best[i]]),
            )
        )
    return out


def evidence(
    model: Any, texts: Sequence[str], label_index: np.ndarray, k: int = EVIDENCE_WORDS
) -> list[str]:
    """The ``k`` words that pushed each text most towards its label, as ``word (+0.83); ...``."""
    if not len(texts):
        return []
    linear = _Linear(model)
    _, words, _ = linear.contributions(texts, np.asarray(label_index), with_features=False)
    out = []
    for contrib in words:
        top = sorted(((w, c) for w, c in contrib.items() if c > 0), key=lambda wc: (-wc[1], wc[0]))[
            :k
        ]
        out.append("; ".join(f"{w} (+{c:.2f})" for w, c in top))
    return out
