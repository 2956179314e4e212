"""The ``preprocess`` command: one text, explanations, and whole files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from asn_sentiment.cleaning import preprocess_batch
from asn_sentiment.cli import cli
from asn_sentiment.streaming import detect_encoding, preprocess_file

from .test_cli import assert_user_error

KOMENTAR = (
    "Tanggal,Unit Kerja,Komentar\n"
    '14/03/2026,Dinas A,"Pelayanannya tidak memuaskan, yg gak jelas 😡"\n'
    "20/04/2026,Dinas B,idak ado sosialisasi nian\n"
    '02/05/2026,Dinas A,=HYPERLINK("lapor") bagusss\n'
    '03/05/2026,Dinas C,"baris\ndua"\n'
)


def test_text_prints_one_cleaned_line(runner) -> None:
    result = runner.invoke(cli, ["preprocess", "--text", "Pelayanannya tidak memuaskan"])
    assert result.exit_code == 0, result.output
    words = result.stdout.split()
    assert "NEG_puas" in words and "puas" not in words
    assert result.stdout.count("\n") == 1


@pytest.mark.parametrize(
    "text,expected",
    [
        ("yg gak jelas", "tidak"),
        ("idak ado sosialisasi", "tidak"),
        ("bagusss", "bagus"),
        ("pelayanan", "layan"),
        ("menyosialisasikan", "sosialisasi"),
        ("pelatihan", "latih"),
        ("kebijakan", "bijak"),
        ("😡", "marah"),
    ],
)
def test_text_acceptance(runner, text, expected) -> None:
    result = runner.invoke(cli, ["preprocess", "--text", text])
    assert result.exit_code == 0
    assert expected in result.stdout.split()


def test_text_with_steps_and_window(runner) -> None:
    result = runner.invoke(
        cli,
        [
            "preprocess",
            "--text",
            "Tidak ada yang peduli",
            "--steps",
            "all",
            "--negation-window",
            "2",
        ],
    )
    assert result.stdout.strip() == "tidak peduli"  # 'ada yang' took the window of 2
    result = runner.invoke(cli, ["preprocess", "--text", "Yang BAGUS", "--steps", "normalize"])
    assert result.stdout.strip() == "yang bagus"


def test_explain_shows_each_step(runner) -> None:
    result = runner.invoke(
        cli,
        ["--lang", "en", "preprocess", "--text", "Pelayanannya TIDAK memuaskan!!! 😡", "--explain"],
    )
    assert result.exit_code == 0, result.output
    lines = dict(line.split(None, 1) for line in result.stdout.splitlines())
    assert lines["input"] == "Pelayanannya TIDAK memuaskan!!! 😡"
    assert lines["normalize"] == "pelayanannya tidak memuaskan"
    assert lines["placeholders"] == "(unchanged)"
    assert lines["stem_fix"] == "layan tidak puas marah"
    assert lines["negation"] == "layan tidak NEG_puas marah"
    indonesian = runner.invoke(cli, ["preprocess", "--text", "oke", "--explain"])
    assert "(tidak berubah)" in indonesian.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["preprocess"],
        ["preprocess", "--explain"],
        ["preprocess", "in.csv"],
        ["preprocess", "in.csv", "-o", "out.csv", "--text", "x"],
        ["preprocess", "--text", "x", "--steps", "stemming"],
    ],
)
def test_usage_errors_are_one_line(runner, args) -> None:
    assert_user_error(runner.invoke(cli, args))


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_file_gets_text_clean_column(runner, tmp_path) -> None:
    src = write(tmp_path, "komentar.csv", KOMENTAR)
    out = tmp_path / "out" / "clean.csv"
    result = runner.invoke(cli, ["preprocess", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "'Komentar'" in result.stderr and "4" in result.stderr
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(table.columns) == ["Tanggal", "Unit Kerja", "Komentar", "text_clean"]
    assert table["text_clean"].tolist() == [
        "layan tidak NEG_puas tidak NEG_jelas marah",
        "tidak NEG_sosialisasi NEG_sangat",
        "hyperlink lapor bagus",
        "baris dua",
    ]
    assert table["Komentar"][2].startswith("'=")  # formulas neutralised, as in every output
    assert table["Komentar"][3] == "baris\ndua"


def test_same_input_gives_byte_identical_output(tmp_path) -> None:
    rows = [
        f"0{i % 9 + 1}/03/2026,Dinas {i % 7},komentar nomor {i} tidak memuaskan" for i in range(200)
    ]
    src = write(tmp_path, "k.csv", KOMENTAR + "\n".join(rows) + "\n")
    first = preprocess_file(src, tmp_path / "a.csv")
    preprocess_file(src, tmp_path / "b.csv", chunk_rows=7)
    preprocess_file(src, tmp_path / "c.csv", chunk_rows=13, jobs=2)
    data = (tmp_path / "a.csv").read_bytes()
    assert data == (tmp_path / "b.csv").read_bytes() == (tmp_path / "c.csv").read_bytes()
    assert first.rows == 204 and first.text_column == "Komentar" and first.text_how == "header"


def test_text_col_out_col_steps_and_tsv_output(runner, tmp_path) -> None:
    src = write(tmp_path, "k.tsv", "id\tteks\n1\tYang BAGUSSS\n2\t\n")
    out = tmp_path / "o.tsv"
    args = ["preprocess", str(src), "-o", str(out), "--text-col", "teks", "--out-col", "bersih"]
    result = runner.invoke(cli, [*args, "--steps", "default"])
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8") == "id\tteks\tbersih\n1\tYang BAGUSSS\tbagus\n2\t\t\n"


def test_cp1252_semicolon_file(tmp_path) -> None:
    src = write(tmp_path, "excel.csv", "No;Saran\n1;Pelayanan café sangat lambat\n", "cp1252")
    assert detect_encoding(src) != "utf-8"
    result = preprocess_file(src, tmp_path / "o.csv", text_col="Saran")
    table = pd.read_csv(result.output, dtype=str)
    assert table["text_clean"][0] == "layan café sangat lambat"


def test_xlsx_input(tmp_path) -> None:
    src = tmp_path / "k.xlsx"
    pd.DataFrame({"Komentar": ["tidak memuaskan", "bagus"], "n": [1, 2]}).to_excel(src, index=False)
    result = preprocess_file(src, tmp_path / "o.csv", text_col="Komentar")
    assert pd.read_csv(result.output)["text_clean"].tolist() == ["tidak NEG_puas", "bagus"]


def test_stem_cache_is_written_and_reused(tmp_path) -> None:
    src = write(tmp_path, "k.csv", KOMENTAR)
    cache = tmp_path / "stems.json"
    preprocess_file(src, tmp_path / "a.csv", stem_cache=cache)
    assert '"pelayanannya": "layan"' in cache.read_text("utf-8")
    preprocess_file(src, tmp_path / "b.csv", stem_cache=cache, jobs=2)
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


@pytest.mark.parametrize(
    "make_args",
    [
        lambda d: [str(d / "missing.csv"), "-o", str(d / "o.csv")],
        lambda d: [str(d), "-o", str(d / "o.csv")],
        lambda d: [str(d / "k.pdf"), "-o", str(d / "o.csv")],
        lambda d: [str(d / "k.csv"), "-o", str(d / "o.xlsx")],
        lambda d: [str(d / "k.csv"), "-o", str(d / "k.csv"), "--overwrite"],
        lambda d: [str(d / "k.csv"), "-o", str(d / "exists.csv")],
        lambda d: [str(d / "k.csv"), "-o", str(d / "o.csv"), "--text-col", "nope"],
        lambda d: [str(d / "empty.csv"), "-o", str(d / "o.csv")],
        lambda d: [str(d / "k.csv"), "-o", str(d / "o.csv"), "--steps", "x"],
        lambda d: [str(d / "numbers.csv"), "-o", str(d / "o.csv")],
    ],
    ids=[
        "missing",
        "folder",
        "format",
        "out-format",
        "out-is-in",
        "out-exists",
        "no-column",
        "empty",
        "steps",
        "no-text",
    ],
)
def test_file_errors_are_one_line_and_leave_nothing(runner, tmp_path, make_args) -> None:
    write(tmp_path, "k.csv", KOMENTAR)
    write(tmp_path, "k.pdf", "%PDF")
    write(tmp_path, "empty.csv", "Komentar\n")
    write(tmp_path, "numbers.csv", "a,b\n1,2\n3,4\n")
    write(tmp_path, "exists.csv", "keep me")
    before = sorted(p.name for p in tmp_path.iterdir())
    assert_user_error(runner.invoke(cli, ["preprocess", *make_args(tmp_path)]))
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert (tmp_path / "exists.csv").read_text() == "keep me"


def test_overwrite(runner, tmp_path) -> None:
    src = write(tmp_path, "k.csv", KOMENTAR)
    out = write(tmp_path, "o.csv", "old")
    result = runner.invoke(cli, ["-q", "preprocess", str(src), "-o", str(out), "--overwrite"])
    assert result.exit_code == 0 and result.stderr == ""
    assert out.read_text("utf-8").startswith("Tanggal,")


def test_installed_console_script(tmp_path) -> None:
    exe = shutil.which("asn-sentiment", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("console script not installed (run make install-test)")
    done = subprocess.run(
        [exe, "preprocess", "--text", "Pelayanannya tidak memuaskan 😡"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == preprocess_batch(["Pelayanannya tidak memuaskan 😡"])[0]
