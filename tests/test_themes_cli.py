"""Themes end to end: the shipped model, train/evaluate/cross-validate --task themes, a team's
own taxonomy with a new theme, analyze's theme columns, and the errors a user can cause."""

from __future__ import annotations

import itertools
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asn_sentiment.classify import load_theme_model
from asn_sentiment.cli import cli
from asn_sentiment.taxonomy import load_taxonomy

from .conftest import ROOT
from .test_cli import assert_user_error

CORPUS = ROOT / "asn_sentiment" / "data" / "corpus" / "domain_corpus.csv"


@pytest.fixture(scope="module")
def shipped():
    return load_theme_model()


def themes_of(model, text: str) -> list[str]:
    return [tid for tid, _ in model.predict([text])[0]]


# --- acceptance: the shipped model ------------------------------------------------------------


def test_mixed_comment_gets_both_themes(shipped) -> None:
    found = themes_of(shipped, "Pelatihannya bagus, tapi aplikasinya sering macet")
    assert {"pelatihan_bermanfaat", "kendala_teknologi"} <= set(found)


def test_thanks_has_no_theme(shipped) -> None:
    assert themes_of(shipped, "Terima kasih") == []


@pytest.mark.parametrize("text", ["petugasnya tidak ramah", "pelayanannya tidak memuaskan"])
def test_complaint_about_service_gets_no_support_theme(shipped, text) -> None:
    """Regression: a model without negation marks read 'tidak ramah' as pelayanan_membaik."""
    assert themes_of(shipped, text) == []


def test_jambi_malay_lack_of_socialisation(shipped) -> None:
    assert "kurang_sosialisasi" in themes_of(
        shipped, "idak ado sosialisasi nian, kami idak tau galo"
    )


def test_evidence_names_words_and_the_rule(shipped) -> None:
    [found] = shipped.predict(["Pelatihannya bagus, tapi aplikasinya sering macet"])
    evidence = dict(found)
    assert 'rule "macet"' in evidence["kendala_teknologi"]
    words = evidence["kendala_teknologi"].split(";")[0]
    assert words and "macet" in words  # the model's own top n-grams come first


def test_shipped_model_is_small_and_carries_its_taxonomy(shipped) -> None:
    size = (shipped.model.path / "model.skops").stat().st_size
    assert size < 25e6
    card = shipped.model.card
    assert card["task"] == "themes" and card["labels"] == load_taxonomy().ids
    assert "test" in str(card["data"]["valid"][0]["where"])
    assert {"check:independent_domain", "check:surveys_truth"} <= set(card["metrics"])
    assert "written for asn-sentiment" in card["attribution"]


# --- a team's own taxonomy with a new theme, end to end ---------------------------------------

NEW_THEME = """
[[theme]]
id = "fasilitas_kantor"
kind = "resistance"
label_id = "Fasilitas kantor"
label_en = "Office facilities"
description = "Cramped or run-down offices after units were merged: rooms, desks, parking."
keywords = ["ruang kerja ~ sempit", "kantor ~ sempit", "meja ~ kurang", "kursi ~ rusak"]
"""

PLACES = ["ruang kerja kami", "kantor baru ini", "ruangan bidang kami", "gedung gabungan"]
FACILITY = [
    "{p} sempit sekali setelah penggabungan, meja kurang",
    "kursi rusak dan {p} terlalu sempit untuk dua bidang",
    "{p} panas, AC mati, berkas menumpuk di lantai",
    "parkir di {p} tidak cukup, meja dan lemari kurang",
]
TECH = [
    "aplikasi e-kinerja sering error di {p}",
    "jaringan internet di {p} lemot sekali",
    "server e-office down terus, tidak bisa login di {p}",
]
SUPPORT = [
    "saya mendukung penataan organisasi di {p}",
    "struktur baru di {p} lebih ramping dan efisien",
]
NONE = ["terima kasih", "tidak ada komentar", "salam sehat untuk semua", "oke"]


def _sheet(path: Path) -> Path:
    rows = []
    for template, place in itertools.product(FACILITY, PLACES):
        rows.append((template.format(p=place), "fasilitas_kantor"))
    for template, place in itertools.product(TECH, PLACES):
        rows.append((template.format(p=place), "kendala_teknologi"))
    for template, place in itertools.product(SUPPORT, PLACES):
        rows.append((template.format(p=place), "dukungan_perubahan"))
    rows.append(("meja kurang dan aplikasinya sering error", "fasilitas_kantor; kendala_teknologi"))
    rows += [(text, "") for text in NONE for _ in range(3)]
    pd.DataFrame(rows, columns=["komentar", "tema"]).to_excel(path, index=False)
    return path


