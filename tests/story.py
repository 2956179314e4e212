"""Results tables for the report tests, independent of today's classifier.

:func:`truth_results` reads the bundled sample files with the real ingest and
takes sentiment and themes from ``surveys/truth/labels.csv`` (keyed by
``file,row,question``), so the report can be checked against the story that
``surveys/README.md`` documents, whatever the shipped models detect.
:func:`synthetic_results` builds a small results table with one tiny unit.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from asn_sentiment.ingest import read_comments
from asn_sentiment.taxonomy import load_taxonomy

from .conftest import SURVEYS

SAMPLE_FILES = [
    SURVEYS / "staff_survey_wave1_2026-02.csv",
    SURVEYS / "staff_survey_wave2_2026-05.csv",
    SURVEYS / "staff_survey_wave3_2026-08.xlsx",
    SURVEYS / "public_comments.csv",
]
EVENTS = SURVEYS / "events.csv"


def _flags(themes: pd.Series) -> tuple[list[int], list[int]]:
    tax = load_taxonomy()
    res, sup = set(tax.ids_of_kind("resistance")), set(tax.ids_of_kind("support"))
    split = themes.fillna("").str.split(";")
    return [int(bool(set(t) & res)) for t in split], [int(bool(set(t) & sup)) for t in split]


@functools.lru_cache(maxsize=1)
def _truth_results() -> pd.DataFrame:
    frame = read_comments(SAMPLE_FILES).frame
    labels = pd.read_csv(SURVEYS / "truth" / "labels.csv", dtype=str, keep_default_na=False)
    labels["row"] = labels["row"].astype(int)
    labels = labels.rename(columns={"file": "source_file"})
    labels = labels[["source_file", "row", "question", "themes", "sentiment"]]
    merged = frame.merge(
        labels, on=["source_file", "row", "question"], how="left", validate="one_to_one"
    )
    answered = merged["text"].str.strip() != ""
    assert merged.loc[answered, "sentiment"].notna().all(), "an answer has no truth label"
    merged[["themes", "sentiment"]] = merged[["themes", "sentiment"]].fillna("")
    merged.loc[~answered, ["themes", "sentiment"]] = ""
    merged["resistance"], merged["support"] = _flags(merged["themes"])
    merged["sentiment_confidence"] = np.where(answered, 1.0, np.nan)
    merged["theme_evidence"] = ""
    merged["model_version"] = "truth-labels"
    merged["theme_model_version"] = "truth-labels"
    return merged


def truth_results() -> pd.DataFrame:
    """The bundled samples, ingested for real, labelled with the truth labels."""
    return _truth_results().copy()


def synthetic_results(tiny: int = 3, marker: str = "ZETAWORD") -> pd.DataFrame:
    """Staff answers in four units over two months; unit ``Zeta`` has ``tiny``
    respondents in 2026-03, all negative, all saying ``marker``.

    Sizes are chosen so that the tiny cell's share (2/3) appears nowhere else.
    """
    rows = []
    sizes = {"Alfa": (20, 24), "Beta": (30, 28), "Gama": (16, 18), "Zeta": (10, tiny)}
    for unit, (feb, mar) in sizes.items():
        for month, count in (("2026-02", feb), ("2026-03", mar)):
            for i in range(count):
                if unit == "Zeta" and month == "2026-03":
                    text = f"{marker} belum ada sosialisasi sama sekali di unit kami {i}"
                    themes = "kurang_sosialisasi" if i < 2 else ""
                    sentiment = "negative"
                else:
                    negative = i % 4 == 0
                    text = f"Komentar nomor {i} tentang penataan di {unit} pada {month}"
                    themes = "kurang_sosialisasi" if negative else "dukungan_perubahan"
                    sentiment = "negative" if negative else "positive"
                rows.append(
                    {
                        "source_file": f"survey_{month}.csv",
                        "row": len(rows) + 1,
                        "source": "staff",
                        "wave": "",
                        "question": "Saran",
                        "date": f"{month}-{10 + i % 15:02d}",
                        "unit": unit,
                        "position": "",
                        "text": text,
                        "text_hash": f"{len(rows):016x}",
                        "sentiment": sentiment,
                        "sentiment_confidence": 0.9,
                        "themes": themes,
                        "theme_evidence": "",
                        "model_version": "synthetic",
                        "theme_model_version": "synthetic",
                        "likert__puas": 1 + (i % 5),
                    }
                )
    frame = pd.DataFrame(rows)
    frame["resistance"], frame["support"] = _flags(frame["themes"])
    frame["likert__puas"] = frame["likert__puas"].astype("Int64")
    return frame
