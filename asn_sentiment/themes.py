"""Resistance and support themes: transparent rules, a trained classifier, and their evidence.

Every theme in the taxonomy carries keyword patterns (see
``data/taxonomy.toml``).  :class:`RuleSet` matches them on text that has been
normalised (lower case, slang and Jambi Malay mapped to standard Indonesian,
elongation squeezed; :data:`RULE_STEPS`) but not stemmed, so patterns can be
written in the word forms people use.  A keyword preceded by a negator
("tidak lancar") does not count unless the keyword itself starts with one.
Every theme found comes with its evidence: the words that triggered it.

Two theme models share one interface (``taxonomy``, ``version`` and
``predict(texts) -> list[list[(theme_id, evidence)]]``):

- :class:`RuleThemeMatcher`: the rules alone (``--theme-model rules``);
- :class:`TrainedThemeModel`: a model trained with ``asn-sentiment train
  --task themes`` (the shipped default ``models/themes``).  Its pipeline is
  :class:`~asn_sentiment.preprocess.Preprocessor` (:data:`RULE_STEPS`) →
  TF-IDF word and character n-grams plus :class:`RuleMatches` (one 0/1
  column per theme) → :class:`ThemeClassifier`: one linear model per theme,
  whose score gets a fixed bonus when the theme's rule fires, compared with a
  per-theme threshold chosen by cross-validation on the training data.  Its
  evidence for a theme is the word n-grams that pushed the score up most and,
  when it fired, the rule.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin, clone

from asn_sentiment.preprocess import (
    NEG_PREFIX,
    NEGATORS,
    StatelessTextInput,
    _as_texts,
    preprocess_batch,
)
from asn_sentiment.taxonomy import Taxonomy

#: Preprocessing used before matching rules (no stemming, no negation marks).
RULE_STEPS = ("normalize", "placeholders", "elongation", "slang", "reduplication")
#: Word n-grams listed as a trained model's evidence for each theme.
EVIDENCE_TERMS = 3
#: Distinct words whose candidate rules are remembered; the cache restarts beyond this.
MAX_CACHED_WORDS = 500_000

_WORD = re.compile(r"\w+")
_PLAIN_WORD = re.compile(r"^\w+$")
_WILD_WORD = re.compile(r"^[\w*]+$")


def compile_keyword(keyword: str) -> re.Pattern[str]:
    """Compile a taxonomy keyword (``*`` wildcard, ``~`` gap of up to 3 words)."""
    parts: list[str] = []
    for word in keyword.lower().split():
        if word == "~":
            parts.append(r"(?: \w+){0,3}")
            continue
        piece = re.escape(word).replace(r"\*", r"\w*")
        parts.append((" " if parts else "") + piece)
    return re.compile(r"(?<!\w)" + "".join(parts) + r"(?!\w)")


@dataclass(frozen=True)
class _Rule:
    theme: str
    keyword: str
    pattern: re.Pattern[str]
    negated_ok: bool


class RuleSet:
    """Compiled keyword rules of several themes, matched on normalised text.

    A rule can only match where its first word matches a whole word of the
    text, and only when the text has every other plain word of the rule, so
    each distinct word of the texts is looked up once (and remembered) to find
    the few rules worth trying; the result is the same as trying every rule on
    every text, only much faster.
    """

    def __init__(self, themes: Sequence[tuple[str, Sequence[str]]]) -> None:
        self.theme_ids = [str(tid) for tid, _ in themes]
        self.rules = [
            _Rule(str(tid), kw, compile_keyword(kw), kw.split()[0] in NEGATORS)
            for tid, keywords in themes
            for kw in keywords
            if kw.split()
        ]
        self._exact: dict[str, list[int]] = {}
        self._prefix: dict[str, list[int]] = {}  # "word*": any word starting with "word"
        self._wild: list[tuple[re.Pattern[str], int]] = []
        self._always: list[int] = []
        for number, rule in enumerate(self.rules):
            first = rule.keyword.lower().split()[0]
            if _PLAIN_WORD.match(first):
                self._exact.setdefault(first, []).append(number)
            elif _PLAIN_WORD.match(first[:-1]) and first.endswith("*"):
                self._prefix.setdefault(first[:-1], []).append(number)
            elif _WILD_WORD.match(first):
                anchor = re.escape(first).replace(r"\*", r"\w*")
                self._wild.append((re.compile(anchor), number))
            else:
                self._always.append(number)
        self._longest = max(map(len, self._prefix), default=0)
        #: Whole words (no wildcard) each rule needs besides its first: checked before its regex.
        self._needs = [
            frozenset(w for w in r.keyword.lower().split()[1:] if _PLAIN_WORD.match(w))
            for r in self.rules
        ]
        self._cache: dict[str, tuple[int, ...]] = {}

    def _candidates(self, word: str) -> tuple[int, ...]:
        found = self._cache.get(word)
        if found is None:
            hits = list(self._exact.get(word, ()))
            prefix = self._prefix
            for k in range(1, min(len(word), self._longest) + 1):
                hits += prefix.get(word[:k], ())
            hits += [n for pattern, n in self._wild if pattern.fullmatch(word)]
            found = tuple(sorted(hits))
            if len(self._cache) >= MAX_CACHED_WORDS:
                self._cache.clear()
            self._cache[word] = found
        return found

    def match(self, text: str) -> list[tuple[str, str]]:
        """Themes (in the given order) and the matched words, of one normalised text."""
        if not text:
            return []
        numbers = set(self._always)
        words = set(_WORD.findall(text))
        for word in words:
            numbers.update(self._candidates(word))
        if not numbers:
            return []
        found: dict[str, list[str]] = {}
        needs = self._needs
        for number in sorted(numbers):
            if not needs[number] <= words:
                continue
            rule = self.rules[number]
            for m in rule.pattern.finditer(text):
                if not rule.negated_ok and _negated(text, m):
                    continue
                evidence = found.setdefault(rule.theme, [])
                if m.group(0) not in evidence:
                    evidence.append(m.group(0))
                break
        return [(tid, ", ".join(found[tid])) for tid in self.theme_ids if tid in found]


def taxonomy_rules(taxonomy: Taxonomy) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``((theme_id, keywords), ...)`` of a taxonomy, in its order."""
    return tuple((th.id, tuple(th.keywords)) for th in taxonomy.themes)


