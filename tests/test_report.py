"""The report command and write_report: outputs, determinism, HTML, browser, PDF, errors."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from asn_sentiment.cli import cli
from asn_sentiment.outputs import write_csv
from asn_sentiment.report import browser_command, find_browser

from .story import EVENTS, SAMPLE_FILES, synthetic_results, truth_results
from .test_cli import KOMENTAR, assert_user_error

STAMP = re.compile(r"Dibuat \d{4}-\d\d-\d\d \d\d:\d\d|Generated \d{4}-\d\d-\d\d \d\d:\d\d")


@pytest.fixture(scope="module")
def results_csv(tmp_path_factory) -> Path:
    """The truth-labelled samples written as a results.csv, as analyze would."""
    path = tmp_path_factory.mktemp("results") / "results.csv"
    write_csv(truth_results(), path)
    return path


@pytest.fixture
def no_charts(monkeypatch) -> None:
    """For tests of command-line paths that do not look at charts: skip drawing them."""
    import asn_sentiment.report as report

    monkeypatch.setattr(report, "draw_charts", lambda *args, **kwargs: [])


@pytest.fixture(scope="module")
def small_csv(tmp_path_factory) -> Path:
    """A small results file (four units, two months) for the command-line paths."""
    path = tmp_path_factory.mktemp("small") / "results.csv"
    write_csv(synthetic_results(), path)
    return path


@pytest.fixture(scope="module")
def reported(results_csv, tmp_path_factory) -> Path:
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp("rep") / "out"
    done = CliRunner().invoke(
        cli, ["report", str(results_csv), "-o", str(out), "--events", str(EVENTS)]
    )
    assert done.exit_code == 0, done.output
    return out


def test_report_writes_every_output(reported) -> None:
    names = {str(p.relative_to(reported)) for p in reported.rglob("*") if p.is_file()}
    assert {"summary.csv", "summary.xlsx", "report.html"} <= names
    assert {f"tables/{n}.csv" for n in ("theme_sentiment", "likert", "changes", "attention", "undated")} <= names  # fmt: skip
    pngs = sorted(n for n in names if n.endswith(".png"))
    assert len(pngs) == 6 and all(n.replace(".png", ".svg") in names for n in pngs)
    assert "results.csv" not in names
    from PIL import Image

    for name in pngs:
        with Image.open(reported / name) as im:
            assert round(im.info["dpi"][0]) == 150


def test_workbook_has_formatted_headers_and_percentages(reported) -> None:
    wb = load_workbook(reported / "summary.xlsx")
    ws = wb["summary"]
    head = ws["A1"]
    assert head.font.bold and head.fill.fgColor.rgb.endswith("0072B2")
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    header = [c.value for c in ws[1]]
    share = ws.cell(row=2, column=header.index("share") + 1)
    assert share.number_format == "0.0%"
    csv = pd.read_csv(reported / "summary.csv")
    assert ws.max_row == len(csv) + 1


def test_same_results_same_files(results_csv, reported, runner, tmp_path) -> None:
    again = tmp_path / "again"
    done = runner.invoke(
        cli, ["report", str(results_csv), "-o", str(again), "--events", str(EVENTS)]
    )
    assert done.exit_code == 0, done.output
    for name in ("summary.csv", "tables/changes.csv", "tables/likert.csv"):
        assert (again / name).read_bytes() == (reported / name).read_bytes(), name

    def cells(path: Path) -> list:
        wb = load_workbook(path, read_only=True)
        return [
            row
            for ws in wb.worksheets
            for row in ws.iter_rows(values_only=True)
            if not (ws.title == "about" and row[0] == "Dibuat")  # the generation time
        ]

    assert cells(again / "summary.xlsx") == cells(reported / "summary.xlsx")
    for svg in (reported / "charts").glob("*.svg"):
        assert (again / "charts" / svg.name).read_bytes() == svg.read_bytes(), svg.name
    first = (reported / "report.html").read_text("utf-8")
    second = (again / "report.html").read_text("utf-8")
    assert STAMP.search(first)
    assert STAMP.sub("", first) == STAMP.sub("", second)


def test_workbook_bytes_are_deterministic(tmp_path) -> None:
    from asn_sentiment.outputs import write_xlsx

    frame = pd.DataFrame({"share": [0.5, None], "text": ["=1+1", "ok"], "n": [1, 2]})
    a = write_xlsx({"t": frame}, tmp_path / "a.xlsx", percent_columns=("share",))
    b = write_xlsx({"t": frame}, tmp_path / "b.xlsx", percent_columns=("share",))
    assert a.read_bytes() == b.read_bytes()
    ws = load_workbook(a)["t"]
    # text kept as written, stored as a text cell with Excel's quote prefix (never a formula)
    assert ws["B2"].value == "=1+1" and ws["B2"].data_type == "s" and ws["B2"].quotePrefix
    assert ws["A3"].value is None


def test_html_is_self_contained_with_six_charts(reported) -> None:
    page = (reported / "report.html").read_text("utf-8")
    images = re.findall(r'<img [^>]*src="data:image/png;base64,([^"]+)"', page)
    assert len(images) >= 5
    for data in images:
        assert base64.b64decode(data).startswith(b"\x89PNG")
    assert not re.search(r"<(link|script|iframe|object|embed)\b", page, flags=re.I)
    assert not re.search(r"""(src|href)\s*=\s*["'](?!data:|#)""", page, flags=re.I)
    assert "url(" not in page and "@import" not in page
    assert "@page { size: A4" in page
    assert "Ringkasan eksekutif" in page and "Metode dan catatan" in page


