"""Sastrawi stemming, made fast without changing a single stem.

Sastrawi (``Sastrawi.Stemmer``, Nazief & Adriani with the CS/ECS confix-stripping
improvements) is the reference Indonesian stemmer, but its ``ArrayDictionary``
keeps the 29,932 root words in a Python list, so every dictionary look-up is a
linear scan, and every rule re-resolves a regular expression from a string.
The usual ``StemmerFactory().create_stemmer().stem(text)`` therefore runs at a
few documents per second.

:class:`FastStemmer` is the *same algorithm over the same root-word list*:

- the dictionary is a ``frozenset`` (:class:`SetDictionary`), so a look-up is O(1);
- the control flow of ``Sastrawi.Stemmer.Context`` (visitors, prefix passes,
  "loop pengembalian akhiran", plural handling) is transcribed step for step,
  with the rules' own regular expressions compiled once and a cheap
  ``startswith`` guard in front of each prefix rule (a rule whose regular
  expression cannot match does nothing in Sastrawi either);
- every distinct token is stemmed once: results live in a cache that persists
  for the life of the object, is shared process-wide (:func:`shared_stemmer`),
  and can be saved and loaded (:meth:`FastStemmer.save_cache`).

The stems are Sastrawi's own: ``tests/test_stemmer.py`` compares them with
Sastrawi's code for every distinct token of SmSA and with
``StemmerFactory().create_stemmer()`` itself on a sample (the complete
comparison, about 16 CPU-minutes because of the list dictionary, is
``bench/stem_equivalence.py``).  Tokens outside ``[a-z0-9-]`` (which Sastrawi's
own text normaliser never produces) are handed to Sastrawi's original code, so
equality holds for any input.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from Sastrawi.Stemmer.Filter import TextNormalizer
from Sastrawi.Stemmer.Stemmer import Stemmer as _SastrawiStemmer
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

CACHE_FORMAT = "asn-sentiment-stem-cache/1"


class SetDictionary:
    """Sastrawi's dictionary interface (``contains``, ``count``) backed by a ``frozenset``."""

    def __init__(self, words: Iterable[str]) -> None:
        # ArrayDictionary.add skips empty and blank lines the same way
        self.words = frozenset(w for w in words if w and w.strip())

    def contains(self, word: str) -> bool:
        return word in self.words

    def count(self) -> int:
        return len(self.words)


@lru_cache(maxsize=1)
def root_words() -> frozenset[str]:
    """Sastrawi's own root-word list (``kata-dasar.txt``), read once."""
    return SetDictionary(StemmerFactory().get_words()).words


def sastrawi_version() -> str:
    """Installed Sastrawi version (part of the stem cache's identity)."""
    try:
        return metadata.version("Sastrawi")
    except metadata.PackageNotFoundError:  # pragma: no cover
        return "unknown"


# --- the rules, transcribed from Sastrawi.Morphology.Disambiguator -------------------------
# Each prefix visitor is (guard prefixes, disambiguators).  A disambiguator takes the
# current word and returns a candidate root or None, exactly as Sastrawi's classes do; the
# guard is a necessary condition of every disambiguator of the visitor (None = always try).

_C = "bcdfghjklmnpqrstvwxyz"
_Disambiguator = Callable[[str], "str | None"]


def _groups(pattern: str, build: Callable[[re.Match[str]], str | None]) -> _Disambiguator:
    match = re.compile(pattern).match

    def disambiguate(word: str) -> str | None:
        m = match(word)
        return build(m) if m else None

    return disambiguate


def _join(prefix: str, *groups: int) -> Callable[[re.Match[str]], str]:
    """Builder returning ``prefix + group(a) + group(b) ...``."""

    def build(m: re.Match[str]) -> str:
        return prefix + "".join(m.group(g) for g in groups)

    return build


_ER = re.compile(r"^er(.*)$").match


def _rule2(m: re.Match[str]) -> str | None:  # berCAP -> ber-CAP where C != 'r' and P != 'er'
    if _ER(m.group(3)):
        return None
    return m.group(1) + m.group(2) + m.group(3)


