"""Measuring classifiers: metrics with bootstrap intervals, calibration, comparison.

Everything here works on *indicator matrices* (texts × labels, bool; see
:mod:`asn_sentiment.tasks`), so single-label and multi-label tasks share it:

- :func:`label_metrics`: per-label precision/recall/F1 and their macro and
  micro averages, and accuracy (exact-match for several labels), each with a
  95% percentile bootstrap interval (resampling texts);
- :func:`paired_bootstrap`: the difference between two models scored on the
  same texts, resampled together, with its interval and a two-sided p-value;
- :func:`calibration`: Brier score, expected calibration error (ECE, 15
  equal-width bins) and the reliability table;
- :func:`confusion`: the confusion table (single-label) or each label's
  TP/FP/FN/TN (multi-label);
- :func:`evaluate` scores a model on labelled files and
  :func:`write_evaluation` writes the tables and figures of
  ``asn-sentiment evaluate``.

The bootstrap draws, for ``n`` texts, ``n_boot`` multinomial weight vectors
(how often each text is drawn) and gets every count as one matrix product, so
1,000 resamples of 10,000 texts take well under a second.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from asn_sentiment.progress import Progress, null_progress
from asn_sentiment.tasks import LabelledData, Task

N_BOOT = 1000
N_BINS = 15
CHUNK = 100  # bootstrap resamples per matrix product

#: Metrics compared by :func:`compare` (name -> function of the count arrays).
COMPARED = ("macro_f1", "micro_f1", "accuracy")


# --- counting -------------------------------------------------------------------------------


def _weights(n: int, n_boot: int, seed: int) -> Any:
    """Chunks of bootstrap weights (resamples × texts): how often each text was drawn."""
    rng = np.random.default_rng(seed)
    done = 0
    while done < n_boot:
        size = min(CHUNK, n_boot - done)
        idx = rng.integers(0, n, size=(size, n))
        w = np.zeros((size, n), dtype=np.float64)
        np.add.at(w, (np.repeat(np.arange(size), n), idx.ravel()), 1.0)
        yield w
        done += size


@dataclass
class _Counts:
    """Per-label TP/FP/FN (resamples × labels) and exact-match counts (resamples)."""

    tp: np.ndarray
    fp: np.ndarray
    fn: np.ndarray
    exact: np.ndarray
    total: np.ndarray


def _counts(truth: np.ndarray, pred: np.ndarray, w: np.ndarray) -> _Counts:
    tp = (truth & pred).astype(np.float64)
    fp = (~truth & pred).astype(np.float64)
    fn = (truth & ~pred).astype(np.float64)
    exact = (truth == pred).all(axis=1).astype(np.float64)
    return _Counts(w @ tp, w @ fp, w @ fn, w @ exact, w.sum(axis=1))


def _div(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(b > 0, a / np.where(b > 0, b, 1), 0.0)


def _scores(c: _Counts, used: np.ndarray) -> dict[str, np.ndarray]:
    """Every metric from counts; arrays over resamples (per-label: resamples × labels)."""
    precision = _div(c.tp, c.tp + c.fp)
    recall = _div(c.tp, c.tp + c.fn)
    f1 = _div(2 * c.tp, 2 * c.tp + c.fp + c.fn)
    tp, fp, fn = c.tp[:, used].sum(1), c.fp[:, used].sum(1), c.fn[:, used].sum(1)
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "macro_precision": precision[:, used].mean(1),
        "macro_recall": recall[:, used].mean(1),
        "macro_f1": f1[:, used].mean(1),
        "micro_precision": _div(tp, tp + fp),
        "micro_recall": _div(tp, tp + fn),
        "micro_f1": _div(2 * tp, 2 * tp + fp + fn),
        "accuracy": _div(c.exact, c.total),
    }


def _interval(values: np.ndarray) -> list[float]:
    lo, hi = np.percentile(values, [2.5, 97.5], axis=0)
    return [_r(lo), _r(hi)] if np.ndim(lo) == 0 else [lo, hi]


def _r(x: Any) -> float:
    return round(float(x), 4)


def label_metrics(
    truth: np.ndarray,
    pred: np.ndarray,
    labels: Sequence[str],
    *,
    n_boot: int = N_BOOT,
    seed: int = 0,
) -> dict[str, Any]:
    """Per-label and averaged precision, recall and F1, and accuracy, with 95% bootstrap CIs.

    ``truth`` and ``pred`` are indicator matrices over ``labels``.  Averages
    run over the labels that occur in the truth or the predictions (as
    scikit-learn's do); per-label scores with nothing to score are 0.
    """
    truth, pred = np.asarray(truth, dtype=bool), np.asarray(pred, dtype=bool)
    n = len(truth)
    used = truth.any(axis=0) | pred.any(axis=0)
    point = _scores(_counts(truth, pred, np.ones((1, n))), used)
    boots: dict[str, list[np.ndarray]] = {k: [] for k in point}
    for w in _weights(n, n_boot, seed) if n else []:
        for k, v in _scores(_counts(truth, pred, w), used).items():
            boots[k].append(v)
    result: dict[str, Any] = {"n": int(n), "n_boot": int(n_boot)}
    for key in ("macro_f1", "macro_precision", "macro_recall"):
        result[key], result[key + "_ci95"] = _with_ci(point[key], boots[key])
    for key in ("micro_f1", "micro_precision", "micro_recall", "accuracy"):
        result[key], result[key + "_ci95"] = _with_ci(point[key], boots[key])
    per_label = {}
    support = truth.sum(axis=0)
    for j, label in enumerate(labels):
        entry: dict[str, Any] = {"support": int(support[j]), "predicted": int(pred[:, j].sum())}
        for key in ("precision", "recall", "f1"):
            entry[key], entry[key + "_ci95"] = _with_ci(
                point[key][:, j], [b[:, j] for b in boots[key]]
            )
        per_label[str(label)] = entry
    result["per_label"] = per_label
    return result


def _with_ci(point: np.ndarray, boots: list[np.ndarray]) -> tuple[float, list[float]]:
    value = _r(np.ravel(point)[0])
    if not boots:
        return value, [value, value]
    return value, _interval(np.concatenate(boots))


# --- comparison ----------------------------------------------------------------------------


def paired_bootstrap(
    truth: np.ndarray,
    pred_a: np.ndarray,
    pred_b: np.ndarray,
    *,
    metrics: Sequence[str] = COMPARED,
    n_boot: int = N_BOOT,
    seed: int = 0,
) -> dict[str, dict[str, Any]]:
    """Differences A − B on the same resampled texts, with 95% CI and two-sided p-value.

    A difference is called significant when its interval excludes 0 (p < 0.05).
    The p-value is twice the share of resamples on the far side of 0.
    """
    truth = np.asarray(truth, dtype=bool)
    pred_a, pred_b = np.asarray(pred_a, dtype=bool), np.asarray(pred_b, dtype=bool)
    n = len(truth)
    used = truth.any(axis=0) | pred_a.any(axis=0) | pred_b.any(axis=0)
    one = np.ones((1, n))
    point_a = _scores(_counts(truth, pred_a, one), used)
    point_b = _scores(_counts(truth, pred_b, one), used)
    diffs: dict[str, list[np.ndarray]] = {m: [] for m in metrics}
    for w in _weights(n, n_boot, seed):
        sa = _scores(_counts(truth, pred_a, w), used)
        sb = _scores(_counts(truth, pred_b, w), used)
        for m in metrics:
            diffs[m].append(sa[m] - sb[m])
    out = {}
    for m in metrics:
        d = np.concatenate(diffs[m])
        p = min(1.0, 2 * min(float((d <= 0).mean()), float((d >= 0).mean())))
        lo, hi = _interval(d)
        out[m] = {
            "a": _r(point_a[m][0]),
            "b": _r(point_b[m][0]),
            "difference": _r(point_a[m][0] - point_b[m][0]),
            "difference_ci95": [lo, hi],
            "p_value": round(p, 4),
            "significant": bool(lo > 0 or hi < 0),
        }
    return out


# --- calibration and confusion ------------------------------------------------------------------


def calibration(
    confidence: np.ndarray, outcome: np.ndarray, brier: float, n_bins: int = N_BINS
) -> dict[str, Any]:
    """Expected calibration error and the reliability table of (confidence, outcome) pairs.

    Bins are ``(lo, hi]`` of equal width (the first includes 0); ECE is the
    count-weighted mean of ``|accuracy − mean confidence|`` over the bins.
    """
    confidence = np.asarray(confidence, dtype=float)
    outcome = np.asarray(outcome, dtype=float)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    which = np.clip(np.searchsorted(edges, confidence, side="left") - 1, 0, n_bins - 1)
    rows = []
    ece = 0.0
    total = len(confidence)
    for b in range(n_bins):
        mask = which == b
        count = int(mask.sum())
        if count:
            conf, acc = float(confidence[mask].mean()), float(outcome[mask].mean())
            ece += count / total * abs(acc - conf)
        else:
            conf = acc = float("nan")
        rows.append(
            {
                "bin_low": round(float(edges[b]), 4),
                "bin_high": round(float(edges[b + 1]), 4),
                "count": count,
                "mean_confidence": None if count == 0 else _r(conf),
                "accuracy": None if count == 0 else _r(acc),
            }
        )
    return {"ece": _r(ece), "brier": _r(brier), "bins": n_bins, "reliability": rows}


def confusion(
    true_labels: Sequence[tuple[str, ...]],
    truth: np.ndarray,
    pred: np.ndarray,
    labels: Sequence[str],
    multilabel: bool,
) -> pd.DataFrame:
    """Confusion table.

    Single-label: one row per true label (model labels first, then any label
    the model does not know), one column per predicted label, counts.
    Multi-label: one row per label with ``tp, fp, fn, tn``.
    """
    if multilabel:
        t, p = np.asarray(truth, dtype=bool), np.asarray(pred, dtype=bool)
        return pd.DataFrame(
            {
                "label": list(labels),
                "tp": (t & p).sum(0),
                "fp": (~t & p).sum(0),
                "fn": (t & ~p).sum(0),
                "tn": (~t & ~p).sum(0),
            }
        )
    extra = sorted({row[0] for row in true_labels} - set(labels))
    rows = list(labels) + extra
    index = {lab: i for i, lab in enumerate(rows)}
    table = np.zeros((len(rows), len(labels)), dtype=np.int64)
    predicted = np.asarray(pred).argmax(axis=1)
    for row, j in zip(true_labels, predicted, strict=True):
        table[index[row[0]], j] += 1
    frame = pd.DataFrame(table, columns=list(labels))
    frame.insert(0, "true_label", rows)
    return frame


# --- evaluating a model ----------------------------------------------------------------------


@dataclass
class Scored:
    """A model's predictions on labelled data, as indicator matrices."""

    model: Any  # registry.Model
    data: LabelledData
    labels: list[str]
    proba: np.ndarray
    truth: np.ndarray
    pred: np.ndarray

    @property
    def task(self) -> Task:
        return self.model.task_object


def score(model: Any, data: LabelledData, progress: Progress = null_progress) -> Scored:
    """Predict ``data`` with ``model`` (a :class:`~asn_sentiment.registry.Model`)."""
    texts = list(data.texts)
    parts = []
    step = 2000
    with progress("cli.progress.predicting", len(texts)) as bar:
        for start in range(0, len(texts), step):
            parts.append(model.predict_proba(texts[start : start + step]))
            bar.update(len(texts[start : start + step]))
    labels = model.labels
    proba = np.vstack(parts) if parts else np.zeros((0, len(labels)))
    task = model.task_object
    return Scored(
        model=model,
        data=data,
        labels=labels,
        proba=proba,
        truth=task.indicator(data.labels, labels),
        pred=task.decide(proba, model.estimator),
    )


@dataclass
class Evaluation:
    """Everything ``asn-sentiment evaluate`` reports about one model."""

    scored: Scored
    metrics: dict[str, Any]
    calibration: dict[str, Any]
    confusion: pd.DataFrame
    errors: pd.DataFrame
    predictions: pd.DataFrame
    comparison: dict[str, Any] | None = None
    other: Evaluation | None = None
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """What goes into a model card or ``metrics.json``."""
        out = dict(self.metrics)
        out["ece"] = self.calibration["ece"]
        out["brier"] = self.calibration["brier"]
        return out


def brier_score(proba: np.ndarray, truth: np.ndarray) -> float:
    """Mean over texts of the summed squared error of every label's probability."""
    if not len(proba):
        return float("nan")
    return float(((np.asarray(proba) - truth.astype(float)) ** 2).sum(axis=1).mean())


def calibration_pairs(scored: Scored) -> tuple[np.ndarray, np.ndarray]:
    """(confidence, outcome) pairs for the reliability table.

    Single-label: the probability of the predicted label, and whether it was
    right.  Multi-label: every label's probability and whether the text has it.
    """
    if scored.task.multilabel:
        return scored.proba.ravel(), scored.truth.ravel().astype(float)
    best = scored.proba.argmax(axis=1) if len(scored.proba) else np.zeros(0, dtype=int)
    conf = scored.proba[np.arange(len(best)), best] if len(best) else np.zeros(0)
    correct = (scored.truth == scored.pred).all(axis=1)
    return conf, correct.astype(float)


def _joined(indicator: np.ndarray, labels: Sequence[str]) -> list[str]:
    return [";".join(labels[j] for j in np.flatnonzero(row)) for row in indicator]


def predictions_table(scored: Scored) -> pd.DataFrame:
    """One row per text: its labels, the prediction, confidence and loss."""
    labels = scored.labels
    conf, _ = (
        calibration_pairs(scored)
        if not scored.task.multilabel
        else (scored.proba.max(axis=1), None)
    )
    truth_labels = [";".join(row) for row in scored.data.labels]
    loss = ((scored.proba - scored.truth.astype(float)) ** 2).sum(axis=1)
    frame = pd.DataFrame(
        {
            "row": np.arange(1, len(scored.proba) + 1),
            "text": scored.data.texts,
            "label": truth_labels,
            "predicted": _joined(scored.pred, labels),
            "confidence": np.round(conf, 4),
            "correct": (scored.truth == scored.pred).all(axis=1)
            & np.asarray([all(lab in labels for lab in row) for row in scored.data.labels]),
            "loss": np.round(loss, 4),
        }
    )
    for j, lab in enumerate(labels):
        frame[f"p_{lab}"] = np.round(scored.proba[:, j], 4)
    return frame


def worst_errors(predictions: pd.DataFrame, k: int = 50) -> pd.DataFrame:
    """The ``k`` wrong predictions with the highest loss (most confidently wrong first)."""
    wrong = predictions[~predictions["correct"]]
    return wrong.sort_values(["loss", "row"], ascending=[False, True], kind="stable").head(k)


def evaluate_scored(
    scored: Scored, *, n_boot: int = N_BOOT, seed: int = 0, errors: int = 50
) -> Evaluation:
    """Metrics, calibration, confusion and error list of a scored model."""
    metrics = label_metrics(scored.truth, scored.pred, scored.labels, n_boot=n_boot, seed=seed)
    conf, outcome = calibration_pairs(scored)
    cal = calibration(conf, outcome, brier_score(scored.proba, scored.truth))
    table = confusion(
        scored.data.labels, scored.truth, scored.pred, scored.labels, scored.task.multilabel
    )
    preds = predictions_table(scored)
    notes: list[tuple[str, dict[str, Any]]] = []
    unknown = sorted({lab for row in scored.data.labels for lab in row} - set(scored.labels))
    if unknown:
        notes.append(
            ("cli.eval.unknown_labels", {"labels": ", ".join(unknown), "model": scored.model.name})
        )
    return Evaluation(
        scored=scored,
        metrics=metrics,
        calibration=cal,
        confusion=table,
        errors=worst_errors(preds, errors),
        predictions=preds,
        notes=notes,
    )


def evaluate(
    model: str | Path,
    data: Sequence[str | Path],
    *,
    compare: str | Path | None = None,
    text_col: str | None = None,
    label_col: str | None = None,
    where: Sequence[str] = (),
    n_boot: int = N_BOOT,
    seed: int = 0,
    errors: int = 50,
    task: str | None = None,
    taxonomy: str | Path | None = None,
    domain: str | None = None,
    progress: Progress = null_progress,
) -> Evaluation:
    """Evaluate ``model`` (name or folder) on labelled files, optionally against ``compare``.

    ``task``: the task the model must have (an error otherwise).
    ``taxonomy`` (themes): the labels' theme ids are checked against it, and
    every theme in it must be one the model predicts.
    ``domain`` scores the texts as that domain's with a domain-adapted model
    (``general`` for a general corpus such as SmSA; default: the model's own
    domain); a compared model that is not domain-adapted is used as it is.
    """
    from asn_sentiment.registry import load_model

    first = load_model(model, task)
    if taxonomy is not None:
        first = _with_taxonomy(first, taxonomy)
    second = load_model(compare) if compare is not None else None
    if domain is not None:
        first.use_domain(domain)
        if second is not None and second.domains:
            second.use_domain(domain)
    if second is not None and second.task != first.task:
        from asn_sentiment.errors import ModelError

        raise ModelError(
            "err.model_task", model=str(compare), task=second.task, expected=first.task
        )
    labelled = read_for(first, data, text_col, label_col, where)
    result = evaluate_scored(
        score(first, labelled, progress), n_boot=n_boot, seed=seed, errors=errors
    )
    if second is not None:
        other = evaluate_scored(
            score(second, labelled, progress), n_boot=n_boot, seed=seed, errors=errors
        )
        result.other = other
        result.comparison = compare_scored(result.scored, other.scored, n_boot=n_boot, seed=seed)
    return result


def _with_taxonomy(model: Any, taxonomy: str | Path) -> Any:
    """``model`` whose task reads labels with ``taxonomy`` (checked against the model's themes)."""
    import copy

    from asn_sentiment.errors import InputError, TaxonomyError
    from asn_sentiment.taxonomy import load_taxonomy

    if not model.task_object.multilabel or not hasattr(model.task_object, "taxonomy"):
        raise InputError("err.taxonomy_task", task=model.task)
    chosen = load_taxonomy(taxonomy)
    unknown = [tid for tid in chosen.ids if tid not in model.labels]
    if unknown:
        raise TaxonomyError(
            "err.taxonomy_model",
            taxonomy=chosen.source,
            model=model.name,
            themes=", ".join(unknown),
        )
    out = copy.copy(model)
    out.__dict__["taxonomy"] = chosen  # the cached taxonomy: task_object then uses it
    return out


def read_for(
    model: Any,
    data: Sequence[str | Path],
    text_col: str | None = None,
    label_col: str | None = None,
    where: Sequence[str] = (),
) -> LabelledData:
    """Labelled files read as the model's task reads them."""
    from asn_sentiment.tasks import read_labelled

    return read_labelled(data, text_col, label_col, task=model.task_object, where=where)


def compare_scored(a: Scored, b: Scored, *, n_boot: int = N_BOOT, seed: int = 0) -> dict[str, Any]:
    """Paired bootstrap of two models on the same texts (labels aligned by name)."""
    labels = sorted(set(a.labels) | set(b.labels))
    task = a.task
    truth = task.indicator(a.data.labels, labels)
    pred_a = _realign(a.pred, a.labels, labels)
    pred_b = _realign(b.pred, b.labels, labels)
    return {
        "model_a": a.model.version,
        "model_b": b.model.version,
        "n": int(len(truth)),
        "n_boot": int(n_boot),
        "metrics": paired_bootstrap(truth, pred_a, pred_b, n_boot=n_boot, seed=seed),
    }


def _realign(indicator: np.ndarray, labels: Sequence[str], target: Sequence[str]) -> np.ndarray:
    out = np.zeros((len(indicator), len(target)), dtype=bool)
    pos = {lab: j for j, lab in enumerate(target)}
    for j, lab in enumerate(labels):
        out[:, pos[lab]] = indicator[:, j]
    return out


# --- writing -----------------------------------------------------------------------------------


def metrics_table(metrics: dict[str, Any], model: str) -> pd.DataFrame:
    """Per-label and averaged P/R/F1 with CIs as rows (``label`` = ``macro``/``micro`` too)."""
    rows = []
    for label, m in metrics["per_label"].items():
        rows.append(_metric_row(model, label, m, m["support"]))
    for avg in ("macro", "micro"):
        m = {k.removeprefix(avg + "_"): v for k, v in metrics.items() if k.startswith(avg + "_")}
        rows.append(_metric_row(model, f"({avg})", m, metrics["n"]))
    return pd.DataFrame(rows)


def _metric_row(model: str, label: str, m: dict[str, Any], support: int) -> dict[str, Any]:
    row: dict[str, Any] = {"model": model, "label": label}
    for key in ("precision", "recall", "f1"):
        row[key] = m[key]
        row[f"{key}_low"], row[f"{key}_high"] = m[f"{key}_ci95"]
    row["support"] = support
    return row


def write_evaluation(
    evaluation: Evaluation, outdir: str | Path, *, lang: str = "id", overwrite: bool = False
) -> list[Path]:
    """Write the evaluation folder (staged: nothing is left behind on failure)."""
    from asn_sentiment.outputs import staged_outdir

    with staged_outdir(outdir, overwrite) as staging:
        written = _write_one(evaluation, staging, lang)
        if evaluation.other is not None:
            sub = staging / "compared"
            sub.mkdir()
            written += _write_one(evaluation.other, sub, lang)
            comparison = evaluation.comparison or {}
            (staging / "comparison.json").write_text(_json(comparison), "utf-8")
            written += [staging / "comparison.json", _write_comparison_csv(comparison, staging)]
    final = Path(outdir)
    return [final / p.relative_to(staging) for p in written]


def _write_one(evaluation: Evaluation, folder: Path, lang: str) -> list[Path]:
    from asn_sentiment.outputs import write_csv

    model = evaluation.scored.model
    summary = {
        "model": model.version,
        "model_path": str(model.path),
        "task": model.task,
        **({"domain": model.domain} if getattr(model, "domain", None) else {}),
        "labels": evaluation.scored.labels,
        "data": evaluation.scored.data.files,
        "metrics": evaluation.metrics,
        "calibration": evaluation.calibration,
    }
    files = [folder / "metrics.json"]
    files[0].write_text(_json(summary), "utf-8")
    files.append(write_csv(metrics_table(evaluation.metrics, model.name), folder / "metrics.csv"))
    files.append(write_csv(evaluation.confusion, folder / "confusion.csv"))
    reliability = pd.DataFrame(evaluation.calibration["reliability"])
    files.append(write_csv(reliability, folder / "calibration.csv"))
    files.append(write_csv(evaluation.errors, folder / "errors.csv"))
    files.append(write_csv(evaluation.predictions, folder / "predictions.csv"))
    from asn_sentiment.evalcharts import confusion_chart, reliability_chart

    files.append(
        confusion_chart(
            evaluation.confusion, model.task_object.multilabel, folder, lang, model.name
        )
    )
    files.append(reliability_chart(evaluation.calibration, folder, lang, model.name))
    return files


def _write_comparison_csv(comparison: dict[str, Any], folder: Path) -> Path:
    from asn_sentiment.outputs import write_csv

    rows = []
    for metric, m in comparison.get("metrics", {}).items():
        rows.append(
            {
                "metric": metric,
                "model_a": comparison["model_a"],
                "model_b": comparison["model_b"],
                "a": m["a"],
                "b": m["b"],
                "difference": m["difference"],
                "difference_low": m["difference_ci95"][0],
                "difference_high": m["difference_ci95"][1],
                "p_value": m["p_value"],
                "significant": m["significant"],
            }
        )
    return write_csv(pd.DataFrame(rows), folder / "comparison.csv")


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=_plain) + "\n"


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(type(value).__name__)


MetricFn = Callable[[np.ndarray, np.ndarray], float]
