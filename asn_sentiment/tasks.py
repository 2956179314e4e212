"""Tasks and labelled data: what the labels are, how they are read and decided.

Training, evaluation and cross-validation are written once, for any
:class:`Task`:

- :class:`SingleLabelTask`: one label per text (``sentiment``, or a
  researcher's own label set such as five emotions); the prediction is the
  most probable label.
- multi-label tasks subclass :class:`Task` with ``multilabel = True``:
  :class:`ThemesTask` (``themes``: taxonomy theme ids, several or none per
  text, decided by per-theme thresholds); others register themselves with
  :func:`register_task`.

Everything downstream works on *indicator matrices* (texts × labels, bool):
for a single-label task each row has exactly one ``True``.  Per-label
precision, recall and F1, their micro and macro averages, bootstrap
intervals and paired comparisons (:mod:`asn_sentiment.evaluate`) are then the
same code for both kinds of task.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from asn_sentiment.errors import InputError

LABEL_HEADERS = (
    "label",
    "labels",
    "sentiment",
    "sentimen",
    "kelas",
    "class",
    "category",
    "kategori",
    "target",
    "emosi",
    "emotion",
    "themes",
    "tema",
)
TEXT_HEADERS = (
    "text",
    "teks",
    "komentar",
    "comment",
    "kalimat",
    "sentence",
    "review",
    "ulasan",
    "tweet",
)
#: Separators between several labels in one cell (multi-label tasks).
LABEL_SEPARATORS = re.compile(r"\s*[;,|]\s*")
_LABEL = re.compile(r"^[^\s;,|]+(?: [^\s;,|]+)*$")


class Task:
    """What a model predicts.  Subclasses decide how labels are read and decided."""

    #: Several labels per text (decided per label) or exactly one.
    multilabel: ClassVar[bool] = False
    #: The score that ranks configurations in cross-validation.
    primary_metric: ClassVar[str] = "macro_f1"
    #: The configuration ``train`` uses when none is given.
    default_config: ClassVar[str] = "word-char-lr"
    #: Header names (normalised) of the label column, found when ``--label-col`` is not given.
    label_headers: ClassVar[tuple[str, ...]] = LABEL_HEADERS

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"

    # --- reading ---------------------------------------------------------------------
    def parse_labels(self, cells: Sequence[str]) -> list[tuple[str, ...]]:
        """Each row's labels from the label column's (stripped) cells."""
        raise NotImplementedError

    def check_labels(self, labels: Sequence[tuple[str, ...]], where: str) -> None:
        """Raise :class:`InputError` when the labels cannot train a model."""
        raise NotImplementedError

    # --- fitting ---------------------------------------------------------------------
    def target(self, labels: Sequence[tuple[str, ...]]) -> Any:
        """``y`` for ``estimator.fit(texts, y)``."""
        raise NotImplementedError

    def wrap(self, classifier: Any, seed: int, recipe: Any = None) -> Any:
        """The final estimator of the pipeline around a configuration's classifier."""
        return classifier

    def extra_features(self, recipe: Any) -> list[tuple[str, Any]]:
        """Feature branches this task adds to a configuration's (after word and char n-grams)."""
        return []

    def card(self) -> dict[str, Any]:
        """What the model card records about the task besides its name (e.g. the taxonomy)."""
        return {}

    def configs(self) -> list[str]:
        """Named configurations that ``cross-validate`` compares by default for this task."""
        from asn_sentiment.configs import CONFIGS

        return [name for name, c in CONFIGS.items() if c.rule_weight is None]

    def splits(self, data: LabelledData, folds: int, seed: int) -> list[tuple[Any, Any]]:
        """Cross-validation folds (train index, test index); equal texts share a fold."""
        groups = _text_groups(data.texts)
        order = np.random.default_rng(seed).permutation(groups.max() + 1)
        fold_of_group = np.arange(len(order))[np.argsort(order)] % folds
        fold = fold_of_group[groups]
        return [(np.flatnonzero(fold != k), np.flatnonzero(fold == k)) for k in range(folds)]

    # --- predicting --------------------------------------------------------------------
    def classes(self, estimator: Any) -> list[str]:
        """The label set of a fitted estimator, in the order of its probability columns."""
        return [str(c) for c in estimator.classes_]

    def decide(self, proba: np.ndarray, estimator: Any) -> np.ndarray:
        """Indicator matrix of the predicted labels from the fitted estimator's probabilities."""
        raise NotImplementedError

    def indicator(self, labels: Sequence[tuple[str, ...]], label_set: Sequence[str]) -> np.ndarray:
        """Indicator matrix (rows × ``label_set``) of given labels; unknown labels are dropped."""
        col = {lab: j for j, lab in enumerate(label_set)}
        out = np.zeros((len(labels), len(label_set)), dtype=bool)
        for i, row in enumerate(labels):
            for lab in row:
                j = col.get(lab)
                if j is not None:
                    out[i, j] = True
        return out


