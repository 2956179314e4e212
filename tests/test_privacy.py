"""Privacy: masking personal data (measured on a labelled set), pseudonyms, no leak to outputs."""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_sentiment.ingest import read_comments
from asn_sentiment.privacy import (
    find_pii,
    is_identifier_header,
    key_id,
    load_key,
    mask_pii,
    pseudonymise,
)

from .conftest import DATA, SURVEYS

_MARK = re.compile(r"\{(NIP|NIK|TELEPON|EMAIL):([^}]*)\}")


def labelled_sentences() -> list[tuple[str, list[tuple[str, str]]]]:
    """(sentence, gold entities) from tests/data/pii_sentences.txt."""
    out = []
    for line in (DATA / "pii_sentences.txt").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        gold = [(m.group(1), m.group(2)) for m in _MARK.finditer(line)]
        out.append((_MARK.sub(lambda m: m.group(2), line), gold))
    return out


def test_masking_precision_and_recall_on_labelled_set(record_property) -> None:
    """Entity-level: a found item counts only if its label and exact span are right."""
    sentences = labelled_sentences()
    assert len(sentences) >= 50
    tp = fp = fn = 0
    misses = []
    for text, gold in sentences:
        found = Counter(find_pii(text))
        expected = Counter(gold)
        hit = found & expected
        tp += sum(hit.values())
        fp += sum((found - expected).values())
        fn += sum((expected - found).values())
        if found != expected:
            misses.append((text, sorted(found - expected), sorted(expected - found)))
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    n_gold = tp + fn
    record_property("metric: pii masking precision", f"{precision:.3f} ({tp}/{tp + fp})")
    record_property(
        "metric: pii masking recall", f"{recall:.3f} ({tp}/{n_gold}, {len(sentences)} sentences)"
    )
    print(
        f"\nPII masking on {len(sentences)} sentences ({n_gold} items): precision {precision:.3f}, recall {recall:.3f}"
    )
    assert precision >= 0.95 and recall >= 0.95, misses


def test_masked_sentences_keep_the_rest() -> None:
    for text, gold in labelled_sentences():
        masked = mask_pii(text)
        for _label, value in gold:
            assert value not in masked
        if not gold:
            assert masked == text


@pytest.mark.parametrize(
    "text,expected",
    [
        ("NIP 19870312 201001 1 002, hp 0812-3456-7890", "NIP [NIP], hp [TELEPON]"),
        ("nik 1504046806919985.", "nik [NIK]."),
        ("mail: Budi.S@Example.co.id!", "mail: [EMAIL]!"),
        ("+62 (812) 3456-7890", "[TELEPON]"),
        ("", ""),
    ],
)
def test_mask_examples(text, expected) -> None:
    assert mask_pii(text) == expected


@given(st.text(max_size=200))
def test_masking_is_idempotent_and_total(text) -> None:
    once = mask_pii(text)
    assert mask_pii(once) == once
    assert not find_pii(once)


@given(
    st.sampled_from(["", "NIP ", "nip: ", "(", "x "]),
    st.integers(min_value=10**17, max_value=10**18 - 1),
    st.sampled_from(["", ".", ",", " ok", ")"]),
)
def test_any_18_digit_number_is_masked(prefix, number, suffix) -> None:
    assert str(number) not in mask_pii(f"{prefix}{number}{suffix}")


@pytest.mark.parametrize(
    "header,expected",
    [
        ("nama", True),
        ("nama opsional", True),
        ("email address", True),
        ("no hp wa", True),
        ("nama unit kerja", False),
        ("nama kegiatan", False),
        ("unit kerja", False),
        ("alamat email aktif", True),
    ],
)
def test_identifier_headers(header, expected) -> None:
    assert is_identifier_header(header) is expected


def test_pseudonyms_are_keyed_stable_and_blank_for_anonymous(tmp_path, monkeypatch) -> None:
    key = load_key()
    assert load_key() == key  # created once, then reused
    path = Path(__import__("os").environ["ASN_SENTIMENT_KEY_FILE"])
    assert path.stat().st_mode & 0o077 == 0  # readable by its owner only
    a = pseudonymise("Budi  Santoso", key)
    assert a == pseudonymise("budi santoso", key) and a.startswith("R-")
    assert a != pseudonymise("Budi Santoso", b"another key")
    assert pseudonymise("Anonim", key) == pseudonymise("-", key) == ""
    monkeypatch.setenv("ASN_SENTIMENT_PSEUDONYM_KEY", "team secret")
    assert load_key() == b"team secret"
    assert len(key_id(b"team secret")) == 8


