"""Read input files into one canonical table of comments.

Everything downstream reads only this table (never the raw file).  Columns:

``source_file, row, source, wave, question, date, unit, position, text,
text_hash`` then ``likert__<item>`` (1-5) for each Likert item found, then
the user's original columns, untouched except that personal data is masked
and respondent identifiers are pseudonymised (:mod:`asn_sentiment.privacy`).

``row`` is the 1-based data row in its file (the first record under the
header is 1; blank lines and rows of empty cells in a sheet are not counted).
When a file has several open questions, each answer becomes its own row (long
format) and ``question`` holds the column header.  A workbook read sheet by
sheet names its tables ``book.xlsx#Sheet``.

Readers: CSV/TSV/TXT (encoding found by charset-normalizer, delimiter by the
standard library's sniffer checked against the whole sample), XLSX (every
sheet with data, or a named one), JSON (a list of records, possibly nested)
and JSONL.  Every reader yields chunks, so a file of millions of rows is read
with bounded memory (:class:`TableReader`); :func:`read_comments` collects
the chunks of small files into one table.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import hashlib
import io
import json
import re
import unicodedata
import warnings
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import pandas as pd

from asn_sentiment.dates import DateScan, looks_like_dates, parse_dates
from asn_sentiment.errors import DateError, InputError
from asn_sentiment.privacy import (
    is_identifier_header,
    is_pii_value,
    load_key,
    mask_pii,
    pseudonymise,
)
from asn_sentiment.progress import Bar, Progress, null_progress

CANONICAL_COLUMNS: tuple[str, ...] = (
    "source_file",
    "row",
    "source",
    "wave",
    "question",
    "date",
    "unit",
    "position",
    "text",
    "text_hash",
)
#: Columns that classification adds (declared here so ingest can avoid clashes).
RESULT_COLUMNS: tuple[str, ...] = (
    "sentiment",
    "sentiment_confidence",
    "themes",
    "theme_evidence",
    "resistance",
    "support",
    "model_version",
    "theme_model_version",
)
SOURCES = ("staff", "public")
TEXT_SUFFIXES = {".csv", ".tsv", ".txt", ".tab"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
TABLE_SUFFIXES = TEXT_SUFFIXES | XLSX_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
#: Roles that ``--map role=Column`` can assign.
MAP_ROLES = ("text", "date", "unit", "position", "wave", "source", "id")
#: Rows per chunk when reading (bounded memory for large files).
CHUNK_ROWS = 10_000
#: Rows looked at to decide the role of each column.
PLAN_ROWS = 5_000

#: Header words that name an open-text column (normalised: lower case, no punctuation).
TEXT_HEADERS = (
    "komentar", "saran", "masukan", "tanggapan", "pendapat", "ulasan", "kritik dan saran",
    "saran dan masukan", "kritik", "keluhan", "aduan", "pengaduan", "isi laporan", "isi aduan",
    "laporan", "pesan", "catatan", "jawaban", "uraian", "harapan", "usulan", "opini",
    "text", "teks", "comment", "comments", "feedback", "remarks", "review", "message", "opinion",
    "suggestion", "suggestions", "answer", "response",
)  # fmt: skip
DATE_HEADERS = (
    "cap waktu", "stempel waktu", "timestamp", "tanggal", "tgl", "waktu", "date", "datetime",
    "submission time", "submitted", "submitted at", "created at", "tanggal laporan", "tanggal kirim",
    "tanggal pengisian", "end", "start", "time", "tanggal dan waktu", "waktu pengisian",
)  # fmt: skip
UNIT_HEADERS = (
    "unit kerja", "unit", "opd", "opd tujuan", "instansi tujuan", "satuan kerja", "satker", "instansi",
    "perangkat daerah", "organisasi perangkat daerah", "dinas", "bidang", "bagian", "work unit",
    "department", "agency", "unit organisasi", "skpd",
)  # fmt: skip
POSITION_HEADERS = (
    "kelompok jabatan", "jabatan", "jenis jabatan", "golongan", "eselon", "position", "job",
    "kategori jabatan", "status kepegawaian", "status pegawai",
)  # fmt: skip
WAVE_HEADERS = ("gelombang", "wave", "putaran", "tahap survei", "periode survei")
SOURCE_HEADERS = ("source", "sumber responden")
QUESTION_WORDS = (
    "apa",
    "apakah",
    "bagaimana",
    "mengapa",
    "kenapa",
    "menurut",
    "jelaskan",
    "sebutkan",
    "what",
    "how",
    "why",
)

#: Likert answers (normalised) to scores 1-5.
LIKERT_WORDS: dict[str, int] = {
    "sangat tidak setuju": 1, "sts": 1, "strongly disagree": 1, "sangat tdk setuju": 1,
    "tidak setuju": 2, "ts": 2, "disagree": 2, "kurang setuju": 2, "tdk setuju": 2,
    "netral": 3, "n": 3, "ragu ragu": 3, "ragu": 3, "rr": 3, "cukup setuju": 3, "neutral": 3,
    "neither agree nor disagree": 3, "biasa saja": 3, "tidak tahu": 3,
    "setuju": 4, "s": 4, "agree": 4,
    "sangat setuju": 5, "ss": 5, "strongly agree": 5,
}  # fmt: skip
_EMPTY_VALUES = {"", "-", "--", "nan", "none", "null", "n/a", "na", "#n/a"}


def normalise_header(header: object) -> str:
    """Lower-case, accent-free, punctuation-free header for matching."""
    text = unicodedata.normalize("NFKD", str(header)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _slug(header: str, taken: set[str]) -> str:
    base = normalise_header(header).replace(" ", "_")[:40].strip("_") or "item"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}_{n}", n + 1
    taken.add(slug)
    return slug


def _is_empty(value: object) -> bool:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
        return True
    return str(value).strip().lower() in _EMPTY_VALUES


def _str(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- options ---------------------------------------------------------------------------


def parse_mapping(spec: str | Sequence[str] | Mapping[str, object] | None) -> dict[str, list[str]]:
    """Parse ``--map text=Kolom,date=Tanggal,unit=Unit Kerja`` into ``{role: [columns]}``.

    Several specs may be given (the option can be repeated); ``text`` may name
    several columns (``text=A,text=B`` or ``text=A;B``).  Column names may
    contain commas: a comma only starts a new pair when ``role=`` follows it.
    """
    if not spec:
        return {}
    if isinstance(spec, Mapping):
        out: dict[str, list[str]] = {}
        for role, cols in spec.items():
            for c in [cols] if isinstance(cols, str) else list(cols):  # type: ignore[arg-type]
                _add_role(out, str(role), str(c), str(spec))
        return out
    specs = [spec] if isinstance(spec, str) else list(spec)
    out = {}
    roles = "|".join(MAP_ROLES)
    for one in specs:
        pairs = re.split(rf",\s*(?=(?:{roles})\s*=)", one.strip(), flags=re.IGNORECASE)
        for pair in pairs:
            if "=" not in pair:
                raise InputError("err.map_invalid", spec=one, roles=", ".join(MAP_ROLES))
            role, column = (p.strip() for p in pair.split("=", 1))
            parts = column.split(";") if role.lower() in {"text", "id"} else [column]
            for c in parts:
                _add_role(out, role, c.strip(), one)
    return out


def _add_role(out: dict[str, list[str]], role: str, column: str, spec: str) -> None:
    role = role.lower()
    if role not in MAP_ROLES or not column:
        raise InputError("err.map_invalid", spec=spec, roles=", ".join(MAP_ROLES))
    if role not in {"text", "id"} and out.get(role):
        raise InputError("err.map_invalid", spec=spec, roles=", ".join(MAP_ROLES))
    out.setdefault(role, []).append(column)


@dataclass
class ReadOptions:
    """How to read input files; every field is optional (detected when not given)."""

    text_cols: Sequence[str] | None = None
    date_col: str | None = None
    unit_col: str | None = None
    mapping: str | Sequence[str] | Mapping[str, object] | None = None
    sheet: str | None = None
    source: str | None = None
    wave: str | None = None
    dayfirst: bool | None = None
    keep_pii: bool = False
    encoding: str | None = None
    chunk_rows: int = CHUNK_ROWS

    def __post_init__(self) -> None:
        if self.source is not None and self.source not in SOURCES:
            raise InputError("err.source_invalid", source=self.source)
        roles = parse_mapping(self.mapping)
        if self.text_cols:
            roles.setdefault("text", []).extend(c for c in self.text_cols if c)
        for role, given in (("date", self.date_col), ("unit", self.unit_col)):
            if given:
                roles[role] = [given]
        self.roles: dict[str, list[str]] = roles
        if self.chunk_rows < 1:
            raise ValueError("chunk_rows must be positive")

    @classmethod
    def from_kwargs(cls, **kwargs: object) -> ReadOptions:
        """Build from keyword arguments, ignoring ``None`` values and unknown keys' absence."""
        names = {f.name for f in fields(cls)}
        unknown = set(kwargs) - names
        if unknown:
            raise TypeError(f"unknown read options: {sorted(unknown)}")
        return cls(**{k: v for k, v in kwargs.items() if v is not None})  # type: ignore[arg-type]