def _rule3(m: re.Match[str]) -> str | None:  # berCAerV -> ber-CAerV where C != 'r'
    if m.group(1) == "r":
        return None
    return m.group(1) + m.group(2) + "er" + m.group(3) + m.group(4)


def _rule7(m: re.Match[str]) -> str | None:  # terCerV -> ter-CerV where C != 'r'
    if m.group(1) == "r":
        return None
    return m.group(1) + "er" + m.group(2)


def _rule8(m: re.Match[str]) -> str | None:  # terCP -> ter-CP where C != 'r' and P != 'er'
    if m.group(1) == "r" or _ER(m.group(2)):
        return None
    return m.group(1) + m.group(2)


def _rule9(m: re.Match[str]) -> str | None:  # teC1erC2 -> te-C1erC2 where C1 != 'r'
    if m.group(1) == "r":
        return None
    return m.group(1) + "er" + m.group(2) + m.group(3)


def _rule23(m: re.Match[str]) -> str | None:  # perCAP -> per-CAP where C != 'r' and P != 'er'
    if _ER(m.group(3)):
        return None
    return m.group(1) + m.group(2) + m.group(3)


def _rule24(m: re.Match[str]) -> str | None:  # perCAerV -> per-CAerV where C != 'r'
    if m.group(1) == "r":
        return None
    return m.group(1) + m.group(2) + "er" + m.group(3) + m.group(4)


def _rule34(m: re.Match[str]) -> str | None:  # peCP -> pe-CP where C != {r|w|y|l|m|n} and P != 'er'
    if _ER(m.group(2)):
        return None
    return m.group(1) + m.group(2)


def _exact(word: str, root: str) -> _Disambiguator:
    return lambda w: root if w == word else None


def _rule32(word: str) -> str | None:
    if word == "pelajar":
        return "ajar"
    m = _RULE32(word)
    return m.group(1) + m.group(2) if m else None


_RULE32 = re.compile(r"^pe(l[aiueo])(.*)$").match
_V = "([aiueo])(.*)$"

