"""Training classifiers, cross-validating recipes, and writing model folders.

One code path trains any task (:mod:`asn_sentiment.tasks`): sentiment, a
researcher's own label set, or a multi-label task.  :func:`train` reads the
labelled files, builds the pipeline of a configuration
(:mod:`asn_sentiment.configs`; the preprocessing inside it), fits it with a
fixed seed, measures it on validation data (and optionally by
cross-validation) with bootstrap intervals, and writes the model folder:
``model.skops`` (see :mod:`asn_sentiment.registry`), ``card.json``,
``card.md`` and ``TRAINING.md`` (:mod:`asn_sentiment.cards`).

:func:`cross_validate` compares configurations by k-fold cross-validation
on the same folds.
"""

from __future__ import annotations

import json
import platform
import re
import shlex
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from asn_sentiment import __version__
from asn_sentiment.cards import render_card_md, render_training_md
from asn_sentiment.configs import CONFIGS, DEFAULT_CONFIG, Config, load_config
from asn_sentiment.errors import InputError
from asn_sentiment.evaluate import (
    N_BOOT,
    brier_score,
    calibration,
    label_metrics,
)
from asn_sentiment.progress import Progress, null_progress
from asn_sentiment.registry import CARD_JSON, CARD_MD, TRAINING_MD, file_sha256, save_estimator
from asn_sentiment.tasks import (
    LABEL_HEADERS,
    TEXT_HEADERS,
    LabelledData,
    Task,
    check_where_used,
    get_task,
    read_labelled,
)

__all__ = [
    "CONFIGS",
    "DEFAULT_CONFIG",
    "LABEL_HEADERS",
    "SMSA_ATTRIBUTION",
    "TEXT_HEADERS",
    "CVResult",
    "TrainResult",
    "basic_metrics",
    "cross_validate",
    "macro_f1",
    "read_labelled",
    "train",
]

SMSA_ATTRIBUTION = (
    "Trained on SmSA (Purwarianti & Crisdayanti 2019, 'Improving Bi-LSTM Performance for "
    "Indonesian Sentiment Analysis Using Paragraph Vector', ICAICTA 2019), distributed with the "
    "IndoNLU benchmark (Wilie et al. 2020, https://github.com/IndoNLP/indonlu), licence "
    "CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/). The data were not changed; "
    "the model's weights are derived from them."
)
#: SHA-256 of the SmSA files, to attribute them even when --attribution is not given.
SMSA_SHA256 = {
    "50f38ceed9b31521bf1581e126620532cc9b790712938159a2cdcf6906977a9b": "SmSA train",
    "6ab41ddc9d58a35086f05ebd2e209c74cb03d87d4f51d6abdfba674eafbefa74": "SmSA valid",
}
SMSA_LIMITATIONS = [
    "Trained on SmSA: reviews and tweets, not change-management comments. Polite, formal "
    "complaints ('mohon ...', 'belum ada kepastian ...') may read as neutral, and complaints "
    "about applications as positive; a model trained on SmSA alone is much weaker on this "
    "domain than its SmSA figures suggest. Check examples before acting on the results.",
]
THEME_LIMITATIONS = [
    "Themes are found from the words used: a theme that is only implied, or expressed with "
    "words the training data never used, is missed; a word typical of one theme (e.g. "
    "'sosialisasi') can suggest it where the comment says something else about it. Read the "
    "theme_evidence column and check examples before acting on a theme's share.",
    "Trained on short comments written for this project in the style of staff survey answers and "
    "public comments; real data from other regions, longer texts or other topics will score "
    "lower than the figures below.",
]
DOMAIN_LIMITATIONS = [
    "Adapted to a domain with a labelled domain corpus (EasyAdapt: shared weights learnt from "
    "all the data plus weights of the domain's own): texts are scored as the domain's. The "
    "bundled corpus of comments on the civil-service reorganisation was written for the project "
    "(synthetic, balanced, about two thousand training comments), so real comments, other "
    "regions' vocabulary and other topics can score lower than its held-out split suggests; the "
    "independent check in the card is the better guide.",
]
GENERIC_LIMITATIONS = [
    "Linear bag-of-words model over word and character n-grams: sarcasm, irony and long-range "
    "context are not understood; negation is handled only within a short window after a negator.",
    "The figures hold for data like the validation data; expect lower scores on other sources.",
]


