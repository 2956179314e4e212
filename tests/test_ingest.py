"""Reading input files into the canonical comments table."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asn_sentiment.dates import parse_dates
from asn_sentiment.errors import DateError, InputError
from asn_sentiment.ingest import likert_score, read_comments, read_events, read_table


def test_google_forms_like_survey(write_csv) -> None:
    src = write_csv(
        "wave1.csv",
        "Cap waktu,Unit Kerja,Kelompok Jabatan,Sosialisasi yang dilakukan sudah cukup jelas,"
        "Apa kendala utama yang Anda rasakan?,Saran dan masukan Anda\n"
        "14/02/2026 09:15:32,BKPSDM,Struktural,Setuju,Aplikasi sering error di kantor,Perbanyak bimtek\n"
        "15/02/2026 10:00:00,Bappeda,Pelaksana,Sangat Tidak Setuju,Belum ada sosialisasi,-\n",
    )
    comments = read_comments([src])
    frame = comments.frame
    assert len(frame) == 4  # two respondents x two open questions (long format)
    assert frame["question"].tolist()[:2] == [
        "Apa kendala utama yang Anda rasakan?",
        "Saran dan masukan Anda",
    ]
    assert set(frame["source"]) == {"staff"}
    assert set(frame["wave"]) == {"wave1"}
    assert frame["date"].tolist() == ["2026-02-14", "2026-02-14", "2026-02-15", "2026-02-15"]
    assert frame["unit"].tolist()[2] == "Bappeda"
    assert frame["position"].tolist()[0] == "Struktural"
    [likert] = comments.likert_columns
    assert frame[likert].tolist() == [4, 4, 1, 1]
    assert frame["text"].tolist()[3] == ""  # "-" is an empty answer
    assert comments.files[0].text_how == "header"


def test_pii_masked_in_text_and_original_columns(write_csv) -> None:
    src = write_csv("k.csv", "Komentar\nhubungi saya 0812-3456-7890 atau budi@example.go.id ya\n")
    frame = read_comments([src]).frame
    assert frame.loc[0, "text"] == "hubungi saya [TELEPON] atau [EMAIL] ya"
    assert "0812" not in frame.loc[0, "Komentar"]


def test_semicolon_cp1252(write_csv) -> None:
    src = write_csv(
        "excel.csv", "Tanggal;Komentar\n14 Maret 2026;Pelayanan café sangat baik\n", "cp1252"
    )
    frame = read_comments([src]).frame
    assert frame.loc[0, "date"] == "2026-03-14"
    assert frame.loc[0, "text"] == "Pelayanan café sangat baik"


def test_ambiguous_dates_refused(write_csv) -> None:
    src = write_csv(
        "a.csv", "Tanggal,Komentar\n03/04/2026,satu dua tiga empat\n05/06/2026,lima enam tujuh\n"
    )
    with pytest.raises(DateError) as info:
        read_comments([src])
    assert "--dayfirst" in info.value.message("en")
    frame = read_comments([src], dayfirst=True).frame
    assert frame["date"].tolist() == ["2026-04-03", "2026-06-05"]


def test_invalid_dates_name_rows(write_csv) -> None:
    src = write_csv(
        "b.csv", "Tanggal,Komentar\n14/03/2026,satu dua tiga\n31/02/2026,empat lima enam\n"
    )
    with pytest.raises(DateError) as info:
        read_comments([src])
    assert "2" in info.value.params["rows"]


def test_events(write_csv) -> None:
    src = write_csv(
        "e.csv",
        "tanggal,kegiatan\n2026-06-18,Sosialisasi tahap 2\n2026-03-12,Sosialisasi tahap 1\n",
    )
    events = read_events(src)
    assert events["date"].tolist() == ["2026-03-12", "2026-06-18"]
    bad = write_csv("f.csv", "when,what\n2026-01-01,x\n")
    with pytest.raises(InputError):
        read_events(bad)


@pytest.mark.parametrize(
    "value,score",
    [
        ("Sangat Tidak Setuju", 1),
        ("TS", 2),
        ("Ragu-ragu", 3),
        ("netral", 3),
        ("S", 4),
        ("SS", 5),
        ("4", 4),
        ("", None),
        ("x", None),
    ],
)
def test_likert_words(value, score) -> None:
    assert likert_score(value) == score


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.binary(max_size=2000),
    suffix=st.sampled_from([".csv", ".tsv", ".txt", ".xlsx", ".json", ".jsonl"]),
)
def test_arbitrary_bytes_give_a_table_or_a_clear_error(tmp_path, data, suffix) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    try:
        frame = read_table(path)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert isinstance(frame, pd.DataFrame) and len(frame) > 0


cell = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30
)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.lists(cell, min_size=1, max_size=4), min_size=1, max_size=8),
    sep=st.sampled_from([",", ";", "\t"]),
)
def test_arbitrary_csv_shapes(tmp_path, rows, sep) -> None:
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, delimiter=sep).writerows([["Komentar", "b", "c", "d"][: len(rows[0])], *rows])
    path = tmp_path / "shape.csv"
    path.write_text(buf.getvalue(), "utf-8")
    try:
        comments = read_comments([path])
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        assert len(comments.frame) >= 1


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)))
def test_dates_roundtrip_all_forms(day) -> None:
    iso = day.isoformat()
    assert parse_dates([iso]).iso == [iso]
    assert parse_dates([day.strftime("%d/%m/%Y")], dayfirst=True).iso == [iso]
    assert parse_dates([day.strftime("%m/%d/%Y 10:22:05")], dayfirst=False).iso == [iso]
    if 1969 <= day.year <= 2068:  # two-digit years pivot like strptime's %y
        assert parse_dates([day.strftime("%d-%b-%y")]).iso == [iso]


@pytest.mark.parametrize("content", ["0", '"text"', "null", "[1, 2]"])
def test_json_that_is_not_records_is_a_clear_error(tmp_path, content) -> None:
    """Regression: a JSON file holding a bare number crashed with AttributeError."""
    path = tmp_path / "x.json"
    path.write_text(content)
    with pytest.raises(InputError):
        read_table(path)