class SingleLabelTask(Task):
    """Exactly one label per text, from any label set; the prediction is the argmax."""

    multilabel = False

    def parse_labels(self, cells: Sequence[str]) -> list[tuple[str, ...]]:
        return [(c,) for c in cells]

    def check_labels(self, labels: Sequence[tuple[str, ...]], where: str) -> None:
        distinct = {row[0] for row in labels}
        if len(distinct) < 2:
            raise InputError("err.training_labels", path=where, labels=", ".join(sorted(distinct)))

    def target(self, labels: Sequence[tuple[str, ...]]) -> np.ndarray:
        return np.asarray([row[0] for row in labels], dtype=object)

    def splits(self, data: LabelledData, folds: int, seed: int) -> list[tuple[Any, Any]]:
        """Stratified folds by label (by file and label with several files); equal texts share a fold."""
        from sklearn.model_selection import StratifiedGroupKFold

        y = self.target(data.labels)
        if len(data.files) > 1:  # each fold gets its share of every file (e.g. of a domain corpus)
            y = np.asarray([f"{s}\t{lab}" for s, lab in zip(data.sources, y, strict=True)])
        counts = np.unique(y, return_counts=True)[1]
        if folds < 2 or counts.min() < folds:
            raise InputError("err.cv_folds", folds=folds, smallest=int(counts.min()))
        cv = StratifiedGroupKFold(folds, shuffle=True, random_state=seed)
        return list(cv.split(data.texts, y, groups=_text_groups(data.texts)))

    def decide(self, proba: np.ndarray, estimator: Any) -> np.ndarray:
        out = np.zeros(proba.shape, dtype=bool)
        if len(proba):
            out[np.arange(len(proba)), proba.argmax(axis=1)] = True
        return out


class ThemesTask(Task):
    """Resistance and support themes: any number of taxonomy theme ids per text (none allowed).

    Labels are theme ids joined with ``;`` (or ``,``/``|``); an empty cell
    means the text has no theme and is kept as a negative example for every
    theme.  Every id must be in the taxonomy (the built-in one, or a team's
    file given with ``--taxonomy``); the model gets one output per taxonomy
    theme, in taxonomy order, and a theme is predicted when its score passes
    the threshold chosen by cross-validation, i.e. when its calibrated
    probability is above 0.5 (:class:`~asn_sentiment.themes.ThemeClassifier`).
    """

    multilabel = True
    primary_metric = "micro_f1"
    default_config = "themes-lr-gate"
    label_headers = ("themes", "theme", "tema", "labels", "label")

    def __init__(self, name: str, taxonomy: Any = None) -> None:
        super().__init__(name)
        if taxonomy is None:
            from asn_sentiment.taxonomy import load_taxonomy

            taxonomy = load_taxonomy()
        self.taxonomy = taxonomy

    def parse_labels(self, cells: Sequence[str]) -> list[tuple[str, ...]]:
        out = []
        for cell in cells:
            parts = [p.strip() for p in LABEL_SEPARATORS.split(str(cell)) if p.strip()]
            out.append(tuple(dict.fromkeys(parts)))
        return out

    def check_labels(self, labels: Sequence[tuple[str, ...]], where: str) -> None:
        from asn_sentiment.errors import TaxonomyError

        unknown = sorted({lab for row in labels for lab in row if lab not in self.taxonomy})
        if unknown:
            raise TaxonomyError(
                "err.theme_unknown",
                path=where,
                themes=", ".join(unknown[:8]),
                taxonomy=self.taxonomy.source,
            )
        if not any(labels):
            raise InputError("err.themes_none", path=where)

    def target(self, labels: Sequence[tuple[str, ...]]) -> np.ndarray:
        return self.indicator(labels, self.taxonomy.ids).astype(np.int64)

    def extra_features(self, recipe: Any) -> list[tuple[str, Any]]:
        if not getattr(recipe, "rule_weight", 0):
            return []
        from asn_sentiment.preprocess import resolve_steps
        from asn_sentiment.themes import RULE_STEPS, RuleMatches, taxonomy_rules

        if tuple(resolve_steps(recipe.steps)) not in (RULE_STEPS, (*RULE_STEPS, "negation")):
            raise InputError(
                "err.config_invalid",
                config=recipe.name,
                problem="taxonomy rules (rule_weight > 0) need steps = "
                + ",".join(RULE_STEPS)
                + " (optionally with negation)",
            )

        return [("rules", RuleMatches(taxonomy_rules(self.taxonomy)))]

    def wrap(self, classifier: Any, seed: int, recipe: Any = None) -> Any:
        from asn_sentiment.themes import ThemeClassifier

        weight = float(getattr(recipe, "rule_weight", 0) or 0)
        return ThemeClassifier(
            classifier,
            labels=tuple(self.taxonomy.ids),
            n_rule_features=len(self.taxonomy) if weight else 0,
            rule_weight=weight,
            cv=int(getattr(recipe, "threshold_folds", 5)),
            gate=bool(getattr(recipe, "theme_gate", False)),
            random_state=seed,
        )

    def classes(self, estimator: Any) -> list[str]:
        return [str(c) for c in _final(estimator).classes_]

    def decide(self, proba: np.ndarray, estimator: Any) -> np.ndarray:
        return _final(estimator).decide(proba)

    def card(self) -> dict[str, Any]:
        tax = self.taxonomy
        return {
            "taxonomy": {
                "source": tax.source,
                "sha256": tax.sha256,
                "toml": tax.text,
            }
        }

    def configs(self) -> list[str]:
        from asn_sentiment.configs import CONFIGS

        return [name for name, c in CONFIGS.items() if c.rule_weight is not None]


