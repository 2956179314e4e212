"""CompactTfidfVectorizer: identical to scikit-learn's TfidfVectorizer, compact when saved."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from asn_sentiment import features
from asn_sentiment.features import CompactTfidfVectorizer

TEXTS = [
    "pelayanannya tidak NEG_memuaskan",
    "petugas ramah  dan   cepat",
    "aplikasi\tsering error, tidak NEG_bisa dibuka!!",
    "",
    "mantap 👍 sekali",
    "Ñandú café naïve",
    "aplikasi aplikasi aplikasi",
]
OTHER = ["aplikasi baru tidak jelas", "café ramah", "kata-kata yang belum pernah dilihat", "a"]


def _same(a, b) -> None:
    a, b = sp.csr_array(a), sp.csr_array(b)
    assert a.shape == b.shape
    assert np.array_equal(a.indptr, b.indptr)
    assert np.array_equal(a.indices, b.indices)
    assert np.array_equal(a.data, b.data)  # bit for bit


@pytest.mark.parametrize(
    "params",
    [
        {"analyzer": "char_wb", "ngram_range": (1, 5), "sublinear_tf": True, "min_df": 1},
        {"analyzer": "char_wb", "ngram_range": (2, 4), "lowercase": False},
        {"analyzer": "char_wb", "ngram_range": (3, 3), "norm": "l1", "use_idf": False},
        {"analyzer": "char_wb", "ngram_range": (1, 2), "strip_accents": "unicode"},
        {"analyzer": "char_wb", "ngram_range": (2, 3), "binary": True},
        {"ngram_range": (1, 2), "token_pattern": r"(?u)\b\w+\b", "sublinear_tf": True},
        {"analyzer": "char", "ngram_range": (2, 3)},
    ],
)
def test_identical_to_scikit_learn(params) -> None:
    ours = CompactTfidfVectorizer(**params).fit(TEXTS)
    theirs = TfidfVectorizer(**params).fit(TEXTS)
    _same(ours.transform(OTHER + TEXTS), theirs.transform(OTHER + TEXTS))
    _same(ours.transform(TEXTS[:2]), theirs.transform(TEXTS[:2]))  # cache reused
    _same(ours.fit_transform(TEXTS), theirs.fit_transform(TEXTS))


words = st.text(alphabet=st.sampled_from("abcdeNEG_ \t\n.,!é👍"), max_size=30)


@settings(max_examples=60, deadline=None)
@given(st.lists(words, min_size=1, max_size=8), st.lists(words, min_size=1, max_size=8))
def test_char_wb_fast_path_equals_scikit_learn_on_any_text(fit_texts, texts) -> None:
    params = {"analyzer": "char_wb", "ngram_range": (1, 4), "sublinear_tf": True}
    try:
        theirs = TfidfVectorizer(**params).fit(fit_texts)
    except ValueError:  # empty vocabulary
        return
    ours = CompactTfidfVectorizer(**params).fit(fit_texts)
    _same(ours.transform(texts), theirs.transform(texts))


def test_cache_restarts_when_full(monkeypatch) -> None:
    monkeypatch.setattr(features, "MAX_CACHED_WORDS", 3)
    vec = CompactTfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3)).fit(TEXTS)
    ref = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3)).fit(TEXTS)
    for chunk in (OTHER, TEXTS, OTHER[:1]):
        _same(vec.transform(chunk), ref.transform(chunk))
    assert len(vec._word_cache.index) <= 20


def test_refit_forgets_the_cache() -> None:
    vec = CompactTfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3)).fit(TEXTS)
    vec.transform(OTHER)
    vec.fit(OTHER)
    _same(
        vec.transform(TEXTS),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3)).fit(OTHER).transform(TEXTS),
    )


def test_saved_state_is_arrays_without_the_cache(tmp_path) -> None:
    import skops.io as sio

    vec = CompactTfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3)).fit(TEXTS)
    vec.transform(OTHER)
    state = vec.__getstate__()
    assert "vocabulary_" not in state and "_word_cache" not in state
    assert isinstance(state["_vocab_terms"], np.ndarray)
    sio.dump(vec, tmp_path / "v.skops")
    back = sio.load(
        tmp_path / "v.skops", trusted=sio.get_untrusted_types(file=tmp_path / "v.skops")
    )
    assert back.vocabulary_ == vec.vocabulary_
    _same(back.transform(OTHER), vec.transform(OTHER))


def test_nan_document_is_refused_like_scikit_learn() -> None:
    vec = CompactTfidfVectorizer(analyzer="char_wb").fit(TEXTS)
    with pytest.raises(ValueError, match="np.nan"):
        vec.transform(["a", np.nan])
    with pytest.raises(ValueError, match="Iterable"):
        vec.transform("one string")
