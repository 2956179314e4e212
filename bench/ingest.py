"""Bench: ingesting large survey files into the store with bounded memory.

``python -m bench.ingest [--rows 1000000 ...] [--write]`` writes synthetic
Google-Forms-like survey files (day-first timestamps, Likert words, two open
questions, a name column, some personal data in the answers), then measures in
fresh subprocesses:

- ``asn-sentiment ingest FILE --db DB``: wall time, rows/s and peak RSS;
- ingesting the same file again (it is recognised by its hash and skipped);
- ``asn-sentiment db export --db DB -o FILE.csv``: wall time and peak RSS;
- for comparison, reading the whole file into memory (what ``analyze FILE``
  does without ``--db``): peak RSS.

With ``--write`` the table replaces the "Ingest" section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "RESULTS.md"
START, END = "<!-- bench-ingest:start -->", "<!-- bench-ingest:end -->"

UNITS = [
    "Sekretariat Daerah", "BKPSDM", "Bappeda", "Dinas Pendidikan", "Dinas Kesehatan",
    "Dinas PUPR", "Disdukcapil", "Kecamatan Muara Bulian",
]  # fmt: skip
LIKERT = ["Sangat Tidak Setuju", "Tidak Setuju", "Netral", "Setuju", "Sangat Setuju", ""]
OPENERS = [
    "Aplikasi e-kinerja", "Sosialisasi penataan", "Bimtek untuk staf", "Server kantor",
    "Penyetaraan jabatan", "Pembagian tugas baru", "Forum musyawarah", "Pelayanan loket",
]  # fmt: skip
MIDDLES = [
    "masih sering error", "belum sampai ke pelaksana", "sangat membantu pekerjaan",
    "membuat beban kerja bertambah", "belum jelas tujuannya", "sudah lebih transparan",
    "tidak merata di semua bidang", "perlu diperbaiki segera",
]  # fmt: skip
CLOSERS = [
    "",
    "terima kasih.",
    "mohon ditindaklanjuti.",
    "semoga lebih baik.",
    "hubungi 0812-0000-1234.",
]
NAMES = ["", "", "", "Anonim", "Budi Santoso", "Siti Rahma", "-", "Dewi Lestari"]


def write_survey(path: Path, rows: int, seed: int = 0) -> Path:
    """A synthetic staff-survey CSV of ``rows`` respondents (deterministic)."""
    rng = random.Random(seed)
    header = [
        "Cap waktu", "Nama (opsional)", "Unit Kerja", "Kelompok Jabatan",
        "Saya memahami tujuan penataan organisasi ASN", "Sosialisasi yang dilakukan sudah cukup jelas",
        "Apa kendala utama yang Anda rasakan dalam penataan organisasi ini?", "Saran dan masukan Anda",
    ]  # fmt: skip
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\n")
        w.writerow(header)
        for i in range(rows):
            day = 13 + (i * 17) % 16  # 13..28: day-first order is visible in every chunk
            month = 1 + (i // 1000) % 12
            stamp = f"{day:02d}/{month:02d}/2026 {8 + i % 9:02d}:{i % 60:02d}:{(i * 7) % 60:02d}"

            def answer() -> str:
                return " ".join(
                    x for x in (rng.choice(OPENERS), rng.choice(MIDDLES), rng.choice(CLOSERS)) if x
                )

            w.writerow(
                [
                    stamp,
                    rng.choice(NAMES),
                    rng.choice(UNITS),
                    rng.choice(["Struktural", "Fungsional", "Pelaksana"]),
                    rng.choice(LIKERT),
                    rng.choice(LIKERT),
                    answer(),
                    answer() if rng.random() < 0.75 else "",
                ]
            )
    return path


_WRAP = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "dt = time.perf_counter() - t\n"
    "print(rc, dt, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def measure(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of ``cmd`` run in a fresh process."""
    out = subprocess.run(
        [sys.executable, "-c", _WRAP, *cmd], capture_output=True, text=True, env=env, check=True
    ).stdout.split()
    if out[0] != "0":
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return float(out[1]), int(out[2]) / 1024


