"""Resistance and support themes: a transparent rule matcher over the taxonomy.

Every theme in the taxonomy carries keyword patterns (see
``data/taxonomy.toml``).  :class:`RuleThemeMatcher` matches them on text that
has been normalised (lower case, slang and Jambi Malay mapped to standard
Indonesian, elongation squeezed) but not stemmed, so patterns can be written
in the word forms people use.  A keyword preceded by a negator ("tidak
lancar") does not count unless the keyword itself starts with one.  Every
theme found comes with its evidence: the words that triggered it.

Theme models share one interface: ``version`` and
``predict(texts) -> list[list[(theme_id, evidence)]]``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from asn_sentiment.preprocess import NEGATORS, preprocess_batch
from asn_sentiment.taxonomy import Taxonomy

#: Preprocessing used before matching rules (no stemming, no negation marks).
RULE_STEPS = ("normalize", "placeholders", "elongation", "slang", "reduplication")


def compile_keyword(keyword: str) -> re.Pattern[str]:
    """Compile a taxonomy keyword (``*`` wildcard, ``~`` gap of up to 3 words)."""
    parts: list[str] = []
    for word in keyword.lower().split():
        if word == "~":
            parts.append(r"(?: \w+){0,3}")
            continue
        piece = re.escape(word).replace(r"\*", r"\w*")
        parts.append((" " if parts else "") + piece)
    return re.compile(r"(?<!\w)" + "".join(parts) + r"(?!\w)")


@dataclass(frozen=True)
class _Rule:
    theme: str
    keyword: str
    pattern: re.Pattern[str]
    negated_ok: bool


class RuleThemeMatcher:
    """Find themes by the taxonomy's keyword patterns, with evidence."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.rules = [
            _Rule(th.id, kw, compile_keyword(kw), kw.split()[0] in NEGATORS)
            for th in taxonomy.themes
            for kw in th.keywords
        ]

    @property
    def version(self) -> str:
        return f"rules:{self.taxonomy.version}"

    def predict(self, texts: Sequence[str]) -> list[list[tuple[str, str]]]:
        """Themes and evidence for each text, in taxonomy order."""
        normalised = preprocess_batch(texts, RULE_STEPS)
        return [self._match(text) for text in normalised]

    def _match(self, text: str) -> list[tuple[str, str]]:
        if not text:
            return []
        found: dict[str, list[str]] = {}
        for rule in self.rules:
            for m in rule.pattern.finditer(text):
                if not rule.negated_ok and _negated(text, m):
                    continue
                evidence = found.setdefault(rule.theme, [])
                if m.group(0) not in evidence:
                    evidence.append(m.group(0))
                break
        return [(tid, ", ".join(found[tid])) for tid in self.taxonomy.ids if tid in found]


def _negated(text: str, match: re.Match[str]) -> bool:
    """A negator just before the match, or inside a ``~`` gap of it."""
    around = text[: match.start()].split()[-2:] + match.group(0).split()[1:]
    return any(w in NEGATORS for w in around)