def _final(estimator: Any) -> Any:
    """The last step of a pipeline (or the estimator itself)."""
    steps = getattr(estimator, "steps", None)
    return steps[-1][1] if steps else estimator


_TASKS: dict[str, Callable[..., Task]] = {"sentiment": SingleLabelTask, "themes": ThemesTask}


def register_task(name: str, factory: Callable[..., Task]) -> None:
    """Make ``--task NAME`` build ``factory(NAME)`` (e.g. a multi-label themes task)."""
    _TASKS[name] = factory


def get_task(name: str, taxonomy: Any = None) -> Task:
    """The task called ``name``; any unregistered name is a single-label task of its own.

    ``taxonomy`` (a :class:`~asn_sentiment.taxonomy.Taxonomy`, a TOML path, or
    ``None`` for the built-in one) is given to tasks that take one (themes);
    for other tasks it is an error.
    """
    if not name or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", name):
        raise InputError("err.task_name", task=name)
    factory = _TASKS.get(name, SingleLabelTask)
    if taxonomy is None:
        return factory(name)
    if not (isinstance(factory, type) and issubclass(factory, ThemesTask)):
        raise InputError("err.taxonomy_task", task=name)
    if not hasattr(taxonomy, "themes"):
        from asn_sentiment.taxonomy import load_taxonomy

        taxonomy = load_taxonomy(taxonomy)
    return factory(name, taxonomy)


def known_tasks() -> list[str]:
    """Names of the registered tasks (others are single-label tasks)."""
    return sorted(_TASKS)


# --- labelled data ---------------------------------------------------------------------------


@dataclass
class LabelledData:
    """Texts and their labels read from one or more files, with provenance."""

    texts: np.ndarray  # 1-d object array of str
    labels: list[tuple[str, ...]]
    files: list[dict[str, Any]] = field(default_factory=list)
    #: Index into ``files`` of each row's file.
    sources: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))

    def __post_init__(self) -> None:
        if len(self.sources) != len(self.texts):
            self.sources = np.zeros(len(self.texts), dtype=int)

    def __len__(self) -> int:
        return len(self.texts)

    @property
    def frame(self) -> pd.DataFrame:
        """``text, label`` columns (several labels joined with ``;``)."""
        return pd.DataFrame({"text": self.texts, "label": [";".join(x) for x in self.labels]})

    def label_counts(self) -> dict[str, int]:
        """Texts per label, sorted by label."""
        counts: dict[str, int] = {}
        for row in self.labels:
            for lab in row:
                counts[lab] = counts.get(lab, 0) + 1
        return dict(sorted(counts.items()))

    def subset(self, index: np.ndarray) -> LabelledData:
        """The rows at ``index`` (provenance kept)."""
        return LabelledData(
            self.texts[index], [self.labels[i] for i in index], self.files, self.sources[index]
        )

    def concat(self, other: LabelledData) -> LabelledData:
        """These rows followed by ``other``'s (file indices shifted)."""
        return LabelledData(
            np.concatenate([self.texts, other.texts]),
            self.labels + other.labels,
            self.files + other.files,
            np.concatenate([self.sources, other.sources + len(self.files)]),
        )


def _pick(columns: list[str], given: str | None, names: Sequence[str], path: str) -> str | None:
    from asn_sentiment.ingest import normalise_header

    if given is not None:
        if given not in columns:
            raise InputError(
                "err.column_missing",
                column=given,
                path=path,
                columns=", ".join(repr(c) for c in columns),
            )
        return given
    return next((c for c in columns if normalise_header(c) in names), None)


