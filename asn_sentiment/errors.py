"""Exceptions for errors a user can cause.

Every error a user can fix (a missing file, a missing column, a bad date, an
unknown model) is raised as a subclass of :class:`AsnError`.  The exception
carries a message key from :mod:`asn_sentiment.messages` and its parameters,
so the command line can show it as one line in the user's language; the CLI
turns it into exit code 2 in one place.  Anything else is a programming error
and may raise normally.
"""

from __future__ import annotations

from typing import Any


class AsnError(Exception):
    """Base class of errors the user can cause and fix."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        """The one-line message in ``lang`` (``id`` or ``en``)."""
        from asn_sentiment.i18n import t

        return t(self.key, lang, **self.params)


class InputError(AsnError):
    """An input file, column or value cannot be used."""


class DateError(InputError):
    """Dates that cannot be parsed or whose day/month order is ambiguous."""


class ModelError(AsnError):
    """A model cannot be found, loaded or trusted."""


class TaxonomyError(AsnError):
    """A taxonomy file is invalid."""


class OutputError(AsnError):
    """Output cannot be written where asked."""


class StoreError(AsnError):
    """The longitudinal store cannot be used."""
