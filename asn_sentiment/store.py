"""The longitudinal store: every wave, every comment once, every model's results kept.

This is the only module that speaks SQL.  It uses SQLAlchemy Core (tables and
queries as Python expressions, compiled for the database in use), so the same
code runs on the default embedded SQLite file and on a PostgreSQL server for a
province-wide deployment: ``--db store.db`` or
``--db postgresql+psycopg://user@host/asn``.

Tables (schema versioned in ``schema_version``, upgraded on open):

- ``files``: one row per table read (a file, or one sheet of a workbook):
  the SHA-256 of the file's bytes, its name, wave, source and how it was read.
  The same file (same bytes) is never ingested twice.
- ``responses``: one row per data row of a file (a respondent's answers, or
  one public comment): canonical fields, Likert scores, the original columns
  (masked).  Unique on ``(source_file, row, content_hash)``, where the content
  hash covers the masked row (without identifier columns): a re-downloaded
  export with new rows at the end adds only the new rows.
- ``comments``: one row per open-text answer (``question``) of a response.
- ``model_runs`` and ``predictions``: each classification run and its
  results per comment, keyed by the sentiment and theme model versions, so
  the results of every model version are kept side by side.

Safety: each file is ingested in one transaction (SQLite: ``BEGIN
IMMEDIATE`` in WAL mode with ``synchronous=FULL``), so a killed ingest leaves
all or nothing of that file, and two processes ingesting at once take turns
(the second waits up to :data:`BUSY_TIMEOUT` seconds).  On PostgreSQL the
unique keys with ``ON CONFLICT DO NOTHING`` give the same guarantees.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DatabaseError, OperationalError, SQLAlchemyError

from asn_sentiment import __version__
from asn_sentiment.errors import StoreError
from asn_sentiment.ingest import (
    CANONICAL_COLUMNS,
    RESULT_COLUMNS,
    FileReport,
    ReadOptions,
    TableReader,
    open_readers,
    original_name,
    prepare_readers,
)
from asn_sentiment.privacy import key_id, load_key, mask_pii
from asn_sentiment.progress import Progress, null_progress

#: Seconds a writer waits for another process's transaction (env ASN_SENTIMENT_DB_TIMEOUT).
BUSY_TIMEOUT = float(os.environ.get("ASN_SENTIMENT_DB_TIMEOUT", "600"))
#: Comments classified per transaction by :func:`classify_pending`.
CLASSIFY_BATCH = 5000
#: Rows per chunk when reading results out of the store.
EXPORT_CHUNK = 10_000

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("description", sa.String(200), nullable=False),
    sa.Column("applied_at", sa.String(32), nullable=False),
)
files = sa.Table(
    "files",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("source_file", sa.Text, nullable=False),
    sa.Column("sheet", sa.Text),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("wave", sa.Text),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("rows", sa.Integer, nullable=False, default=0),
    sa.Column("responses_added", sa.Integer, nullable=False, default=0),
    sa.Column("comments_added", sa.Integer, nullable=False, default=0),
    sa.Column("report", sa.JSON, nullable=False),
    sa.Column("key_id", sa.String(16)),
    sa.Column("ingested_at", sa.String(32), nullable=False),
    sa.Column("tool_version", sa.String(32), nullable=False),
    sa.UniqueConstraint("content_hash", "source_file", name="uq_files_content"),
)
responses = sa.Table(
    "responses",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("file_id", sa.Integer, sa.ForeignKey("files.id"), nullable=False),
    sa.Column("source_file", sa.Text, nullable=False),
    sa.Column("row", sa.Integer, nullable=False),
    sa.Column("content_hash", sa.String(32), nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("wave", sa.Text, nullable=False),
    sa.Column("date", sa.String(10), nullable=False),
    sa.Column("unit", sa.Text, nullable=False),
    sa.Column("position", sa.Text, nullable=False),
    sa.Column("likert", sa.JSON, nullable=False),
    sa.Column("original", sa.JSON, nullable=False),
    sa.UniqueConstraint("source_file", "row", "content_hash", name="uq_responses_row"),
    sa.Index("ix_responses_wave", "wave"),
)
comments = sa.Table(
    "comments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("response_id", sa.Integer, sa.ForeignKey("responses.id"), nullable=False),
    sa.Column("question", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("text_hash", sa.String(16), nullable=False),
    sa.UniqueConstraint("response_id", "question", name="uq_comments_question"),
)
model_runs = sa.Table(
    "model_runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("model_version", sa.Text, nullable=False),
    sa.Column("theme_model_version", sa.Text, nullable=False),
    sa.Column("started_at", sa.String(32), nullable=False),
    sa.Column("finished_at", sa.String(32)),
    sa.Column("classified", sa.Integer, nullable=False, default=0),
    sa.Column("tool_version", sa.String(32), nullable=False),
)
predictions = sa.Table(
    "predictions",
    metadata,
    sa.Column("comment_id", sa.Integer, sa.ForeignKey("comments.id"), primary_key=True),
    sa.Column("model_version", sa.Text, primary_key=True),
    sa.Column("theme_model_version", sa.Text, primary_key=True),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("model_runs.id"), nullable=False),
    sa.Column("sentiment", sa.Text, nullable=False),
    sa.Column("sentiment_confidence", sa.Float),
    sa.Column("themes", sa.Text, nullable=False),
    sa.Column("theme_evidence", sa.Text, nullable=False),
    sa.Column("resistance", sa.Integer, nullable=False),
    sa.Column("support", sa.Integer, nullable=False),
    sa.Index("ix_predictions_run", "run_id"),
)


def _create(*tables: sa.Table) -> Callable[[Connection], None]:
    def upgrade(conn: Connection) -> None:
        metadata.create_all(conn, tables=list(tables))

    return upgrade


@dataclass(frozen=True)
class Migration:
    """One schema step.  Never edit a released one: add the next version instead
    (and when a later step alters a table, freeze the earlier shape here)."""

    version: int
    description: str
    upgrade: Callable[[Connection], None]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "files, responses and comments", _create(files, responses, comments)),
    Migration(2, "model runs and predictions", _create(model_runs, predictions)),
)
SCHEMA_VERSION = MIGRATIONS[-1].version


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def is_url(db: str | Path) -> bool:
    """True when ``db`` is a database URL rather than a file path."""
    return "://" in str(db)


def _display(db: str | Path) -> str:
    """The store's name for messages (a URL without its password)."""
    if is_url(db):
        try:
            return sa.engine.make_url(str(db)).render_as_string(hide_password=True)
        except SQLAlchemyError:
            return "<database URL>"
    return str(db)


