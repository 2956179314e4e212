"""Figures of ``asn-sentiment evaluate``: confusion matrix and reliability diagram.

They follow the house style of :mod:`asn_sentiment.charts` (colours, fonts,
deterministic PNG) and draw only from the tables :mod:`asn_sentiment.evaluate`
computed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from asn_sentiment.charts import COLORS, OKABE_ITO, PNG_META, STYLE  # noqa: E402
from asn_sentiment.i18n import t  # noqa: E402


def _save(fig: plt.Figure, path: Path) -> Path:
    fig.savefig(path, format="png", metadata=PNG_META)
    plt.close(fig)
    return path


def confusion_chart(
    table: pd.DataFrame, multilabel: bool, folder: Path, lang: str, model: str
) -> Path:
    """``confusion.png``: counts with the share of each true label's row, or per-label TP/FP/FN."""
    with plt.rc_context(STYLE):
        if multilabel:
            return _multilabel_confusion(table, folder, lang, model)
        labels_true = table["true_label"].tolist()
        labels_pred = [c for c in table.columns if c != "true_label"]
        counts = table[labels_pred].to_numpy(dtype=float)
        totals = counts.sum(axis=1, keepdims=True)
        share = np.divide(counts, totals, out=np.zeros_like(counts), where=totals > 0)
        size = max(4.5, 1.1 * len(labels_pred) + 2.5)
        fig, ax = plt.subplots(figsize=(size, max(4.0, 0.9 * len(labels_true) + 2.2)))
        ax.imshow(share, cmap="Blues", vmin=0, vmax=1, aspect="auto")
        ax.grid(False)
        for i in range(counts.shape[0]):
            for j in range(counts.shape[1]):
                dark = share[i, j] > 0.55
                ax.text(
                    j,
                    i,
                    f"{int(counts[i, j])}\n{share[i, j] * 100:.0f}%",
                    ha="center",
                    va="center",
                    fontsize=10,
                    color="white" if dark else COLORS["text"],
                )
        ax.set_xticks(range(len(labels_pred)), labels_pred, rotation=30, ha="right")
        ax.set_yticks(range(len(labels_true)), labels_true)
        ax.set_xlabel(t("chart.eval.predicted", lang))
        ax.set_ylabel(t("chart.eval.true", lang))
        ax.set_title(t("chart.eval.confusion_title", lang, model=model))
        fig.tight_layout()
        return _save(fig, folder / "confusion.png")


def _multilabel_confusion(table: pd.DataFrame, folder: Path, lang: str, model: str) -> Path:
    labels = table["label"].tolist()
    fig, ax = plt.subplots(figsize=(7.5, max(3.5, 0.45 * len(labels) + 1.8)))
    y = np.arange(len(labels))
    left = np.zeros(len(labels))
    colours = {"tp": OKABE_ITO["green"], "fp": OKABE_ITO["orange"], "fn": OKABE_ITO["vermillion"]}
    for key, colour in colours.items():
        values = table[key].to_numpy(dtype=float)
        ax.barh(y, values, left=left, color=colour, label=t(f"chart.eval.{key}", lang))
        left += values
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlabel(t("chart.eval.texts", lang))
    ax.set_title(t("chart.eval.confusion_title", lang, model=model))
    ax.legend(loc="lower right")
    fig.tight_layout()
    return _save(fig, folder / "confusion.png")


def reliability_chart(cal: dict[str, Any], folder: Path, lang: str, model: str) -> Path:
    """``reliability.png``: accuracy per confidence bin against the diagonal, with counts."""
    rows = pd.DataFrame(cal["reliability"])
    with plt.rc_context(STYLE):
        fig, (ax, hist) = plt.subplots(2, 1, figsize=(6.5, 6.5), height_ratios=[3, 1], sharex=True)
        centres = (rows["bin_low"] + rows["bin_high"]) / 2
        width = float(rows["bin_high"].iloc[0] - rows["bin_low"].iloc[0])
        filled = rows["count"] > 0
        ax.plot(
            [0, 1],
            [0, 1],
            ls="--",
            color=COLORS["muted"],
            lw=1,
            label=t("chart.eval.perfect", lang),
        )
        ax.bar(
            centres[filled],
            rows.loc[filled, "accuracy"].astype(float),
            width=width * 0.9,
            color=OKABE_ITO["blue"],
            alpha=0.8,
            label=t("chart.eval.observed", lang),
        )
        ax.plot(
            rows.loc[filled, "mean_confidence"].astype(float),
            rows.loc[filled, "accuracy"].astype(float),
            "o",
            color=OKABE_ITO["orange"],
            ms=4,
            label=t("chart.eval.mean_confidence", lang),
        )
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_ylabel(t("chart.eval.accuracy", lang))
        ax.set_title(
            t("chart.eval.reliability_title", lang, model=model, ece=cal["ece"], brier=cal["brier"])
        )
        ax.legend(loc="upper left")
        hist.bar(centres, rows["count"], width=width * 0.9, color=COLORS["muted"])
        hist.set_xlabel(t("chart.eval.confidence", lang))
        hist.set_ylabel(t("chart.eval.texts", lang))
        fig.tight_layout()
        return _save(fig, folder / "reliability.png")
