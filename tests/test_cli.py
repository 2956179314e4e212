"""The command line: help, errors as one line with exit code 2, analyze end to end."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from asn_sentiment.cli import cli
from asn_sentiment.docs import cli_reference, command_help, iter_commands

from .conftest import ROOT

KOMENTAR = (
    "Tanggal,Unit Kerja,Komentar\n"
    "14/03/2026,Dinas A,Pelatihannya bagus tapi aplikasinya sering macet\n"
    "20/04/2026,Dinas B,Belum ada sosialisasi di unit kami\n"
    "02/05/2026,Dinas A,Terima kasih\n"
)


def assert_user_error(result, outdir: Path | None = None) -> None:
    """Exit 2, one line on stderr, no traceback, no output folder left behind."""
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output + result.stderr
    if outdir is not None:
        assert not outdir.exists()
        assert not any(p.name.startswith(f".{outdir.name}") for p in outdir.parent.iterdir())


@pytest.mark.parametrize("name,cmd", iter_commands(), ids=lambda x: x if isinstance(x, str) else "")
def test_every_command_has_help_text(name, cmd) -> None:
    assert (cmd.help or "").strip(), f"{name} has no help text"
    text = command_help(name, cmd)
    assert "--help" in text
    for param in cmd.params:
        if getattr(param, "help", None) is None and param.param_type_name == "option":
            assert param.name in {"help", "version"}, f"{name}: option {param.name} has no help"


def test_every_command_is_in_readme_reference() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    for name, _ in iter_commands():
        assert f"### `{name}`" in readme, f"{name} missing from README CLI reference"
    assert cli_reference() in readme, "README CLI reference is out of date: run `make docs`"


def test_version(runner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert "asn-sentiment" in result.output


def test_analyze_komentar_needs_no_option(runner, write_csv, tmp_path) -> None:
    src = write_csv("k.csv", KOMENTAR)
    out = tmp_path / "out"
    result = runner.invoke(cli, ["analyze", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Komentar" in result.stderr
    results = pd.read_csv(out / "results.csv", keep_default_na=False)
    assert len(results) == 3
    for col in [
        "source_file",
        "row",
        "source",
        "date",
        "unit",
        "sentiment",
        "sentiment_confidence",
        "themes",
        "resistance",
        "support",
        "model_version",
        "Tanggal",
        "Unit Kerja",
        "Komentar",
    ]:
        assert col in results.columns
    assert results["date"].tolist() == ["2026-03-14", "2026-04-20", "2026-05-02"]
    assert set(results["sentiment"]) <= {"positive", "neutral", "negative"}
    assert "kurang_sosialisasi" in results.loc[1, "themes"]
    assert results.loc[2, "themes"] == ""
    assert (out / "summary.csv").is_file() and (out / "report.html").is_file()
    assert len(list((out / "charts").glob("*.png"))) >= 2


def test_analyze_longest_text_column_is_chosen_and_said(runner, write_csv, tmp_path) -> None:
    src = write_csv(
        "x.csv",
        "id,kode,isi\n1,A,ini isian yang cukup panjang soal aplikasi\n2,B,tidak ada sosialisasi sama sekali di kantor\n",
    )
    result = runner.invoke(cli, ["--lang", "en", "analyze", str(src), "-o", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert "'isi'" in result.stderr and "longest" in result.stderr


@pytest.mark.parametrize(
    ("lang", "expected", "untranslated"),
    [
        ("id", "(hari/bulan/tahun, nama bulan)", "named"),
        ("en", "(day/month/year, month names)", "dayfirst"),
    ],
)
def test_date_order_note_is_in_the_chosen_language(
    runner, write_csv, tmp_path, lang, expected, untranslated
) -> None:
    """Bug: the note said "(named)" / "(dayfirst+named)" in Indonesian output."""
    src = write_csv(
        "t.csv",
        "Tanggal,Komentar\n3 Januari 2026,sosialisasi kurang\n25/02/2026,pelatihan bagus\n",
    )
    result = runner.invoke(cli, ["--lang", lang, "analyze", str(src), "-o", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    line = next(x for x in result.stderr.splitlines() if "'Tanggal'" in x)
    assert line.endswith(expected) and untranslated not in line


def test_no_text_column(runner, write_csv, tmp_path) -> None:
    src = write_csv("n.csv", "Tanggal,Nilai\n14/03/2026,3\n15/03/2026,4\n")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["analyze", str(src), "-o", str(out)])
    assert_user_error(result, out)
    assert "--text-col" in result.stderr


def test_missing_file(runner, tmp_path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(cli, ["analyze", str(tmp_path / "nope.csv"), "-o", str(out)])
    assert_user_error(result, out)
    assert "nope.csv" in result.stderr


def test_unreadable_file(runner, tmp_path) -> None:
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"this is not a zip file at all")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["analyze", str(bad), "-o", str(out)])
    assert_user_error(result, out)
    assert "rusak.xlsx" in result.stderr


def test_unknown_model(runner, write_csv, tmp_path) -> None:
    src = write_csv("k.csv", KOMENTAR)
    out = tmp_path / "out"
    result = runner.invoke(cli, ["analyze", str(src), "-o", str(out), "--model", "tidak-ada"])
    assert_user_error(result, out)
    assert "models list" in result.stderr


def test_error_in_english(runner, tmp_path) -> None:
    result = runner.invoke(
        cli, ["--lang", "en", "analyze", str(tmp_path / "nope.csv"), "-o", str(tmp_path / "o")]
    )
    assert_user_error(result)
    assert result.stderr.startswith("Error: File")


def test_existing_outdir_kept_without_overwrite(runner, write_csv, tmp_path) -> None:
    src = write_csv("k.csv", KOMENTAR)
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    result = runner.invoke(cli, ["analyze", str(src), "-o", str(out)])
    assert_user_error(result)
    assert (out / "keep.txt").read_text() == "mine"
    result = runner.invoke(cli, ["analyze", str(src), "-o", str(out), "--overwrite"])
    assert result.exit_code == 0
    assert (out / "results.csv").is_file()


def test_failure_midway_leaves_no_outdir(runner, write_csv, tmp_path, monkeypatch) -> None:
    """A crash while writing (here: drawing charts) leaves no half-written OUTDIR."""
    import asn_sentiment.analysis as analysis

    def boom(*args, **kwargs):
        raise OSError("disk full")

    import asn_sentiment.report as report

    monkeypatch.setattr(report, "draw_charts", boom)
    src = write_csv("k.csv", KOMENTAR)
    out = tmp_path / "out"
    with pytest.raises(OSError):
        analysis.analyze([src], out)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["k.csv"]


def test_installed_console_script(tmp_path, write_csv) -> None:
    """The real console script, in a subprocess."""
    exe = shutil.which("asn-sentiment", path=str(Path(sys.executable).parent)) or shutil.which(
        "asn-sentiment"
    )
    if exe is None:
        pytest.skip("asn-sentiment console script is not installed (pip install -e .)")
    src = write_csv("k.csv", KOMENTAR)
    out = tmp_path / "out"
    env = {**os.environ, "ASN_SENTIMENT_LANG": "en"}
    done = subprocess.run(
        [exe, "analyze", str(src), "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert (out / "results.csv").is_file()
    missing = subprocess.run(
        [exe, "analyze", str(tmp_path / "nope.csv"), "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert missing.returncode == 2
    assert missing.stderr.strip().count("\n") == 0 and "Traceback" not in missing.stderr


def test_python_m(tmp_path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "asn_sentiment", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0
    assert "analyze" in done.stdout
