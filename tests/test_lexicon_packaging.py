"""The lexicon data files ship with the package (setup.cfg package_data)."""

from __future__ import annotations

import configparser
import fnmatch
from pathlib import Path

from .conftest import ROOT


def test_every_lexicon_file_is_package_data() -> None:
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    patterns = config["options.package_data"]["asn_sentiment"].split()
    folder = ROOT / "asn_sentiment" / "data" / "lexicon"
    for path in folder.iterdir():
        relative = str(Path("data/lexicon") / path.name)
        assert any(fnmatch.fnmatch(relative, p) for p in patterns), f"{relative} would not ship"