def _engine(db: str | Path) -> Engine:
    if is_url(db):
        try:
            engine = sa.create_engine(str(db))
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise StoreError(
                "err.store_url", db=_display(db), reason=str(exc).splitlines()[0][:200]
            ) from None
    else:
        engine = sa.create_engine(f"sqlite:///{Path(db).resolve()}", poolclass=sa.pool.NullPool)
    if engine.dialect.name == "sqlite":
        _sqlite_setup(engine)
    return engine


def _sqlite_setup(engine: Engine) -> None:
    """WAL, full sync, foreign keys, busy wait; explicit ``BEGIN`` / ``BEGIN IMMEDIATE``.

    pysqlite's own transaction handling is switched off so that a write
    transaction takes the write lock at its start (SQLAlchemy's documented
    recipe): a check-then-insert inside it cannot race another process.
    """

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("asn_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


class Store:
    """An open store.  Use :func:`open_store`; close with :meth:`close` or ``with``."""

    def __init__(self, engine: Engine, name: str, path: Path | None) -> None:
        self.engine = engine
        self.name = name
        self.path = path

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction (committed on success, rolled back on any error)."""
        with self._errors(), self.engine.connect() as conn:
            conn = conn.execution_options(asn_write=True)
            with conn.begin():
                if self.dialect == "postgresql":
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(7240318)"))
                yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read transaction (a consistent snapshot)."""
        with self._errors(), self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except OperationalError as exc:
            text = str(exc.orig) if exc.orig is not None else str(exc)
            if "locked" in text or "busy" in text:
                raise StoreError(
                    "err.store_busy", db=self.name, seconds=int(BUSY_TIMEOUT)
                ) from None
            raise StoreError("err.store_unusable", db=self.name, reason=text[:200]) from None
        except DatabaseError as exc:
            text = str(exc.orig) if exc.orig is not None else str(exc)
            raise StoreError("err.store_unusable", db=self.name, reason=text[:200]) from None

    # --- schema ---------------------------------------------------------------------

    def version(self) -> int:
        """The store's schema version (0 for an empty database)."""
        with self.read() as conn:
            return _current_version(conn)

    def migrate(self, migrations: Sequence[Migration] = MIGRATIONS) -> list[int]:
        """Apply the pending migrations (each in its own transaction); return their versions."""
        applied = []
        with self.write() as conn:
            if not sa.inspect(conn).has_table("schema_version"):
                _refuse_foreign(conn, self.name)
                schema_version.create(conn)
        for m in migrations:
            with self.write() as conn:
                current = _current_version(conn)
                if current >= m.version:
                    continue
                m.upgrade(conn)
                conn.execute(
                    schema_version.insert().values(
                        version=m.version, description=m.description, applied_at=_now()
                    )
                )
                applied.append(m.version)
        return applied


def _current_version(conn: Connection) -> int:
    if not sa.inspect(conn).has_table("schema_version"):
        return 0
    return int(conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar() or 0)


def _refuse_foreign(conn: Connection, name: str) -> None:
    """A database with tables but no schema_version belongs to something else."""
    tables = [t for t in sa.inspect(conn).get_table_names() if t != "schema_version"]
    if tables:
        raise StoreError("err.store_foreign", db=name, tables=", ".join(sorted(tables)[:5]))


def open_store(db: str | Path, *, create: bool = False) -> Store:
    """Open (and with ``create``, create) the store at a path or database URL.

    The schema is upgraded to the current version on open.  Raises
    :class:`StoreError` when there is no store (and ``create`` is false), when
    the file is not a database or belongs to another program, or when it was
    made by a newer asn-sentiment.
    """
    path = None if is_url(db) else Path(db)
    name = _display(db)
    if path is not None:
        if path.is_dir():
            raise StoreError("err.store_is_dir", db=name)
        if not path.exists() and not create:
            raise StoreError("err.store_missing", db=name)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                "err.store_unusable", db=name, reason=exc.strerror or str(exc)
            ) from None
    store = Store(_engine(db), name, path)
    try:
        current = store.version()
        if current > SCHEMA_VERSION:
            raise StoreError("err.store_newer", db=name, version=current, supported=SCHEMA_VERSION)
        if current == 0 and not create and path is None:
            raise StoreError("err.store_missing", db=name)
        if current < SCHEMA_VERSION:
            store.migrate()
    except BaseException:
        store.close()
        raise
    return store