class RuleThemeMatcher:
    """Find themes by the taxonomy's keyword patterns, with evidence."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.ruleset = RuleSet(taxonomy_rules(taxonomy))
        self.rules = self.ruleset.rules

    @property
    def version(self) -> str:
        return f"rules:{self.taxonomy.version}"

    def predict(self, texts: Sequence[str]) -> list[list[tuple[str, str]]]:
        """Themes and evidence for each text, in taxonomy order."""
        normalised = preprocess_batch(texts, RULE_STEPS)
        return [self._match(text) for text in normalised]

    def _match(self, text: str) -> list[tuple[str, str]]:
        return self.ruleset.match(text)


_NEG_MARK = re.compile(r"(?<!\S)" + re.escape(NEG_PREFIX))


def _unmarked(text: str) -> str:
    """``text`` without the ``negation`` step's marks (``tidak NEG_ramah`` → ``tidak ramah``)."""
    return _NEG_MARK.sub("", text) if NEG_PREFIX in text else text


def _negated(text: str, match: re.Match[str]) -> bool:
    """A negator just before the match, or inside a ``~`` gap of it."""
    around = text[: match.start()].split()[-2:] + match.group(0).split()[1:]
    return any(w in NEGATORS for w in around)


# --- the trained classifier ----------------------------------------------------------------------


