"""Domain adaptation (EasyAdapt) and the sentiment preprocessing options.

The classifier is a plain scikit-learn estimator (checked with
``parametrize_with_checks``); a general and a domain file train through
``train``/``cross-validate`` with ``--domains``; the saved model scores texts as
its domain's (what ``analyze`` does) and ``evaluate --domain general`` as the
general corpus's.  The preprocessing options ``punctuation`` and ``negators``
change only what they say.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import LogisticRegression
from sklearn.utils.estimator_checks import parametrize_with_checks

from asn_sentiment.adapt import EasyAdaptClassifier, model_domains, set_domain
from asn_sentiment.cleaning import preprocess_batch
from asn_sentiment.cli import cli
from asn_sentiment.errors import InputError

from .test_cli import assert_user_error


@parametrize_with_checks(
    [EasyAdaptClassifier(), EasyAdaptClassifier(domains=("asn",), domain="asn")]
)
def test_sklearn_compatible(estimator, check) -> None:
    check(estimator)


def test_augmentation_and_folded_weights() -> None:
    rng = np.random.default_rng(0)
    X = sp.csr_array(rng.random((60, 5)))
    y = np.array(["a", "b", "c"] * 20)
    domain = np.array(["general"] * 30 + ["asn"] * 30, dtype=object)
    clf = EasyAdaptClassifier(LogisticRegression(C=3.0), domains=("asn",), domain="asn")
    clf.fit(X, y, domain=domain)
    assert clf.estimator_.coef_.shape == (3, 10)
    for mode in ("asn", "general"):
        clf.set_params(domain=mode)
        expected = X @ clf.coef_.T + clf.intercept_
        assert np.allclose(clf.decision_function(X), expected)
    # a general text has only the shared copy; a domain text both
    inner = clf.estimator_
    clf.set_params(domain="general")
    assert np.allclose(clf.coef_, inner.coef_[:, :5])
    clf.set_params(domain="asn")
    assert np.allclose(clf.coef_, inner.coef_[:, :5] + inner.coef_[:, 5:])
    clf.set_params(domain="elsewhere")
    with pytest.raises(ValueError, match="unknown domain"):
        clf.predict(X)
    with pytest.raises(ValueError, match="entries"):
        EasyAdaptClassifier(domains=("asn",)).fit(X, y, domain=domain[:3])
    with pytest.raises(ValueError, match="distinct"):
        EasyAdaptClassifier(domains=("asn", "asn")).fit(X, y)


def test_set_domain_needs_an_adapted_model() -> None:
    X, y = np.eye(4), np.array([0, 1, 0, 1])
    plain = LogisticRegression().fit(X, y)
    assert model_domains(plain) == []
    with pytest.raises(ValueError, match="known: none"):
        set_domain(plain, "asn")
    clf = EasyAdaptClassifier(domains=("asn",), domain="asn").fit(X, y)
    assert model_domains(clf) == ["general", "asn"]
    assert set_domain(clf, "general") == "asn" and clf.domain == "general"


# --- preprocessing options -----------------------------------------------------------------


def test_punctuation_and_extra_negators() -> None:
    steps = "normalize,negation"
    assert preprocess_batch(["Kurang jelas?! bagus"], steps, 2) == ["kurang jelas bagus"]
    assert preprocess_batch(["Kurang jelas?! bagus"], steps, 2, "!?", ["kurang"]) == [
        "kurang NEG_jelas ? ! bagus"
    ]
    # a kept mark still ends the negation scope
    assert preprocess_batch(["tidak bagus! murah"], steps, 2, "!") == ["tidak NEG_bagus ! murah"]
    # the default model preprocessing is unchanged
    assert preprocess_batch(["Kurang jelas?!"]) == ["kurang jelas"]
    for bad in ("a!", "! ", "_"):
        with pytest.raises(InputError):
            preprocess_batch(["x"], punctuation=bad)
    with pytest.raises(InputError):
        preprocess_batch(["x"], negators=["dua kata"])


def test_nya_written_apart() -> None:
    from asn_sentiment.cleaning import nya_base

    assert [nya_base(w) for w in ["pelayanannya", "aplikasinya", "kinerjanya"]] == [
        "pelayanan",
        "aplikasi",
        "kinerja",
    ]
    # root words and unknown stems stay whole
    assert [nya_base(w) for w in ["punya", "hanya", "tanya", "bertanya", "nya", "xyznya"]] == [
        None
    ] * 6
    steps = "default,-stem,-stem_fix,-stopwords"
    assert preprocess_batch(["Pelayanannya tidak memuaskan, teman2nya punya"], steps, 2) == [
        "pelayanannya tidak NEG_memuaskan temannya punya"
    ]
    assert preprocess_batch(
        ["Pelayanannya tidak memuaskan, teman2nya punya"], steps, 2, split_nya=True
    ) == ["pelayanan nya tidak NEG_memuaskan teman nya punya"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="abc tidak!?.,😀:( \n", max_size=40), max_size=5))
def test_kept_punctuation_only_adds_marks(texts) -> None:
    """Dropping the kept marks from the output gives the output without them."""
    steps = "default,-stem,-stem_fix,-stopwords"
    plain = preprocess_batch(texts, steps, 2)
    kept = preprocess_batch(texts, steps, 2, "!?")
    assert [" ".join(w for w in k.split() if w not in "!?") for k in kept] == plain


def test_preprocessor_parameters_travel_in_the_pipeline() -> None:
    from asn_sentiment.configs import CONFIGS

    prep = CONFIGS["word-char-lr-adapt"].build().named_steps["preprocess"]
    assert prep.get_params()["punctuation"] == "!?"
    assert prep.get_params()["negators"] == ("kurang",)
    assert prep.get_params()["split_nya"] is True
    assert prep.transform(["petugasnya kurang ramah!"]).tolist() == [
        "petugas nya kurang NEG_ramah !"
    ]


def test_minimal_recipes_only_lower_case_and_mark_negation() -> None:
    """``-minimal``: no slang, elongation, emoji or placeholder steps; words stay as written."""
    from asn_sentiment.configs import CONFIGS

    for name in ("word-char-lr-minimal", "word-char-lr-adapt-minimal"):
        prep = CONFIGS[name].build().named_steps["preprocess"]
        text = "Petugasnya KURANG ramah!! yg gak jelas, bagusss tanpa biaya?"
        assert prep.transform([text]).tolist() == [
            "petugasnya kurang NEG_ramah ! ! yg gak NEG_jelas bagusss tanpa NEG_biaya ?"
        ]
    assert CONFIGS["word-char-lr-adapt-minimal"].adapt
    assert not CONFIGS["word-char-lr-minimal"].adapt


# --- training with domains ---------------------------------------------------------------------

GENERAL_ROWS = [
    ("makanannya enak sekali", "positive"),
    ("tempatnya nyaman dan bersih", "positive"),
    ("pelayanan ramah dan cepat", "positive"),
    ("tidak ada masalah dengan pesanan", "negative"),
    ("tidak ada balasan dari penjual", "negative"),
    ("barangnya rusak dan kotor", "negative"),
    ("toko buka jam sembilan", "neutral"),
    ("harga ada di menu", "neutral"),
    ("pesanan dikirim besok", "neutral"),
]
DOMAIN_ROWS = [
    ("tidak ada masalah, aplikasi lancar", "positive"),
    ("sosialisasi jelas dan bermanfaat", "positive"),
    ("e-kinerja memudahkan laporan", "positive"),
    ("belum ada kepastian soal tpp", "negative"),
    ("aplikasi sering macet saat lapor", "negative"),
    ("mohon kejelasan penempatan kami", "negative"),
    ("rapat dimulai jam sembilan", "neutral"),
    ("surat edaran sudah dibagikan", "neutral"),
    ("jadwal bimtek minggu depan", "neutral"),
]


@pytest.fixture(scope="module")
def domain_files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("domains")
    general = folder / "general.tsv"
    general.write_text("".join(f"{t}\t{lab}\n" for t, lab in GENERAL_ROWS * 4), "utf-8")
    rows = []
    for k in range(4):
        for i, (t, lab) in enumerate(DOMAIN_ROWS):
            rows.append({"text": f"{t} {'ya' * k}".strip(), "sentiment": lab,
                         "split": "test" if (i + k) % 4 == 0 else "train"})  # fmt: skip
    corpus = folder / "corpus.csv"
    pd.DataFrame(rows).to_csv(corpus, index=False)
    config = folder / "tiny.toml"
    config.write_text('base = "word-char-lr-adapt"\nchar_ngrams = false\nmin_df = 1\n', "utf-8")
    return {"general": general, "corpus": corpus, "config": config}


@pytest.fixture(scope="module")
def adapted_model(domain_files, tmp_path_factory) -> Path:
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp("m") / "adapted"
    f = domain_files
    args = ["--lang", "en", "train", str(f["general"]), str(f["corpus"]), "--where", "split=train"]
    args += ["--domains", "general,asn", "--weights", "1,2", "--config", str(f["config"])]
    args += ["--valid", str(f["general"]), "--valid", str(f["corpus"])]
    args += ["--valid-where", "split=test", "--valid-domains", "general,asn", "--cv", "2"]
    result = CliRunner().invoke(cli, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_adapted_model_card_and_modes(adapted_model, domain_files) -> None:
    from asn_sentiment.registry import load_model

    card = json.loads((adapted_model / "card.json").read_text("utf-8"))
    assert card["domains"] == {
        "train": {"general.tsv": "general", "corpus.csv": "asn"},
        "valid": {"general.tsv": "general", "corpus.csv": "asn"},
        "check": {},
        "scores_as": "asn",
    }
    assert card["data"]["train"][0]["rows"] == 36 and "where" not in card["data"]["train"][0]
    assert card["data"]["train"][1]["where"] == ["split=train"]
    assert "--domains general,asn" in card["training_command"]
    assert "--valid-domains general,asn" in card["training_command"]
    assert set(card["metrics"]["cv"]["parts"]) == {"general", "corpus"}
    md = (adapted_model / "card.md").read_text("utf-8")
    assert "| `corpus` | asn |" in md and "| `general` | general |" in md
    assert "domain `asn`" in md

    model = load_model(adapted_model)
    assert model.domains == ["general", "asn"] and model.domain == "asn"
    text = ["tidak ada masalah"]
    as_domain = model.predict_proba(text)[0]
    general = model.use_domain("general").predict_proba(text)[0]
    labels = model.labels
    assert labels[int(np.argmax(general))] == "negative"
    assert labels[int(np.argmax(as_domain))] != "negative"


def test_reproduced_from_the_card(adapted_model, domain_files, tmp_path) -> None:
    """The card's training command gives the same predictions (same data, seed, domains)."""
    import shlex

    from click.testing import CliRunner

    from asn_sentiment.registry import load_model

    card = json.loads((adapted_model / "card.json").read_text("utf-8"))
    args = shlex.split(card["training_command"])[1:]
    args[args.index("-o") + 1] = str(tmp_path / "again")
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    texts = [t for t, _ in DOMAIN_ROWS + GENERAL_ROWS]
    a, b = load_model(adapted_model), load_model(tmp_path / "again")
    assert np.array_equal(a.predict_proba(texts), b.predict_proba(texts))