# --- ingest ---------------------------------------------------------------------------------


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class FileIngest:
    """What happened to one file (or sheet) in :func:`ingest_files`."""

    path: str
    source_file: str
    status: str  # "added" or "duplicate" (the same bytes were ingested before)
    rows: int = 0
    responses_added: int = 0
    comments_added: int = 0
    comments_known: int = 0
    wave: str = ""
    source: str = ""
    ingested_at: str = ""
    report: FileReport | None = None


def _content_hash(values: Sequence[object]) -> str:
    text = json.dumps([str(v) for v in values], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _insert_ignore(conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows, skipping those that clash with a unique key (SQLite and PostgreSQL)."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        conn.execute(pg_insert(table).on_conflict_do_nothing(), rows)
    elif conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        conn.execute(sqlite_insert(table).on_conflict_do_nothing(), rows)
    else:  # pragma: no cover - other dialects: plain insert (keys are checked before)
        conn.execute(table.insert(), rows)


def _likert_json(record: dict[str, Any], slugs: Sequence[str]) -> dict[str, int]:
    out = {}
    for s in slugs:
        v = record.get(s)
        if v is not None and v is not pd.NA and not (isinstance(v, float) and v != v):
            out[s] = int(v)
    return out


def _add_chunk(
    conn: Connection, file_id: int, chunk: pd.DataFrame, report: FileReport, keep_pii: bool
) -> tuple[int, int, int]:
    """Insert one canonical chunk; return (responses added, comments added, comments known)."""
    label = report.label
    slugs = sorted(c for c in chunk.columns if c.startswith("likert__"))
    originals = [original_name(c) for c in report.columns]
    hashed = [original_name(c) for c in report.columns if c not in set(report.identifier_columns)]
    first = chunk.drop_duplicates("row", keep="first")
    records = first.to_dict("records")
    lo, hi = int(first["row"].min()), int(first["row"].max())
    new_responses = []
    keys = {}
    for rec in records:
        values = [rec.get(c, "") for c in hashed]
        if keep_pii:
            values = [mask_pii(str(v)) for v in values]
        h = _content_hash(values)
        keys[int(rec["row"])] = h
        new_responses.append(
            {
                "file_id": file_id,
                "source_file": label,
                "row": int(rec["row"]),
                "content_hash": h,
                "source": str(rec["source"]),
                "wave": str(rec["wave"]),
                "date": str(rec["date"]),
                "unit": str(rec["unit"]),
                "position": str(rec["position"]),
                "likert": _likert_json(rec, slugs),
                "original": {c: _jsonable(rec.get(c, "")) for c in originals},
            }
        )
    r = responses.c

    def existing() -> dict[tuple[int, str], int]:
        rows = conn.execute(
            sa.select(r.id, r.row, r.content_hash).where(
                r.source_file == label, r.row.between(lo, hi)
            )
        )
        return {(int(row), h): int(i) for i, row, h in rows}

    before = existing()
    fresh = [x for x in new_responses if (x["row"], x["content_hash"]) not in before]
    _insert_ignore(conn, responses, fresh)
    ids = existing() if fresh else before
    known_ids = [ids[(row, h)] for row, h in keys.items() if (row, h) in before]
    known_q: set[tuple[int, str]] = set()
    if known_ids:
        for start in range(0, len(known_ids), 900):
            part = known_ids[start : start + 900]
            known_q |= {
                (int(a), q)
                for a, q in conn.execute(
                    sa.select(comments.c.response_id, comments.c.question).where(
                        comments.c.response_id.in_(part)
                    )
                )
            }
    rows_out = []
    known = 0
    for row, question, text, th in zip(
        chunk["row"].tolist(),
        chunk["question"].tolist(),
        chunk["text"].tolist(),
        chunk["text_hash"].tolist(),
        strict=True,
    ):
        rid = ids[(int(row), keys[int(row)])]
        if (rid, question) in known_q:
            known += 1
            continue
        rows_out.append({"response_id": rid, "question": question, "text": text, "text_hash": th})
    _insert_ignore(conn, comments, rows_out)
    return len(fresh), len(rows_out), known


def _jsonable(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, int | float | str | bool):
        return value
    return str(value)


def ingest_table(
    store: Store, reader: TableReader, content_hash: str, progress: Progress = null_progress
) -> FileIngest:
    """Add one prepared table to the store in one transaction (all of it or nothing)."""
    report = reader.report
    assert report is not None
    label = report.label
    with store.write() as conn:
        found = conn.execute(
            sa.select(files.c.ingested_at, files.c.wave, files.c.source, files.c.rows).where(
                files.c.content_hash == content_hash, files.c.source_file == label
            )
        ).first()
        if found is not None:
            return FileIngest(
                path=report.path,
                source_file=label,
                status="duplicate",
                rows=int(found.rows),
                wave=found.wave or "",
                source=found.source,
                ingested_at=found.ingested_at,
                report=report,
            )
        keep = not report.pii_masked
        kid = None
        if report.identifier_columns and not keep:
            kid = key_id(load_key())
        wave = reader.options.wave or ""
        file_id = conn.execute(
            files.insert().values(
                content_hash=content_hash,
                name=Path(report.path).name,
                source_file=label,
                sheet=reader.table.sheet,
                size=reader.table.size,
                wave=wave or None,
                source=report.source,
                rows=report.rows,
                report=_report_json(report),
                key_id=kid,
                ingested_at=_now(),
                tool_version=__version__,
            )
        ).inserted_primary_key[0]
        added_r = added_c = known = 0
        waves: set[str] = set()
        with progress("cli.progress.storing", report.rows) as bar:
            for chunk in reader.chunks():
                a, b, c = _add_chunk(conn, int(file_id), chunk, report, keep)
                added_r, added_c, known = added_r + a, added_c + b, known + c
                waves |= set(chunk["wave"].unique())
                bar.update(int(chunk["row"].nunique()))
        conn.execute(
            files.update()
            .where(files.c.id == file_id)
            .values(
                responses_added=added_r,
                comments_added=added_c,
                report=_report_json(report),
                wave=wave or ", ".join(sorted(w for w in waves if w)) or None,
            )
        )
    return FileIngest(
        path=report.path,
        source_file=label,
        status="added",
        rows=report.rows,
        responses_added=added_r,
        comments_added=added_c,
        comments_known=known,
        wave=wave or ", ".join(sorted(w for w in waves if w)),
        source=report.source,
        report=report,
    )


def _report_json(report: FileReport) -> dict[str, Any]:
    out = asdict(report)
    out["path"] = Path(report.path).name  # never store a folder path (it may name a person)
    return out


def ingest_files(
    db: str | Path | Store,
    paths: Sequence[str | Path],
    *,
    progress: Progress = null_progress,
    **options: object,
) -> list[FileIngest]:
    """Read files in chunks and add them to the store (created if missing).

    ``options`` are :class:`~asn_sentiment.ingest.ReadOptions` fields (``wave``,
    ``source``, ``mapping``, ``sheet``, ``dayfirst``, ``keep_pii``, ...).  Every
    file is checked (columns, dates) before anything is written; each file is
    then added in its own transaction.  A file whose bytes are already in the
    store is reported as ``duplicate`` and not read again.
    """
    opts = ReadOptions.from_kwargs(**options)
    readers = open_readers(paths, opts)
    hashes = {}
    for reader in readers:
        p = reader.table.path
        if p not in hashes:
            hashes[p] = file_sha256(p)
    with _maybe_open(db, create=True) as store:
        known = _known_files(store, {(hashes[r.table.path], r.table.label) for r in readers})
        todo = [r for r in readers if (hashes[r.table.path], r.table.label) not in known]
        prepare_readers(todo, progress)
        results = []
        for reader in readers:
            if reader.report is None and (hashes[reader.table.path], reader.table.label) in known:
                reader.report = _stub_report(reader)
            if reader.report is None:  # a skipped sheet without text
                continue
            results.append(ingest_table(store, reader, hashes[reader.table.path], progress))
    return results


def _stub_report(reader: TableReader) -> FileReport:
    return FileReport(
        path=str(reader.table.path),
        rows=0,
        text_columns=[],
        text_how="",
        date_column=None,
        date_order="",
        unit_column=None,
        source="",
        source_how="",
        likert_items={},
        label=reader.table.label,
    )


def _known_files(store: Store, keys: set[tuple[str, str]]) -> set[tuple[str, str]]:
    hashes = sorted({h for h, _ in keys})
    if not hashes:
        return set()
    with store.read() as conn:
        rows = conn.execute(
            sa.select(files.c.content_hash, files.c.source_file).where(
                files.c.content_hash.in_(hashes)
            )
        )
        return {(h, s) for h, s in rows} & keys


@contextmanager
def _maybe_open(db: str | Path | Store, create: bool = False) -> Iterator[Store]:
    if isinstance(db, Store):
        yield db
        return
    store = open_store(db, create=create)
    try:
        yield store
    finally:
        store.close()


# --- classification -----------------------------------------------------------------------


def _pending_query(mv: str, tv: str) -> sa.Select:
    p = predictions.c
    done = (
        sa.select(sa.literal(1))
        .where(p.comment_id == comments.c.id, p.model_version == mv, p.theme_model_version == tv)
        .exists()
    )
    return sa.select(comments.c.id, comments.c.text).where(~done)


def count_pending(store: Store, model_version: str, theme_model_version: str) -> int:
    """Comments without a prediction from this pair of model versions."""
    q = _pending_query(model_version, theme_model_version).subquery()
    with store.read() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(q)).scalar() or 0)


