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


# --- real-world input (issue 8) ------------------------------------------------------------

import json  # noqa: E402
import sys  # noqa: E402

from openpyxl import Workbook  # noqa: E402

from asn_sentiment.ingest import (  # noqa: E402
    ReadOptions,
    TableReader,
    detect_encoding,
    open_tables,
    parse_mapping,
    sniff_delimiter,
)

from .conftest import DATA  # noqa: E402

AWKWARD = DATA / "awkward"
sys.path.insert(0, str(AWKWARD))
import make_awkward as awk  # noqa: E402


def test_awkward_fixtures_are_up_to_date(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(awk, "HERE", tmp_path)
    awk.write()
    for name in ["lapor_excel_cp1252.csv", "excel_unicode_text.txt", "google_forms_en.csv"]:
        assert (tmp_path / name).read_bytes() == (AWKWARD / name).read_bytes(), name


def test_cp1252_semicolon_indonesian_months_and_likert_words() -> None:
    comments = read_comments([AWKWARD / "lapor_excel_cp1252.csv"])
    report = comments.files[0]
    assert (report.encoding, report.delimiter) == ("cp1252", ";")
    frame = comments.frame
    assert frame["date"].tolist() == awk.CP1252_DATES
    assert frame["text"].tolist()[0] == awk.CP1252_ROWS[1][-1]  # “ ” – decoded right
    assert "…" in frame["text"].tolist()[1]  # 0x85 is an ellipsis in cp1252, not NEL
    memahami, sosialisasi = sorted(comments.likert_columns)
    assert frame[memahami].tolist() == awk.CP1252_LIKERT["memahami"]
    assert frame[sosialisasi].tolist() == awk.CP1252_LIKERT["sosialisasi"]
    assert report.identifier_columns == ["Nama Pelapor"]
    assert "Budi Santoso" not in frame.to_csv() and "0812-3456-7890" not in frame.to_csv()


def test_utf16_tab_separated_excel_unicode_text() -> None:
    comments = read_comments([AWKWARD / "excel_unicode_text.txt"])
    report = comments.files[0]
    assert (report.encoding, report.delimiter, report.date_order) == ("utf-16", "\t", "dayfirst")
    frame = comments.frame
    assert frame.drop_duplicates("row")["date"].tolist() == awk.UTF16_DATES
    [likert] = comments.likert_columns
    assert frame.drop_duplicates("row")[likert].tolist() == awk.UTF16_LIKERT
    assert report.text_columns == ["Apa kendala utama yang Anda rasakan?", "Saran"]
    assert "🙏" in frame["text"].tolist()[1]
    assert frame["text"].tolist()[3].startswith("1. Satukan laporan")


def test_google_forms_bom_month_first_timestamps() -> None:
    comments = read_comments([AWKWARD / "google_forms_en.csv"])
    report = comments.files[0]
    assert report.encoding == "utf-8-sig" and report.date_order == "monthfirst"
    frame = comments.frame
    assert frame.columns[11] == "Timestamp"  # the BOM is not part of the first header
    assert frame.drop_duplicates("row")["date"].tolist() == awk.FORMS_DATES
    [likert] = comments.likert_columns
    assert frame.drop_duplicates("row")[likert].tolist() == awk.FORMS_LIKERT
    assert report.identifier_columns == ["Email Address"]
    assert "@example" not in frame.to_csv()


TEXT = "Sosialisasi penataan café – “belum” jelas… kata staf Disdukcapil"


@pytest.mark.parametrize(
    "encoding,expected",
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
        ("cp1252", "cp1252"),
    ],
)
def test_encodings_detected(tmp_path, encoding, expected) -> None:
    path = tmp_path / "k.csv"
    body = "Tanggal;Komentar\n" + "".join(f"{d} Maret 2026;{TEXT} {d}\n" for d in range(13, 25))
    path.write_bytes(body.encode(encoding))
    assert detect_encoding(path) == expected
    frame = read_comments([path]).frame
    assert frame["text"].tolist()[0] == f"{TEXT} 13"


def test_latin1_when_cp1252_cannot_decode(tmp_path) -> None:
    """Bytes 0x81/0x8D/0x8F/0x90/0x9D are undefined in cp1252: such a file is latin-1."""
    path = tmp_path / "k.csv"
    path.write_bytes("Komentar\nkantor caf\xe9 \x8d lama sekali\n".encode("latin-1"))
    assert detect_encoding(path) == "latin-1"
    assert read_comments([path]).frame.loc[0, "text"].startswith("kantor café")


def test_utf8_with_a_late_cp1252_byte_is_not_utf8(tmp_path) -> None:
    """UTF-8 is accepted only when the whole file decodes, not just its first megabyte."""
    path = tmp_path / "k.csv"
    head = "Komentar\n" + "aplikasi sering error di kantor kami\n" * 80_000
    path.write_bytes(head.encode("ascii") + "pelayanan café\n".encode("cp1252"))
    assert detect_encoding(path) == "cp1252"


