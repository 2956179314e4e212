"""The preprocessing engine: named steps, batch cleaning, explanations.

:mod:`asn_sentiment.preprocess` wraps this engine as a scikit-learn
transformer; this module does not import scikit-learn (or pandas), so the
``preprocess`` command starts in a fraction of a second.

Steps (in the order they run; each can be switched on or off by name):

``normalize``      NFKC, case folding, typographic quotes and dashes, zero-width
                   characters removed: ``“Bagus” — TAPI`` → ``"bagus" - tapi``
``placeholders``   URLs, e-mails, @mentions, phone numbers, long digit runs and the
                   ``[NIP]``/``[NIK]``/``[TELEPON]``/``[EMAIL]`` masks → ``xurlx``,
                   ``xemailx``, ``xmentionx``, ``xphonex``, ``xnumberx``
``emoji``          emoji and emoticons → Indonesian words: ``😡`` → ``marah``, ``:(`` → ``sedih``
``elongation``     ``bagusss`` → ``bagus``, ``mantapp`` → ``mantap``; ``maaf`` keeps its double a
``slang``          kamus-alay + the project's lexicons: ``yg gak`` → ``yang tidak``,
                   ``idak ado`` → ``tidak ada``, ``wkwkwk`` → ``tertawa``
``reduplication``  ``kawan-kawan`` → ``kawan``, ``orang2`` → ``orang``
``stem``           Sastrawi (exact, fast): ``pelayanan`` → ``layan``; function words
                   (stop words, negators, ...) are not stemmed
``stem_fix``       corrections of wrong Sastrawi roots: ``memuaskan`` → ``muas`` → ``puas``
``negation``       ``tidak memuaskan`` → ``tidak NEG_puas`` for up to ``negation_window``
                   words, not across punctuation or contrast words (tapi, namun, ...)
``stopwords``      curated stop words removed (negators, intensifiers, contrast words kept)

Punctuation is dropped from the output, which is lower case, single-spaced words,
unless it is named in ``punctuation`` (e.g. ``"!?"``): those marks are then kept as
tokens of their own (``bagus!!`` → ``bagus ! !``), so that character n-grams can see
exclamations and questions; they still end a negation scope.  ``negators`` adds words
that start a negation scope besides the lexicon's (e.g. ``kurang``: ``kurang jelas`` →
``kurang NEG_jelas``).  ``split_nya`` writes the clitic *-nya* apart from a known word
(``pelayanannya`` → ``pelayanan nya``, but ``punya``, ``hanya`` stay), as SmSA's
tokenisation does, so that a word means the same in both spellings.  All three are off
by default; the sentiment configurations name them (:mod:`asn_sentiment.configs`).  The work is batched: a batch of texts is joined with ``\\n`` and each
regular expression runs once over it (none matches a newline); the joined text is
tokenised once, and every *distinct* token is mapped through the word-level steps
once (the result is cached for the life of the process, bounded in size); negation
is one more regular expression over the mapped stream.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from operator import itemgetter

from asn_sentiment.errors import InputError
from asn_sentiment.lexicon import (
    EMOJI_MODIFIERS,
    emoji_words,
    emoticons,
    local_lexicon,
    slang_lexicon,
    stem_corrections,
    stopwords,
    word_classes,
)
from asn_sentiment.stemmer import root_words, shared_stemmer

#: All steps, in the order they run.
STEPS: tuple[str, ...] = (
    "normalize",
    "placeholders",
    "emoji",
    "elongation",
    "slang",
    "reduplication",
    "stem",
    "stem_fix",
    "negation",
    "stopwords",
)
#: What ``steps="default"`` means: every step (see README "Preprocessing" for the
#: measured effect of each on SmSA; ``"default,-stopwords"`` etc. drop one).
DEFAULT_STEPS: tuple[str, ...] = STEPS

NEG_PREFIX = "NEG_"
PLACEHOLDER_TOKENS = frozenset({"xurlx", "xemailx", "xmentionx", "xphonex", "xnumberx"})
#: Upper bound of cached distinct tokens per step configuration (oldest half dropped beyond it).
MAX_CACHE = 500_000

# Internal markers in the token stream (never in output; removed from input first):
_SEP = "\ue000"  # between documents of a batch (a private-use character, not whitespace)
_BOUNDARY = "\x01"  # punctuation, kept between mapping and negation marking
_NEGATOR = "\x02"  # prefix of a negator, so the negation pattern starts with a literal
_CONTRAST = "\x03"  # prefix of a contrast word
_STOP = "\x04"  # prefix of a stop word, removed after negation marking
_SCOPE_ENDS = (_SEP, _BOUNDARY, _NEGATOR, _CONTRAST)  # what a negation scope cannot cross
_MARKERS = (*_SCOPE_ENDS, _STOP)
_MARKER_OR_NEWLINE = re.compile("[\n" + "".join(_MARKERS) + "]")


NEGATORS: frozenset[str] = word_classes()["negator"]
CONTRAST: frozenset[str] = word_classes()["contrast"]
INTENSIFIERS: frozenset[str] = word_classes()["intensifier"]


# --- step selection --------------------------------------------------------------------


def resolve_steps(steps: str | Sequence[str] | None) -> tuple[str, ...]:
    """Turn a step specification into a validated tuple of step names, in run order.

    ``None``/``"default"`` → :data:`DEFAULT_STEPS`; ``"all"`` → :data:`STEPS`;
    ``"none"`` → ``()``; otherwise comma-separated names or a sequence of names,
    where ``default``/``all`` may be combined with ``-name`` to drop a step
    (``"default,-stopwords"``) or ``+name``/``name`` to add one (``"none,+slang"``).
    Raises :class:`~asn_sentiment.errors.InputError` for unknown names.
    """
    if steps is None:
        return DEFAULT_STEPS
    names = [s.strip() for s in steps.split(",")] if isinstance(steps, str) else list(steps)
    chosen: set[str] = set()
    unknown = []
    for raw in names:
        name = str(raw).strip()
        if not name:
            continue
        if name in {"default", "all", "none"}:
            chosen |= {"default": set(DEFAULT_STEPS), "all": set(STEPS), "none": set()}[name]
        elif name.startswith("-") and name[1:] in STEPS:
            chosen.discard(name[1:])
        elif name.lstrip("+") in STEPS:
            chosen.add(name.lstrip("+"))
        else:
            unknown.append(name)
    if unknown:
        raise InputError("err.unknown_steps", steps=", ".join(unknown), known=", ".join(STEPS))
    return tuple(s for s in STEPS if s in chosen)


# --- character-level steps (run once over the joined batch) -------------------------------

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "\u0060": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00ad": "",  # soft hyphen
        "\u200b": "",  # zero-width space
        "\u200c": "",
        "\u2060": "",
        "\ufeff": "",
        **{ch: "" for ch in EMOJI_MODIFIERS},  # variation selectors, joiners, skin tones
    }
)


def normalize_text(text: str) -> str:
    """The ``normalize`` step on raw text: NFKC, typography, case folding."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY).casefold()
    # case folding can leave text that is not NFKC (e.g. U+0130 -> i + combining dot)
    return unicodedata.normalize("NFKC", text)