_PREFIX_RULES: tuple[tuple[tuple[str, ...] | None, tuple[_Disambiguator, ...]], ...] = (
    (("ber",), (_groups(r"^ber([aiueo].*)$", _join("", 1)), _groups(r"^ber([aiueo].*)$", _join("r", 1)))),  # 1
    (("ber",), (_groups(rf"^ber([{_C}])([a-z])(.*)", _rule2),)),  # 2
    (("ber",), (_groups(rf"ber([{_C}])([a-z])er([aiueo])(.*)", _rule3),)),  # 3
    (("belajar",), (_exact("belajar", "ajar"),)),  # 4
    (("be",), (_groups(r"be([bcdfghjklmnpqstvwxyz])(er[bcdfghjklmnpqrstvwxyz])(.*)$", _join("", 1, 2, 3)),)),  # 5
    (("ter",), (_groups(r"^ter([aiueo].*)$", _join("", 1)), _groups(r"^ter([aiueo].*)$", _join("r", 1)))),  # 6
    (("ter",), (_groups(rf"^ter([{_C}])er([aiueo].*)$", _rule7),)),  # 7
    (("ter",), (_groups(rf"^ter([{_C}])(.*)$", _rule8),)),  # 8
    (("te",), (_groups(rf"^te([{_C}])er([{_C}])(.*)$", _rule9),)),  # 9
    (("me",), (_groups(r"^me([lrwy])([aiueo])(.*)$", _join("", 1, 2, 3)),)),  # 10
    (("mem",), (_groups(r"^mem([bfv])(.*)$", _join("", 1, 2)),)),  # 11
    (("mempe",), (_groups(r"^mempe(.*)$", _join("pe", 1)),)),  # 12
    (("mem",), (_groups(r"^mem" + _V, _join("m", 1, 2)), _groups(r"^mem" + _V, _join("p", 1, 2)))),  # 13
    (("men",), (_groups(r"^men([cdjstz])(.*)$", _join("", 1, 2)),)),  # 14
    (("men",), (_groups(r"^men" + _V, _join("n", 1, 2)), _groups(r"^men" + _V, _join("t", 1, 2)))),  # 15
    (("meng",), (_groups(r"^meng([g|h|q|k])(.*)$", _join("", 1, 2)),)),  # 16
    (
        ("meng",),
        (
            _groups(r"^meng" + _V, _join("", 1, 2)),
            _groups(r"^meng" + _V, _join("k", 1, 2)),
            _groups(r"^menge(.*)$", _join("", 1)),
            _groups(r"^meng" + _V, _join("ng", 1, 2)),
        ),
    ),  # 17
    (("meny",), (_groups(r"^meny" + _V, _join("ny", 1, 2)), _groups(r"^meny" + _V, _join("s", 1, 2)))),  # 18
    (("memp",), (_groups(r"^memp([abcdfghijklmopqrstuvwxyz])(.*)$", _join("p", 1, 2)),)),  # 19
    (("pe",), (_groups(r"^pe([wy])([aiueo])(.*)$", _join("", 1, 2, 3)),)),  # 20
    (("pe",), (_groups(r"^per" + _V, _join("", 1, 2)), _groups(r"^pe(r[aiueo])(.*)$", _join("", 1, 2)))),  # 21
    (("per",), (_groups(rf"^per([{_C}])([a-z])(.*)$", _rule23),)),  # 23
    (("per",), (_groups(rf"^per([{_C}])([a-z])er([aiueo])(.*)$", _rule24),)),  # 24
    (("pem",), (_groups(r"^pem([bfv])(.*)$", _join("", 1, 2)),)),  # 25
    (("pem",), (_groups(r"^pem" + _V, _join("m", 1, 2)), _groups(r"^pem" + _V, _join("p", 1, 2)))),  # 26
    (("pen",), (_groups(r"^pen([cdjz])(.*)$", _join("", 1, 2)),)),  # 27
    (("pen",), (_groups(r"^pen" + _V, _join("n", 1, 2)), _groups(r"^pen" + _V, _join("t", 1, 2)))),  # 28
    (("peng",), (_groups(rf"^peng([{_C}])(.*)$", _join("", 1, 2)),)),  # 29
    (
        ("peng",),
        (
            _groups(r"^peng" + _V, _join("", 1, 2)),
            _groups(r"^peng" + _V, _join("k", 1, 2)),
            _groups(r"^penge(.*)$", _join("", 1)),
        ),
    ),  # 30
    (("peny",), (_groups(r"^peny" + _V, _join("ny", 1, 2)), _groups(r"^peny" + _V, _join("s", 1, 2)))),  # 31
    (("pe",), (_rule32,)),  # 32
    (("pe",), (_groups(rf"^pe([{_C}])(.*)$", _rule34),)),  # 34
    (("ter",), (_groups(rf"^ter([bcdfghjkpqstvxz])(er[{_C}])(.*)$", _join("", 1, 2, 3)),)),  # 35
    (("pe",), (_groups(rf"^pe([bcdfghjkpqstvxz])(er[{_C}])(.*)$", _join("", 1, 2, 3)),)),  # 36
    (None, (_groups(rf"^([{_C}])(er[aiueo])(.*)$", _join("", 1, 2, 3)), _groups(rf"^([{_C}])er([aiueo])(.*)$", _join("", 1, 2, 3)))),  # 37
    (None, (_groups(rf"^([{_C}])(el[aiueo])(.*)$", _join("", 1, 2, 3)), _groups(rf"^([{_C}])el([aiueo])(.*)$", _join("", 1, 2, 3)))),  # 38
    (None, (_groups(rf"^([{_C}])(em[aiueo])(.*)$", _join("", 1, 2, 3)), _groups(rf"^([{_C}])em([aiueo])(.*)$", _join("", 1, 2, 3)))),  # 39
    (None, (_groups(rf"^([{_C}])(in[aiueo])(.*)$", _join("", 1, 2, 3)), _groups(rf"^([{_C}])in([aiueo])(.*)$", _join("", 1, 2, 3)))),  # 40
    (("ku",), (_groups(r"^ku(.*)$", _join("", 1)),)),  # 41
    (("kau",), (_groups(r"^kau(.*)$", _join("", 1)),)),  # 42
)  # fmt: skip
#: infix rules 37-40 need a consonant then er/el/em/in: a cheap necessary condition
_INFIXES = ("er", "el", "em", "in")

