"""Normalisation lexicons: slang, local Jambi Malay and civil-service terms.

Two sources, merged in this order (later wins):

1. indoNLP's kamus-alay slang dictionary (``indoNLP.preprocessing.SLANG_DATA``,
   MIT licence, about 4,300 entries, bundled with the package so nothing is
   downloaded).  Only plain word entries are used (its few regex keys are not).
2. The project's own ``data/lexicon/local.tsv``: Jambi Malay (idak, nian, galo,
   kagek, ado, ...), negators normalised to ``tidak`` and civil-service terms.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

_WORD = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def read_tsv_lexicon(name: str) -> dict[str, str]:
    """Read ``data/lexicon/<name>`` (``form<TAB>standard[<TAB>note]``)."""
    text = resources.files("asn_sentiment").joinpath(f"data/lexicon/{name}").read_text("utf-8")
    entries: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        entries[parts[0].strip().lower()] = parts[1].strip().lower()
    return entries


@lru_cache(maxsize=1)
def slang_lexicon() -> dict[str, str]:
    """The merged form → standard mapping (indoNLP kamus-alay, then local)."""
    from indoNLP.preprocessing import SLANG_DATA

    merged = {k.lower(): v.lower() for k, v in SLANG_DATA.items() if _WORD.match(k.lower())}
    merged.update(read_tsv_lexicon("local.tsv"))
    return merged