def test_explicit_encoding_and_unknown_encoding(tmp_path) -> None:
    path = tmp_path / "k.csv"
    path.write_bytes("Komentar\npelayanan café bagus sekali\n".encode("cp1252"))
    assert read_comments([path], encoding="latin-1").frame.loc[0, "text"].endswith("bagus sekali")
    with pytest.raises(InputError) as info:
        read_comments([path], encoding="klingon")
    assert info.value.key == "err.encoding_invalid"


@pytest.mark.parametrize("sep", [",", ";", "\t", "|"])
def test_delimiter_with_other_separators_inside_text(sep) -> None:
    rows = ["Tanggal", "Unit", "Komentar"], ["14/03/2026", "Dinas A", "satu, dua; tiga | empat"]
    text = "\n".join(sep.join(f'"{c}"' if sep in c or "," in c else c for c in r) for r in rows)
    text += "\n" + sep.join(["15/03/2026", "Dinas B", "lima enam"]) + "\n"
    assert sniff_delimiter(text) == sep


def test_title_rows_above_the_header(write_csv) -> None:
    src = write_csv(
        "rekap.csv",
        "REKAP SURVEI PEGAWAI 2026;;\nKabupaten Batanghari;;\n;;\n"
        "Tanggal;Unit Kerja;Komentar\n14/03/2026;BKPSDM;aplikasi sering error\n"
        "15/03/2026;Bappeda;sosialisasi belum jelas\n",
    )
    frame = read_comments([src]).frame
    assert frame["row"].tolist() == [1, 2]
    assert frame["unit"].tolist() == ["BKPSDM", "Bappeda"]


def test_map_option(write_csv) -> None:
    src = write_csv(
        "m.csv",
        "Kolom A,Kolom B,Kolom C,Isian\n"
        "2026-03-14,Dinas A,Budi,layanan lambat sekali hari ini\n"
        "2026-03-15,Dinas B,Siti,antrean panjang dan tidak tertib\n",
    )
    comments = read_comments([src], mapping="text=Isian,date=Kolom A,unit=Kolom B,id=Kolom C")
    frame = comments.frame
    assert frame["unit"].tolist() == ["Dinas A", "Dinas B"]
    assert frame["date"].tolist() == ["2026-03-14", "2026-03-15"]
    assert "Budi" not in frame["Kolom C"].tolist()[0]
    assert comments.files[0].text_how == "given"
    assert parse_mapping("text=Saran, kritik dan masukan,date=Tgl") == {
        "text": ["Saran, kritik dan masukan"],
        "date": ["Tgl"],
    }
    assert parse_mapping(["text=A;B", "text=C"]) == {"text": ["A", "B", "C"]}
    for bad in ["Komentar", "colour=Merah", "date=A,date=B"]:
        with pytest.raises(InputError) as info:
            parse_mapping(bad)
        assert info.value.key == "err.map_invalid"
    with pytest.raises(InputError) as info:
        read_comments([src], mapping="text=Tidak Ada")
    assert info.value.key == "err.column_missing"


def _workbook(path, sheets) -> None:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
    book.save(path)


def test_xlsx_every_sheet_or_a_named_one(tmp_path) -> None:
    path = tmp_path / "book.xlsx"
    _workbook(
        path,
        {
            "Petunjuk": [["Isi survei sampai 30 Maret"]],
            "Gelombang 1": [
                ["Judul: survei penataan"],
                [],
                ["Tanggal", "Komentar"],
                [dt.datetime(2026, 3, 14, 9, 30), "aplikasi sering error di kantor"],
                [dt.datetime(2026, 3, 15), "sosialisasi belum sampai ke staf"],
            ],
            "Gelombang 2": [
                ["Tanggal", "Komentar", None],
                ["14 Mei 2026", "sudah lebih jelas sekarang", None],
            ],
        },
    )
    comments = read_comments([path])
    frame = comments.frame
    assert sorted(set(frame["source_file"])) == ["book.xlsx#Gelombang 1", "book.xlsx#Gelombang 2"]
    assert frame["date"].tolist() == ["2026-03-14", "2026-03-15", "2026-05-14"]
    assert comments.files[0].skipped_sheets == ["Petunjuk"]
    one = read_comments([path], sheet="Gelombang 2").frame
    assert one["source_file"].tolist() == ["book.xlsx"] and one["row"].tolist() == [1]
    with pytest.raises(InputError) as info:
        read_comments([path], sheet="Gelombang 9")
    assert info.value.key == "err.sheet_missing" and "Gelombang 1" in info.value.params["sheets"]


