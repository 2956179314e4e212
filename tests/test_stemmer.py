"""FastStemmer gives Sastrawi's own stems, fast.

Equality is shown in three layers, each cheap enough for the suite:

1. Sastrawi's ``Stemmer`` code over a :class:`SetDictionary` is
   ``StemmerFactory().create_stemmer()`` itself: the code only asks the dictionary
   ``contains``, and the set holds exactly the list's words.
2. FastStemmer equals that code on *every* distinct SmSA token (and on synthetic
   affixed words, the whole root list and odd inputs).
3. FastStemmer equals ``StemmerFactory().create_stemmer()`` itself on a fixed
   sample of SmSA tokens (the list dictionary makes the reference take about 50 ms
   a token).  ``ASN_SENTIMENT_STEM_REFERENCE=all`` runs all 18,885 tokens
   (about 16 CPU-minutes; ``bench/stem_equivalence.py`` does the same in parallel).
"""

from __future__ import annotations

import json
import os
import random

import pytest
from Sastrawi.Stemmer.Filter import TextNormalizer
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from asn_sentiment.stemmer import (
    FastStemmer,
    SetDictionary,
    root_words,
    sastrawi_stemmer,
    shared_stemmer,
)

SHARDS = 4


def smsa_tokens(smsa) -> list[str]:
    """Distinct tokens of SmSA train+valid, as Sastrawi's own normaliser splits them."""
    tokens: set[str] = set()
    for name in ("train.tsv", "valid.tsv"):
        for line in (smsa / name).read_text("utf-8").splitlines():
            text = line.rsplit("\t", 1)[0]
            tokens.update(TextNormalizer.normalize_text(text).split(" "))
    return sorted(tokens)


def reference_sample(tokens: list[str]) -> list[str]:
    """Tokens compared with the slow reference: all of them, or a fixed stratified sample."""
    if os.environ.get("ASN_SENTIMENT_STEM_REFERENCE") == "all":
        return tokens
    rng = random.Random(20260314)
    roots = root_words()
    hyphenated = [t for t in tokens if "-" in t]
    affixed = [t for t in tokens if "-" not in t and t not in roots]
    return sorted(
        set(rng.sample(hyphenated, 24) + rng.sample(affixed, 120) + rng.sample(tokens, 16))
    )


class SpyDictionary(SetDictionary):
    """Fails the test if Sastrawi's code uses anything but ``contains``."""

    def __getattribute__(self, name: str):
        if name not in {"contains", "words"}:
            raise AssertionError(f"Sastrawi used dictionary.{name}")
        return super().__getattribute__(name)


def test_set_dictionary_holds_exactly_sastrawis_word_list() -> None:
    reference = StemmerFactory().create_stemmer().delegatedStemmer.dictionary.words
    assert isinstance(reference, list)  # the reason Sastrawi is slow
    assert {w for w in reference if w and w.strip()} == set(root_words())
    assert len(root_words()) > 29_000


def test_sastrawi_code_only_asks_contains(smsa) -> None:
    stemmer = sastrawi_stemmer("set")
    stemmer.dictionary = SpyDictionary(root_words())
    for token in smsa_tokens(smsa)[::25]:
        stemmer.stem_word(token)


def test_equal_to_sastrawi_code_on_every_smsa_token(smsa) -> None:
    reference = sastrawi_stemmer("set")
    fast = FastStemmer()
    tokens = smsa_tokens(smsa)
    assert len(tokens) > 18_000
    diff = [(t, reference.stem_word(t), fast.stem_word(t)) for t in tokens]
    assert [d for d in diff if d[1] != d[2]] == []


@pytest.mark.slow
@pytest.mark.parametrize("shard", range(SHARDS))
def test_equal_to_sastrawi_factory_stemmer(smsa, shard) -> None:
    """The reference is exactly what notebooks use: StemmerFactory().create_stemmer()."""
    reference = StemmerFactory().create_stemmer()
    fast = FastStemmer()
    tokens = reference_sample(smsa_tokens(smsa))[shard::SHARDS]
    assert [t for t in tokens if reference.stem(t) != fast.stem_word(t)] == []