@dataclass
class ClassifyRun:
    """What :func:`classify_pending` did."""

    run_id: int | None
    model_version: str
    theme_model_version: str
    classified: int
    total: int


def classify_pending(
    store: Store,
    classifier: Any,
    *,
    progress: Progress = null_progress,
    batch: int = CLASSIFY_BATCH,
) -> ClassifyRun:
    """Classify every comment that this model pair has not classified yet.

    Comments classified by an older model version are classified again and
    both results are kept.  Work is committed batch by batch, so an
    interrupted run keeps what it finished and the next run continues.
    """
    from asn_sentiment.classify import classify

    mv, tv = classifier.sentiment.version, classifier.themes.version
    todo = count_pending(store, mv, tv)
    with store.read() as conn:
        total = int(conn.execute(sa.select(sa.func.count()).select_from(comments)).scalar() or 0)
    if not todo:
        return ClassifyRun(None, mv, tv, 0, total)
    with store.write() as conn:
        run_id = int(
            conn.execute(
                model_runs.insert().values(
                    model_version=mv,
                    theme_model_version=tv,
                    started_at=_now(),
                    tool_version=__version__,
                )
            ).inserted_primary_key[0]
        )
    done = 0
    last = 0
    with progress("cli.progress.classifying", todo) as bar:
        while True:
            q = _pending_query(mv, tv).where(comments.c.id > last).order_by(comments.c.id)
            with store.read() as conn:
                rows = conn.execute(q.limit(batch)).all()
            if not rows:
                break
            frame = pd.DataFrame(rows, columns=["comment_id", "text"])
            last = int(frame["comment_id"].iloc[-1])
            result = classify(frame, classifier)
            out = [
                {
                    "comment_id": int(r["comment_id"]),
                    "model_version": mv,
                    "theme_model_version": tv,
                    "run_id": run_id,
                    "sentiment": r["sentiment"],
                    "sentiment_confidence": None
                    if pd.isna(r["sentiment_confidence"])
                    else float(r["sentiment_confidence"]),
                    "themes": r["themes"],
                    "theme_evidence": r["theme_evidence"],
                    "resistance": int(r["resistance"]),
                    "support": int(r["support"]),
                }
                for r in result.to_dict("records")
            ]
            with store.write() as conn:
                _insert_ignore(conn, predictions, out)
                conn.execute(
                    model_runs.update()
                    .where(model_runs.c.id == run_id)
                    .values(classified=model_runs.c.classified + len(out), finished_at=_now())
                )
            done += len(out)
            bar.update(len(out))
    return ClassifyRun(run_id, mv, tv, done, total)


