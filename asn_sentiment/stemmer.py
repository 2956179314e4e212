"""Sastrawi stemming, made fast without changing a single stem.

Sastrawi's ``ArrayDictionary`` keeps its 29,932 root words in a Python list,
so every dictionary look-up is a linear scan and the stemmer crawls.  Here the
same ``Sastrawi.Stemmer.Stemmer`` algorithm runs over the same root-word list
held in a ``frozenset``, and each distinct token is stemmed once: results go
into a cache that persists across calls and can be saved and loaded.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from Sastrawi.Stemmer.Filter import TextNormalizer
from Sastrawi.Stemmer.Stemmer import Stemmer as _SastrawiStemmer
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory


class SetDictionary:
    """Sastrawi's dictionary interface backed by a ``frozenset``."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(w for w in words if w and w.strip())

    def contains(self, word: str) -> bool:
        return word in self.words

    def count(self) -> int:
        return len(self.words)


@lru_cache(maxsize=1)
def root_words() -> frozenset[str]:
    """Sastrawi's own root-word list (``kata-dasar.txt``), read once."""
    return SetDictionary(StemmerFactory().get_words()).words


class FastStemmer:
    """Sastrawi-identical stemmer with a set dictionary and a token cache.

    >>> FastStemmer().stem("pelayanan menyosialisasikan kebijakan")
    'layan sosialisasi bijak'
    """

    def __init__(self, cache: dict[str, str] | None = None) -> None:
        self._stemmer = _SastrawiStemmer(SetDictionary(()))
        self._stemmer.dictionary.words = root_words()
        self.cache: dict[str, str] = dict(cache or {})
        self._lock = threading.Lock()

    def stem_word(self, token: str) -> str:
        """Stem one token already normalised as Sastrawi does (lower case)."""
        stem = self.cache.get(token)
        if stem is None:
            stem = self._stemmer.stem_word(token)
            with self._lock:
                self.cache[token] = stem
        return stem

    def stem_tokens(self, tokens: Iterable[str]) -> list[str]:
        """Stem a sequence of normalised tokens."""
        cache = self.cache
        return [cache.get(tok) or self.stem_word(tok) for tok in tokens]

    def stem(self, text: str) -> str:
        """Stem a text exactly as ``Sastrawi``'s ``stemmer.stem(text)`` does."""
        normalized = TextNormalizer.normalize_text(text)
        return " ".join(self.stem_tokens(normalized.split(" ")))

    def save_cache(self, path: str | Path) -> None:
        """Write the token → stem cache as JSON (sorted, deterministic)."""
        Path(path).write_text(json.dumps(self.cache, ensure_ascii=False, sort_keys=True), "utf-8")

    def load_cache(self, path: str | Path) -> None:
        """Merge a cache written by :meth:`save_cache`."""
        self.cache.update(json.loads(Path(path).read_text("utf-8")))


@lru_cache(maxsize=1)
def shared_stemmer() -> FastStemmer:
    """One process-wide stemmer, so its cache is shared by every transformer."""
    return FastStemmer()
