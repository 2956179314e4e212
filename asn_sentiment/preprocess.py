"""Indonesian text preprocessing as a scikit-learn transformer.

:class:`Preprocessor` turns raw comments into cleaned, stemmed, negation-marked
text.  It is stored inside every trained model, so a model always
preprocesses as it was trained.  :func:`clean_text` does the same for one
text, :func:`explain` shows each step's effect, and :func:`preprocess_batch`
cleans a list.

The steps and the fast batch engine live in :mod:`asn_sentiment.cleaning`
(which does not import scikit-learn, so the command line starts quickly); see
its docstring or the README section "Preprocessing" for every step with an
example.

>>> Preprocessor().transform(["Pelayanannya tidak memuaskan 😡", "yg gak jelas"]).tolist()
['layan tidak NEG_puas marah', 'tidak NEG_jelas']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from asn_sentiment.cleaning import (
    CONTRAST,
    DEFAULT_STEPS,
    INTENSIFIERS,
    NEG_PREFIX,
    NEGATORS,
    PLACEHOLDER_TOKENS,
    STEPS,
    check_negators,
    check_punctuation,
    clean_text,
    explain,
    preprocess_batch,
    resolve_steps,
)

__all__ = [
    "CONTRAST",
    "DEFAULT_STEPS",
    "INTENSIFIERS",
    "NEGATORS",
    "NEG_PREFIX",
    "PLACEHOLDER_TOKENS",
    "STEPS",
    "Preprocessor",
    "StatelessTextInput",
    "clean_text",
    "explain",
    "preprocess_batch",
    "resolve_steps",
]


class StatelessTextInput:
    """Tags of a transformer that takes raw texts (1-d) and learns nothing.

    scikit-learn reads them to know the input is text and that ``transform``
    works unfitted; mix in first: ``class X(StatelessTextInput, TransformerMixin, BaseEstimator)``.
    """

    def __sklearn_tags__(self):  # type: ignore[no-untyped-def]
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        tags.requires_fit = False
        return tags

    def _more_tags(self) -> dict[str, object]:  # scikit-learn < 1.6
        return {"X_types": ["string"], "requires_fit": False}


class Preprocessor(StatelessTextInput, TransformerMixin, BaseEstimator):
    """scikit-learn transformer: raw texts in (1-d), cleaned texts out (1-d object array).

    Parameters
    ----------
    steps : ``"default"`` (every step), comma-separated step names
        (``"normalize,slang"``, ``"default,-stopwords"``) or a sequence of names
        from :data:`~asn_sentiment.cleaning.STEPS`.
    negation_window : how many words after a negator get the ``NEG_`` mark.
    punctuation : punctuation marks kept as tokens (e.g. ``"!?"``); default none.
    negators : extra words that start a negation scope (e.g. ``("kurang",)``); default none.
    split_nya : write the clitic *-nya* apart from a known word (``pelayanannya`` →
        ``pelayanan nya``), as SmSA's tokenisation does; default off.

    Nothing is learned: :meth:`fit` only validates the parameters and records the
    resolved step names in ``steps_``, which :meth:`transform` then uses (so a saved
    model keeps its steps even if what ``"default"`` means changes).
    """

    def __init__(
        self,
        steps: str | Sequence[str] = "default",
        negation_window: int = 3,
        punctuation: str = "",
        negators: Sequence[str] = (),
        split_nya: bool = False,
    ) -> None:
        self.steps = steps
        self.negation_window = negation_window
        self.punctuation = punctuation
        self.negators = negators
        self.split_nya = split_nya

    def fit(self, X: Iterable[object], y: object = None) -> Preprocessor:
        """Validate parameters; nothing is learned."""
        self.steps_ = resolve_steps(self.steps)
        if isinstance(self.negation_window, bool) or not isinstance(
            self.negation_window, int | np.integer
        ):
            raise ValueError(f"negation_window must be an integer, not {self.negation_window!r}")
        check_punctuation(self.punctuation)
        check_negators(self.negators)
        return self

    def transform(self, X: Iterable[object]) -> np.ndarray:
        """Return a 1-d object array of cleaned texts."""
        steps = getattr(self, "steps_", None)
        if steps is None:
            steps = resolve_steps(self.steps)
        cleaned = preprocess_batch(
            _as_texts(X),
            steps,
            int(self.negation_window),
            # models saved before these parameters existed keep the old behaviour
            getattr(self, "punctuation", ""),
            getattr(self, "negators", ()),
            bool(getattr(self, "split_nya", False)),
        )
        return np.asarray(cleaned, dtype=object)


def _as_texts(X: Iterable[object]) -> list[object]:
    if isinstance(X, list | tuple):
        return list(X)
    arr = np.asarray(X, dtype=object)
    if arr.ndim == 2 and arr.shape[1] == 1:
        arr = arr[:, 0]
    return list(arr.ravel()) if arr.ndim else [arr.item()]
