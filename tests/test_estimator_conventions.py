"""scikit-learn conventions for every transformer and estimator of the package.

``parametrize_with_checks`` runs scikit-learn's whole battery where it applies:
on estimators that take numeric 2-d input.  Estimators whose input is raw text
(tagged ``input_tags.string``, ``two_d_array=False``) get no checks from it
(scikit-learn skips them with a warning), so for those this module runs the
checks of scikit-learn's API battery that need no numeric data, and text
versions of the ones that do (fit returns self, fit leaves the parameters
alone, clone, Pipeline, deterministic output, safe save and load).

Add every new estimator to ``TEXT_ESTIMATORS`` (text in) or
``NUMERIC_ESTIMATORS`` (numeric 2-d in) with a small fitting example.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.utils import estimator_checks as ec
from sklearn.utils.validation import check_is_fitted

from asn_sentiment.features import CompactTfidfVectorizer
from asn_sentiment.preprocess import Preprocessor
from asn_sentiment.taxonomy import load_taxonomy
from asn_sentiment.themes import RuleMatches, ThemeClassifier, taxonomy_rules

TEXTS = [
    "Pelayanannya tidak memuaskan 😡",
    "yg gak jelas, sosialisasi kurang",
    "Pelatihannya bagus, tapi aplikasinya sering macet",
    "idak ado sosialisasi nian, kami idak tau galo",
    "Terima kasih, pelayanan makin cepat",
    "aplikasi e-kinerja sering error!!!",
    "Mohon kejelasan jadwal uji kompetensi",
    "mantap, sekarang lebih transparan",
]
LABELS = [
    "negative",
    "negative",
    "neutral",
    "negative",
    "positive",
    "negative",
    "negative",
    "positive",
]

#: (estimator, fit arguments) for estimators that take raw texts.
TEXT_ESTIMATORS: list[tuple[Any, Callable[[], tuple[Any, ...]]]] = [
    (Preprocessor(), lambda: (TEXTS,)),
    (Preprocessor(steps="normalize,slang,negation", negation_window=2), lambda: (TEXTS,)),
    (CompactTfidfVectorizer(ngram_range=(1, 2)), lambda: (TEXTS,)),
    (CompactTfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4)), lambda: (TEXTS,)),
    (RuleMatches(taxonomy_rules(load_taxonomy())), lambda: (TEXTS,)),
]

#: Estimators on numeric 2-d input: scikit-learn's full battery applies.
NUMERIC_ESTIMATORS: list[Any] = [
    ThemeClassifier(LogisticRegression(solver="liblinear"), gate=True, cv=2),
]
_WEIGHTS = (
    "thresholds come from a shuffled k-fold split of the rows, so repeating a row is not the "
    "same as giving it weight 2"
)
#: Checks an estimator is known to fail, and why (scikit-learn marks them as expected failures).
EXPECTED_FAILURES: dict[str, dict[str, str]] = {
    "ThemeClassifier": {
        "check_sample_weight_equivalence_on_dense_data": _WEIGHTS,
        "check_sample_weight_equivalence_on_sparse_data": _WEIGHTS,
    },
}

#: scikit-learn API checks that need no numeric data.
DATA_FREE_CHECKS = [
    ec.check_estimator_cloneable,
    ec.check_estimator_tags_renamed,
    ec.check_valid_tag_types,
    ec.check_estimator_repr,
    ec.check_no_attributes_set_in_init,
    ec.check_do_not_raise_errors_in_init_or_set_params,
    ec.check_mixin_order,
    ec.check_parameters_default_constructible,
    ec.check_get_params_invariance,
    ec.check_set_params,
]


def _ids(value: Any) -> str:
    return repr(value) if not callable(value) else getattr(value, "__name__", "check")


if NUMERIC_ESTIMATORS:  # pragma: no cover - filled as numeric estimators are added

    @ec.parametrize_with_checks(
        NUMERIC_ESTIMATORS,
        expected_failed_checks=lambda est: EXPECTED_FAILURES.get(type(est).__name__, {}),
    )
    def test_sklearn_battery(estimator: Any, check: Callable[[Any], None]) -> None:
        check(estimator)


def test_text_estimators_are_tagged_as_text() -> None:
    """The tag is what tells scikit-learn (and these tests) that the input is text."""
    from sklearn.utils import get_tags

    for estimator, _ in TEXT_ESTIMATORS:
        tags = get_tags(estimator)
        assert tags.input_tags.string and not tags.input_tags.two_d_array, estimator
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            assert list(ec._yield_all_checks(estimator, legacy=True)) == []
        assert any("Can't test estimator" in str(w.message) for w in caught)


@pytest.mark.parametrize("check", DATA_FREE_CHECKS, ids=_ids)
@pytest.mark.parametrize("estimator, data", TEXT_ESTIMATORS, ids=_ids)
def test_api_checks(estimator: Any, data: Callable[[], tuple[Any, ...]], check: Callable) -> None:
    check(type(estimator).__name__, clone(estimator))


@pytest.mark.parametrize("estimator, data", TEXT_ESTIMATORS, ids=_ids)
def test_fit_returns_self_and_keeps_parameters(estimator: Any, data: Callable) -> None:
    est = clone(estimator)
    before = est.get_params(deep=True)
    assert est.fit(*data()) is est
    after = est.get_params(deep=True)
    assert before.keys() == after.keys()
    for key, value in before.items():
        assert after[key] is value or after[key] == value, key
    # learned state ends in "_" and is not a parameter
    learned = [k for k in vars(est) if k.endswith("_") and not k.startswith("_")]
    assert learned and not set(learned) & set(after)


@pytest.mark.parametrize("estimator, data", TEXT_ESTIMATORS, ids=_ids)
def test_output_is_deterministic_and_clone_is_unfitted(estimator: Any, data: Callable) -> None:
    a = clone(estimator).fit(*data())
    b = clone(estimator).fit(*data())
    out_a, out_b = a.transform(TEXTS), b.transform(TEXTS)
    if hasattr(out_a, "toarray"):
        out_a, out_b = out_a.toarray(), out_b.toarray()
    assert np.array_equal(np.asarray(out_a), np.asarray(out_b))
    fresh = clone(a)
    assert fresh.get_params() == a.get_params()
    if getattr(fresh.__sklearn_tags__(), "requires_fit", True):
        with pytest.raises(NotFittedError):
            check_is_fitted(fresh)


def test_text_steps_compose_in_a_pipeline_and_survive_skops() -> None:
    """Preprocessing travels inside the model: fit, save, load, same predictions."""
    import skops.io as sio

    from asn_sentiment.registry import TRUSTED_TYPES

    pipe = Pipeline(
        [
            ("pre", Preprocessor(steps="normalize,slang,negation")),
            ("tfidf", CompactTfidfVectorizer()),
            ("clf", LogisticRegression(random_state=0)),
        ]
    ).fit(TEXTS, LABELS)
    loaded = sio.loads(sio.dumps(pipe), trusted=list(TRUSTED_TYPES))
    assert list(loaded.predict(TEXTS)) == list(pipe.predict(TEXTS))
    assert np.allclose(loaded.predict_proba(TEXTS), pipe.predict_proba(TEXTS))
    assert loaded.get_params()["pre__steps"] == "normalize,slang,negation"