class RuleMatches(StatelessTextInput, TransformerMixin, BaseEstimator):
    """scikit-learn transformer: normalised texts → 0/1 matrix, one column per theme's rules.

    ``rules`` is ``((theme_id, (keyword, ...)), ...)`` (see
    :func:`taxonomy_rules`), so the rules travel inside a saved model.  Input
    must be normalised as :data:`RULE_STEPS` does (the pipeline's
    preprocessing step).  Nothing is learned.
    """

    def __init__(self, rules: Sequence[tuple[str, Sequence[str]]] = ()) -> None:
        self.rules = rules

    def fit(self, X: Any, y: Any = None) -> RuleMatches:
        self.n_features_out_ = len(self.rules)
        return self

    def _ruleset(self) -> RuleSet:
        ruleset = self.__dict__.get("_compiled")
        if ruleset is None:
            ruleset = self.__dict__["_compiled"] = RuleSet(self.rules)
        return ruleset

    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__().copy()
        state.pop("_compiled", None)
        return state

    def matches(self, X: Any) -> list[list[tuple[str, str]]]:
        """Themes and matched words of each normalised text.

        Negation marks (``tidak NEG_ramah``, from a recipe whose preprocessing marks
        negation for the model's features) are removed first: the rules see the words
        as written and judge negation themselves.
        """
        ruleset = self._ruleset()
        return [ruleset.match(_unmarked(str(text))) for text in _as_texts(X)]

    def transform(self, X: Any) -> Any:
        """Sparse 0/1 matrix (texts × themes)."""
        import scipy.sparse as sp

        column = {tid: j for j, (tid, _) in enumerate(self.rules)}
        rows: list[int] = []
        cols: list[int] = []
        for i, found in enumerate(self.matches(X)):
            for tid, _ in found:
                rows.append(i)
                cols.append(column[tid])
        n = len(_as_texts(X))
        return sp.csr_matrix(
            (np.ones(len(rows)), (rows, cols)), shape=(n, len(self.rules)), dtype=np.float64
        )

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.asarray([f"rule:{tid}" for tid, _ in self.rules], dtype=object)


def _best_threshold(scores: np.ndarray, truth: np.ndarray) -> float:
    """Score threshold with the best F1 (midway between two scores; ties broken low)."""
    positives = int(truth.sum())
    if positives == 0:
        return float(scores.max() + 1.0) if len(scores) else 0.0
    order = np.argsort(-scores, kind="stable")
    s, y = scores[order], truth[order]
    tp = np.cumsum(y)
    fp = np.cumsum(1 - y)
    f1 = 2 * tp / (tp + fp + positives)
    distinct = np.r_[s[1:] != s[:-1], True]
    i = int(np.argmax(np.where(distinct, f1, -1.0)))
    below = s[i + 1] if i + 1 < len(s) else s[i] - 1.0
    return float((s[i] + below) / 2)


