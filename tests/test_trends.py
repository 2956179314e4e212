"""trends: periods, shares and intervals, undated rows, gaps, tests and their correction."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from asn_sentiment.taxonomy import load_taxonomy
from asn_sentiment.trends import (
    ALL,
    UNDATED,
    UnknownThemes,
    anonymise_quote,
    event_position,
    period_axis,
    period_of,
    summarise,
    two_proportion_test,
    wilson_interval,
)

TAX = load_taxonomy()


def results(rows: list[dict]) -> pd.DataFrame:
    """A results table from short row dicts (defaults for everything else)."""
    out = []
    for i, r in enumerate(rows):
        row = {
            "source_file": r.get("file", "f.csv"),
            "row": r.get("row", i + 1),
            "source": r.get("source", "staff"),
            "wave": r.get("wave", ""),
            "question": "q",
            "date": r.get("date", "2026-03-01"),
            "unit": r.get("unit", "A"),
            "position": "",
            "text": r.get("text", f"jawaban nomor {i} tentang penataan organisasi"),
            "text_hash": f"{i:016x}",
            "sentiment": r.get("sentiment", "neutral"),
            "sentiment_confidence": 0.8,
            "themes": r.get("themes", ""),
            "theme_evidence": "",
            "model_version": "m",
            "theme_model_version": "t",
        }
        out.append(row)
    return pd.DataFrame(out)


def test_wilson_matches_the_closed_form() -> None:
    lo, hi = wilson_interval(0, 10)
    assert lo == pytest.approx(0.0, abs=1e-12) and hi == pytest.approx(0.2775, abs=1e-4)
    lo, hi = wilson_interval(50, 100)
    assert (lo, hi) == pytest.approx((0.4038, 0.5962), abs=1e-4)
    lo, hi = wilson_interval(np.array([1]), np.array([0]))
    assert math.isnan(lo[0]) and math.isnan(hi[0])


@given(st.integers(0, 400), st.integers(1, 400))
def test_wilson_interval_contains_the_share(k: int, extra: int) -> None:
    n = k + extra
    lo, hi = wilson_interval(k, n)
    assert 0 <= lo <= k / n <= hi <= 1


def test_two_proportion_test_uses_z_then_fisher_for_small_counts() -> None:
    name, z, p = two_proportion_test(60, 100, 40, 100)
    assert name == "z_test" and z == pytest.approx(-2.8284, abs=1e-3)
    assert p == pytest.approx(2 * stats.norm.sf(2.8284), rel=1e-3)
    name, _, p = two_proportion_test(1, 6, 5, 6)
    assert name == "fisher_exact"
    assert p == pytest.approx(stats.fisher_exact([[1, 5], [5, 1]]).pvalue)


def test_period_labels_and_undated() -> None:
    frame = pd.DataFrame(
        {"date": ["2026-03-14", "", "2026-12-31", "2027-01-01"], "wave": ["w1", "", "w2", "w2"]}
    )
    assert period_of(frame, "month").tolist() == ["2026-03", UNDATED, "2026-12", "2027-01"]
    assert period_of(frame, "quarter").tolist() == ["2026-Q1", UNDATED, "2026-Q4", "2027-Q1"]
    assert period_of(frame, "week").tolist() == ["2026-W11", UNDATED, "2026-W53", "2026-W53"]
    assert period_of(frame, "wave").tolist() == ["w1", UNDATED, "w2", "w2"]


def test_axis_keeps_gaps_in_order() -> None:
    assert period_axis(["2026-01", "2026-04"], "month", {}) == [
        "2026-01",
        "2026-02",
        "2026-03",
        "2026-04",
    ]
    assert period_axis(["2025-Q4", "2026-Q2"], "quarter", {}) == ["2025-Q4", "2026-Q1", "2026-Q2"]
    import datetime as dt

    bounds = {"late": (dt.date(2026, 5, 1), dt.date(2026, 5, 9)), "early": (dt.date(2026, 1, 1), dt.date(2026, 1, 5))}  # fmt: skip
    assert period_axis(["late", "early"], "wave", bounds) == ["early", "late"]


def test_shares_counts_undated_and_gaps() -> None:
    rows = (
        [{"date": "2026-01-05", "sentiment": "negative", "themes": "beban_kerja"}] * 6
        + [{"date": "2026-01-06", "sentiment": "positive", "themes": "pelayanan_membaik"}] * 4
        + [{"date": "2026-03-02", "sentiment": "negative", "themes": ""}] * 5
        + [{"date": "", "sentiment": "neutral"}] * 7
        + [{"date": "2026-03-02", "text": "   "}] * 2  # no answer: not counted
    )
    tr = summarise(results(rows), TAX, "month", min_group=1)
    assert tr.periods == ["2026-01", "2026-02", "2026-03"]
    s = tr.summary
    assert "2026-02" not in set(s["period"])  # a gap, not a zero
    assert tr.value("resistance", "staff", "2026-01") == pytest.approx(0.6)
    assert tr.value("support", "staff", "2026-01") == pytest.approx(0.4)
    assert tr.value("theme_beban_kerja", "staff", "2026-01") == pytest.approx(0.6)
    assert tr.value("sentiment_negative", "staff", "2026-03") == 1.0
    assert tr.value("sentiment_neutral", "staff", UNDATED) == 1.0
    total = s[(s["period"] == ALL) & (s["metric"] == "resistance")]
    assert int(total["n"].iloc[0]) == 22  # undated rows are in the total
    assert tr.undated_total == 7
    row = s[(s["period"] == "2026-01") & (s["group"] == ALL) & (s["metric"] == "resistance")]
    lo, hi = wilson_interval(6, 10)
    assert (row["ci_low"].iloc[0], row["ci_high"].iloc[0]) == pytest.approx((lo, hi), abs=1e-4)


def test_theme_sentiment_mix_and_reliability_rule() -> None:
    rows = [{"sentiment": "negative", "themes": "beban_kerja"}] * 3 + [
        {"sentiment": "positive", "themes": "beban_kerja"}
    ] * 1
    tr = summarise(results(rows), TAX, "month", min_group=1)
    mix = tr.theme_sentiment
    row = mix[(mix["theme"] == "beban_kerja") & (mix["group"] == ALL) & (mix["period"] == ALL)]
    assert row["share_negative"].iloc[0] == pytest.approx(0.75) and int(row["n"].iloc[0]) == 4
    assert row["share_positive"].iloc[0] == pytest.approx(0.25)
    assert set(mix["theme"]) == {"beban_kerja"}  # themes absent from a published cell: no row
    rows5 = rows + [{"sentiment": "neutral"}] * 4  # 8 respondents: cell shown, theme on 4
    mix5 = summarise(results(rows5), TAX, "month", min_group=5).theme_sentiment
    assert not mix5["suppressed"].any()
    assert mix5["share_negative"].isna().all() and mix5["too_few"].all()


def test_unknown_theme_is_an_error() -> None:
    with pytest.raises(UnknownThemes) as info:
        summarise(results([{"themes": "tema_baru"}]), TAX, "month")
    assert info.value.ids == ["tema_baru"]


def test_changes_are_tested_once_per_pair_and_corrected() -> None:
    rows = [{"date": "2026-01-10", "themes": "beban_kerja" if i < 30 else ""} for i in range(50)]
    rows += [{"date": "2026-03-10", "themes": "beban_kerja" if i < 10 else ""} for i in range(50)]
    one = pd.DataFrame({"date": ["2026-02-10"], "label": ["Sosialisasi"]})
    many = pd.DataFrame({"date": [f"2026-02-{d:02d}" for d in (3, 10, 17, 24)], "label": list("ABCD")})  # fmt: skip
    t1 = summarise(results(rows), TAX, "month", events=one)
    t4 = summarise(results(rows), TAX, "month", events=many)
    pick = lambda tr: tr.changes[(tr.changes["comparison"] == "event") & (tr.changes["metric"] == "resistance") & (tr.changes["group"] == ALL)]  # noqa: E731 # fmt: skip
    e1, e4 = pick(t1), pick(t4)
    assert len(e1) == 1 and len(e4) == 4
    assert e4["p_adjusted"].nunique() == 1
    assert e4["p_adjusted"].iloc[0] == pytest.approx(e1["p_adjusted"].iloc[0])
    row = e1.iloc[0]
    assert (row["period_before"], row["period_after"]) == ("2026-01", "2026-03")
    assert row["value_before"] == pytest.approx(0.6) and row["value_after"] == pytest.approx(0.2)
    assert bool(row["significant"]) and row["test"] == "z_test"
    cons = t1.changes[(t1.changes["comparison"] == "consecutive") & (t1.changes["group"] == ALL)]
    assert set(zip(cons["period_before"], cons["period_after"], strict=True)) == {
        ("2026-01", "2026-03")  # across the gap of February, which has no data
    }


def test_event_positions_on_the_axis() -> None:
    import datetime as dt

    axis = ["2026-02", "2026-05"]
    bounds = {
        "2026-02": (dt.date(2026, 2, 9), dt.date(2026, 2, 27)),
        "2026-05": (dt.date(2026, 5, 11), dt.date(2026, 5, 29)),
    }
    assert event_position("2026-03-12", axis, bounds) == pytest.approx(0.5)
    inside = event_position("2026-02-18", axis, bounds)
    assert -0.45 < inside < 0.45
    assert math.isnan(event_position("2025-01-01", axis, bounds))


def test_quotes_mask_names_after_honorifics() -> None:
    assert anonymise_quote("Kata Pak Ahmad Yani, belum ada SK.") == "Kata Pak [NAMA], belum ada SK."
    assert anonymise_quote("ibu kantin ramah") == "ibu kantin ramah"


def test_same_input_same_tables() -> None:
    rows = [{"date": f"2026-0{1 + i % 3}-1{i % 9}", "unit": "AB"[i % 2], "themes": "beban_kerja" if i % 3 else ""} for i in range(60)]  # fmt: skip
    a = summarise(results(rows), TAX, "month")
    b = summarise(results(rows[::-1]), TAX, "month")
    cols = ["source", "period", "group", "metric", "count", "n", "share"]
    pd.testing.assert_frame_equal(a.summary[cols], b.summary[cols])


@pytest.mark.parametrize("lang", ["id", "en"])
def test_coverage_sentence_when_every_source_total_is_suppressed(lang: str) -> None:
    """Bug: with fewer than K respondents the summary read "4 komentar () dari ..."."""
    from asn_sentiment.report import findings

    rows = [{"date": "2026-01-05"}, {"date": "2026-01-06"}, {"date": "2026-02-02"}]
    tr = summarise(results(rows), TAX, "month")
    first = findings(tr, TAX, lang)[0]
    assert "()" not in first and "3" in first
