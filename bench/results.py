"""Writing one section of ``bench/RESULTS.md`` between its own markers.

Each benchmark owns a section delimited by ``<!-- NAME:start -->`` and
``<!-- NAME:end -->``; re-running a benchmark replaces only its section.
"""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def markers(name: str) -> tuple[str, str]:
    return f"<!-- {name}:start -->", f"<!-- {name}:end -->"


def update_results(name: str, body: str, path: Path = RESULTS) -> None:
    """Replace (or append) section ``name`` of RESULTS.md with ``body`` (markers added)."""
    start, end = markers(name)
    section = f"{start}\n{body.strip()}\n{end}"
    text = path.read_text("utf-8") if path.exists() else "# Benchmark results\n"
    if start in text and end in text:
        text = text[: text.index(start)] + section + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, "utf-8")
