"""Bench: how fast ``analyze`` classifies 100,000 comments, with start-up measured apart.

Generates a comments file (default 100,000 rows) by recombining the bundled
sample comments (halves of two comments joined, about one word in ten
elongated, misspelt or numbered, so the vocabulary keeps growing as in real
public comments), then measures on this machine:

- start-up: ``asn-sentiment --version`` in a fresh process, and loading the
  shipped sentiment model in a fresh process (import + load), with its size;
- in one process: reading the file (ingest), classification as ``analyze``
  runs it (:func:`asn_sentiment.classify.classify`: sentiment + themes),
  the sentiment model alone split into preprocessing, features and classifier,
  the theme model and the theme rules alone, and classification with
  ``--sentiment-evidence``;
- the whole ``asn-sentiment analyze`` command in a fresh process (read,
  classify, results.csv, tables, charts, report), minus its start-up.

    .venv/bin/python -m bench.classify            # print the table
    .venv/bin/python -m bench.classify --write    # also update bench/RESULTS.md
    .venv/bin/python -m bench.classify --rows 20000
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.results import update_results

ROOT = Path(__file__).resolve().parent.parent
EXE = Path(sys.executable).parent / "asn-sentiment"


def sample_texts() -> list[str]:
    """Open-text answers and comments of the bundled samples."""
    from asn_sentiment.ingest import read_comments

    files = sorted((ROOT / "surveys").glob("*.csv")) + sorted((ROOT / "surveys").glob("*.xlsx"))
    files = [f for f in files if f.name != "events.csv"]
    frame = read_comments(files).frame
    return [t for t in frame["text"].astype(str) if t.strip()]


def make_comments(rows: int, seed: int = 0) -> list[str]:
    """``rows`` comments recombined from the samples, with a growing vocabulary."""
    rng = random.Random(seed)
    pool = [t.split() for t in sample_texts()]
    out = []
    for i in range(rows):
        a, b = rng.choice(pool), rng.choice(pool)
        words = a[: max(1, len(a) // 2)] + b[len(b) // 2 :]
        for j, w in enumerate(words):
            r = rng.random()
            if r < 0.04 and w.isalpha():
                words[j] = w + w[-1] * rng.randint(1, 3)  # elongation
            elif r < 0.08 and len(w) > 3:
                k = rng.randrange(len(w) - 1)
                words[j] = w[:k] + w[k + 1] + w[k] + w[k + 2 :]  # typo
            elif r < 0.10:
                words[j] = f"{w}{rng.randint(2, 999)}"
        out.append(" ".join(words) + ("" if i % 7 else f" #{i}"))
    return out


def write_file(path: Path, texts: list[str]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Tanggal", "Unit Kerja", "Komentar"])
        for i, text in enumerate(texts):
            writer.writerow([f"2026-{i % 12 + 1:02d}-{i % 28 + 1:02d}", f"Unit {i % 20:02d}", text])
    return path


IMPORTS = (
    "import skops.io, sklearn.pipeline, sklearn.linear_model, asn_sentiment.preprocess, "
    "asn_sentiment.features, asn_sentiment.registry"
)
LOAD = (
    IMPORTS
    + "\nimport time\nfrom asn_sentiment.registry import load_model\nt = time.perf_counter()\n"
    "load_model('{name}')\nprint(time.perf_counter() - t)"
)


def _load_seconds(name: str = "sentiment") -> float:
    """Seconds to load a shipped model in a fresh process, after its imports."""
    done = subprocess.run(
        [sys.executable, "-c", LOAD.format(name=name)], check=True, capture_output=True, text=True
    )
    return float(done.stdout.strip().splitlines()[-1])


def _seconds(cmd: list[str], repeat: int = 3) -> float:
    """Best wall time of a command in a fresh process."""
    best = float("inf")
    env = {**os.environ, "ASN_SENTIMENT_LANG": "en"}
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        best = min(best, time.perf_counter() - start)
    return best


def measure(rows: int, seed: int = 0) -> dict[str, float]:
    import numpy as np

    from asn_sentiment.classify import classify, load_classifier, load_theme_model
    from asn_sentiment.explain import evidence
    from asn_sentiment.ingest import read_comments
    from asn_sentiment.registry import MODEL_FILE, find_model_dir

    out: dict[str, float] = {"rows": rows}
    out["startup_cli"] = _seconds([str(EXE), "--version"])
    out["imports"] = _seconds([sys.executable, "-c", IMPORTS])
    out["load_model"] = min(_load_seconds() for _ in range(3))
    out["model_mb"] = (find_model_dir("sentiment") / MODEL_FILE).stat().st_size / 1e6
    out["load_theme_model"] = min(_load_seconds("themes") for _ in range(3))
    out["theme_model_mb"] = (find_model_dir("themes") / MODEL_FILE).stat().st_size / 1e6
    texts = make_comments(rows, seed)
    with tempfile.TemporaryDirectory(prefix="asn-bench-") as tmp:
        path = write_file(Path(tmp) / "komentar.csv", texts)
        start = time.perf_counter()
        frame = read_comments([path]).frame
        out["read"] = time.perf_counter() - start
        classifier = load_classifier()
        model = classifier.sentiment
        # the sentiment model alone, stage by stage: first cold (empty caches), then warm
        prep, feats, clf = (step for _, step in model.estimator.steps)
        batches = [texts[i : i + 2000] for i in range(0, rows, 2000)]
        best = []
        for run in ("cold", "warm"):
            timings = {"preprocess": 0.0, "features": 0.0, "classifier": 0.0}
            best = []
            for batch in batches:
                t0 = time.perf_counter()
                cleaned = prep.transform(batch)
                t1 = time.perf_counter()
                x = feats.transform(cleaned)
                t2 = time.perf_counter()
                best.append(clf.predict_proba(x).argmax(axis=1))
                t3 = time.perf_counter()
                timings["preprocess"] += t1 - t0
                timings["features"] += t2 - t1
                timings["classifier"] += t3 - t2
            out.update({f"{run}_{k}": v for k, v in timings.items()})
        start = time.perf_counter()
        for batch in batches:
            classifier.themes.predict(batch)
        out["themes"] = time.perf_counter() - start
        rules = load_theme_model("rules")
        start = time.perf_counter()
        for batch in batches:
            rules.predict(batch)
        out["rules"] = time.perf_counter() - start
        start = time.perf_counter()
        classify(frame, classifier)
        out["classify"] = time.perf_counter() - start
        start = time.perf_counter()
        for batch, b in zip(batches[:10], best[:10], strict=True):
            evidence(model, batch, np.asarray(b))
        out["evidence_rows"] = sum(len(b) for b in batches[:10])
        out["evidence"] = time.perf_counter() - start
        outdir = Path(tmp) / "out"
        out["analyze"] = _seconds(
            [str(EXE), "-q", "analyze", str(path), "-o", str(outdir), "--overwrite"], 1
        )
    return out


def markdown(r: dict[str, float]) -> str:
    n = int(r["rows"])
    cold = r["cold_preprocess"] + r["cold_features"] + r["cold_classifier"]
    warm = r["warm_preprocess"] + r["warm_features"] + r["warm_classifier"]
    analyze = r["analyze"] - r["startup_cli"]

    def row(what: str, seconds: float, rows: int = n) -> str:
        return f"| {what} | {seconds:.2f} s | {rows / seconds:,.0f} |"

    cpu = platform.processor() or platform.machine()
    return "\n".join(
        [
            "## Classify",
            "",
            f"`python -m bench.classify --write`: {n:,} comments recombined from the bundled samples "
            "(about one word in ten elongated, misspelt or numbered, so new words keep arriving), "
            "classified with the shipped sentiment model and the shipped theme model.",
            "",
            "| stage | time | comments/s |",
            "|---|---|---|",
            row("**sentiment model, first pass (cold caches)**", cold),
            row("&nbsp;&nbsp;preprocessing", r["cold_preprocess"]),
            row("&nbsp;&nbsp;features (word + char n-gram TF-IDF)", r["cold_features"]),
            row("&nbsp;&nbsp;classifier (logistic regression)", r["cold_classifier"]),
            row("sentiment model, second pass (warm caches)", warm),
            row("theme model alone (`models/themes`, with `theme_evidence`)", r["themes"]),
            row("theme rules alone (`--theme-model rules`)", r["rules"]),
            row(
                "**classification in `analyze`** (`classify()`: sentiment + themes)", r["classify"]
            ),
            row(
                "sentiment evidence (`--sentiment-evidence`, extra)",
                r["evidence"],
                int(r["evidence_rows"]),
            ),
            row("reading the CSV (ingest)", r["read"]),
            row(
                "whole `asn-sentiment analyze` (read, classify, report; start-up excluded)", analyze
            ),
            "",
            "| start-up | time |",
            "|---|---|",
            f"| `asn-sentiment --version` (interpreter + CLI) | {r['startup_cli']:.2f} s |",
            f"| importing scikit-learn, skops and the preprocessing (fresh process) | {r['imports']:.2f} s |",
            f"| loading the shipped model ({r['model_mb']:.1f} MB `model.skops`, after those imports) | {r['load_model']:.2f} s |",
            f"| loading the shipped theme model ({r['theme_model_mb']:.1f} MB `models/themes/model.skops`) | {r['load_theme_model']:.2f} s |",
            "",
            f"Machine: {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}. "
            "Requirement: `analyze` classifies at least 5,000 comments per second; each model is "
            "under 25 MB and loads in under a second.",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args()
    text = markdown(measure(args.rows))
    print(text)
    if args.write:
        update_results("classify", text)


if __name__ == "__main__":
    main()
