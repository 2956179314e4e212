"""On the bundled samples the report tells the samples' story (surveys/README.md).

The results table comes from the real ingest of the sample files with the
truth labels as predictions (tests/story.py), so these tests check the
tables, tests and executive summary, not today's classifier.  They read the
tables, never the pixels.
"""

from __future__ import annotations

import pandas as pd
import pytest

from asn_sentiment.ingest import read_events
from asn_sentiment.report import findings
from asn_sentiment.taxonomy import load_taxonomy
from asn_sentiment.trends import ALL, UNDATED, summarise

from .conftest import SURVEYS
from .story import EVENTS, truth_results

TAX = load_taxonomy()
MEMBAIK = [
    "Sekretariat Daerah",
    "BKPSDM",
    "Bappeda",
    "Dinas Pendidikan",
    "Dinas Kesehatan",
    "Disdukcapil",
]
PERHATIAN = ["Dinas PUPR", "Kecamatan Muara Bulian"]
WAVE_MONTH = {"1": "2026-02", "2": "2026-05", "3": "2026-08"}
LIKERT = {
    "likert_paham": "likert__saya_memahami_tujuan_penataan_organisasi",
    "likert_sosialisasi": "likert__sosialisasi_yang_dilakukan_sudah_cukup_j",
    "likert_posisi": "likert__saya_yakin_penataan_ini_tidak_merugikan",
    "likert_aplikasi": "likert__aplikasi_e_kinerja_e_office_mudah_diguna",
    "likert_dukung": "likert__saya_mendukung_penataan_organisasi_di_un",
}


@pytest.fixture(scope="module")
def month():
    return summarise(truth_results(), TAX, "month", events=read_events(EVENTS))


def share(tr, metric, source, period, group=ALL) -> float:
    return tr.value(metric, source, period, group)


def test_staff_tables_equal_the_documented_story(month) -> None:
    story = pd.read_csv(SURVEYS / "truth" / "story_staff.csv", dtype={"wave": str})
    story = story[~story["unit"].str.startswith("(") | (story["unit"] == "(all units)")]
    story["unit"] = story["unit"].replace("(all units)", ALL)
    s = month.summary
    checked = 0
    for r in story.itertuples():
        period = WAVE_MONTH[r.wave]
        row = s[(s["source"] == "staff") & (s["period"] == period) & (s["group"] == r.unit)]
        if row["suppressed"].all():
            assert (r.unit, period) in {("Bappeda", "2026-05"), ("BKPSDM", "2026-05")}
            continue
        assert int(row["n"].iloc[0]) == r.n_answers, r
        for metric, expected in (
            ("resistance", r.resistance),
            ("support", r.support),
            ("sentiment_negative", r.negative),
            ("theme_kendala_teknologi", r.kendala_teknologi),
            ("theme_ketidakpastian_jabatan", r.ketidakpastian_jabatan),
        ):
            got = row.loc[row["metric"] == metric, "share"].iloc[0]
            assert got == pytest.approx(expected, abs=0.0015), (r.unit, period, metric)
        lk = month.likert
        for col, item in LIKERT.items():
            got = lk[(lk["item"] == item) & (lk["source"] == "staff") & (lk["period"] == period) & (lk["group"] == r.unit)]  # fmt: skip
            assert got["mean"].iloc[0] == pytest.approx(getattr(r, col), abs=0.002), (r, col)
        checked += 1
    assert checked == len(story) - 2


def test_public_tables_equal_the_documented_story(month) -> None:
    story = pd.read_csv(SURVEYS / "truth" / "story_public.csv")
    story = story[story["group"] == "(all)"]
    assert len(story) == 8
    for r in story.itertuples():
        for metric, expected in (
            ("resistance", r.resistance),
            ("support", r.support),
            ("sentiment_negative", r.negative),
            ("sentiment_positive", r.positive),
            ("theme_kendala_teknologi", r.kendala_teknologi),
            ("theme_partisipasi_masyarakat", r.partisipasi_masyarakat),
        ):
            assert share(month, metric, "public", r.month) == pytest.approx(expected, abs=0.0015)


def test_resistance_falls_in_the_six_improving_units(month) -> None:
    for unit in MEMBAIK:
        series = [share(month, "resistance", "staff", p, unit) for p in WAVE_MONTH.values()]
        shown = [v for v in series if v == v]  # wave 2 of Bappeda/BKPSDM is suppressed
        assert shown == sorted(shown, reverse=True) and shown[0] > shown[-1] + 0.15, unit
    rs = [share(month, "resistance", "staff", p) for p in WAVE_MONTH.values()]
    sp = [share(month, "support", "staff", p) for p in WAVE_MONTH.values()]
    assert rs[0] > rs[1] > rs[2] and sp[0] < sp[1] < sp[2]


def test_resistance_stays_high_in_pupr_and_muara_bulian(month) -> None:
    for unit in PERHATIAN:
        for p in WAVE_MONTH.values():
            assert share(month, "resistance", "staff", p, unit) > 0.6, (unit, p)
    august = {g: share(month, "resistance", "staff", "2026-08", g) for g in [*MEMBAIK, *PERHATIAN]}
    assert sorted(august, key=august.get, reverse=True)[:2] == sorted(PERHATIAN, key=august.get, reverse=True)  # fmt: skip
    att = month.attention
    flagged = att[(att["source"] == "staff") & att["attention"]]
    assert set(flagged["group"]) == set(PERHATIAN)


