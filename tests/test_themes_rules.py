"""The transparent rule matcher for themes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asn_sentiment.preprocess import Preprocessor
from asn_sentiment.taxonomy import load_taxonomy
from asn_sentiment.themes import (
    RULE_STEPS,
    RuleMatches,
    RuleThemeMatcher,
    compile_keyword,
    taxonomy_rules,
)


@pytest.fixture(scope="module")
def matcher() -> RuleThemeMatcher:
    return RuleThemeMatcher(load_taxonomy())


def themes(matcher, text):
    return [tid for tid, _ in matcher.predict([text])[0]]


def test_keyword_syntax() -> None:
    assert compile_keyword("sosialisasi*").search("sosialisasinya kurang")
    assert compile_keyword("belum ~ sosialisasi*").search("belum pernah ada sosialisasi")
    assert not compile_keyword("belum ~ sosialisasi*").search(
        "belum satu dua tiga empat sosialisasi"
    )
    assert not compile_keyword("tpp").search("tppx")


def test_mixed_comment_gets_both_themes(matcher) -> None:
    found = themes(matcher, "Pelatihannya bagus, tapi aplikasinya sering macet")
    assert "pelatihan_bermanfaat" in found and "kendala_teknologi" in found


def test_thanks_has_no_theme(matcher) -> None:
    assert themes(matcher, "Terima kasih") == []


def test_jambi_malay(matcher) -> None:
    assert "kurang_sosialisasi" in themes(matcher, "idak ado sosialisasi nian, kami idak tau galo")


def test_negated_keyword_does_not_count(matcher) -> None:
    assert "teknologi_memudahkan" not in themes(matcher, "aplikasinya tidak lancar")
    assert "pelayanan_membaik" not in themes(matcher, "pelayanannya tidak memuaskan")


def test_rules_ignore_the_models_negation_marks(matcher) -> None:
    """A recipe may mark negation for its features; the rules still read the plain words."""
    rules = RuleMatches(taxonomy_rules(load_taxonomy())).fit([])
    texts = ["idak ado sosialisasi nian", "petugasnya tidak ramah", "pelatihannya bagus"]
    marked = Preprocessor((*RULE_STEPS, "negation"), 2).transform(texts)
    plain = Preprocessor(RULE_STEPS, 0).transform(texts)
    assert "NEG_" in marked[0] and "NEG_" in marked[1]
    assert rules.matches(marked) == rules.matches(plain)
    assert rules.matches(marked)[0] == [("kurang_sosialisasi", "tidak ada sosialisasi")]


def test_evidence_names_the_words(matcher) -> None:
    [(tid, evidence)] = matcher.predict(["belum ada sosialisasi di kantor"])[0]
    assert tid == "kurang_sosialisasi" and "sosialisasi" in evidence


def _every_rule(matcher, text: str) -> list[tuple[str, str]]:
    """The matcher's result computed the slow way: every rule tried on the text."""
    from asn_sentiment.themes import _negated

    found: dict[str, list[str]] = {}
    for rule in matcher.rules:
        for m in rule.pattern.finditer(text):
            if not rule.negated_ok and _negated(text, m):
                continue
            evidence = found.setdefault(rule.theme, [])
            if m.group(0) not in evidence:
                evidence.append(m.group(0))
            break
    return [(tid, ", ".join(found[tid])) for tid in matcher.taxonomy.ids if tid in found]


_VOCAB = sorted(
    {
        w.replace("*", "nya")
        for th in load_taxonomy().themes
        for kw in th.keywords
        for w in kw.split()
    }
    - {"~"}
    | {"tidak", "belum", "sangat", "kami", "di", "x", "sosialisasinya", "aplikasinya"}
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(_VOCAB), min_size=0, max_size=12))
def test_word_index_finds_what_trying_every_rule_finds(matcher, words) -> None:
    """The first-word index only skips rules that cannot match (same result, faster)."""
    text = " ".join(words)
    assert matcher._match(text) == _every_rule(matcher, text)