class ThemeClassifier(ClassifierMixin, BaseEstimator):
    """One-vs-rest linear classifier with per-label thresholds chosen by cross-validation.

    For each label a clone of ``estimator`` (a linear classifier with
    ``decision_function``, default logistic regression) is fitted.  A text's
    score for a label is that decision value, plus ``rule_weight`` when the
    label's rule fired: the last ``n_rule_features`` columns of ``X`` are 0/1
    rule hits, one per label in label order (:class:`RuleMatches`), and are
    not given to the linear models.  Each label's threshold is the one with
    the best F1 on out-of-fold scores of a ``cv``-fold cross-validation of the
    training data.  The score minus the threshold, times a slope fitted on the
    same out-of-fold scores (Platt scaling with the intercept fixed at 0), is
    :meth:`decision_function`, the calibrated log-odds: a label is predicted
    exactly when it is above 0, i.e. when :meth:`predict_proba` is above 0.5.

    With ``gate``, one more model learns whether a text has any label at all
    (greetings, thanks and unrelated remarks have none); a label is then
    predicted only when the gate's score is above its own threshold too, chosen
    on the same out-of-fold scores for the best micro-F1.

    ``y`` is an indicator matrix (texts × labels; ``labels`` names its
    columns) or, as for any classifier, a 1-d array of class labels (one-vs-
    rest; the prediction is the most probable class).
    """

    def __init__(
        self,
        estimator: Any = None,
        *,
        labels: Sequence[str] | None = None,
        n_rule_features: int = 0,
        rule_weight: float = 1.0,
        cv: int = 5,
        gate: bool = False,
        random_state: int | None = 0,
    ) -> None:
        self.estimator = estimator
        self.labels = labels
        self.n_rule_features = n_rule_features
        self.rule_weight = rule_weight
        self.cv = cv
        self.gate = gate
        self.random_state = random_state

    # --- fitting ------------------------------------------------------------------------
    def _base(self) -> Any:
        if self.estimator is not None:
            return self.estimator
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(max_iter=1000)

    def _split(self, X: Any) -> tuple[Any, np.ndarray]:
        """(model features, rule hits as a dense 0/1 array or an empty one)."""
        k = int(self.n_rule_features)
        if not k:
            return X, np.zeros((X.shape[0], 0))
        rules = X[:, -k:]
        rules = rules.toarray() if hasattr(rules, "toarray") else np.asarray(rules)
        return X[:, :-k], (np.asarray(rules) > 0).astype(np.float64)

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> ThemeClassifier:
        """Fit one model per label, then choose thresholds and calibration by cross-validation."""
        from sklearn.utils.validation import check_X_y, validate_data

        y_arr = np.asarray(y)
        multi = y_arr.ndim == 2 and y_arr.shape[1] > 1 or (y_arr.ndim == 2 and self.labels)
        X, y_arr = check_X_y(
            X, y_arr, accept_sparse="csr", multi_output=bool(multi), y_numeric=False
        )
        validate_data(self, X, reset=True, skip_check_array=True)
        if multi:
            Y = (np.asarray(y_arr) > 0).astype(int)
            labels = list(self.labels) if self.labels is not None else list(range(Y.shape[1]))
            if len(labels) != Y.shape[1]:
                raise ValueError(f"{len(labels)} labels given for {Y.shape[1]} columns of y")
            self.classes_ = np.asarray(labels, dtype=object if self.labels is not None else int)
        else:
            from sklearn.utils.multiclass import check_classification_targets

            y_arr = np.ravel(y_arr)
            check_classification_targets(y_arr)
            self.classes_ = np.unique(y_arr)
            Y = (y_arr[:, None] == self.classes_[None, :]).astype(int)
            if len(self.classes_) == 2:
                Y = Y[:, 1:]
        self.multilabel_ = bool(multi)
        k = int(self.n_rule_features)
        if k and k != Y.shape[1]:
            raise ValueError(f"n_rule_features={k} but y has {Y.shape[1]} labels")
        if k and X.shape[1] <= k:
            raise ValueError("X has no columns besides the rule columns")
        weights = None if sample_weight is None else np.asarray(sample_weight, dtype=float)
        Xm, rules = self._split(X)
        gated = bool(self.gate) and self.multilabel_
        Yg = np.column_stack([Y, Y.max(axis=1)]) if gated else Y
        rules_g = np.column_stack([rules, rules.max(axis=1)]) if gated and k else rules
        fitted = self._fit_all(Xm, Yg, weights)
        self.estimators_ = fitted[: Y.shape[1]]
        self.gate_estimator_ = fitted[-1] if gated else None
        self.gate_threshold_ = 0.0
        oof = self._out_of_fold(Xm, rules_g, Yg, weights)
        if oof is None:
            self.thresholds_ = np.zeros(Y.shape[1])
            self.calibration_ = np.tile([1.0, 0.0], (Y.shape[1], 1))
        else:
            scores = oof[:, : Y.shape[1]]
            self.thresholds_ = np.array(
                [_best_threshold(scores[:, j], Y[:, j]) for j in range(Y.shape[1])]
            )
            decisions = scores - self.thresholds_
            if gated:
                self.gate_threshold_ = _best_gate(oof[:, -1], decisions, Y)
                decisions = np.minimum(decisions, (oof[:, -1] - self.gate_threshold_)[:, None])
            self.calibration_ = np.array(
                [_platt(decisions[:, j], Y[:, j]) for j in range(Y.shape[1])]
            )
        self.proba_thresholds_ = _sigmoid(self.calibration_[:, 1])
        return self

    def _fit_all(self, X: Any, Y: np.ndarray, weights: np.ndarray | None) -> list[Any]:
        out: list[Any] = []
        for j in range(Y.shape[1]):
            column = Y[:, j]
            if column.min() == column.max():  # one class only: a constant score
                out.append(float(1.0 if column[0] else -1.0) * 1e3 if len(column) else -1e3)
                continue
            model = clone(self._base())
            if weights is None:
                model.fit(X, column)
            else:
                model.fit(X, column, sample_weight=weights)
            out.append(model)
        return out

    def _out_of_fold(
        self, X: Any, rules: np.ndarray, Y: np.ndarray, weights: np.ndarray | None
    ) -> np.ndarray | None:
        from sklearn.model_selection import KFold, check_cv

        if isinstance(self.cv, int | np.integer):
            folds = min(int(self.cv), X.shape[0])
            if folds < 2:
                return None
            splitter = KFold(folds, shuffle=True, random_state=self.random_state)
        else:
            splitter = check_cv(self.cv)
        oof = np.full(Y.shape, np.nan)
        for train, test in splitter.split(np.zeros((X.shape[0], 1))):
            w = None if weights is None else weights[train]
            models = self._fit_all(X[train], Y[train], w)
            oof[test] = self._raw_scores(models, X[test], rules[test])
        if np.isnan(oof).any():  # splits that leave texts out: score those in-sample
            missing = np.isnan(oof).any(axis=1)
            oof[missing] = self._raw_scores(
                self._fit_all(X, Y, weights), X[missing], rules[missing]
            )
        return oof

    # --- predicting ---------------------------------------------------------------------
    def _raw_scores(self, models: list[Any], X: Any, rules: np.ndarray) -> np.ndarray:
        scores = np.empty((X.shape[0], len(models)))
        for j, model in enumerate(models):
            if isinstance(model, float):
                scores[:, j] = model
            else:
                scores[:, j] = np.ravel(model.decision_function(X))
        if rules.shape[1]:
            scores += float(self.rule_weight) * rules
        return scores

    def _decisions(self, X: Any) -> np.ndarray:
        from sklearn.utils.validation import check_is_fitted, validate_data

        check_is_fitted(self, "thresholds_")
        X = validate_data(self, X, accept_sparse="csr", reset=False)
        Xm, rules = self._split(X)
        d = self._raw_scores(self.estimators_, Xm, rules) - self.thresholds_
        if getattr(self, "gate_estimator_", None) is not None:
            any_rule = rules.max(axis=1, keepdims=True) if rules.shape[1] else rules[:, :0]
            g = self._raw_scores([self.gate_estimator_], Xm, any_rule)[:, 0]
            d = np.minimum(d, (g - self.gate_threshold_)[:, None])
        return d

    def decision_function(self, X: Any) -> np.ndarray:
        """Calibrated log-odds per label (> 0: predicted); 1-d for a binary 1-d target.

        That is the score minus the label's threshold, times the calibration slope.
        """
        d = self._decisions(X) * self.calibration_[:, 0]
        return d[:, 0] if (not self.multilabel_ and len(self.classes_) == 2) else d

    def predict_proba(self, X: Any) -> np.ndarray:
        """Calibrated probability of each label (multi-label) or class (rows sum to 1)."""
        p = self._proba(self._decisions(X))
        if self.multilabel_:
            return p
        if len(self.classes_) == 2:
            return np.column_stack([1.0 - p[:, 0], p[:, 0]])
        total = p.sum(axis=1, keepdims=True)
        return np.divide(p, total, out=np.full_like(p, 1.0 / p.shape[1]), where=total > 0)

    def _proba(self, decisions: np.ndarray) -> np.ndarray:
        a, b = self.calibration_[:, 0], self.calibration_[:, 1]
        return _sigmoid(decisions * a + b)

    def predict(self, X: Any) -> np.ndarray:
        """Indicator matrix (multi-label) or class labels."""
        d = self._decisions(X)
        if self.multilabel_:
            return (d > 0).astype(int)
        if len(self.classes_) == 2:
            return self.classes_[(d[:, 0] > 0).astype(int)]
        return self.classes_[self._proba(d).argmax(axis=1)]

    def decide(self, proba: np.ndarray) -> np.ndarray:
        """Indicator matrix of the labels whose probability is above their threshold."""
        return np.asarray(proba) > self.proba_thresholds_

    @property
    def coef_(self) -> np.ndarray:
        """(labels × model features) weights (zero rows for labels seen with one class only)."""
        width = next(
            (np.ravel(m.coef_).shape[0] for m in self.estimators_ if not isinstance(m, float)), 0
        )
        return np.vstack(
            [
                np.zeros(width) if isinstance(m, float) else np.ravel(_dense(m.coef_))
                for m in self.estimators_
            ]
        )

    def __sklearn_tags__(self):  # type: ignore[no-untyped-def]
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        tags.classifier_tags.multi_label = True
        tags.target_tags.multi_output = True
        return tags


