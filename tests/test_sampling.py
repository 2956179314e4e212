"""The labelling loop: sample → labelling sheet → filled by a person → train.

The end-to-end tests go through the CLI (``analyze`` → ``sample`` → the sheet
filled with openpyxl as a person would → ``train`` → ``analyze --model``);
the rest checks the strategies, the sheet (drop-downs, privacy, formula
safety, determinism) and reading filled sheets back, with a property-based
test of the parser.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from asn_sentiment import sampling
from asn_sentiment.cli import cli
from asn_sentiment.errors import InputError
from asn_sentiment.outputs import write_csv
from asn_sentiment.sampling import NO_THEME, SHEET_COLUMNS, THEME_COLUMNS
from asn_sentiment.tasks import get_task, known_tasks, read_labelled
from asn_sentiment.taxonomy import load_taxonomy

from .test_cli import assert_user_error

TAXONOMY = load_taxonomy()

# --- synthetic comments whose sentiment a person knows ----------------------------------------
# The lesson of the sheet: polite complaints ("mohon kejelasan ...", "belum ada kepastian ...")
# are negative; a model trained on SmSA alone reads most of them as neutral.
NEG = ["mohon kejelasan jadwal uji kompetensi", "belum ada kepastian penempatan kami",
       "mohon informasi soal TPP bulan depan", "sampai sekarang surat edaran belum turun",
       "kami masih menunggu kepastian jabatan fungsional"]  # fmt: skip
POS = ["mal pelayanan baru sangat rapi", "antrean di mal pelayanan cepat sekali",
       "petugas mal pelayanan ramah", "layanan di gedung baru memuaskan", "gedung pelayanan baru nyaman"]  # fmt: skip
NEU = ["kapan jadwal apel pagi diumumkan", "di mana alamat kantor bagian organisasi",
       "jam berapa rapat koordinasi dimulai", "siapa narahubung bimtek gelombang dua",
       "tanggal berapa batas unggah dokumen"]  # fmt: skip
TAILS = [
    "",
    " pak",
    " bu",
    " di kecamatan",
    " minggu ini",
    " kata teman",
    " di dinas kami",
    " lagi",
]


def _comments(seed: int, per_label: int) -> list[tuple[str, str]]:
    rng = np.random.default_rng(seed)
    out: dict[str, str] = {}
    for label, bases in (("negative", NEG), ("positive", POS), ("neutral", NEU)):
        while sum(v == label for v in out.values()) < per_label:
            a, b = rng.choice(len(bases), 2, replace=False)
            text = f"{bases[a]}, {bases[b]}{TAILS[rng.integers(len(TAILS))]}"
            out.setdefault(text, label)
    return sorted(out.items())


def _truth() -> dict[str, str]:
    return {text: label for seed in (1, 2) for text, label in _comments(seed, 14)}


def _fill_sheet(path: Path, truth: dict[str, str], leave_empty: int = 0, themes=None) -> int:
    """Fill the sheet as a person would in Excel; the last ``leave_empty`` rows stay empty."""
    book = load_workbook(path)
    ws = book["label"]
    header = [c.value for c in ws[1]]
    col = {name: header.index(name) + 1 for name in header}
    last = ws.max_row - leave_empty
    for r in range(2, last + 1):
        text = ws.cell(r, col["text"]).value
        ws.cell(r, col["sentiment"]).value = truth[text]
        for name, value in zip(THEME_COLUMNS, (themes or {}).get(text, ()), strict=False):
            ws.cell(r, col[name]).value = value
    book.save(path)
    return last - 1


@pytest.fixture
def fast_report(monkeypatch):
    """No charts in the analyze runs of these tests (the report has its own tests)."""
    from asn_sentiment import report

    monkeypatch.setattr(report, "draw_charts", lambda *args, **kwargs: [])


def _analyze(runner, src: Path, out: Path, *extra: str) -> pd.DataFrame:
    result = runner.invoke(cli, ["--lang", "en", "analyze", str(src), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return pd.read_csv(out / "results.csv", keep_default_na=False)


def _analyze_new_comments(runner, tmp_path: Path, seen: list[str], *options: str):
    """Comments of the same kind that were not in the sheet, analysed with ``options``."""
    texts = [t for t, _ in _comments(2, 14) if t not in set(seen)]
    return texts, _analyze(
        runner, _comment_file(tmp_path, "baru.csv", texts), tmp_path / "b", *options
    )


def _comment_file(tmp_path: Path, name: str, texts: list[str]) -> Path:
    frame = pd.DataFrame(
        {
            "Tanggal": [f"2026-0{1 + i % 6}-1{i % 9}" for i in range(len(texts))],
            "Unit Kerja": [f"Dinas {'ABC'[i % 3]}" for i in range(len(texts))],
            "Komentar": texts,
        }
    )
    path = tmp_path / name
    frame.to_csv(path, index=False)
    return path


def test_sample_label_train_loop_sentiment(runner, tmp_path, fast_report, record_property) -> None:
    truth = _truth()
    train_texts = [t for t, _ in _comments(1, 14)]
    results = _analyze(runner, _comment_file(tmp_path, "komentar.csv", train_texts), tmp_path / "a")
    assert len(results) == len(train_texts)

    sheet = tmp_path / "to_label.xlsx"
    done = runner.invoke(
        cli,
        [
            "--lang",
            "en",
            "sample",
            str(tmp_path / "a" / "results.csv"),
            "--n",
            "50",
            "-o",
            str(sheet),
        ],
    )
    assert done.exit_code == 0, done.output
    assert "Only 42 distinct" in done.stderr and "train --task sentiment" in done.stderr
    labelled = _fill_sheet(sheet, truth, leave_empty=4)

    model = tmp_path / "model"
    trained = runner.invoke(
        cli, ["--lang", "en", "train", "--task", "sentiment", str(sheet), "-o", str(model)]
    )
    assert trained.exit_code == 0, trained.output
    assert f"to_label.xlsx: {labelled} labelled rows used; 4 rows left unlabelled skipped" in (
        trained.stderr
    )
    card = json.loads((model / "card.json").read_text("utf-8"))
    assert card["label_counts"] == {
        k: sum(truth[t] == k for t in _sheet_texts(sheet)[:labelled])
        for k in ("negative", "neutral", "positive")
    }
    assert card["data"]["train"][0]["unlabelled"] == 4

    # how the shipped model reads the polite complaints (recorded: the SmSA-only model read
    # most as not negative; the domain-adapted one of issue 6 reads them as negative) ...
    shipped = [
        s == "negative"
        for t, s in zip(results["text"], results["sentiment"], strict=True)
        if truth[t] == "negative"
    ]
    # ... the retrained model has learnt the team's labels: new comments, same regency
    test_texts, again = _analyze_new_comments(runner, tmp_path, train_texts, "--model", str(model))
    right = {t: truth[t] == s for t, s in zip(again["text"], again["sentiment"], strict=True)}
    record_property(
        "metric: labelling loop, shipped model on polite complaints",
        round(float(np.mean(shipped)), 3),
    )
    record_property(
        "metric: labelling loop, retrained accuracy", round(float(np.mean(list(right.values()))), 3)
    )
    assert np.mean(list(right.values())) >= 0.85
    assert np.mean([ok for t, ok in right.items() if truth[t] == "negative"]) >= 0.8
    assert again["model_version"].str.startswith("model@").all()


def _sheet_texts(path: Path) -> list[str]:
    return pd.read_excel(path, sheet_name="label")["text"].tolist()


#: Themes a person gives each base phrase (``gedung_baru`` is a team's own theme).
BASE_THEMES = {
    "uji kompetensi": "ketidakpastian_jabatan",
    "kepastian": "ketidakpastian_jabatan",
    "TPP": "ketidakpastian_jabatan",
    "surat edaran": "kurang_sosialisasi",
    "pelayanan": "pelayanan_membaik",
    "gedung": "gedung_baru",
}
NEW_THEME = """
[[theme]]
id = "gedung_baru"
kind = "support"
label_id = "Gedung pelayanan baru"
label_en = "New service building"
description = "The new service hall and building."
"""


def _themes_of(text: str) -> tuple[str, ...]:
    return tuple(sorted({theme for word, theme in BASE_THEMES.items() if word in text}))


def test_sample_label_train_loop_themes(runner, tmp_path, fast_report) -> None:
    """The same loop for themes, with a team's own extra theme in its taxonomy.

    Runs once the themes task (issue 6, branch themes: ``train --task themes``,
    ``analyze --theme-model``) exists; skipped before.
    """
    import asn_sentiment.themes  # noqa: F401  (registers the themes task where it lives)
    import asn_sentiment.train  # noqa: F401

    if "themes" not in known_tasks():
        pytest.skip("the 'themes' task is not registered yet (train --task themes)")
    taxonomy = tmp_path / "taksonomi.toml"
    default = (Path(sampling.__file__).parent / "data" / "taxonomy.toml").read_text("utf-8")
    taxonomy.write_text(default + NEW_THEME, "utf-8")
    truth = _truth()
    texts = [t for t, _ in _comments(1, 14)]
    _analyze(runner, _comment_file(tmp_path, "komentar.csv", texts), tmp_path / "a")
    sheet = tmp_path / "to_label.xlsx"
    done = runner.invoke(
        cli,
        ["sample", str(tmp_path / "a" / "results.csv"), "--strategy", "stratified",
         "--taxonomy", str(taxonomy), "-o", str(sheet)],
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    assert "gedung_baru" in [c.value for c in load_workbook(sheet)["_lists"]["A"]]
    themes = {t: _themes_of(t) or (NO_THEME["id"],) for t in truth}
    _fill_sheet(sheet, truth, leave_empty=2, themes=themes)
    model = tmp_path / "themes-model"
    trained = runner.invoke(
        cli,
        ["--lang", "en", "train", "--task", "themes", "--taxonomy", str(taxonomy), str(sheet),
         "-o", str(model)],
    )  # fmt: skip
    assert trained.exit_code == 0, trained.output
    assert "2 rows left unlabelled skipped" in trained.stderr
    card = json.loads((model / "card.json").read_text("utf-8"))
    assert card["task"] == "themes" and card["data"]["train"][0]["unlabelled"] == 2
    assert "gedung_baru" in card["label_counts"]

    test_texts, out = _analyze_new_comments(runner, tmp_path, texts, "--theme-model", str(model))
    found = {
        t: set(filter(None, th.split(";")))
        for t, th in zip(out["text"], out["themes"], strict=True)
    }
    wanted = [(t, th) for t in test_texts for th in _themes_of(t)]
    recall = np.mean([th in found[t] for t, th in wanted])
    assert recall >= 0.8, recall
    assert np.mean([th in found[t] for t, th in wanted if th == "gedung_baru"]) >= 0.8
    assert np.mean([not found[t] for t in test_texts if not _themes_of(t)]) >= 0.7


# --- strategies ----------------------------------------------------------------------------------


def _results(n: int = 60, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    themes = ["", "kendala_teknologi", "beban_kerja;kendala_teknologi", "pelayanan_membaik"]
    rows = []
    for i in range(n):
        rows.append(
            {
                "source_file": "survei.csv" if i % 2 else "publik.csv",
                "row": i + 1,
                "source": "staff" if i % 2 else "public",
                "wave": "",
                "question": "Saran",
                "date": "2026-03-01",
                "unit": f"Dinas {i % 5}",
                "position": "Fungsional",
                "text": f"komentar nomor {i} tentang penataan",
                "text_hash": f"h{i}",
                "sentiment": ["negative", "neutral", "positive"][i % 3],
                "sentiment_confidence": round(float(rng.uniform(0.34, 0.99)), 4),
                "themes": themes[i % 4],
                "theme_evidence": "",
                "resistance": 0,
                "support": 0,
                "model_version": "sentiment@x",
                "theme_model_version": "rules:default",
                "Nama Responden": f"R-{i:04d}",
            }
        )
    return pd.DataFrame(rows)


def test_uncertain_picks_least_sure_first_and_contradictions() -> None:
    frame = _results()
    picked = sampling.pick(frame, 10, "uncertain", seed=0, taxonomy=TAXONOMY)
    conf = frame.set_index("text")["sentiment_confidence"]
    score = sampling.uncertainty(frame, TAXONOMY)
    assert list(picked["text"]) == list(frame["text"].iloc[np.argsort(-score, kind="stable")][:10])
    # positive with only resistance themes outranks an equally sure consistent comment
    two = frame.iloc[[0, 1]].copy()
    two["sentiment"], two["sentiment_confidence"] = "positive", 0.9
    two["themes"] = ["kendala_teknologi", "pelayanan_membaik"]
    assert sampling.pick(two, 1, "uncertain", taxonomy=TAXONOMY)["text"][0] == two["text"].iloc[0]
    assert conf.min() >= 0.34


def test_random_is_deterministic_per_seed() -> None:
    frame = _results()
    a = sampling.pick(frame, 20, "random", seed=1)
    assert a.equals(sampling.pick(frame, 20, "random", seed=1))
    assert not a.equals(sampling.pick(frame, 20, "random", seed=2))
    assert a["text"].is_unique


def test_stratified_includes_rare_themes_and_units() -> None:
    frame = _results(300)
    frame.loc[7, "themes"] = "partisipasi_masyarakat"  # one rare theme in 300
    picked = sampling.pick(frame, 30, "stratified", seed=0)
    assert "partisipasi_masyarakat" in set(picked["themes"])
    assert picked["unit"].nunique() == 5 and picked["source"].nunique() == 2
    assert picked["text"].is_unique and len(picked) == 30
    # every stratum (theme × sentiment) is represented before any gets a second row
    strata = {
        (th or "", s)
        for th_list, s in zip(frame["themes"], frame["sentiment"], strict=True)
        for th in th_list.split(";")
    }
    assert len(strata) <= 30
    got = {
        (th or "", s)
        for th_list, s in zip(picked["themes"], picked["sentiment"], strict=True)
        for th in th_list.split(";")
    }
    assert strata <= got


def test_candidates_drop_duplicates_and_labelled() -> None:
    frame = _results(6)
    frame.loc[1, "text"] = "  KOMENTAR nomor 0   tentang penataan"
    frame.loc[2, "text"] = ""
    pool, duplicates, excluded = sampling.candidates(frame, {"komentar nomor 3 tentang penataan"})
    assert duplicates == 1 and excluded == 1 and len(pool) == 3


# --- the sheet -----------------------------------------------------------------------------------


@pytest.fixture
def results_csv(tmp_path) -> Path:
    frame = _results()
    frame.loc[3, "text"] = '=HYPERLINK("http://x.example","klik")'
    frame.loc[4, "text"] = "@SUM(A1) +62 812"
    frame.loc[5, "text"] = "hubungi saya di 0812-3456-7890 atau budi@example.com"  # --keep-pii
    return write_csv(frame, tmp_path / "results.csv")


def test_sheet_for_a_person_to_fill(runner, results_csv, tmp_path) -> None:
    out = tmp_path / "to_label.xlsx"
    done = runner.invoke(
        cli, ["sample", str(results_csv), "--n", "60", "--strategy", "random", "-o", str(out)]
    )
    assert done.exit_code == 0, done.output
    assert "60 komentar dipilih" in done.stderr
    book = load_workbook(out)
    assert book.sheetnames == ["label", "petunjuk", "_lists"]
    assert book["_lists"].sheet_state == "hidden"
    ws = book["label"]
    assert [c.value for c in ws[1]] == list(SHEET_COLUMNS)
    assert ws.freeze_panes == "C2"
    assert ws.column_dimensions["B"].width >= 60 and ws["B2"].alignment.wrap_text
    lists = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert set(lists) == {"C2:C61", "D2:D61 E2:E61 F2:F61"}
    assert lists["C2:C61"].formula1 == "'_lists'!$B$1:$B$3"
    assert lists["D2:D61 E2:E61 F2:F61"].formula1 == "'_lists'!$A$1:$A$13"
    options = [book["_lists"].cell(i, 1).value for i in range(1, 14)]
    assert options == [*TAXONOMY.ids, NO_THEME["id"]]
    assert all(dv.errorStyle == "stop" and dv.prompt for dv in lists.values())
    assert ws["C1"].comment is not None and "ISI" in ws["C1"].comment.text
    # privacy: nothing beyond the (masked) text, question, source, file and row
    assert not {"unit", "date", "position", "Nama Responden", "text_hash"} & set(
        c.value for c in ws[1]
    )
    values = {ws.cell(r, 2).value: ws.cell(r, 2) for r in range(2, ws.max_row + 1)}
    assert "hubungi saya di [TELEPON] atau [EMAIL]" in values
    formula = values['=HYPERLINK("http://x.example","klik")']
    assert formula.data_type == "s" and formula.quotePrefix
    assert values["@SUM(A1) +62 812"].quotePrefix
    instructions = [c.value for row in book["petunjuk"].iter_rows() for c in row if c.value]
    assert "kurang_sosialisasi" in instructions and "(tanpa tema)" in instructions


def test_english_sheet_and_same_bytes(runner, results_csv, tmp_path) -> None:
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for out in (a, b):
        done = runner.invoke(
            cli,
            ["--lang", "en", "sample", str(results_csv), "--n", "5", "--seed", "4", "-o", str(out)],
        )
        assert done.exit_code == 0, done.output
    assert a.read_bytes() == b.read_bytes()
    book = load_workbook(a)
    assert book.sheetnames == ["label", "instructions", "_lists"]
    assert book["_lists"].cell(13, 1).value == NO_THEME["en"]


def test_save_workbook_has_fixed_timestamps(tmp_path) -> None:
    """openpyxl's save() stamps the current time into docProps/core.xml; ours does not."""
    from asn_sentiment.outputs import write_xlsx

    path = write_xlsx({"t": pd.DataFrame({"a": [1]})}, tmp_path / "t.xlsx")
    with zipfile.ZipFile(path) as z:
        core = z.read("docProps/core.xml").decode()
    assert "1980-01-01T00:00:00Z</dcterms:modified>" in core


