"""Bench: how long ``asn-sentiment sample`` takes on a large results file.

Writes a synthetic ``results.csv`` (:func:`bench.report.make_results`,
default 100,000 rows), then times :func:`asn_sentiment.sampling.sample` with
each strategy (read the results back, deduplicate, pick 200, write the
labelling workbook) and records peak memory.

    .venv/bin/python -m bench.sample              # print the measurements
    .venv/bin/python -m bench.sample --write      # also update bench/RESULTS.md
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import tempfile
import time
from pathlib import Path

from asn_sentiment.outputs import write_csv
from asn_sentiment.sampling import STRATEGIES, sample
from bench.report import make_results
from bench.results import update_results


def run(rows: int, n: int) -> list[tuple[str, float, int, int]]:
    """(strategy, seconds, picked, distinct comments) for each strategy."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        path = write_csv(make_results(rows), Path(tmp) / "results.csv")
        for strategy in STRATEGIES:
            start = time.perf_counter()
            done = sample([path], Path(tmp) / f"{strategy}.xlsx", n=n, strategy=strategy)
            out.append((strategy, time.perf_counter() - start, len(done.picked), done.available))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args()
    timings = run(args.rows, args.n)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = [
        "## Sampling comments to label (`asn-sentiment sample`)",
        "",
        f"`python -m bench.sample --rows {args.rows}`: a synthetic results.csv of {args.rows:,} "
        f"rows, {args.n} comments picked into a labelling workbook, on {os.cpu_count()} cores "
        f"({platform.python_version()}).",
        "",
        "| strategy | seconds (read, pick, write) | picked | distinct comments |",
        "|---|---|---|---|",
        *[f"| `{s}` | {sec:.1f} | {k} | {avail:,} |" for s, sec, k, avail in timings],
        "",
        f"Peak memory of the whole run: {peak:.0f} MB.",
    ]
    text = "\n".join(lines)
    print(text)
    if args.write:
        update_results("sample", text)


if __name__ == "__main__":
    main()
