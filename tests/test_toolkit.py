"""The researchers' toolkit end to end, on a five-emotion dataset the project has never seen.

train → evaluate (and --compare) → explain → analyze with the model → models
list/show → cross-validate, all through the CLI, plus determinism and user
errors.  One module-scoped model keeps this fast.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from asn_sentiment.cli import cli

from .emotions import EMOTIONS, write_emotions
from .test_cli import assert_user_error

CONFIG = """\
base = "word-char-lr"
description = "small test recipe"
char_ngrams = [2, 4]
min_df = 1
C = 2
"""


@pytest.fixture(scope="module")
def emotion_files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("emotions")
    return {
        "train": write_emotions(folder / "train.csv", 30, seed=1),
        "valid": write_emotions(folder / "valid.csv", 12, seed=2),
        "config": _write(folder / "small.toml", CONFIG),
    }


def _write(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    return path


@pytest.fixture(scope="module")
def emotion_model(emotion_files, tmp_path_factory) -> Path:
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp("models") / "emosi"
    result = CliRunner().invoke(
        cli,
        [
            "--lang",
            "en",
            "train",
            "--task",
            "emotion",
            str(emotion_files["train"]),
            "--valid",
            str(emotion_files["valid"]),
            "--config",
            str(emotion_files["config"]),
            "--seed",
            "3",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "macro-F1" in result.stderr
    return out


def test_train_writes_a_complete_card(emotion_model) -> None:
    card = json.loads((emotion_model / "card.json").read_text("utf-8"))
    assert card["task"] == "emotion" and not card["multilabel"]
    assert card["labels"] == sorted(EMOTIONS)
    assert card["config"]["name"] == "small" and card["config"]["char_ngrams"] == [2, 4]
    assert card["config"]["C"] == 2
    assert card["seed"] == 3
    assert card["label_counts"] == dict.fromkeys(sorted(EMOTIONS), 30)
    train = card["data"]["train"][0]
    assert train["rows"] == 150 and len(train["sha256"]) == 64
    valid = card["metrics"]["valid"]
    assert valid["n"] == 60
    assert 0.8 <= valid["macro_f1"] <= 1.0
    lo, hi = valid["macro_f1_ci95"]
    assert lo <= valid["macro_f1"] <= hi
    assert set(valid["per_label"]) == set(EMOTIONS)
    assert 0 <= valid["ece"] <= 1 and 0 <= valid["brier"] <= 2
    assert "--task emotion" in card["training_command"]
    assert card["attribution"] == ""  # no SmSA used
    assert card["model_sha256"] and "scikit-learn" in card["library_versions"]
    md = (emotion_model / "card.md").read_text("utf-8")
    assert "macro-F1" in md and "95% CI" in md and "marah" in md
    assert "asn-sentiment train" in (emotion_model / "TRAINING.md").read_text("utf-8")


def test_same_data_and_seed_give_the_same_predictions(emotion_files, emotion_model, tmp_path):
    from asn_sentiment.registry import load_model
    from asn_sentiment.train import train

    again = train(
        [emotion_files["train"]],
        tmp_path / "again",
        task="emotion",
        config=emotion_files["config"],
        seed=3,
    )
    texts = pd.read_csv(emotion_files["valid"])["teks"].tolist()
    a = load_model(emotion_model).predict_proba(texts)
    b = load_model(again.model_dir).predict_proba(texts)
    assert np.array_equal(a, b)


def test_evaluate_and_compare(runner, emotion_files, emotion_model, tmp_path) -> None:
    from asn_sentiment.train import train

    other = train(
        [emotion_files["train"]], tmp_path / "wordonly", task="emotion", config="word-lr"
    ).model_dir
    out = tmp_path / "eval"
    result = runner.invoke(
        cli,
        [
            "--lang",
            "en",
            "evaluate",
            str(emotion_files["valid"]),
            "--model",
            str(emotion_model),
            "--compare",
            str(other),
            "-o",
            str(out),
            "--bootstrap",
            "200",
        ],
    )
    assert result.exit_code == 0, result.output
    for name in (
        "metrics.json",
        "metrics.csv",
        "confusion.csv",
        "confusion.png",
        "calibration.csv",
        "reliability.png",
        "errors.csv",
        "predictions.csv",
        "comparison.csv",
        "comparison.json",
        "compared/metrics.csv",
    ):
        assert (out / name).is_file(), name
    metrics = pd.read_csv(out / "metrics.csv")
    assert set(metrics["label"]) == set(EMOTIONS) | {"(macro)", "(micro)"}
    assert (metrics["f1_low"] <= metrics["f1"]).all() and (
        metrics["f1"] <= metrics["f1_high"]
    ).all()
    confusion = pd.read_csv(out / "confusion.csv")
    assert confusion.drop(columns="true_label").to_numpy().sum() == 60
    comparison = pd.read_csv(out / "comparison.csv")
    assert set(comparison["metric"]) == {"macro_f1", "micro_f1", "accuracy"}
    assert "A−B" in result.output and "macro_f1" in result.output
    predictions = pd.read_csv(out / "predictions.csv", keep_default_na=False)
    errors = pd.read_csv(out / "errors.csv", keep_default_na=False)
    assert len(predictions) == 60 and len(errors) == (~predictions["correct"]).sum()
    assert errors["loss"].is_monotonic_decreasing


def test_explain_and_analyze_with_own_labels(runner, emotion_model, tmp_path, write_csv) -> None:
    result = runner.invoke(
        cli,
        [
            "--lang",
            "en",
            "explain",
            "--model",
            str(emotion_model),
            "--text",
            "pegawai sangat geram dengan aplikasi baru",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    (found,) = json.loads(result.output)
    assert found["label"] == "marah"
    assert found["words"][0][0] == "geram" and found["words"][0][1] > 0
    src = write_csv(
        "komentar.csv",
        "Tanggal,Komentar\n2026-03-01,kami sangat takut soal mutasi\n2026-03-02,warga bahagia dengan perubahan jadwal\n",
    )
    out = tmp_path / "out"
    done = runner.invoke(
        cli,
        [
            "analyze",
            str(src),
            "-o",
            str(out),
            "--model",
            str(emotion_model),
            "--sentiment-evidence",
        ],
    )
    assert done.exit_code == 0, done.output
    results = pd.read_csv(out / "results.csv", keep_default_na=False)
    assert results["sentiment"].tolist() == ["takut", "senang"]
    assert "takut" in results.loc[0, "sentiment_evidence"]
    assert results["model_version"].str.startswith("emosi@").all()


def test_models_list_and_show(runner, emotion_model, monkeypatch) -> None:
    monkeypatch.setenv("ASN_SENTIMENT_MODELS", str(emotion_model.parent))
    listed = runner.invoke(cli, ["models", "list"])
    assert listed.exit_code == 0, listed.output
    line = next(x for x in listed.output.splitlines() if x.startswith("emosi "))
    assert "emotion" in line and "macro-F1" in line and str(emotion_model) in line
    shown = runner.invoke(cli, ["models", "show", "emosi"])
    assert shown.exit_code == 0 and "95% CI" in shown.output and "Reproduce" in shown.output
    as_json = runner.invoke(cli, ["models", "show", "emosi", "--json"])
    assert json.loads(as_json.output)["task"] == "emotion"
    assert_user_error(runner.invoke(cli, ["models", "show", "tidak-ada"]))


def test_cross_validate_table(runner, emotion_files, tmp_path) -> None:
    out = tmp_path / "cv.csv"
    result = runner.invoke(
        cli,
        [
            "--lang",
            "en",
            "cross-validate",
            str(emotion_files["train"]),
            "--task",
            "emotion",
            "--configs",
            f"word-lr,{emotion_files['config']}",
            "--folds",
            "3",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out)
    assert sorted(table["config"]) == ["small", "word-lr"]
    assert table["macro_f1"].is_monotonic_decreasing
    assert (table["macro_f1_low"] <= table["macro_f1"]).all()
    assert "3-fold" in result.output


def test_cross_validation_keeps_equal_texts_in_one_fold() -> None:
    from asn_sentiment.tasks import LabelledData, get_task

    texts = np.asarray(["a b", "A  b", "c", "d", "e", "f", "g", "h"] * 2, dtype=object)
    labels = [("x",), ("x",), ("y",), ("y",), ("x",), ("y",), ("x",), ("y",)] * 2
    data = LabelledData(texts, labels)
    for task in (get_task("sentiment"),):
        for train_idx, test_idx in task.splits(data, 2, 0):
            keys = {" ".join(t.lower().split()) for t in texts[test_idx]}
            assert not keys & {" ".join(t.lower().split()) for t in texts[train_idx]}


@pytest.mark.parametrize(
    "args,needle",
    [
        (["--config", "nope"], "nope"),
        (["--refit"], "--valid"),
        (["--weights", "1,2"], "--weights"),
        (["--label-col", "salah"], "salah"),
    ],
)
def test_train_user_errors(runner, emotion_files, tmp_path, args, needle) -> None:
    out = tmp_path / "m"
    result = runner.invoke(
        cli, ["--lang", "en", "train", str(emotion_files["train"]), "-o", str(out), *args]
    )
    assert_user_error(result, out)
    assert needle in result.stderr


@pytest.mark.parametrize(
    "toml,needle",
    [("C = -1\nfoo = 2\n", "foo"), ("C = -1\n", "C must be"), ("C = [", "invalid")],
)
def test_bad_config_file(runner, emotion_files, tmp_path, toml, needle) -> None:
    bad = _write(tmp_path / "bad.toml", toml)
    args = ["train", str(emotion_files["train"]), "-o", str(tmp_path / "m"), "--config", str(bad)]
    result = runner.invoke(cli, ["--lang", "en", *args])
    assert_user_error(result)
    assert needle in result.stderr


def test_one_label_only_is_an_error(runner, write_csv, tmp_path) -> None:
    src = write_csv("one.csv", "text,label\na,x\nb,x\n")
    result = runner.invoke(cli, ["--lang", "en", "train", str(src), "-o", str(tmp_path / "m")])
    assert_user_error(result)
    assert "at least two" in result.stderr


def test_existing_model_folder_needs_overwrite(runner, emotion_files, emotion_model) -> None:
    result = runner.invoke(
        cli, ["--lang", "en", "train", str(emotion_files["train"]), "-o", str(emotion_model)]
    )
    assert_user_error(result)
    assert "--overwrite" in result.stderr
    assert (emotion_model / "model.skops").is_file()


def test_weights_and_refit(emotion_files, tmp_path) -> None:
    from asn_sentiment.train import train

    done = train(
        [emotion_files["train"], emotion_files["valid"]],
        tmp_path / "w",
        task="emotion",
        config="word-lr",
        weights=[1.0, 2.5],
        valid=[emotion_files["valid"]],
        refit=True,
    )
    card = done.card
    assert card["fitted_on"] == "train+valid"
    assert card["weights"] == {"train.csv": 1.0, "valid.csv": 2.5}


def test_word_contributions_add_up_to_the_score(emotion_model) -> None:
    """Per-word contributions + intercept = the label's score relative to the others."""
    from asn_sentiment.explain import explain_texts
    from asn_sentiment.registry import load_model

    model = load_model(emotion_model)
    texts = ["kami agak cemas dengan aplikasi baru hari ini", "warga bahagia, bahagia sekali!", "x"]
    pipeline = model.estimator
    scores = pipeline[-1].decision_function(pipeline[:-1].transform(texts))
    centred = scores - scores.mean(axis=1, keepdims=True)
    for i, e in enumerate(explain_texts(model, texts, top=1000)):
        k = model.labels.index(e.label)
        assert sum(c for _, c in e.words) + e.intercept == pytest.approx(centred[i, k], abs=1e-9)
        assert sum(c for _, c in e.features) + e.intercept == pytest.approx(centred[i, k], abs=1e-9)


