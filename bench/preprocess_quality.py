"""Does the preprocessing help the sentiment model?  SmSA valid macro-F1 per preprocessing.

The same classifier (the shipped ``word-char-logreg`` configuration: TF-IDF word
1-2-grams + char 2-5-grams, logistic regression, seed 0) is trained on SmSA train
with different preprocessing in front and measured on SmSA valid:

- raw lower-cased text (``str.lower``, nothing else);
- the usual notebook pipeline (Sastrawi stop-word remover, then Sastrawi stemming);
- asn-sentiment's default steps, and variants (with stop words, without negation,
  without stemming).

Differences come with a paired bootstrap 95% interval (same resampled comments for
both models).  Results go to ``bench/RESULTS.md``.

    .venv/bin/python -m bench.preprocess_quality          # train -> valid
    .venv/bin/python -m bench.preprocess_quality --cv 5   # 5-fold CV on train, main variants
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from bench.preprocess import SMSA
from bench.results import update_results


class Lowercase(TransformerMixin, BaseEstimator):
    """Raw text, lower-cased: the baseline."""

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        return np.asarray([str(x).lower() for x in X], dtype=object)


class Notebook(TransformerMixin, BaseEstimator):
    """Sastrawi stop-word removal then stemming, as notebooks do (FastStemmer's stems are
    Sastrawi's own, so the output is the notebook's, hours faster)."""

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

        from asn_sentiment.stemmer import shared_stemmer

        remover = StopWordRemoverFactory().create_stop_word_remover()
        stemmer = shared_stemmer()
        return np.asarray([stemmer.stem(remover.remove(str(x).lower())) for x in X], dtype=object)


def variants():
    from asn_sentiment.preprocess import Preprocessor

    return {
        "raw lower-cased text": Lowercase(),
        "notebook: Sastrawi stop words + stemming": Notebook(),
        "asn-sentiment default (every step)": Preprocessor(),
        "default without stopwords": Preprocessor("default,-stopwords"),
        "default without negation": Preprocessor("default,-negation"),
        "default without stem, stem_fix": Preprocessor("default,-stem,-stem_fix"),
    }


def paired_diff(y, a, b, n_boot: int = 1000, seed: int = 0) -> tuple[float, float, float]:
    from asn_sentiment.train import macro_f1

    y, a, b = np.asarray(y), np.asarray(a), np.asarray(b)
    rng = np.random.default_rng(seed)
    n = len(y)
    diffs = []
    for _ in range(n_boot):
        idx = rng.integers(0, n, n)
        diffs.append(macro_f1(y[idx], a[idx]) - macro_f1(y[idx], b[idx]))
    return (
        macro_f1(y, a) - macro_f1(y, b),
        float(np.percentile(diffs, 2.5)),
        float(np.percentile(diffs, 97.5)),
    )


def cross_validate(train, folds: int, names: list[str]) -> dict[str, tuple[float, float]]:
    """Mean and standard deviation of macro-F1 over stratified folds of SmSA train.

    Preprocessing is stateless, so each variant cleans the texts once; the folds
    then fit only the features and the classifier.
    """
    from sklearn.model_selection import StratifiedKFold

    from asn_sentiment.train import CONFIGS, DEFAULT_CONFIG, macro_f1

    texts = train["text"].to_numpy(dtype=object)
    y = train["label"].to_numpy()
    splits = list(StratifiedKFold(folds, shuffle=True, random_state=0).split(texts, y))
    scores = {}
    for name in names:
        cleaned = variants()[name].fit(texts).transform(texts)
        f1s = []
        for fit_idx, test_idx in splits:
            model = CONFIGS[DEFAULT_CONFIG](0)
            model.set_params(preprocess="passthrough")
            model.fit(cleaned[fit_idx], y[fit_idx])
            f1s.append(macro_f1(y[test_idx], model.predict(cleaned[test_idx])))
        scores[name] = (float(np.mean(f1s)), float(np.std(f1s)))
        print("cv", name, scores[name], flush=True)
    return scores


CV_VARIANTS = [
    "raw lower-cased text",
    "asn-sentiment default (every step)",
    "default without stopwords",
    "default without stem, stem_fix",
]


def main_cv(folds: int) -> None:
    from asn_sentiment.train import read_labelled

    train = read_labelled([SMSA / "train.tsv"]).frame
    cv = cross_validate(train, folds, CV_VARIANTS)
    lines = [
        "## Preprocessing and sentiment quality: cross-validation",
        "",
        f"`python -m bench.preprocess_quality --cv {folds}`, {time.strftime('%Y-%m-%d')}: the same "
        f"classifier, {folds}-fold stratified cross-validation on SmSA train (seed 0), "
        "macro-F1 mean ± standard deviation over folds.",
        "",
        "| preprocessing | CV macro-F1 |",
        "|---|---|",
    ]
    lines += [f"| {name} | {m:.4f} ± {sd:.4f} |" for name, (m, sd) in cv.items()]
    section = "\n".join(lines)
    print(section)
    update_results("preprocessing-quality-cv", section)


def main() -> None:
    from asn_sentiment.train import CONFIGS, DEFAULT_CONFIG, basic_metrics, read_labelled

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cv", type=int, default=0, help="k-fold CV on train instead (k)")
    args = parser.parse_args()
    if args.cv:
        return main_cv(args.cv)

    train = read_labelled([SMSA / "train.tsv"]).frame
    valid = read_labelled([SMSA / "valid.tsv"]).frame
    rows, preds = [], {}
    for name, pre in variants().items():
        t = time.perf_counter()
        model = CONFIGS[DEFAULT_CONFIG](0)
        model.set_params(preprocess=pre)
        model.fit(train["text"].to_numpy(dtype=object), train["label"].to_numpy())
        pred = model.predict(valid["text"].to_numpy(dtype=object))
        preds[name] = pred
        m = basic_metrics(valid["label"].tolist(), list(pred))
        rows.append((name, m, time.perf_counter() - t))
        print(name, m["macro_f1"], m["macro_f1_ci95"], flush=True)
    base = "raw lower-cased text"
    lines = [
        "## Preprocessing and sentiment quality",
        "",
        f"`python -m bench.preprocess_quality`, {time.strftime('%Y-%m-%d')}: configuration "
        f"`{DEFAULT_CONFIG}` (seed 0) trained on SmSA train (11,000) with each preprocessing, "
        "measured on SmSA valid (1,260). Δ = macro-F1 minus the raw lower-cased model's, with a "
        "paired bootstrap 95% interval.",
        "",
        "| preprocessing | macro-F1 (95% CI) | accuracy | Δ macro-F1 vs raw (95% CI) | fit+predict s |",
        "|---|---|---:|---|---:|",
    ]
    y = valid["label"].to_numpy()
    for name, m, seconds in rows:
        if name == base:
            delta = "–"
        else:
            d, lo, hi = paired_diff(y, preds[name], preds[base])
            delta = f"{d:+.4f} ({lo:+.4f} to {hi:+.4f})"
        ci = m["macro_f1_ci95"]
        lines.append(
            f"| {name} | {m['macro_f1']:.4f} ({ci[0]:.3f}–{ci[1]:.3f}) | {m['accuracy']:.4f} | "
            f"{delta} | {seconds:.0f} |"
        )
    section = "\n".join(lines)
    print(section)
    update_results("preprocessing-quality", section)


if __name__ == "__main__":
    main()
