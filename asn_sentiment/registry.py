"""Model folders: where models live, how they are saved and safely loaded.

A model folder holds ``model.skops`` (the fitted scikit-learn pipeline, in
skops' format, which cannot run code when loaded), ``card.json`` (machine-
readable model card), ``card.md`` (the same for people) and ``TRAINING.md``
(how to reproduce it).

Models are found by path, or by name in these folders, first match wins:
``$ASN_SENTIMENT_MODELS`` (``os.pathsep``-separated), the user's models folder
(:func:`user_models_dir`), the project's ``models/`` folder (source checkout),
and ``<prefix>/share/asn-sentiment/models`` (installed wheel).

Loading checks every type stored in the file against :data:`TRUSTED_TYPES`
and refuses the file, before anything is constructed, if one is not listed.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from asn_sentiment.errors import ModelError

MODEL_FILE = "model.skops"
CARD_JSON = "card.json"
CARD_MD = "card.md"
TRAINING_MD = "TRAINING.md"
DEFAULT_SENTIMENT_MODEL = "sentiment"
DEFAULT_THEME_MODEL = "themes"
ENV_MODELS = "ASN_SENTIMENT_MODELS"

#: Types a model file may contain besides those skops trusts by default.
#: Anything else makes :func:`load_model` refuse the file.
TRUSTED_TYPES: tuple[str, ...] = (
    "asn_sentiment.preprocess.Preprocessor",
    "asn_sentiment.adapt.EasyAdaptClassifier",
    "asn_sentiment.features.CompactTfidfVectorizer",
    "asn_sentiment.themes.RuleMatches",
    "asn_sentiment.themes.ThemeClassifier",
    "sklearn.calibration.CalibratedClassifierCV",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.isotonic.IsotonicRegression",
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.feature_extraction.text.CountVectorizer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.svm._classes.LinearSVC",
    "sklearn.linear_model._stochastic_gradient.SGDClassifier",
    "sklearn.multiclass.OneVsRestClassifier",
    "sklearn.pipeline.FeatureUnion",
    "sklearn.pipeline.Pipeline",
    "sklearn.preprocessing._label.LabelEncoder",
    "sklearn.preprocessing._label.MultiLabelBinarizer",
    "builtins.frozenset",
    "builtins.tuple",
    "numpy.float64",
    "numpy.int64",
    "numpy.dtype",
    "numpy.ndarray",
    "scipy.sparse._csr.csr_matrix",
    "scipy.sparse._csr.csr_array",
)


def user_models_dir() -> Path:
    """The per-user folder where ``train`` output may be installed by name."""
    import click

    return Path(click.get_app_dir("asn-sentiment")) / "models"


def project_models_dir() -> Path:
    """The ``models/`` folder of a source checkout (may not exist)."""
    return Path(__file__).resolve().parent.parent / "models"


def search_path() -> list[Path]:
    """Folders searched for models by name, in order."""
    dirs = [Path(p) for p in os.environ.get(ENV_MODELS, "").split(os.pathsep) if p]
    dirs += [
        user_models_dir(),
        project_models_dir(),
        Path(sys.prefix) / "share" / "asn-sentiment" / "models",
    ]
    return dirs


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class Model:
    """A loaded model: the fitted estimator and its card."""

    name: str
    path: Path
    estimator: Any
    card: dict[str, Any]
    sha256: str

    @property
    def task(self) -> str:
        return str(self.card.get("task", "sentiment"))

    @property
    def task_object(self) -> Any:
        """The :class:`~asn_sentiment.tasks.Task` this model was trained for."""
        from asn_sentiment.tasks import get_task

        return get_task(self.task, self.taxonomy)

    @functools.cached_property
    def taxonomy(self) -> Any:
        """The taxonomy a themes model was trained with (from its card), else ``None``."""
        stored = self.card.get("taxonomy")
        if not isinstance(stored, dict) or not stored.get("toml"):
            return None
        from asn_sentiment.taxonomy import parse_taxonomy

        return parse_taxonomy(str(stored["toml"]), str(stored.get("source", self.name)))

    @property
    def labels(self) -> list[str]:
        """Labels in the order of :meth:`predict_proba`'s columns."""
        return self.task_object.classes(self.estimator)

    @property
    def version(self) -> str:
        """``name@version+hash``: written into every result row."""
        return (
            f"{self.card.get('name', self.name)}@{self.card.get('version', '0')}+{self.sha256[:8]}"
        )

    @property
    def domains(self) -> list[str]:
        """Domains the model can score texts as (empty: not domain-adapted)."""
        from asn_sentiment.adapt import model_domains

        return model_domains(self.estimator)

    @property
    def domain(self) -> str | None:
        """The domain texts are scored as (``None``: not domain-adapted)."""
        from asn_sentiment.adapt import adapted

        clf = adapted(self.estimator)
        return None if clf is None else str(clf.domain)

    def use_domain(self, domain: str) -> Model:
        """Score texts as ``domain``'s from now on; :class:`ModelError` if the model cannot."""
        from asn_sentiment.adapt import set_domain

        try:
            set_domain(self.estimator, domain)
        except ValueError:
            raise ModelError(
                "err.model_domain",
                model=self.name,
                domain=domain,
                known=", ".join(self.domains) or "-",
            ) from None
        return self

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self.estimator.predict_proba(np.asarray(texts, dtype=object)))


