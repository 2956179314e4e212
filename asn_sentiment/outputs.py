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