def test_exclude_earlier_sheets(runner, results_csv, tmp_path) -> None:
    first, second = tmp_path / "round1.xlsx", tmp_path / "round2.xlsx"
    assert (
        runner.invoke(cli, ["sample", str(results_csv), "--n", "25", "-o", str(first)]).exit_code
        == 0
    )
    done = runner.invoke(
        cli,
        [
            "--lang",
            "en",
            "sample",
            str(results_csv),
            "--n",
            "50",
            "--exclude",
            str(first),
            "-o",
            str(second),
        ],
    )
    assert done.exit_code == 0, done.output
    assert "Only 35 distinct" in done.stderr and "25 already labelled" in done.stderr
    assert not set(_sheet_texts(first)) & set(_sheet_texts(second))


@pytest.mark.parametrize(
    "args,needle",
    [
        (["--n", "5", "-o", "{tmp}/x.csv"], "x.csv"),
        (["--n", "5", "-o", "{tmp}/exists.xlsx"], "--overwrite"),
        (["--taxonomy", "{tmp}/none.toml", "-o", "{tmp}/y.xlsx"], "none.toml"),
        (["--exclude", "{tmp}/missing.xlsx", "-o", "{tmp}/y.xlsx"], "missing.xlsx"),
    ],
)
def test_sample_user_errors(runner, results_csv, tmp_path, args, needle) -> None:
    (tmp_path / "exists.xlsx").write_bytes(b"keep me")
    argv = ["sample", str(results_csv), *[a.format(tmp=tmp_path) for a in args]]
    result = runner.invoke(cli, argv)
    assert_user_error(result)
    assert needle in result.stderr
    assert (tmp_path / "exists.xlsx").read_bytes() == b"keep me"
    assert not (tmp_path / "y.xlsx").exists()