_RULES_BY_HEAD: dict[
    str, tuple[tuple[tuple[str, ...] | None, tuple[_Disambiguator, ...]], ...]
] = {}


def _rules_for(head: str) -> tuple[tuple[tuple[str, ...] | None, tuple[_Disambiguator, ...]], ...]:
    """The prefix rules (in Sastrawi's order) whose guard a word starting with ``head`` can meet."""
    rules = _RULES_BY_HEAD.get(head)
    if rules is None:
        rules = _RULES_BY_HEAD[head] = tuple(
            (guard, dis)
            for guard, dis in _PREFIX_RULES
            if guard is None or any(g.startswith(head) or head.startswith(g) for g in guard)
        )
    return rules


_PLAIN_PREFIX = re.compile(r"^(di|ke|se)")
_PARTICLE = re.compile(r"-*(lah|kah|tah|pun)$")
_POSSESSIVE = re.compile(r"-*(ku|mu|nya)$")
_DERIVATIONAL = re.compile(r"(is|isme|isasi|i|kan|an)$")
_PRECEDENCE = tuple(
    re.compile(p).match
    for p in (
        r"^be(.*)lah$",
        r"^be(.*)an$",
        r"^me(.*)i$",
        r"^di(.*)i$",
        r"^pe(.*)i$",
        r"^ter(.*)i$",
    )
)
_PLURAL_CLITIC = re.compile(r"^(.*)-(ku|mu|nya|lah|kah|tah|pun)$")
_PLURAL = re.compile(r"^(.*)-(.*)$")
_SAFE_TOKEN = re.compile(r"[a-z0-9-]+")
_CLITICS = frozenset(("ku", "mu", "nya", "lah", "kah", "tah", "pun"))

# affix types of Sastrawi's Removal objects
_DP, _DS, _PP, _P = "DP", "DS", "PP", "P"


class _Removal:
    """Sastrawi's ``Removal``: (subject, result, removed part, affix type)."""

    __slots__ = ("subject", "result", "removed", "affix")

    def __init__(self, subject: str, result: str, removed: str, affix: str) -> None:
        self.subject = subject
        self.result = result
        self.removed = removed
        self.affix = affix


def _removed_part(word: str, result: str) -> str:
    # Sastrawi: re.sub(result, '', word, 1); result has no regex metacharacters here
    return word.replace(result, "", 1)


