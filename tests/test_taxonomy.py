"""The taxonomy data file: fixed ids, validation with clear errors."""

from __future__ import annotations

import pytest

from asn_sentiment.errors import TaxonomyError
from asn_sentiment.taxonomy import load_taxonomy, parse_taxonomy

FIXED_IDS = [
    "kebiasaan_lama", "kurang_sosialisasi", "ketidakpastian_jabatan", "beban_kerja",
    "kendala_teknologi", "ketidakpercayaan", "pelayanan_membaik", "transparansi_akuntabilitas",
    "pelatihan_bermanfaat", "partisipasi_masyarakat", "dukungan_perubahan", "teknologi_memudahkan",
]  # fmt: skip


def test_default_taxonomy_has_the_fixed_ids() -> None:
    tax = load_taxonomy()
    assert tax.ids == FIXED_IDS
    assert tax.ids_of_kind("resistance") == FIXED_IDS[:6]
    assert tax.ids_of_kind("support") == FIXED_IDS[6:]
    for theme in tax.themes:
        assert theme.label_id and theme.label_en and theme.description and theme.keywords


@pytest.mark.parametrize(
    "text,problem",
    [
        ('[[theme]]\nid = "Bad-Id"\nkind = "support"\n', "snake_case"),
        ('[[theme]]\nid = "a"\nkind = "support"\n[[theme]]\nid = "a"\nkind = "support"\n', "twice"),
        ('[[theme]]\nid = "a"\nkind = "other"\n', "kind"),
        ("x = 1\n", "no [[theme]]"),
        ('[[theme]]\nid = "a"\nkind = "support"\nkeywords = "x"\n', "list of strings"),
    ],
)
def test_invalid_taxonomy(text, problem) -> None:
    with pytest.raises(TaxonomyError) as info:
        parse_taxonomy(text, "mine.toml")
    assert problem in str(info.value)
    assert "mine.toml" in str(info.value)


def test_unreadable_toml(tmp_path) -> None:
    bad = tmp_path / "t.toml"
    bad.write_text("[[theme]\n")
    with pytest.raises(TaxonomyError):
        load_taxonomy(bad)