# --- metrics for cards (kept for callers of the foundation API) ----------------------------------


def macro_f1(y_true: Sequence[str], y_pred: Sequence[str]) -> float:
    """Macro-averaged F1 of single-label predictions (labels present in either)."""
    from sklearn.metrics import f1_score

    return float(f1_score(y_true, y_pred, average="macro", zero_division=0))


def basic_metrics(y_true: Sequence[str], y_pred: Sequence[str], seed: int = 0) -> dict[str, Any]:
    """Macro-F1, accuracy and per-label F1 with bootstrap 95% CIs of single-label predictions."""
    labels = sorted(set(y_true) | set(y_pred))
    task = get_task("sentiment")
    truth = task.indicator([(y,) for y in y_true], labels)
    pred = task.indicator([(y,) for y in y_pred], labels)
    m = label_metrics(truth, pred, labels, seed=seed)
    m["f1_per_class"] = {lab: v["f1"] for lab, v in m["per_label"].items()}
    return m


def split_metrics(
    task: Task,
    labels: list[str],
    proba: np.ndarray,
    pred: np.ndarray,
    data: LabelledData,
    *,
    seed: int = 0,
    n_boot: int = N_BOOT,
) -> dict[str, Any]:
    """Card figures of predictions on ``data``: P/R/F1 with CIs, ECE, Brier.

    ``proba`` are the label probabilities, ``pred`` the decided indicator matrix.
    """
    from asn_sentiment.evaluate import Scored, calibration_pairs

    truth = task.indicator(data.labels, labels)
    metrics = label_metrics(truth, pred, labels, n_boot=n_boot, seed=seed)
    scored = Scored(
        model=_TaskOnly(task), data=data, labels=labels, proba=proba, truth=truth, pred=pred
    )
    conf, outcome = calibration_pairs(scored)
    cal = calibration(conf, outcome, brier_score(proba, truth))
    metrics["ece"], metrics["brier"] = cal["ece"], cal["brier"]
    return metrics


@dataclass
class _TaskOnly:
    task_object: Task


# --- training -----------------------------------------------------------------------------------


@dataclass
class TrainResult:
    """The written model folder and its card."""

    model_dir: Path
    card: dict[str, Any]


