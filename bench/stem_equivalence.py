"""FastStemmer vs ``StemmerFactory().create_stemmer()`` on every distinct SmSA token.

The test suite compares FastStemmer with Sastrawi's code on every token and with
the factory stemmer itself on a sample; this script runs the factory stemmer (list
dictionary, about 50 ms a token) on all of them, in parallel, and records the
outcome in ``bench/RESULTS.md``.

    .venv/bin/python -m bench.stem_equivalence [--jobs 2]
"""

from __future__ import annotations

import argparse
import time
from multiprocessing import Pool

from Sastrawi.Stemmer.Filter import TextNormalizer

from bench.preprocess import SMSA
from bench.results import update_results


def tokens() -> list[str]:
    found: set[str] = set()
    for name in ("train.tsv", "valid.tsv"):
        for line in (SMSA / name).read_text("utf-8").splitlines():
            found.update(TextNormalizer.normalize_text(line.rsplit("\t", 1)[0]).split(" "))
    return sorted(found)


def reference(shard: list[str]) -> list[str]:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    stemmer = StemmerFactory().create_stemmer()
    return [stemmer.stem(t) for t in shard]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    from asn_sentiment.stemmer import FastStemmer, sastrawi_version

    words = tokens()
    shards = [words[i :: args.jobs * 8] for i in range(args.jobs * 8)]
    started = time.perf_counter()
    with Pool(args.jobs) as pool:
        results = pool.map(reference, shards)
    seconds = time.perf_counter() - started
    expected = {
        w: s
        for shard, res in zip(shards, results, strict=True)
        for w, s in zip(shard, res, strict=True)
    }
    fast = FastStemmer()
    t = time.perf_counter()
    ours = {w: fast.stem_word(w) for w in words}
    fast_seconds = time.perf_counter() - t
    diff = sorted(w for w in words if ours[w] != expected[w])
    section = "\n".join(
        [
            "## Stem equivalence (FastStemmer vs Sastrawi)",
            "",
            f"`python -m bench.stem_equivalence --jobs {args.jobs}`, {time.strftime('%Y-%m-%d')}, "
            f"Sastrawi {sastrawi_version()}: every distinct token of SmSA train+valid "
            f"({len(words):,}, as Sastrawi's text normaliser splits them) stemmed by "
            "`StemmerFactory().create_stemmer().stem(token)` and by `FastStemmer.stem_word`.",
            "",
            f"- tokens that differ: **{len(diff)}**{' (' + ', '.join(diff[:20]) + ')' if diff else ''}",
            f"- Sastrawi, list dictionary: {seconds:,.0f} s on {args.jobs} processes "
            f"({len(words) / seconds:,.1f} tokens/s)",
            f"- FastStemmer, cold, one process: {fast_seconds:.2f} s "
            f"({len(words) / fast_seconds:,.0f} tokens/s)",
        ]
    )
    print(section)
    update_results("stem-equivalence", section)
    if diff:
        raise SystemExit(f"{len(diff)} tokens differ")


if __name__ == "__main__":
    main()
