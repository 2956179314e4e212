"""Writing output files safely.

- :func:`staged_outdir` builds a whole output folder in a temporary sibling
  folder and moves it into place only when everything succeeded, so a failed
  run never leaves a half-written OUTDIR; an existing non-empty OUTDIR is kept
  unless ``overwrite`` is given.
- :func:`write_csv` writes deterministic CSV (UTF-8, ``\\n`` line ends) with
  cells that a spreadsheet would run as formulas neutralised.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from asn_sentiment.errors import OutputError

_FORMULA_START = re.compile(r"^[=+\-@\t\r\n\x00]")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$")


def neutralise_cell(value: object) -> object:
    """Prefix ``'`` to a text cell a spreadsheet would treat as a formula.

    Plain numbers such as ``-3`` or ``+62`` are left alone.
    """
    if isinstance(value, str) and _FORMULA_START.match(value) and not _NUMBER.match(value.strip()):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``frame`` with every text cell passed through :func:`neutralise_cell`."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise_cell)
    return out


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write ``frame`` as safe, deterministic CSV."""
    neutralise_frame(frame).to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
    return path


def check_outdir(outdir: str | Path, overwrite: bool = False) -> None:
    """Raise :class:`OutputError` now if ``outdir`` could not be written later."""
    _check_outdir(Path(outdir), overwrite)


def _check_outdir(outdir: Path, overwrite: bool) -> None:
    if outdir.exists():
        if not outdir.is_dir():
            raise OutputError("err.outdir_not_dir", path=str(outdir))
        if any(outdir.iterdir()) and not overwrite:
            raise OutputError("err.outdir_exists", path=str(outdir))


@contextmanager
def staged_outdir(outdir: str | Path, overwrite: bool = False) -> Iterator[Path]:
    """Yield a temporary folder that replaces ``outdir`` only on success."""
    target = Path(outdir)
    _check_outdir(target, overwrite)
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
        _check_outdir(target, overwrite)
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


#: Fixed timestamp for workbook properties and zip entries (deterministic files).
_XLSX_EPOCH = (1980, 1, 1, 0, 0, 0)


def _excel_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells ready for a spreadsheet, column by column: text neutralised,
    blanks (NaN/NA/inf) as empty cells, numpy scalars as Python values."""
    out = neutralise_frame(frame)
    for col in out.columns:
        values = out[col]
        if pd.api.types.is_float_dtype(values):
            values = values.astype(float)
            values = values.where(values.abs() != float("inf"))
        values = values.astype(object)
        out[col] = values.where(pd.notna(values), None)
    return out


def write_xlsx(
    sheets: dict[str, pd.DataFrame],
    path: Path,
    *,
    percent_columns: tuple[str, ...] | list[str] = (),
) -> Path:
    """Write one sheet per table: bold shaded header, frozen, filtered, sized columns.

    Text cells are neutralised like :func:`write_csv`; blank (NaN/NA) cells stay
    empty; columns named in ``percent_columns`` are shown as percentages.  The
    file is byte-identical for identical tables (fixed timestamps).
    """
    import io
    import zipfile

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    fixed = __import__("datetime").datetime(*_XLSX_EPOCH)
    workbook.properties.created = fixed
    workbook.properties.modified = fixed
    workbook.properties.creator = "asn-sentiment"
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="0072B2")
    wrap = Alignment(wrap_text=True, vertical="top")
    percent = set(percent_columns)
    for name, frame in sheets.items():
        ws = workbook.create_sheet(title=name[:31])
        columns = [str(c) for c in frame.columns]
        for i, col in enumerate(columns, start=1):
            sample = [len(col)] + [len(str(v)) for v in frame.iloc[:200, i - 1].tolist()]
            ws.column_dimensions[get_column_letter(i)].width = min(max(sample) + 2, 60)
        ws.freeze_panes = "A2"
        if columns:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(frame), 1) + 1}"
        header = []
        for col in columns:
            cell = WriteOnlyCell(ws, value=col)
            cell.font, cell.fill, cell.alignment = header_font, header_fill, wrap
            header.append(cell)
        ws.append(header)
        pct_idx = [i for i, c in enumerate(columns) if c in percent]
        for values in _excel_columns(frame).itertuples(index=False, name=None):
            row = list(values)
            for i in pct_idx:
                if isinstance(row[i], (int, float)) and not isinstance(row[i], bool):
                    cell = WriteOnlyCell(ws, value=row[i])
                    cell.number_format = "0.0%"
                    row[i] = cell
            ws.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_XLSX_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, src.read(info.filename))
    return path