def train(
    data: Sequence[str | Path],
    outdir: str | Path,
    *,
    task: str = "sentiment",
    valid: Sequence[str | Path] = (),
    config: str | Path | None = None,
    seed: int = 0,
    name: str | None = None,
    text_col: str | None = None,
    label_col: str | None = None,
    attribution: str | None = None,
    cv: int = 0,
    refit: bool = False,
    weights: Sequence[float] | None = None,
    where: Sequence[str] = (),
    valid_where: Sequence[str] = (),
    check: Sequence[str | Path] = (),
    taxonomy: str | Path | None = None,
    domains: Sequence[str] | None = None,
    valid_domains: Sequence[str] | None = None,
    overwrite: bool = False,
    progress: Progress = null_progress,
) -> TrainResult:
    """Fit ``config`` on ``data``, measure it on ``valid`` (and by ``cv``-fold CV), write ``outdir``.

    ``weights`` gives each file of ``data`` a weight for every one of its
    texts (e.g. to let a small domain corpus count as much as a large general
    one).  With ``refit``, the model is measured on ``valid`` and then fitted
    again on ``data`` + ``valid`` (weight 1), which is what is saved; the card
    says so.  ``where``/``valid_where`` keep only rows of ``data``/``valid``
    whose column has a value (``"split=train"``).  ``check`` files are
    independent checks: measured like ``valid`` (``valid_where`` applies when
    they have the column) but each reported on its own as ``check:NAME`` and
    never used for fitting or choosing anything.  ``taxonomy`` (themes task)
    is the theme taxonomy TOML; it is stored in the card.  ``config`` defaults
    to the task's default configuration.  ``outdir`` is written only when
    everything succeeded; an existing non-empty folder is replaced only with
    ``overwrite``.

    ``domains`` names the domain of each file of ``data`` (``general`` for a
    general corpus such as SmSA, e.g. ``asn`` for comments on the
    reorganisation); a configuration with ``adapt`` then gives every other
    domain its own copy of the features (:mod:`asn_sentiment.adapt`) and the
    saved model scores texts as the first such domain's.  ``valid_domains``
    says in which domain each ``valid`` file is scored (default: the model's).
    """
    from asn_sentiment.outputs import check_outdir, staged_outdir

    the_task = get_task(task, taxonomy)
    config = config or the_task.default_config
    recipe = load_config(config)
    check_outdir(outdir, overwrite)
    train_data = read_labelled(
        data, text_col, label_col, task=the_task, where=where, where_optional=len(data) > 1
    )
    valid_sets = [
        read_labelled(
            [v], text_col, label_col, task=the_task, where=valid_where, where_optional=True
        )
        for v in valid
    ]
    valid_data = _concat_all(valid_sets)
    check_where_used(train_data, where, "--where")
    if valid_data is not None:
        check_where_used(valid_data, valid_where, "--valid-where")
    check_sets = [
        read_labelled(
            [c], text_col, label_col, task=the_task, where=valid_where, where_optional=True
        )
        for c in check
    ]
    if refit and valid_data is None:
        raise InputError("err.refit_needs_valid")
    row_weights = _row_weights(train_data, weights)
    row_domains = _row_domains(train_data, domains, "--domains")
    adapted_to, default_domain = _adapted_domains(domains)
    valid_rows = (
        _row_domains(valid_data, valid_domains, "--valid-domains")
        if valid_data is not None and valid_domains
        else None
    )
    pipeline = recipe.build(the_task, seed, adapted_to, default_domain)
    with progress("cli.progress.training", 2 if refit else 1) as bar:
        _fit(pipeline, the_task, train_data, row_weights, row_domains)
        bar.update(1)
        labels = the_task.classes(pipeline)
        metrics: dict[str, Any] = {}
        if valid_data is not None:
            proba = predict_in_domains(pipeline, valid_data.texts, valid_rows)
            pred = the_task.decide(proba, pipeline)
            if len(set(valid_domains or ())) < 2:  # pooled figures only within one domain
                metrics["valid"] = split_metrics(
                    the_task, labels, proba, pred, valid_data, seed=seed
                )
            if len(valid_sets) > 1:  # each file on its own too, side by side in the card
                start = 0
                for part in valid_sets:
                    stop = start + len(part)
                    metrics[f"valid:{Path(part.files[0]['path']).stem}"] = split_metrics(
                        the_task, labels, proba[start:stop], pred[start:stop], part, seed=seed
                    )
                    start = stop
        for part in check_sets:
            proba = pipeline.predict_proba(part.texts)
            pred = the_task.decide(proba, pipeline)
            metrics[f"check:{Path(part.files[0]['path']).stem}"] = split_metrics(
                the_task, labels, proba, pred, part, seed=seed
            )
        if refit and valid_data is not None:
            both = train_data.concat(valid_data)
            extra = np.ones(len(valid_data)) if row_weights is not None else None
            extra_domains = (
                valid_rows
                if valid_rows is not None
                else np.full(len(valid_data), default_domain, dtype=object)
            )
            pipeline = recipe.build(the_task, seed, adapted_to, default_domain)
            _fit(
                pipeline,
                the_task,
                both,
                _concat(row_weights, extra),
                _concat(row_domains, extra_domains),
            )
            labels = the_task.classes(pipeline)
            bar.update(1)
    if cv:
        result = cross_validate(
            data, [recipe], folds=cv, seed=seed, task=task, text_col=text_col,
            label_col=label_col, progress=progress, labelled=train_data, weights=weights,
            taxonomy=_taxonomy_of(the_task),
            domains=domains,
        )  # fmt: skip
        metrics["cv"] = result.rows[0]["metrics"]
    files = {"train": train_data.files, "valid": valid_data.files if valid_data else []}
    if check_sets:
        files["check"] = [f for part in check_sets for f in part.files]
    card = {
        "name": name or Path(outdir).name,
        "version": __version__,
        "task": the_task.name,
        "multilabel": the_task.multilabel,
        "labels": labels,
        "config": {**recipe.to_dict(), "summary": recipe.summary()},
        "seed": seed,
        "data": files,
        "label_counts": train_data.label_counts(),
        "fitted_on": "train+valid" if refit else "train",
        "weights": {f["name"]: w for f, w in zip(train_data.files, weights, strict=True)}
        if weights
        else {},
        "domains": _domain_card(
            train_data, valid_data, domains, valid_domains, default_domain, files.get("check", [])
        )
        if domains
        else {},
        "metrics": metrics,
        "attribution": _attribution(attribution, files),
        "limitations": _limitations(the_task, files, bool(_adapted_domains(domains)[0])),
        **the_task.card(),
        "training_command": training_command(
            data,
            outdir,
            task=task,
            valid=valid,
            config=config,
            seed=seed,
            name=name,
            text_col=text_col,
            label_col=label_col,
            attribution=attribution,
            cv=cv,
            refit=refit,
            weights=weights,
            where=where,
            valid_where=valid_where,
            check=check,
            taxonomy=taxonomy,
            domains=domains,
            valid_domains=valid_domains,
        ),
        "library_versions": library_versions(),
    }
    with staged_outdir(outdir, overwrite) as staging:
        model_file = save_estimator(pipeline, staging)
        card["model_sha256"] = file_sha256(model_file)
        (staging / CARD_JSON).write_text(
            json.dumps(card, ensure_ascii=False, indent=2, sort_keys=True) + "\n", "utf-8"
        )
        (staging / CARD_MD).write_text(render_card_md(card), "utf-8")
        (staging / TRAINING_MD).write_text(render_training_md(card), "utf-8")
    return TrainResult(model_dir=Path(outdir), card=card)