class _Context:
    """Transcription of ``Sastrawi.Stemmer.Context.Context`` for one word."""

    __slots__ = ("original", "current", "contains", "stopped", "removals")

    def __init__(self, word: str, contains: Callable[[str], bool]) -> None:
        self.original = word
        self.current = word
        self.contains = contains
        self.stopped = False
        self.removals: list[_Removal] = []

    def execute(self) -> str:
        self._start()
        return self.current if self.contains(self.current) else self.original

    def _start(self) -> None:
        contains = self.contains
        # step 1
        if contains(self.current):
            return
        if len(self.current) <= 3:  # DontStemShortWord
            self.stopped = True
        if contains(self.current):
            return
        if any(rule(self.original) for rule in _PRECEDENCE):
            # confix stripping: prefixes before suffixes when the specification holds
            self._remove_prefixes()
            if contains(self.current):
                return
            self._remove_suffixes()
            if contains(self.current):
                return
            self.current = self.original
            self.removals = []
        self._remove_suffixes()
        if contains(self.current):
            return
        self._remove_prefixes()
        if contains(self.current):
            return
        self._loop_pengembalian_akhiran()

    # --- suffixes -----------------------------------------------------------------
    def _suffix(self, pattern: re.Pattern[str], affix: str) -> None:
        word = self.current
        result = pattern.sub("", word, 1)
        if result != word:
            self.removals.append(_Removal(word, result, _removed_part(word, result), affix))
            self.current = result

    def _remove_suffixes(self) -> None:
        contains = self.contains
        for pattern, affix in ((_PARTICLE, _P), (_POSSESSIVE, _PP), (_DERIVATIONAL, _DS)):
            self._suffix(pattern, affix)
            if contains(self.current) or self.stopped:
                return

    # --- prefixes -----------------------------------------------------------------
    def _plain_prefix(self) -> None:
        word = self.current
        result = _PLAIN_PREFIX.sub("", word, 1)
        if result != word:
            self.removals.append(_Removal(word, result, _removed_part(word, result), _DP))
            self.current = result

    def _disambiguate(self, disambiguators: Sequence[_Disambiguator]) -> None:
        word = self.current
        result = None
        for disambiguate in disambiguators:
            result = disambiguate(word)
            if result is not None and self.contains(result):
                break
        if not result:
            return
        self.removals.append(_Removal(word, result, _removed_part(word, result), _DP))
        self.current = result

    def _accept_prefix_visitors(self) -> None:
        contains = self.contains
        count = len(self.removals)
        word = self.current
        # RemovePlainPrefix comes first
        if word.startswith(("di", "ke", "se")):
            self._plain_prefix()
        if contains(self.current) or self.stopped or len(self.removals) > count:
            return
        word = self.current
        # the word only changes when a visitor acts, which ends the pass: the rules that
        # can match it are the ones for its first two letters
        for guard, disambiguators in _rules_for(word[:2]):
            if guard is None:
                if word[1:3] not in _INFIXES:
                    continue
            elif not word.startswith(guard):
                continue
            # a visitor whose rules do not match leaves the state unchanged, and the
            # checks below were already false for this state: skipping it is exact
            self._disambiguate(disambiguators)
            if contains(self.current) or self.stopped or len(self.removals) > count:
                return

    def _remove_prefixes(self) -> None:
        for _ in range(3):
            self._accept_prefix_visitors()
            if self.contains(self.current):
                return

    # --- ECS loop pengembalian akhiran ----------------------------------------------
    def _restore_prefix(self) -> None:
        for removal in self.removals:
            self.current = removal.subject
            break
        # Sastrawi removes from the list it iterates over (skipping the element after
        # each removed one); the same loop keeps the same result.
        for removal in self.removals:
            if removal.affix == _DP:
                self.removals.remove(removal)

    def _loop_pengembalian_akhiran(self) -> None:
        self._restore_prefix()
        removals = self.removals
        current = self.current
        for removal in reversed(removals):
            if removal.affix not in (_DS, _PP, _P):
                continue
            if removal.removed == "kan":
                self.current = removal.result + "k"
                self._remove_prefixes()
                if self.contains(self.current):
                    return
                self.current = removal.result + "kan"
            else:
                self.current = removal.subject
            self._remove_prefixes()
            if self.contains(self.current):
                return
            self.removals = removals
            self.current = current