def test_theme_peaks(month) -> None:
    staff = {p: share(month, "theme_kendala_teknologi", "staff", p) for p in WAVE_MONTH.values()}
    assert max(staff, key=staff.get) == "2026-05"
    for theme in ("theme_kurang_sosialisasi", "theme_kebiasaan_lama"):
        values = {p: share(month, theme, "staff", p) for p in WAVE_MONTH.values()}
        assert max(values, key=values.get) == "2026-02", theme
    months = [p for p in month.periods]
    public = lambda m: {p: share(month, m, "public", p) for p in months}  # noqa: E731
    for metric, peak in (
        ("theme_kendala_teknologi", "2026-05"),
        ("theme_kurang_sosialisasi", "2026-03"),
        ("theme_partisipasi_masyarakat", "2026-07"),
    ):
        values = public(metric)
        assert max(values, key=values.get) == peak, metric
    for metric in ("theme_pelayanan_membaik", "theme_teknologi_memudahkan"):
        values = public(metric)
        late = sum(values[p] for p in ("2026-06", "2026-07", "2026-08")) / 3
        early = sum(values[p] for p in ("2026-01", "2026-02", "2026-03", "2026-04")) / 4
        assert late > early, metric


def test_likert_story(month) -> None:
    lk = month.likert
    get = lambda item, p, g=ALL: lk[(lk["item"] == LIKERT[item]) & (lk["source"] == "staff") & (lk["period"] == p) & (lk["group"] == g)]["mean"].iloc[0]  # noqa: E731 # fmt: skip
    for item in ("likert_paham", "likert_sosialisasi", "likert_dukung"):
        values = [get(item, p) for p in WAVE_MONTH.values()]
        assert values == sorted(values), item
    app = [get("likert_aplikasi", p) for p in WAVE_MONTH.values()]
    assert app[1] < app[0] < app[2]
    for unit in PERHATIAN:
        assert get("likert_posisi", "2026-02", unit) > get("likert_posisi", "2026-08", unit)


def test_public_negative_share_falls_from_63_to_27_percent(month) -> None:
    assert share(month, "sentiment_negative", "public", "2026-01") == pytest.approx(
        0.633, abs=0.001
    )
    assert share(month, "sentiment_negative", "public", "2026-08") == pytest.approx(
        0.273, abs=0.001
    )
    ch = month.changes
    row = ch[(ch["comparison"] == "first_last") & (ch["source"] == "public") & (ch["group"] == ALL) & (ch["metric"] == "sentiment_negative")]  # fmt: skip
    assert bool(row["significant"].iloc[0])


def test_bappeda_wave_two_is_suppressed_with_a_complement(month) -> None:
    cells = month.cells
    may = cells[(cells["source"] == "staff") & (cells["period"] == "2026-05")]
    hidden = may[may["suppressed"]]
    assert "Bappeda" in set(hidden["group"]) and len(hidden) >= 2
    assert hidden["respondents"].isna().all()


def test_executive_summary_tells_the_story(month) -> None:
    text = "\n".join(findings(month, TAX, "en"))
    assert "Staff: the share of comments with a resistance theme fell from 63% (Feb 2026) to 42% (Aug 2026) (significant)." in text  # fmt: skip
    assert "Staff: the share of comments with a support theme rose from 17% (Feb 2026) to 48% (Aug 2026) (significant)." in text  # fmt: skip
    assert "Public: the share of negative comments fell from 63% (Jan 2026) to 27% (Aug 2026) (significant)." in text  # fmt: skip
    assert "Needs attention (staff, Aug 2026): Kecamatan Muara Bulian (77%), Dinas PUPR (72%)" in text  # fmt: skip
    assert "The theme 'Technology problems' (staff) peaked in May 2026" in text
    assert "Themes that fell most (staff): Insufficient socialisation" in text
    assert "table cells are suppressed" in text
    indo = "\n".join(findings(month, TAX, "id"))
    assert "Pegawai: porsi komentar bertema resistensi turun dari 63% (Feb 2026) menjadi 42% (Agu 2026) (signifikan)." in indo  # fmt: skip
    assert "Perlu perhatian (pegawai, Agu 2026): Kecamatan Muara Bulian (77%), Dinas PUPR (72%)" in indo  # fmt: skip


def test_wave_periods_tell_the_same_staff_story() -> None:
    tr = summarise(truth_results(), TAX, "wave", events=read_events(EVENTS))
    waves = tr.periods
    assert waves == [
        "staff_survey_wave1_2026-02",
        "staff_survey_wave2_2026-05",
        "staff_survey_wave3_2026-08",
    ]
    rs = [tr.value("resistance", "staff", w) for w in waves]
    assert rs == pytest.approx([0.631, 0.514, 0.423], abs=0.001)
    assert tr.undated.set_index("source").loc["public", "answers"] == 340  # no wave: counted
    public = pd.read_csv(SURVEYS / "truth" / "story_public.csv")
    public = public[public["group"] == "(all)"]
    overall = (public["n_answers"] * public["resistance"]).sum() / public["n_answers"].sum()
    assert tr.value("resistance", "public", UNDATED) == pytest.approx(overall, abs=0.002)
    ev = tr.events
    assert ev["position"].tolist() == pytest.approx([0.5, 0.5, 1.5, 1.5, 1.5, 1.5])
