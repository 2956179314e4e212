"""Privacy by default: masking personal data in text, pseudonymising identifier columns.

Free text (and every other cell the tool keeps) goes through :func:`mask_pii`
before anything is stored or written:

- NIP, the 18-digit civil-servant number (birth date ``YYYYMMDD``,
  appointment ``YYYYMM``, sex digit, 3-digit sequence), written together or in
  its printed groups ``19870312 201001 1 002``  -> ``[NIP]``;
- NIK, the 16-digit national ID, together or grouped ``1504 0468 0691 9985``
  / ``15.04.04.680691.9985`` -> ``[NIK]``;
- Indonesian phone numbers ``08..``, ``+62..``, ``62 8..``, with spaces, dots,
  dashes or brackets -> ``[TELEPON]``;
- e-mail addresses, also written ``nama [at] domain [dot] id`` -> ``[EMAIL]``.

Columns that identify a respondent (``Nama``, ``Email Address``, ``NIP``,
``No. HP``, ...) are replaced by a *keyed* pseudonym (:func:`pseudonymise`):
HMAC-SHA256 with a secret key that never enters the data, so the same person
gets the same ``R-...`` code in every wave (answers can be linked over time)
while nobody without the key can recover or test a name or NIP (a plain hash
of an 18-digit NIP can be reversed by trying every plausible NIP).

The key is, in order: the environment variable ``ASN_SENTIMENT_PSEUDONYM_KEY``;
the file named by ``ASN_SENTIMENT_KEY_FILE``; or
``$XDG_CONFIG_HOME/asn-sentiment/pseudonym.key`` (``~/.config/...``), created
with 32 random bytes and permissions 0600 on first use.  Keep it out of the
outputs and the store; copy it to the other machines of the same team if
their pseudonyms must match; a new key gives new pseudonyms.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path

from asn_sentiment.errors import OutputError

PLACEHOLDERS = ("[NIP]", "[NIK]", "[TELEPON]", "[EMAIL]")
KEY_ENV = "ASN_SENTIMENT_PSEUDONYM_KEY"
KEY_FILE_ENV = "ASN_SENTIMENT_KEY_FILE"

# --- masking ---------------------------------------------------------------------------

_AT = r"(?:@|\s?[\[(]\s?at\s?[\])]\s?)"
_DOT = r"(?:\.|\s?[\[(]\s?dot\s?[\])]\s?)"
_EMAIL = re.compile(
    rf"(?<![\w.+-])[\w.+-]*\w{_AT}[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:{_DOT}[A-Za-z0-9-]+)+",
    re.IGNORECASE,
)
_S = r"([ \u00a0.\-])"  # one separator, repeated identically through a number (backreference)
_NIP = re.compile(
    r"(?<!\d)(?:\d{18}|\d{8}" + _S + r"\d{6}\1\d(?:\1)?\d{3})(?![\d])"
)  # 198703122010011002 | 19870312 201001 1 002 | 19870312-201001-1002
# Province codes of Indonesia: the first two digits of every NIK.
_PROV = r"(?:1[1-9]|21|3[1-6]|5[1-3]|6[1-5]|7[1-6]|8[12]|9[1-6])"
_NIK = re.compile(
    r"(?<!\d)(?:\d{16}"
    rf"|{_PROV}\d{{2}}{_S}\d{{4}}\1\d{{4}}\1\d{{4}}"
    rf"|{_PROV}{_S}\d{{2}}\2\d{{2}}\2\d{{6}}\2\d{{4}}"
    rf"|{_PROV}\d{{4}}{_S}\d{{6}}\3\d{{4}})(?!\d)"
)
_SEP = r"(?:[ \u00a0]?[.\-][ \u00a0]?|[ \u00a0])?"  # "0812-3456", "0812 3456", "0812 - 3456"
_PHONE = re.compile(
    r"(?<![\w+])\(?(?:\+\s?62[ \u00a0\-]?\(?0?\)?|62|0)\)?"
    + _SEP
    + r"\(?8(?:\)?"
    + _SEP
    + r"\d){8,11}(?!\d)"
    r"|(?<![\w+])\(?\+\s?62\)?" + _SEP + r"\(?[1-79]\d{1,3}\)?(?:" + _SEP + r"\d){5,8}(?!\d)"
    r"|\(0[1-9]\d{1,3}\)\s?\d{5,8}(?!\d)"
)
# Quick test: can this cell hold anything we mask?  (Most cells cannot; this keeps
# masking a million rows fast.)
_CANDIDATE = re.compile(r"@|\bat\b|\d(?:[ \u00a0.\-()+]{0,2}\d){7}", re.IGNORECASE)


def mask_pii(text: str) -> str:
    """Replace NIP, NIK, phone numbers and e-mail addresses in ``text``.

    >>> mask_pii("NIP 19870312 201001 1 002, hp 0812-3456-7890")
    'NIP [NIP], hp [TELEPON]'
    """
    if not text or not isinstance(text, str) or not _CANDIDATE.search(text):
        return text
    text = _EMAIL.sub("[EMAIL]", text)
    text = _NIP.sub("[NIP]", text)
    text = _NIK.sub("[NIK]", text)
    return _PHONE.sub("[TELEPON]", text)


def find_pii(text: str) -> list[tuple[str, str]]:
    """The personal data :func:`mask_pii` would replace, as ``(label, matched text)``."""
    found: list[tuple[int, str, str]] = []
    rest = text
    for label, pattern in (("EMAIL", _EMAIL), ("NIP", _NIP), ("NIK", _NIK), ("TELEPON", _PHONE)):
        for m in pattern.finditer(rest):
            found.append((m.start(), label, m.group(0)))
        rest = pattern.sub(lambda m: "\x00" * len(m.group(0)), rest)
    return [(label, value) for _, label, value in sorted(found)]


def is_pii_value(value: str) -> bool:
    """True when the whole (stripped) value is one NIP, NIK, phone number or e-mail."""
    value = value.strip()
    return bool(value) and mask_pii(value) in PLACEHOLDERS


# --- identifier columns ------------------------------------------------------------------

#: Normalised headers of columns that identify a respondent.
IDENTIFIER_HEADERS = (
    "nama", "nama lengkap", "nama responden", "nama pelapor", "nama pegawai", "nama asn",
    "nama pengirim", "nama pengisi", "name", "full name", "first name", "last name",
    "respondent", "responden", "pelapor", "pengirim", "nip", "nik", "nip nik", "nik nip",
    "no ktp", "nomor ktp", "ktp", "nomor induk pegawai", "nomor induk kependudukan",
    "email", "e mail", "email address", "alamat email", "alamat e mail", "surel",
    "alamat surel", "no hp", "nomor hp", "no telp", "no telepon", "nomor telepon", "telepon",
    "telp", "hp", "handphone", "whatsapp", "no wa", "nomor wa", "nomor whatsapp", "wa",
    "phone", "phone number", "mobile", "kontak", "contact", "username", "user name",
    "submitted by", "id responden", "respondent id", "alamat", "alamat rumah", "address",
)  # fmt: skip
_FILLER = {
    "opsional", "optional", "anda", "your", "lengkap", "jika", "ada", "bila", "if", "any",
    "boleh", "dikosongkan", "tidak", "wajib", "yang", "bisa", "dapat", "dihubungi", "aktif",
    "pribadi", "wa", "whatsapp", "hp", "saja", "bapak", "ibu", "sdr", "please", "atau", "or",
}  # fmt: skip
#: Values that say "no name given"; they stay as they are instead of becoming a pseudonym.
ANONYMOUS = {
    "", "-", "--", "anonim", "anonymous", "anon", "rahasia", "tidak ada", "tidak", "hamba allah",
    "asn", "pegawai", "n a", "na", "none", "nan", "null", "x", "tanpa nama", "no name",
}  # fmt: skip


def is_identifier_header(normalised: str) -> bool:
    """True for headers such as ``nama (opsional)``, ``email address``, ``no. hp/wa``."""
    if normalised in IDENTIFIER_HEADERS:
        return True
    words = normalised.split()
    for n in range(len(words) - 1, 0, -1):
        head, tail = " ".join(words[:n]), words[n:]
        if head in IDENTIFIER_HEADERS and all(w in _FILLER for w in tail):
            return True
    return False


def default_key_file() -> Path:
    """Where the pseudonym key lives when no environment variable names it."""
    if os.environ.get(KEY_FILE_ENV):
        return Path(os.environ[KEY_FILE_ENV]).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "asn-sentiment" / "pseudonym.key"


def load_key() -> bytes:
    """The secret key of :func:`pseudonymise` (created on first use; see module doc)."""
    env = os.environ.get(KEY_ENV)
    if env:
        return env.encode("utf-8")
    path = default_key_file()
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_hex(32) + "\n")
        key = path.read_text("utf-8").strip()
    except FileExistsError:  # created by another process just now
        key = path.read_text("utf-8").strip()
    except OSError as exc:
        raise OutputError(
            "err.key_unavailable", path=str(path), reason=exc.strerror or str(exc)
        ) from None
    if not key:
        raise OutputError("err.key_unavailable", path=str(path), reason="empty file")
    return key.encode("utf-8")


def key_id(key: bytes) -> str:
    """A short fingerprint of the key (safe to show or store; it does not reveal the key)."""
    return hmac.new(key, b"asn-sentiment key id", hashlib.sha256).hexdigest()[:8]


def pseudonymise(value: object, key: bytes) -> str:
    """Keyed pseudonym ``R-<12 hex>`` of an identifier; empty for "no name" answers.

    Case and spacing do not matter: ``"Budi  Santoso"`` and ``"budi santoso"``
    get the same pseudonym.
    """
    text = re.sub(r"\s+", " ", str(value if value is not None else "")).strip().casefold()
    if text in ANONYMOUS or text == "nan":
        return ""
    return "R-" + hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()[:12]
