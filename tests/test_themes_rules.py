"""The transparent rule matcher for themes."""

from __future__ import annotations

import pytest

from asn_sentiment.taxonomy import load_taxonomy
from asn_sentiment.themes import RuleThemeMatcher, compile_keyword


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


def test_evidence_names_the_words(matcher) -> None:
    [(tid, evidence)] = matcher.predict(["belum ada sosialisasi di kantor"])[0]
    assert tid == "kurang_sosialisasi" and "sosialisasi" in evidence
