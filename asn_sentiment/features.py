"""Feature extraction that saves compactly and transforms fast.

scikit-learn's ``TfidfVectorizer`` keeps its vocabulary as a dict of
``numpy.int64``; skops writes every value of such a dict as its own file,
which makes a model with a few hundred thousand n-grams take over 100 MB and
seconds to load.  :class:`CompactTfidfVectorizer` behaves exactly like
``TfidfVectorizer`` but stores the vocabulary as two arrays.

It is also fast on character n-grams within word boundaries
(``analyzer="char_wb"``), which dominate the time of a word + character
model: scikit-learn pads each whitespace-separated word and counts its
n-grams, so a document's counts are the sum of its words' counts.
:meth:`CompactTfidfVectorizer.transform` therefore computes each distinct
word's n-gram counts once (cached for the life of the fitted vectoriser) and
gets the document counts as one sparse product, ``(documents × words) @
(words × n-grams)``, before the usual sublinear tf, idf and normalisation.
The result is identical to scikit-learn's (a test compares them).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.utils.validation import check_is_fitted

#: Distinct words whose n-gram counts are kept; the cache restarts beyond this.
MAX_CACHED_WORDS = 1_000_000


class _WordNgramCache:
    """Distinct word -> row of a sparse (word × n-gram) count matrix, grown on demand.

    Rows live in arrays that double in capacity, so adding words costs only
    the new words' n-grams, and :meth:`matrix` is a view without copying.
    """

    def __init__(self, vectorizer: CompactTfidfVectorizer) -> None:
        self.ngrams = vectorizer._char_wb_ngrams
        self.vocabulary = vectorizer.vocabulary_
        self.dtype = vectorizer.dtype
        self.clear()

    def clear(self) -> None:
        self.index: dict[str, int] = {}
        self.by_row: list[str] = []
        self.data = np.empty(1 << 16, dtype=self.dtype)
        self.indices = np.empty(1 << 16, dtype=np.int64)
        self.indptr = [0]

    def rows(self, words: list[str]) -> list[int]:
        """The cache row of every word (adding the new ones)."""
        new = [w for w in dict.fromkeys(words) if w not in self.index]
        if new:
            if len(self.index) + len(new) > MAX_CACHED_WORDS:
                self.clear()
                new = list(dict.fromkeys(words))
            self._add(new)
        index = self.index
        return [index[w] for w in words]

    def _add(self, words: list[str]) -> None:
        vocabulary = self.vocabulary
        indices: list[int] = []
        values: list[int] = []
        ends: list[int] = []
        for word in words:
            counts: dict[int, int] = {}
            for gram in self.ngrams(word):
                j = vocabulary.get(gram)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            indices.extend(counts)
            values.extend(counts.values())
            ends.append(len(indices))
        start = self.indptr[-1]
        stop = start + len(indices)
        if stop > len(self.data):
            size = max(stop, 2 * len(self.data))
            self.data = np.resize(self.data, size)
            self.indices = np.resize(self.indices, size)
        self.data[start:stop] = values
        self.indices[start:stop] = indices
        self.indptr.extend(start + e for e in ends)
        first = len(self.index)
        self.index.update((w, first + i) for i, w in enumerate(words))

    def words(self, rows: np.ndarray) -> list[str]:
        """The words of cache ``rows``."""
        if len(self.by_row) != len(self.index):
            self.by_row = list(self.index)
        return [self.by_row[r] for r in rows]

    def matrix(self) -> sp.csr_array:
        """The (cached words × n-grams) count matrix."""
        nnz = self.indptr[-1]
        return sp.csr_array(
            (self.data[:nnz], self.indices[:nnz], np.asarray(self.indptr, dtype=np.int64)),
            shape=(len(self.index), len(self.vocabulary)),
        )


class CompactTfidfVectorizer(TfidfVectorizer):
    """``TfidfVectorizer`` whose fitted vocabulary serialises as arrays, fast on ``char_wb``."""

    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__().copy()
        state.pop("stop_words_", None)
        state.pop("_word_cache", None)
        vocab = state.pop("vocabulary_", None)
        if vocab is not None:
            terms = sorted(vocab, key=vocab.__getitem__)
            state["_vocab_terms"] = np.asarray(terms, dtype=str)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        terms = state.pop("_vocab_terms", None)
        if terms is not None:
            state["vocabulary_"] = {str(t): i for i, t in enumerate(terms.tolist())}
        super().__setstate__(state)

    def fit(self, raw_documents: Iterable[str], y: object = None) -> CompactTfidfVectorizer:
        self.__dict__.pop("_word_cache", None)
        return super().fit(raw_documents, y)

    def fit_transform(self, raw_documents: Iterable[str], y: object = None) -> Any:
        self.__dict__.pop("_word_cache", None)
        return super().fit_transform(raw_documents, y)

    def _fast_path(self) -> bool:
        return (
            self.analyzer == "char_wb"
            and self.input == "content"
            and self.preprocessor is None
            and not self.binary
        )

    def transform(self, raw_documents: Iterable[str]) -> Any:
        """TF-IDF matrix of ``raw_documents`` (identical to ``TfidfVectorizer.transform``)."""
        if not self._fast_path():
            return super().transform(raw_documents)
        if isinstance(raw_documents, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        check_is_fitted(self, msg="The TF-IDF vectorizer is not fitted")
        self._check_vocabulary()
        counts = self._char_wb_counts(raw_documents)
        return self._tfidf.transform(counts, copy=False)

    def _char_wb_counts(self, raw_documents: Iterable[str]) -> sp.csr_array:
        docs_by_words, word_counts, _ = self.char_wb_parts(raw_documents)
        counts = sp.csr_array(docs_by_words @ word_counts)
        counts.sum_duplicates()
        counts.sort_indices()
        return counts

    def char_wb_parts(
        self, raw_documents: Iterable[str]
    ) -> tuple[sp.csr_array, sp.csr_array, list[str]]:
        """The two factors of the ``char_wb`` count matrix, and the distinct words.

        Returns ``(docs × words counts, words × n-gram counts, words)``; their
        product is the documents' n-gram counts.  Only for ``analyzer="char_wb"``.
        """
        cache = self.__dict__.get("_word_cache")
        if cache is None or cache.vocabulary is not self.vocabulary_:
            cache = self.__dict__["_word_cache"] = _WordNgramCache(self)
        preprocess = self.build_preprocessor()
        words: list[str] = []
        indptr = [0]
        for doc in raw_documents:
            if doc is np.nan:
                raise ValueError("np.nan is an invalid document, expected byte or unicode string.")
            if isinstance(doc, bytes):
                doc = doc.decode(self.encoding, self.decode_error)
            words.extend(preprocess(doc).split())
            indptr.append(len(words))
        rows = np.asarray(cache.rows(words), dtype=np.int64)
        distinct, local = np.unique(rows, return_inverse=True)
        docs_by_words = sp.csr_array(
            (np.ones(len(rows), dtype=self.dtype), local.ravel(), indptr),
            shape=(len(indptr) - 1, len(distinct)),
        )
        docs_by_words.sum_duplicates()
        word_counts = cache.matrix()[distinct]
        return docs_by_words, sp.csr_array(word_counts), cache.words(distinct)