# --- encodings and delimiters ----------------------------------------------------------

#: Encodings tried first: those Indonesian exports come in.  cp1252 is what Windows
#: Excel writes; latin-1 is its fallback for bytes cp1252 leaves undefined.
LIKELY_ENCODINGS = ["utf_8", "cp1252", "latin_1"]
_SAMPLE_BYTES = 1 << 20
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _sample(path: Path, size: int) -> bytes:
    """The head of the file plus windows spread over the rest (detection sample)."""
    with path.open("rb") as fh:
        head = fh.read(_SAMPLE_BYTES)
        if size <= 2 * _SAMPLE_BYTES:
            return head + fh.read()
        parts = [head]
        for i in range(1, 9):
            fh.seek(size * i // 9)
            parts.append(fh.read(64 * 1024))
        return b"\n".join(parts)


def _decodes(path: Path, encoding: str) -> int | None:
    """Byte offset of the first decoding error of the whole file, or None if it decodes."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    offset = 0
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            try:
                decoder.decode(block, final=False)
            except UnicodeDecodeError as exc:
                return offset + exc.start
            offset += len(block)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return offset
    return None


def detect_encoding(path: str | Path, data: bytes | None = None) -> str:
    """The text encoding of a file: BOM, then UTF-16 without BOM, then charset-normalizer.

    charset-normalizer chooses first among UTF-8, cp1252 and latin-1 (what
    Indonesian survey exports come in: on short Latin text it would otherwise
    often answer a neighbouring code page such as cp1250), and only when none
    of those fits among every encoding it knows.  UTF-8 is accepted only when
    the whole file decodes as UTF-8.
    """
    p = Path(path)
    size = p.stat().st_size if data is None else len(data)
    sample = data if data is not None else _sample(p, size)
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    head = sample[:4096]
    if len(head) >= 8:
        even, odd = head[0::2], head[1::2]
        if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
            return "utf-16-le"
        if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
            return "utf-16-be"
    from charset_normalizer import from_bytes

    whole = data is not None or size <= 2 * _SAMPLE_BYTES
    try:
        sample.decode("utf-8")
        utf8_sample = True
    except UnicodeDecodeError:
        utf8_sample = False
    if utf8_sample and (whole or _decodes(p, "utf-8") is None):
        return "utf-8"
    if not utf8_sample or whole:
        probe = sample
    else:  # the sample is UTF-8 but the file is not: look where it fails
        bad = _decodes(p, "utf-8") or 0
        with p.open("rb") as fh:
            fh.seek(max(0, bad - 32 * 1024))
            probe = sample + b"\n" + fh.read(64 * 1024)
    best = from_bytes(probe, cp_isolation=LIKELY_ENCODINGS).best()
    if best is None:
        best = from_bytes(probe).best()
    if best is None:
        raise InputError("err.encoding_unknown", path=str(p))
    encoding = best.encoding
    if encoding in {"utf_8", "ascii"} or _single_byte(encoding):
        # the probe decoded but the file does not: choose among single-byte encodings
        encoding = "cp1252" if _decodes(p, "cp1252") is None else "latin_1"
    return encoding.replace("_", "-")


def _single_byte(encoding: str) -> bool:
    """True for code pages with one byte per character (where cp1252/latin-1 are the sane choice)."""
    try:
        return len(bytes(range(256)).decode(encoding, errors="replace")) == 256
    except LookupError:
        return False


_DELIMITERS = ",;\t|"


def _records(text: str, delimiter: str, limit: int = 200) -> list[list[str]]:
    """First complete records of ``text`` read with ``delimiter`` (the last may be cut)."""
    try:
        rows = []
        for i, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter)):
            if i >= limit:
                break
            if any(cell.strip() for cell in row):
                rows.append(row)
        return rows[:-1] if len(rows) > 2 else rows
    except csv.Error:
        return []


def _consistency(rows: list[list[str]]) -> tuple[float, int]:
    """(share of records with the most common field count, that count)."""
    if not rows:
        return 0.0, 0
    counts: dict[int, int] = {}
    for row in rows:
        counts[len(row)] = counts.get(len(row), 0) + 1
    width = max(counts, key=lambda w: (counts[w], w))
    return counts[width] / len(rows), width


def sniff_delimiter(text: str, suffix: str = ".csv") -> str:
    """The field delimiter of a text table (``,``, ``;``, tab or ``|``).

    The standard library's :class:`csv.Sniffer` proposes; its answer is kept
    when it splits the sample into records of one consistent width of two or
    more fields; otherwise the candidate that does so best is chosen.  A file
    with one column reads as comma-separated.
    """
    if suffix in {".tsv", ".tab"}:
        return "\t"
    sample = text[: 64 * 1024]
    scored = {}
    for d in _DELIMITERS:
        share, width = _consistency(_records(sample, d))
        scored[d] = (share if width > 1 else 0.0, width)
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        sniffed = None
    if sniffed in scored and scored[sniffed][0] >= 0.9:
        return sniffed
    best = max(_DELIMITERS, key=lambda d: (scored[d][0], scored[d][1] > 1, -_DELIMITERS.index(d)))
    return best if scored[best][0] > 0 else ","


def _header_skip(rows: list[list[object]]) -> int:
    """How many title rows stand above the header (Excel reports often have some)."""
    filled = [sum(not _is_empty(v) for v in r) for r in rows[:30]]
    if not filled:
        return 0
    widest = max(filled)
    if widest < 2:
        return 0
    for i, n in enumerate(filled):
        if n >= max(2, widest // 2):
            return i
    return 0


def _unique_headers(raw: Sequence[object]) -> list[str]:
    """Header names as pandas makes them: stripped, ``Unnamed: i`` for blanks, ``X.1`` for repeats."""
    out: list[str] = []
    seen: dict[str, int] = {}
    for i, h in enumerate(raw):
        name = _str(h).strip() or f"Unnamed: {i}"
        if name in seen:
            seen[name] += 1
            name = f"{name}.{seen[name]}"
        seen.setdefault(name, 0)
        out.append(name)
    return out


# --- raw tables ---------------------------------------------------------------------------


@dataclass
class RawTable:
    """One table of an input file (a text file, a sheet, a JSON list), read in chunks.

    ``chunks`` yields DataFrames of raw values (strings from text files; Excel
    keeps numbers and real date cells) with the same header every time.
    """

    path: Path
    label: str
    kind: str  # "text", "xlsx", "json", "jsonl"
    size: int = 0
    sheet: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    skip: int = 0  # title rows above the header
    _handle: Any = field(default=None, repr=False, compare=False)

    def bytes_read(self) -> int:
        """How far the current read has got in the file (for progress), in bytes."""
        fh = self._handle
        try:
            return int(fh.buffer.tell()) if fh is not None and not fh.closed else 0
        except (OSError, ValueError, AttributeError):
            return 0

    def chunks(self, rows: int = CHUNK_ROWS) -> Iterator[pd.DataFrame]:
        """Raw chunks of at most ``rows`` records; errors become :class:`InputError`."""
        reader = {
            "text": self._text_chunks,
            "xlsx": self._xlsx_chunks,
            "json": self._json_chunks,
            "jsonl": self._jsonl_chunks,
        }[self.kind]
        try:
            for chunk in reader(rows):
                # stripped names must stay unique ("a" and "a " in one header, blank JSON keys)
                chunk.columns = _unique_headers([str(c).strip() for c in chunk.columns])
                yield chunk
        except InputError:
            raise
        except UnicodeDecodeError as exc:
            raise InputError(
                "err.file_encoding", path=str(self.path), encoding=self.encoding, reason=exc.reason
            ) from None
        except pd.errors.ParserError as exc:
            raise _parser_error(self.path, exc) from None
        except pd.errors.ParserWarning:
            raise InputError("err.file_wider", path=str(self.path)) from None
        except (OSError, ValueError, KeyError, csv.Error, TypeError) as exc:
            raise _unreadable(self.path, exc) from None
        except Exception as exc:  # zipfile/openpyxl/xml errors on corrupt workbooks
            if type(exc).__module__.split(".")[0] in {"zipfile", "openpyxl", "xml"}:
                raise _unreadable(self.path, exc) from None
            raise

    def _text_chunks(self, rows: int) -> Iterator[pd.DataFrame]:
        with (
            self.path.open(encoding=self.encoding, errors="strict", newline="") as fh,
            warnings.catch_warnings(),
        ):
            self._handle = fh
            # more fields than the header would silently lose data: make that an error
            warnings.simplefilter("error", pd.errors.ParserWarning)
            reader = pd.read_csv(
                fh,
                sep=self.delimiter,
                dtype=str,
                keep_default_na=False,
                skiprows=self.skip,
                chunksize=rows,
                engine="c",
                index_col=False,
                skip_blank_lines=True,
            )
            for chunk in reader:
                yield chunk.astype(object)

    def _xlsx_chunks(self, rows: int) -> Iterator[pd.DataFrame]:
        from openpyxl import load_workbook

        book = load_workbook(self.path, read_only=True, data_only=True)
        try:
            sheet = book[self.sheet] if self.sheet else book.worksheets[0]
            records = (
                r for r in sheet.iter_rows(values_only=True) if any(not _is_empty(v) for v in r)
            )
            head = [next(records, None) for _ in range(self.skip + 1)][-1]
            if head is None:
                return
            width = max((i + 1 for i, v in enumerate(head) if not _is_empty(v)), default=0)
            header = _unique_headers(head[:width])
            batch: list[tuple[object, ...]] = []
            for record in records:
                values = tuple(record[:width]) + (None,) * max(0, width - len(record))
                batch.append(values)
                if len(batch) >= rows:
                    yield pd.DataFrame(batch, columns=header, dtype=object)
                    batch = []
            if batch:
                yield pd.DataFrame(batch, columns=header, dtype=object)
        finally:
            book.close()

    def _json_chunks(self, rows: int) -> Iterator[pd.DataFrame]:
        text = self.path.read_bytes().decode(self.encoding or "utf-8")
        data = json.loads(text)
        if isinstance(data, dict):
            data = next((v for v in data.values() if isinstance(v, list)), [data])
        records = data if isinstance(data, list) else [data]
        for start in range(0, len(records), rows):
            yield _records_frame(records[start : start + rows], self.path, start)

    def _jsonl_chunks(self, rows: int) -> Iterator[pd.DataFrame]:
        batch: list[object] = []
        with self.path.open(encoding=self.encoding, errors="strict") as fh:
            for number, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    batch.append(json.loads(line))
                except json.JSONDecodeError:
                    raise InputError("err.json_line", path=str(self.path), line=number) from None
                if len(batch) >= rows:
                    yield _records_frame(batch, self.path, 0)
                    batch = []
        if batch:
            yield _records_frame(batch, self.path, 0)


def _records_frame(records: list[object], path: Path, start: int) -> pd.DataFrame:
    """A table from JSON records; nested objects become ``a.b`` columns, lists JSON text."""
    if not all(isinstance(r, dict) for r in records):
        raise InputError("err.json_records", path=str(path))
    frame = pd.json_normalize(records, sep=".") if records else pd.DataFrame()
    for col in frame.columns:
        frame[col] = [
            json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
            for v in frame[col].tolist()
        ]
    return frame.astype(object)


def _unreadable(path: Path, exc: BaseException) -> InputError:
    reason = str(exc).splitlines()[0] if str(exc).strip() else type(exc).__name__
    return InputError("err.file_unreadable", path=str(path), reason=reason[:200])


def _parser_error(path: Path, exc: BaseException) -> InputError:
    m = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
    if m:
        return InputError(
            "err.file_ragged",
            path=str(path),
            line=m.group(2),
            found=m.group(3),
            expected=m.group(1),
        )
    return _unreadable(path, exc)


def open_tables(
    path: str | Path, sheet: str | None = None, encoding: str | None = None
) -> list[RawTable]:
    """The tables of one input file (one, or one per sheet of a workbook).

    Raises :class:`InputError` for missing, unsupported or unreadable files.
    """
    p = Path(path)
    if not p.exists():
        raise InputError("err.file_missing", path=str(p))
    if p.is_dir():
        raise InputError("err.file_is_dir", path=str(p))
    suffix = p.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise InputError("err.file_format", path=str(p))
    try:
        size = p.stat().st_size
        if suffix in XLSX_SUFFIXES:
            return _xlsx_tables(p, sheet, size)
        if encoding:
            try:
                codecs.lookup(encoding)
            except LookupError:
                raise InputError("err.encoding_invalid", encoding=encoding) from None
        enc = encoding or detect_encoding(p)
        if suffix in JSON_SUFFIXES | JSONL_SUFFIXES:
            kind = "json" if suffix in JSON_SUFFIXES else "jsonl"
            return [RawTable(p, p.name, kind, size, encoding=enc)]
        with p.open(encoding=enc, errors="replace", newline="") as fh:
            head = fh.read(256 * 1024)
        delimiter = sniff_delimiter(head, suffix)
        skip = _text_skip(head, delimiter)
        return [RawTable(p, p.name, "text", size, encoding=enc, delimiter=delimiter, skip=skip)]
    except InputError:
        raise
    except (OSError, ValueError, UnicodeError, LookupError) as exc:
        raise _unreadable(p, exc) from None
    except Exception as exc:
        if type(exc).__module__.split(".")[0] in {"zipfile", "openpyxl", "xml"}:
            raise _unreadable(p, exc) from None
        raise


def _text_skip(head: str, delimiter: str) -> int:
    """Physical lines of title above the header of a text table."""
    lines = head.splitlines()[:30]
    rows = []
    for line in lines:
        try:
            rows.append(next(csv.reader([line], delimiter=delimiter), []))
        except csv.Error:
            rows.append([line])
    nonblank = [r for r in rows if any(c.strip() for c in r)]
    skip_records = _header_skip(nonblank)
    if not skip_records:
        return 0
    seen = 0
    for i, r in enumerate(rows):  # map skipped records back to physical lines
        if any(c.strip() for c in r):
            if seen == skip_records:
                return i
            seen += 1
    return 0


def _xlsx_tables(p: Path, sheet: str | None, size: int) -> list[RawTable]:
    from openpyxl import load_workbook

    book = load_workbook(p, read_only=True, data_only=True)
    try:
        names = list(book.sheetnames)
        if sheet is not None and sheet not in names:
            raise InputError(
                "err.sheet_missing", sheet=sheet, path=str(p), sheets=", ".join(map(repr, names))
            )
        chosen = [sheet] if sheet is not None else names
        tables = []
        for name in chosen:
            ws = book[name]
            rows = []
            for r in ws.iter_rows(values_only=True):
                if any(not _is_empty(v) for v in r):
                    rows.append(list(r))
                if len(rows) >= 30:
                    break
            if not rows and sheet is None:
                continue
            label = p.name if len(chosen) == 1 else f"{p.name}#{name}"
            tables.append(RawTable(p, label, "xlsx", size, sheet=name, skip=_header_skip(rows)))
    finally:
        book.close()
    if not tables:
        raise InputError("err.file_empty", path=str(p))
    if len(tables) == 1 and sheet is None:
        tables[0].label = p.name
    return tables


def read_table(
    path: str | Path, sheet: str | None = None, encoding: str | None = None
) -> pd.DataFrame:
    """Read a CSV/TSV/TXT, XLSX, JSON or JSONL file as one table of raw values.

    Text files come back as strings; Excel keeps numbers and real date cells.
    A workbook gives its first sheet with data (or ``sheet``).  Raises
    :class:`InputError` for missing, unreadable or empty files.
    """
    table = open_tables(path, sheet, encoding)[0]
    frames = list(table.chunks())
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    frame = frame.dropna(how="all")
    if frame.empty or frame.map(_is_empty).all().all():
        raise InputError("err.file_empty", path=str(table.path))
    return frame.reset_index(drop=True)


# --- column detection -----------------------------------------------------------------


def _header_matches(header: str, names: Sequence[str], whole: bool = False) -> bool:
    h = normalise_header(header)
    if h in names:
        return True
    if whole:
        return False
    return any(re.search(rf"\b{re.escape(n)}\b", h) for n in names if len(n) > 3)


def likert_score(value: object) -> int | None:
    """Score 1-5 of a Likert answer given as a word, abbreviation or number.

    Also ``"4 - Setuju"`` / ``"5 (Sangat Setuju)"`` (number and label together).
    """
    if _is_empty(value):
        return None
    if isinstance(value, str):
        return _likert_text(value)
    return _likert_text(_str(value))


@functools.lru_cache(maxsize=4096)
def _likert_text(value: str) -> int | None:
    text = normalise_header(value)
    if text in LIKERT_WORDS:
        return LIKERT_WORDS[text]
    if re.fullmatch(r"[1-5](?: 0)?", text):
        return int(text[0])
    m = re.fullmatch(r"([1-5]) (.+)", text)
    if m and LIKERT_WORDS.get(m.group(2)) == int(m.group(1)):
        return int(m.group(1))
    return None


def _values(frame: pd.DataFrame, column: str) -> list[object]:
    return [v for v in frame[column].tolist() if not _is_empty(v)]


def _is_likert(values: list[object], header: str) -> bool:
    if len(values) < 1:
        return False
    scores = [likert_score(v) for v in values]
    share = sum(s is not None for s in scores) / len(values)
    if share < 0.9:
        return False
    has_words = any(not re.fullmatch(r"\s*[1-5](\.0)?\s*", str(v)) for v in values)
    # plain numbers count only when the header reads like a statement
    return has_words or len(normalise_header(header).split()) >= 4


def _text_stats(values: list[object]) -> tuple[float, float]:
    """(mean length in characters, share of distinct values) of string values."""
    strings = [str(v) for v in values if isinstance(v, str)]
    if not strings:
        return 0.0, 0.0
    mean_len = sum(len(s) for s in strings) / len(strings)
    return mean_len, len(set(strings)) / len(strings)


def _is_free_text(values: list[object]) -> bool:
    if not values:
        return False
    strings = [v for v in values if isinstance(v, str)]
    if len(strings) < 0.8 * len(values):
        return False
    if sum(bool(re.fullmatch(r"[\d\s.,:/+-]*", s)) for s in strings) > 0.5 * len(strings):
        return False
    if sum(likert_score(s) is not None for s in strings) > 0.5 * len(strings):
        return False
    mean_len, distinct = _text_stats(values)
    words = sum(len(s.split()) for s in strings) / len(strings)
    varied = distinct >= 0.3 or len(strings) < 10 or distinct * len(strings) >= 200
    return mean_len >= 8 and words >= 1.5 and varied


def _is_identifier_column(header: str, values: list[object]) -> bool:
    """A column that names or contacts the respondent (by header, or by its values)."""
    if is_identifier_header(normalise_header(header)):
        return True
    strings = [str(v) for v in values[:500]]
    return len(strings) >= 3 and sum(is_pii_value(s) for s in strings) >= 0.5 * len(strings)


@dataclass
class ColumnPlan:
    """Which columns of one file play which role, and how that was decided."""

    text: list[str]
    text_how: str  # "given", "header", "longest"
    date: str | None = None
    unit: str | None = None
    position: str | None = None
    wave: str | None = None
    source_col: str | None = None
    likert: dict[str, str] = field(default_factory=dict)  # header -> likert__slug
    identifiers: list[str] = field(default_factory=list)


def plan_columns(
    frame: pd.DataFrame,
    path: str,
    text_cols: Sequence[str] | None = None,
    date_col: str | None = None,
    unit_col: str | None = None,
    roles: Mapping[str, Sequence[str]] | None = None,
) -> ColumnPlan:
    """Decide the role of each column (text, date, unit, position, Likert, identifier).

    ``roles`` (from ``--map``) fixes roles by name; the rest is found from the
    headers (Indonesian and English synonyms) and the values.
    """
    roles = {k: list(v) for k, v in (roles or {}).items()}
    if text_cols:
        roles.setdefault("text", []).extend(c for c in text_cols if c not in roles["text"])
    if date_col:
        roles["date"] = [date_col]
    if unit_col:
        roles["unit"] = [unit_col]
    columns = list(frame.columns)
    shown = ", ".join(repr(c) for c in columns[:12]) + (" ..." if len(columns) > 12 else "")
    for given in [c for cols in roles.values() for c in cols]:
        if given not in columns:
            raise InputError("err.column_missing", column=given, path=path, columns=shown)
    fixed = {c for cols in roles.values() for c in cols}
    sample = frame.head(PLAN_ROWS)
    values = {c: _values(sample, c) for c in columns}
    identifiers = list(roles.get("id", []))
    identifiers += [c for c in columns if c not in fixed and _is_identifier_column(c, values[c])]
    likert: dict[str, str] = {}
    taken: set[str] = set()
    for c in columns:
        if c in fixed or c in identifiers:
            continue
        if _is_likert(values[c], c):
            likert[c] = "likert__" + _slug(c, taken)

    def given(role: str) -> str | None:
        return roles[role][0] if roles.get(role) else None

    def first(names: Sequence[str], exclude: set[str], test=None, whole=False) -> str | None:
        for c in columns:
            if c in exclude or c in likert or c in identifiers or c in fixed:
                continue
            if _header_matches(c, names, whole) and (test is None or test(values[c])):
                return c
        return None

    text_given = roles.get("text") or []
    used: set[str] = set(text_given)
    date = given("date") or first(
        DATE_HEADERS, used, lambda v: bool(v) and looks_like_dates(v, 0.5)
    )
    if date is None:  # any column whose values are dates
        date = next(
            (
                c
                for c in columns
                if c not in used
                and c not in likert
                and c not in identifiers
                and c not in fixed
                and values[c]
                and looks_like_dates(values[c], 0.95)
            ),
            None,
        )
    used |= {date} if date else set()
    unit = given("unit") or first(UNIT_HEADERS, used)
    used |= {unit} if unit else set()
    position = given("position") or first(POSITION_HEADERS, used)
    used |= {position} if position else set()
    wave = given("wave") or first(WAVE_HEADERS, used, whole=True)
    used |= {wave} if wave else set()
    source_col = given("source") or first(
        SOURCE_HEADERS,
        used,
        lambda v: bool(v) and {str(x).strip().lower() for x in v} <= set(SOURCES),
        whole=True,
    )
    used |= {source_col} if source_col else set()
    rest = dict(
        date=date,
        unit=unit,
        position=position,
        wave=wave,
        source_col=source_col,
        likert=likert,
        identifiers=identifiers,
    )
    if text_given:
        return ColumnPlan(list(text_given), "given", **rest)  # type: ignore[arg-type]
    free = [
        c
        for c in columns
        if c not in used
        and c not in likert
        and c not in identifiers
        and c not in fixed
        and _is_free_text(values[c])
    ]
    by_header = [
        c
        for c in free
        if _header_matches(c, TEXT_HEADERS)
        or str(c).strip().endswith("?")
        or normalise_header(c).split(" ")[0] in QUESTION_WORDS
    ]
    if by_header:
        return ColumnPlan(by_header, "header", **rest)  # type: ignore[arg-type]
    if free:
        longest = max(free, key=lambda c: _text_stats(values[c])[0])
        return ColumnPlan([longest], "longest", **rest)  # type: ignore[arg-type]
    raise InputError("err.no_text_column", path=path, columns=shown)


# --- canonical table ------------------------------------------------------------------


@dataclass
class FileReport:
    """What was read from one file (or sheet) and which decisions were taken."""

    path: str
    rows: int
    text_columns: list[str]
    text_how: str
    date_column: str | None
    date_order: str
    unit_column: str | None
    source: str
    source_how: str  # "given", "column", "survey", "comments"
    likert_items: dict[str, str]
    undated: int = 0
    label: str = ""  # source_file value (``book.xlsx#Sheet`` for one sheet of several)
    encoding: str | None = None
    delimiter: str | None = None
    identifier_columns: list[str] = field(default_factory=list)
    pii_masked: bool = True
    columns: list[str] = field(default_factory=list)  # the file's original columns, in order
    skipped_sheets: list[str] = field(default_factory=list)


@dataclass
class Comments:
    """The canonical comments table plus a report per input file."""

    frame: pd.DataFrame
    files: list[FileReport]
    original_columns: list[str]

    @property
    def likert_columns(self) -> list[str]:
        return [c for c in self.frame.columns if c.startswith("likert__")]


def text_hash(text: str) -> str:
    """Stable content hash of a (masked) comment, whitespace- and case-insensitive."""
    norm = re.sub(r"\s+", " ", text).strip().casefold()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def _raise_date_problems(
    scan: DateScan, column: str, path: str, dayfirst: bool | None
) -> bool | None:
    """Decide the day/month order of a scanned column or raise :class:`DateError`."""
    if scan.dayfirst_example and scan.monthfirst_example and dayfirst is None:
        raise DateError(
            "err.date_mixed_order",
            column=column,
            path=path,
            dayfirst=scan.dayfirst_example,
            monthfirst=scan.monthfirst_example,
        )
    order = scan.order(dayfirst)
    if scan.has_numeric and order is None:
        raise DateError("err.date_ambiguous", column=column, path=path, example=scan.first_numeric)
    count, examples = scan.invalid_rows(order)
    if count:
        rows = ", ".join(str(pos + 1) for pos, _ in examples)
        if count > len(examples):
            rows += ", ..."
        raise DateError(
            "err.date_invalid",
            column=column,
            path=path,
            count=count,
            rows=rows,
            example=examples[0][1],
        )
    return order


def reserved_columns() -> set[str]:
    """Names an original column cannot keep (it becomes ``name (original)``)."""
    return set(CANONICAL_COLUMNS) | set(RESULT_COLUMNS)


def original_name(column: str) -> str:
    """The output name of an original column (renamed when it clashes with ours)."""
    if column in reserved_columns() or column.startswith("likert__"):
        return f"{column} (original)"
    return column


class TableReader:
    """Turns one raw table into canonical chunks, with bounded memory.

    :meth:`prepare` reads the table once: it plans the columns from the first
    chunk, decides the day/month order from the whole date column (and raises
    :class:`DateError` before anything is produced), and counts the rows.
    :meth:`chunks` then reads it again and yields canonical DataFrames.  A
    table that fits in one chunk is read only once.
    """

    def __init__(self, table: RawTable, options: ReadOptions) -> None:
        self.table = table
        self.options = options
        self.plan: ColumnPlan | None = None
        self.report: FileReport | None = None
        self.dayfirst: bool | None = None
        self.rows = 0
        self._cached: pd.DataFrame | None = None
        self._key: bytes | None = None

    @property
    def path(self) -> str:
        return str(self.table.path)

    def prepare(self, bar: Bar | None = None) -> FileReport:
        """First pass: plan columns, check dates, count rows (``bar`` counts bytes read)."""
        size = self.options.chunk_rows
        scan = DateScan()
        first: pd.DataFrame | None = None
        n_chunks = 0
        done = 0
        for chunk in self.table.chunks(size):
            if bar is not None:
                now = self.table.bytes_read()
                bar.update(max(0, now - done))
                done = max(done, now)
            chunk = chunk.dropna(how="all")
            if first is None:
                if chunk.empty:
                    continue
                first = chunk
                self.plan = plan_columns(chunk, self.path, roles=self.options.roles)
            assert self.plan is not None
            if self.plan.date is not None and self.plan.date in chunk.columns:
                scan.feed(chunk[self.plan.date].tolist(), self.rows)
            self.rows += len(chunk)
            n_chunks += 1
        if bar is not None:
            bar.update(max(0, self.table.size - done))
        if first is None or first.map(_is_empty).all().all():
            raise InputError("err.file_empty", path=self.path)
        assert self.plan is not None
        if n_chunks == 1:
            self._cached = first
        plan = self.plan
        if plan.date is not None:
            self.dayfirst = _raise_date_problems(scan, plan.date, self.path, self.options.dayfirst)
        opts = self.options
        if opts.source is not None:
            file_source, how = opts.source, "given"
        elif plan.source_col is not None:
            file_source, how = "column", "column"
        elif plan.likert or normalise_header(plan.date or "") in {
            "cap waktu",
            "stempel waktu",
            "timestamp",
        }:
            file_source, how = "staff", "survey"
        else:
            file_source, how = "public", "comments"
        self.report = FileReport(
            path=self.path,
            rows=self.rows,
            text_columns=list(plan.text),
            text_how=plan.text_how,
            date_column=plan.date,
            date_order=scan.order_label(self.dayfirst) if plan.date else "none",
            unit_column=plan.unit,
            source=file_source,
            source_how=how,
            likert_items=dict(plan.likert),
            label=self.table.label,
            encoding=self.table.encoding,
            delimiter=self.table.delimiter,
            identifier_columns=list(plan.identifiers),
            pii_masked=not opts.keep_pii,
            columns=[str(c) for c in first.columns],
        )
        return self.report

    def chunks(self) -> Iterator[pd.DataFrame]:
        """Second pass: canonical chunks (call :meth:`prepare` first)."""
        if self.report is None:
            self.prepare()
        offset = 0
        source = self._cached if self._cached is not None else None
        raw_chunks = [source] if source is not None else self.table.chunks(self.options.chunk_rows)
        for chunk in raw_chunks:
            chunk = chunk.dropna(how="all")
            if chunk.empty:
                continue
            yield self._canonical(chunk.reset_index(drop=True), offset)
            offset += len(chunk)

    def _canonical(self, frame: pd.DataFrame, offset: int) -> pd.DataFrame:
        plan, report, opts = self.plan, self.report, self.options
        assert plan is not None and report is not None
        frame = frame.reindex(columns=list(dict.fromkeys([*report.columns, *frame.columns])))
        n = len(frame)
        if plan.date is not None:
            parsed = parse_dates(frame[plan.date].tolist(), dayfirst=self.dayfirst)
            dates = parsed.iso
        else:
            dates = [""] * n
        report.undated += sum(1 for d in dates if not d)
        keep = opts.keep_pii
        mask = (lambda s: s) if keep else mask_pii

        def column_or(col: str | None, default: str = "") -> list[str]:
            if not col:
                return [default] * n
            return [mask(_str(v).strip()) for v in frame[col].tolist()]

        units = column_or(plan.unit)
        positions = column_or(plan.position)
        default_wave = opts.wave or (self.table.path.stem if report.source == "staff" else "")
        waves = [opts.wave] * n if opts.wave else column_or(plan.wave, default_wave)
        if plan.source_col and report.source_how == "column":
            sources = [s.lower() for s in column_or(plan.source_col)]
        else:
            sources = [report.source] * n
        originals: dict[str, list[object]] = {}
        for c in frame.columns:
            vals = frame[c].tolist()
            if c in plan.identifiers and not keep:
                if self._key is None:
                    self._key = load_key()
                originals[original_name(c)] = [pseudonymise(_str(v), self._key) for v in vals]
            else:
                originals[original_name(c)] = [mask(_str(v)) for v in vals]
        likert = {
            slug: pd.array([likert_score(v) for v in frame[h].tolist()], dtype="Int64")
            for h, slug in plan.likert.items()
        }
        rows = list(range(offset + 1, offset + n + 1))
        parts = []
        for qi, question in enumerate(plan.text):
            texts = ["" if _is_empty(v) else mask(_str(v)).strip() for v in frame[question]]
            part = {
                "source_file": [self.table.label] * n,
                "row": rows,
                "source": sources,
                "wave": waves,
                "question": [question] * n,
                "date": dates,
                "unit": units,
                "position": positions,
                "text": texts,
                "text_hash": [text_hash(t) if t else "" for t in texts],
                "_q": [qi] * n,
            }
            parts.append(pd.DataFrame(part))
        out = pd.concat(parts, ignore_index=True)
        idx = [i for _ in plan.text for i in range(n)]
        for slug in sorted(likert):
            out[slug] = likert[slug].take(idx)
        orig = pd.DataFrame(originals).iloc[idx].reset_index(drop=True)
        out = pd.concat([out, orig], axis=1)
        out = out.sort_values(["row", "_q"], kind="stable").drop(columns="_q")
        return out.reset_index(drop=True)


def open_readers(paths: Sequence[str | Path], options: ReadOptions) -> list[TableReader]:
    """A :class:`TableReader` for every table of every input file."""
    readers: list[TableReader] = []
    for path in paths:
        tables = open_tables(path, options.sheet, options.encoding)
        readers.extend(TableReader(t, options) for t in tables)
    return readers


def prepare_readers(
    readers: Sequence[TableReader], progress: Progress = null_progress
) -> list[FileReport]:
    """Run the first pass of every reader; sheets without a free-text column are skipped.

    A workbook read sheet by sheet may hold sheets that are not survey data
    (instructions, pivot tables): those are left out and listed in the
    ``skipped_sheets`` of the file's first report.  Every other problem raises.
    """
    reports: list[FileReport] = []
    skipped: dict[Path, list[str]] = {}
    multi = {r.table.path for r in readers if r.table.label != r.table.path.name}
    total = sum(r.table.size for r in readers)
    with progress("cli.progress.checking", total) as bar:
        for reader in readers:
            try:
                reports.append(reader.prepare(bar))
            except InputError as exc:
                sheet_of_many = reader.table.path in multi and not reader.options.sheet
                if not sheet_of_many or exc.key not in {"err.no_text_column", "err.file_empty"}:
                    raise
                skipped.setdefault(reader.table.path, []).append(reader.table.sheet or "")
    for path, sheets in skipped.items():
        first = next((r for r in reports if Path(r.path) == path), None)
        if first is None:
            raise InputError("err.no_sheet_with_text", path=str(path), sheets=", ".join(sheets))
        first.skipped_sheets = sheets
    return reports


def assemble(frames: Sequence[pd.DataFrame], original: Sequence[str]) -> pd.DataFrame:
    """Concatenate canonical chunks into the table's column order (canonical, Likert, originals)."""
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    likert_cols = sorted(c for c in frame.columns if c.startswith("likert__"))
    originals = [original_name(c) for c in original]
    for c in [*CANONICAL_COLUMNS, *originals]:
        if c not in frame.columns:
            frame[c] = ""
    frame = frame[[*CANONICAL_COLUMNS, *likert_cols, *dict.fromkeys(originals)]]
    for c in dict.fromkeys(originals):
        frame[c] = frame[c].fillna("")
    for c in (
        "source_file",
        "source",
        "wave",
        "date",
        "unit",
        "position",
        "question",
        "text",
        "text_hash",
    ):
        frame[c] = frame[c].fillna("").astype(str)
    frame["row"] = frame["row"].astype("int64")
    return frame


def read_comments(
    paths: Sequence[str | Path],
    *,
    progress: Progress = null_progress,
    **options: object,
) -> Comments:
    """Read every input file into one canonical :class:`Comments` table (in memory).

    ``options`` are the fields of :class:`ReadOptions` (``text_cols``,
    ``date_col``, ``unit_col``, ``mapping``, ``sheet``, ``source``, ``wave``,
    ``dayfirst``, ``keep_pii``, ``encoding``).  For files too large for memory
    use the store (``asn-sentiment ingest --db``), which reads in chunks.
    """
    opts = ReadOptions.from_kwargs(**options)
    readers = open_readers(paths, opts)
    reports = prepare_readers(readers, progress)
    readers = [r for r in readers if r.report is not None]
    frames: list[pd.DataFrame] = []
    original: list[str] = []
    with progress("cli.progress.reading", sum(r.rows for r in readers)) as bar:
        for reader in readers:
            assert reader.report is not None
            original.extend(c for c in reader.report.columns if c not in original)
            for chunk in reader.chunks():
                frames.append(chunk)
                bar.update(int(chunk["row"].nunique()))
    frame = assemble(frames, original)
    names = [original_name(c) for c in original]
    return Comments(frame=frame, files=reports, original_columns=list(dict.fromkeys(names)))


def read_events(path: str | Path) -> pd.DataFrame:
    """Read socialisation events: a date column and a label column.

    Headers ``date,label`` or ``tanggal,kegiatan`` (or close synonyms).  Returns
    a table ``date`` (ISO), ``label`` sorted by date.
    """
    raw = read_table(path)
    cols = list(raw.columns)
    shown = ", ".join(repr(c) for c in cols)
    date_col = next(
        (c for c in cols if normalise_header(c) in {"date", "tanggal", "tgl", "waktu"}), None
    )
    label_col = next(
        (
            c
            for c in cols
            if normalise_header(c)
            in {"label", "kegiatan", "acara", "event", "nama kegiatan", "keterangan"}
        ),
        None,
    )
    if date_col is None or label_col is None:
        raise InputError("err.events_columns", path=str(path), columns=shown)
    scan = DateScan()
    scan.feed(raw[date_col].tolist())
    order = _raise_date_problems(scan, date_col, str(path), None)
    dates = parse_dates(raw[date_col].tolist(), dayfirst=order).iso
    events = pd.DataFrame({"date": dates, "label": [_str(v).strip() for v in raw[label_col]]})
    events = events[events["date"] != ""]
    return events.sort_values(["date", "label"], kind="stable").reset_index(drop=True)
