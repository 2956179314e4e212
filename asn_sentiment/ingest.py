"""Read input files into one canonical table of comments.

Everything downstream reads only this table (never the raw file).  Columns:

``source_file, row, source, wave, question, date, unit, position, text,
text_hash`` then ``likert__<item>`` (1-5) for each Likert item found, then
the user's original columns, untouched except that personal data in free
text is masked (:mod:`asn_sentiment.privacy`).

``row`` is the 1-based data row in its file (the first row under the header
is 1).  When a file has several open questions, each answer becomes its own
row (long format) and ``question`` holds the column header.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from asn_sentiment.dates import looks_like_dates, parse_dates
from asn_sentiment.errors import DateError, InputError
from asn_sentiment.privacy import mask_pii
from asn_sentiment.progress import Progress, null_progress

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
TABLE_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".json", ".jsonl", ".ndjson"}

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
    "tanggal pengisian", "end", "start", "time",
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
    "sangat tidak setuju": 1, "sts": 1, "strongly disagree": 1,
    "tidak setuju": 2, "ts": 2, "disagree": 2, "kurang setuju": 2,
    "netral": 3, "n": 3, "ragu ragu": 3, "ragu": 3, "rr": 3, "cukup setuju": 3, "neutral": 3,
    "neither agree nor disagree": 3, "biasa saja": 3,
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
    if value is None or (isinstance(value, float) and value != value):
        return True
    return str(value).strip().lower() in _EMPTY_VALUES


def _str(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- reading raw tables ---------------------------------------------------------------


def _decode(data: bytes, path: Path) -> str:
    """Decode bytes: BOMs first, then strict UTF-8, then charset-normalizer's best guess."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise InputError("err.file_unreadable", path=str(path), reason="unknown text encoding")
    return data.decode(best.encoding, errors="replace")


