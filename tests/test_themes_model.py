"""The trained theme classifier: thresholds, gate, rule bonus, the themes task.

(Its scikit-learn conventions are checked in ``test_estimator_conventions.py``.)
"""

from __future__ import annotations

import numpy as np
import pytest

from asn_sentiment.configs import CONFIGS, THEME_STEPS
from asn_sentiment.tasks import ThemesTask, get_task
from asn_sentiment.themes import (
    RULE_STEPS,
    RuleMatches,
    ThemeClassifier,
    _best_gate,
    _best_threshold,
)


def test_theme_recipes_use_the_rule_normalisation() -> None:
    assert ",".join(RULE_STEPS) == THEME_STEPS
    assert CONFIGS["themes-lr"].rule_weight > 0


def test_best_threshold_separates_perfectly() -> None:
    scores = np.array([3.0, 2.0, 1.0, -1.0, -2.0])
    truth = np.array([1, 1, 1, 0, 0])
    t = _best_threshold(scores, truth)
    assert -1.0 < t < 1.0
    assert _best_threshold(scores, np.zeros(5, dtype=int)) > scores.max()


def test_gate_threshold_drops_only_wrong_texts() -> None:
    decisions = np.array([[1.0], [1.0], [1.0]])
    truth = np.array([[1], [1], [0]])
    gate = np.array([2.0, 1.0, -1.0])  # the third text has no theme and the lowest gate score
    t = _best_gate(gate, decisions, truth)
    assert -1.0 < t < 1.0
    assert _best_gate(gate, decisions, np.ones((3, 1), dtype=int)) == float("-inf")


def _toy():
    """Two themes with a word each; a rule for the first; texts with none."""
    rng = np.random.default_rng(0)
    texts, y = [], []
    filler = ["rapat", "kantor", "hari", "ini", "kami", "pegawai", "bidang", "baru"]
    for i in range(120):
        a, b = i % 3 == 0, i % 4 == 0
        words = list(rng.choice(filler, 4))
        if a:
            words.append("aplikasi macet")
        if b:
            words.append("pelatihan bagus")
        texts.append(" ".join(words))
        y.append([int(a), int(b)])
    return np.asarray(texts, dtype=object), np.asarray(y)


def test_rule_columns_add_a_fixed_bonus() -> None:
    from sklearn.pipeline import FeatureUnion, make_pipeline

    from asn_sentiment.features import CompactTfidfVectorizer

    texts, y = _toy()
    rules = RuleMatches((("teknologi", ("macet",)), ("pelatihan", ("pelatihan bagus",))))
    union = FeatureUnion([("word", CompactTfidfVectorizer()), ("rules", rules)])
    clf = ThemeClassifier(labels=("teknologi", "pelatihan"), n_rule_features=2, rule_weight=1.0)
    model = make_pipeline(union, clf).fit(texts, y)
    assert list(clf.classes_) == ["teknologi", "pelatihan"]
    assert (model.predict(texts) == y).mean() > 0.95
    x = union.transform(["aplikasi macet"])
    with_rule = clf.decision_function(x)[0, 0]
    x_no_rule = x.tolil()
    x_no_rule[0, -2] = 0
    without = clf.decision_function(x_no_rule.tocsr())[0, 0]
    assert with_rule - without == pytest.approx(clf.calibration_[0, 0] * 1.0)
    proba = model.predict_proba(texts)
    assert ((proba > 0.5) == model.predict(texts).astype(bool)).all()


def test_themes_task_reads_empty_cells_as_no_theme() -> None:
    task = get_task("themes")
    assert isinstance(task, ThemesTask) and task.multilabel
    labels = task.parse_labels(["kendala_teknologi; pelatihan_bermanfaat", "", "beban_kerja|"])
    assert labels == [("kendala_teknologi", "pelatihan_bermanfaat"), (), ("beban_kerja",)]
    y = task.target(labels)
    assert y.shape == (3, 12) and y[1].sum() == 0 and y.sum() == 3


def test_each_task_compares_its_own_recipes_by_default() -> None:
    sentiment, themes = get_task("sentiment").configs(), get_task("themes").configs()
    assert "word-char-lr" in sentiment and not any(c.startswith("themes-") for c in sentiment)
    assert set(themes) == {c for c in CONFIGS if c.startswith("themes-")}
    assert get_task("themes").default_config in themes