def _best_gate(gate: np.ndarray, decisions: np.ndarray, truth: np.ndarray) -> float:
    """Gate threshold with the best micro-F1 of the gated decisions (``-inf``: no gate)."""
    positive = decisions > 0
    tp_row = (positive & (truth > 0)).sum(axis=1)
    fp_row = (positive & (truth == 0)).sum(axis=1)
    total = int(truth.sum())
    order = np.argsort(-gate, kind="stable")
    g = gate[order]
    tp = np.r_[0, np.cumsum(tp_row[order])]  # texts above the cut: the first i in order
    fp = np.r_[0, np.cumsum(fp_row[order])]
    f1 = 2 * tp / np.maximum(2 * tp + fp + (total - tp), 1)
    distinct = np.r_[True, g[1:] != g[:-1], True]  # cut only between different scores
    i = int(np.argmax(np.where(distinct, f1, -1.0)))
    if i >= len(g):
        return float("-inf")
    return float((g[i - 1] + g[i]) / 2) if i > 0 else float(g[0] + 1.0)


def _dense(a: Any) -> np.ndarray:
    return np.asarray(a.toarray() if hasattr(a, "toarray") else a, dtype=float)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))


def _platt(decisions: np.ndarray, truth: np.ndarray) -> list[float]:
    """Slope ``a`` of ``P(label) = sigmoid(a·d)`` fitted on decisions (``[a, 0]``; ``a > 0``).

    The intercept is fixed at 0 so that probability 0.5 is exactly the
    decision threshold (scikit-learn's convention for multi-label output).
    """
    finite = np.isfinite(decisions)
    if truth[finite].min(initial=0) == truth[finite].max(initial=0):
        return [1.0, 0.0]
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1e4, fit_intercept=False, max_iter=1000)
    model.fit(decisions[finite].reshape(-1, 1), truth[finite])
    return [max(float(model.coef_[0, 0]), 1e-3), 0.0]


