"""Training configurations: named recipes, or TOML files, that build a pipeline.

A :class:`Config` says how texts are preprocessed (the
:class:`~asn_sentiment.preprocess.Preprocessor` steps and negation window),
which TF-IDF features are extracted (word and/or character n-grams) and which
linear classifier is fitted.  :meth:`Config.build` turns it into an unfitted
scikit-learn ``Pipeline`` (``preprocess`` → ``features`` → ``clf``) for a
task; the preprocessing travels inside the saved model.

``--config NAME`` picks one of :data:`CONFIGS`; ``--config FILE.toml`` reads
a file with the same keys, optionally starting from a named configuration::

    base = "word-char-lr"          # optional
    description = "word + char n-grams, more regularisation"
    C = 2.0
    negation_window = 3
    char_ngrams = [2, 5]           # or false for words only
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asn_sentiment.errors import InputError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


#: Preprocessing of the shipped model: every step but stemming and stop-word removal.
#: Written out (not "default") so that a recipe keeps its meaning when the defaults change.
SENTIMENT_STEPS = "normalize,placeholders,emoji,elongation,slang,reduplication,negation"
STEMMED_STEPS = "normalize,placeholders,emoji,elongation,slang,reduplication,stem,stem_fix,negation"
UNNEGATED_STEPS = "normalize,placeholders,emoji,elongation,slang,reduplication"
#: Preprocessing options of the ``-punct``/``-adapt`` recipes: sentence punctuation kept,
#: an extra negator, and -nya written apart.
SENTIMENT_OPTIONS: dict[str, Any] = {
    "punctuation": "!?",
    "negators": ("kurang",),
    "split_nya": True,
}
#: Minimal preprocessing (``-minimal`` recipes): lower case and negation marks only (no
#: placeholders, emoji words, elongation, slang or reduplication steps).
MINIMAL_STEPS = "normalize,negation"
#: Preprocessing options of the ``-minimal`` recipes: '!' and '?' kept, 'kurang' and 'tanpa'
#: start a negation scope; words written as in the data (no -nya split).
MINIMAL_OPTIONS: dict[str, Any] = {
    "steps": MINIMAL_STEPS,
    "punctuation": "!?",
    "negators": ("kurang", "tanpa"),
}
CLASSIFIERS = ("logreg", "svm")
SOLVERS = ("lbfgs", "liblinear", "saga")
#: Preprocessing of theme models: what the taxonomy rules match on (no stemming, no negation marks).
THEME_STEPS = "normalize,placeholders,elongation,slang,reduplication"
TOKEN_PATTERN = r"(?u)\b\w+\b"


@dataclass(frozen=True)
class Config:
    """A training recipe; see the module docstring for the keys of a config file."""

    name: str
    description: str = ""
    #: Preprocessor steps (``"default"``, or comma-separated step names).
    steps: str = SENTIMENT_STEPS
    #: Words after a negator that get the ``NEG_`` mark.
    negation_window: int = 2
    #: Punctuation marks kept as tokens (``"!?"``: exclamations and questions reach the
    #: character n-grams); ``""`` drops all punctuation.
    punctuation: str = ""
    #: Extra words that start a negation scope besides the lexicon's negators (``["kurang"]``).
    negators: tuple[str, ...] = ()
    #: Write the clitic *-nya* apart from a known word (``pelayanannya`` → ``pelayanan nya``),
    #: as SmSA's tokenisation does.
    split_nya: bool = False
    #: Word n-gram range, or ``None`` for no word features.
    word_ngrams: tuple[int, int] | None = (1, 2)
    #: Character n-gram range (within word boundaries), or ``None``.
    char_ngrams: tuple[int, int] | None = (1, 5)
    #: Drop n-grams seen in fewer training texts than this.
    min_df: int = 2
    #: ``logreg`` (logistic regression) or ``svm`` (linear SVM, sigmoid-calibrated).
    classifier: str = "logreg"
    #: Inverse regularisation strength.
    C: float = 5.0
    #: ``balanced`` (weigh rare labels up) or ``None``.
    class_weight: str | None = "balanced"
    #: Logistic-regression solver (``lbfgs``, ``liblinear`` or ``saga``).
    solver: str = "lbfgs"
    #: liblinear: solve the dual problem (much faster when features outnumber texts).
    dual: bool = False
    #: ``min_df`` of the word n-grams only (``None``: ``min_df``).
    word_min_df: int | None = None
    #: Multi-label (themes) tasks: score bonus when a theme's taxonomy rule fires
    #: (0: rules not used; ``None``: not a themes recipe).
    rule_weight: float | None = None
    #: Multi-label (themes) tasks: folds of the cross-validation that picks each theme's threshold.
    threshold_folds: int = 5
    #: Multi-label (themes) tasks: also learn whether a text has any theme at all, and
    #: predict themes only when it does.
    theme_gate: bool = False
    #: EasyAdapt domain adaptation (:mod:`asn_sentiment.adapt`): the classifier also gets a
    #: copy of the features for each domain named with ``--domains`` (other than ``general``).
    adapt: bool = False
    #: With ``adapt``: ``general`` texts get their own copy too (Daumé's full EasyAdapt),
    #: instead of only the shared one.
    adapt_general: bool = False
    #: With ``adapt``: value of the domain copies relative to the shared features (below 1:
    #: the domains' own weights are regularised more than the shared ones).
    adapt_scale: float = 1.0

    def __post_init__(self) -> None:
        problems = []
        if self.word_ngrams is None and self.char_ngrams is None:
            problems.append("word_ngrams and char_ngrams cannot both be off")
        for key in ("word_ngrams", "char_ngrams"):
            rng = getattr(self, key)
            if rng is not None and not (
                len(rng) == 2 and all(isinstance(v, int) for v in rng) and 1 <= rng[0] <= rng[1]
            ):
                problems.append(
                    f"{key} must be two whole numbers [low, high] with 1 <= low <= high"
                )
        if self.classifier not in CLASSIFIERS:
            problems.append(f"classifier must be one of {', '.join(CLASSIFIERS)}")
        if not (isinstance(self.C, int | float) and self.C > 0):
            problems.append("C must be a positive number")
        if self.class_weight not in ("balanced", None):
            problems.append("class_weight must be 'balanced' or 'none'")
        if not (isinstance(self.min_df, int) and self.min_df >= 1):
            problems.append("min_df must be a whole number >= 1")
        if not (isinstance(self.negation_window, int) and self.negation_window >= 0):
            problems.append("negation_window must be a whole number >= 0")
        if self.solver not in SOLVERS:
            problems.append(f"solver must be one of {', '.join(SOLVERS)}")
        if self.dual and self.solver != "liblinear":
            problems.append("dual = true needs solver = 'liblinear'")
        if self.word_min_df is not None and not (
            isinstance(self.word_min_df, int) and self.word_min_df >= 1
        ):
            problems.append("word_min_df must be a whole number >= 1")
        if self.rule_weight is not None and not (
            isinstance(self.rule_weight, int | float) and self.rule_weight >= 0
        ):
            problems.append("rule_weight must be a number >= 0")
        if not (isinstance(self.threshold_folds, int) and self.threshold_folds >= 2):
            problems.append("threshold_folds must be a whole number >= 2")
        if not isinstance(self.punctuation, str) or any(
            ch.isalnum() or ch.isspace() for ch in self.punctuation
        ):
            problems.append("punctuation must be a string of punctuation marks, e.g. '!?'")
        if isinstance(self.negators, str) or not all(
            isinstance(w, str) and w.strip() and not any(c.isspace() for c in w.strip())
            for w in self.negators
        ):
            problems.append("negators must be a list of words, e.g. ['kurang']")
        if not isinstance(self.split_nya, bool):
            problems.append("split_nya must be true or false")
        if not isinstance(self.adapt, bool) or not isinstance(self.adapt_general, bool):
            problems.append("adapt and adapt_general must be true or false")
        if not (isinstance(self.adapt_scale, int | float) and self.adapt_scale > 0):
            problems.append("adapt_scale must be a positive number")
        if problems:
            raise InputError("err.config_invalid", config=self.name, problem="; ".join(problems))

    def build(
        self,
        task: Any = "sentiment",
        seed: int = 0,
        domains: Sequence[str] = (),
        domain: str = "general",
    ) -> Any:
        """The unfitted pipeline for ``task`` (a :class:`~asn_sentiment.tasks.Task` or name).

        With :attr:`adapt`, the classifier is an
        :class:`~asn_sentiment.adapt.EasyAdaptClassifier` with a feature copy for each
        of ``domains`` that scores texts as ``domain``'s by default.
        """
        from sklearn.pipeline import FeatureUnion, Pipeline

        from asn_sentiment.features import CompactTfidfVectorizer
        from asn_sentiment.preprocess import Preprocessor
        from asn_sentiment.tasks import get_task

        task = get_task(task) if isinstance(task, str) else task
        parts = []
        if self.word_ngrams is not None:
            word = CompactTfidfVectorizer(
                ngram_range=tuple(self.word_ngrams),
                sublinear_tf=True,
                min_df=self.word_min_df or self.min_df,
                token_pattern=TOKEN_PATTERN,
                lowercase=False,
            )
            parts.append(("word", word))
        if self.char_ngrams is not None:
            char = CompactTfidfVectorizer(
                analyzer="char_wb",
                ngram_range=tuple(self.char_ngrams),
                sublinear_tf=True,
                min_df=self.min_df,
                lowercase=False,
            )
            parts.append(("char", char))
        parts += task.extra_features(self)
        return Pipeline(
            [
                (
                    "preprocess",
                    Preprocessor(
                        self.steps,
                        self.negation_window,
                        self.punctuation,
                        tuple(self.negators),
                        self.split_nya,
                    ),
                ),
                ("features", FeatureUnion(parts)),
                (
                    "clf",
                    self._final(task.wrap(self._classifier(seed), seed, self), domains, domain),
                ),
            ]
        )

    def _final(self, classifier: Any, domains: Sequence[str], domain: str) -> Any:
        if not self.adapt:
            return classifier
        from asn_sentiment.adapt import EasyAdaptClassifier

        copies = ("general", *domains) if self.adapt_general else tuple(domains)
        return EasyAdaptClassifier(
            classifier, domains=copies, domain=domain, scale=float(self.adapt_scale)
        )

    def __call__(self, seed: int = 0) -> Any:
        """The sentiment pipeline (``CONFIGS[name](seed)``)."""
        return self.build("sentiment", seed)

    def _classifier(self, seed: int) -> Any:
        if self.classifier == "logreg":
            from sklearn.linear_model import LogisticRegression

            return LogisticRegression(
                C=float(self.C),
                class_weight=self.class_weight,
                solver=self.solver,
                dual=bool(self.dual),
                max_iter=5000,
                random_state=seed,
            )
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.svm import LinearSVC

        svm = LinearSVC(C=float(self.C), class_weight=self.class_weight, random_state=seed)
        if self.rule_weight is not None:  # themes: calibrated by the theme classifier itself
            return svm
        return CalibratedClassifierCV(svm, method="sigmoid", cv=5)

    def to_dict(self) -> dict[str, Any]:
        """The recipe as plain data (for the model card)."""
        out = dataclasses.asdict(self)
        for key in ("word_ngrams", "char_ngrams"):
            out[key] = list(out[key]) if out[key] is not None else None
        out["negators"] = list(out["negators"])
        return out

    def summary(self) -> str:
        """One line: what this recipe does."""
        feats = []
        if self.word_ngrams:
            feats.append(f"word {self.word_ngrams[0]}-{self.word_ngrams[1]}-grams")
        if self.char_ngrams:
            feats.append(f"char {self.char_ngrams[0]}-{self.char_ngrams[1]}-grams")
        clf = {"logreg": "logistic regression", "svm": "linear SVM (sigmoid-calibrated)"}
        weight = ", balanced" if self.class_weight == "balanced" else ""
        kept = f", keeps {self.punctuation!r}" if self.punctuation else ""
        extra = f", extra negators {', '.join(self.negators)}" if self.negators else ""
        extra += ", -nya split off" if self.split_nya else ""
        adapt = ""
        if self.adapt:
            copies = "every domain's" if self.adapt_general else "per-domain"
            scale = f" x{self.adapt_scale:g}" if self.adapt_scale != 1 else ""
            adapt = f"; EasyAdapt (shared + {copies} feature copies{scale})"
        min_df = f"min_df {self.min_df}"
        if self.word_min_df is not None and self.word_min_df != self.min_df:
            min_df = f"min_df {self.word_min_df} words, {self.min_df} chars"
        text = (
            f"preprocessing [{self.steps}], negation window {self.negation_window}{kept}{extra}; "
            f"TF-IDF {' + '.join(feats)} ({min_df}); "
            f"{clf[self.classifier]} C={self.C:g}{weight}{adapt}"
        )
        if self.rule_weight is not None:
            rules = (
                f"taxonomy rules add {self.rule_weight:g} to a theme's score"
                if self.rule_weight
                else "no taxonomy rules"
            )
            text += (
                f", one per theme; {rules}; per-theme thresholds by "
                f"{self.threshold_folds}-fold cross-validation on the training data"
            )
            if self.theme_gate:
                text += "; a 'has any theme' model (threshold also by CV) gates the themes"
        return text


_THEMES: dict[str, Any] = {
    "steps": THEME_STEPS,
    "negation_window": 0,
    "word_ngrams": (1, 2),
    "char_ngrams": (2, 5),
    "min_df": 2,
    "word_min_df": 1,
    "C": 10.0,
    "class_weight": "balanced",
    "solver": "liblinear",
    "dual": True,
}


def _named(name: str, description: str, **changes: Any) -> Config:
    return Config(name=name, description=description, **changes)


#: Named configurations (``--config NAME``); the first is the default.
CONFIGS: dict[str, Config] = {
    c.name: c
    for c in [
        _named(
            "word-char-lr",
            "Default: word 1-2-grams + char 1-5-grams, negation window 2, no stemming, "
            "balanced logistic regression C=5 (best on SmSA cross-validation; well calibrated).",
        ),
        _named("word-lr", "Word 1-2-grams only (faster, smaller).", char_ngrams=None, C=10.0),
        _named("char-lr", "Character 1-5-grams only.", word_ngrams=None),
        _named(
            "word-char-lr-stem",
            "As word-char-lr, with Sastrawi stemming.",
            steps=STEMMED_STEPS,
        ),
        _named(
            "word-char-lr-noneg",
            "As word-char-lr, without negation marking.",
            steps=UNNEGATED_STEPS,
        ),
        _named(
            "word-char-lr-punct",
            "As word-char-lr, keeping '!' and '?' as tokens (exclamations and questions reach "
            "the character n-grams), 'kurang' as a negator ('kurang jelas' -> 'kurang "
            "NEG_jelas') and -nya written apart ('pelayanannya' -> 'pelayanan nya', as in SmSA).",
            **SENTIMENT_OPTIONS,
        ),
        _named(
            "word-char-lr-adapt",
            "As word-char-lr-punct, with EasyAdapt domain adaptation: shared features plus a "
            "copy for each domain given with --domains other than 'general' (the shipped model: "
            "SmSA as 'general' + the domain corpus as 'asn').",
            **SENTIMENT_OPTIONS,
            adapt=True,
        ),
        _named(
            "word-char-lr-adapt-full",
            "As word-char-lr-adapt, with a copy for 'general' too (Daume's original EasyAdapt).",
            **SENTIMENT_OPTIONS,
            adapt=True,
            adapt_general=True,
        ),
        _named(
            "word-char-lr-adapt-full-nosplit",
            "As word-char-lr-adapt-full without writing -nya apart (the shipped model: best "
            "corpus CV in bench.sentiment_selection).",
            **{**SENTIMENT_OPTIONS, "split_nya": False},
            adapt=True,
            adapt_general=True,
        ),
        _named(
            "word-char-lr-minimal",
            "As word-char-lr with minimal preprocessing: lower case and negation marks only "
            "(window 2; 'kurang' and 'tanpa' as negators), '!' and '?' kept as tokens; no "
            "placeholder, emoji, elongation, slang or reduplication steps.",
            **MINIMAL_OPTIONS,
        ),
        _named(
            "word-char-lr-adapt-minimal",
            "As word-char-lr-adapt with the minimal preprocessing of word-char-lr-minimal.",
            **MINIMAL_OPTIONS,
            adapt=True,
        ),
        _named(
            "word-char-lr-adapt-full-minimal",
            "As word-char-lr-adapt-full with the minimal preprocessing of word-char-lr-minimal.",
            **MINIMAL_OPTIONS,
            adapt=True,
            adapt_general=True,
        ),
        _named(
            "word-char-svm",
            "As word-char-lr with a linear SVM (C=0.5), probabilities by sigmoid calibration.",
            classifier="svm",
            C=0.5,
        ),
        _named(
            "themes-lr",
            "Themes default: rule-matcher normalisation (no stemming), word 1-2-grams + char "
            "2-5-grams, one balanced logistic regression (C=10) per theme, +1 to the score when "
            "the theme's taxonomy rule fires, per-theme thresholds by 5-fold CV.",
            **{**_THEMES, "rule_weight": 1.0},
        ),
        _named(
            "themes-lr-norules",
            "As themes-lr without the taxonomy rules.",
            **{**_THEMES, "rule_weight": 0.0},
        ),
        _named(
            "themes-lr-gate",
            "As themes-lr, plus a model of whether a comment has any theme at all (themes only "
            "when it does; its threshold also by CV).",
            **{**_THEMES, "rule_weight": 1.0, "theme_gate": True},
        ),
        _named(
            "themes-lr-gate-c30",
            "As themes-lr-gate with weaker regularisation (C=30).",
            **{**_THEMES, "rule_weight": 1.0, "theme_gate": True, "C": 30.0},
        ),
        _named(
            "themes-lr-gate-neg",
            "As themes-lr-gate-c30 with negation marks (window 2) in the model's word and "
            "character features ('petugasnya tidak ramah' -> 'petugasnya tidak NEG_ramah', "
            "so negated praise is not read as praise); the rules still see the plain words. "
            "The shipped theme model (bench.theme_selection).",
            **{
                **_THEMES,
                "steps": THEME_STEPS + ",negation",
                "negation_window": 2,
                "rule_weight": 1.0,
                "theme_gate": True,
                "C": 30.0,
            },
        ),
        _named(
            "themes-svm",
            "As themes-lr with a linear SVM per theme (C=0.3) and rule bonus 0.25.",
            **{**_THEMES, "classifier": "svm", "C": 0.3, "class_weight": None, "rule_weight": 0.25},
        ),
        _named(
            "themes-svm-gate",
            "As themes-svm, plus the 'has any theme' model of themes-lr-gate.",
            **{
                **_THEMES,
                "classifier": "svm",
                "C": 0.3,
                "class_weight": None,
                "rule_weight": 0.25,
                "theme_gate": True,
            },
        ),
    ]
}
DEFAULT_CONFIG = "word-char-lr"


_KEYS = {f.name for f in dataclasses.fields(Config)} - {"name"}


def load_config(name_or_path: str | Path) -> Config:
    """A named configuration, or one read from a TOML file (``base`` = a named one)."""
    text = str(name_or_path)
    if text in CONFIGS:
        return CONFIGS[text]
    path = Path(text)
    if not path.suffix or not path.exists():
        if path.suffix:
            raise InputError("err.file_missing", path=text)
        raise InputError("err.config_unknown", config=text, known=", ".join(CONFIGS))
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError("err.config_invalid", config=text, problem=str(exc)) from None
    base_name = data.pop("base", DEFAULT_CONFIG)
    if base_name not in CONFIGS:
        raise InputError("err.config_unknown", config=str(base_name), known=", ".join(CONFIGS))
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise InputError(
            "err.config_invalid",
            config=text,
            problem=f"unknown keys {', '.join(unknown)}; known: {', '.join(sorted(_KEYS | {'base'}))}",
        )
    for key in ("word_ngrams", "char_ngrams"):
        if key in data:
            value = data[key]
            data[key] = (
                None if value is False else tuple(value) if isinstance(value, list) else value
            )
    if isinstance(data.get("negators"), list):
        data["negators"] = tuple(data["negators"])
    if data.get("class_weight") == "none":
        data["class_weight"] = None
    base = CONFIGS[base_name]
    return dataclasses.replace(
        base,
        name=path.stem,
        description=data.pop("description", f"{base.description} (changed by {path.name})"),
        **data,
    )