def test_n_must_be_positive(results_csv, tmp_path) -> None:
    with pytest.raises(InputError, match="--n"):
        sampling.sample([results_csv], tmp_path / "s.xlsx", n=0)


def test_uncertain_needs_confidence(runner, tmp_path) -> None:
    frame = _results(5)
    frame["sentiment_confidence"] = ""
    path = write_csv(frame, tmp_path / "results.csv")
    result = runner.invoke(
        cli, ["--lang", "en", "sample", str(path), "-o", str(tmp_path / "s.xlsx")]
    )
    assert_user_error(result)
    assert "--strategy random" in result.stderr
    ok = runner.invoke(
        cli, ["sample", str(path), "--strategy", "stratified", "-o", str(tmp_path / "s.xlsx")]
    )
    assert ok.exit_code == 0, ok.output


def test_not_a_results_file(runner, tmp_path, write_csv) -> None:
    src = write_csv("k.csv", "Komentar\nhalo\n")
    result = runner.invoke(cli, ["sample", str(src), "-o", str(tmp_path / "s.xlsx")])
    assert_user_error(result)


# --- reading filled sheets back ------------------------------------------------------------------


@pytest.fixture
def blank_sheet(tmp_path) -> Path:
    table = sampling.sheet_frame(_results(8))
    return sampling.write_label_sheet(table, tmp_path / "s.xlsx")