# --- a trained theme model in use ----------------------------------------------------------------


class TrainedThemeModel:
    """A model from ``train --task themes`` used by ``analyze``: themes with their evidence.

    ``taxonomy`` gives kinds and display labels; the model's themes that are
    not in it are left out (a team may drop themes).  Evidence per theme: the
    :data:`EVIDENCE_TERMS` word n-grams with the largest positive contribution
    to the theme's score (largest first), and ``rule "..."`` with the words
    the theme's rule matched, when it fired.
    """

    def __init__(self, model: Any, taxonomy: Taxonomy) -> None:
        self.model = model
        self.taxonomy = taxonomy
        steps = dict(model.estimator.steps)
        self.preprocess = steps["preprocess"]
        self.features = steps["features"]
        self.clf = steps["clf"]
        self.labels = [str(x) for x in self.clf.classes_]
        self.keep = np.array([lab in taxonomy for lab in self.labels])
        branches = list(self.features.transformer_list)
        self.rules = next((b for _, b in branches if isinstance(b, RuleMatches)), None)
        self.word = next((b for _, b in branches if getattr(b, "analyzer", None) == "word"), None)
        self.word_offset = 0
        for _, b in branches:
            if b is self.word:
                break
            self.word_offset += _width(b)
        coef = self.clf.coef_
        self.word_coef = (
            coef[:, self.word_offset : self.word_offset + _width(self.word)]
            if self.word is not None
            else None
        )
        if self.word is not None:
            vocab = self.word.vocabulary_
            terms = np.empty(len(vocab), dtype=object)
            for term, j in vocab.items():
                terms[j] = term
            self.terms = terms

    @property
    def version(self) -> str:
        return str(self.model.version)

    def predict(self, texts: Sequence[str]) -> list[list[tuple[str, str]]]:
        """Themes (taxonomy order) and evidence for each text."""
        import scipy.sparse as sp

        if not len(texts):
            return []
        cleaned = self.preprocess.transform(list(texts))
        parts = []
        rule_hits: list[list[tuple[str, str]]] | None = None
        for _, branch in self.features.transformer_list:
            if branch is self.rules:
                rule_hits = branch.matches(cleaned)
                parts.append(_rule_matrix(rule_hits, branch.rules, len(cleaned)))
            else:
                parts.append(branch.transform(cleaned))
        X = sp.hstack(parts, format="csr")
        decided = self.clf.predict(X).astype(bool) & self.keep
        word_x = (
            sp.csr_matrix(X[:, self.word_offset : self.word_offset + self.word_coef.shape[1]])
            if self.word is not None
            else None
        )
        order = {tid: k for k, tid in enumerate(self.taxonomy.ids)}
        out: list[list[tuple[str, str]]] = []
        for i in range(len(cleaned)):
            found = np.flatnonzero(decided[i])
            if not len(found):
                out.append([])
                continue
            fired = dict(rule_hits[i]) if rule_hits is not None else {}
            items = []
            for j in found:
                tid = self.labels[j]
                words = self._top_terms(word_x, i, j) if word_x is not None else []
                evidence = ", ".join(words)
                if tid in fired:
                    rule = f'rule "{fired[tid]}"'
                    evidence = f"{evidence}; {rule}" if evidence else rule
                items.append((tid, evidence))
            items.sort(key=lambda item: order[item[0]])
            out.append(items)
        return out

    def _top_terms(self, x: Any, row: int, label: int) -> list[str]:
        lo, hi = x.indptr[row], x.indptr[row + 1]
        idx, values = x.indices[lo:hi], x.data[lo:hi]
        if not len(idx):
            return []
        contrib = values * self.word_coef[label, idx]
        best = np.argsort(-contrib, kind="stable")[:EVIDENCE_TERMS]
        return [str(self.terms[idx[b]]) for b in best if contrib[b] > 0]


