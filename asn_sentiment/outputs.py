"""Writing output files safely.

- :func:`staged_outdir` builds a whole output folder in a temporary sibling
  folder and moves it into place only when everything succeeded, so a failed
  run never leaves a half-written OUTDIR; an existing non-empty OUTDIR is kept
  unless ``overwrite`` is given.
- :func:`atomic_path` does the same for one file (temporary file in the same
  folder, then ``os.replace``): a reader sees the old file or the new one,
  never half of one.
- :func:`write_csv`, :func:`write_xlsx`, :func:`write_parquet` and the
  streaming :func:`table_writer` write deterministic tables in which no cell
  can run as a spreadsheet formula (OWASP "CSV injection"): a text cell that
  starts with ``=``, ``+``, ``-``, ``@``, tab, carriage return, line feed or
  NUL (or their full-width forms) is neutralised.  In CSV, which has no cell
  types, a ``'`` is put in front (what OWASP recommends, and what Excel shows
  as text).  In XLSX the value is kept as it is but written as a text cell
  with Excel's quote prefix (exactly what typing ``'`` in Excel does), which
  Excel, LibreOffice and Google Sheets never evaluate, even after editing.
  Numbers in numeric columns (``-3.5``) and plain numbers in text columns
  (``-3``, ``+62``) are left alone.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from asn_sentiment.errors import OutputError

#: First characters that make a spreadsheet read a cell as a formula (OWASP), plus
#: their full-width forms, which some spreadsheet versions convert on input.
FORMULA_TRIGGERS = "=+-@\t\r\n\x00\uff1d\uff0b\uff0d\uff20"
_FORMULA_START = re.compile("^[" + re.escape(FORMULA_TRIGGERS) + "]")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$")
_DASHES = re.compile(r"^-+$")  # "-" or "--": the usual "no answer", inert in every spreadsheet
# Characters XML 1.0 (and so XLSX) cannot hold.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
XLSX_MAX_ROWS = 1_048_576
XLSX_MAX_CELL = 32_767


def needs_neutralising(value: object) -> bool:
    """True for a text cell a spreadsheet could run as a formula."""
    return (
        isinstance(value, str)
        and bool(_FORMULA_START.match(value))
        and not _NUMBER.match(value.strip())
        and not _DASHES.match(value)
    )


def neutralise_cell(value: object) -> object:
    """Prefix ``'`` to a text cell a spreadsheet would treat as a formula (for CSV).

    Plain numbers such as ``-3`` or ``+62`` and a lone ``-`` are left alone.
    """
    return "'" + value if needs_neutralising(value) else value  # type: ignore[operator]


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``frame`` with every text cell passed through :func:`neutralise_cell`."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise_cell)
    return out


def restore_cell(value: object) -> object:
    """Undo :func:`neutralise_cell` (for reading back a CSV this tool wrote)."""
    if isinstance(value, str) and value.startswith("'") and needs_neutralising(value[1:]):
        return value[1:]
    return value


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` that replaces it only on success."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
    except OSError as exc:
        raise OutputError(
            "err.output_unwritable", path=str(target), reason=exc.strerror or str(exc)
        ) from None
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, target)
    except OSError as exc:
        raise OutputError(
            "err.output_unwritable", path=str(target), reason=exc.strerror or str(exc)
        ) from None
    finally:
        with contextlib.suppress(OSError):
            tmp_path.unlink()


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write ``frame`` as safe, deterministic CSV (UTF-8, ``\\n``), atomically."""
    with table_writer(path, "csv") as writer:
        writer.write(frame)
    return Path(path)


def write_xlsx(
    tables: Mapping[str, pd.DataFrame],
    path: str | Path,
    *,
    percent_columns: Sequence[str] = (),
) -> Path:
    """Write one sheet per table, safely and atomically.

    Headers are bold on a shaded, frozen, filtered first row; columns are sized
    to their contents; numbers in ``percent_columns`` are shown as percentages;
    blank cells (NaN/NA/inf) stay empty.  Sheet names are made valid for Excel
    (31 characters, no ``[]:*?/\\``, unique).  The same tables give the same
    bytes (fixed timestamps).  Raises :class:`OutputError` when a table has
    more rows than a sheet can hold (export to CSV or Parquet instead).
    """
    with table_writer(path, "xlsx") as writer:
        writer.percent = set(percent_columns)  # type: ignore[attr-defined]
        for name, frame in tables.items():
            writer.write(frame, sheet=name)
    return Path(path)


