#!/usr/bin/env python3
"""Write the bundled samples' answers with their truth labels as one labelled file.

``truth/labels.csv`` keys each label by ``file,row,question``; this joins it
with the answers as ``asn-sentiment`` reads them (the real ingest, personal
data masked as ``analyze`` does), so that a model can be *checked* on the
samples with ``asn-sentiment evaluate`` or ``train --check``:

    .venv/bin/python surveys/truth_labelled.py build/surveys_truth.csv

Columns: ``text, themes, sentiment, source_file, row, question``. For
evaluation only: never train on it (see README.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from asn_sentiment.ingest import read_comments

HERE = Path(__file__).resolve().parent
FILES = [
    "staff_survey_wave1_2026-02.csv",
    "staff_survey_wave2_2026-05.csv",
    "staff_survey_wave3_2026-08.xlsx",
    "public_comments.csv",
]


def truth_table() -> pd.DataFrame:
    """Every non-empty answer of the samples with its intended themes and sentiment."""
    frame = read_comments([HERE / f for f in FILES]).frame
    labels = pd.read_csv(HERE / "truth" / "labels.csv", dtype=str, keep_default_na=False)
    labels["row"] = labels["row"].astype(int)
    labels = labels.rename(columns={"file": "source_file"})
    merged = frame.merge(
        labels[["source_file", "row", "question", "themes", "sentiment"]],
        on=["source_file", "row", "question"],
        how="inner",
        validate="one_to_one",
    )
    merged = merged[merged["text"].str.strip() != ""]
    return merged[["text", "themes", "sentiment", "source_file", "row", "question"]]


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} OUTPUT.csv")
    out = Path(sys.argv[1])
    out.parent.mkdir(parents=True, exist_ok=True)
    table = truth_table()
    table.to_csv(out, index=False, lineterminator="\n")
    print(f"{out}: {len(table)} labelled answers")


if __name__ == "__main__":
    main()