def _sniff_delimiter(text: str, suffix: str) -> str:
    if suffix == ".tsv":
        return "\t"
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        counts = {d: first.count(d) for d in ",;\t|"}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def read_table(path: str | Path, sheet: str | None = None) -> pd.DataFrame:
    """Read a CSV/TSV/TXT, XLSX, JSON or JSONL file as a table of raw values.

    Text files come back as strings; Excel keeps real date cells as datetimes.
    Raises :class:`InputError` for missing, unreadable or empty files.
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
        if suffix in {".xlsx", ".xlsm"}:
            frame = pd.read_excel(p, sheet_name=sheet or 0, dtype=object, engine="openpyxl")
        else:
            data = p.read_bytes()
            text = _decode(data, p)
            if suffix in {".json", ".jsonl", ".ndjson"}:
                frame = _read_json(text, suffix)
            else:
                delimiter = _sniff_delimiter(text, suffix)
                frame = pd.read_csv(
                    io.StringIO(text),
                    sep=delimiter,
                    dtype=str,
                    keep_default_na=False,
                    engine="python",
                )
    except InputError:
        raise
    except (OSError, ValueError, KeyError, UnicodeError, csv.Error, pd.errors.ParserError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError("err.file_unreadable", path=str(p), reason=reason) from None
    except Exception as exc:  # zipfile.BadZipFile, openpyxl errors on corrupt workbooks
        if type(exc).__module__.split(".")[0] in {"zipfile", "openpyxl", "xml"}:
            raise InputError(
                "err.file_unreadable", path=str(p), reason=type(exc).__name__
            ) from None
        raise
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.dropna(how="all")
    if frame.empty or frame.map(_is_empty).all().all():
        raise InputError("err.file_empty", path=str(p))
    return frame.reset_index(drop=True)


def _read_json(text: str, suffix: str) -> pd.DataFrame:
    if suffix in {".jsonl", ".ndjson"}:
        records = [json.loads(line) for line in text.splitlines() if line.strip()]
    else:
        data = json.loads(text)
        if isinstance(data, dict):
            data = next((v for v in data.values() if isinstance(v, list)), [data])
        records = data if isinstance(data, list) else [data]
    if not all(isinstance(r, dict) for r in records):
        raise ValueError("JSON must hold a list of objects")
    return pd.DataFrame.from_records(records).astype(object)


# --- column detection -----------------------------------------------------------------


def _header_matches(header: str, names: Sequence[str], whole: bool = False) -> bool:
    h = normalise_header(header)
    if h in names:
        return True
    if whole:
        return False
    return any(re.search(rf"\b{re.escape(n)}\b", h) for n in names if len(n) > 3)


def likert_score(value: object) -> int | None:
    """Score 1-5 of a Likert answer given as a word, abbreviation or number."""
    if _is_empty(value):
        return None
    text = normalise_header(value)
    if text in LIKERT_WORDS:
        return LIKERT_WORDS[text]
    if re.fullmatch(r"[1-5](?:\.0)?", text.replace(" ", ".")) or re.fullmatch(r"[1-5]", text):
        return int(text[0])
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
    return mean_len >= 8 and words >= 1.5 and (distinct >= 0.3 or len(strings) < 10)


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


def plan_columns(
    frame: pd.DataFrame,
    path: str,
    text_cols: Sequence[str] | None = None,
    date_col: str | None = None,
    unit_col: str | None = None,
) -> ColumnPlan:
    """Decide the role of each column (text, date, unit, position, Likert)."""
    columns = list(frame.columns)
    shown = ", ".join(repr(c) for c in columns[:12]) + (" ..." if len(columns) > 12 else "")
    for given in [*(text_cols or []), date_col, unit_col]:
        if given and given not in columns:
            raise InputError("err.column_missing", column=given, path=path, columns=shown)
    values = {c: _values(frame, c) for c in columns}
    likert: dict[str, str] = {}
    taken: set[str] = set()
    for c in columns:
        if c in (text_cols or []) or c in {date_col, unit_col}:
            continue
        if _is_likert(values[c], c):
            likert[c] = "likert__" + _slug(c, taken)

    def first(names: Sequence[str], exclude: set[str], test=None, whole=False) -> str | None:
        for c in columns:
            if c in exclude or c in likert:
                continue
            if _header_matches(c, names, whole) and (test is None or test(values[c])):
                return c
        return None

    used: set[str] = set(text_cols or [])
    date = date_col or first(DATE_HEADERS, used, lambda v: bool(v) and looks_like_dates(v, 0.5))
    if date is None:  # any column whose values are dates
        date = next(
            (
                c
                for c in columns
                if c not in used
                and c not in likert
                and values[c]
                and looks_like_dates(values[c], 0.95)
            ),
            None,
        )
    used |= {date} if date else set()
    unit = unit_col or first(UNIT_HEADERS, used)
    used |= {unit} if unit else set()
    position = first(POSITION_HEADERS, used)
    used |= {position} if position else set()
    wave = first(WAVE_HEADERS, used, whole=True)
    used |= {wave} if wave else set()
    source_col = first(
        SOURCE_HEADERS,
        used,
        lambda v: bool(v) and {str(x).strip().lower() for x in v} <= set(SOURCES),
        whole=True,
    )
    used |= {source_col} if source_col else set()

    if text_cols:
        return ColumnPlan(list(text_cols), "given", date, unit, position, wave, source_col, likert)
    free = [c for c in columns if c not in used and c not in likert and _is_free_text(values[c])]
    by_header = [
        c
        for c in free
        if _header_matches(c, TEXT_HEADERS)
        or str(c).strip().endswith("?")
        or normalise_header(c).split(" ")[0] in QUESTION_WORDS
    ]
    if by_header:
        return ColumnPlan(by_header, "header", date, unit, position, wave, source_col, likert)
    if free:
        longest = max(free, key=lambda c: _text_stats(values[c])[0])
        return ColumnPlan([longest], "longest", date, unit, position, wave, source_col, likert)
    raise InputError("err.no_text_column", path=path, columns=shown)


# --- canonical table ------------------------------------------------------------------


@dataclass
class FileReport:
    """What was read from one file and which decisions were taken."""

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


def _dates_for(
    frame: pd.DataFrame, column: str | None, path: str, dayfirst: bool | None
) -> tuple[list[str], str]:
    if column is None:
        return [""] * len(frame), "none"
    parsed = parse_dates(frame[column].tolist(), dayfirst=dayfirst)
    if parsed.dayfirst_example and parsed.monthfirst_example and dayfirst is None:
        raise DateError(
            "err.date_mixed_order",
            column=column,
            path=path,
            dayfirst=parsed.dayfirst_example,
            monthfirst=parsed.monthfirst_example,
        )
    if parsed.ambiguous_example:
        raise DateError(
            "err.date_ambiguous", column=column, path=path, example=parsed.ambiguous_example
        )
    if parsed.invalid_rows:
        rows = ", ".join(str(r + 1) for r in parsed.invalid_rows[:10])
        if len(parsed.invalid_rows) > 10:
            rows += ", ..."
        raise DateError(
            "err.date_invalid",
            column=column,
            path=path,
            count=len(parsed.invalid_rows),
            rows=rows,
            example=parsed.invalid_examples[0],
        )
    return parsed.iso, parsed.order


def comments_from_frame(
    frame: pd.DataFrame,
    path: str,
    *,
    text_cols: Sequence[str] | None = None,
    date_col: str | None = None,
    unit_col: str | None = None,
    source: str | None = None,
    dayfirst: bool | None = None,
    keep_pii: bool = False,
) -> tuple[pd.DataFrame, FileReport]:
    """Turn one raw table into canonical rows (long format over open questions)."""
    if source is not None and source not in SOURCES:
        raise InputError("err.source_invalid", source=source)
    plan = plan_columns(frame, path, text_cols, date_col, unit_col)
    dates, order = _dates_for(frame, plan.date, path, dayfirst)
    name = Path(path).name
    if source is not None:
        file_source, how = source, "given"
    elif plan.source_col is not None:
        file_source, how = "", "column"
    elif plan.likert or normalise_header(plan.date or "") in {
        "cap waktu",
        "stempel waktu",
        "timestamp",
    }:
        file_source, how = "staff", "survey"
    else:
        file_source, how = "public", "comments"

    def column_or(col: str | None, default: str = "") -> list[str]:
        return [_str(v).strip() for v in frame[col].tolist()] if col else [default] * len(frame)

    units = column_or(plan.unit)
    positions = column_or(plan.position)
    waves = column_or(plan.wave, Path(path).stem if file_source == "staff" else "")
    sources = (
        [str(v).strip().lower() for v in column_or(plan.source_col)]
        if plan.source_col
        else [file_source] * len(frame)
    )
    mask = (lambda s: s) if keep_pii else mask_pii
    originals = pd.DataFrame(
        {c: [mask(_str(v)) for v in frame[c].tolist()] for c in frame.columns}, index=frame.index
    )
    likert = {slug: [likert_score(v) for v in frame[h].tolist()] for h, slug in plan.likert.items()}
    parts = []
    for question in plan.text:
        texts = ["" if _is_empty(v) else mask(_str(v)).strip() for v in frame[question].tolist()]
        part = pd.DataFrame(
            {
                "source_file": name,
                "row": range(1, len(frame) + 1),
                "source": sources,
                "wave": waves,
                "question": question,
                "date": dates,
                "unit": units,
                "position": positions,
                "text": texts,
                "text_hash": [text_hash(t) if t else "" for t in texts],
            }
        )
        for slug, scores in likert.items():
            part[slug] = pd.array(scores, dtype="Int64")
        parts.append(pd.concat([part, originals.reset_index(drop=True)], axis=1))
    out = pd.concat(parts, ignore_index=True)
    order_key = {q: i for i, q in enumerate(plan.text)}
    out["_q"] = out["question"].map(order_key)
    out = out.sort_values(["row", "_q"], kind="stable").drop(columns="_q").reset_index(drop=True)
    report = FileReport(
        path=path,
        rows=len(frame),
        text_columns=list(plan.text),
        text_how=plan.text_how,
        date_column=plan.date,
        date_order=order,
        unit_column=plan.unit,
        source=file_source or "column",
        source_how=how,
        likert_items=dict(plan.likert),
        undated=sum(1 for d in dates if not d),
    )
    return out, report


def _rename_collisions(frame: pd.DataFrame, original: list[str]) -> dict[str, str]:
    reserved = (
        set(CANONICAL_COLUMNS)
        | set(RESULT_COLUMNS)
        | {c for c in frame.columns if c.startswith("likert__")}
    )
    return {c: f"{c} (original)" for c in original if c in reserved}


def read_comments(
    paths: Sequence[str | Path],
    *,
    text_cols: Sequence[str] | None = None,
    date_col: str | None = None,
    unit_col: str | None = None,
    source: str | None = None,
    dayfirst: bool | None = None,
    keep_pii: bool = False,
    progress: Progress = null_progress,
) -> Comments:
    """Read every input file into one canonical :class:`Comments` table."""
    frames: list[pd.DataFrame] = []
    reports: list[FileReport] = []
    original: list[str] = []
    with progress("cli.progress.reading", len(paths)) as bar:
        for path in paths:
            raw = read_table(path)
            canon, report = comments_from_frame(
                raw,
                str(path),
                text_cols=text_cols,
                date_col=date_col,
                unit_col=unit_col,
                source=source,
                dayfirst=dayfirst,
                keep_pii=keep_pii,
            )
            original.extend(c for c in raw.columns if c not in original)
            frames.append(canon)
            reports.append(report)
            bar.update(1)
    frame = pd.concat(frames, ignore_index=True)
    likert_cols = sorted(c for c in frame.columns if c.startswith("likert__"))
    head = list(CANONICAL_COLUMNS) + likert_cols
    frame = frame[head + original]
    for c in original:
        frame[c] = frame[c].fillna("")
    for c in ("wave", "date", "unit", "position", "question", "text", "text_hash"):
        frame[c] = frame[c].fillna("").astype(str)
    renames = _rename_collisions(frame.loc[:, head], original)
    if renames:
        cols = list(frame.columns)
        frame.columns = head + [renames.get(c, c) for c in cols[len(head) :]]
        original = [renames.get(c, c) for c in original]
    return Comments(frame=frame, files=reports, original_columns=original)


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
    dates, _ = _dates_for(raw, date_col, str(path), None)
    events = pd.DataFrame({"date": dates, "label": [_str(v).strip() for v in raw[label_col]]})
    events = events[events["date"] != ""]
    return events.sort_values(["date", "label"], kind="stable").reset_index(drop=True)