def run(sizes: list[int]) -> list[dict[str, object]]:
    exe = shutil.which("asn-sentiment", path=str(Path(sys.executable).parent)) or "asn-sentiment"
    tmp = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    env = {**os.environ, "ASN_SENTIMENT_KEY_FILE": str(tmp / "key")}
    rows_out = []
    try:
        for n in sizes:
            src = write_survey(tmp / f"survey_{n}.csv", n)
            db = tmp / f"store_{n}.db"
            secs, rss = measure([exe, "--quiet", "ingest", str(src), "--db", str(db)], env)
            again, _ = measure([exe, "--quiet", "ingest", str(src), "--db", str(db)], env)
            out = tmp / f"export_{n}.csv"
            exp_secs, exp_rss = measure(
                [exe, "--quiet", "db", "export", "--db", str(db), "-o", str(out)], env
            )
            read_cmd = [
                sys.executable, "-c",
                f"from asn_sentiment.ingest import read_comments; read_comments([{str(src)!r}])",
            ]  # fmt: skip
            mem_secs, mem_rss = measure(read_cmd, env)
            row = {
                "rows": n,
                "file_mb": src.stat().st_size / 1e6,
                "ingest_s": secs,
                "rows_per_s": n / secs,
                "ingest_rss_mb": rss,
                "again_s": again,
                "db_mb": db.stat().st_size / 1e6,
                "export_s": exp_secs,
                "export_rss_mb": exp_rss,
                "in_memory_rss_mb": mem_rss,
            }
            rows_out.append(row)
            print(row, flush=True)
            for p in (src, out):
                p.unlink()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return rows_out


def table(rows: list[dict[str, object]]) -> str:
    head = (
        "| respondent rows | CSV | `ingest --db` | rows/s | peak RSS | again (skipped) | store size "
        "| `db export` CSV | its peak RSS | whole file in memory (`read_comments`) |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    )
    body = ""
    for r in rows:
        mem = r["in_memory_rss_mb"]
        mem_s = "not run" if mem != mem else f"{mem:.0f} MB"  # NaN check
        body += (
            f"| {r['rows']:,} | {r['file_mb']:.0f} MB | {r['ingest_s']:.0f} s | {r['rows_per_s']:,.0f} "
            f"| {r['ingest_rss_mb']:.0f} MB | {r['again_s']:.1f} s | {r['db_mb']:.0f} MB "
            f"| {r['export_s']:.0f} s | {r['export_rss_mb']:.0f} MB | {mem_s} |\n"
        )
    return head + body


def write_results(rows: list[dict[str, object]]) -> None:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    section = (
        f"{START}\n## Ingest\n\n"
        "`python -m bench.ingest --write` on synthetic staff-survey CSVs (8 columns: timestamp, "
        "name, unit, position, two Likert items, two open questions; about a quarter of the "
        "second answers empty; some phone numbers to mask). Each command runs in a fresh "
        "process; peak RSS is the process's maximum resident memory. Every respondent row "
        f"gives two comments. Machine: {machine}.\n\n"
        + table(rows)
        + "\nMemory of `ingest --db` stays flat as the file grows (it reads 10,000 rows at a "
        "time, checks the whole date column first, and writes each file in one transaction "
        "that SQLite spills to its WAL file); reading a whole file into memory, as `analyze "
        "FILE` without `--db` does, grows with the file. For large inputs use `ingest --db` "
        "then `analyze --db`. The store is about six times the CSV because it keeps, besides "
        "the canonical columns and each answer, every original column (masked) of every row "
        "as JSON, and SQLite's indexes for the once-only keys. Times depend on the disk: each "
        "file is committed with a full sync, and the WAL is checkpointed into the store "
        "afterwards.\n"
        f"{END}\n"
    )
    text = RESULTS.read_text("utf-8") if RESULTS.exists() else "# Bench results\n"
    if START in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END) + "\n?", section, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text, "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args()
    rows = run(args.rows)
    print(table(rows))
    if args.write:
        write_results(rows)


if __name__ == "__main__":
    main()