def _set(path: Path, cells: dict[str, object]) -> Path:
    book = load_workbook(path)
    for ref, value in cells.items():
        book["label"][ref] = value
    book.save(path)
    return path


def test_formula_like_text_round_trips(runner, results_csv, tmp_path) -> None:
    out = tmp_path / "s.xlsx"
    assert (
        runner.invoke(cli, ["sample", str(results_csv), "--n", "60", "-o", str(out)]).exit_code == 0
    )
    book = load_workbook(out)
    ws = book["label"]
    for r in range(2, ws.max_row + 1):
        ws.cell(r, 3).value = ["negative", "neutral", "positive"][r % 3]
    book.save(out)
    data = read_labelled([out], task="sentiment")
    assert '=HYPERLINK("http://x.example","klik")' in set(data.texts)


def test_sheet_errors_name_the_row(blank_sheet) -> None:
    _set(blank_sheet, {"C2": "positif", "C3": "bagus sekali"})
    with pytest.raises(InputError, match="row 3") as err:
        read_labelled([blank_sheet], task="sentiment")
    assert "bagus sekali" in str(err.value)
    _set(blank_sheet, {"C3": ""})
    with pytest.raises(InputError, match="at least two"):
        read_labelled([blank_sheet], task="sentiment")
    with pytest.raises(InputError, match="not 'emotion'"):
        read_labelled([blank_sheet], task="emotion")


