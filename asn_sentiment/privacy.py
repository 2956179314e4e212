"""Masking of personal data inside free text.

NIP (18-digit civil-servant number), NIK (16-digit national ID), Indonesian
phone numbers and e-mail addresses are replaced by ``[NIP]``, ``[NIK]``,
``[TELEPON]`` and ``[EMAIL]`` before anything is stored or written.
"""

from __future__ import annotations

import re

PLACEHOLDERS = ("[NIP]", "[NIK]", "[TELEPON]", "[EMAIL]")

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# digit groups separated by single spaces/dots/dashes
_DIGITS = r"\d(?:[ .-]?\d)"
_NIP = re.compile(r"(?<!\d)" + _DIGITS + r"{17}(?!\d)")
_NIK = re.compile(r"(?<!\d)" + _DIGITS + r"{15}(?!\d)")
_PHONE = re.compile(r"(?<![\w+])(?:\+62|62|0)[ .-]?8\d(?:[ .-]?\d){6,11}(?!\d)")


def mask_pii(text: str) -> str:
    """Replace NIP, NIK, phone numbers and e-mail addresses in ``text``.

    >>> mask_pii("NIP 19870312 201001 1 002, hp 0812-3456-7890")
    'NIP [NIP], hp [TELEPON]'
    """
    if not text:
        return text
    text = _EMAIL.sub("[EMAIL]", text)
    text = _NIP.sub("[NIP]", text)
    text = _NIK.sub("[NIK]", text)
    return _PHONE.sub("[TELEPON]", text)