class FastStemmer:
    """Sastrawi-identical stemmer with a set dictionary and a persistent token cache.

    >>> FastStemmer().stem("pelayanan menyosialisasikan kebijakan")
    'layan sosialisasi bijak'
    """

    def __init__(self, cache: dict[str, str] | None = None) -> None:
        self.words = root_words()
        self.cache: dict[str, str] = dict(cache or {})
        self._fallback: _SastrawiStemmer | None = None

    # --- Sastrawi's Stemmer.stem_word, transcribed ------------------------------------
    def _stem_singular(self, word: str) -> str:
        if word in self.words:  # Context step 1 ends here: the word is its own root
            return word
        return _Context(word, self.words.__contains__).execute()

    def _is_plural(self, word: str) -> bool:
        m = _PLURAL_CLITIC.match(word)
        if m:
            return m.group(1).find("-") != -1
        return word.find("-") != -1

    def _stem_plural(self, plural: str) -> str:
        m = _PLURAL.match(plural)
        if not m:
            return plural
        words = [m.group(1), m.group(2)]
        suffix = words[1]
        m = _PLURAL.match(words[0])
        if suffix in _CLITICS and m:  # malaikat-malaikat-nya -> malaikat malaikat-nya
            words[0] = m.group(1)
            words[1] = m.group(2) + "-" + suffix
        root1 = self._stem_singular(words[0])
        root2 = self._stem_singular(words[1])
        if words[1] not in self.words and root2 == words[1]:  # meniru-nirukan -> tiru
            root2 = self._stem_singular("me" + words[1])
        return root1 if root1 == root2 else plural

    def _compute(self, token: str) -> str:
        if not _SAFE_TOKEN.fullmatch(token):
            return self._sastrawi().stem_word(token)
        if self._is_plural(token):
            return self._stem_plural(token)
        return self._stem_singular(token)

    def _sastrawi(self) -> _SastrawiStemmer:
        if self._fallback is None:
            self._fallback = sastrawi_stemmer("set")
        return self._fallback

    # --- public -------------------------------------------------------------------------
    def stem_word(self, token: str) -> str:
        """Stem one token already normalised as Sastrawi does (lower case)."""
        stem = self.cache.get(token)
        if stem is None:
            stem = self.cache[token] = self._compute(token)
        return stem

    def stem_tokens(self, tokens: Iterable[str]) -> list[str]:
        """Stem a sequence of normalised tokens."""
        get, stem_word = self.cache.get, self.stem_word
        return [get(tok) or stem_word(tok) for tok in tokens]

    def stem(self, text: str) -> str:
        """Stem a text exactly as ``Sastrawi``'s ``stemmer.stem(text)`` does."""
        normalized = TextNormalizer.normalize_text(text)
        return " ".join(self.stem_tokens(normalized.split(" ")))

    def save_cache(self, path: str | Path) -> None:
        """Write the token → stem cache as JSON (sorted, deterministic, versioned)."""
        payload = {
            "format": CACHE_FORMAT,
            "sastrawi": sastrawi_version(),
            "stems": dict(sorted(self.cache.items())),
        }
        Path(path).write_text(json.dumps(payload, ensure_ascii=False, indent=0) + "\n", "utf-8")

    def load_cache(self, path: str | Path) -> int:
        """Merge a cache written by :meth:`save_cache`; returns the number of entries read.

        A cache from another Sastrawi version (or not a cache at all) is ignored
        (returns 0), so a stale file can never change a stem.
        """
        try:
            payload = json.loads(Path(path).read_text("utf-8"))
        except (OSError, ValueError):
            return 0
        if (
            not isinstance(payload, dict)
            or payload.get("format") != CACHE_FORMAT
            or payload.get("sastrawi") != sastrawi_version()
            or not isinstance(payload.get("stems"), dict)
        ):
            return 0
        stems = {str(k): str(v) for k, v in payload["stems"].items()}
        self.cache.update(stems)
        return len(stems)


def sastrawi_stemmer(dictionary: str = "list") -> _SastrawiStemmer:
    """Sastrawi's own ``Stemmer`` (for comparisons and benchmarks).

    ``"list"``: exactly ``StemmerFactory().create_stemmer()``'s stemmer (list
    dictionary, slow); ``"set"``: the same code over a :class:`SetDictionary`.
    """
    if dictionary == "list":
        return StemmerFactory().create_stemmer().delegatedStemmer
    if dictionary == "set":
        return _SastrawiStemmer(SetDictionary(root_words()))
    raise ValueError(f"dictionary must be 'list' or 'set', not {dictionary!r}")


@lru_cache(maxsize=1)
def shared_stemmer() -> FastStemmer:
    """One process-wide stemmer, so its cache is shared by every transformer."""
    return FastStemmer()
