"""Training text classifiers and writing their model folders.

One code path trains any single-label text classifier (sentiment by default,
or a researcher's own label set): read labelled files, build the pipeline of
a named configuration (the :class:`~asn_sentiment.preprocess.Preprocessor`
inside it), fit with a fixed seed, measure on validation data, and write the
model folder with its card (see :mod:`asn_sentiment.registry`).
"""

from __future__ import annotations

import json
import platform
import shlex
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.pipeline import FeatureUnion, Pipeline

from asn_sentiment import __version__
from asn_sentiment.errors import InputError
from asn_sentiment.features import CompactTfidfVectorizer
from asn_sentiment.ingest import normalise_header, read_table
from asn_sentiment.preprocess import Preprocessor
from asn_sentiment.progress import Progress, null_progress
from asn_sentiment.registry import CARD_JSON, CARD_MD, TRAINING_MD, file_sha256, save_estimator

LABEL_HEADERS = (
    "label",
    "labels",
    "sentiment",
    "sentimen",
    "kelas",
    "class",
    "category",
    "kategori",
    "target",
)
TEXT_HEADERS = (
    "text",
    "teks",
    "komentar",
    "comment",
    "kalimat",
    "sentence",
    "review",
    "ulasan",
    "tweet",
)

SMSA_ATTRIBUTION = (
    "SmSA (Purwarianti & Crisdayanti 2019, 'Improving Bi-LSTM Performance for Indonesian Sentiment "
    "Analysis Using Paragraph Vector', ICAICTA 2019), distributed with the IndoNLU benchmark "
    "(Wilie et al. 2020), licence CC BY-SA 4.0."
)


def _word_char_logreg(seed: int) -> Pipeline:
    """TF-IDF word 1-2-grams + char 2-5-grams over preprocessed text, logistic regression."""
    features = FeatureUnion(
        [
            (
                "word",
                CompactTfidfVectorizer(
                    ngram_range=(1, 2),
                    sublinear_tf=True,
                    min_df=1,
                    token_pattern=r"\S+",
                    lowercase=False,
                ),
            ),
            (
                "char",
                CompactTfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=(2, 5),
                    sublinear_tf=True,
                    min_df=2,
                    lowercase=False,
                ),
            ),
        ]
    )
    clf = LogisticRegression(C=10.0, max_iter=3000, random_state=seed)
    return Pipeline([("preprocess", Preprocessor()), ("features", features), ("clf", clf)])


#: Named training configurations: name -> factory(seed) -> unfitted pipeline.
CONFIGS: dict[str, Callable[[int], Pipeline]] = {
    "word-char-logreg": _word_char_logreg,
}
DEFAULT_CONFIG = "word-char-logreg"


@dataclass
class LabelledData:
    """Texts and labels read from one or more files, with provenance."""

    frame: pd.DataFrame  # columns: text, label
    files: list[dict[str, Any]]  # path, sha256, rows


def _pick(columns: list[str], given: str | None, names: Sequence[str], path: str) -> str | None:
    if given is not None:
        if given not in columns:
            raise InputError(
                "err.column_missing",
                column=given,
                path=path,
                columns=", ".join(repr(c) for c in columns),
            )
        return given
    return next((c for c in columns if normalise_header(c) in names), None)


def read_labelled(
    paths: Sequence[str | Path], text_col: str | None = None, label_col: str | None = None
) -> LabelledData:
    """Read labelled texts from CSV/TSV/XLSX/JSON files.

    Files with a header need a text and a label column (found by name, or
    given).  Two-column files without a header (such as SmSA's TSV) are read
    as ``text, label``.
    """
    frames = []
    files = []
    for path in paths:
        raw = read_table(path)
        columns = list(raw.columns)
        tcol = _pick(columns, text_col, TEXT_HEADERS, str(path))
        lcol = _pick(columns, label_col, LABEL_HEADERS, str(path))
        if tcol is None or lcol is None:
            if len(columns) == 2 and text_col is None and label_col is None:
                header = pd.DataFrame([columns], columns=columns)
                raw = pd.concat([header, raw], ignore_index=True)
                tcol, lcol = columns
            else:
                raise InputError(
                    "err.training_data",
                    problem=f"'{path}' needs a text and a label column (use --text-col/--label-col); columns: "
                    + ", ".join(repr(c) for c in columns),
                )
        part = pd.DataFrame(
            {"text": raw[tcol].astype(str), "label": raw[lcol].astype(str).str.strip()}
        )
        part = part[(part["text"].str.strip() != "") & (part["label"] != "")]
        frames.append(part)
        files.append(
            {
                "path": str(path),
                "name": Path(path).name,
                "sha256": file_sha256(Path(path)),
                "rows": len(part),
            }
        )
    frame = pd.concat(frames, ignore_index=True)
    if frame["label"].nunique() < 2:
        raise InputError("err.training_data", problem="at least two different labels are needed")
    return LabelledData(frame=frame, files=files)