def test_analyze_scores_as_the_domain(runner, adapted_model, write_csv, tmp_path) -> None:
    from asn_sentiment.registry import load_model

    path = write_csv("komentar.csv", "komentar\ntidak ada masalah\nbelum ada kepastian soal tpp\n")
    out = tmp_path / "hasil"
    result = runner.invoke(
        cli, ["--quiet", "analyze", str(path), "--model", str(adapted_model), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    results = pd.read_csv(out / "results.csv")
    model = load_model(adapted_model)
    proba = model.predict_proba(results["text"].tolist())
    assert results["sentiment"].tolist() == [model.labels[i] for i in proba.argmax(axis=1)]
    assert results["sentiment_confidence"].tolist() == pytest.approx(proba.max(axis=1), abs=1e-4)


def test_evaluate_in_a_domain(runner, adapted_model, domain_files, tmp_path) -> None:
    base = ["--lang", "en", "evaluate", "--model", str(adapted_model), str(domain_files["general"])]
    result = runner.invoke(cli, [*base, "--domain", "general", "-o", str(tmp_path / "g")])
    assert result.exit_code == 0, result.output
    general = json.loads((tmp_path / "g" / "metrics.json").read_text("utf-8"))
    result = runner.invoke(cli, [*base, "-o", str(tmp_path / "a")])
    assert result.exit_code == 0, result.output
    default = json.loads((tmp_path / "a" / "metrics.json").read_text("utf-8"))
    assert general["domain"] == "general" and default["domain"] == "asn"
    assert general["metrics"]["macro_f1"] >= default["metrics"]["macro_f1"]
    bad = runner.invoke(cli, [*base, "--domain", "reviews", "-o", str(tmp_path / "x")])
    assert_user_error(bad)
    assert "general, asn" in bad.stderr


def test_cross_validate_reports_each_file(runner, domain_files, tmp_path) -> None:
    f = domain_files
    out = tmp_path / "cv.csv"
    args = ["--lang", "en", "cross-validate", str(f["general"]), str(f["corpus"])]
    args += ["--where", "split=train", "--domains", "general,asn", "--folds", "2"]
    args += ["--configs", f"word-lr,{f['config']}", "-o", str(out)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out)
    assert {"macro_f1[general]", "macro_f1[corpus]"} <= set(table.columns)
    assert "corpus (27)" in result.output


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        (["--domains", "general"], "one domain name per file"),
        (["--domains", "general,Asn Domain"], "one domain name per file"),
        (["--where", "splt=train"], "No file has the column 'splt'"),
    ],
)
def test_domain_user_errors(runner, domain_files, tmp_path, extra, needle) -> None:
    f = domain_files
    args = ["--lang", "en", "train", str(f["general"]), str(f["corpus"]), *extra]
    result = runner.invoke(cli, [*args, "--config", "word-lr", "-o", str(tmp_path / "m")])
    assert_user_error(result)
    assert needle in result.stderr
    assert not (tmp_path / "m").exists()