def test_empty_sheet_says_what_to_fill(runner, blank_sheet, tmp_path) -> None:
    result = runner.invoke(
        cli, ["--lang", "en", "train", str(blank_sheet), "-o", str(tmp_path / "m")]
    )
    assert_user_error(result, tmp_path / "m")
    assert "no labels in column(s) sentiment" in result.stderr


class _Themes:
    """A stand-in multi-label task (the real one lives in the themes module)."""

    name = "themes"
    multilabel = True
    taxonomy = None


def test_theme_columns_become_one_label(blank_sheet) -> None:
    _set(
        blank_sheet,
        {
            "D2": "kendala_teknologi",
            "E2": "pelatihan_bermanfaat",
            "F2": "kendala_teknologi",
            "D3": NO_THEME["id"],
            "E4": " Beban_Kerja ",
            "D5": "kurang_sosialisasi; beban_kerja",
        },
    )
    raw = pd.read_excel(blank_sheet, sheet_name="label")
    got = sampling.read_label_sheet(raw, _Themes(), blank_sheet)
    assert got.frame["label"].tolist() == [
        "kendala_teknologi;pelatihan_bermanfaat",
        "",
        "beban_kerja",
        "kurang_sosialisasi;beban_kerja",
    ]
    assert (got.labelled, got.unlabelled) == (4, 4)
    assert got.frame["text"].tolist() == raw["text"].iloc[:4].tolist()
    _set(blank_sheet, {"D6": "kendala_teknolgi"})
    with pytest.raises(InputError, match="row 6.*kendala_teknolgi.*taxonomy 'default@"):
        sampling.read_label_sheet(
            pd.read_excel(blank_sheet, sheet_name="label"), _Themes(), blank_sheet
        )
    _set(blank_sheet, {"D6": NO_THEME["en"], "E6": "beban_kerja"})
    with pytest.raises(InputError, match="row 6"):
        sampling.read_label_sheet(
            pd.read_excel(blank_sheet, sheet_name="label"), _Themes(), blank_sheet
        )