def write_parquet(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write ``frame`` as Parquet (needs the optional ``pyarrow``), atomically."""
    with table_writer(path, "parquet") as writer:
        writer.write(frame)
    return Path(path)


FORMATS = ("csv", "xlsx", "parquet")


def format_of(path: str | Path) -> str:
    """``csv``, ``xlsx`` or ``parquet`` from a file name; :class:`OutputError` otherwise."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in {"csv", "xlsx", "parquet"}:
        return suffix
    if suffix == "pq":
        return "parquet"
    raise OutputError("err.output_format", path=str(path), formats=", ".join(FORMATS))


class _Writer:
    """Streaming table writer: call :meth:`write` per chunk (same columns each time)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def write(self, frame: pd.DataFrame, sheet: str | None = None) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Finish the file (before the atomic rename)."""

    def abort(self) -> None:
        """Release resources after a failure (the temporary file is then removed)."""


class _CsvWriter(_Writer):
    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.header = True
        self.fh = path.open("w", encoding="utf-8", newline="")

    def write(self, frame: pd.DataFrame, sheet: str | None = None) -> None:
        frame = frame.copy()
        for col in frame.columns:  # a bare CR would not be quoted with "\n" line ends
            if frame[col].dtype == object or pd.api.types.is_string_dtype(frame[col]):
                frame[col] = frame[col].map(_unix_newlines)
        neutralise_frame(frame).to_csv(
            self.fh, index=False, header=self.header, lineterminator="\n"
        )
        self.header = False

    def close(self) -> None:
        self.fh.close()

    def abort(self) -> None:
        self.fh.close()


def _unix_newlines(value: object) -> object:
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def _sheet_name(name: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "_", str(name)).strip("'") or "Sheet"
    base = base[:31]
    candidate, n = base, 2
    while candidate.lower() in taken:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(candidate.lower())
    return candidate


#: Fixed timestamp for workbook properties and zip entries (deterministic files).
_XLSX_EPOCH = (1980, 1, 1, 0, 0, 0)


class _XlsxWriter(_Writer):
    def __init__(self, path: Path) -> None:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill

        super().__init__(path)
        self.book = Workbook(write_only=True)
        self.book.properties.creator = "asn-sentiment"
        self.header_font = Font(bold=True, color="FFFFFF")
        self.header_fill = PatternFill("solid", fgColor="0072B2")
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.percent: set[str] = set()
        self.sheets: dict[str, Any] = {}
        self.rows: dict[str, int] = {}
        self.widths: dict[str, int] = {}
        self.taken: set[str] = set()
        self.current: str | None = None

    def _sheet(self, name: str | None, frame: pd.DataFrame) -> Any:
        from openpyxl.cell.cell import WriteOnlyCell
        from openpyxl.utils import get_column_letter

        key = name if name is not None else (self.current or "results")
        if key in self.sheets:
            return self.sheets[key], key
        ws = self.book.create_sheet(_sheet_name(key, self.taken))
        ws.freeze_panes = "A2"
        for i, col in enumerate(frame.columns, 1):
            sample = [len(str(v)) for v in frame[col].head(200).tolist()] + [len(str(col))]
            ws.column_dimensions[get_column_letter(i)].width = min(60, max(8, max(sample) + 2))
        header = []
        for col in frame.columns:
            cell = xlsx_text_cell(WriteOnlyCell(ws), str(col))
            cell.font, cell.fill, cell.alignment = self.header_font, self.header_fill, self.wrap
            header.append(cell)
        ws.append(header)
        self.sheets[key], self.rows[key], self.current = ws, 1, key
        self.widths[key] = len(frame.columns)
        return ws, key

    def write(self, frame: pd.DataFrame, sheet: str | None = None) -> None:
        from openpyxl.cell.cell import WriteOnlyCell

        ws, key = self._sheet(sheet, frame)
        if self.rows[key] + len(frame) > XLSX_MAX_ROWS:
            raise OutputError("err.xlsx_too_many_rows", path=str(self.path), rows=XLSX_MAX_ROWS - 1)
        numeric = [pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns]
        percent = [str(c) in self.percent for c in frame.columns]
        for record in frame.itertuples(index=False, name=None):
            row = []
            for value, is_num, pct in zip(record, numeric, percent, strict=True):
                if _blank(value):
                    row.append(None)
                elif isinstance(value, str):  # a text cell is never a formula
                    row.append(xlsx_text_cell(WriteOnlyCell(ws), value))
                elif is_num or isinstance(value, int | float | bool):
                    number = value.item() if hasattr(value, "item") else value
                    if pct and not isinstance(number, bool):
                        cell = WriteOnlyCell(ws, value=number)
                        cell.number_format = "0.0%"
                        row.append(cell)
                    else:
                        row.append(number)
                else:
                    cell = WriteOnlyCell(ws, value=_xlsx_value(str(value)))
                    cell.data_type = "s"
                    row.append(cell)
            ws.append(row)
        self.rows[key] += len(frame)

    def close(self) -> None:
        from openpyxl.utils import get_column_letter

        if not self.sheets:
            self.book.create_sheet("Sheet")
        for key, ws in self.sheets.items():
            if self.widths[key]:
                ws.auto_filter.ref = (
                    f"A1:{get_column_letter(self.widths[key])}{max(self.rows[key], 2)}"
                )
        save_workbook(self.book, self.path)


def _blank(value: object) -> bool:
    """None, NA, NaT, NaN and infinities: an empty spreadsheet cell."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and (value != value or abs(value) == float("inf"))


def _xlsx_value(text: str) -> str:
    """Text an XLSX cell can hold: no XML-illegal control characters, at most 32,767 characters."""
    text = _ILLEGAL_XML.sub("\ufffd", text)
    if len(text) > XLSX_MAX_CELL:
        text = text[: XLSX_MAX_CELL - 1] + "…"
    return text


def xlsx_text_cell(cell: Any, text: str) -> Any:
    """Make an openpyxl ``cell`` hold ``text`` as a text cell that can never run as a formula.

    The value is cleaned as in :func:`write_xlsx` (XML-illegal characters
    replaced, length capped) and a formula-like text gets Excel's quote prefix.
    Returns the cell (so it works for write-only cells too).
    """
    cell.value = _xlsx_value(text)
    cell.data_type = "s"
    if needs_neutralising(text):
        cell.quotePrefix = True
    return cell


def save_workbook(book: Any, path: str | Path) -> Path:
    """Save an openpyxl workbook at ``path`` with fixed timestamps: same content, same bytes.

    Use inside :func:`atomic_path` for an atomic write.
    """
    import datetime as dt
    import zipfile

    from openpyxl.writer.excel import ExcelWriter

    target = Path(path)
    fixed = dt.datetime(*_XLSX_EPOCH)
    book.properties.created = fixed
    raw = target.with_name(target.name + ".raw")
    try:
        if book.write_only and not book.worksheets:
            book.create_sheet()
        # ExcelWriter, not book.save(): save() stamps the current time into docProps/core.xml
        book.properties.modified = fixed
        ExcelWriter(book, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
        # rewrite the zip with fixed entry times: the same tables give the same bytes
        with zipfile.ZipFile(raw) as src, zipfile.ZipFile(target, "w") as dst:
            for info in src.infolist():
                entry = zipfile.ZipInfo(info.filename, date_time=_XLSX_EPOCH)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o600 << 16
                with src.open(info) as fin, dst.open(entry, "w") as fout:
                    shutil.copyfileobj(fin, fout, 1 << 20)
    finally:
        with contextlib.suppress(OSError):
            raw.unlink()
    return target


class _ParquetWriter(_Writer):
    def __init__(self, path: Path) -> None:
        super().__init__(path)
        try:
            import pyarrow  # noqa: F401
            import pyarrow.parquet  # noqa: F401
        except ImportError:
            raise OutputError("err.parquet_missing", path=str(path)) from None
        self.writer: Any = None
        self.schema: Any = None

    def write(self, frame: pd.DataFrame, sheet: str | None = None) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(frame, preserve_index=False, schema=self.schema)
        if self.writer is None:
            self.schema = table.schema
            self.writer = pq.ParquetWriter(self.path, self.schema)
        self.writer.write_table(table)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()

    abort = close


_WRITERS = {"csv": _CsvWriter, "xlsx": _XlsxWriter, "parquet": _ParquetWriter}


@contextmanager
def table_writer(path: str | Path, fmt: str | None = None) -> Iterator[_Writer]:
    """A streaming, neutralising writer of ``csv``/``xlsx``/``parquet`` that commits atomically.

    >>> with table_writer("out.csv") as w:  # doctest: +SKIP
    ...     for chunk in chunks:
    ...         w.write(chunk)
    """
    kind = fmt or format_of(path)
    with atomic_path(path) as tmp:
        writer = _WRITERS[kind](tmp)
        try:
            yield writer
        except BaseException:
            writer.abort()
            raise
        writer.close()


def write_tables(frames: Iterable[pd.DataFrame], path: str | Path) -> Path:
    """Write chunks of one table to ``path`` (format from its suffix)."""
    with table_writer(path) as writer:
        for frame in frames:
            writer.write(frame)
    return Path(path)


def check_outdir(outdir: str | Path, overwrite: bool = False) -> None:
    """Raise :class:`OutputError` unless ``outdir`` can be written (empty, missing or ``overwrite``)."""
    outdir = Path(outdir)
    if outdir.exists():
        if not outdir.is_dir():
            raise OutputError("err.outdir_not_dir", path=str(outdir))
        if any(outdir.iterdir()) and not overwrite:
            raise OutputError("err.outdir_exists", path=str(outdir))


@contextmanager
def staged_outdir(outdir: str | Path, overwrite: bool = False) -> Iterator[Path]:
    """Yield a temporary folder that replaces ``outdir`` only on success."""
    target = Path(outdir)
    check_outdir(target, overwrite)
    parent = target.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=parent))
    except OSError as exc:
        raise OutputError(
            "err.output_unwritable", path=str(target), reason=exc.strerror or str(exc)
        ) from None
    try:
        yield staging
        check_outdir(target, overwrite)
        os.chmod(staging, 0o755)
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=parent))
            os.replace(target, old / target.name)
            os.replace(staging, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