def test_english_report(small_csv, runner, tmp_path, no_charts) -> None:
    out = tmp_path / "en"
    done = runner.invoke(cli, ["--lang", "en", "report", str(small_csv), "-o", str(out)])
    assert done.exit_code == 0, done.output
    page = (out / "report.html").read_text("utf-8")
    assert "Executive summary" in page and 'lang="en"' in page
    assert "cells suppressed" in done.stderr


@pytest.fixture(scope="module")
def browser() -> str:
    found = find_browser()
    if found is None:
        pytest.skip("no Chromium-family browser installed (apt-get install chromium)")
    return found


CHECKER = """<script>
window.addEventListener('load', function () {
  var broken = 0;
  for (var i = 0; i < document.images.length; i++) {
    var img = document.images[i];
    if (!(img.complete && img.naturalWidth > 0)) { broken++; console.error('broken image ' + i); }
  }
  document.body.setAttribute('data-images', document.images.length);
  document.body.setAttribute('data-broken', broken);
});
</script>"""


def test_report_opens_in_a_browser_without_console_errors(reported, browser, tmp_path) -> None:
    page = (reported / "report.html").read_text("utf-8").replace("</body>", CHECKER + "</body>")
    copy = tmp_path / "report.html"
    copy.write_text(page, "utf-8")
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [
                *browser_command(browser, profile),
                "--enable-logging=stderr",
                "--v=0",
                "--virtual-time-budget=5000",
                "--dump-dom",
                copy.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr[-2000:]
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    assert not console, console
    dom = done.stdout
    assert 'data-broken="0"' in dom
    images = int(re.search(r'data-images="(\d+)"', dom).group(1))
    assert images >= 5


def test_pdf_when_a_browser_is_there(reported, browser, tmp_path) -> None:
    from asn_sentiment.report import render_pdf

    pdf = tmp_path / "report.pdf"
    assert render_pdf(reported / "report.html", pdf) is None
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 50_000
    assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 5  # A4 pages, charts kept whole


def test_pdf_without_a_browser_is_a_note_not_an_error(
    small_csv, runner, tmp_path, monkeypatch, no_charts
) -> None:
    monkeypatch.setenv("ASN_SENTIMENT_BROWSER", str(tmp_path / "no-such-browser"))
    out = tmp_path / "out"
    done = runner.invoke(cli, ["--lang", "en", "report", str(small_csv), "-o", str(out), "--pdf"])
    assert done.exit_code == 0, done.output
    assert "PDF not made: Chromium was not found" in done.stderr
    assert (out / "report.html").is_file() and not (out / "report.pdf").exists()


def test_rereport_in_place_keeps_the_results_it_reads(
    small_csv, runner, tmp_path, no_charts
) -> None:
    out = tmp_path / "analysis"
    out.mkdir()
    inside = out / "results.csv"
    shutil.copy(small_csv, inside)
    (out / "old-chart.png").write_bytes(b"x")
    done = runner.invoke(cli, ["report", str(inside), "-o", str(out)])
    assert_user_error(done)  # exists: needs --overwrite
    done = runner.invoke(cli, ["report", str(inside), "-o", str(out), "--overwrite", "--period", "quarter"])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert inside.read_bytes() == small_csv.read_bytes()
    assert not (out / "old-chart.png").exists()
    assert "2026-Q1" in set(pd.read_csv(out / "summary.csv")["period"])


@pytest.mark.parametrize(
    "content,needle",
    [
        ("a,b\n1,2\n", "not a results file"),
        ("", "cannot be read"),
    ],
)
def test_not_a_results_file(content, needle, runner, tmp_path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(content, "utf-8")
    out = tmp_path / "out"
    done = runner.invoke(cli, ["--lang", "en", "report", str(bad), "-o", str(out)])
    assert_user_error(done, out)
    assert needle in done.stderr


def test_unknown_themes_need_their_taxonomy(results_csv, runner, tmp_path) -> None:
    frame = pd.read_csv(results_csv, keep_default_na=False, dtype=str)
    frame.loc[0, "themes"] = "tema_lokal"
    odd = tmp_path / "odd.csv"
    frame.to_csv(odd, index=False)
    out = tmp_path / "out"
    done = runner.invoke(cli, ["--lang", "en", "report", str(odd), "-o", str(out)])
    assert_user_error(done, out)
    assert "tema_lokal" in done.stderr and "--taxonomy" in done.stderr


def test_several_results_files_are_combined_once(results_csv, tmp_path) -> None:
    from asn_sentiment.report import read_results

    both = read_results([results_csv, results_csv])
    assert len(both) == len(pd.read_csv(results_csv)) and both.attrs["duplicates_dropped"] > 0


def test_analyze_on_the_samples_end_to_end(runner, tmp_path) -> None:
    """The whole pipeline on the bundled samples, with today's models: it runs and the
    structure is right (the story itself is tested from the truth labels)."""
    out = tmp_path / "demo"
    args = ["analyze", *map(str, SAMPLE_FILES), "--events", str(EVENTS), "-o", str(out)]
    done = runner.invoke(cli, args)
    assert done.exit_code == 0, done.output
    results = pd.read_csv(out / "results.csv", keep_default_na=False)
    assert len(results) == 1020
    summary = pd.read_csv(out / "summary.csv", keep_default_na=False)
    assert set(summary["source"]) == {"staff", "public", "all"}
    assert {"2026-01", "2026-08", "undated", "all"} - {"undated"} <= set(summary["period"])
    assert summary[summary["metric"] == "resistance"]["suppressed"].any()
    assert len(list((out / "charts").glob("*.png"))) == 6


def test_analyze_and_report_end_in_the_same_report(runner, write_csv, tmp_path, no_charts) -> None:
    """Re-reporting an analyze OUTDIR's results.csv gives the same tables."""
    src = write_csv("k.csv", KOMENTAR)
    out = tmp_path / "a"
    assert runner.invoke(cli, ["analyze", str(src), "-o", str(out), "--min-group", "1"]).exit_code == 0  # fmt: skip
    again = tmp_path / "b"
    done = runner.invoke(cli, ["report", str(out / "results.csv"), "-o", str(again), "--min-group", "1"])  # fmt: skip
    assert done.exit_code == 0, done.output
    for name in ("summary.csv", "tables/theme_sentiment.csv", "tables/changes.csv"):
        assert (again / name).read_bytes() == (out / name).read_bytes(), name
