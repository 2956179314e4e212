"""The preprocessing engine and its scikit-learn transformer."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from sklearn.base import clone
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from asn_sentiment import cleaning
from asn_sentiment.cleaning import (
    DEFAULT_STEPS,
    STEPS,
    clean_text,
    engine,
    explain,
    preprocess_batch,
    resolve_steps,
    squeeze,
)
from asn_sentiment.errors import InputError
from asn_sentiment.preprocess import Preprocessor
from asn_sentiment.themes import RULE_STEPS

# --- acceptance examples --------------------------------------------------------------------


def test_negated_satisfaction_is_marked() -> None:
    out = clean_text("Pelayanannya tidak memuaskan").split()
    assert "NEG_puas" in out
    assert "puas" not in out


@pytest.mark.parametrize("text", ["yg gak jelas", "idak ado sosialisasi", "Yg GAK jelas!!"])
def test_informal_and_jambi_negators_give_tidak(text) -> None:
    assert "tidak" in clean_text(text).split()


@pytest.mark.parametrize(
    "word,stem",
    [
        ("pelayanan", "layan"),
        ("menyosialisasikan", "sosialisasi"),
        ("pelatihan", "latih"),
        ("kebijakan", "bijak"),
        ("bagusss", "bagus"),
    ],
)
def test_acceptance_words(word, stem) -> None:
    assert clean_text(word) == stem


@pytest.mark.parametrize("text", ["😡", "😡😡😡", "👍🏽", "🙏", "❤️❤️", ":(", "🤯"])
def test_emoji_only_comment_is_not_empty(text) -> None:
    assert clean_text(text) != ""


# --- steps ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,steps,expected",
    [
        ("“Bagus” — TAPI ﬁtur…", "normalize", "bagus tapi fitur"),
        ("ＢＡＧＵＳ", "normalize", "bagus"),
        ("pela\u200byanan", "normalize", "pelayanan"),
        ("cek https://lapor.go.id/x?a=1 ya", "normalize,placeholders", "cek xurlx ya"),
        ("kirim ke a.b-c@bkpsdm.go.id", "normalize,placeholders", "kirim ke xemailx"),
        ("@bupati_bh tolong", "normalize,placeholders", "xmentionx tolong"),
        ("hp 0812-3456-7890", "normalize,placeholders", "hp xphonex"),
        ("wa +62 812 3456 7890", "normalize,placeholders", "wa xphonex"),
        ("nip 198703122010011002", "normalize,placeholders", "nip xnumberx"),
        ("NIP [NIP] hp [TELEPON]", "normalize,placeholders", "nip xnumberx hp xphonex"),
        ("tahun 2026 ada 3 OPD", "normalize,placeholders", "tahun 2026 ada 3 opd"),
        ("sedih 😭 :(", "normalize,emoji", "sedih menangis sedih"),
        ("bagusss mantapp maaf", "normalize,elongation", "bagus mantap maaf"),
        ("tanggal sukses", "normalize,elongation", "tanggal sukses"),
        ("tpp kkn pppk", "normalize,elongation", "tpp kkn pppk"),
        ("wkwkwk hahaha", "normalize,slang", "tertawa tertawa"),
        ("kagek kito galo", "normalize,slang", "nanti kita semua"),
        ("kawan-kawan orang2", "normalize,reduplication", "kawan orang"),
        ("kawan-kawannya teman2nya", "normalize,reduplication", "kawannya temannya"),
        ("sayur-mayur", "normalize,reduplication", "sayur mayur"),
        ("menyalah-gunakan", "normalize,stem", "salah guna"),
        ("sebelum sebaiknya", "normalize,stem", "sebelum sebaiknya"),
    ],
)
def test_step_examples(text, steps, expected) -> None:
    assert clean_text(text, steps) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("tidak puas", "tidak NEG_puas"),
        ("tidak terlalu puas dengan pelayanan", "tidak NEG_terlalu NEG_puas NEG_dengan layan"),
        ("tidak puas, tapi murah", "tidak NEG_puas tapi murah"),
        ("tidak puas tapi murah", "tidak NEG_puas tapi murah"),
        ("belum ada. sosialisasi", "belum NEG_ada sosialisasi"),
        ("bukan tidak mungkin", "bukan tidak NEG_mungkin"),
        ("puas tidak", "puas tidak"),
        ("tidak 😡 marah", "tidak marah marah"),
    ],
)
def test_negation_scope(text, expected) -> None:
    assert clean_text(text, "normalize,emoji,stem,negation") == expected


def test_negation_window_is_a_parameter() -> None:
    assert clean_text("tidak a b c d", "normalize,negation", 1) == "tidak NEG_a b c d"
    assert clean_text("tidak a b c d", "normalize,negation", 0) == "tidak a b c d"


def test_negation_never_crosses_documents() -> None:
    assert preprocess_batch(["ini tidak", "puas sekali"], "normalize,negation") == [
        "ini tidak",
        "puas sekali",
    ]


def test_negation_marks_before_stop_words_are_removed() -> None:
    # 'yang' counts inside the window and is then removed (also with its NEG_ mark)
    assert clean_text("tidak ada yang peduli sama sekali", "all") == "tidak NEG_peduli sama sekali"


def test_default_is_every_step_and_steps_can_be_dropped() -> None:
    assert DEFAULT_STEPS == STEPS
    assert clean_text("yang bagus") == "bagus"
    assert clean_text("yang bagus", "default,-stopwords") == "yang bagus"


def test_squeeze_keeps_known_words() -> None:
    assert squeeze("maaf") == "maaf"
    assert squeeze("maaaaf") == "maaf"
    assert squeeze("zzzz") == "z"


def test_rule_steps_for_themes_still_work() -> None:
    assert preprocess_batch(["Idak ado sosialisasi nian, kami idak tau galo!!"], RULE_STEPS) == [
        "tidak ada sosialisasi sangat kami tidak tahu semua"
    ]


# --- step selection and explanations -------------------------------------------------------


def test_resolve_steps() -> None:
    assert resolve_steps("default") == DEFAULT_STEPS
    assert resolve_steps(None) == DEFAULT_STEPS
    assert resolve_steps("all") == STEPS
    assert resolve_steps("none") == ()
    assert resolve_steps("stem, normalize") == ("normalize", "stem")
    assert resolve_steps("default,-stem,stopwords") == tuple(s for s in STEPS if s != "stem")
    assert resolve_steps(["slang", "normalize"]) == ("normalize", "slang")
    with pytest.raises(InputError) as err:
        resolve_steps("normalise,stem")
    assert "normalise" in err.value.message("en") and "normalize" in err.value.message("en")


def test_explain_shows_every_step() -> None:
    stages = explain("Pelayanannya TIDAK memuaskan!!! 😡")
    assert [name for name, _ in stages] == ["input", *DEFAULT_STEPS]
    assert stages[-1] == ("stopwords", "layan tidak NEG_puas marah")
    by_step = dict(stages)
    assert by_step["normalize"] == "pelayanannya tidak memuaskan"
    assert by_step["emoji"].endswith("marah")
    assert by_step["stem"] == "layan tidak muas marah"
    assert by_step["stem_fix"] == "layan tidak puas marah"
    assert by_step["negation"] == "layan tidak NEG_puas marah"


# --- batch behaviour ----------------------------------------------------------------------


def test_none_nan_and_numbers() -> None:
    assert preprocess_batch([None, float("nan"), 123456, "", "  "]) == [
        "",
        "",
        "xnumberx",
        "",
        "",
    ]
    assert preprocess_batch([]) == []


def test_texts_with_newlines_stay_separate() -> None:
    texts = ["satu\ndua", "tiga\r\nempat", "lima\u2028enam", "\n\n"]
    assert preprocess_batch(texts, "normalize") == ["satu dua", "tiga empat", "lima enam", ""]


def test_internal_markers_in_input_are_harmless() -> None:
    texts = ["kami \ue000 bisa", "tidak \x01 puas \x02 \x03 tapi", "\n\ue000", "kota"]
    assert preprocess_batch(texts) == ["bisa", "tidak NEG_puas tapi", "", "kota"]


def test_cache_is_bounded(monkeypatch) -> None:
    monkeypatch.setattr(cleaning, "MAX_CACHE", 50)
    eng = cleaning.Engine(DEFAULT_STEPS)
    words = [f"q{i}q" for i in range(200)]
    assert eng.run(words) == words
    more = [f"r{i}r" for i in range(40)] + words[:20]
    assert eng.run(more) == more  # trimmed, and the trimmed words come back
    assert len(eng.mapper.cache) <= 250
    assert eng.run(words[:3]) == words[:3]


def test_engine_is_shared_per_configuration() -> None:
    assert engine("default") is engine(DEFAULT_STEPS, 3)
    assert engine("default") is not engine("default", 2)


# --- properties -----------------------------------------------------------------------------

texts = st.text(max_size=80)
informal = st.lists(
    st.sampled_from(
        [
            "tidak", "gak", "yg", "bagusss", "😡", ":(", "kawan-kawan", "orang2", "idak", "ado",
            "memuaskan", "pelayanan", ",", ".", "tapi", "https://x.id", "0812-3456-7890",
            "\n", "  ", "NEG_", "\ue000", "\x01", "wkwk", "Ｂａｇｕｓ", "İ", "ß", "-", "nian",
        ]
    ),
    max_size=12,
).map(" ".join)  # fmt: skip
any_text = st.one_of(texts, informal)
step_sets = st.sampled_from(["default", "all", "none", "normalize", "default,-normalize"])


@settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", 300)),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(any_text, step_sets)
def test_never_raises_and_output_is_whitespace_normalised(text, steps) -> None:
    out = clean_text(text, steps)
    assert out == " ".join(out.split())
    assert "\n" not in out and "\t" not in out
    assert not any(m in out for m in ("\ue000", "\x01", "\x02", "\x03"))


@settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", 200)), deadline=None)
@given(st.lists(any_text, max_size=8), step_sets)
def test_batch_has_one_output_per_text_and_equals_one_by_one(items, steps) -> None:
    batch = preprocess_batch(items, steps)
    assert len(batch) == len(items)
    assert batch == [clean_text(t, steps) for t in items]


@settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", 300)), deadline=None)
@given(any_text, st.sampled_from(["default,-negation", "all,-negation", list(RULE_STEPS)]))
# found by hypothesis: kw2 -> kw (reduplication) came out without the slang step (kw -> kau)
@example(text="KW2", steps="default,-negation")
# found by hypothesis: "c" -> "sih", a stop word; removing it joined "01 4" and "0" into a
# number that only the second pass turned into xnumberx
@example(text="0¼:C:0", steps="default,-negation")
def test_idempotent_without_negation(text, steps) -> None:
    """Cleaning cleaned text changes nothing (negation is not idempotent by design)."""
    once = clean_text(text, steps)
    assert clean_text(once, steps) == once


@settings(max_examples=100, deadline=None)
@given(any_text)
def test_case_does_not_matter(text) -> None:
    assume(text.upper().lower() == text.lower())
    assert clean_text(text.upper(), "default,-placeholders") == clean_text(
        text.lower(), "default,-placeholders"
    )


# --- the scikit-learn transformer ------------------------------------------------------


def test_transformer_follows_sklearn_conventions() -> None:
    pre = Preprocessor(steps="default,-stem", negation_window=2)
    assert pre.get_params() == {
        "steps": "default,-stem",
        "negation_window": 2,
        "punctuation": "",
        "negators": (),
        "split_nya": False,
    }
    copy = clone(pre)
    assert copy.get_params() == pre.get_params() and copy is not pre
    assert pre.fit(["x"]) is pre
    assert pre.steps_ == resolve_steps("default,-stem")
    assert pre.set_params(negation_window=1) is pre
    out = pre.transform(["Tidak memuaskan sama sekali"])
    assert isinstance(out, np.ndarray) and out.dtype == object and out.shape == (1,)
    assert out[0] == "tidak NEG_memuaskan sama sekali"


def test_transformer_accepts_common_inputs() -> None:
    pre = Preprocessor()
    expected = ["layan tidak NEG_puas", "bagus"]
    raw = ["Pelayanannya tidak memuaskan", "bagusss"]
    assert pre.transform(raw).tolist() == expected  # no fit needed
    assert pre.transform(np.array(raw, dtype=object)).tolist() == expected
    assert pre.transform(np.array(raw, dtype=object).reshape(-1, 1)).tolist() == expected
    assert pre.transform(pd.Series(raw)).tolist() == expected
    assert pre.fit_transform(tuple(raw)).tolist() == expected


def test_transformer_rejects_bad_parameters_at_fit() -> None:
    with pytest.raises(InputError):
        Preprocessor(steps="stemming").fit(["x"])
    with pytest.raises(ValueError):
        Preprocessor(negation_window="3").fit(["x"])


def test_transformer_in_a_pipeline() -> None:
    texts = ["tidak puas", "sangat puas", "tidak bagus", "bagus sekali"] * 5
    labels = ["neg", "pos", "neg", "pos"] * 5
    model = Pipeline(
        [
            ("pre", Preprocessor()),
            ("vec", CountVectorizer(token_pattern=r"\S+", lowercase=False)),
            ("clf", LogisticRegression()),
        ]
    ).fit(texts, labels)
    assert "NEG_puas" in model.named_steps["vec"].vocabulary_
    assert model.predict(["Pelayanan TIDAK memuaskan"]).tolist() == ["neg"]


def test_transformer_saves_and_loads_with_the_model_registry(tmp_path) -> None:
    """skops round trip with only the registry's trusted types."""
    from asn_sentiment.registry import load_model, save_estimator

    pre = Preprocessor(steps="all", negation_window=2).fit(["x"])
    save_estimator(pre, tmp_path)
    loaded = load_model(tmp_path).estimator
    assert loaded.get_params() == pre.get_params()
    assert loaded.steps_ == pre.steps_
    assert loaded.transform(["tidak ada yang peduli"]).tolist() == ["tidak peduli"]


# --- the README's examples are true ----------------------------------------------------


def readme_step_rows() -> list[list[str]]:
    from .conftest import ROOT

    text = (ROOT / "README.md").read_text("utf-8")
    section = text[text.index("## Preprocessing") :]
    section = section[: section.index("\n## ", 5)]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0].startswith("`") and cells[0] != "step":
            rows.append([c.strip("`") for c in (cells[0], cells[2], cells[3], cells[4])])
    return rows


def test_readme_documents_every_step_with_a_true_example() -> None:
    rows = readme_step_rows()
    assert [r[0] for r in rows] == list(STEPS)
    for step, steps, text, expected in rows:
        assert step in steps.split(",")
        assert clean_text(text, steps) == expected, step
