"""Metrics, intervals, calibration and comparison agree with scikit-learn and with arithmetic."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import accuracy_score, precision_recall_fscore_support

from asn_sentiment.evaluate import calibration, confusion, label_metrics, paired_bootstrap
from asn_sentiment.tasks import get_task

LABELS = ["negative", "neutral", "positive"]
TASK = get_task("sentiment")


def _onehot(ys):
    return TASK.indicator([(y,) for y in ys], LABELS)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(LABELS), st.sampled_from(LABELS)), min_size=1, max_size=60)
)
def test_point_estimates_equal_scikit_learn(pairs) -> None:
    y_true, y_pred = [p[0] for p in pairs], [p[1] for p in pairs]
    m = label_metrics(_onehot(y_true), _onehot(y_pred), LABELS, n_boot=0)
    present = sorted(set(y_true) | set(y_pred))
    for avg in ("macro", "micro"):
        p, r, f, _ = precision_recall_fscore_support(
            y_true, y_pred, labels=present, average=avg, zero_division=0
        )
        assert m[f"{avg}_precision"] == pytest.approx(p, abs=1e-4)
        assert m[f"{avg}_recall"] == pytest.approx(r, abs=1e-4)
        assert m[f"{avg}_f1"] == pytest.approx(f, abs=1e-4)
    assert m["accuracy"] == pytest.approx(accuracy_score(y_true, y_pred), abs=1e-4)
    p, r, f, s = precision_recall_fscore_support(
        y_true, y_pred, labels=LABELS, average=None, zero_division=0
    )
    for j, lab in enumerate(LABELS):
        assert m["per_label"][lab]["f1"] == pytest.approx(f[j], abs=1e-4)
        assert m["per_label"][lab]["support"] == s[j]


def test_multilabel_counts_equal_scikit_learn() -> None:
    rng = np.random.default_rng(0)
    truth = rng.random((80, 4)) < 0.3
    pred = rng.random((80, 4)) < 0.3
    m = label_metrics(truth, pred, list("abcd"), n_boot=0)
    for avg in ("macro", "micro"):
        _, _, f, _ = precision_recall_fscore_support(truth, pred, average=avg, zero_division=0)
        assert m[f"{avg}_f1"] == pytest.approx(f, abs=1e-4)
    assert m["accuracy"] == pytest.approx(accuracy_score(truth, pred), abs=1e-4)


def test_intervals_contain_the_estimate_and_shrink_with_more_data() -> None:
    rng = np.random.default_rng(1)

    def width(n):
        y = rng.choice(LABELS, n)
        pred = np.where(rng.random(n) < 0.8, y, rng.choice(LABELS, n))
        m = label_metrics(_onehot(y), _onehot(pred), LABELS, n_boot=300, seed=0)
        lo, hi = m["macro_f1_ci95"]
        assert lo <= m["macro_f1"] <= hi
        return hi - lo

    assert width(2000) < width(100)


def test_bootstrap_is_deterministic_for_a_seed() -> None:
    y = _onehot(["negative", "positive", "neutral", "positive"] * 10)
    p = _onehot(["negative", "positive", "positive", "positive"] * 10)
    a = label_metrics(y, p, LABELS, n_boot=200, seed=5)
    assert a == label_metrics(y, p, LABELS, n_boot=200, seed=5)


def test_paired_bootstrap_tells_real_differences_from_none() -> None:
    rng = np.random.default_rng(2)
    y = rng.choice(LABELS, 600)
    good = np.where(rng.random(600) < 0.9, y, rng.choice(LABELS, 600))
    bad = np.where(rng.random(600) < 0.6, y, rng.choice(LABELS, 600))
    out = paired_bootstrap(_onehot(y), _onehot(good), _onehot(bad), n_boot=300)
    assert out["macro_f1"]["significant"] and out["macro_f1"]["difference"] > 0
    assert out["macro_f1"]["p_value"] < 0.05
    same = paired_bootstrap(_onehot(y), _onehot(good), _onehot(good), n_boot=300)
    assert not same["accuracy"]["significant"] and same["accuracy"]["difference"] == 0


def test_calibration_error_of_known_cases() -> None:
    conf = np.array([0.9] * 10 + [0.6] * 10)
    right = np.array([1] * 9 + [0] + [1] * 6 + [0] * 4, dtype=float)
    cal = calibration(conf, right, brier=0.1)
    assert cal["ece"] == pytest.approx(0.0, abs=1e-9)
    wrong = calibration(np.full(10, 0.95), np.zeros(10), brier=0.9)
    assert wrong["ece"] == pytest.approx(0.95)
    rows = [r for r in cal["reliability"] if r["count"]]
    assert [r["count"] for r in rows] == [10, 10]
    assert sum(r["count"] for r in cal["reliability"]) == 20


def test_confusion_table_lists_labels_the_model_does_not_know() -> None:
    truth_labels = [("negative",), ("positive",), ("sarcasm",)]
    pred = _onehot(["negative", "negative", "positive"])
    table = confusion(truth_labels, _onehot([t[0] for t in truth_labels]), pred, LABELS, False)
    assert table["true_label"].tolist() == LABELS + ["sarcasm"]
    assert int(table.loc[table["true_label"] == "sarcasm", "positive"].iloc[0]) == 1
    assert table[LABELS].to_numpy().sum() == 3
