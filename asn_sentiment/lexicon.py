"""Lexicons that preprocessing uses, read from data files once per process.

Sources (all offline; see ``data/lexicon/README.md``):

- **Slang**: indoNLP's copy of the kamus-alay dictionary (Salsabila et al. 2018,
  ``indoNLP.preprocessing.SLANG_DATA``, about 4,300 entries, MIT licence), the
  most widely used colloquial-Indonesian lexicon, maintained and installable
  from PyPI.  Only its plain-word entries are used (its ~130 regular-expression
  keys target quote-marked reduplication that tokenisation already splits).
  The project's own files win over it: ``informal.tsv`` (negators to
  ``tidak``, corrections of kamus-alay entries), ``civil_service.tsv``
  (e-government and ASN spelling variants) and ``jambi_malay.tsv`` (idak,
  nian, galo, kagek, ado, ...).  Values are resolved to a fixed point, so
  ``gpp`` → ``enggak apa-apa`` (kamus-alay) ends as ``tidak apa-apa``.
- **Emoji**: the project's ``emoji.tsv`` for common emoji, else the Indonesian
  CLDR name from indoNLP's ``EMOJI_DATA``; text emoticons from ``emoticons.tsv``.
- **Word classes** (``word_classes.tsv``): negators, contrast words,
  intensifiers, modals and aspect words; **stop words** (``stopwords.txt``);
  **stem corrections** (``stem_corrections.tsv``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

#: The project's own normalisation lexicons, applied in this order after kamus-alay.
LOCAL_LEXICONS: tuple[str, ...] = ("informal.tsv", "civil_service.tsv", "jambi_malay.tsv")
WORD_CLASSES: tuple[str, ...] = ("negator", "contrast", "intensifier", "modal", "aspect")

_WORD = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: characters removed before emoji look-up: variation selectors, skin tones, joiners
EMOJI_MODIFIERS = "\ufe0e\ufe0f\u200d" + "".join(chr(c) for c in range(0x1F3FB, 0x1F400))


def _read(name: str) -> str:
    return resources.files("asn_sentiment").joinpath(f"data/lexicon/{name}").read_text("utf-8")


def read_rows(name: str) -> list[list[str]]:
    """Rows of ``data/lexicon/<name>``: tab-separated fields, ``#`` comment lines skipped."""
    rows = []
    for line in _read(name).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append([field.strip() for field in line.split("\t")])
    return rows


def read_tsv_lexicon(name: str) -> dict[str, str]:
    """Read ``data/lexicon/<name>`` (``form<TAB>standard[<TAB>note]``) as form → standard."""
    return {row[0].lower(): row[1].lower() for row in read_rows(name)}


@lru_cache(maxsize=1)
def local_lexicon() -> dict[str, str]:
    """The project's own entries (all :data:`LOCAL_LEXICONS` merged).

    Raises ``ValueError`` when two files disagree about a form.
    """
    merged: dict[str, str] = {}
    for name in LOCAL_LEXICONS:
        for form, standard in read_tsv_lexicon(name).items():
            if merged.get(form, standard) != standard:
                raise ValueError(f"{name}: '{form}' maps to '{standard}' and '{merged[form]}'")
            merged[form] = standard
    return merged


def _resolve(lexicon: dict[str, str]) -> dict[str, str]:
    """Map every word of every value through the lexicon until nothing changes."""
    resolved = dict(lexicon)
    for _ in range(5):
        changed = False
        for form, value in resolved.items():
            new = " ".join(resolved.get(w, w) if w != form else w for w in value.split())
            if new != value:
                resolved[form] = new
                changed = True
        if not changed:
            break
    return {form: value for form, value in resolved.items() if form != value}


@lru_cache(maxsize=1)
def slang_lexicon() -> dict[str, str]:
    """The merged form → standard mapping (kamus-alay, then the local files), resolved."""
    from indoNLP.preprocessing import SLANG_DATA

    merged = {k.lower(): v.lower() for k, v in SLANG_DATA.items() if _WORD.match(k.lower())}
    merged.update(local_lexicon())
    return _resolve(merged)


@lru_cache(maxsize=1)
def word_classes() -> dict[str, frozenset[str]]:
    """Class name (see :data:`WORD_CLASSES`) → words."""
    classes: dict[str, set[str]] = {c: set() for c in WORD_CLASSES}
    for word, cls in (row[:2] for row in read_rows("word_classes.tsv")):
        if cls not in classes:
            raise ValueError(f"word_classes.tsv: unknown class '{cls}' for '{word}'")
        classes[cls].add(word.lower())
    return {c: frozenset(words) for c, words in classes.items()}


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The curated stop words (``stopwords.txt``)."""
    return frozenset(row[0].lower() for row in read_rows("stopwords.txt"))


@lru_cache(maxsize=1)
def stem_corrections() -> dict[str, str]:
    """Sastrawi stem → corrected stem (``stem_corrections.tsv``)."""
    return {row[0]: row[1] for row in read_rows("stem_corrections.tsv")}


def _emoji_key(emoji: str) -> str:
    return "".join(ch for ch in emoji if ch not in EMOJI_MODIFIERS)


@lru_cache(maxsize=1)
def emoji_words() -> dict[str, str]:
    """Emoji (single character or flag pair, modifiers removed) → Indonesian words."""
    from indoNLP.preprocessing import EMOJI_DATA

    words: dict[str, str] = {}
    for emoji, names in EMOJI_DATA.items():
        key = _emoji_key(emoji)
        name = names.get("id") if isinstance(names, dict) else None
        if not name or not (len(key) == 1 or _is_flag(key)) or key in words:
            continue
        text = " ".join(w for w in re.split(r"[_\s]+", name.lower()) if w and w != "wajah")
        if text:
            words[key] = text
    for row in read_rows("emoji.tsv"):
        words[_emoji_key(row[0])] = row[1].lower()
    return words


def _is_flag(text: str) -> bool:
    return len(text) == 2 and all(0x1F1E6 <= ord(c) <= 0x1F1FF for c in text)


@lru_cache(maxsize=1)
def emoticons() -> dict[str, str]:
    """Text emoticon (lower case) → Indonesian words (``emoticons.tsv``)."""
    return {row[0].lower(): row[1].lower() for row in read_rows("emoticons.tsv")}