_URL = re.compile(r"(?:https?://|www\.)[^ \t\n]+")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PII = re.compile(r"\[(nip|nik|telepon|email)\]")
_PII_TOKEN = {
    "nip": " xnumberx ",
    "nik": " xnumberx ",
    "telepon": " xphonex ",
    "email": " xemailx ",
}
# "@" first, then the look-behind: a leading look-behind would be tried at every position
_MENTION = re.compile(r"@(?<!\w@)\w+")
# a run of digits with separators (anything but letters and newlines, since punctuation
# becomes a space in the output), optionally after "+"; phone or number is decided on its digits
# (never across a document boundary: a newline in joined text, _SEP in the token stream)
_DIGITS = re.compile(r"[0-9+](?:[\d_]|[^\w\n" + _SEP + r"]){4,}[0-9]")
_PHONE_DIGITS = re.compile(r"(?:62|0)8\d{7,12}")
_NOT_DIGIT = re.compile(r"\D")


def _digits(m: re.Match[str]) -> str:
    start = m.start()
    before = m.string[start - 1] if start else " "
    if not (before.isalnum() or before == "+") and _PHONE_DIGITS.fullmatch(
        _NOT_DIGIT.sub("", m.group(0))
    ):
        return " xphonex "
    return " xnumberx "


