"""The shipped theme model's card against issue 6's targets, and the README's figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import asn_sentiment
from asn_sentiment.registry import CARD_JSON, find_model_dir
from asn_sentiment.taxonomy import load_taxonomy

FOLDER = find_model_dir("themes")
README = Path(asn_sentiment.__file__).parent.parent / "README.md"


@pytest.fixture(scope="module")
def card() -> dict:
    return json.loads((FOLDER / CARD_JSON).read_text("utf-8"))


def test_card_measures_the_whole_held_out_split(card) -> None:
    [valid] = card["data"]["valid"]
    assert valid["name"] == "domain_corpus.csv" and valid["where"] == ["split=test"]
    assert card["metrics"]["valid"]["n"] == 1608  # 513 (batch 1) + 1,009 (batch 2) + 86 (batch 3)
    assert card["data"]["train"][0]["where"] == ["split=train"]
    assert card["config"]["name"] == "themes-lr-gate-neg"


def test_every_theme_reaches_the_target_on_the_held_out_split(card) -> None:
    """Issue 6: every theme's F1 >= 0.70 on the held-out split."""
    per = card["metrics"]["valid"]["per_label"]
    assert set(per) == set(load_taxonomy().ids)
    assert min(m["f1"] for m in per.values()) >= 0.70


@pytest.mark.xfail(
    strict=True,
    reason="held-out micro-F1 is about 0.81 (95% CI about 0.79-0.82), as CV on the training "
    "split predicted (0.803); README, 'How the rules and the model combine'",
)
def test_micro_f1_reaches_the_target(card) -> None:
    """Issue 6: micro-F1 >= 0.85 on the held-out split."""
    assert card["metrics"]["valid"]["micro_f1"] >= 0.85


def test_readme_states_the_card_figures(card) -> None:
    """The README's theme-figures block shows the card's figures (``make models`` then edit)."""
    text = README.read_text("utf-8")
    block = text.split("<!-- theme-figures:start -->")[1].split("<!-- theme-figures:end -->")[0]
    metrics = card["metrics"]
    for key in ("valid", "cv", "check:independent_domain", "check:surveys_truth"):
        m = metrics[key]
        lo, hi = m["micro_f1_ci95"]
        assert f"**{m['micro_f1']:.3f}** ({lo:.3f}–{hi:.3f})" in block, key
    for theme, m in metrics["valid"]["per_label"].items():
        lo, hi = m["f1_ci95"]
        assert f"| `{theme}` | {m['f1']:.3f} ({lo:.3f}–{hi:.3f}) |" in block, theme
