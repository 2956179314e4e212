"""Shared fixtures: paths to the project, the shared data and the bundled samples."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

# Property tests draw the same examples on every run (a fixed seed), so the suite gives the same
# verdict on every machine and CI cannot fail on a newly drawn example; HYPOTHESIS_PROFILE=explore
# draws fresh ones (what found the @example cases in the tests).
settings.register_profile("deterministic", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ASN_SENTIMENT_SHARED", ROOT.parent / "shared"))
SMSA = SHARED / "data" / "smsa"
SURVEYS = ROOT / "surveys"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def smsa() -> Path:
    """SmSA folder from ../shared; the test is skipped with a reason when it is absent."""
    if not (SMSA / "train.tsv").is_file():
        pytest.skip(
            f"SmSA data not found at {SMSA} (../shared/data/smsa is provided beside the checkout)"
        )
    return SMSA


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def write_csv(tmp_path: Path):
    """Write a small CSV from a header and rows; returns its path."""

    def _write(name: str, text: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return _write


@pytest.fixture(autouse=True)
def _pseudonym_key(tmp_path_factory, monkeypatch) -> None:
    """Tests never touch the user's pseudonym key: each session gets its own key file."""
    monkeypatch.delenv("ASN_SENTIMENT_PSEUDONYM_KEY", raising=False)
    monkeypatch.setenv(
        "ASN_SENTIMENT_KEY_FILE", str(tmp_path_factory.getbasetemp() / "pseudonym.key")
    )


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Print measurements that tests record with ``record_property("metric: ...", value)``.

    (Works with pytest-xdist: user properties travel with the test reports.)
    """
    lines = []
    for report in terminalreporter.stats.get("passed", []):
        for name, value in getattr(report, "user_properties", []):
            if str(name).startswith("metric: "):
                lines.append(f"{name[8:]}: {value}")
    if lines:
        terminalreporter.section("measurements")
        for line in sorted(set(lines)):
            terminalreporter.write_line(line)
