"""Bench: how long ``asn-sentiment report`` takes on a large results file.

Generates a synthetic ``results.csv`` (default 100,000 rows: 30% staff
answers from two open questions with five Likert items, 70% public
comments; 20 units; twelve months; themes and sentiment drifting over time;
1% undated), then times :func:`asn_sentiment.report.report` on it, which
reads the file back, builds and protects every table, draws the six charts
(PNG + SVG) and writes the XLSX and HTML.  Also records peak memory.

    .venv/bin/python -m bench.report                 # print the measurement
    .venv/bin/python -m bench.report --write         # also update bench/RESULTS.md
    .venv/bin/python -m bench.report --rows 20000 --period week
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from asn_sentiment.outputs import write_csv
from asn_sentiment.report import report
from asn_sentiment.taxonomy import load_taxonomy

RESULTS_MD = Path(__file__).resolve().parent / "RESULTS.md"
START, END = "<!-- report:start -->", "<!-- report:end -->"
LIKERT = [
    "likert__saya_memahami_tujuan_penataan_organisasi",
    "likert__sosialisasi_yang_dilakukan_sudah_cukup_j",
    "likert__saya_yakin_penataan_ini_tidak_merugikan",
    "likert__aplikasi_e_kinerja_e_office_mudah_diguna",
    "likert__saya_mendukung_penataan_organisasi_di_un",
]


def make_results(rows: int = 100_000, seed: int = 0, units: int = 20) -> pd.DataFrame:
    """A synthetic results table with the columns of ``results.csv``."""
    rng = np.random.default_rng(seed)
    tax = load_taxonomy()
    res_ids, sup_ids = tax.ids_of_kind("resistance"), tax.ids_of_kind("support")
    unit_names = [f"Unit {i:02d}" for i in range(units)]
    unit_weights = rng.dirichlet(np.full(units, 2.0))
    staff_rows = int(rows * 0.3) // 2 * 2
    public_rows = rows - staff_rows
    respondents = staff_rows // 2
    # staff: one respondent, two questions, same unit/date/Likert
    s_unit = rng.choice(units, size=respondents, p=unit_weights)
    s_month = rng.integers(1, 13, size=respondents)
    s_day = rng.integers(1, 29, size=respondents)
    p_unit = rng.choice(units + 1, size=public_rows, p=np.r_[unit_weights * 0.9, 0.1])
    p_month = rng.integers(1, 13, size=public_rows)
    p_day = rng.integers(1, 29, size=public_rows)
    month = np.r_[np.repeat(s_month, 2), p_month]
    day = np.r_[np.repeat(s_day, 2), p_day]
    unit_idx = np.r_[np.repeat(s_unit, 2), p_unit]
    n = len(month)
    progress = (month - 1) / 11  # socialisation works over the year
    resist_p = 0.6 - 0.3 * progress
    support_p = 0.2 + 0.4 * progress
    has_res = rng.random(n) < resist_p
    has_sup = rng.random(n) < support_p
    themes = []
    for r, s in zip(has_res, has_sup, strict=True):
        picked = []
        if r:
            picked.append(res_ids[rng.integers(len(res_ids))])
        if s:
            picked.append(sup_ids[rng.integers(len(sup_ids))])
        themes.append(";".join(picked))
    sentiment = np.where(
        has_res & ~has_sup, "negative", np.where(has_sup & ~has_res, "positive", "neutral")
    )
    flip = rng.random(n) < 0.15
    sentiment = np.where(flip, rng.choice(["negative", "neutral", "positive"], size=n), sentiment)
    dates = np.array([f"2026-{m:02d}-{d:02d}" for m, d in zip(month, day, strict=True)])
    dates[rng.random(n) < 0.01] = ""
    source = np.r_[np.full(staff_rows, "staff"), np.full(public_rows, "public")]
    file_names = np.r_[np.full(staff_rows, "survei.csv"), np.full(public_rows, "komentar.csv")]
    row_ids = np.r_[np.repeat(np.arange(1, respondents + 1), 2), np.arange(1, public_rows + 1)]
    question = np.r_[np.tile(["Kendala", "Saran"], respondents), np.full(public_rows, "komentar")]
    texts = [
        f"Komentar sintetis nomor {i} tentang penataan organisasi di unit {u}"
        for i, u in enumerate(unit_idx)
    ]
    frame = pd.DataFrame(
        {
            "source_file": file_names,
            "row": row_ids,
            "source": source,
            "wave": "",
            "question": question,
            "date": dates,
            "unit": [unit_names[u] if u < units else "" for u in unit_idx],
            "position": "",
            "text": texts,
            "text_hash": [f"{i:016x}" for i in range(n)],
            "sentiment": sentiment,
            "sentiment_confidence": np.round(rng.uniform(0.4, 1.0, size=n), 4),
            "themes": themes,
            "theme_evidence": "",
            "resistance": has_res.astype(int),
            "support": has_sup.astype(int),
            "model_version": "sentiment@bench",
            "theme_model_version": "rules:bench",
        }
    )
    for item in LIKERT:
        base = rng.integers(1, 6, size=respondents)
        shift = (s_month >= 7).astype(int)
        score = np.clip(base + shift, 1, 5).astype(float)
        score[rng.random(respondents) < 0.02] = np.nan
        col = np.r_[np.repeat(score, 2), np.full(public_rows, np.nan)]
        frame[item] = pd.array(col, dtype="Float64").astype("Int64")
    return frame


def measure(rows: int, period: str, seed: int = 0) -> dict[str, object]:
    """Write the synthetic results, time the report on them, return the figures."""
    with tempfile.TemporaryDirectory(prefix="asn-bench-") as tmp:
        path = Path(tmp) / "results.csv"
        write_csv(make_results(rows, seed), path)
        size = path.stat().st_size
        start = time.perf_counter()
        done = report([path], Path(tmp) / "out", period=period, generated="bench")
        seconds = time.perf_counter() - start
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        files = len(done.files)
        suppressed = done.trends.suppressed_cells + done.trends.likert_suppressed_cells
        summary_rows = len(done.trends.summary)
    return {
        "rows": rows,
        "period": period,
        "csv_mb": size / 1e6,
        "seconds": seconds,
        "peak_mb": peak_mb,
        "files": files,
        "summary_rows": summary_rows,
        "suppressed": suppressed,
    }


def markdown(result: dict[str, object]) -> str:
    cpu = platform.processor() or platform.machine()
    return "\n".join(
        [
            START,
            "## Report",
            "",
            "`python -m bench.report --write` (synthetic results: 30% staff answers with five Likert",
            "items, 70% public comments, 20 units, 12 months, 1% undated; `report()` reads the CSV,",
            "builds and protects every table, draws six charts as PNG + SVG, writes XLSX and HTML).",
            "",
            "| rows | period | results.csv | time | peak memory | summary rows | cells suppressed |",
            "|---|---|---|---|---|---|---|",
            f"| {result['rows']:,} | {result['period']} | {result['csv_mb']:.1f} MB | "
            f"{result['seconds']:.1f} s | {result['peak_mb']:.0f} MB | {result['summary_rows']:,} | "
            f"{result['suppressed']} |",
            "",
            f"Machine: {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}. "
            "Requirement: 100,000 rows in under 30 s.",
            END,
        ]
    )


def write_section(text: str) -> None:
    """Replace (or append) the report section of bench/RESULTS.md."""
    current = RESULTS_MD.read_text("utf-8") if RESULTS_MD.is_file() else "# Bench results\n"
    if START in current and END in current:
        head, rest = current.split(START, 1)
        _, tail = rest.split(END, 1)
        new = head + text + tail
    else:
        new = current.rstrip("\n") + "\n\n" + text + "\n"
    RESULTS_MD.write_text(new, "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--period", default="month", choices=["week", "month", "quarter", "wave"])
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args()
    result = measure(args.rows, args.period)
    text = markdown(result)
    print(text)
    if args.write:
        write_section(text)


if __name__ == "__main__":
    main()