def test_where_selects_rows_of_a_split(emotion_files, tmp_path) -> None:
    from asn_sentiment.tasks import read_labelled
    from asn_sentiment.train import train

    frame = pd.read_csv(emotion_files["train"])
    frame["split"] = ["test" if i % 5 == 0 else "train" for i in range(len(frame))]
    path = tmp_path / "corpus.csv"
    frame.to_csv(path, index=False)
    assert len(read_labelled([path], where=["split=train"], task="emotion")) == 120
    card = train(
        [path],
        tmp_path / "m",
        task="emotion",
        config="word-lr",
        where=["split=train"],
        valid=[path],
        valid_where=["split=test"],
    ).card
    assert card["data"]["train"][0]["rows"] == 120 and card["metrics"]["valid"]["n"] == 30
    assert "--where split=train" in card["training_command"]
    assert "--valid-where split=test" in card["training_command"]


def test_headerless_two_column_file_and_bad_labels(tmp_path) -> None:
    from asn_sentiment.errors import InputError
    from asn_sentiment.tasks import read_labelled

    tsv = _write(
        tmp_path / "d.tsv", "bagus sekali\tpositive\njelek\tnegative\n\tpositive\nbiasa\t\n"
    )
    data = read_labelled([tsv])
    assert data.texts.tolist() == ["bagus sekali", "jelek"]
    assert data.labels == [("positive",), ("negative",)]
    assert data.files[0]["rows"] == 2
    bad = _write(tmp_path / "bad.csv", "text,label\na,pos;neg\nb,neg\n")
    with pytest.raises(InputError) as err:
        read_labelled([bad])
    assert "pos;neg" in err.value.message("en")


