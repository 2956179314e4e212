"""The labelled domain corpus meets its data card's promises."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from asn_sentiment.taxonomy import load_taxonomy

CORPUS = (
    Path(__file__).resolve().parent.parent
    / "asn_sentiment"
    / "data"
    / "corpus"
    / "domain_corpus.csv"
)


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    return pd.read_csv(CORPUS, keep_default_na=False, dtype=str)


def test_size_and_balance(corpus) -> None:
    ids = load_taxonomy().ids
    themes = corpus["themes"].str.split(";").map(lambda ts: [t for t in ts if t])
    assert len(corpus) >= 2400
    for tid in ids:
        assert sum(tid in ts for ts in themes) >= 150, tid
    assert sum(not ts for ts in themes) >= 300
    assert sum(len(ts) >= 2 for ts in themes) / len(corpus) >= 0.20
    assert {t for ts in themes for t in ts} <= set(ids)
    assert set(corpus["register"]) == {"staff", "public"}
    assert set(corpus["sentiment"]) == {"positive", "neutral", "negative"}
    assert corpus["id"].is_unique and corpus["text"].str.lower().is_unique


def test_split_is_fixed_and_about_a_fifth(corpus) -> None:
    assert set(corpus["split"]) == {"train", "test"}
    assert set(corpus["batch"]) == {"1", "2", "3"}
    for _, part in [("all", corpus), *corpus.groupby("batch")]:
        share = (part["split"] == "test").mean()
        assert 0.18 <= share <= 0.22


#: Salt of a later batch's split (the data card gives the rule).
BATCH_SALT = "asn-sentiment corpus batch {}"


def batch_split(part: pd.DataFrame, salt: str) -> list[str]:
    """The data card's rule: group by (rarest theme in the batch, or none) and sentiment, order
    each group by the salted SHA-256 of the text, the first of every five is ``test``."""
    ids = load_taxonomy().ids
    themes = [[t for t in cell.split(";") if t] for cell in part["themes"]]
    freq = Counter(t for ts in themes for t in ts)
    keys = [
        (min(ts, key=lambda t: (freq[t], ids.index(t))) if ts else "", sentiment)
        for ts, sentiment in zip(themes, part["sentiment"], strict=True)
    ]
    split = [""] * len(part)
    for key in set(keys):
        members = [i for i, k in enumerate(keys) if k == key]
        members.sort(
            key=lambda i: hashlib.sha256((salt + part["text"].iloc[i]).encode()).hexdigest()
        )
        for rank, i in enumerate(members):
            split[i] = "test" if rank % 5 == 0 else "train"
    return split


def test_later_batches_split_by_the_rule(corpus) -> None:
    """Each later batch's split follows the rule, fixed before anything was tuned on it."""
    later = sorted(set(corpus["batch"]) - {"1"})
    assert later
    for batch in later:
        part = corpus[corpus["batch"] == batch]
        assert batch_split(part, BATCH_SALT.format(batch)) == part["split"].tolist(), batch
    # the first batch keeps the split it had when the models were first tuned
    first = corpus[corpus["batch"] == "1"]
    assert len(first) == 2567 and (first["split"] == "test").sum() == 513


def shared_runs(ids: list[str], texts: list[str], n: int = 6) -> list[tuple[str, str, str]]:
    """Pairs of comments sharing a run of ``n`` words (tokens: ``\\w+``, lower case)."""
    seen: dict[tuple[str, ...], str] = {}
    clashes = []
    for cid, text in zip(ids, texts, strict=True):
        tokens = re.findall(r"\w+", text.lower())
        for gram in {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}:
            other = seen.setdefault(gram, cid)
            if other != cid:
                clashes.append((other, cid, " ".join(gram)))
    return clashes


def test_no_two_comments_share_six_words(corpus) -> None:
    clashes = shared_runs(corpus["id"].tolist(), corpus["text"].tolist())
    assert not clashes, clashes[:5]


def test_shared_run_check_can_fail() -> None:
    texts = ["Satu dua tiga empat lima enam tujuh", "nol satu, dua tiga empat lima enam"]
    assert shared_runs(["a", "b"], texts) == [("a", "b", "satu dua tiga empat lima enam")]
    assert shared_runs(["a", "b"], ["satu dua tiga empat lima", "satu dua tiga empat lima"]) == []


def test_double_annotation_is_consistent_with_the_final_labels(corpus) -> None:
    """Agreed comments keep the agreed label; only disagreements were adjudicated."""
    ann = pd.read_csv(CORPUS.with_name("annotations.csv"), keep_default_na=False, dtype=str)
    assert list(ann["id"]) == list(corpus["id"])
    final = corpus.set_index("id")
    agreed = (ann["writer_sentiment"] == ann["second_sentiment"]) & (
        ann["writer_themes"] == ann["second_themes"]
    )
    assert (ann["adjudicated"] == "1").equals(~agreed)
    same = ann[agreed]
    assert (final.loc[same["id"], "sentiment"].values == same["writer_sentiment"].values).all()
    assert (final.loc[same["id"], "themes"].values == same["writer_themes"].values).all()
    # the agreement figure quoted in the data card
    batch = corpus["batch"].to_numpy()
    sentiment_agreement = (ann["writer_sentiment"] == ann["second_sentiment"])[batch == "1"].mean()
    assert round(sentiment_agreement, 3) == 0.910


def test_themes_are_listed_in_taxonomy_order(corpus) -> None:
    order = {t: i for i, t in enumerate(load_taxonomy().ids)}
    for cell in corpus["themes"]:
        ids = [t for t in cell.split(";") if t]
        assert ids == sorted(ids, key=order.__getitem__), cell