def test_sheet_beside_other_labelled_files(blank_sheet, tmp_path) -> None:
    _set(blank_sheet, {"C2": "positive", "C3": "negative"})
    other = tmp_path / "lain.csv"
    other.write_text("komentar,sentimen\nbagus sekali,positive\njelek,negative\n", "utf-8")
    data = read_labelled([blank_sheet, other], task="sentiment", text_col="komentar")
    assert len(data) == 4 and data.labels[2:] == [("positive",), ("negative",)]
    data = read_labelled([other, blank_sheet], task="sentiment", text_col="komentar")
    assert [f["rows"] for f in data.files] == [2, 2]


def test_label_sheet_moved_behind_the_instructions(blank_sheet) -> None:
    _set(blank_sheet, {"C2": "positive", "C3": "negative"})
    book = load_workbook(blank_sheet)
    book.move_sheet("label", offset=1)
    book.save(blank_sheet)
    assert load_workbook(blank_sheet).sheetnames[0] == "petunjuk"
    assert len(read_labelled([blank_sheet], task="sentiment")) == 2


def test_sheet_saved_as_csv_still_reads(blank_sheet, tmp_path) -> None:
    """A sheet exported to CSV (e.g. from Google Sheets) keeps its columns, so it still reads."""
    _set(blank_sheet, {"C2": "positive", "C3": "negative", "D2": "beban_kerja"})
    csv = tmp_path / "label.csv"
    pd.read_excel(blank_sheet, sheet_name="label").to_csv(csv, index=False)
    data = read_labelled([csv], task="sentiment")
    assert data.labels == [("positive",), ("negative",)] and data.files[0]["unlabelled"] == 6


