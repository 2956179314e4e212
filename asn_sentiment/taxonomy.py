"""The theme taxonomy: which resistance and support themes exist.

The default taxonomy ships as ``data/taxonomy.toml`` (ids fixed, see the
project README).  Teams may pass their own file: themes can be added, labels
renamed, themes dropped.  Loading validates the file and raises
:class:`~asn_sentiment.errors.TaxonomyError` with a message that names the
problem.
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from asn_sentiment.errors import TaxonomyError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

KINDS = ("resistance", "support")
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
DEFAULT_NAME = "default"


@dataclass(frozen=True)
class Theme:
    """One theme: fixed id, kind, display labels and rule keywords."""

    id: str
    kind: str
    label_id: str
    label_en: str
    description: str = ""
    examples: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()

    def label(self, lang: str = "id") -> str:
        """Display label in ``lang``."""
        return self.label_id if lang == "id" else self.label_en


@dataclass(frozen=True)
class Taxonomy:
    """An ordered set of themes, with a content hash used as its version."""

    themes: tuple[Theme, ...]
    source: str = DEFAULT_NAME
    sha256: str = ""
    #: The TOML text it was read from (stored in theme model cards).
    text: str = field(default="", compare=False, repr=False)
    _by_id: dict[str, Theme] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {th.id: th for th in self.themes})

    @property
    def ids(self) -> list[str]:
        """Theme ids in file order."""
        return [th.id for th in self.themes]

    def ids_of_kind(self, kind: str) -> list[str]:
        """Theme ids of one kind (``resistance`` or ``support``)."""
        return [th.id for th in self.themes if th.kind == kind]

    def __getitem__(self, theme_id: str) -> Theme:
        return self._by_id[theme_id]

    def __contains__(self, theme_id: object) -> bool:
        return theme_id in self._by_id

    def __len__(self) -> int:
        return len(self.themes)

    @property
    def version(self) -> str:
        """Short version string: source name and content hash prefix."""
        return f"{self.source}@{self.sha256[:8]}"


def _as_str_tuple(value: object, where: str, path: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TaxonomyError(
            "err.taxonomy_invalid", path=path, problem=f"{where} must be a list of strings"
        )
    return tuple(value)


def parse_taxonomy(text: str, source: str = DEFAULT_NAME) -> Taxonomy:
    """Parse and validate taxonomy TOML text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TaxonomyError("err.taxonomy_unreadable", path=source, reason=str(exc)) from None
    entries = data.get("theme")
    if not isinstance(entries, list) or not entries:
        raise TaxonomyError("err.taxonomy_invalid", path=source, problem="no [[theme]] entries")
    themes: list[Theme] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise TaxonomyError(
                "err.taxonomy_invalid", path=source, problem=f"theme {number} is not a table"
            )
        theme_id = entry.get("id")
        where = f"theme {number} ({theme_id!r})"
        if not isinstance(theme_id, str) or not ID_PATTERN.match(theme_id):
            raise TaxonomyError(
                "err.taxonomy_invalid",
                path=source,
                problem=f"{where}: id must be snake_case letters, digits and '_' starting with a letter",
            )
        if theme_id in seen:
            raise TaxonomyError(
                "err.taxonomy_invalid", path=source, problem=f"id {theme_id!r} appears twice"
            )
        seen.add(theme_id)
        kind = entry.get("kind")
        if kind not in KINDS:
            raise TaxonomyError(
                "err.taxonomy_invalid",
                path=source,
                problem=f"{where}: kind must be 'resistance' or 'support'",
            )
        label_id = entry.get("label_id") or entry.get("label_en") or theme_id
        label_en = entry.get("label_en") or label_id
        if not isinstance(label_id, str) or not isinstance(label_en, str):
            raise TaxonomyError(
                "err.taxonomy_invalid", path=source, problem=f"{where}: labels must be strings"
            )
        themes.append(
            Theme(
                id=theme_id,
                kind=kind,
                label_id=label_id,
                label_en=label_en,
                description=str(entry.get("description", "")),
                examples=_as_str_tuple(entry.get("examples"), f"{where}: examples", source),
                keywords=_as_str_tuple(entry.get("keywords"), f"{where}: keywords", source),
            )
        )
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Taxonomy(themes=tuple(themes), source=source, sha256=digest, text=text)


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Load the default taxonomy, or the TOML file at ``path``."""
    if path is None:
        text = resources.files("asn_sentiment").joinpath("data/taxonomy.toml").read_text("utf-8")
        return parse_taxonomy(text, DEFAULT_NAME)
    p = Path(path)
    if not p.is_file():
        raise TaxonomyError("err.taxonomy_unreadable", path=str(p), reason="file not found")
    try:
        text = p.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TaxonomyError("err.taxonomy_unreadable", path=str(p), reason=str(exc)) from None
    return parse_taxonomy(text, p.name)
