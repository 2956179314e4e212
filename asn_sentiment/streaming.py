"""Preprocess a whole file: stream it in chunks, optionally over several processes.

:func:`preprocess_file` reads a table (CSV/TSV/TXT streamed in chunks of rows,
so memory stays constant however long the file; XLSX/JSON through
:func:`asn_sentiment.ingest.read_table`), cleans one text column with the
engine of :mod:`asn_sentiment.cleaning`, and writes the table with a
``text_clean`` column added.  Output is written to a temporary file next to the
target and moved into place only when everything succeeded.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asn_sentiment.cleaning import engine, resolve_steps
from asn_sentiment.errors import InputError, OutputError
from asn_sentiment.outputs import atomic_path
from asn_sentiment.progress import Progress, null_progress
from asn_sentiment.stemmer import shared_stemmer

STREAMED_SUFFIXES = {".csv", ".tsv", ".txt"}
OUTPUT_SUFFIXES = {".csv": ",", ".tsv": "\t", ".txt": ","}
DEFAULT_CHUNK_ROWS = 20_000
_SAMPLE_BYTES = 1 << 20


@dataclass
class PreprocessFileResult:
    """What :func:`preprocess_file` did."""

    output: Path
    rows: int
    text_column: str
    text_how: str  # "given", "header" or "longest" (as in ingest's column plan)
    encoding: str
    seconds: float


# --- reading --------------------------------------------------------------------------


def _check_input(path: Path) -> None:
    from asn_sentiment.ingest import TABLE_SUFFIXES

    if not path.exists():
        raise InputError("err.file_missing", path=str(path))
    if path.is_dir():
        raise InputError("err.file_is_dir", path=str(path))
    if path.suffix.lower() not in TABLE_SUFFIXES:
        raise InputError("err.file_format", path=str(path))


def detect_encoding(path: Path) -> str:
    """Encoding of a text file: BOM, else UTF-8 if the whole file decodes, else a guess."""
    with open(path, "rb") as fh:
        head = fh.read(_SAMPLE_BYTES)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            block = head
            while block:
                decoder.decode(block)
                block = fh.read(_SAMPLE_BYTES)
            decoder.decode(b"", final=True)
            return "utf-8"
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(head[:200_000]).best()
    if best is None:
        raise InputError("err.file_unreadable", path=str(path), reason="unknown text encoding")
    return best.encoding


def _delimiter(sample: str, suffix: str) -> str:
    if suffix == ".tsv":
        return "\t"
    lines = "\n".join(sample.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(lines, delimiters=",;\t|").delimiter
    except csv.Error:
        first = lines.splitlines()[0] if lines else ""
        return max(",;\t|", key=first.count) if any(d in first for d in ",;\t|") else ","


class _Table:
    """Chunks of a table (pandas DataFrames of strings) and how far the reading got."""

    def __init__(self, path: Path, chunk_rows: int) -> None:
        self.path = path
        self.chunk_rows = chunk_rows
        self.size = max(path.stat().st_size, 1)
        self.encoding = ""
        self._raw: Any = None
        self._frame: Any = None

    def position(self) -> int:
        """Bytes read so far (for progress)."""
        if self._raw is not None and not self._raw.closed:
            return min(self._raw.tell(), self.size)
        return self.size

    def chunks(self) -> Iterator[Any]:
        import pandas as pd

        suffix = self.path.suffix.lower()
        try:
            if suffix not in STREAMED_SUFFIXES:
                yield from self._whole_table()
                return
            self.encoding = detect_encoding(self.path)
            with open(self.path, "rb") as raw:
                self._raw = raw
                sample = raw.read(64 * 1024).decode(self.encoding, errors="replace")
                raw.seek(0)
                text = io.TextIOWrapper(raw, encoding=self.encoding, newline="")
                reader = pd.read_csv(
                    text,
                    sep=_delimiter(sample, suffix),
                    dtype=str,
                    keep_default_na=False,
                    chunksize=self.chunk_rows,
                    engine="c",
                )
                with reader:
                    for chunk in reader:
                        chunk.columns = [str(c).strip() for c in chunk.columns]
                        yield chunk
        except InputError:
            raise
        except (OSError, ValueError, UnicodeError, csv.Error, pd.errors.ParserError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise InputError("err.file_unreadable", path=str(self.path), reason=reason) from None

    def _whole_table(self) -> Iterator[Any]:
        from asn_sentiment.ingest import read_table

        frame = read_table(self.path)
        self.encoding = "n/a"
        for start in range(0, len(frame), self.chunk_rows):
            yield frame.iloc[start : start + self.chunk_rows].astype(object).reset_index(drop=True)


# --- parallel workers -------------------------------------------------------------------


def _init_worker(steps: tuple[str, ...], window: int, stems: dict[str, str]) -> None:
    shared_stemmer().cache.update(stems)
    engine(steps, window)


def _clean_chunk(steps: tuple[str, ...], window: int, texts: list[object]) -> list[str]:
    from asn_sentiment.cleaning import preprocess_batch

    return preprocess_batch(texts, steps, window)


def _clean_chunk_with_stems(
    steps: tuple[str, ...], window: int, texts: list[object]
) -> tuple[list[str], dict[str, str]]:
    cache = shared_stemmer().cache
    before = len(cache)
    cleaned = _clean_chunk(steps, window, texts)
    new = len(cache) - before
    stems = dict(itertools.islice(reversed(cache.items()), new)) if new > 0 else {}
    return cleaned, stems


# --- the whole file ---------------------------------------------------------------------


def _check_output(output: Path, source: Path, overwrite: bool) -> str:
    suffix = output.suffix.lower()
    if suffix not in OUTPUT_SUFFIXES:
        raise OutputError("err.output_format", path=str(output), formats=", ".join(OUTPUT_SUFFIXES))
    if output.exists():
        if output.is_dir():
            raise OutputError("err.output_is_dir", path=str(output))
        if source.exists() and output.resolve() == source.resolve():
            raise OutputError("err.output_is_input", path=str(output))
        if not overwrite:
            raise OutputError("err.output_exists", path=str(output))
    return OUTPUT_SUFFIXES[suffix]


def preprocess_file(
    source: str | Path,
    output: str | Path,
    *,
    text_col: str | None = None,
    out_col: str = "text_clean",
    steps: str | Sequence[str] | None = "default",
    negation_window: int = 3,
    jobs: int = 1,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    overwrite: bool = False,
    stem_cache: str | Path | None = None,
    progress: Progress = null_progress,
) -> PreprocessFileResult:
    """Clean one text column of ``source`` into ``output`` (CSV/TSV), adding ``out_col``.

    ``text_col`` defaults to the open-text column that
    :func:`asn_sentiment.ingest.plan_columns` finds.  CSV/TSV/TXT input is
    streamed ``chunk_rows`` rows at a time (constant memory); ``jobs > 1``
    cleans chunks in that many worker processes.  ``stem_cache``: a JSON file
    of stems read before (if it exists) and written after the run, which makes
    the next cold run faster (see :meth:`FastStemmer.save_cache`).
    Raises :class:`InputError`/:class:`OutputError` for problems the user can fix;
    nothing is left at ``output`` unless the whole file was processed.
    """
    started = time.perf_counter()
    src, out = Path(source), Path(output)
    _check_input(src)
    sep = _check_output(out, src, overwrite)
    chosen = resolve_steps(steps)
    window = int(negation_window)
    stemmer = shared_stemmer()
    if stem_cache is not None and Path(stem_cache).is_file():
        stemmer.load_cache(stem_cache)
    table = _Table(src, max(int(chunk_rows), 1))
    chunks = table.chunks()
    first = next(chunks, None)
    if first is None or first.empty:
        raise InputError("err.file_empty", path=str(src))
    column, how = _text_column(first, src, text_col)
    rows = 0
    with (
        atomic_path(out) as tmp,
        open(tmp, "w", encoding="utf-8", newline="") as fh,
        progress("cli.progress.preprocessing", table.size) as bar,
    ):
        done = 0
        frames = itertools.chain([first], chunks)
        for frame, cleaned in _cleaned(
            frames, column, chosen, window, jobs, collect_stems=stem_cache is not None
        ):
            _write_chunk(fh, frame, column, out_col, cleaned, sep, header=rows == 0)
            rows += len(frame)
            now = table.position()
            bar.update(now - done)
            done = now
    if stem_cache is not None:
        stemmer.save_cache(stem_cache)
    return PreprocessFileResult(
        output=out,
        rows=rows,
        text_column=column,
        text_how=how,
        encoding=table.encoding,
        seconds=time.perf_counter() - started,
    )


def _text_column(first: Any, src: Path, text_col: str | None) -> tuple[str, str]:
    columns = list(first.columns)
    if text_col is not None:
        if text_col not in columns:
            raise InputError(
                "err.column_missing",
                column=text_col,
                path=str(src),
                columns=", ".join(repr(c) for c in columns[:12]),
            )
        return text_col, "given"
    if len(columns) == 1:
        return columns[0], "longest"
    from asn_sentiment.ingest import plan_columns

    plan = plan_columns(first.head(2000), str(src))
    return plan.text[0], plan.text_how


def _cleaned(
    frames: Iterator[Any],
    column: str,
    steps: tuple[str, ...],
    window: int,
    jobs: int,
    collect_stems: bool = False,
) -> Iterator[tuple[Any, list[str]]]:
    """(frame, cleaned texts) for each chunk, in order; chunks in flight stay bounded.

    With ``collect_stems`` the workers send back the stems they computed, so the
    main process can save them.
    """
    if jobs <= 1:
        for frame in frames:
            yield frame, _clean_chunk(steps, window, frame[column].tolist())
        return
    cache = shared_stemmer().cache
    work = _clean_chunk_with_stems if collect_stems else _clean_chunk
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_init_worker, initargs=(steps, window, dict(cache))
    ) as pool:
        pending: deque[tuple[Any, Future[Any]]] = deque()
        for frame in frames:
            pending.append((frame, pool.submit(work, steps, window, frame[column].tolist())))
            if len(pending) >= 2 * jobs:
                yield _collect(pending.popleft(), cache if collect_stems else None)
        while pending:
            yield _collect(pending.popleft(), cache if collect_stems else None)


def _collect(item: tuple[Any, Future[Any]], cache: dict[str, str] | None) -> tuple[Any, list[str]]:
    frame, future = item
    result = future.result()
    if cache is None:
        return frame, result
    cleaned, stems = result
    cache.update(stems)
    return frame, cleaned


def _write_chunk(
    fh: Any,
    frame: Any,
    column: str,
    out_col: str,
    cleaned: list[str],
    sep: str,
    header: bool,
) -> None:
    from asn_sentiment.outputs import neutralise_frame

    frame = frame.copy()
    frame[out_col] = cleaned
    neutralise_frame(frame).to_csv(fh, sep=sep, index=False, header=header, lineterminator="\n")