def read_labelled(
    paths: Sequence[str | Path],
    text_col: str | None = None,
    label_col: str | None = None,
    task: Task | str = "sentiment",
    where: Sequence[str] = (),
    where_optional: bool = False,
) -> LabelledData:
    """Read labelled texts from CSV/TSV/XLSX/JSON files for ``task``.

    Files with a header need a text and a label column (found by name, or
    given with ``text_col``/``label_col``).  Two-column files without a header
    (such as SmSA's TSV) are read as ``text, label``.  Rows with an empty text
    are skipped; for a single-label task so are rows with an empty label.
    ``where`` keeps only rows whose column equals a value (``"split=train"``);
    with ``where_optional`` a file without that column is used whole (see
    :func:`check_where_used`).

    A labelling sheet of ``asn-sentiment sample`` (columns ``text``,
    ``sentiment``, ``theme_1``...) is read by
    :func:`asn_sentiment.sampling.read_label_sheet` unless ``label_col`` is
    given: rows left unlabelled are skipped (counted in the file's
    ``unlabelled``), theme ids are checked against the task's taxonomy, and
    ``where`` conditions on columns the sheet lacks do not apply to it.
    """
    from asn_sentiment.ingest import read_table
    from asn_sentiment.registry import file_sha256
    from asn_sentiment.sampling import labelling_sheet

    task = get_task(task) if isinstance(task, str) else task
    if not paths:
        raise InputError("err.training_none")
    texts: list[str] = []
    labels: list[tuple[str, ...]] = []
    sources: list[int] = []
    files = []
    for number, path in enumerate(paths):
        raw = read_table(path)
        columns = list(raw.columns)
        sheet = labelling_sheet(raw, path, task) if label_col is None else None
        if sheet is not None:  # columns text (or --text-col), label, then reference columns
            raw = sheet.frame.rename(columns={"text": text_col or "text"})
            columns = list(raw.columns)
        tcol = _pick(columns, text_col, TEXT_HEADERS, str(path))
        lcol = _pick(columns, label_col, task.label_headers, str(path))
        if tcol is None or lcol is None:
            if len(columns) == 2 and text_col is None and label_col is None:
                header = pd.DataFrame([columns], columns=columns)
                raw = pd.concat([header, raw], ignore_index=True)
                tcol, lcol = columns
            else:
                raise InputError(
                    "err.training_columns",
                    path=str(path),
                    columns=", ".join(repr(c) for c in columns),
                )
        text = raw[tcol].map(_cell)
        cells = raw[lcol].map(_cell).str.strip()
        keep = text.str.strip() != ""
        applied = []
        for condition in where:
            column, sep, value = condition.partition("=")
            if not sep:
                raise InputError("err.where_syntax", where=condition)
            if (where_optional or sheet) and column.strip() not in columns:
                continue
            column = _pick(columns, column.strip(), (), str(path)) or column
            keep &= raw[column].map(_cell).str.strip() == value.strip()
            applied.append(condition)
        if not task.multilabel:
            keep &= cells != ""
        part_texts = text[keep].tolist()
        part_labels = task.parse_labels(cells[keep].tolist())
        bad = sorted({lab for row in part_labels for lab in row if not _LABEL.match(lab)})
        if bad:
            raise InputError("err.training_label_value", path=str(path), labels=", ".join(bad[:5]))
        texts += part_texts
        labels += part_labels
        sources += [number] * len(part_texts)
        files.append(
            {
                "path": str(path),
                "name": Path(path).name,
                "sha256": file_sha256(Path(path)),
                "rows": len(part_texts),
                **({"where": applied} if applied else {}),
                **({"unlabelled": sheet.unlabelled} if sheet else {}),
            }
        )
    where = ", ".join(Path(p).name for p in paths)
    if not texts:
        raise InputError("err.training_empty", path=where)
    task.check_labels(labels, where)
    return LabelledData(np.asarray(texts, dtype=object), labels, files, np.asarray(sources))


def check_where_used(data: LabelledData, where: Sequence[str], what: str) -> None:
    """Raise :class:`InputError` when a ``where`` condition matched no file's column.

    With ``where_optional`` a file without the column is used whole; when no
    file has it, the column name is a typo rather than an optional filter.
    """
    applied = {c for f in data.files for c in f.get("where", [])}
    for condition in where:
        if condition not in applied:
            raise InputError(
                "err.where_unused",
                column=condition.partition("=")[0].strip(),
                option=what,
                files=", ".join(f["name"] for f in data.files),
            )


def _text_groups(texts: np.ndarray) -> np.ndarray:
    """Group number of each text: texts equal up to case and spacing share a group."""
    keys = [" ".join(str(t).lower().split()) for t in texts]
    return np.unique(np.asarray(keys, dtype=object), return_inverse=True)[1].ravel()


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value)