def find_model_dir(name_or_path: str | Path) -> Path:
    """Resolve a model name or path to its folder; :class:`ModelError` if none."""
    candidate = Path(name_or_path)
    if candidate.is_file() and candidate.suffix == ".skops":
        return candidate.parent
    if (candidate / MODEL_FILE).is_file():
        return candidate
    text = str(name_or_path)
    if os.sep not in text and "/" not in text:
        for folder in search_path():
            if (folder / text / MODEL_FILE).is_file():
                return folder / text
    raise ModelError("err.model_unknown", model=text)


def read_card(model_dir: Path) -> dict[str, Any]:
    """The model's ``card.json`` (an empty card if absent)."""
    card_path = model_dir / CARD_JSON
    if not card_path.is_file():
        return {}
    try:
        return json.loads(card_path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError("err.model_unreadable", path=str(card_path), reason=str(exc)) from None


def load_model(name_or_path: str | Path, task: str | None = None) -> Model:
    """Load a model by name or path, refusing files with untrusted types."""
    import skops.io as sio

    model_dir = find_model_dir(name_or_path)
    model_file = model_dir / MODEL_FILE
    try:
        untrusted = sio.get_untrusted_types(file=model_file)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, json.JSONDecodeError) as exc:
        raise ModelError(
            "err.model_unreadable", path=str(model_file), reason=type(exc).__name__
        ) from None
    refused = sorted(t for t in untrusted if t not in TRUSTED_TYPES)
    if refused:
        raise ModelError("err.model_untrusted", path=str(model_file), types=", ".join(refused[:5]))
    try:
        estimator = sio.load(model_file, trusted=untrusted)
    except Exception as exc:  # noqa: BLE001 - any failure inside skops means an unusable file
        raise ModelError(
            "err.model_unreadable", path=str(model_file), reason=type(exc).__name__
        ) from None
    card = read_card(model_dir)
    model = Model(
        name=str(card.get("name", model_dir.name)),
        path=model_dir,
        estimator=estimator,
        card=card,
        sha256=file_sha256(model_file),
    )
    if task is not None and model.task != task:
        raise ModelError("err.model_task", model=str(name_or_path), task=model.task, expected=task)
    return model


def save_estimator(estimator: Any, model_dir: Path) -> Path:
    """Write ``model.skops`` atomically and check it loads with the trusted list."""
    import skops.io as sio

    model_dir.mkdir(parents=True, exist_ok=True)
    target = model_dir / MODEL_FILE
    fd, tmp = tempfile.mkstemp(dir=model_dir, prefix=".model-", suffix=".skops")
    os.close(fd)
    try:
        sio.dump(estimator, tmp, compression=zipfile.ZIP_DEFLATED)
        untrusted = [t for t in sio.get_untrusted_types(file=tmp) if t not in TRUSTED_TYPES]
        if untrusted:
            raise RuntimeError(f"model contains types missing from TRUSTED_TYPES: {untrusted}")
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def list_models() -> list[dict[str, Any]]:
    """Every model found on the search path: name, folder, task, card summary."""
    seen: set[str] = set()
    found: list[dict[str, Any]] = []
    for folder in search_path():
        if not folder.is_dir():
            continue
        for sub in sorted(folder.iterdir()):
            if not (sub / MODEL_FILE).is_file() or sub.name in seen:
                continue
            seen.add(sub.name)
            card = read_card(sub)
            found.append(
                {"name": sub.name, "path": str(sub), "task": card.get("task", "?"), "card": card}
            )
    return found
