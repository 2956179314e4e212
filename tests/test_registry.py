"""Model files: refused when they carry untrusted types (and nothing in them runs), found by name."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from asn_sentiment.cli import cli
from asn_sentiment.errors import ModelError
from asn_sentiment.registry import MODEL_FILE, TRUSTED_TYPES, find_model_dir, load_model

from .test_cli import KOMENTAR, assert_user_error

MARKER_ENV = "ASN_SENTIMENT_TEST_MARKER"


class Trap:
    """Harmless stand-in for a malicious object: restoring it writes a marker file."""

    def __init__(self) -> None:
        self.payload = "x"

    def __setstate__(self, state: dict) -> None:
        Path(os.environ[MARKER_ENV]).write_text("code from the model file ran")
        self.__dict__.update(state)


def _crafted(folder: Path, obj: object) -> Path:
    import skops.io as sio

    folder.mkdir(parents=True)
    sio.dump(obj, folder / MODEL_FILE)
    (folder / "card.json").write_text(json.dumps({"name": "crafted", "task": "sentiment"}))
    return folder


@pytest.fixture
def marker(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "marker.txt"
    monkeypatch.setenv(MARKER_ENV, str(path))
    return path


def test_the_trap_would_run_if_trusted(tmp_path, marker) -> None:
    """The crafted file really runs code when skops is told to trust it (so the test can fail)."""
    import skops.io as sio

    folder = _crafted(tmp_path / "m", {"clf": Trap()})
    untrusted = sio.get_untrusted_types(file=folder / MODEL_FILE)
    assert f"{__name__}.Trap" in untrusted and f"{__name__}.Trap" not in TRUSTED_TYPES
    sio.load(folder / MODEL_FILE, trusted=untrusted)
    assert marker.is_file()


@pytest.mark.parametrize("command", ["analyze", "evaluate", "explain"])
def test_untrusted_type_is_refused_and_nothing_runs(
    runner, tmp_path, marker, write_csv, command
) -> None:
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer

    folder = _crafted(tmp_path / "crafted", Pipeline([("trap", FunctionTransformer(Trap))]))
    src = write_csv("k.csv", KOMENTAR)
    out = tmp_path / "out"
    args = {
        "analyze": ["analyze", str(src), "-o", str(out), "--model", str(folder)],
        "evaluate": ["evaluate", str(src), "--model", str(folder), "-o", str(out)],
        "explain": ["explain", "--model", str(folder), "--text", "bagus"],
    }[command]
    result = runner.invoke(cli, ["--lang", "en", *args])
    assert_user_error(result, out)
    assert "untrusted" in result.stderr and "Trap" in result.stderr
    assert not marker.exists()


def test_function_reference_is_refused(tmp_path) -> None:
    from sklearn.preprocessing import FunctionTransformer

    folder = _crafted(tmp_path / "fn", FunctionTransformer(os.system))
    with pytest.raises(ModelError) as err:
        load_model(folder)
    assert "system" in err.value.message("en")


def test_corrupt_and_missing_files(runner, tmp_path) -> None:
    folder = tmp_path / "rusak"
    folder.mkdir()
    (folder / MODEL_FILE).write_bytes(b"not a zip")
    with pytest.raises(ModelError) as err:
        load_model(folder)
    assert "cannot be read" in err.value.message("en")
    with pytest.raises(ModelError):
        load_model(tmp_path / "nowhere")
    result = runner.invoke(cli, ["explain", "--model", "tidak-ada-model", "--text", "x"])
    assert_user_error(result)


def test_models_found_by_name_first_folder_wins(tmp_path, monkeypatch) -> None:
    for root in ("a", "b"):
        (tmp_path / root / "m").mkdir(parents=True)
        (tmp_path / root / "m" / MODEL_FILE).write_bytes(b"")
    monkeypatch.setenv(
        "ASN_SENTIMENT_MODELS", os.pathsep.join([str(tmp_path / "a"), str(tmp_path / "b")])
    )
    assert find_model_dir("m") == tmp_path / "a" / "m"
    assert find_model_dir(tmp_path / "b" / "m") == tmp_path / "b" / "m"
    assert find_model_dir(tmp_path / "b" / "m" / MODEL_FILE) == tmp_path / "b" / "m"


def test_refusal_through_the_installed_console_script(tmp_path, marker) -> None:
    import shutil
    import subprocess
    import sys

    exe = shutil.which("asn-sentiment", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("asn-sentiment console script is not installed (pip install -e .)")
    folder = _crafted(tmp_path / "crafted", {"clf": Trap()})
    env = {
        **os.environ,
        "ASN_SENTIMENT_LANG": "en",
        "PYTHONPATH": str(Path(__file__).parent.parent),
    }
    done = subprocess.run(
        [exe, "explain", "--model", str(folder), "--text", "bagus"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "untrusted" in done.stderr
    assert "Traceback" not in done.stderr and not marker.exists()
    ok = subprocess.run(
        [exe, "explain", "--text", "petugasnya tidak ramah", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert ok.returncode == 0, ok.stderr
    assert '"label": "negative"' in ok.stdout
