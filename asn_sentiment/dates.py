"""Date parsing for the dates found in Indonesian survey and complaint exports.

Understood forms: ISO (``2026-03-14``, with or without a time), numeric
day/month/year or month/day/year with ``/``, ``-`` or ``.`` (Indonesian Excel
``14/03/2026``, Google Forms ``3/14/2026 10:22:05``), month names in
Indonesian or English (``14 Maret 2026``, ``14-Mar-26``, ``March 14, 2026``),
and real date cells from Excel files.

The day/month order of numeric dates is decided per column from the values:
a first number above 12 means day first, a second number above 12 means month
first.  When every value reads both ways the column is ambiguous and we refuse
to guess (:class:`~asn_sentiment.errors.DateError`) unless the caller decides
with ``dayfirst=True/False``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

MONTHS: dict[str, int] = {
    # Indonesian
    "januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6,
    "juli": 7, "agustus": 8, "september": 9, "oktober": 10, "november": 11, "nopember": 11,
    "desember": 12,
    "jan": 1, "feb": 2, "peb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "agu": 8, "agt": 8,
    "ags": 8, "agus": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "nop": 11, "des": 12,
    # English
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
    "october": 10, "december": 12, "aug": 8, "oct": 10, "dec": 12,
}  # fmt: skip

_TIME = r"(?:(?:[ t,]+|,? pukul |,? jam |,? at )\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?(?:\s*(?:gmt|utc|wib|wita|wit)?\s*[+-]?\d{0,2}(?::?\d{2})?)?)?"
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME + r"(?:z|[+-]\d{2}:?\d{2})?$")
_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})" + _TIME + "$")
_NAMED_DMY = re.compile(
    r"^(?:[a-z]+,?\s+)?(\d{1,2})[\s\-/.]+([a-z]+)\.?[\s\-/.,]+(\d{2}|\d{4})" + _TIME + "$"
)
_NAMED_MDY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})" + _TIME + "$")


@dataclass
class DateParse:
    """Result of parsing one column of dates."""

    iso: list[str]
    order: str  # "iso", "dayfirst", "monthfirst", "named", "none"
    invalid_rows: list[int] = field(default_factory=list)  # 0-based positions
    invalid_examples: list[str] = field(default_factory=list)
    ambiguous_example: str = ""
    dayfirst_example: str = ""
    monthfirst_example: str = ""
    #: numeric dates that are impossible when read day first / month first (0-based)
    invalid_if_dayfirst: list[tuple[int, str]] = field(default_factory=list)
    invalid_if_monthfirst: list[tuple[int, str]] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)


def _year(text: str) -> int:
    """Four-digit year; two digits pivot as ``strptime("%y")`` does (69-99 -> 19xx)."""
    y = int(text)
    if len(text) == 2:
        return y + (1900 if y >= 69 else 2000)
    return y


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _parse_non_numeric(value: str) -> dt.date | None | str:
    """Parse forms whose order is not in doubt; return "numeric" for d/m forms."""
    m = _ISO.match(value)
    if m:
        return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if _NUMERIC.match(value):
        return "numeric"
    m = _NAMED_DMY.match(value)
    if m and m.group(2) in MONTHS:
        return _safe_date(_year(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))
    m = _NAMED_MDY.match(value)
    if m and m.group(1) in MONTHS:
        return _safe_date(_year(m.group(3)), MONTHS[m.group(1)], int(m.group(2)))
    return None


def _clean(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN
        return ""
    return re.sub(r"\s+", " ", str(value)).strip().lower()


def parse_dates(values: Sequence[object], dayfirst: bool | None = None) -> DateParse:
    """Parse a column of dates to ISO strings (``""`` for empty values).

    Never raises: the caller decides what an ambiguous or invalid column means.
    """
    iso: list[str] = [""] * len(values)
    numeric: list[tuple[int, int, int, int, str]] = []  # (pos, a, b, year, raw)
    result = DateParse(iso=iso, order="none")
    kinds: set[str] = set()
    for pos, raw in enumerate(values):
        if raw is None or raw is pd.NaT or (isinstance(raw, float) and raw != raw):
            continue
        if isinstance(raw, dt.datetime):
            iso[pos] = raw.date().isoformat()
            kinds.add("iso")
            continue
        if isinstance(raw, dt.date):
            iso[pos] = raw.isoformat()
            kinds.add("iso")
            continue
        text = _clean(raw)
        if not text or text in {"-", "nan", "nat", "none"}:
            continue
        parsed = _parse_non_numeric(text)
        if parsed == "numeric":
            m = _NUMERIC.match(text)
            assert m is not None
            numeric.append((pos, int(m.group(1)), int(m.group(2)), _year(m.group(3)), str(raw)))
        elif parsed is None:
            result.invalid_rows.append(pos)
            result.invalid_examples.append(str(raw))
        else:
            iso[pos] = parsed.isoformat()  # type: ignore[union-attr]
            kinds.add("iso" if _ISO.match(text) else "named")
    for pos, a, b, year, raw in numeric:
        if _safe_date(year, b, a) is None:
            result.invalid_if_dayfirst.append((pos, raw))
        if _safe_date(year, a, b) is None:
            result.invalid_if_monthfirst.append((pos, raw))
    if numeric:
        first_big = next((raw for _, a, b, _, raw in numeric if a > 12 >= b), "")
        second_big = next((raw for _, a, b, _, raw in numeric if b > 12 >= a), "")
        result.dayfirst_example, result.monthfirst_example = first_big, second_big
        order = dayfirst
        if order is None:
            if first_big and not second_big:
                order = True
            elif second_big and not first_big:
                order = False
            elif not first_big and not second_big:
                result.ambiguous_example = numeric[0][4]
        if order is not None:
            for pos, a, b, year, raw in numeric:
                d, m = (a, b) if order else (b, a)
                date = _safe_date(year, m, d)
                if date is None:
                    result.invalid_rows.append(pos)
                    result.invalid_examples.append(raw)
                else:
                    iso[pos] = date.isoformat()
            kinds.add("dayfirst" if order else "monthfirst")
    result.kinds = set(kinds)
    if len(kinds) == 1:
        result.order = kinds.pop()
    elif kinds:
        result.order = "+".join(sorted(kinds))
    order_positions = sorted(zip(result.invalid_rows, result.invalid_examples, strict=True))
    result.invalid_rows = [p for p, _ in order_positions]
    result.invalid_examples = [e for _, e in order_positions]
    return result


def looks_like_dates(values: Sequence[object], threshold: float = 0.8) -> bool:
    """True when most non-empty values parse as some date form."""
    sample = [v for v in values if _clean(v)][:200]
    if not sample:
        return False
    best = max(sum(1 for s in parse_dates(sample, dayfirst=o).iso if s) for o in (True, False))
    return best / len(sample) >= threshold


def order_name(kinds: set[str]) -> str:
    """``iso``, ``dayfirst``, ``iso+named`` ... from the kinds of dates seen."""
    return "+".join(sorted(kinds)) if kinds else "none"


@dataclass
class DateScan:
    """Day/month evidence for a whole column, gathered chunk by chunk.

    Large files are read in chunks, but the day/month order must be decided
    from the whole column: :meth:`feed` each chunk, then :meth:`decide`.
    """

    dayfirst_example: str = ""
    monthfirst_example: str = ""
    first_numeric: str = ""
    numeric: int = 0
    kinds: set[str] = field(default_factory=set)
    invalid: list[tuple[int, str]] = field(default_factory=list)  # order-independent
    invalid_if_dayfirst: list[tuple[int, str]] = field(default_factory=list)
    invalid_if_monthfirst: list[tuple[int, str]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {"any": 0, "day": 0, "month": 0})
    keep: int = 10

    def feed(self, values: Sequence[object], offset: int = 0) -> None:
        """Add the dates of one chunk whose first value is row ``offset`` (0-based)."""
        p = parse_dates(values, dayfirst=None)
        self.kinds |= {k for k in p.kinds if k in {"iso", "named"}}
        self.dayfirst_example = self.dayfirst_example or p.dayfirst_example
        self.monthfirst_example = self.monthfirst_example or p.monthfirst_example
        first = p.ambiguous_example or p.dayfirst_example or p.monthfirst_example
        self.first_numeric = self.first_numeric or first
        if first or p.invalid_if_dayfirst or p.invalid_if_monthfirst:
            self.numeric += 1
        # numeric rows that the chunk could not place are listed as invalid_rows only
        # when the chunk itself decided an order; recompute order-independent ones here
        numeric_bad = {pos for pos, _ in p.invalid_if_dayfirst} | {
            pos for pos, _ in p.invalid_if_monthfirst
        }
        for pos, raw in zip(p.invalid_rows, p.invalid_examples, strict=True):
            if pos not in numeric_bad:
                self._add("any", self.invalid, (pos + offset, raw))
        for pos, raw in p.invalid_if_dayfirst:
            self._add("day", self.invalid_if_dayfirst, (pos + offset, raw))
        for pos, raw in p.invalid_if_monthfirst:
            self._add("month", self.invalid_if_monthfirst, (pos + offset, raw))

    def _add(self, key: str, into: list[tuple[int, str]], item: tuple[int, str]) -> None:
        self.counts[key] += 1
        if len(into) < self.keep:
            into.append(item)

    @property
    def has_numeric(self) -> bool:
        return bool(self.numeric)

    def order(self, dayfirst: bool | None) -> bool | None:
        """The day-first decision: the caller's, else the column's (None if it cannot tell)."""
        if dayfirst is not None:
            return dayfirst
        if self.dayfirst_example and not self.monthfirst_example:
            return True
        if self.monthfirst_example and not self.dayfirst_example:
            return False
        return None

    def invalid_rows(self, dayfirst: bool | None) -> tuple[int, list[tuple[int, str]]]:
        """(count, first examples) of values that are not dates under the decided order."""
        rows = list(self.invalid)
        count = self.counts["any"]
        if dayfirst is True:
            rows += self.invalid_if_dayfirst
            count += self.counts["day"]
        elif dayfirst is False:
            rows += self.invalid_if_monthfirst
            count += self.counts["month"]
        return count, sorted(rows)[: self.keep]

    def order_label(self, dayfirst: bool | None) -> str:
        kinds = set(self.kinds)
        if self.has_numeric and dayfirst is not None:
            kinds.add("dayfirst" if dayfirst else "monthfirst")
        return order_name(kinds)