# --- reading results ------------------------------------------------------------------------


@dataclass
class ResultSchema:
    """Columns of the results table of a store: canonical, results, Likert, originals."""

    likert: list[str]
    originals: list[str]

    @property
    def columns(self) -> list[str]:
        return [*CANONICAL_COLUMNS, *RESULT_COLUMNS, *self.likert, *self.originals]


def result_schema(store: Store) -> ResultSchema:
    """The column layout of :func:`iter_results` (from every file's report, in ingest order)."""
    likert: set[str] = set()
    originals: list[str] = []
    with store.read() as conn:
        for (report,) in conn.execute(sa.select(files.c.report).order_by(files.c.id)):
            rep = report if isinstance(report, dict) else json.loads(report)
            likert |= set(rep.get("likert_items", {}).values())
            for c in rep.get("columns", []):
                name = original_name(c)
                if name not in originals:
                    originals.append(name)
    return ResultSchema(sorted(likert), originals)


def iter_results(
    store: Store,
    *,
    model_version: str | None = None,
    theme_model_version: str | None = None,
    all_versions: bool = False,
    chunk_rows: int = EXPORT_CHUNK,
    schema: ResultSchema | None = None,
) -> Iterator[pd.DataFrame]:
    """The results table in chunks, in ingest order (file, row, question).

    One row per comment with the predictions of the given model versions, or
    by default of the latest run that classified it; comments not classified
    yet have empty result columns.  ``all_versions`` gives one row per comment
    and model version instead.
    """
    schema = schema or result_schema(store)
    c, r = comments.c, responses.c
    pred = predictions.alias("p")
    on = pred.c.comment_id == c.id
    if not all_versions:
        # each comment's latest run (of the given versions): an index look-up per comment
        p2 = predictions.alias("p2")
        latest = sa.select(sa.func.max(p2.c.run_id)).where(p2.c.comment_id == c.id)
        if model_version is not None:
            latest = latest.where(p2.c.model_version == model_version)
        if theme_model_version is not None:
            latest = latest.where(p2.c.theme_model_version == theme_model_version)
        on = sa.and_(on, pred.c.run_id == latest.scalar_subquery())
    cols = [
        c.id.label("_cid"),
        r.source_file,
        r.row,
        r.source,
        r.wave,
        c.question,
        r.date,
        r.unit,
        r.position,
        c.text,
        c.text_hash,
        pred.c.sentiment,
        pred.c.sentiment_confidence,
        pred.c.themes,
        pred.c.theme_evidence,
        pred.c.resistance,
        pred.c.support,
        pred.c.model_version,
        pred.c.theme_model_version,
        r.likert,
        r.original,
    ]
    base = (
        sa.select(*cols)
        .select_from(comments.join(responses, r.id == c.response_id).outerjoin(pred, on))
        .order_by(c.id, pred.c.run_id)
    )
    last = 0
    last_run = -1
    while True:
        if all_versions:
            q = base.where(
                sa.or_(
                    c.id > last,
                    sa.and_(c.id == last, sa.func.coalesce(pred.c.run_id, -1) > last_run),
                )
            )
            q = q.add_columns(sa.func.coalesce(pred.c.run_id, -1).label("_run"))
        else:
            q = base.where(c.id > last)
        with store.read() as conn:
            rows = conn.execute(q.limit(chunk_rows)).mappings().all()
        if not rows:
            return
        last = int(rows[-1]["_cid"])
        if all_versions:
            last_run = int(rows[-1]["_run"])
        yield _result_frame(rows, schema)


