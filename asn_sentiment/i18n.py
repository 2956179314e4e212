"""Human-facing text in Indonesian (default) and English.

Machine-readable values (column names, labels, theme ids) never go through
here; only what a person reads: CLI messages, chart labels, report text.
"""

from __future__ import annotations

from typing import Any

from asn_sentiment.messages import MESSAGES

LANGS: tuple[str, ...] = ("id", "en")
DEFAULT_LANG = "id"


def check_lang(lang: str) -> str:
    """Return ``lang`` if supported, else raise ``ValueError``."""
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}; use one of {LANGS}")
    return lang


def t(key: str, lang: str = DEFAULT_LANG, **params: Any) -> str:
    """Translate message ``key`` into ``lang`` and fill in ``params``."""
    entry = MESSAGES[key]
    template = entry.get(lang) or entry["en"]
    return template.format(**params) if params else template


def sentiment_label(label: str, lang: str = DEFAULT_LANG) -> str:
    """Display name of a sentiment label (``negative`` -> ``negatif``)."""
    key = f"sentiment.{label}"
    return t(key, lang) if key in MESSAGES else label


def kind_label(kind: str, lang: str = DEFAULT_LANG) -> str:
    """Display name of a theme kind (``resistance`` -> ``resistensi``)."""
    key = f"kind.{kind}"
    return t(key, lang) if key in MESSAGES else kind