def synthetic_words(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    roots = sorted(root_words())
    prefixes = ["", "me", "mem", "men", "meng", "meny", "pe", "pem", "pen", "peng", "peny",
                "ber", "be", "ter", "te", "di", "ke", "se", "per", "memper", "diper", "ku",
                "kau", "mempe", "pember", "keber"]  # fmt: skip
    suffixes = ["", "kan", "an", "i", "nya", "lah", "kah", "pun", "ku", "mu", "isasi",
                "kannya", "annya", "-nya", "-lah", "kan-nya"]  # fmt: skip
    words = set()
    while len(words) < n:
        root = rng.choice(roots)
        if rng.random() < 0.1 and len(root) > 1:
            root = root[0] + rng.choice(["er", "el", "em", "in"]) + root[1:]
        word = rng.choice(prefixes) + root + rng.choice(suffixes)
        if rng.random() < 0.1:
            word += "-" + rng.choice(["", "me", "ber"]) + rng.choice([root, rng.choice(roots)])
        words.add(word)
    return sorted(words)


def test_equal_to_sastrawi_code_on_synthetic_affixed_words() -> None:
    reference = sastrawi_stemmer("set")
    fast = FastStemmer()
    words = synthetic_words(6000) + sorted(root_words())[::10]
    assert [w for w in words if reference.stem_word(w) != fast.stem_word(w)] == []


@pytest.mark.parametrize(
    "token", ["", "-", "café", "a_b", "x" * 40, "--nya", "ke-", "me-nya", "123", "anak2"]
)
def test_odd_tokens_are_stemmed_as_sastrawi_does(token) -> None:
    assert FastStemmer().stem_word(token) == sastrawi_stemmer("set").stem_word(token)


@pytest.mark.parametrize(
    "word,stem",
    [
        ("pelayanan", "layan"),
        ("menyosialisasikan", "sosialisasi"),
        ("pelatihan", "latih"),
        ("kebijakan", "bijak"),
        ("mempengaruhi", "pengaruh"),
        ("kawan-kawan", "kawan"),
        ("berbalas-balasan", "balas"),
        ("memuaskan", "muas"),  # Sastrawi's own (wrong) root; see stem_corrections.tsv
    ],
)
def test_known_stems(word, stem) -> None:
    assert FastStemmer().stem_word(word) == stem


def test_stem_text_like_sastrawi() -> None:
    text = "Pelayanan di kantor BKPSDM menyosialisasikan kebijakan-kebijakan baru, 2026!"
    assert FastStemmer().stem(text) == sastrawi_stemmer("set").stem(text)


def test_cache_persists_and_round_trips(tmp_path) -> None:
    stemmer = FastStemmer()
    stemmer.stem_tokens(["pelayanan", "kebijakan", "pelatihan"])
    assert stemmer.cache["pelayanan"] == "layan"
    path = tmp_path / "stems.json"
    stemmer.save_cache(path)
    first = path.read_bytes()
    stemmer.save_cache(path)
    assert path.read_bytes() == first  # deterministic
    other = FastStemmer()
    assert other.load_cache(path) == 3
    assert other.cache == stemmer.cache


def test_stale_or_foreign_cache_is_ignored(tmp_path) -> None:
    path = tmp_path / "stems.json"
    path.write_text(json.dumps({"format": "other", "stems": {"pelayanan": "WRONG"}}), "utf-8")
    stemmer = FastStemmer()
    assert stemmer.load_cache(path) == 0
    payload = {"format": "asn-sentiment-stem-cache/1", "sastrawi": "0.0", "stems": {"a": "b"}}
    path.write_text(json.dumps(payload), "utf-8")
    assert stemmer.load_cache(path) == 0
    path.write_text("not json", "utf-8")
    assert stemmer.load_cache(path) == 0
    assert stemmer.load_cache(tmp_path / "missing.json") == 0
    assert stemmer.stem_word("pelayanan") == "layan"


def test_shared_stemmer_is_one_object() -> None:
    assert shared_stemmer() is shared_stemmer()