def _concat_all(parts: list[LabelledData]) -> LabelledData | None:
    if not parts:
        return None
    out = parts[0]
    for part in parts[1:]:
        out = out.concat(part)
    return out


def _row_weights(data: LabelledData, weights: Sequence[float] | None) -> np.ndarray | None:
    """Each text's weight from its file's weight (``None``: all equal)."""
    if not weights:
        return None
    if len(weights) != len(data.files) or any(not w > 0 for w in weights):
        raise InputError("err.weights", n=len(data.files), given=", ".join(map(str, weights)))
    return np.asarray(weights, dtype=float)[data.sources]


def _concat(a: np.ndarray | None, b: np.ndarray | None) -> np.ndarray | None:
    return None if a is None or b is None else np.concatenate([a, b])


_DOMAIN_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")


def _row_domains(
    data: LabelledData, domains: Sequence[str] | None, option: str
) -> np.ndarray | None:
    """Each text's domain from its file's domain (``None``: no domains given)."""
    if not domains:
        return None
    if len(domains) != len(data.files) or not all(_DOMAIN_NAME.fullmatch(d) for d in domains):
        raise InputError(
            "err.domains", option=option, n=len(data.files), given=", ".join(map(str, domains))
        )
    return np.asarray(domains, dtype=object)[data.sources]


def _adapted_domains(domains: Sequence[str] | None) -> tuple[tuple[str, ...], str]:
    """(domains that get their own feature copy, the domain the saved model scores in)."""
    from asn_sentiment.adapt import GENERAL

    adapted = tuple(dict.fromkeys(d for d in domains or () if d != GENERAL))
    return adapted, adapted[0] if adapted else GENERAL