def test_json_nested_and_jsonl(tmp_path) -> None:
    records = [
        {"_submission_time": "2026-03-14T09:30:00", "grp": {"unit": "BKPSDM"},
         "komentar": "aplikasi sering error di kantor", "tags": ["a", "b"]},
        {"_submission_time": "2026-03-15T10:00:00+07:00", "grp": {"unit": "Bappeda"},
         "komentar": "sosialisasi belum sampai ke staf"},
    ]  # fmt: skip
    j = tmp_path / "kobo.json"
    j.write_text(json.dumps({"results": records}), "utf-8")
    frame = read_comments([j]).frame
    assert frame["date"].tolist() == ["2026-03-14", "2026-03-15"]
    assert frame["grp.unit"].tolist() == ["BKPSDM", "Bappeda"]
    assert frame["tags"].tolist()[0] == '["a", "b"]'
    jl = tmp_path / "k.jsonl"
    jl.write_text("\n".join(json.dumps(r) for r in records) + "\n\n", "utf-8")
    assert read_comments([jl]).frame["text"].tolist() == frame["text"].tolist()
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(records[0]) + "\n{not json\n", "utf-8")
    with pytest.raises(InputError) as info:
        read_comments([bad])
    assert info.value.key == "err.json_line" and info.value.params["line"] == 2


def test_ragged_csv_names_the_line(write_csv) -> None:
    src = write_csv("r.csv", "Tanggal,Komentar\n14/03/2026,satu dua tiga\n15/03/2026,a,b,c\n")
    with pytest.raises(InputError) as info:
        read_comments([src])
    assert info.value.key in {"err.file_ragged", "err.file_unreadable"}
    assert "\n" not in info.value.message("en")


def test_chunked_reading_gives_the_same_table(tmp_path) -> None:
    """Dates decided over the whole column: the first chunk alone is ambiguous (days <= 12)."""
    path = tmp_path / "big.csv"
    lines = ["Tanggal,Komentar"]
    lines += [f"0{1 + i % 9}/03/2026,komentar ke {i} tentang aplikasi" for i in range(60)]
    lines += ["25/03/2026,komentar terakhir dengan hari di atas dua belas"]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    whole = read_comments([path]).frame
    [table] = open_tables(path)
    reader = TableReader(table, ReadOptions(chunk_rows=7))
    reader.prepare()
    chunked = pd.concat(list(reader.chunks()), ignore_index=True)
    assert chunked["date"].tolist() == whole["date"].tolist()
    assert whole["date"].tolist()[0] == "2026-03-01"
    assert chunked["row"].tolist() == list(range(1, 62))


# --- property-based: arbitrary inputs give a table or one clear line --------------------------

json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | cell,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(cell, inner, max_size=3),
    max_leaves=10,
)


def _clear_error_or_table(paths) -> None:
    try:
        comments = read_comments(paths)
    except InputError as exc:
        message = exc.message("id")
        assert message and "\n" not in message and "Traceback" not in message
    else:
        assert len(comments.frame) >= 1
        assert list(comments.frame.columns[:10]) == list(
            __import__("asn_sentiment.ingest", fromlist=["x"]).CANONICAL_COLUMNS
        )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=json_value, lines=st.booleans())
def test_arbitrary_json_and_jsonl(tmp_path, data, lines) -> None:
    if lines:
        path = tmp_path / "x.jsonl"
        items = data if isinstance(data, list) else [data]
        path.write_text("\n".join(json.dumps(i) for i in items), "utf-8")
    else:
        path = tmp_path / "x.json"
        path.write_text(json.dumps(data), "utf-8")
    _clear_error_or_table([path])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.lists(
            st.one_of(cell, st.integers(), st.floats(allow_nan=False), st.none()),
            min_size=1,
            max_size=4,
        ),
        min_size=1,
        max_size=6,
    )
)
def test_arbitrary_xlsx_sheets(tmp_path, rows) -> None:
    path = tmp_path / "x.xlsx"
    clean = [
        [
            c if not isinstance(c, str) else "".join(ch for ch in c if ch >= " " or ch in "\t\n")
            for c in r
        ]
        for r in rows
    ]
    _workbook(path, {"Sheet1": [["Komentar", "b", "c", "d"][: len(clean[0])], *clean]})
    _clear_error_or_table([path])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"]),
)
def test_arbitrary_text_in_any_encoding(tmp_path, text, encoding) -> None:
    data = ("Komentar;Tanggal\n" + text).encode(encoding, errors="replace")
    path = tmp_path / "x.csv"
    path.write_bytes(data)
    _clear_error_or_table([path])


def test_headers_that_clash_once_stripped(tmp_path) -> None:
    """Regression (found by hypothesis): JSON keys "" and " " became two columns named ""."""
    path = tmp_path / "x.json"
    path.write_text(json.dumps([{"": "a", " ": "b", "komentar": "aplikasi sering error"}]))
    frame = read_table(path)
    assert list(frame.columns) == ["Unnamed: 0", "Unnamed: 1", "komentar"]
    csv_path = tmp_path / "x.csv"
    csv_path.write_text("Komentar,Komentar ,x\nsatu dua tiga,empat lima,1\n")
    assert list(read_table(csv_path).columns) == ["Komentar", "Komentar.1", "x"]
