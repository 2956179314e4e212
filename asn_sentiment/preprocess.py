"""Indonesian text preprocessing as a scikit-learn transformer.

:class:`Preprocessor` turns raw comments into cleaned, stemmed,
negation-marked text.  It is stored inside every trained model, so a model
always preprocesses as it was trained.  :func:`clean_text` does the same for
one text.

The work is batched: the whole batch is normalised with a few regular
expressions over one joined string, tokenised once, and every *distinct* token
goes through the token-level steps (elongation, slang, reduplication, stemming)
once; the result is cached for the life of the process.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from asn_sentiment.lexicon import slang_lexicon
from asn_sentiment.stemmer import root_words, shared_stemmer

#: All steps, in the order they run.  ``steps="default"`` means all of them.
STEPS: tuple[str, ...] = (
    "normalize",
    "placeholders",
    "elongation",
    "slang",
    "reduplication",
    "stem",
    "negation",
)

NEGATORS = frozenset({"tidak", "bukan", "belum", "jangan", "tanpa", "tiada"})
CONTRAST = frozenset(
    {"tapi", "tetapi", "namun", "sedangkan", "melainkan", "padahal", "walaupun", "meskipun"}
)
NEG_PREFIX = "NEG_"

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_PLACEHOLDERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:https?://|www\.)\S+"), " xurlx "),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), " xemailx "),
    (re.compile(r"(?<!\w)@\w+"), " xmentionx "),
    (re.compile(r"(?<!\w)(?:\+62|62|0)8[\d \t.-]{7,14}\d"), " xphonex "),
    (re.compile(r"\d[\d \t.-]{4,}\d"), " xnumberx "),
)
PLACEHOLDER_TOKENS = frozenset({"xurlx", "xemailx", "xmentionx", "xphonex", "xnumberx"})
# words (letters/digits, inner hyphens), or a single punctuation mark, or a newline (doc separator)
_TOKEN = re.compile(r"\n|[^\W_]+(?:-[^\W_]+)*|[^\w\s]")
_ELONGATED = re.compile(r"([a-z])\1{2,}")
_REDUP_DIGIT = re.compile(r"^([a-z]{2,})2$")


def resolve_steps(steps: str | Sequence[str] | None) -> tuple[str, ...]:
    """Turn ``"default"``, ``"a,b"`` or a sequence into a validated tuple of step names."""
    if steps is None or steps == "default":
        return STEPS
    names = [s.strip() for s in steps.split(",")] if isinstance(steps, str) else list(steps)
    unknown = [s for s in names if s not in STEPS]
    if unknown:
        raise ValueError(
            f"unknown preprocessing step(s) {unknown}; known steps: {', '.join(STEPS)}"
        )
    return tuple(s for s in STEPS if s in names)


@lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    lex = slang_lexicon()
    return root_words() | frozenset(lex) | frozenset(lex.values())


def _squeeze(token: str) -> str:
    """``bagusss`` -> ``bagus``; keep legitimate double letters (``maaf``)."""
    if not _ELONGATED.search(token):
        return token
    double = _ELONGATED.sub(r"\1\1", token)
    single = _ELONGATED.sub(r"\1", token)
    vocab = _vocabulary()
    if double in vocab and single not in vocab:
        return double
    return single


class _TokenMapper:
    """Maps one raw token to its output tokens for a fixed set of steps, with a cache."""

    def __init__(self, steps: tuple[str, ...]) -> None:
        self.steps = steps
        self.cache: dict[str, tuple[str, ...]] = {}
        self.slang = slang_lexicon() if "slang" in steps else {}
        self.stemmer = shared_stemmer() if "stem" in steps else None

    def __call__(self, token: str) -> tuple[str, ...]:
        out = self.cache.get(token)
        if out is None:
            out = self.cache[token] = self._compute(token)
        return out

    def _compute(self, token: str) -> tuple[str, ...]:
        if token in PLACEHOLDER_TOKENS or not token[0].isalnum():
            return (token,)
        steps = self.steps
        if "elongation" in steps:
            token = _squeeze(token)
        words = [token]
        if "slang" in steps:
            words = self.slang.get(token, token).split()
        out: list[str] = []
        for word in words:
            if "reduplication" in steps:
                match = _REDUP_DIGIT.match(word)
                if match:
                    word = match.group(1)
                elif "-" in word:
                    head, _, tail = word.partition("-")
                    if head == tail:
                        word = head
            if self.stemmer is not None and word.isascii() and word.replace("-", "").isalpha():
                word = self.stemmer.stem_word(word)
            out.extend(w for w in re.split(r"-+", word) if w) if "-" in word else out.append(word)
        return tuple(out)


@lru_cache(maxsize=16)
def _mapper(steps: tuple[str, ...]) -> _TokenMapper:
    return _TokenMapper(steps)


def _normalise_batch(texts: Sequence[str], steps: tuple[str, ...]) -> str:
    joined = "\n".join(t.replace("\n", " ").replace("\r", " ") for t in texts)
    if "normalize" in steps:
        joined = unicodedata.normalize("NFKC", joined).translate(_TYPOGRAPHY).casefold()
    else:
        joined = joined.lower()
    if "placeholders" in steps:
        for pattern, repl in _PLACEHOLDERS:
            joined = pattern.sub(repl, joined)
    return joined


def _mark_negation(tokens: list[str], window: int) -> list[str]:
    out: list[str] = []
    left = 0
    for tok in tokens:
        if not tok[0].isalnum():
            left = 0
            out.append(tok)
            continue
        if tok in NEGATORS:
            left = window
            out.append(tok)
        elif tok in CONTRAST:
            left = 0
            out.append(tok)
        elif left > 0:
            out.append(NEG_PREFIX + tok)
            left -= 1
        else:
            out.append(tok)
    return out


def preprocess_batch(
    texts: Iterable[object], steps: str | Sequence[str] | None = "default", negation_window: int = 3
) -> list[str]:
    """Clean a batch of texts; ``None``/NaN become empty strings."""
    step_names = resolve_steps(steps)
    items = ["" if (t is None or (isinstance(t, float) and np.isnan(t))) else str(t) for t in texts]
    if not items:
        return []
    joined = _normalise_batch(items, step_names)
    mapper = _mapper(step_names)
    negation = "negation" in step_names
    results: list[str] = []
    doc: list[str] = []
    for tok in _TOKEN.findall(joined) + ["\n"]:
        if tok == "\n":
            if negation:
                doc = _mark_negation(doc, negation_window)
            results.append(" ".join(t for t in doc if t[0].isalnum() or t.startswith(NEG_PREFIX)))
            doc = []
            continue
        doc.extend(mapper(tok))
    return results


def clean_text(
    text: str, steps: str | Sequence[str] | None = "default", negation_window: int = 3
) -> str:
    """Clean one text (see :class:`Preprocessor`).

    >>> clean_text("Pelayanannya tidak memuaskan!!!")
    'layan tidak NEG_muas'
    """
    return preprocess_batch([text], steps, negation_window)[0]


class Preprocessor(TransformerMixin, BaseEstimator):
    """scikit-learn transformer: raw texts in, cleaned texts out.

    Parameters
    ----------
    steps : "default" or comma-separated names or a sequence of names from
        :data:`STEPS`.
    negation_window : how many words after a negator get the ``NEG_`` mark.
    """

    def __init__(self, steps: str | Sequence[str] = "default", negation_window: int = 3) -> None:
        self.steps = steps
        self.negation_window = negation_window

    def fit(self, X: Iterable[object], y: object = None) -> Preprocessor:
        """Validate parameters; nothing is learned."""
        self.steps_ = resolve_steps(self.steps)
        self.n_features_in_ = 1
        return self

    def transform(self, X: Iterable[object]) -> np.ndarray:
        """Return a 1-d object array of cleaned texts."""
        steps = getattr(self, "steps_", None) or resolve_steps(self.steps)
        return np.asarray(preprocess_batch(_as_texts(X), steps, self.negation_window), dtype=object)

    def __sklearn_tags__(self):  # type: ignore[no-untyped-def]
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        tags.requires_fit = False
        return tags


def _as_texts(X: Iterable[object]) -> list[object]:
    arr = np.asarray(X, dtype=object)
    if arr.ndim == 2 and arr.shape[1] == 1:
        arr = arr[:, 0]
    return list(arr.ravel()) if arr.ndim else [arr.item()]