def _result_frame(rows: Sequence[Any], schema: ResultSchema) -> pd.DataFrame:
    data: dict[str, list[Any]] = {col: [] for col in schema.columns}
    for row in rows:
        for col in (*CANONICAL_COLUMNS, *RESULT_COLUMNS):
            value = row[col]
            data[col].append("" if value is None and col not in _NUMERIC_RESULTS else value)
        likert = _json(row["likert"])
        for s in schema.likert:
            data[s].append(likert.get(s))
        original = _json(row["original"])
        for o in schema.originals:
            data[o].append(original.get(o, ""))
    frame = pd.DataFrame(data, columns=schema.columns)
    frame["row"] = frame["row"].astype("int64")
    frame["sentiment_confidence"] = pd.to_numeric(frame["sentiment_confidence"], errors="coerce")
    for col in ("resistance", "support", *schema.likert):
        frame[col] = pd.array(
            [None if v is None or v != v else int(v) for v in frame[col]], dtype="Int64"
        )
    return frame


_NUMERIC_RESULTS = {"sentiment_confidence", "resistance", "support"}


def _json(value: object) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    if not value:
        return {}
    return json.loads(str(value))


def results_table(
    db: str | Path | Store,
    *,
    model_version: str | None = None,
    theme_model_version: str | None = None,
    require_predictions: bool = False,
) -> pd.DataFrame:
    """The whole results table of a store (for ``report --db`` and ``analyze --db``).

    Columns as ``analyze`` writes them: canonical, results, Likert, originals;
    one row per comment with its latest model version's results (or the given
    versions').  With ``require_predictions``, a store holding comments that
    no model has classified raises :class:`StoreError` (run ``analyze --db``).
    For very large stores prefer :func:`iter_results`.
    """
    with _maybe_open(db) as store:
        if require_predictions:
            _check_classified(store)
        schema = result_schema(store)
        frames = list(
            iter_results(
                store,
                model_version=model_version,
                theme_model_version=theme_model_version,
                schema=schema,
            )
        )
    if not frames:
        return _result_frame([], schema)
    return pd.concat(frames, ignore_index=True)