def replace_placeholders(text: str) -> str:
    """The ``placeholders`` step on normalised text.

    >>> replace_placeholders("hub 0812-3456-7890 / a@b.id / @bupati / https://x.id / rp 1.500.000")
    'hub  xphonex  /  xemailx  /  xmentionx  /  xurlx  / rp  xnumberx '
    """
    if "http" in text or "www." in text:
        text = _URL.sub(" xurlx ", text)
    if "@" in text:
        text = _EMAIL.sub(" xemailx ", text)
        text = _MENTION.sub(" xmentionx ", text)
    if "[" in text:
        text = _PII.sub(lambda m: _PII_TOKEN[m.group(1)], text)
    return _DIGITS.sub(_digits, text)


@lru_cache(maxsize=1)
def _emoticon_regex() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """(emoticons with a mark, found in text; all-letter emoticons, matched as tokens; table)."""
    table = emoticons()
    marks, letters = [], []
    for emo in sorted(table, key=len, reverse=True):
        # the last character may repeat (":(((", "xddd")
        body = re.escape(emo[:-1]) + re.escape(emo[-1]) + "+"
        (letters if emo.isalnum() else marks).append(body)
    in_text = re.compile("(?:" + "|".join(marks) + r")(?![^ \t\n.,!?])")
    as_token = re.compile("|".join(letters) or "(?!)")
    return in_text, as_token, table


def _emoticon_words(emoticon: str) -> str:
    table = _emoticon_regex()[2]
    return table[emoticon.rstrip(emoticon[-1]) + emoticon[-1]]


def _word_emoticon(token: str) -> str | None:
    """Words of an all-letter emoticon token (``xd``, ``xddd``), else None."""
    return _emoticon_words(token) if _emoticon_regex()[1].fullmatch(token) else None


_EMOTICON_HINTS = (":", ";", "<", "=", "_", ">")


def replace_emoticons(text: str, boundary: str = "") -> str:
    """Emoticons with a mark (``:)``, ``:(((``, ``<3``, ``t_t``) to words, ``boundary`` around.

    An emoticon stands after a space, or after a word if it starts with a mark
    (``mantap:)``), or after a mark if it starts with a letter (``(t_t``).
    All-letter emoticons (``xd``) are recognised as tokens instead.

    >>> " ".join(replace_emoticons("mantap:))) tapi :( <3").split())
    'mantap senang tapi sedih cinta'
    """
    pattern = _emoticon_regex()[0]

    def words(m: re.Match[str]) -> str:
        emo = m.group(0)
        start = m.start()
        before = m.string[start - 1] if start else " "
        if emo[0].isalnum() if before.isalnum() else not (before.isspace() or emo[0].isalnum()):
            return emo
        return f" {boundary} {_emoticon_words(emo)} {boundary} "

    return pattern.sub(words, text)


# --- word-level steps (once per distinct token) -------------------------------------------

# words (letters/digits, inner hyphens), a flag, or a single other character
_TOKEN = re.compile(r"[\U0001F1E6-\U0001F1FF]{2}|[^\W_]+(?:-[^\W_]+)*|[^\w\s]")
_RUN = re.compile(r"([a-z])\1+")
_REDUP_DIGIT = re.compile(r"^([a-z]{2,})2(nya|ku|mu)?$")
_CLITIC_TAIL = ("nya", "ku", "mu", "lah", "kah", "pun")
_STEMMABLE = re.compile(r"[a-z]+(?:-[a-z]+)*")
_LAUGHTER = re.compile(
    r"(?:w?k?(?:wk){2,}w?|k?(?:kw){2,}k?|(?:ha){2,}h?|(?:he){2,}h?|(?:hi){2,}h?|(?:xi){2,}x?"
    r"|a?(?:wok){2,})"
)
LAUGHTER_WORD = "tertawa"