def test_explanations_use_the_domain_weights(adapted_model) -> None:
    """Per-word contributions + intercept = the score, in either domain."""
    from asn_sentiment.explain import explain_texts
    from asn_sentiment.registry import load_model

    model = load_model(adapted_model)
    texts = ["tidak ada masalah", "aplikasi sering macet"]
    for domain in ("asn", "general"):
        model.use_domain(domain)
        pipeline = model.estimator
        scores = pipeline[-1].decision_function(pipeline[:-1].transform(texts))
        centred = scores - scores.mean(axis=1, keepdims=True)
        for i, e in enumerate(explain_texts(model, texts, top=1000)):
            k = model.labels.index(e.label)
            assert sum(c for _, c in e.words) + e.intercept == pytest.approx(centred[i, k])


def test_config_file_with_the_new_keys(tmp_path) -> None:
    from asn_sentiment.configs import load_config

    path = tmp_path / "mine.toml"
    path.write_text(
        'base = "word-char-lr"\npunctuation = "!"\nnegators = ["kurang", "minim"]\n'
        "split_nya = true\nadapt = true\nadapt_general = true\nadapt_scale = 0.5\n",
        "utf-8",
    )
    config = load_config(path)
    assert config.negators == ("kurang", "minim") and config.adapt_scale == 0.5
    assert "EasyAdapt (shared + every domain's feature copies x0.5)" in config.summary()
    clf = config.build("sentiment", 0, ("asn",), "asn").named_steps["clf"]
    assert clf.domains == ("general", "asn") and clf.scale == 0.5
    for bad in ('punctuation = "ab"', 'negators = "kurang"', "adapt_scale = 0", "adapt = 1"):
        path.write_text(f'base = "word-char-lr"\n{bad}\n', "utf-8")
        with pytest.raises(InputError):
            load_config(path)