@pytest.fixture(scope="module")
def custom(tmp_path_factory):
    """A taxonomy file with a new theme, a labelled sheet, and a model trained on them."""
    from click.testing import CliRunner

    folder = tmp_path_factory.mktemp("custom")
    default = (ROOT / "asn_sentiment" / "data" / "taxonomy.toml").read_text("utf-8")
    taxonomy = folder / "taksonomi.toml"
    taxonomy.write_text(default + NEW_THEME, "utf-8")
    sheet = _sheet(folder / "berlabel.xlsx")
    model = folder / "model-tema"
    done = CliRunner().invoke(
        cli,
        ["--lang", "en", "train", "--task", "themes", str(sheet), "--taxonomy", str(taxonomy),
         "--cv", "3", "-o", str(model)],
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    return taxonomy, sheet, model


def test_custom_taxonomy_trains_and_analyze_shows_the_new_theme(custom, runner, tmp_path) -> None:
    taxonomy, _, model = custom
    card = pd.read_json(model / "card.json", typ="series")
    assert card["labels"][-1] == "fasilitas_kantor" and "cv" in card["metrics"]
    comments = tmp_path / "komentar.csv"
    rows = [
        ("2026-03-11", "Dinas A", "Ruang kerja kami sempit sekali, meja kurang"),
        ("2026-03-12", "Dinas A", "Aplikasi e-kinerja sering error"),
        ("2026-03-13", "Dinas B", "Kantor baru sempit dan kursi rusak"),
        ("2026-04-11", "Dinas B", "Terima kasih"),
        ("2026-04-12", "Dinas A", "ruangan kami sempit, berkas menumpuk di lantai"),
        ("2026-04-13", "Dinas B", "Saya mendukung penataan ini"),
    ]
    pd.DataFrame(rows, columns=["Tanggal", "Unit Kerja", "Komentar"]).to_csv(comments, index=False)
    out = tmp_path / "out"
    done = runner.invoke(
        cli,
        ["--lang", "en", "analyze", str(comments), "-o", str(out), "--theme-model", str(model),
         "--taxonomy", str(taxonomy), "--min-group", "1"],
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    results = pd.read_csv(out / "results.csv", keep_default_na=False)
    first = results.iloc[0]
    assert "fasilitas_kantor" in first["themes"].split(";")
    assert first["theme_evidence"].startswith("fasilitas_kantor: ")
    assert first["resistance"] == 1
    assert results.loc[3, "themes"] == ""
    assert set(results["theme_model_version"]) == {f"{model.name}@{card['version']}" + "+" + _sha(model)[:8]}  # fmt: skip
    summary = pd.read_csv(out / "summary.csv", keep_default_na=False)
    assert "theme_fasilitas_kantor" in set(summary["metric"])
    svg = (out / "charts" / "2_theme_trends.svg").read_text("utf-8")
    assert "Office facilities" in svg


def _sha(model: Path) -> str:
    from asn_sentiment.registry import file_sha256

    return file_sha256(model / "model.skops")


def test_analyze_takes_the_taxonomy_from_the_model(custom, runner, write_csv, tmp_path) -> None:
    _, _, model = custom
    src = write_csv("k.csv", "Komentar\nkursi rusak dan kantor sempit\n")
    out = tmp_path / "out"
    args = ["analyze", str(src), "-o", str(out), "--theme-model", str(model), "--min-group", "1"]
    done = runner.invoke(cli, args)
    assert done.exit_code == 0, done.output
    results = pd.read_csv(out / "results.csv", keep_default_na=False)
    assert results.loc[0, "themes"] == "fasilitas_kantor"


def test_taxonomy_the_model_does_not_know_is_an_error(runner, write_csv, tmp_path) -> None:
    default = (ROOT / "asn_sentiment" / "data" / "taxonomy.toml").read_text("utf-8")
    taxonomy = tmp_path / "t.toml"
    taxonomy.write_text(default + NEW_THEME, "utf-8")
    src = write_csv("k.csv", "Komentar\nkursi rusak\n")
    out = tmp_path / "out"
    done = runner.invoke(
        cli, ["--lang", "en", "analyze", str(src), "-o", str(out), "--taxonomy", str(taxonomy)]
    )
    assert_user_error(done, out)
    assert "fasilitas_kantor" in done.stderr and "--taxonomy" in done.stderr


def test_rules_remain_available(runner, write_csv, tmp_path) -> None:
    src = write_csv("k.csv", "Komentar\nPelatihannya bagus tapi aplikasinya sering macet\n")
    out = tmp_path / "out"
    args = ["analyze", str(src), "-o", str(out), "--theme-model", "rules", "--min-group", "1"]
    assert runner.invoke(cli, args).exit_code == 0
    results = pd.read_csv(out / "results.csv", keep_default_na=False)
    assert results.loc[0, "theme_model_version"].startswith("rules:default@")
    assert results.loc[0, "themes"] == "kendala_teknologi;pelatihan_bermanfaat"


# --- train / evaluate / cross-validate errors and outputs ------------------------------------


def test_unknown_theme_in_labels_is_a_user_error(runner, tmp_path) -> None:
    data = tmp_path / "d.csv"
    data.write_text("text,themes\naplikasi error,kendala_teknologi\nruang sempit,ruangan\n")
    out = tmp_path / "m"
    done = runner.invoke(cli, ["--lang", "en", "train", "--task", "themes", str(data), "-o", str(out)])  # fmt: skip
    assert_user_error(done, out)
    assert "ruangan" in done.stderr and "--taxonomy" in done.stderr


def test_taxonomy_only_for_themes(runner, tmp_path) -> None:
    data = tmp_path / "d.csv"
    data.write_text("text,label\nbagus,positive\njelek,negative\n")
    out = tmp_path / "m"
    tax = ROOT / "asn_sentiment" / "data" / "taxonomy.toml"
    done = runner.invoke(
        cli, ["--lang", "en", "train", str(data), "--taxonomy", str(tax), "-o", str(out)]
    )
    assert_user_error(done, out)
    assert "--task themes" in done.stderr


def test_evaluate_themes_per_theme_with_intervals(custom, runner, tmp_path) -> None:
    taxonomy, sheet, model = custom
    out = tmp_path / "ev"
    done = runner.invoke(
        cli,
        ["--lang", "en", "evaluate", str(sheet), "--model", str(model), "--task", "themes",
         "--taxonomy", str(taxonomy), "--bootstrap", "200", "-o", str(out)],
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    metrics = pd.read_csv(out / "metrics.csv")
    assert {"(micro)", "(macro)", "fasilitas_kantor"} <= set(metrics["label"])
    assert (metrics["f1_low"] <= metrics["f1"]).all() and (
        metrics["f1"] <= metrics["f1_high"]
    ).all()
    confusion = pd.read_csv(out / "confusion.csv")
    assert list(confusion.columns) == ["label", "tp", "fp", "fn", "tn"]
    assert (out / "confusion.png").is_file()
    wrong = runner.invoke(
        cli,
        [
            "evaluate",
            str(sheet),
            "--model",
            str(model),
            "--task",
            "sentiment",
            "-o",
            str(tmp_path / "x"),
        ],  # fmt: skip
    )
    assert_user_error(wrong, tmp_path / "x")


def test_cross_validate_themes(runner, custom, tmp_path) -> None:
    taxonomy, sheet, _ = custom
    table = tmp_path / "cv.csv"
    done = runner.invoke(
        cli,
        ["--lang", "en", "cross-validate", "--task", "themes", str(sheet), "--taxonomy",
         str(taxonomy), "--configs", "themes-lr,themes-lr-gate", "--folds", "3", "-o", str(table)],
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    assert set(pd.read_csv(table)["config"]) == {"themes-lr", "themes-lr-gate"}


def test_explain_a_theme_model(runner) -> None:
    import json

    args = ["explain", "--model", "themes", "--json", "--text", "Terima kasih"]
    done = runner.invoke(cli, [*args, "--text", "aplikasinya sering macet"])
    assert done.exit_code == 0, done.output
    thanks, app = json.loads(done.stdout)
    assert thanks["themes"] == [] and max(thanks["probabilities"].values()) < 0.5
    assert app["themes"][0]["id"] == "kendala_teknologi"
    assert app["probabilities"]["kendala_teknologi"] > 0.5


def test_report_states_the_theme_model_by_micro_f1(shipped) -> None:
    from asn_sentiment.report import model_facts

    [line] = model_facts([shipped.version], "en")
    assert "valid: micro-F1 0." in line and "accuracy" not in line


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=80), min_size=1, max_size=5))
def test_any_text_gets_known_themes_with_evidence(shipped, texts) -> None:
    found = shipped.predict(texts)
    assert len(found) == len(texts)
    ids = load_taxonomy().ids
    for items in found:
        themes = [tid for tid, _ in items]
        assert themes == sorted(themes, key=ids.index) and len(set(themes)) == len(themes)
        assert all(evidence for _, evidence in items)