def bootstrap_ci(
    y_true: Sequence[str],
    y_pred: Sequence[str],
    metric: Callable[[np.ndarray, np.ndarray], float],
    n_boot: int = 1000,
    seed: int = 0,
) -> tuple[float, float, float]:
    """Point estimate and 95% percentile bootstrap interval of ``metric``."""
    yt, yp = np.asarray(y_true), np.asarray(y_pred)
    rng = np.random.default_rng(seed)
    n = len(yt)
    stats = [metric(yt[idx], yp[idx]) for idx in (rng.integers(0, n, n) for _ in range(n_boot))]
    return (
        float(metric(yt, yp)),
        float(np.percentile(stats, 2.5)),
        float(np.percentile(stats, 97.5)),
    )


def macro_f1(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    return float(f1_score(y_true, y_pred, average="macro", zero_division=0))


def basic_metrics(y_true: Sequence[str], y_pred: Sequence[str], seed: int = 0) -> dict[str, Any]:
    """Macro-F1 and accuracy with bootstrap 95% CIs, per-class F1."""
    f1, lo, hi = bootstrap_ci(y_true, y_pred, macro_f1, seed=seed)
    acc, alo, ahi = bootstrap_ci(
        y_true, y_pred, lambda a, b: float(accuracy_score(a, b)), seed=seed
    )
    labels = sorted(set(y_true) | set(y_pred))
    per_class = f1_score(y_true, y_pred, labels=labels, average=None, zero_division=0)
    return {
        "n": len(y_true),
        "macro_f1": round(f1, 4),
        "macro_f1_ci95": [round(lo, 4), round(hi, 4)],
        "accuracy": round(acc, 4),
        "accuracy_ci95": [round(alo, 4), round(ahi, 4)],
        "f1_per_class": {lab: round(float(v), 4) for lab, v in zip(labels, per_class, strict=True)},
    }


@dataclass
class TrainResult:
    model_dir: Path
    card: dict[str, Any]


def train(
    data: Sequence[str | Path],
    outdir: str | Path,
    *,
    task: str = "sentiment",
    valid: Sequence[str | Path] = (),
    config: str = DEFAULT_CONFIG,
    seed: int = 0,
    name: str | None = None,
    text_col: str | None = None,
    label_col: str | None = None,
    attribution: str | None = None,
    command: str | None = None,
    progress: Progress = null_progress,
) -> TrainResult:
    """Fit a configuration on ``data``, evaluate on ``valid``, write the model folder."""
    if config not in CONFIGS:
        raise InputError(
            "err.training_data", problem=f"unknown config '{config}'; known: {', '.join(CONFIGS)}"
        )
    train_data = read_labelled(data, text_col, label_col)
    valid_data = read_labelled(valid, text_col, label_col) if valid else None
    pipeline = CONFIGS[config](seed)
    with progress("cli.progress.training", 1) as bar:
        pipeline.fit(
            train_data.frame["text"].to_numpy(dtype=object), train_data.frame["label"].to_numpy()
        )
        bar.update(1)
    _drop_stop_words(pipeline)
    metrics: dict[str, Any] = {}
    if valid_data is not None:
        pred = pipeline.predict(valid_data.frame["text"].to_numpy(dtype=object))
        metrics["valid"] = basic_metrics(valid_data.frame["label"].tolist(), list(pred), seed=seed)
    model_dir = Path(outdir)
    save_estimator(pipeline, model_dir)
    card = {
        "name": name or model_dir.name,
        "version": __version__,
        "task": task,
        "labels": [str(c) for c in pipeline.classes_],
        "config": config,
        "config_description": (CONFIGS[config].__doc__ or "").strip(),
        "seed": seed,
        "data": {"train": train_data.files, "valid": valid_data.files if valid_data else []},
        "label_counts": {
            k: int(v) for k, v in sorted(train_data.frame["label"].value_counts().items())
        },
        "metrics": metrics,
        "attribution": attribution or "",
        "limitations": [
            "Trained on reviews and tweets (SmSA) unless stated otherwise: polite, formal complaints "
            "about the civil service may read as neutral.",
            "Linear bag-of-words model: sarcasm and long-range context are not understood.",
        ],
        "training_command": command or "",
        "library_versions": _library_versions(),
    }
    (model_dir / CARD_JSON).write_text(
        json.dumps(card, ensure_ascii=False, indent=2, sort_keys=True) + "\n", "utf-8"
    )
    (model_dir / CARD_MD).write_text(render_card_md(card), "utf-8")
    (model_dir / TRAINING_MD).write_text(render_training_md(card), "utf-8")
    return TrainResult(model_dir=model_dir, card=card)


def _drop_stop_words(estimator: Any) -> None:
    """Remove fitted vectorisers' ``stop_words_`` (only kept for introspection, and huge)."""
    if isinstance(estimator, TfidfVectorizer) and hasattr(estimator, "stop_words_"):
        del estimator.stop_words_
    if isinstance(estimator, Pipeline):
        children = estimator.steps
    elif isinstance(estimator, FeatureUnion):
        children = estimator.transformer_list
    else:
        children = []
    for _, child in children:
        _drop_stop_words(child)


def _library_versions() -> dict[str, str]:
    import importlib.metadata as md

    versions = {"python": platform.python_version(), "asn-sentiment": __version__}
    for dist in ("scikit-learn", "numpy", "scipy", "Sastrawi", "skops", "indoNLP", "pandas"):
        try:
            versions[dist] = md.version(dist)
        except md.PackageNotFoundError:  # pragma: no cover
            versions[dist] = "not installed"
    return versions


def render_card_md(card: dict[str, Any]) -> str:
    """The human-readable model card."""
    lines = [
        f"# Model card: {card['name']}",
        "",
        f"- Task: {card['task']}",
        f"- Labels: {', '.join(card['labels'])}",
    ]
    lines += [
        f"- Configuration: `{card['config']}`: {card.get('config_description', '')}",
        f"- Seed: {card['seed']}",
        "",
    ]
    lines += ["## Training data", ""]
    for f in card["data"]["train"]:
        lines.append(f"- `{f['name']}`: {f['rows']} rows, SHA-256 `{f['sha256']}`")
    lines.append(
        "- Label counts: " + ", ".join(f"{k} {v}" for k, v in card["label_counts"].items())
    )
    if card["data"].get("valid"):
        lines += ["", "## Evaluation", ""]
        for f in card["data"]["valid"]:
            lines.append(
                f"- Validation file `{f['name']}`: {f['rows']} rows, SHA-256 `{f['sha256']}`"
            )
    for split, m in card.get("metrics", {}).items():
        lines += [
            "",
            f"| {split} | value | 95% CI |",
            "|---|---|---|",
            f"| macro-F1 | {m['macro_f1']:.3f} | {m['macro_f1_ci95'][0]:.3f}–{m['macro_f1_ci95'][1]:.3f} |",
            f"| accuracy | {m['accuracy']:.3f} | {m['accuracy_ci95'][0]:.3f}–{m['accuracy_ci95'][1]:.3f} |",
        ]
        lines += [f"| F1 {lab} | {v:.3f} | |" for lab, v in m["f1_per_class"].items()]
    lines += ["", "## Limitations", ""] + [f"- {x}" for x in card.get("limitations", [])]
    if card.get("attribution"):
        lines += ["", "## Attribution", "", card["attribution"]]
    lines += [
        "",
        "## Reproduce",
        "",
        "```",
        card.get("training_command") or "(not recorded)",
        "```",
        "",
    ]
    return "\n".join(lines)


def render_training_md(card: dict[str, Any]) -> str:
    """How to reproduce this model."""
    return "\n".join(
        [
            f"# Training {card['name']}",
            "",
            "From the project folder, with the shared data at `../shared/data`:",
            "",
            "```",
            card.get("training_command") or "(not recorded)",
            "```",
            "",
            "The same data files (SHA-256 in `card.json`), configuration and seed give the same predictions.",
            "Library versions used: "
            + ", ".join(f"{k} {v}" for k, v in card["library_versions"].items())
            + ".",
            "",
        ]
    )


def command_line() -> str:
    """The current command line, for the model card."""
    return " ".join(shlex.quote(a) for a in ["asn-sentiment", *sys.argv[1:]])