@lru_cache(maxsize=1)
def protected_words() -> frozenset[str]:
    """Function words that stemming leaves alone (stop words and every word class)."""
    return stopwords().union(*word_classes().values())


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Words that elongation squeezing may land on: roots, lexicon forms and values."""
    lex = slang_lexicon()
    values = {w for v in lex.values() for w in v.split()}
    # kamus-alay also lists elongated spellings (bagusss, mantapp -> mantap): they are
    # not words to keep or land on
    forms = {w for w, v in lex.items() if _RUN.sub(r"\1", w) != _RUN.sub(r"\1", v)}
    return root_words() | forms | frozenset(local_lexicon()) | values | protected_words()


def _is_known(word: str) -> bool:
    if word in known_words():
        return True
    return word.isascii() and word.isalpha() and shared_stemmer().stem_word(word) != word


def squeeze(token: str) -> str:
    """The ``elongation`` step on one token.

    Runs of three or more letters become one or two letters and, in words of
    five letters or more, runs of two letters may become one, choosing the first
    known word (``bagusss`` → ``bagus``, ``maaaaf`` → ``maaf``, ``mantapp`` →
    ``mantap``); a token that is already known keeps its double letters (``maaf``,
    ``tanggal``, ``pppk``); an unknown one has its long runs cut to one letter.
    """
    runs = list(_RUN.finditer(token))
    if not runs or _is_known(token):
        return token
    long_runs = any(len(m.group(0)) >= 3 for m in runs)
    if not long_runs and len(token) < 5:  # tpp, kkn: abbreviations, not elongation
        return token
    default = _rebuild(token, runs, [1 if len(m.group(0)) >= 3 else 2 for m in runs])
    if len(runs) > 6:
        return default
    options = [(1, 2) if len(m.group(0)) >= 3 else (2, 1) for m in runs]
    for choice in itertools.product(*options):
        candidate = _rebuild(token, runs, choice)
        if candidate != token and _is_known(candidate):
            return candidate
    return default


def _rebuild(token: str, runs: list[re.Match[str]], lengths: Sequence[int]) -> str:
    parts, last = [], 0
    for m, n in zip(runs, lengths, strict=True):
        parts.append(token[last : m.start()])
        parts.append(m.group(1) * n)
        last = m.end()
    parts.append(token[last:])
    return "".join(parts)


def reduplicate(word: str) -> str:
    """The ``reduplication`` step on one word: ``kawan-kawan`` → ``kawan``, ``orang2`` → ``orang``.

    ``kawan-kawannya`` → ``kawannya`` and ``teman2nya`` → ``temannya`` (the clitic stays).
    Other hyphenated words (``sayur-mayur``) are left for stemming.
    """
    match = _REDUP_DIGIT.match(word)
    if match and _is_known(match.group(1)):  # orang2, not a code such as ab2
        return match.group(1) + (match.group(2) or "")
    if "-" in word:
        head, _, tail = word.partition("-")
        if head == tail:
            return head
        if tail.startswith(head) and tail[len(head) :] in _CLITIC_TAIL:
            return tail
    return word


def nya_base(word: str) -> str | None:
    """The word before a clitic *-nya* (``pelayananya`` → ``pelayanan``), else ``None``.

    Only when the word itself is not a root word (``punya``, ``hanya``, ``tanya``) and
    what precedes *-nya* is a known word or has a known root.
    """
    if not word.endswith("nya") or len(word) < 5 or not word.isalpha():
        return None
    base = word[:-3]
    if word in root_words() or not _is_known(base):
        return None
    return base


class _TokenMapper:
    """Maps whitespace-separated chunks to output words for a fixed set of steps.

    Two caches: chunk (``"bagus!!!"``) → words, and token (``"bagus"``) → words.
    A chunk that is one plain word is a token; any other chunk is split with
    the tokeniser (emoticons first).  Punctuation becomes a boundary marker when
    negation marking needs one, else nothing.
    """

    def __init__(
        self,
        steps: tuple[str, ...],
        punctuation: str = "",
        negators: tuple[str, ...] = (),
        split_nya: bool = False,
    ) -> None:
        self.steps = steps
        self.split_nya = split_nya
        self.cache: dict[str, str] = {_SEP: _SEP}
        self.tokens: dict[str, str] = {}
        negation = "negation" in steps
        self.boundary = _BOUNDARY if negation else ""
        self.punctuation = frozenset(punctuation)
        all_negators = NEGATORS.union(negators)
        self.markers = {w: _NEGATOR + w for w in all_negators} if negation else {}
        self.markers.update({w: _CONTRAST + w for w in CONTRAST} if negation else {})
        if "stopwords" in steps:
            self.markers.update({w: _STOP + w for w in stopwords() - all_negators})
        self.elongation = "elongation" in steps
        self.slang = slang_lexicon() if "slang" in steps else None
        self.redup = "reduplication" in steps
        self.stemmer = shared_stemmer() if "stem" in steps else None
        self.fixes = stem_corrections() if "stem_fix" in steps else {}
        self.emoji = emoji_words() if "emoji" in steps else {}
        self.emoticons = "emoji" in steps
        self.protected = protected_words()

    def map_chunks(self, chunks: list[str]) -> str:
        """The mapped words of all chunks, space-separated (a chunk may map to nothing)."""
        if len(chunks) < 2:
            return " ".join(self._cached(c) for c in chunks)
        get = itemgetter(*chunks)  # one C-level loop over the chunks
        try:
            return " ".join(get(self.cache))
        except KeyError:
            pass
        distinct = set(chunks)
        if len(self.cache) + len(distinct.difference(self.cache)) > MAX_CACHE:
            self.trim()
        for chunk in distinct.difference(self.cache):
            self.cache[chunk] = self._chunk(chunk)
        return " ".join(get(self.cache))

    def _cached(self, chunk: str) -> str:
        words = self.cache.get(chunk)
        if words is None:
            words = self.cache[chunk] = self._chunk(chunk)
        return words

    def trim(self) -> None:
        """Drop the oldest half of the caches (bounded memory on endless streams)."""
        caches = [self.cache, self.tokens]
        if self.stemmer is not None and len(self.stemmer.cache) > MAX_CACHE:
            caches.append(self.stemmer.cache)
        for cache in caches:
            for key in list(itertools.islice(cache, len(cache) // 2)):
                del cache[key]
        self.cache[_SEP] = _SEP

    def _chunk(self, chunk: str) -> str:
        if chunk.isalnum():
            return self._token(chunk)
        if self.emoticons and any(h in chunk for h in _EMOTICON_HINTS):
            chunk = replace_emoticons(chunk, _BOUNDARY)
        return " ".join([v for t in _TOKEN.findall(chunk) if (v := self._token(t))])

    def _token(self, token: str) -> str:
        words = self.tokens.get(token)
        if words is None:
            words = self.tokens[token] = self._compute(token)
        return words

    def _compute(self, token: str) -> str:
        if not token[0].isalnum():
            words = self.emoji.get(token)
            if words is None:
                if token in self.punctuation:
                    return f"{self.boundary} {token}".lstrip()
                return self.boundary
            inner = self._words(words.split())
            return f"{self.boundary} {inner} {self.boundary}".strip()
        if token in PLACEHOLDER_TOKENS:
            return token
        if self.emoticons and (emoticon := _word_emoticon(token)):
            return self._words(emoticon.split())
        if self.elongation:
            token = squeeze(token)
        if self.slang is not None:
            if _LAUGHTER.fullmatch(token):
                token = LAUGHTER_WORD
            return self._words(self.slang.get(token, token).split())
        return self._words([token])

    def _words(self, words: list[str]) -> str:
        out: list[str] = []
        for word in words:
            if self.redup:
                base = reduplicate(word)
                if base != word and self.slang is not None and base in self.slang:
                    # kw2 -> kw -> kau: the base of a reduplication gets the slang step too
                    out.extend(self._words(self.slang[base].split()).split(" "))
                    continue
                word = base
            if self.split_nya and (base := nya_base(word)):
                out.extend(self._words([base]).split(" "))
                out.append("nya")
                continue
            word = self._stem(word)
            if "-" in word:  # not a reduplication Sastrawi resolved: each part on its own
                out.extend(self._token(part) for part in word.split("-") if part)
            else:
                out.append(word)
        markers = self.markers
        return " ".join([markers.get(w, w) for w in out] if markers else out)

    def _stem(self, word: str) -> str:
        if self.stemmer is None or word in self.protected or not _STEMMABLE.fullmatch(word):
            return word
        stem = self.stemmer.stem_word(word)
        if stem != word:
            stem = self.fixes.get(stem, stem)
        return stem


# --- negation ----------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _negation_regex(window: int) -> re.Pattern[str]:
    # a (marked) negator, then 1..window words that are not a negator, a contrast word,
    # punctuation or a document separator (all of which start with a marker)
    markers = re.escape("".join(_SCOPE_ENDS))
    return re.compile(rf"{_NEGATOR}[^ ]+((?: +[^ {markers}][^ ]*){{1,{window}}})")


_SPACES = re.compile(" +")
_WORD_START = re.compile(" +(?!" + _STOP + ")")  # stop words are removed, not marked
_STOP_WORD = re.compile(" " + _STOP + "[^ ]*")


def _mark_negation(stream: str, window: int = 3) -> str:
    """The ``negation`` step on the engine's marked stream of space-separated words.

    Negators carry the prefix ``_NEGATOR``, contrast words ``_CONTRAST``, and
    punctuation is ``_BOUNDARY``; the markers stay in place.  With markers
    written as ``!``, ``~`` and ``|``: ``!tidak puas sekali | ~tapi murah`` →
    ``!tidak NEG_puas NEG_sekali | ~tapi murah``.
    """
    if window < 1:
        return stream

    def mark(m: re.Match[str]) -> str:
        head = m.group(0)[: m.start(1) - m.start(0)]
        return head + _WORD_START.sub(" " + NEG_PREFIX, m.group(1))

    return _negation_regex(window).sub(mark, stream)


# --- the batch engine ----------------------------------------------------------------------


class Engine:
    """Cleans batches of texts for one step configuration (see :func:`engine`)."""

    def __init__(
        self,
        steps: tuple[str, ...],
        negation_window: int = 3,
        punctuation: str = "",
        negators: tuple[str, ...] = (),
        split_nya: bool = False,
    ) -> None:
        self.steps = steps
        self.negation_window = int(negation_window)
        self.mapper = _TokenMapper(steps, punctuation, negators, split_nya)

    def _prepare(self, text: str) -> str:
        steps = self.steps
        text = normalize_text(text) if "normalize" in steps else text.lower()
        if "placeholders" in steps:
            text = replace_placeholders(text)
        return text

    def run(self, texts: Sequence[str]) -> list[str]:
        """Clean ``texts`` (strings); returns one cleaned string per text."""
        n = len(texts)
        if n == 0:
            return []
        joined = "\n".join(texts)
        if joined.count("\n") != n - 1 or any(m in joined for m in _MARKERS):
            joined = "\n".join(_MARKER_OR_NEWLINE.sub(" ", t) for t in texts)
        joined = self._prepare(joined)
        if joined.count("\n") != n - 1:  # pragma: no cover - no normalisation makes a newline
            joined = "\n".join(self._prepare(t).replace("\n", " ") for t in texts)
        chunks = joined.replace("\n", f" {_SEP} ").split()
        stream = " " + self.mapper.map_chunks(chunks)
        if "negation" in self.steps:
            stream = _mark_negation(stream, self.negation_window).replace(" " + _BOUNDARY, "")
            stream = stream.replace(_NEGATOR, "").replace(_CONTRAST, "")
        if "stopwords" in self.steps:
            stream = _STOP_WORD.sub("", stream)
            if "placeholders" in self.steps:  # a removed word may have split a number
                stream = _DIGITS.sub(_digits, stream)
        if "  " in stream:  # chunks that mapped to nothing
            stream = _SPACES.sub(" ", stream)
        docs = stream.split(_SEP)
        if len(docs) != n:  # pragma: no cover - guarded by the hypothesis tests
            raise AssertionError(f"preprocessing merged or split documents ({len(docs)} != {n})")
        return [d.strip(" ") for d in docs]


def engine(
    steps: str | Sequence[str] | None = "default",
    negation_window: int = 3,
    punctuation: str = "",
    negators: Sequence[str] = (),
    split_nya: bool = False,
) -> Engine:
    """The process-wide engine (and token cache) of one step configuration.

    ``punctuation``: marks kept as tokens (e.g. ``"!?"``; default: none);
    ``negators``: extra words that start a negation scope (e.g. ``["kurang"]``);
    ``split_nya``: write the clitic *-nya* apart (:func:`nya_base`).
    """
    return _engine(
        resolve_steps(steps),
        int(negation_window),
        check_punctuation(punctuation),
        check_negators(negators),
        bool(split_nya),
    )


def check_punctuation(punctuation: str) -> str:
    """The distinct marks of ``punctuation``, sorted; :class:`InputError` if any is not a mark."""
    marks = "".join(sorted(set(punctuation or "")))
    bad = [ch for ch in marks if ch.isalnum() or ch.isspace() or ch == "_" or ch in _MARKERS]
    if bad or not isinstance(punctuation, str | None):
        raise InputError("err.preprocess_punctuation", given=repr(punctuation))
    return marks


def check_negators(negators: Sequence[str] | str) -> tuple[str, ...]:
    """Extra negators as a sorted tuple of lower-case words; :class:`InputError` if not words."""
    words = negators.split(",") if isinstance(negators, str) else list(negators or ())
    words = [str(w).strip().lower() for w in words if str(w).strip()]
    bad = [w for w in words if not re.fullmatch(r"[^\W_]+(?:-[^\W_]+)*", w)]
    if bad:
        raise InputError("err.preprocess_negators", given=", ".join(bad))
    return tuple(sorted(set(words)))


@lru_cache(maxsize=32)
def _engine(
    steps: tuple[str, ...],
    negation_window: int,
    punctuation: str,
    negators: tuple[str, ...],
    split_nya: bool,
) -> Engine:
    return Engine(steps, negation_window, punctuation, negators, split_nya)


def _as_text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return value if isinstance(value, str) else str(value)


def preprocess_batch(
    texts: Iterable[object],
    steps: str | Sequence[str] | None = "default",
    negation_window: int = 3,
    punctuation: str = "",
    negators: Sequence[str] = (),
    split_nya: bool = False,
) -> list[str]:
    """Clean a batch of texts; ``None``/NaN become empty strings.

    >>> preprocess_batch(["Pelayanannya tidak memuaskan!!!", "yg gak jelas 😡"])
    ['layan tidak NEG_puas', 'tidak NEG_jelas marah']
    >>> preprocess_batch(["kurang jelas?"], "default,-stem", 2, punctuation="?", negators=["kurang"])
    ['kurang NEG_jelas ?']
    """
    items = [_as_text(t) for t in texts]
    return engine(steps, negation_window, punctuation, negators, split_nya).run(items)


def clean_text(
    text: object,
    steps: str | Sequence[str] | None = "default",
    negation_window: int = 3,
    punctuation: str = "",
    negators: Sequence[str] = (),
    split_nya: bool = False,
) -> str:
    """Clean one text with the given steps (see the module docstring).

    >>> clean_text("Pelayanannya tidak memuaskan!!!")
    'layan tidak NEG_puas'
    >>> clean_text("Pelayanannya tidak memuaskan!!!", punctuation="!")
    'layan tidak NEG_puas ! ! !'
    """
    return preprocess_batch([text], steps, negation_window, punctuation, negators, split_nya)[0]


def explain(
    text: object,
    steps: str | Sequence[str] | None = "default",
    negation_window: int = 3,
    punctuation: str = "",
    negators: Sequence[str] = (),
    split_nya: bool = False,
) -> list[tuple[str, str]]:
    """Each step's effect on one text: ``[(step, text after the steps so far), ...]``.

    The first entry is ``("input", text)``.  Punctuation is dropped from every
    stage's output, as in the final result.
    """
    chosen = resolve_steps(steps)
    stages = [("input", _as_text(text))]
    for i, step in enumerate(chosen):
        stages.append(
            (
                step,
                clean_text(
                    text, chosen[: i + 1], negation_window, punctuation, negators, split_nya
                ),
            )
        )
    return stages
