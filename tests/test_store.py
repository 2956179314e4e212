"""The longitudinal store: once and only once, all or nothing, every model version kept."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from asn_sentiment import store as st
from asn_sentiment.classify import Classifier
from asn_sentiment.cli import cli
from asn_sentiment.errors import StoreError
from asn_sentiment.ingest import read_comments
from asn_sentiment.taxonomy import load_taxonomy
from asn_sentiment.themes import RuleThemeMatcher

from .conftest import ROOT, SURVEYS

WAVE1 = SURVEYS / "staff_survey_wave1_2026-02.csv"
PUBLIC = SURVEYS / "public_comments.csv"


class FakeSentiment:
    """A stand-in sentiment model: 'negative' when the text says 'tidak', else 'positive'."""

    labels = ["negative", "neutral", "positive"]

    def __init__(self, version: str) -> None:
        self.version = version

    def predict_proba(self, texts):
        out = np.zeros((len(texts), 3))
        for i, t in enumerate(texts):
            out[i, 0 if "tidak" in t.lower() else 2] = 0.9
            out[i, 1] = 0.1
        return out


def fake_classifier(version: str = "fake@1") -> Classifier:
    return Classifier(FakeSentiment(version), RuleThemeMatcher(load_taxonomy(None)))


def counts(db: Path) -> tuple[int, int, int]:
    info = st.info(db)
    return info.files, info.responses, info.comments


def test_ingest_twice_stores_each_comment_once(tmp_path) -> None:
    db = tmp_path / "asn.db"
    first = st.ingest_files(db, [WAVE1, PUBLIC])
    assert [f.status for f in first] == ["added", "added"]
    assert [f.comments_added for f in first] == [224, 340]
    again = st.ingest_files(db, [PUBLIC, WAVE1])
    assert [f.status for f in again] == ["duplicate", "duplicate"]
    assert counts(db) == (2, 112 + 340, 224 + 340)
    stored = st.results_table(db)
    direct = read_comments([WAVE1, PUBLIC]).frame
    # same canonical rows and originals as reading the files directly
    for col in ["source_file", "row", "question", "date", "unit", "text", "text_hash", "komentar"]:
        assert stored[col].tolist() == direct[col].tolist(), col
    assert stored["sentiment"].eq("").all()  # nothing classified yet
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_reexport_with_new_rows_adds_only_those(write_csv, tmp_path) -> None:
    head = "Tanggal,Komentar\n"
    rows = [f"{d}/03/2026,komentar nomor {d} tentang aplikasi\n" for d in range(13, 20)]
    db = tmp_path / "asn.db"
    v1 = write_csv("lapor.csv", head + "".join(rows[:4]))
    assert st.ingest_files(db, [v1])[0].comments_added == 4
    v2 = write_csv("lapor.csv", head + "".join(rows))  # downloaded again a week later
    done = st.ingest_files(db, [v2])[0]
    assert (done.status, done.comments_added, done.comments_known) == ("added", 3, 4)
    assert counts(db) == (2, 7, 7)


def test_same_answer_same_row_in_another_wave_is_kept(write_csv, tmp_path) -> None:
    """Two forms saved under one name: 'tidak ada' in row 1 of each is two comments."""
    db = tmp_path / "asn.db"
    a = write_csv("responses.csv", "Tanggal,Saran\n14/02/2026,tidak ada saran lagi\n")
    st.ingest_files(db, [a], wave="w1")
    b = write_csv("responses.csv", "Tanggal,Saran\n15/05/2026,tidak ada saran lagi\n")
    assert st.ingest_files(db, [b], wave="w2")[0].comments_added == 1
    assert [w["wave"] for w in st.info(db).waves] == ["w1", "w2"]


def test_only_new_or_older_version_comments_are_classified(tmp_path, write_csv) -> None:
    db = tmp_path / "asn.db"
    st.ingest_files(db, [PUBLIC])
    with st.open_store(db) as store:
        run = st.classify_pending(store, fake_classifier("fake@1"))
        assert (run.classified, run.total) == (340, 340)
        assert st.classify_pending(store, fake_classifier("fake@1")).classified == 0
    extra = write_csv("baru.csv", "Tanggal,Komentar\n14/09/2026,aplikasi tidak bisa dibuka\n")
    st.ingest_files(db, [extra])
    with st.open_store(db) as store:
        assert st.classify_pending(store, fake_classifier("fake@1")).classified == 1
        assert st.classify_pending(store, fake_classifier("fake@2")).classified == 341
    info = st.info(db)
    assert [(m["model_version"], m["predictions"]) for m in info.models] == [
        ("fake@1", 341),
        ("fake@2", 341),
    ]
    latest = st.results_table(db)
    assert set(latest["model_version"]) == {"fake@2"}
    old = st.results_table(db, model_version="fake@1")
    assert set(old["model_version"]) == {"fake@1"} and len(old) == 341
    assert latest.loc[340, "sentiment"] == "negative"
    everything = tmp_path / "all.csv"
    assert st.export(db, everything, all_versions=True) == 2 * 341
    assert sorted(pd.read_csv(everything)["model_version"].value_counts().tolist()) == [341, 341]


def test_migration_from_version_1_keeps_data(tmp_path) -> None:
    db = tmp_path / "old.db"
    old = st.Store(st._engine(db), str(db), db)
    assert old.migrate(st.MIGRATIONS[:1]) == [1]
    st.ingest_files(old, [WAVE1])
    old.close()
    with sqlite3.connect(db) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "predictions" not in tables
    with st.open_store(db) as store:
        assert store.version() == st.SCHEMA_VERSION == 2
        assert st.classify_pending(store, fake_classifier()).classified == 224
    assert counts(db) == (1, 112, 224)


def test_store_errors(tmp_path) -> None:
    with pytest.raises(StoreError) as info:
        st.info(tmp_path / "none.db")
    assert info.value.key == "err.store_missing"
    assert not (tmp_path / "none.db").exists()
    text = tmp_path / "notes.db"
    text.write_text("this is not a database, just notes " * 100)
    with pytest.raises(StoreError) as info:
        st.open_store(text)
    assert info.value.key == "err.store_unusable"
    foreign = tmp_path / "other.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER)")
    with pytest.raises(StoreError) as info:
        st.open_store(foreign, create=True)
    assert info.value.key == "err.store_foreign"
    newer = tmp_path / "newer.db"
    st.open_store(newer, create=True).close()
    with sqlite3.connect(newer) as conn:
        conn.execute("INSERT INTO schema_version VALUES (99, 'future', '2030-01-01')")
    with pytest.raises(StoreError) as info:
        st.open_store(newer)
    assert info.value.key == "err.store_newer"
    with pytest.raises(StoreError) as info:
        st.open_store(tmp_path, create=True)
    assert info.value.key == "err.store_is_dir"


def test_bad_file_writes_nothing(write_csv, tmp_path) -> None:
    """Every file is checked before anything is written: a bad date aborts the whole ingest."""
    db = tmp_path / "asn.db"
    good = write_csv("good.csv", "Tanggal,Komentar\n14/03/2026,aplikasi lambat sekali\n")
    bad = write_csv(
        "bad.csv", "Tanggal,Komentar\n14/03/2026,satu dua tiga\n31/02/2026,empat lima\n"
    )
    with pytest.raises(Exception) as info:
        st.ingest_files(db, [good, bad])
    assert getattr(info.value, "key", "") == "err.date_invalid"
    assert not db.exists() or counts(db) == (0, 0, 0)


# --- command line -------------------------------------------------------------------------


def test_cli_ingest_info_export(runner, tmp_path) -> None:
    db = tmp_path / "asn.db"
    result = runner.invoke(cli, ["--lang", "en", "ingest", str(WAVE1), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "224 new comments" in result.stderr and "'Nama (opsional)'" in result.stderr
    again = runner.invoke(cli, ["--lang", "en", "ingest", str(WAVE1), "--db", str(db)])
    assert "already ingested" in again.stderr
    info = runner.invoke(cli, ["--lang", "en", "db", "info", "--db", str(db)])
    assert info.exit_code == 0 and "staff_survey_wave1_2026-02" in info.output
    data = json.loads(runner.invoke(cli, ["db", "info", "--db", str(db), "--json"]).output)
    assert data["comments"] == 224 and data["schema_version"] == 2
    for name in ["out.csv", "out.xlsx", "out.parquet"]:
        if name.endswith("parquet"):
            pytest.importorskip("pyarrow")
        out = tmp_path / name
        done = runner.invoke(cli, ["db", "export", "--db", str(db), "-o", str(out)])
        assert done.exit_code == 0, done.output
        table = (
            pd.read_csv(out)
            if name.endswith("csv")
            else pd.read_excel(out)
            if name.endswith("xlsx")
            else pd.read_parquet(out)
        )
        assert len(table) == 224 and list(table.columns[:3]) == ["source_file", "row", "source"]
    refused = runner.invoke(cli, ["db", "export", "--db", str(db), "-o", str(tmp_path / "out.csv")])
    assert refused.exit_code == 2 and "--overwrite" in refused.stderr
    missing = runner.invoke(cli, ["db", "info", "--db", str(tmp_path / "nope.db")])
    assert missing.exit_code == 2 and "Traceback" not in missing.output


def test_cli_analyze_db_without_inputs_needs_a_store(runner, tmp_path) -> None:
    result = runner.invoke(cli, ["analyze", "-o", str(tmp_path / "o")])
    assert result.exit_code == 2 and "--db" in result.stderr
    result = runner.invoke(
        cli, ["analyze", "--db", str(tmp_path / "none.db"), "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 2 and "ingest" in result.stderr
    assert not (tmp_path / "o").exists()


# --- two processes, and a killed process ----------------------------------------------------


def _exe() -> str:
    exe = shutil.which("asn-sentiment", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("asn-sentiment console script is not installed (pip install -e .)")
    return exe


def _env() -> dict[str, str]:
    return {**os.environ, "ASN_SENTIMENT_LANG": "en", "PYTHONPATH": str(ROOT)}


#: Rows of the big file: large enough that its transaction is still running well after its WAL
#: passes 1.5 MB (at 12,000 rows that happened half-way on an idle machine, and under load an
#: interrupted run once finished first).
BIG_ROWS = 30_000


@pytest.fixture(scope="module")
def big_files(tmp_path_factory) -> tuple[Path, Path]:
    sys.path.insert(0, str(ROOT))
    from bench.ingest import write_survey

    folder = tmp_path_factory.mktemp("big")
    small = write_survey(folder / "a.csv", 4000, seed=1)
    return small, write_survey(folder / "b.csv", BIG_ROWS, seed=2)


def test_two_processes_ingesting_at_once(tmp_path, big_files) -> None:
    small, _ = big_files
    other = tmp_path / "public.csv"
    shutil.copy(PUBLIC, other)
    db = tmp_path / "asn.db"
    cmds = [
        [_exe(), "ingest", str(small), str(other), "--db", str(db), "--chunk-rows", "500"],
        [_exe(), "ingest", str(other), str(small), "--db", str(db), "--chunk-rows", "500"],
    ]
    procs = [subprocess.Popen(c, env=_env(), stderr=subprocess.PIPE, text=True) for c in cmds]
    outs = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    files, responses, comments = counts(db)
    expected = read_comments([small, other]).frame
    assert (files, responses, comments) == (2, 4000 + 340, len(expected))
    with sqlite3.connect(db) as conn:
        dupes = conn.execute(
            "SELECT COUNT(*) FROM (SELECT source_file, row FROM responses "
            "GROUP BY source_file, row HAVING COUNT(*) > 1)"
        ).fetchone()[0]
        assert dupes == 0
    joined = "".join(outs)
    assert joined.count("already ingested") + joined.count("new comments from") == 4


def _default_signals() -> None:
    """In the child before exec: SIGINT and SIGTERM handled by default and not blocked."""
    for s in (signal.SIGINT, signal.SIGTERM):
        signal.signal(s, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT, signal.SIGTERM])
def test_killed_ingest_leaves_all_or_nothing(tmp_path, big_files, sig) -> None:
    small, big = big_files
    db = tmp_path / "asn.db"
    done = subprocess.run(
        [_exe(), "ingest", str(small), "--db", str(db)],
        env=_env(),
        capture_output=True,
        timeout=300,
    )
    assert done.returncode == 0
    before = counts(db)
    # the test runner's worker may ignore or block SIGINT/SIGTERM, and a child inherits that;
    # start the ingest as a user's shell would, with both at their defaults
    inherited = (signal.getsignal(sig), signal.pthread_sigmask(signal.SIG_BLOCK, []))
    proc = subprocess.Popen(
        [_exe(), "ingest", str(big), "--db", str(db), "--chunk-rows", "1000"],
        env=_env(),
        stderr=subprocess.PIPE,
        preexec_fn=_default_signals,
    )
    wal = Path(f"{db}-wal")
    deadline = time.monotonic() + 120
    # wait until the big file's transaction is well under way (its pages spill to the WAL)
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > 1_500_000:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be interrupted"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0, (inherited, err.decode(errors="replace")[-500:])
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        names = [r[0] for r in conn.execute("SELECT source_file FROM files")]
    assert names == ["a.csv"]  # none of b.csv
    assert counts(db) == before
    if sig != signal.SIGKILL:
        return
    again = subprocess.run(
        [_exe(), "ingest", str(big), "--db", str(db)], env=_env(), capture_output=True, timeout=600
    )
    assert again.returncode == 0, again.stderr
    assert counts(db)[1] == before[1] + BIG_ROWS


# --- the same store on PostgreSQL -------------------------------------------------------------


@pytest.fixture
def pg_url():
    """A PostgreSQL database for the store (set ASN_SENTIMENT_TEST_PG_URL; skipped otherwise).

    e.g. ``ASN_SENTIMENT_TEST_PG_URL=postgresql+psycopg://asn:asn@localhost/asn``.  The
    test empties the database's store tables first.
    """
    url = os.environ.get("ASN_SENTIMENT_TEST_PG_URL")
    if not url:
        pytest.skip("no PostgreSQL server given (set ASN_SENTIMENT_TEST_PG_URL to run this test)")
    pytest.importorskip("psycopg")
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        for table in [
            "predictions",
            "model_runs",
            "comments",
            "responses",
            "files",
            "schema_version",
        ]:
            conn.execute(sa.text(f"DROP TABLE IF EXISTS {table} CASCADE"))
    engine.dispose()
    return url


def test_postgresql_backend_matches_sqlite(pg_url, tmp_path, write_csv) -> None:
    lite = tmp_path / "asn.db"
    for db in (lite, pg_url):
        st.ingest_files(db, [WAVE1, PUBLIC])
        assert [f.status for f in st.ingest_files(db, [WAVE1])] == ["duplicate"]
        with st.open_store(db) as store:
            assert st.classify_pending(store, fake_classifier("fake@1")).classified == 564
            assert st.classify_pending(store, fake_classifier("fake@1")).classified == 0
            assert st.classify_pending(store, fake_classifier("fake@2")).classified == 564
    a, b = st.results_table(lite), st.results_table(pg_url)
    pd.testing.assert_frame_equal(a, b)
    info = st.info(pg_url)
    assert (info.files, info.responses, info.comments, info.schema_version) == (2, 452, 564, 2)
    assert info.size_bytes > 0 and len(info.models) == 2
    assert st.export(pg_url, tmp_path / "pg.csv", all_versions=True) == 2 * 564


def test_report_from_the_store(runner, tmp_path) -> None:
    """report --db reports every wave of a store; it refuses a store not yet classified."""
    db = tmp_path / "asn.db"
    st.ingest_files(db, [PUBLIC])
    out = tmp_path / "laporan"
    refused = runner.invoke(cli, ["--lang", "en", "report", "--db", str(db), "-o", str(out)])
    assert refused.exit_code == 2 and "analyze --db" in refused.stderr and not out.exists()
    with st.open_store(db) as store:
        st.classify_pending(store, fake_classifier())
    done = runner.invoke(cli, ["report", "--db", str(db), "-o", str(out), "--period", "quarter"])
    assert done.exit_code == 0, done.output
    summary = pd.read_csv(out / "summary.csv")
    assert summary["n"].max() > 0 and (out / "report.html").is_file()
    both = runner.invoke(
        cli, ["report", str(out / "summary.csv"), "--db", str(db), "-o", str(tmp_path / "x")]
    )
    assert both.exit_code == 2
