"""Every human-facing message exists in Indonesian and English with the same parameters."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from asn_sentiment.i18n import t
from asn_sentiment.messages import MESSAGES

PKG = Path(__file__).resolve().parent.parent / "asn_sentiment"


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_both_languages_same_fields(key) -> None:
    entry = MESSAGES[key]
    assert set(entry) == {"id", "en"}, key
    assert _fields(entry["id"]) == _fields(entry["en"]), key
    assert "\n" not in entry["id"] + entry["en"], "messages are one line"


def test_every_used_key_exists() -> None:
    used: set[str] = set()
    for path in PKG.rglob("*.py"):
        used |= set(
            re.findall(r'"((?:err|cli|chart|report)\.[a-z0-9_.]+)"', path.read_text("utf-8"))
        )
    dynamic_prefixes = ("cli.how.", "cli.source_why.", "chart.")
    missing = sorted(
        k
        for k in used
        if k not in MESSAGES
        and not k.endswith((".", ".html", ".j2", ".pdf"))
        and not k.startswith(dynamic_prefixes)
    )
    assert not missing


def test_translate() -> None:
    assert t("sentiment.negative", "id") == "negatif"
    assert t("err.file_missing", "en", path="x.csv").startswith("File 'x.csv'")
