"""A group under K respondents leaves no trace in any output (CSV, XLSX, SVG, HTML).

Two cases: Bappeda in survey wave 2 (May 2026) of the bundled samples, with 4
respondents, and a synthetic unit 'Zeta' with 3 respondents whose share
(2/3) and marker word appear nowhere else.  Besides looking for the values,
the published summary is attacked with linear programming (written here,
independently of the library) to show the hidden counts cannot be derived.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from asn_sentiment.ingest import read_events
from asn_sentiment.report import write_report
from asn_sentiment.suppression import Relation

from .story import EVENTS, synthetic_results, truth_results
from .test_suppression import attack

ALL = "all"


@pytest.fixture(scope="module")
def bappeda(tmp_path_factory) -> tuple[Path, pd.DataFrame]:
    results = truth_results()
    out = tmp_path_factory.mktemp("privacy") / "out"
    write_report(results, out, events=read_events(EVENTS), generated="2026-09-01 08:00")
    return out, results


@pytest.fixture(scope="module")
def zeta(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("zeta") / "out"
    write_report(synthetic_results(), out, generated="2026-09-01 08:00")
    return out


def read(out: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(out / name, keep_default_na=False, dtype=str)


def every_text(out: Path) -> dict[str, str]:
    """The text a reader can see in every output file."""
    texts = {}
    for path in sorted(out.rglob("*")):
        if path.suffix in {".csv", ".svg"}:
            raw = path.read_text("utf-8")
            if path.suffix == ".svg":
                raw = " ".join(re.findall(r"<text[^>]*>(.*?)</text>", raw, flags=re.S))
            texts[str(path.relative_to(out))] = html.unescape(raw)
        elif path.suffix == ".html":
            texts[path.name] = html.unescape(path.read_text("utf-8"))
        elif path.suffix == ".xlsx":
            wb = load_workbook(path, read_only=True)
            cells = [
                "" if v is None else str(v)
                for ws in wb.worksheets
                for row in ws.iter_rows(values_only=True)
                for v in row
            ]
            texts[path.name] = "\n".join(cells)
    return texts


def published_cells(summary: pd.DataFrame, column: str) -> tuple[dict, list[Relation], set]:
    """Cells, relations and hidden cells of a published summary, as a reader sees them."""
    rows = summary[summary["metric"] == "resistance"]
    base, hidden = {}, set()
    for r in rows.itertuples():
        key = (r.source, r.period, r.group)
        if r.suppressed == "True":
            hidden.add(key)
            base[key] = 1  # present, value unknown
        else:
            base[key] = int(getattr(r, column))
    sources = sorted({s for s, _, _ in base if s != ALL})
    periods = sorted({p for _, p, _ in base if p != ALL})
    rels = []
    for s in sources:
        for p in periods:
            parts = tuple(k for k in base if k[0] == s and k[1] == p and k[2] != ALL)
            if parts:
                rels.append(Relation((s, p, ALL), parts))
        rels.append(Relation((s, ALL, ALL), tuple((s, p, ALL) for p in periods if (s, p, ALL) in base)))  # fmt: skip
    if (ALL, ALL, ALL) in base:
        for p in periods:
            rels.append(Relation((ALL, p, ALL), tuple((s, p, ALL) for s in sources if (s, p, ALL) in base)))  # fmt: skip
        rels.append(Relation((ALL, ALL, ALL), tuple((s, ALL, ALL) for s in sources)))
        rels.append(Relation((ALL, ALL, ALL), tuple((ALL, p, ALL) for p in periods)))
    return base, rels, hidden


@pytest.mark.parametrize("column", ["respondents", "n"])
def test_bappeda_count_cannot_be_derived_from_the_summary(bappeda, column) -> None:
    out, _ = bappeda
    base, rels, hidden = published_cells(read(out, "summary.csv"), column)
    cell = ("staff", "2026-05", "Bappeda")
    assert cell in hidden
    lo, hi = attack(base, rels, hidden)[cell]
    true = 4 if column == "respondents" else 7
    assert lo <= true <= hi and hi - lo >= 5, (lo, hi)


def test_bappeda_cell_is_blank_in_every_table(bappeda) -> None:
    out, _ = bappeda
    numbers = ["count", "n", "respondents", "share", "ci_low", "ci_high"]
    for name, cols in (
        ("summary.csv", numbers),
        (
            "tables/theme_sentiment.csv",
            ["n", "share_negative", "share_positive", "negative_ci_low"],
        ),
        ("tables/likert.csv", ["n", "mean", "sd", "ci_low", "ci_high", "top2_share", "share_1"]),
    ):
        t = read(out, name)
        cell = t[(t["source"] == "staff") & (t["period"] == "2026-05") & (t["group"] == "Bappeda")]
        assert len(cell) and (cell["suppressed"] == "True").all(), name
        assert (cell[cols] == "").all().all(), name
    changes = read(out, "tables/changes.csv")
    bad = changes[(changes["group"] == "Bappeda") & ((changes["period_before"] == "2026-05") | (changes["period_after"] == "2026-05"))]  # fmt: skip
    assert bad.empty
    attention = read(out, "tables/attention.csv")
    assert not ((attention["group"] == "Bappeda") & (attention["period"] == "2026-05")).any()


def test_bappeda_likert_count_cannot_be_derived(bappeda) -> None:
    out, _ = bappeda
    lk = read(out, "tables/likert.csv")
    item = "likert__saya_memahami_tujuan_penataan_organisasi"
    rows = lk[lk["item"] == item].assign(metric="resistance", respondents=lk["n"])
    base, rels, hidden = published_cells(rows, "respondents")
    lo, hi = attack(base, rels, hidden)[("staff", "2026-05", "Bappeda")]
    assert lo <= 4 <= hi and hi - lo >= 5


def test_bappeda_cell_is_blank_in_the_workbook(bappeda) -> None:
    out, _ = bappeda
    wb = load_workbook(out / "summary.xlsx", read_only=True)
    assert wb.sheetnames == ["summary", "theme_sentiment", "likert", "changes", "attention", "undated", "about"]  # fmt: skip
    ws = wb["summary"]
    header = [c for c in next(ws.iter_rows(values_only=True))]
    seen = 0
    for row in ws.iter_rows(min_row=2, values_only=True):
        rec = dict(zip(header, row, strict=True))
        if (rec["source"], rec["period"], rec["group"]) == ("staff", "2026-05", "Bappeda"):
            seen += 1
            assert rec["suppressed"] is True
            assert all(rec[c] is None for c in ("count", "n", "respondents", "share", "ci_low", "ci_high"))  # fmt: skip
    assert seen > 0


def test_heatmap_marks_every_suppressed_cell_and_only_those(bappeda) -> None:
    out, _ = bappeda
    svg = (out / "charts" / "3_heatmap_resistance.svg").read_text("utf-8")
    texts = [html.unescape(t).strip() for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)]  # fmt: skip
    cells = read(out, "summary.csv")
    cells = cells[(cells["metric"] == "resistance") & ~cells["period"].isin([ALL, "undated"])]
    cells = cells[(cells["group"] != ALL) & (cells["source"] != ALL)]
    assert texts.count("×") == int((cells["suppressed"] == "True").sum())
    shown = cells[cells["suppressed"] == "False"]
    assert sum(1 for t in texts if t.endswith("%")) >= len(shown)


def test_no_verbatim_from_bappeda_wave_two(bappeda) -> None:
    out, results = bappeda
    page = html.unescape((out / "report.html").read_text("utf-8"))
    mine = results[(results["unit"] == "Bappeda") & (results["source_file"] == "staff_survey_wave2_2026-05.csv")]  # fmt: skip
    texts = [t for t in mine["text"] if len(t) >= 30]
    assert texts  # the test is not empty
    others = set(results.loc[~results.index.isin(mine.index), "text"])
    for text in texts:
        if text not in others:
            assert text not in page, text


def test_synthetic_tiny_unit_leaves_no_trace_anywhere(zeta) -> None:
    texts = every_text(zeta)
    assert {"summary.csv", "summary.xlsx", "report.html"} <= set(texts)
    assert any(name.endswith(".svg") for name in texts)
    for name, text in texts.items():
        for needle in ("ZETAWORD", "67%", "0.6667", "66.7"):
            assert needle not in text, (name, needle)
    summary = read(zeta, "summary.csv")
    zeta_march = summary[(summary["group"] == "Zeta") & (summary["period"] == "2026-03")]
    assert (zeta_march["suppressed"] == "True").all()
    base, rels, hidden = published_cells(summary, "respondents")
    assert len(hidden) >= 2  # Zeta and its complement
    lo, hi = attack(base, rels, hidden)[("staff", "2026-03", "Zeta")]
    assert lo <= 3 <= hi and hi - lo >= 5


def test_report_states_how_many_cells_were_suppressed(zeta) -> None:
    page = (zeta / "report.html").read_text("utf-8")
    summary = read(zeta, "summary.csv")
    hidden = summary[summary["metric"] == "resistance"]["suppressed"].eq("True").sum()
    likert = read(zeta, "tables/likert.csv")["suppressed"].eq("True").sum()
    assert f"{hidden + likert} sel tabel disembunyikan" in page
    assert np.isfinite(hidden) and hidden >= 2