def test_where_on_a_column_the_sheet_lacks_does_not_apply(blank_sheet) -> None:
    _set(blank_sheet, {"C2": "positive", "C3": "negative", "C4": "neutral"})
    data = read_labelled([blank_sheet], task="sentiment", where=["split=train"])
    assert len(data) == 3 and data.files[0]["unlabelled"] == 5
    assert len(read_labelled([blank_sheet], task="sentiment", where=["source=public"])) == 2


SENTIMENT_CELLS = st.sampled_from(
    ["", " ", "positive", "Positif", "NETRAL", " negative ", "neg", "pos", "neutral", None]
)
THEME_CELLS = st.sampled_from([*TAXONOMY.ids, "", None, NO_THEME["id"], NO_THEME["en"].upper()])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(
        st.tuples(
            st.text(min_size=0, max_size=30),
            SENTIMENT_CELLS,
            st.lists(THEME_CELLS, min_size=3, max_size=3),
        ),
        min_size=1,
        max_size=25,
    )
)
def test_parsing_a_filled_sheet(rows) -> None:
    """Labels come from exactly the filled cells; blank rows are counted, never guessed."""
    raw = pd.DataFrame(
        {
            "id": range(1, len(rows) + 1),
            "text": [r[0] for r in rows],
            "sentiment": [r[1] for r in rows],
            **{c: [r[2][k] for r in rows] for k, c in enumerate(THEME_COLUMNS)},
            "note": "",
            "model_sentiment": "neutral",
        }
    )
    has_text = [bool(str(r[0]).strip()) for r in rows]
    # sentiment
    filled = [bool((r[1] or "").strip()) and t for r, t in zip(rows, has_text, strict=True)]
    if any(filled):
        got = sampling.read_label_sheet(raw, get_task("sentiment"), "s.xlsx")
        expected = [
            sampling.SENTIMENT_ALIASES[(r[1] or "").strip().lower()]
            for r, f in zip(rows, filled, strict=True)
            if f
        ]
        assert got.frame["label"].tolist() == expected
        assert got.labelled + got.unlabelled == len(rows)
        assert got.frame["text"].tolist() == [r[0] for r, f in zip(rows, filled, strict=True) if f]
    else:
        with pytest.raises(InputError):
            sampling.read_label_sheet(raw, get_task("sentiment"), "s.xlsx")
    # themes
    no_theme = {v.lower() for v in NO_THEME.values()}
    expect_rows, mixed = [], False
    for (_, _, cells), t in zip(rows, has_text, strict=True):
        values = [c.strip() for c in cells if c is not None and c.strip()]
        ids = {c for c in values if c.lower() not in no_theme}
        mixed |= bool(ids) and len(ids) < len(set(values))
        if values and t:
            expect_rows.append(";".join(i for i in TAXONOMY.ids if i in ids))
    if mixed:
        with pytest.raises(InputError, match="row"):
            sampling.read_label_sheet(raw, _Themes(), "s.xlsx")
    elif expect_rows:
        got = sampling.read_label_sheet(raw, _Themes(), "s.xlsx")
        assert got.frame["label"].tolist() == expect_rows
        assert got.labelled == len(expect_rows) and got.unlabelled == len(rows) - len(expect_rows)
    else:
        with pytest.raises(InputError):
            sampling.read_label_sheet(raw, _Themes(), "s.xlsx")


def test_cli_offers_every_strategy() -> None:
    option = next(p for p in cli.commands["sample"].params if p.name == "strategy")
    assert tuple(option.type.choices) == sampling.STRATEGIES


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    texts=st.lists(
        st.text(min_size=1, max_size=60).filter(str.strip), min_size=2, max_size=6, unique=True
    )
)
def test_any_text_survives_the_sheet(texts, tmp_path_factory) -> None:
    """Whatever a comment holds (formulas, control characters, any script) trains as written."""
    from asn_sentiment.outputs import _xlsx_value
    from asn_sentiment.privacy import mask_pii

    results = _results(len(texts))
    results["text"] = texts
    table = sampling.sheet_frame(results)
    table["sentiment"] = ["positive", "negative"] * (len(texts) // 2) + ["neutral"] * (
        len(texts) % 2
    )
    path = sampling.write_label_sheet(table, tmp_path_factory.mktemp("s") / "s.xlsx")
    data = read_labelled([path], task="sentiment")
    written = [mask_pii(t).replace("\r\n", "\n").replace("\r", "\n") for t in texts]
    assert list(table["text"]) == written
    assert list(data.texts) == [_xlsx_value(t) for t in written]
    assert [x[0] for x in data.labels] == table["sentiment"].tolist()
