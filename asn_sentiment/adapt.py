"""Domain adaptation by feature augmentation ("EasyAdapt", Daumé III 2007).

A general corpus (SmSA: reviews and tweets) is large; a domain corpus
(comments on the civil-service reorganisation) is small.  Pooling them lets
the general corpus drown the domain's own usage ("tidak ada masalah" is a
complaint in SmSA, praise here); training on the domain alone throws away
most of what the general corpus teaches.  EasyAdapt keeps both: every
feature vector ``x`` of a text from domain ``d`` becomes ``[x, x·[d = d₁],
…, x·[d = dₖ]]``, one shared copy plus one copy per adapted domain (texts of
any other domain get only the shared copy).  ``general`` may be adapted too
(Daumé's original: every domain has its own copy), so that the general
corpus's quirks go into its own weights rather than the shared ones.  One linear
model is fitted on the augmented features: the shared weights learn what
holds everywhere, a domain's own weights learn only what differs there, and
the regulariser decides how much to trust each.

At prediction time every text is taken to come from one domain, the
``domain`` parameter: :class:`EasyAdaptClassifier` is saved with the domain
it was adapted to, so ``analyze`` scores comments in that mode; ``evaluate
--domain general`` scores a general corpus (SmSA valid) with the shared
weights only.

The classifier wraps any scikit-learn classifier and stays a plain
estimator (parameters stored as given, ``fit(X, y, sample_weight=...,
domain=...)``), so it sits at the end of a ``Pipeline`` and is saved with
skops like the rest of the model.

Reference: Hal Daumé III, "Frustratingly Easy Domain Adaptation", ACL 2007.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.utils.validation import check_is_fitted, validate_data

#: The domain with no copy of its own: texts from it use the shared weights only.
GENERAL = "general"


class EasyAdaptClassifier(ClassifierMixin, BaseEstimator):
    """A classifier fitted on EasyAdapt-augmented features (see the module docstring).

    Parameters
    ----------
    estimator : the classifier to fit on the augmented features (default:
        ``LogisticRegression()``).
    domains : names of the domains that get their own copy of the features.
    domain : the domain of the texts to predict (``"general"`` or one of ``domains``).
    scale : the value of the domain copies relative to the shared one; below 1 their
        weights are regularised more (a domain's own weights must earn their place).
    """

    def __init__(
        self,
        estimator: Any = None,
        domains: Sequence[str] = (),
        domain: str = GENERAL,
        scale: float = 1.0,
    ) -> None:
        self.estimator = estimator
        self.domains = domains
        self.domain = domain
        self.scale = scale

    # --- fitting -----------------------------------------------------------------------------
    def fit(
        self,
        X: Any,
        y: Any,
        sample_weight: Any = None,
        domain: Sequence[str] | np.ndarray | None = None,
    ) -> EasyAdaptClassifier:
        """Fit on ``X`` augmented by each row's ``domain`` (default: ``self.domain`` for all)."""
        from sklearn.linear_model import LogisticRegression

        domains = self._check_domains()
        X, y = validate_data(self, X, y, accept_sparse="csr")
        rows = self._row_domains(X.shape[0], domain)
        self.estimator_ = clone(
            self.estimator if self.estimator is not None else LogisticRegression()
        )
        params = {} if sample_weight is None else {"sample_weight": sample_weight}
        if not (isinstance(self.scale, int | float) and self.scale > 0):
            raise ValueError(f"scale must be a positive number, not {self.scale!r}")
        self.estimator_.fit(_augment(X, rows, domains, self.scale), y, **params)
        self.classes_ = self.estimator_.classes_
        self.domains_ = domains
        return self

    def _check_domains(self) -> tuple[str, ...]:
        domains = (self.domains,) if isinstance(self.domains, str) else tuple(self.domains)
        if any(not isinstance(d, str) or not d for d in domains):
            raise ValueError(f"domains must be names, not {self.domains!r}")
        if len(set(domains)) != len(domains):
            raise ValueError(f"domains must be distinct, not {self.domains!r}")
        return domains

    def _row_domains(self, n: int, domain: Any) -> np.ndarray | str:
        if domain is None:
            return self.domain
        rows = np.asarray(domain, dtype=object).ravel()
        if len(rows) != n:
            raise ValueError(f"domain has {len(rows)} entries for {n} rows")
        return rows

    # --- predicting ----------------------------------------------------------------------------
    def _augmented(self, X: Any) -> Any:
        check_is_fitted(self)
        if self.domain != GENERAL and self.domain not in self.domains_:
            raise ValueError(
                f"unknown domain {self.domain!r}: this model knows "
                f"{', '.join((GENERAL, *self.domains_))}"
            )
        X = validate_data(self, X, accept_sparse="csr", reset=False)
        return _augment(X, self.domain, self.domains_, self.scale)

    def predict_proba(self, X: Any) -> np.ndarray:
        """Probabilities of the classes for texts of ``self.domain``."""
        X = self._augmented(X)
        return self.estimator_.predict_proba(X)

    def predict(self, X: Any) -> np.ndarray:
        """Predicted classes for texts of ``self.domain``."""
        X = self._augmented(X)
        return self.estimator_.predict(X)

    def decision_function(self, X: Any) -> np.ndarray:
        """Decision scores for texts of ``self.domain``."""
        X = self._augmented(X)
        return self.estimator_.decision_function(X)

    # --- explaining ----------------------------------------------------------------------------
    @property
    def coef_(self) -> np.ndarray:
        """The linear weights that act on ``self.domain``'s texts: shared + that domain's copy."""
        check_is_fitted(self, "estimator_")
        coef = self.estimator_.coef_  # AttributeError for non-linear estimators, as expected
        coef = np.asarray(coef.toarray() if sp.issparse(coef) else coef)
        p = self.n_features_in_
        out = coef[:, :p].copy()
        if self.domain in self.domains_:
            k = 1 + self.domains_.index(self.domain)
            out += self.scale * coef[:, k * p : (k + 1) * p]
        return out

    @property
    def intercept_(self) -> np.ndarray:
        """The inner estimator's intercepts (shared by every domain)."""
        check_is_fitted(self, "estimator_")
        return self.estimator_.intercept_

    def __sklearn_tags__(self):  # type: ignore[no-untyped-def]
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        return tags


def _augment(X: Any, domain: np.ndarray | str, domains: tuple[str, ...], scale: float = 1.0) -> Any:
    """``[X, scale·X·[domain = d] for d in domains]`` (rows of other domains: zeros there)."""
    if not domains:
        return X
    sparse = sp.issparse(X)
    blocks = [X]
    for d in domains:
        mask = np.full(X.shape[0], domain == d) if isinstance(domain, str) else domain == d
        mask = mask * scale
        if sparse:
            blocks.append(sp.diags_array(mask.astype(X.dtype)) @ X)
        else:
            blocks.append(X * mask[:, None])
    if sparse:
        return sp.hstack(blocks, format="csr")
    return np.hstack(blocks)


def adapted(estimator: Any) -> EasyAdaptClassifier | None:
    """The :class:`EasyAdaptClassifier` at the end of a fitted pipeline, if any."""
    last = estimator.steps[-1][1] if hasattr(estimator, "steps") else estimator
    return last if isinstance(last, EasyAdaptClassifier) else None


def model_domains(estimator: Any) -> list[str]:
    """Domains a model can score in: ``general`` plus its adapted domains (none if not adapted)."""
    clf = adapted(estimator)
    if clf is None:
        return []
    return list(dict.fromkeys([GENERAL, *getattr(clf, "domains_", clf.domains)]))


def set_domain(estimator: Any, domain: str) -> str:
    """Make ``estimator`` score texts as ``domain``'s; returns the previous domain.

    Raises ``ValueError`` when the model is not domain-adapted or does not know ``domain``.
    """
    clf = adapted(estimator)
    known = model_domains(estimator)
    if clf is None or domain not in known:
        raise ValueError(f"unknown domain {domain!r}; known: {', '.join(known) or 'none'}")
    previous = clf.domain
    clf.set_params(domain=domain)
    return previous
