"""Progress reporting that the library can use without knowing about the CLI.

Library functions take a ``progress`` argument: a callable
``progress(label_key, total)`` returning a context manager with
``update(n)``.  The default does nothing; the CLI passes one that draws a
click progress bar (on stderr, hidden with ``--quiet``).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Protocol


class Bar(Protocol):
    def update(self, n: int) -> None: ...


Progress = Callable[[str, int], AbstractContextManager[Bar]]


class _NullBar:
    def __enter__(self) -> _NullBar:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, n: int) -> None:
        return None


def null_progress(label_key: str, total: int) -> AbstractContextManager[Bar]:
    """A progress reporter that reports nothing."""
    return _NullBar()