def _check_classified(store: Store) -> None:
    done = sa.select(predictions.c.comment_id).distinct().subquery()
    with store.read() as conn:
        total = int(conn.execute(sa.select(sa.func.count()).select_from(comments)).scalar() or 0)
        classified = int(conn.execute(sa.select(sa.func.count()).select_from(done)).scalar() or 0)
    if total == 0:
        raise StoreError("err.store_empty", db=store.name)
    if classified < total:
        raise StoreError(
            "err.store_unclassified", db=store.name, missing=total - classified, total=total
        )


def export(
    db: str | Path | Store,
    path: str | Path,
    *,
    all_versions: bool = False,
    progress: Progress = null_progress,
) -> int:
    """Write the store's results to CSV, XLSX or Parquet (by suffix), in chunks; return rows."""
    from asn_sentiment.outputs import format_of, table_writer

    fmt = format_of(path)
    n = 0
    with _maybe_open(db) as store:
        schema = result_schema(store)
        with store.read() as conn:
            total = int(
                conn.execute(sa.select(sa.func.count()).select_from(comments)).scalar() or 0
            )
        with table_writer(path, fmt) as writer, progress("cli.progress.exporting", total) as bar:
            wrote = False
            for chunk in iter_results(store, all_versions=all_versions, schema=schema):
                writer.write(chunk, sheet="results")
                n += len(chunk)
                wrote = True
                bar.update(len(chunk))
            if not wrote:
                writer.write(_result_frame([], schema), sheet="results")
    return n


