"""A small synthetic five-emotion dataset (labels the project has never seen).

Short Indonesian sentences built from templates: each emotion has its own
cue words, shared subjects and filler, so a linear model can learn it and a
few texts stay ambiguous.  Deterministic for a seed.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

EMOTIONS = {
    "marah": ["kesal", "jengkel", "geram", "muak", "benci"],
    "sedih": ["sedih", "kecewa berat", "menangis", "pilu", "patah hati"],
    "senang": ["senang", "gembira", "bahagia", "puas sekali", "bersyukur"],
    "takut": ["takut", "cemas", "khawatir", "ngeri", "was-was"],
    "netral": ["mencatat", "membaca", "melihat", "menerima", "mengetahui"],
}
SUBJECTS = ["saya", "kami", "pegawai", "warga", "staf kantor", "ibu itu", "tim kami"]
OBJECTS = [
    "soal mutasi",
    "dengan aplikasi baru",
    "tentang pengumuman",
    "karena rapat tadi",
    "atas keputusan itu",
    "dengan perubahan jadwal",
]
TAILS = ["", "hari ini", "sejak kemarin", "minggu ini", "lagi"]


def emotion_rows(n_per_label: int = 30, seed: int = 0) -> list[tuple[str, str]]:
    """``(text, label)`` pairs, ``n_per_label`` for each of the five emotions."""
    rng = random.Random(seed)
    rows = []
    for label, cues in EMOTIONS.items():
        for _ in range(n_per_label):
            text = " ".join(
                w
                for w in (
                    rng.choice(SUBJECTS),
                    rng.choice(["sangat", "agak", "", "benar-benar"]),
                    rng.choice(cues),
                    rng.choice(OBJECTS),
                    rng.choice(TAILS),
                )
                if w
            )
            rows.append((text, label))
    rng.shuffle(rows)
    return rows


def write_emotions(path: Path, n_per_label: int = 30, seed: int = 0) -> Path:
    """Write the dataset as CSV with the headers ``teks,emosi``."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["teks", "emosi"])
        writer.writerows(emotion_rows(n_per_label, seed))
    return path