def _width(transformer: Any) -> int:
    if isinstance(transformer, RuleMatches):
        return len(transformer.rules)
    return len(transformer.vocabulary_)


def _rule_matrix(found: list[list[tuple[str, str]]], rules: Sequence[Any], n: int) -> Any:
    import scipy.sparse as sp

    column = {tid: j for j, (tid, _) in enumerate(rules)}
    rows = [i for i, items in enumerate(found) for _ in items]
    cols = [column[tid] for items in found for tid, _ in items]
    return sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, len(rules)))


def explain_themes(model: Any, texts: Sequence[str]) -> list[dict[str, Any]]:
    """Per text: the cleaned text, every theme's probability, and the themes found with evidence.

    ``model`` is a loaded themes model (:class:`~asn_sentiment.registry.Model`).
    """
    taxonomy = model.task_object.taxonomy
    trained = TrainedThemeModel(model, taxonomy)
    cleaned = trained.preprocess.transform(list(texts))
    proba = model.predict_proba(list(texts))
    found = trained.predict(list(texts))
    return [
        {
            "text": str(text),
            "cleaned": str(cleaned[i]),
            "themes": [{"id": tid, "evidence": ev} for tid, ev in found[i]],
            "probabilities": {
                lab: round(float(p), 4) for lab, p in zip(trained.labels, proba[i], strict=True)
            },
        }
        for i, text in enumerate(texts)
    ]