# --- info -------------------------------------------------------------------------------------


@dataclass
class StoreInfo:
    """What ``db info`` shows."""

    db: str
    schema_version: int
    size_bytes: int
    files: int
    responses: int
    comments: int
    waves: list[dict[str, Any]] = field(default_factory=list)
    models: list[dict[str, Any]] = field(default_factory=list)
    key_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _size(store: Store) -> int:
    if store.path is not None:
        return sum(
            p.stat().st_size
            for p in (store.path, Path(f"{store.path}-wal"), Path(f"{store.path}-shm"))
            if p.exists()
        )
    if store.dialect == "postgresql":
        with store.read() as conn:
            return int(
                conn.execute(sa.text("SELECT pg_database_size(current_database())")).scalar()
            )
    return 0


def info(db: str | Path | Store) -> StoreInfo:
    """Waves, counts, model versions and size of a store."""
    with _maybe_open(db) as store, store.read() as conn:
        count = lambda t: int(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar() or 0)  # noqa: E731
        r, c = responses.c, comments.c
        waves = []
        q = (
            sa.select(
                r.wave,
                r.source,
                sa.func.count(sa.distinct(r.file_id)).label("files"),
                sa.func.count(sa.distinct(r.id)).label("responses"),
                sa.func.count(c.id).label("comments"),
                sa.func.min(sa.func.nullif(r.date, "")).label("first_date"),
                sa.func.max(sa.func.nullif(r.date, "")).label("last_date"),
            )
            .select_from(responses.join(comments, c.response_id == r.id))
            .group_by(r.wave, r.source)
            .order_by(sa.func.min(sa.func.nullif(r.date, "")), r.wave, r.source)
        )
        for row in conn.execute(q).mappings():
            waves.append({k: (v if v is not None else "") for k, v in row.items()})
        m = model_runs.c
        models = []
        q = (
            sa.select(
                m.model_version,
                m.theme_model_version,
                sa.func.count(m.id).label("runs"),
                sa.func.min(m.started_at).label("first_run"),
                sa.func.max(sa.func.coalesce(m.finished_at, m.started_at)).label("last_run"),
            )
            .group_by(m.model_version, m.theme_model_version)
            .order_by(sa.func.min(m.started_at))
        )
        for row in conn.execute(q).mappings():
            d = dict(row)
            p = predictions.c
            d["predictions"] = int(
                conn.execute(
                    sa.select(sa.func.count()).where(
                        p.model_version == d["model_version"],
                        p.theme_model_version == d["theme_model_version"],
                    )
                ).scalar()
                or 0
            )
            models.append(d)
        key_ids = sorted(
            k for (k,) in conn.execute(sa.select(files.c.key_id).distinct()) if k is not None
        )
        result = StoreInfo(
            db=store.name,
            schema_version=_current_version(conn),
            size_bytes=0,
            files=count(files),
            responses=count(responses),
            comments=count(comments),
            waves=waves,
            models=models,
            key_ids=key_ids,
        )
    with _maybe_open(db) as store:
        result.size_bytes = _size(store)
    return result