def test_several_validation_files_side_by_side(emotion_files, tmp_path) -> None:
    from asn_sentiment.train import train

    frame = pd.read_csv(emotion_files["valid"])
    frame["split"] = ["test" if i % 2 else "train" for i in range(len(frame))]
    corpus = tmp_path / "corpus.csv"
    frame.to_csv(corpus, index=False)
    card = train(
        [emotion_files["train"]],
        tmp_path / "m",
        task="emotion",
        config="word-lr",
        valid=[emotion_files["valid"], corpus],
        valid_where=["split=test"],
    ).card
    metrics = card["metrics"]
    assert metrics["valid"]["n"] == 90
    assert metrics["valid:valid"]["n"] == 60 and metrics["valid:corpus"]["n"] == 30
    assert card["data"]["valid"][1]["where"] == ["split=test"]
    assert "where" not in card["data"]["valid"][0]
    md = (tmp_path / "m" / "card.md").read_text("utf-8")
    assert "Validation file `corpus`" in md


def test_min_confidence_marks_unsure_rows_uncertain(runner, write_csv, tmp_path) -> None:
    from .test_cli import KOMENTAR

    src = write_csv("k.csv", KOMENTAR)
    runs = {}
    for threshold in ("0", "0.8"):
        out = tmp_path / f"out{threshold}"
        result = runner.invoke(
            cli, ["analyze", str(src), "-o", str(out), "--min-confidence", threshold]
        )
        assert result.exit_code == 0, result.output
        runs[threshold] = pd.read_csv(out / "results.csv", keep_default_na=False)
    base, strict = runs["0"], runs["0.8"]
    assert "uncertain" not in set(base["sentiment"])
    low = base["sentiment_confidence"] < 0.8
    assert low.any() and not low.all()
    assert (strict.loc[low, "sentiment"] == "uncertain").all()
    assert (strict.loc[~low, "sentiment"] == base.loc[~low, "sentiment"]).all()
    assert strict["sentiment_confidence"].tolist() == base["sentiment_confidence"].tolist()