def _domain_card(
    train_data: LabelledData,
    valid_data: LabelledData | None,
    domains: Sequence[str],
    valid_domains: Sequence[str] | None,
    default: str,
    checks: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    return {
        "check": {f["name"]: default for f in checks},
        "train": {f["name"]: d for f, d in zip(train_data.files, domains, strict=True)},
        "valid": {f["name"]: d for f, d in zip(valid_data.files, valid_domains, strict=True)}
        if valid_data is not None and valid_domains
        else {},
        "scores_as": default,
    }


def predict_in_domains(pipeline: Any, texts: np.ndarray, domains: np.ndarray | None) -> np.ndarray:
    """Probabilities of ``texts``, each scored as its domain's (``None``: the model's domain)."""
    from asn_sentiment.adapt import adapted, set_domain

    if domains is None or adapted(pipeline) is None:
        return pipeline.predict_proba(texts)
    out = None
    for name in sorted(set(domains)):
        rows = np.flatnonzero(domains == name)
        previous = set_domain(pipeline, name)
        try:
            part = pipeline.predict_proba(texts[rows])
        finally:
            set_domain(pipeline, previous)
        if out is None:
            out = np.zeros((len(texts), part.shape[1]))
        out[rows] = part
    return out if out is not None else pipeline.predict_proba(texts)


def _fit(
    pipeline: Any,
    task: Task,
    data: LabelledData,
    weights: np.ndarray | None,
    domains: np.ndarray | None = None,
) -> None:
    from asn_sentiment.adapt import adapted

    params = {} if weights is None else {"clf__sample_weight": weights}
    if domains is not None and adapted(pipeline) is not None:
        params["clf__domain"] = domains
    pipeline.fit(data.texts, task.target(data.labels), **params)


def _attribution(given: str | None, files: dict[str, list[dict[str, Any]]]) -> str:
    smsa = any(f["sha256"] in SMSA_SHA256 for part in files.values() for f in part)
    if given == "smsa" or (smsa and not given):
        return SMSA_ATTRIBUTION
    if given and smsa:
        return f"{given}\n\n{SMSA_ATTRIBUTION}"
    return given or ""


def _limitations(
    task: Task, files: dict[str, list[dict[str, Any]]], domain_adapted: bool = False
) -> list[str]:
    smsa = any(f["sha256"] in SMSA_SHA256 for f in files["train"])
    extra = THEME_LIMITATIONS if task.multilabel else []
    if domain_adapted:
        return DOMAIN_LIMITATIONS + extra + GENERIC_LIMITATIONS
    return (SMSA_LIMITATIONS if smsa else []) + extra + GENERIC_LIMITATIONS


def _taxonomy_of(task: Task) -> Any:
    """The taxonomy object of a task that has one (themes), else ``None``."""
    return getattr(task, "taxonomy", None)


def library_versions() -> dict[str, str]:
    """Versions of Python and the libraries a model depends on."""
    import importlib.metadata as md

    versions = {"python": platform.python_version(), "asn-sentiment": __version__}
    for dist in ("scikit-learn", "numpy", "scipy", "Sastrawi", "skops", "indoNLP", "pandas"):
        try:
            versions[dist] = md.version(dist)
        except md.PackageNotFoundError:  # pragma: no cover
            versions[dist] = "not installed"
    return versions


def training_command(
    data: Sequence[str | Path],
    outdir: str | Path,
    *,
    task: str,
    valid: Sequence[str | Path],
    config: str | Path,
    seed: int,
    name: str | None,
    text_col: str | None,
    label_col: str | None,
    attribution: str | None,
    cv: int,
    refit: bool,
    weights: Sequence[float] | None,
    where: Sequence[str] = (),
    valid_where: Sequence[str] = (),
    check: Sequence[str | Path] = (),
    taxonomy: str | Path | None = None,
    domains: Sequence[str] | None = None,
    valid_domains: Sequence[str] | None = None,
) -> str:
    """The command line that trains this model again, every option spelled out."""
    parts = ["asn-sentiment", "train", "--task", task, *map(str, data)]
    parts += [x for w in where for x in ("--where", w)]
    for v in valid:
        parts += ["--valid", str(v)]
    parts += [x for w in valid_where for x in ("--valid-where", w)]
    for c in check:
        parts += ["--check", str(c)]
    if taxonomy:
        parts += ["--taxonomy", str(taxonomy)]
    if config:
        parts += ["--config", str(config)]
    parts += ["--seed", str(seed)]
    for flag, value in (
        ("--text-col", text_col),
        ("--label-col", label_col),
        ("--name", name),
        ("--attribution", attribution),
    ):
        if value:
            parts += [flag, value]
    if weights:
        parts += ["--weights", ",".join(f"{w:g}" for w in weights)]
    if domains:
        parts += ["--domains", ",".join(domains)]
    if valid_domains:
        parts += ["--valid-domains", ",".join(valid_domains)]
    if cv:
        parts += ["--cv", str(cv)]
    if refit:
        parts.append("--refit")
    parts += ["-o", str(outdir)]
    return " ".join(shlex.quote(p) for p in parts)


# --- cross-validation ------------------------------------------------------------------------------


@dataclass
class CVResult:
    """Configurations compared on the same folds, best first."""

    task: str
    folds: int
    n: int
    rows: list[dict[str, Any]]

    def table(self) -> Any:
        """One row per configuration: score with CI, fold spread, accuracy, ECE, time."""
        import pandas as pd

        out = []
        for r in self.rows:
            m = r["metrics"]
            out.append(
                {
                    "config": r["config"],
                    "macro_f1": m["macro_f1"],
                    "macro_f1_low": m["macro_f1_ci95"][0],
                    "macro_f1_high": m["macro_f1_ci95"][1],
                    "fold_sd": m["fold_sd"],
                    "micro_f1": m["micro_f1"],
                    "accuracy": m["accuracy"],
                    "ece": m["ece"],
                    "fit_seconds": r["fit_seconds"],
                    "description": r["description"],
                    **{
                        f"{key}[{part}]": value
                        for part, pm in m.get("parts", {}).items()
                        for key, value in (
                            ("macro_f1", pm["macro_f1"]),
                            ("macro_f1_low", pm["macro_f1_ci95"][0]),
                            ("macro_f1_high", pm["macro_f1_ci95"][1]),
                        )
                    },
                }
            )
        return pd.DataFrame(out)


def cross_validate(
    data: Sequence[str | Path],
    configs: Sequence[str | Path | Config],
    *,
    folds: int = 5,
    seed: int = 0,
    task: str = "sentiment",
    text_col: str | None = None,
    label_col: str | None = None,
    jobs: int = 1,
    n_boot: int = N_BOOT,
    weights: Sequence[float] | None = None,
    where: Sequence[str] = (),
    domains: Sequence[str] | None = None,
    progress: Progress = null_progress,
    labelled: LabelledData | None = None,
    taxonomy: Any = None,
) -> CVResult:
    """k-fold comparison of configurations on the same folds, sorted by the task's main score.

    Texts that occur more than once stay in one fold (no leakage through
    duplicates).  Scores are computed on the pooled out-of-fold predictions,
    with 95% bootstrap intervals over texts, plus the spread across folds.
    Preprocessing is stateless, so each distinct preprocessing cleans the
    texts once and the folds fit only features and classifier.

    With several files, the folds are stratified by file and label (each
    fold holds the same share of every file), and each file's out-of-fold
    figures are reported too (``metrics["parts"]``).  ``domains`` (one per
    file, as for :func:`train`) fits domain-adapted configurations with each
    text's domain and scores every held-out text as its own domain's.
    """
    from joblib import Parallel, delayed
    from sklearn.base import clone

    the_task = get_task(task, taxonomy)
    configs = configs or the_task.configs()
    recipes = [c if isinstance(c, Config) else load_config(c) for c in configs]
    if not recipes:
        raise InputError("err.config_unknown", config="", known=", ".join(CONFIGS))
    data_ = (
        labelled
        if labelled is not None
        else read_labelled(
            data, text_col, label_col, the_task, where=where, where_optional=len(data) > 1
        )
    )
    check_where_used(data_, where if labelled is None else (), "--where")
    splits = the_task.splits(data_, folds, seed)
    y = the_task.target(data_.labels)
    row_weights = _row_weights(data_, weights)
    row_domains = _row_domains(data_, domains, "--domains")
    adapted_to, default_domain = _adapted_domains(domains)
    cleaned: dict[str, np.ndarray] = {}
    rows = []
    with progress("cli.progress.cross_validating", len(recipes) * folds) as bar:
        for recipe in recipes:
            pipeline = recipe.build(the_task, seed, adapted_to, default_domain)
            prep = pipeline.steps[0][1]
            key = json.dumps(prep.get_params(), sort_keys=True, default=str)
            if key not in cleaned:
                cleaned[key] = np.asarray(prep.fit_transform(data_.texts), dtype=object)
            texts = cleaned[key]
            rest = pipeline[1:]
            started = time.perf_counter()
            fitted = Parallel(n_jobs=jobs)(
                delayed(_fit_fold)(
                    the_task,
                    clone(rest),
                    texts[tr],
                    _take(y, tr),
                    None if row_weights is None else row_weights[tr],
                    texts[te],
                    None if row_domains is None else row_domains[tr],
                    None if row_domains is None else row_domains[te],
                )
                for tr, te in splits
            )
            seconds = (time.perf_counter() - started) / folds
            bar.update(folds)
            labels = sorted(
                {lab for row in data_.labels for lab in row}
                | {lab for fold_labels, _, _ in fitted for lab in fold_labels}
            )
            proba = np.zeros((len(data_), len(labels)))
            pred = np.zeros((len(data_), len(labels)), dtype=bool)
            fold_scores = []
            for (fold_labels, fold_proba, fold_pred), (_, te) in zip(fitted, splits, strict=True):
                cols = [labels.index(lab) for lab in fold_labels]
                proba[np.ix_(te, cols)] = fold_proba
                pred[np.ix_(te, cols)] = fold_pred
                fold_scores.append(_fold_score(the_task, labels, pred[te], data_.subset(te)))
            metrics = split_metrics(the_task, labels, proba, pred, data_, seed=seed, n_boot=n_boot)
            metrics["folds"] = folds
            metrics["fold_sd"] = round(float(np.std(fold_scores)), 4)
            if len(data_.files) > 1:
                metrics["parts"] = {}
                for number, name in enumerate(part_names(data_)):
                    part = np.flatnonzero(data_.sources == number)
                    metrics["parts"][name] = split_metrics(
                        the_task, labels, proba[part], pred[part], data_.subset(part),
                        seed=seed, n_boot=n_boot,
                    )  # fmt: skip
            rows.append(
                {
                    "config": recipe.name,
                    "description": recipe.description or recipe.summary(),
                    "recipe": recipe.to_dict(),
                    "metrics": metrics,
                    "fit_seconds": round(seconds, 2),
                }
            )
    key = the_task.primary_metric
    rows.sort(key=lambda r: (-r["metrics"][key], r["config"]))
    return CVResult(task=the_task.name, folds=folds, n=len(data_), rows=rows)


def _take(y: Any, index: np.ndarray) -> Any:
    return y[index] if isinstance(y, np.ndarray) else [y[i] for i in index]


def _fit_fold(
    task: Task,
    estimator: Any,
    texts: np.ndarray,
    y: Any,
    weights: np.ndarray | None,
    test: np.ndarray,
    domains: np.ndarray | None = None,
    test_domains: np.ndarray | None = None,
) -> tuple[list[str], np.ndarray, np.ndarray]:
    from asn_sentiment.adapt import adapted

    params = {} if weights is None else {"clf__sample_weight": weights}
    if domains is not None and adapted(estimator) is not None:
        params["clf__domain"] = domains
    estimator.fit(texts, y, **params)
    proba = predict_in_domains(estimator, test, test_domains)
    return task.classes(estimator), proba, task.decide(proba, estimator)


def part_names(data: LabelledData) -> list[str]:
    """A distinct name for each file of ``data`` (its stem, numbered when stems repeat)."""
    stems = [Path(f["name"]).stem for f in data.files]
    return [s if stems.count(s) == 1 else f"{s}-{i + 1}" for i, s in enumerate(stems)]


def _fold_score(task: Task, labels: list[str], pred: np.ndarray, data: LabelledData) -> float:
    truth = task.indicator(data.labels, labels)
    return float(label_metrics(truth, pred, labels, n_boot=0)[task.primary_metric])
