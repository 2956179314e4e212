"""Every entry of the project's lexicon files does what it says."""

from __future__ import annotations

import pytest

from asn_sentiment.cleaning import clean_text, preprocess_batch
from asn_sentiment.lexicon import (
    LOCAL_LEXICONS,
    WORD_CLASSES,
    emoji_words,
    emoticons,
    local_lexicon,
    read_rows,
    slang_lexicon,
    stem_corrections,
    stopwords,
    word_classes,
)
from asn_sentiment.stemmer import FastStemmer
from asn_sentiment.taxonomy import load_taxonomy
from asn_sentiment.themes import RULE_STEPS


def entries(name: str) -> list[list[str]]:
    return read_rows(name)


def ids(rows: list[list[str]]) -> list[str]:
    return [row[0] for row in rows]


LOCAL = [(name, row) for name in LOCAL_LEXICONS for row in entries(name)]


@pytest.mark.parametrize("name,row", LOCAL, ids=[f"{n}:{r[0]}" for n, r in LOCAL])
def test_local_lexicon_entry(name, row) -> None:
    form, standard = row[0], row[1]
    assert len(row) >= 3 and row[2], f"{name}: '{form}' needs a note"
    expected = " ".join(standard.replace("-", " ").split())
    assert clean_text(form, "normalize,slang") == expected
    assert clean_text(form.upper(), "normalize,slang") == expected


@pytest.mark.parametrize("name", LOCAL_LEXICONS)
def test_local_lexicon_has_no_duplicate_forms(name) -> None:
    forms = ids(entries(name))
    assert len(forms) == len(set(forms))


def test_local_lexicons_do_not_contradict_each_other() -> None:
    local_lexicon.cache_clear()
    assert len(local_lexicon()) == len(LOCAL)


def test_slang_lexicon_is_resolved() -> None:
    """No value contains a form that would be rewritten again (gpp -> tidak apa-apa)."""
    lex = slang_lexicon()
    assert len(lex) > 4000
    assert lex["gpp"] == "tidak apa-apa"
    assert lex["gak"] == "tidak" and lex["yg"] == "yang"
    unresolved = {f: v for f, v in lex.items() if any(w in lex and w != f for w in v.split())}
    assert unresolved == {}


def test_taxonomy_keywords_survive_rule_preprocessing() -> None:
    """A keyword word the lexicon rewrites could never match (themes use RULE_STEPS)."""
    words = {
        w
        for theme in load_taxonomy().themes
        for kw in theme.keywords
        for w in kw.lower().split()
        if w != "~" and "*" not in w
    }
    rewritten = {w: preprocess_batch([w], RULE_STEPS)[0] for w in sorted(words)}
    dead = {w: out for w, out in rewritten.items() if out != w and out not in words}
    assert dead == {}


EMOJI = entries("emoji.tsv")


@pytest.mark.parametrize("row", EMOJI, ids=ids(EMOJI))
def test_emoji_entry(row) -> None:
    emoji, words = row[0], row[1]
    assert clean_text(emoji, "normalize,emoji") == words
    assert clean_text(f"oke{emoji}{emoji}", "normalize,emoji") == f"oke {words} {words}"


def test_emoji_with_skin_tone_and_variation_selector() -> None:
    assert clean_text("👍🏽", "normalize,emoji") == "bagus"
    assert clean_text("❤️", "normalize,emoji") == "cinta"
    assert clean_text("🇮🇩", "normalize,emoji") == emoji_words()["🇮🇩"]
    assert "wajah" not in emoji_words()["🥺"]


EMOTICONS = entries("emoticons.tsv")


@pytest.mark.parametrize("row", EMOTICONS, ids=ids(EMOTICONS))
def test_emoticon_entry(row) -> None:
    emoticon, words = row[0], row[1]
    assert emoticons()[emoticon.lower()] == words
    assert clean_text(f"bagus {emoticon}", "normalize,emoji") == f"bagus {words}"
    repeated = emoticon + emoticon[-1] * 2
    assert clean_text(f"{repeated} bagus", "normalize,emoji") == f"{words} bagus"


CORRECTIONS = entries("stem_corrections.tsv")


@pytest.mark.parametrize("row", CORRECTIONS, ids=ids(CORRECTIONS))
def test_stem_correction_entry(row) -> None:
    wrong, right, example = row[0], row[1], row[2]
    assert FastStemmer().stem_word(example) == wrong, "Sastrawi no longer makes this mistake"
    assert stem_corrections()[wrong] == right
    assert clean_text(example, "normalize,stem,stem_fix") == right
    assert clean_text(example, "normalize,stem") == wrong
    # only stems Sastrawi produced are corrected, not the word written as such
    assert clean_text(wrong, "normalize,stem,stem_fix") == wrong


STOP = entries("stopwords.txt")


@pytest.mark.parametrize("word", ids(STOP))
def test_stop_word_entry(word) -> None:
    assert clean_text(f"bagus {word} murah", "normalize,stopwords") == "bagus murah"
    assert clean_text(word, "normalize,stem") == word  # function words are not stemmed


def test_stop_words_keep_negators_intensifiers_and_contrast_words() -> None:
    kept = set().union(*word_classes().values())
    assert stopwords() & kept == set()
    for word in ["tidak", "belum", "bukan", "nggak", "sangat", "terlalu", "kurang", "tapi"]:
        assert word in kept


CLASSES = entries("word_classes.tsv")


@pytest.mark.parametrize("row", CLASSES, ids=ids(CLASSES))
def test_word_class_entry(row) -> None:
    word, cls = row[0], row[1]
    assert cls in WORD_CLASSES
    steps = "normalize,stem,negation,stopwords"
    if cls == "negator":
        assert clean_text(f"{word} bagus sekali", steps) == f"{word} NEG_bagus NEG_sekali"
    elif cls == "contrast":
        assert clean_text(f"tidak bagus {word} murah", steps) == f"tidak NEG_bagus {word} murah"
    else:
        assert clean_text(f"{word} bagus", steps) == f"{word} bagus"
