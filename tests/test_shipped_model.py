"""The shipped sentiment model: its card, its size, its behaviour on telling sentences.

The card's figures come from ``make models``: SmSA train (domain ``general``) +
the domain corpus's training split (domain ``asn``), EasyAdapt.  The slow test
re-measures them on SmSA valid (scored as ``general``) and on the corpus's
test split (scored as ``asn``, the model's own domain, as ``analyze`` does);
it is skipped when ../shared is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import asn_sentiment
from asn_sentiment.registry import CARD_JSON, MODEL_FILE, file_sha256, find_model_dir, load_model

FOLDER = find_model_dir("sentiment")


@pytest.fixture(scope="module")
def card() -> dict:
    return json.loads((FOLDER / CARD_JSON).read_text("utf-8"))


@pytest.fixture(scope="module")
def model():
    return load_model("sentiment")


def test_card_states_figures_with_intervals(card) -> None:
    assert card["task"] == "sentiment" and card["labels"] == ["negative", "neutral", "positive"]
    assert card["fitted_on"] == "train"
    assert [f["name"] for f in card["data"]["train"]] == ["train.tsv", "domain_corpus.csv"]
    assert card["data"]["train"][1]["where"] == ["split=train"]
    assert [f["name"] for f in card["data"]["valid"]] == ["valid.tsv", "domain_corpus.csv"]
    assert [f["name"] for f in card["data"]["check"]] == ["independent_domain.csv"]
    assert card["data"]["valid"][1]["where"] == ["split=test"]
    assert card["domains"]["train"] == {"train.tsv": "general", "domain_corpus.csv": "asn"}
    assert card["domains"]["scores_as"] == "asn"
    assert card["domains"]["valid"] == {"valid.tsv": "general", "domain_corpus.csv": "asn"}
    assert card["domains"]["check"] == {"independent_domain.csv": "asn"}
    valid = card["metrics"]["valid:valid"]
    assert valid["n"] == 1260
    assert valid["macro_f1"] >= 0.85
    lo, hi = valid["macro_f1_ci95"]
    assert lo < valid["macro_f1"] < hi
    assert valid["ece"] <= 0.05
    corpus = card["metrics"]["valid:domain_corpus"]
    assert corpus["n"] == 1608
    assert card["metrics"]["check:independent_domain"]["n"] == 420
    assert card["metrics"]["cv"]["folds"] == 5
    assert set(card["metrics"]["cv"]["parts"]) == {"train", "domain_corpus"}
    assert "CC BY-SA 4.0" in card["attribution"] and "SmSA" in card["attribution"]
    assert card["training_command"].startswith("asn-sentiment train --task sentiment")
    assert card["model_sha256"] == file_sha256(FOLDER / MODEL_FILE)
    md = (FOLDER / "card.md").read_text("utf-8")
    assert f"{valid['macro_f1']:.4f}" in md and "CC BY-SA 4.0" in md
    assert f"| `domain_corpus` | asn | 1608 | {corpus['macro_f1']:.4f}" in md


#: Why the shipped model misses issue 5's target (kept as a strict xfail so that a model that
#: meets it turns this test red until the mark is removed).
BELOW_TARGET = (
    "the shipped domain-adapted model's SmSA valid macro-F1 (scored as 'general') is about 0.85 "
    "(95% CI about 0.83-0.88; its SmSA CV 0.861 is within 0.002 of the best recipe's); its "
    "minimal-preprocessing variant reaches no more (bench/RESULTS.md, sentiment-minimal). "
    "The SmSA-only recipe word-char-lr-minimal meets the target: "
    "test_valid_macro_f1_reaches_the_target"
)


@pytest.mark.slow
def test_valid_macro_f1_reaches_the_target(smsa) -> None:
    """Issue 5: SmSA valid macro-F1 >= 0.87 when trained on train only.

    SmSA valid is SmSA's model-selection set; the recipe that meets the target on it is
    ``word-char-lr-minimal`` (lower case and negation marks only), fitted here on SmSA
    train with seed 0 and scored on valid (about 30 s).
    """
    from asn_sentiment.configs import CONFIGS
    from asn_sentiment.tasks import get_task, read_labelled
    from asn_sentiment.train import macro_f1

    task = get_task("sentiment")
    train = read_labelled([smsa / "train.tsv"], task=task)
    valid = read_labelled([smsa / "valid.tsv"], task=task)
    pipeline = CONFIGS["word-char-lr-minimal"].build(task, seed=0)
    pipeline.fit(train.texts, task.target(train.labels))
    truth = task.target(valid.labels)
    assert len(truth) == 1260
    assert macro_f1(truth, pipeline.predict(valid.texts)) >= 0.87


@pytest.mark.xfail(strict=True, reason=BELOW_TARGET)
def test_shipped_model_valid_macro_f1_reaches_the_target(card) -> None:
    assert card["metrics"]["valid:valid"]["macro_f1"] >= 0.87


def test_domain_test_split_reaches_the_target(card) -> None:
    """Issue 6: macro-F1 >= 0.80 on the corpus's held-out split, scored as the domain's."""
    assert card["metrics"]["valid:domain_corpus"]["macro_f1"] >= 0.80


def test_model_file_is_small(card) -> None:
    assert (FOLDER / MODEL_FILE).stat().st_size < 25_000_000


@pytest.mark.parametrize(
    "text",
    ["pelayanannya tidak memuaskan", "petugasnya tidak ramah", "aplikasinya tidak bisa dibuka"],
)
def test_negated_praise_is_negative(model, text) -> None:
    proba = model.predict_proba([text])[0]
    assert model.labels[int(np.argmax(proba))] == "negative"


def test_no_problem_is_not_negative(model) -> None:
    """SmSA alone reads 'tidak ada masalah' as a complaint; the domain corpus fixes it."""
    proba = model.predict_proba(["tidak ada masalah, semua lancar"])[0]
    assert model.labels[int(np.argmax(proba))] != "negative"


def test_readme_states_the_card_figures(card) -> None:
    """The README's model-figures block shows the card's figures (``make models`` then edit)."""
    readme = (Path(asn_sentiment.__file__).parent.parent / "README.md").read_text("utf-8")
    block = readme.split("<!-- model-figures:start -->")[1].split("<!-- model-figures:end -->")[0]
    metrics = card["metrics"]
    for key in ("valid:valid", "valid:domain_corpus", "check:independent_domain"):
        m = metrics[key]
        lo, hi = m["macro_f1_ci95"]
        assert f"**{m['macro_f1']:.3f}** ({lo:.3f}–{hi:.3f})" in block, key


def test_model_scores_as_the_domain() -> None:
    """``analyze`` uses the loaded model as it is: in the domain mode."""
    from asn_sentiment.classify import load_classifier

    loaded = load_classifier()
    assert loaded.sentiment.domain == "asn"
    assert loaded.sentiment.domains == ["general", "asn"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("part", "domain", "where"),
    [("valid", "general", ()), ("domain_corpus", "asn", ("split=test",))],
)
def test_card_figures_reproduce(smsa, card, part, domain, where) -> None:
    from asn_sentiment.evaluate import evaluate_scored, score
    from asn_sentiment.tasks import read_labelled

    corpus = Path(asn_sentiment.__file__).parent / "data" / "corpus" / "domain_corpus.csv"
    paths = {"valid": smsa / "valid.tsv", "domain_corpus": corpus}
    model = load_model("sentiment").use_domain(domain)
    data = read_labelled([paths[part]], where=list(where))
    result = evaluate_scored(score(model, data), n_boot=1000, seed=card["seed"])
    valid = card["metrics"][f"valid:{part}"]
    assert result.metrics["macro_f1"] == valid["macro_f1"]
    assert result.metrics["macro_f1_ci95"] == valid["macro_f1_ci95"]
    assert result.calibration["ece"] == valid["ece"]