def test_identifier_columns_pseudonymised_and_keep_pii_opts_out(write_csv) -> None:
    src = write_csv(
        "f.csv",
        "Nama,Email Address,Komentar\n"
        "Budi Santoso,budi@example.com,aplikasi sering error di kantor kami\n"
        "Anonim,,sosialisasi belum sampai ke staf pelaksana\n"
        "Budi Santoso,budi@example.com,hubungi 0812-3456-7890 ya pak\n",
    )
    masked = read_comments([src])
    frame = masked.frame
    assert masked.files[0].identifier_columns == ["Nama", "Email Address"]
    assert frame["Nama"].tolist()[0] == frame["Nama"].tolist()[2] != "Budi Santoso"
    assert frame["Nama"].tolist()[1] == ""
    assert "budi@example.com" not in frame.to_csv()
    assert frame.loc[2, "text"] == "hubungi [TELEPON] ya pak"
    kept = read_comments([src], keep_pii=True).frame
    assert kept.loc[0, "Nama"] == "Budi Santoso" and "0812-3456-7890" in kept.loc[2, "text"]


# --- the bundled samples: no personal data in any output ---------------------------------

SAMPLES = [
    SURVEYS / "staff_survey_wave1_2026-02.csv",
    SURVEYS / "staff_survey_wave2_2026-05.csv",
    SURVEYS / "staff_survey_wave3_2026-08.xlsx",
    SURVEYS / "public_comments.csv",
]


def sample_pii() -> tuple[list[str], list[str], list[str]]:
    """(digit strings, e-mails, names) of the personal data in the samples.

    Found independently of the masking code: the truth labels say which 14 cells
    hold personal data, and the raw cells are searched with simple patterns.
    """
    labels = pd.read_csv(SURVEYS / "truth" / "labels.csv", keep_default_na=False)
    labels = labels[labels["pii"] != ""]
    digits, emails = [], []
    for _, lab in labels.iterrows():
        path = SURVEYS / lab["file"]
        raw = (
            pd.read_excel(path, dtype=object)
            if path.suffix == ".xlsx"
            else pd.read_csv(path, dtype=str, keep_default_na=False)
        )
        cell = str(raw.iloc[lab["row"] - 1][lab["question"]])
        emails += re.findall(r"[\w.+-]+@[\w.-]+\w", cell)
        for run in re.findall(r"\+?\d[\d \-]{8,}\d", cell):
            digits.append(re.sub(r"\D", "", run))
    names = []
    for path in SAMPLES[:2]:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
        names += [n for n in raw["Nama (opsional)"] if len(n.split()) >= 2]
    return digits, emails, names


@pytest.fixture(scope="module")
def analysed_samples(tmp_path_factory) -> Path:
    from asn_sentiment.analysis import analyze
    from asn_sentiment.store import export

    out = tmp_path_factory.mktemp("samples")
    analyze(SAMPLES, out / "files", events=SURVEYS / "events.csv", generated="2026-01-01")
    analyze(SAMPLES, out / "stored", db=out / "store.db", generated="2026-01-01")
    export(out / "store.db", out / "export.csv")
    export(out / "store.db", out / "export.xlsx")
    return out


def _texts_of(path: Path) -> str:
    """Every string a file holds: XLSX parts unzipped, everything else as bytes."""
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as z:
            return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return path.read_bytes().decode("utf-8", "replace")


def test_no_personal_data_in_any_output(analysed_samples) -> None:
    digits, emails, names = sample_pii()
    assert len(digits) + len(emails) >= 14 and len(names) >= 5
    outputs = [p for p in analysed_samples.rglob("*") if p.is_file()]
    assert any(p.name == "results.csv" for p in outputs) and any(p.suffix == ".db" for p in outputs)
    for path in outputs:
        text = _texts_of(path)
        squeezed = re.sub(r"(?<=\d)[ \-.]+(?=\d)", "", text)
        for d in digits:
            assert d not in squeezed, (path, d)
            assert d[-10:] not in squeezed, (path, d)  # also without +62 / 0 prefix
        for e in emails:
            assert e.lower() not in text.lower(), (path, e)
        for n in names:
            assert n not in text, (path, n)


def test_store_and_file_analyses_give_the_same_results(analysed_samples) -> None:
    """analyze --db (ingest, classify what is new, read back) equals analyze on the files."""
    files = (analysed_samples / "files" / "results.csv").read_bytes()
    stored = (analysed_samples / "stored" / "results.csv").read_bytes()
    assert files == stored
