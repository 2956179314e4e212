"""Labelling loop: pick comments for people to label, and read their labels back.

A team improves the models on its own data in three steps:

1. :func:`sample` picks ``n`` comments from ``results.csv`` files of
   ``asn-sentiment analyze`` and writes a labelling workbook
   (:func:`write_label_sheet`): one row per comment with the text, fillable
   columns ``sentiment`` and ``theme_1``..``theme_3`` (drop-down lists of the
   allowed values), and the model's own predictions for reference; a second
   sheet explains what to do and what each theme means.
2. A person fills the sheet in Excel or LibreOffice.
3. ``asn-sentiment train`` reads it back: :func:`read_label_sheet` (called by
   :func:`asn_sentiment.tasks.read_labelled` whenever a file has the sheet's
   columns) turns the fillable columns into labels, skips rows left
   unlabelled, and rejects values that are not allowed, naming the row.

Strategies (all deterministic for a given ``seed``):

- ``uncertain`` (active learning): the comments the models are least sure
  about.  ``results.csv`` holds the sentiment model's probability for its
  label (``sentiment_confidence``) but no theme scores (themes come from rules
  and per-theme decisions), so the score is the sentiment margin, normalised
  to 0..1 (``(1 - p) / (1 - 1/k)`` for ``k`` labels), plus 0.5 when the
  predicted sentiment contradicts the kind of every predicted theme
  (``positive`` with only resistance themes, ``negative`` with only support
  themes).  Highest scores first; ties in seeded random order.
- ``random``: a simple random sample (use it to *measure* a model: the other
  strategies over-represent hard or rare comments).
- ``stratified``: equal shares of every (predicted theme, predicted sentiment)
  stratum, rarest strata first, and within a stratum alternating between
  sources and units, so that rare themes and small units appear.

Texts are deduplicated (equal up to case and spacing), and texts already in
earlier labelling sheets (``exclude``) are not picked again.  The sheet holds
only what the results already hold in masked form (text, question, source,
file and row): no unit, date, position or respondent columns.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from asn_sentiment.errors import InputError, OutputError
from asn_sentiment.i18n import DEFAULT_LANG, kind_label, sentiment_label, t
from asn_sentiment.privacy import mask_pii
from asn_sentiment.progress import Progress, null_progress
from asn_sentiment.taxonomy import Taxonomy, load_taxonomy

STRATEGIES = ("uncertain", "random", "stratified")
SENTIMENTS = ("negative", "neutral", "positive")
#: Fillable theme columns of a new sheet (a reader accepts any ``theme_<n>`` column).
THEME_COLUMNS = ("theme_1", "theme_2", "theme_3")
#: Columns of the labelling sheet, in order: fillable ones right after the text.
SHEET_COLUMNS = (
    "id",
    "text",
    "sentiment",
    *THEME_COLUMNS,
    "note",
    "model_sentiment",
    "model_confidence",
    "model_themes",
    "source",
    "question",
    "source_file",
    "row",
)
FILLABLE = ("sentiment", *THEME_COLUMNS, "note")
#: Drop-down value meaning "this comment has no theme", per language (both are accepted).
NO_THEME = {"id": "(tanpa tema)", "en": "(no theme)"}
#: Accepted spellings of the sentiment labels (lower case).
SENTIMENT_ALIASES = {
    **{s: s for s in SENTIMENTS},
    "negatif": "negative",
    "netral": "neutral",
    "positif": "positive",
    "neg": "negative",
    "neu": "neutral",
    "pos": "positive",
}
LABEL_SHEET = "label"
LISTS_SHEET = "_lists"
MARKER = "asn-sentiment labelling sheet"
_THEME_COLUMN = re.compile(r"^theme_\d+$")
_SEPARATORS = re.compile(r"\s*[;,|]\s*")


@dataclass
class SampleResult:
    """What :func:`sample` picked and wrote."""

    output: Path
    picked: pd.DataFrame
    available: int
    rows: int
    strategy: str
    seed: int
    excluded: int = 0
    duplicates: int = 0


# --------------------------------------------------------------------------- picking
def _norm_text(text: object) -> str:
    return " ".join(str(text).lower().split())


def candidates(
    results: pd.DataFrame, exclude: Collection[str] = ()
) -> tuple[pd.DataFrame, int, int]:
    """Rows with text, each text once, without texts in ``exclude`` (normalised).

    Returns the candidates and how many rows were dropped as duplicates and as
    already labelled.
    """
    from asn_sentiment.outputs import restore_cell

    frame = results.copy()
    frame["text"] = frame["text"].map(restore_cell).astype(str)
    frame = frame[frame["text"].str.strip() != ""]
    key = frame["text"].map(_norm_text)
    labelled = key.isin(exclude)
    frame, key = frame[~labelled], key[~labelled]
    dup = key.duplicated()
    return frame[~dup].reset_index(drop=True), int(dup.sum()), int(labelled.sum())


def uncertainty(frame: pd.DataFrame, taxonomy: Taxonomy) -> np.ndarray:
    """The ``uncertain`` strategy's score of each row (higher: less sure); see the module doc."""
    conf = pd.to_numeric(frame["sentiment_confidence"], errors="coerce").to_numpy(float)
    labels = {s for s in frame["sentiment"] if s and s != "uncertain"}
    k = max(len(labels), 2)
    margin = np.clip((1.0 - conf) / (1.0 - 1.0 / k), 0.0, 1.0)
    margin = np.where(np.isnan(margin), 0.0, margin)
    resistance = set(taxonomy.ids_of_kind("resistance"))
    support = set(taxonomy.ids_of_kind("support"))
    conflict = np.zeros(len(frame))
    for i, (sent, themes) in enumerate(zip(frame["sentiment"], frame["themes"], strict=True)):
        ids = {x for x in str(themes).split(";") if x}
        if (
            ids
            and sent == "positive"
            and ids <= resistance
            or ids
            and sent == "negative"
            and ids <= support
        ):
            conflict[i] = 1.0
    return margin + 0.5 * conflict


def stratified_order(frame: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """Row order of the ``stratified`` strategy (see the module doc), vectorised.

    Strata are (predicted theme, predicted sentiment); a row with several themes
    is in each of their strata, one with none in the no-theme stratum.  Within a
    stratum, rows come in seeded random order, alternating between (source,
    unit) groups in a seeded random group order; the strata take turns, rarest
    first; a row already taken is skipped.
    """
    themes = frame["themes"].astype(str).str.split(";").map(lambda xs: [x for x in xs if x] or [""])
    m = pd.DataFrame(
        {
            "i": np.arange(len(frame)),
            "theme": themes,
            "sentiment": frame["sentiment"].astype(str).to_numpy(),
            "source": frame["source"].astype(str).to_numpy() if "source" in frame else "",
            "unit": frame["unit"].astype(str).to_numpy() if "unit" in frame else "",
        }
    ).explode("theme", ignore_index=True)
    m["stratum"] = m.groupby(["theme", "sentiment"], sort=True).ngroup()
    size = m.groupby("stratum")["i"].transform("size")
    m["rarity"] = _dense_rank(size.to_numpy(), m["stratum"].to_numpy())
    m["group"] = m.groupby(["stratum", "source", "unit"], sort=True).ngroup()
    group_key = rng.random(int(m["group"].max()) + 1 if len(m) else 0)
    m["group_pos"] = group_key[m["group"].to_numpy()]
    m["shuffle"] = rng.random(len(m))
    m = m.sort_values(["group", "shuffle"], kind="stable")
    m["depth"] = m.groupby("group").cumcount()
    m = m.sort_values(["stratum", "depth", "group_pos"], kind="stable")
    m["turn"] = m.groupby("stratum").cumcount()
    m = m.sort_values(["turn", "rarity"], kind="stable")
    return m["i"].drop_duplicates().to_numpy()


def _dense_rank(size: np.ndarray, stratum: np.ndarray) -> np.ndarray:
    """Rank of each row's stratum by (size, stratum number): rarest stratum 0."""
    keys = np.unique(np.stack([size, stratum], axis=1), axis=0)  # sorted by size, then stratum
    rank = np.empty(int(stratum.max()) + 1 if len(stratum) else 0, dtype=int)
    rank[keys[:, 1]] = np.arange(len(keys))
    return rank[stratum]


def pick(
    frame: pd.DataFrame,
    n: int,
    strategy: str = "uncertain",
    seed: int = 0,
    taxonomy: Taxonomy | None = None,
) -> pd.DataFrame:
    """Pick ``n`` rows of a candidates table (see :func:`candidates`) with ``strategy``.

    The picked rows come in labelling order (for ``uncertain``: least sure
    first).  Same table and seed, same rows.
    """
    if strategy not in STRATEGIES:
        raise InputError("err.sample_strategy", strategy=strategy, choices=", ".join(STRATEGIES))
    rng = np.random.default_rng(seed)
    tie = rng.permutation(len(frame))
    if strategy == "random":
        order = list(tie)
    elif strategy == "uncertain":
        if "sentiment_confidence" not in frame.columns or not (
            pd.to_numeric(frame["sentiment_confidence"], errors="coerce").notna().any()
        ):
            raise InputError("err.sample_no_confidence")
        score = uncertainty(frame, taxonomy or load_taxonomy())
        order = list(np.lexsort((tie, -score)))
    else:
        order = list(stratified_order(frame, rng))
    return frame.iloc[order[:n]].reset_index(drop=True)


# --------------------------------------------------------------------------- the sheet
def sheet_frame(picked: pd.DataFrame) -> pd.DataFrame:
    """The labelling sheet's table for ``picked`` rows: fillable columns empty."""
    out = pd.DataFrame({"id": np.arange(1, len(picked) + 1)})
    # masked even after --keep-pii; line ends as XML keeps them (a bare CR would read back as LF)
    text = picked["text"].astype(str).map(mask_pii).str.replace(r"\r\n?", "\n", regex=True)
    out["text"] = text.to_numpy()
    for col in FILLABLE:
        out[col] = ""
    out["model_sentiment"] = picked["sentiment"].astype(str).to_numpy()
    conf = pd.to_numeric(picked.get("sentiment_confidence", ""), errors="coerce")
    out["model_confidence"] = np.asarray(conf, dtype=float).round(2)
    out["model_themes"] = picked["themes"].astype(str).str.replace(";", "; ").to_numpy()
    for col in ("source", "question", "source_file"):
        out[col] = picked[col].astype(str).to_numpy() if col in picked else ""
    row = pd.to_numeric(picked["row"], errors="coerce") if "row" in picked else np.nan
    out["row"] = pd.array(row, dtype="Int64") if "row" in picked else pd.NA
    return out[list(SHEET_COLUMNS)]


_WIDTHS = {"id": 6, "text": 70, "sentiment": 13, "note": 28, "model_sentiment": 16,
           "model_confidence": 17, "model_themes": 30, "source": 9, "question": 24,
           "source_file": 26, "row": 7}  # fmt: skip


def write_label_sheet(
    table: pd.DataFrame,
    path: str | Path,
    *,
    taxonomy: Taxonomy | None = None,
    lang: str = DEFAULT_LANG,
    about: dict[str, str] | None = None,
    overwrite: bool = False,
) -> Path:
    """Write the labelling workbook atomically (see the module doc); never overwrites silently.

    ``table`` is a :func:`sheet_frame`; ``about`` adds lines (strategy, seed,
    sources) to the instructions sheet.  The same table gives the same bytes.
    """
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from asn_sentiment.outputs import atomic_path, save_workbook, xlsx_text_cell

    target = Path(path)
    _check_output(target, overwrite)
    taxonomy = taxonomy or load_taxonomy()
    book = Workbook()
    book.properties.creator = "asn-sentiment"
    ws = book.active
    ws.title = LABEL_SHEET
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="0072B2")
    fill_header = PatternFill("solid", fgColor="D55E00")
    fill_cells = PatternFill("solid", fgColor="FFF2CC")
    reference_font = Font(color="595959")
    top = Alignment(vertical="top")
    wrap = Alignment(wrap_text=True, vertical="top")
    columns = list(table.columns)
    for j, col in enumerate(columns, 1):
        cell = ws.cell(row=1, column=j, value=col)
        cell.font = header_font
        cell.fill = fill_header if col in FILLABLE else header_fill
        cell.alignment = wrap
        key = f"sample.col.{'theme' if _THEME_COLUMN.match(col) else col}"
        cell.comment = Comment(t(key, lang), "asn-sentiment", width=320, height=110)
        letter = get_column_letter(j)
        ws.column_dimensions[letter].width = _WIDTHS.get(col, 24)
    wrapped = {"text", "model_themes", "question", "note"}
    for i, record in enumerate(table.itertuples(index=False, name=None), 2):
        lines = [
            str(v).count(";") + 1 if c == "model_themes" else math.ceil(len(v) / _WIDTHS.get(c, 24))
            for c, v in zip(columns, record, strict=True)
            if c in wrapped and isinstance(v, str)
        ]
        ws.row_dimensions[i].height = 15 * min(
            max(lines, default=1), 12
        )  # wrapped text fits its row
        for j, (col, value) in enumerate(zip(columns, record, strict=True), 1):
            cell = ws.cell(row=i, column=j)
            if isinstance(value, str):
                if value:
                    xlsx_text_cell(cell, value)
            elif value is not None and value is not pd.NA and not _nan(value):
                cell.value = value.item() if hasattr(value, "item") else value
            cell.alignment = wrap if col in wrapped else top
            if col in FILLABLE:
                cell.fill = fill_cells
            elif col != "text":
                cell.font = reference_font
    last = max(len(table) + 1, 2)
    ws.freeze_panes = "C2"
    ws.print_title_rows = "1:1"  # printed: header on every page, landscape, one page wide
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last}"

    lists = book.create_sheet(LISTS_SHEET)
    choices = [*taxonomy.ids, NO_THEME[lang]]
    for i, value in enumerate(choices, 1):
        lists.cell(row=i, column=1, value=value)
    for i, value in enumerate(SENTIMENTS, 1):
        lists.cell(row=i, column=2, value=value)
    meta = {
        "format": MARKER,
        "format_version": "1",
        "lang": lang,
        "taxonomy": taxonomy.version,
        "theme_ids": ";".join(taxonomy.ids),
        **(about or {}),
    }
    for i, (key, value) in enumerate(meta.items(), 1):
        lists.cell(row=i, column=4, value=key)
        xlsx_text_cell(lists.cell(row=i, column=5), str(value))
    lists.sheet_state = "hidden"

    def validation(formula: str, prompt_key: str, error_key: str) -> DataValidation:
        dv = DataValidation(type="list", formula1=formula, allow_blank=True)
        dv.promptTitle, dv.prompt = t("sample.prompt_title", lang), t(prompt_key, lang)
        dv.errorTitle, dv.error = t("sample.error_title", lang), t(error_key, lang)
        dv.errorStyle, dv.showErrorMessage, dv.showInputMessage = "stop", True, True
        return dv

    sentiment_dv = validation(
        f"'{LISTS_SHEET}'!$B$1:$B${len(SENTIMENTS)}",
        "sample.prompt_sentiment",
        "sample.error_sentiment",
    )
    theme_dv = validation(
        f"'{LISTS_SHEET}'!$A$1:$A${len(choices)}", "sample.prompt_theme", "sample.error_theme"
    )
    for j, col in enumerate(columns, 1):
        letter = get_column_letter(j)
        if col == "sentiment":
            sentiment_dv.add(f"{letter}2:{letter}{last}")
        elif _THEME_COLUMN.match(col):
            theme_dv.add(f"{letter}2:{letter}{last}")
    ws.add_data_validation(sentiment_dv)
    ws.add_data_validation(theme_dv)

    _instructions(book.create_sheet(t("sample.sheet_instructions", lang), 1), taxonomy, lang, meta)
    book.active = 0
    with atomic_path(target) as tmp:
        save_workbook(book, tmp)
    return target


def _nan(value: object) -> bool:
    return isinstance(value, float) and value != value


def _instructions(ws: Any, taxonomy: Taxonomy, lang: str, meta: dict[str, str]) -> None:
    """The second sheet: what to do, what the values mean, where the sample came from."""
    from openpyxl.styles import Alignment, Font, PatternFill

    from asn_sentiment.outputs import xlsx_text_cell

    bold = Font(bold=True)
    title = Font(bold=True, size=14)
    shade = PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDE", (26, 12, 28, 60, 60), strict=True):
        ws.column_dimensions[letter].width = width
    rows: list[tuple[list[str], Any]] = [([t("sample.title", lang)], title), ([], None)]
    rows += [
        ([f"{k}. {t(f'sample.step{k}', lang, no_theme=NO_THEME[lang])}"], None) for k in range(1, 7)
    ]
    rows += [([], None), ([t("sample.sentiment_heading", lang)], bold)]
    for s in SENTIMENTS:
        rows.append(([s, sentiment_label(s, lang), t(f"sample.sentiment_{s}", lang)], None))
    rows += [([], None), ([t("sample.themes_heading", lang)], bold)]
    rows.append(
        (
            [t(f"sample.th.{k}", lang) for k in ("id", "kind", "label", "description", "examples")],
            shade,
        )
    )
    for th in taxonomy.themes:
        rows.append(
            (
                [
                    th.id,
                    kind_label(th.kind, lang),
                    th.label(lang),
                    th.description,
                    "; ".join(th.examples),
                ],
                None,
            )
        )
    rows.append(([NO_THEME[lang], "", t("sample.no_theme", lang)], None))
    rows += [([], None), ([t("sample.about_heading", lang)], bold)]
    rows += [
        ([k, v], None)
        for k, v in meta.items()
        if k not in {"format", "format_version", "theme_ids"}
    ]
    widths = [ws.column_dimensions[c].width for c in "ABCDE"]
    for i, (values, style) in enumerate(rows, 1):
        lines = 1
        for j, value in enumerate(values, 1):
            cell = ws.cell(row=i, column=j)
            span = widths[j - 1]
            if j == len(values) < 5:  # the last text spans the rest of the row
                ws.merge_cells(start_row=i, start_column=j, end_row=i, end_column=5)
                span = sum(widths[j - 1 :])
            if value:
                xlsx_text_cell(cell, value)
                lines = max(lines, math.ceil(len(value) * 1.1 / span))
            cell.alignment = wrap
            if isinstance(style, Font):
                cell.font = style
            elif style is not None:
                cell.fill, cell.font = style, bold
        ws.row_dimensions[i].height = (20 if style is title else 15) * lines
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _check_output(path: Path, overwrite: bool) -> None:
    if path.suffix.lower() != ".xlsx":
        raise OutputError("err.output_format", path=str(path), formats=".xlsx")
    if path.is_dir():
        raise OutputError("err.output_is_dir", path=str(path))
    if path.exists() and not overwrite:
        raise OutputError("err.output_exists", path=str(path))


def excluded_texts(paths: Sequence[str | Path]) -> set[str]:
    """Normalised texts of earlier labelling sheets (or any file with a text column)."""
    from asn_sentiment.ingest import read_table
    from asn_sentiment.tasks import TEXT_HEADERS, _pick

    out: set[str] = set()
    for path in paths:
        raw = read_table(path)
        col = _pick(list(raw.columns), None, TEXT_HEADERS, str(path))
        if col is None:
            raise InputError(
                "err.sample_exclude_text",
                path=str(path),
                columns=", ".join(repr(c) for c in raw.columns),
            )
        out |= {_norm_text(v) for v in raw[col].dropna()}
    return out


def sample(
    results: Sequence[str | Path],
    output: str | Path,
    *,
    n: int = 200,
    strategy: str = "uncertain",
    seed: int = 0,
    taxonomy: str | Path | Taxonomy | None = None,
    exclude: Sequence[str | Path] = (),
    lang: str = DEFAULT_LANG,
    overwrite: bool = False,
    progress: Progress = null_progress,
) -> SampleResult:
    """Pick ``n`` comments from ``results`` files with ``strategy`` and write a labelling sheet.

    Raises :class:`InputError` for unusable results and :class:`OutputError`
    when ``output`` is not ``.xlsx`` or exists (unless ``overwrite``); the
    sheet is written atomically.
    """
    from asn_sentiment.report import read_results

    if n < 1:
        raise InputError("err.sample_n", n=n)
    if strategy not in STRATEGIES:
        raise InputError("err.sample_strategy", strategy=strategy, choices=", ".join(STRATEGIES))
    target = Path(output)
    _check_output(target, overwrite)
    tax = taxonomy if isinstance(taxonomy, Taxonomy) else load_taxonomy(taxonomy)
    frame = read_results(list(results), progress=progress)
    done = excluded_texts(exclude) if exclude else set()
    pool, duplicates, excluded = candidates(frame, done)
    if pool.empty:
        raise InputError(
            "err.sample_empty", paths=", ".join(Path(p).name for p in results), excluded=excluded
        )
    picked = pick(pool, n, strategy, seed, tax)
    about = {
        "strategy": strategy,
        "seed": str(seed),
        "picked": f"{len(picked)} / {len(pool)}",
        "results": ", ".join(Path(p).name for p in results),
        "excluded": ", ".join(Path(p).name for p in exclude) or "-",
        "asn_sentiment": _version(),
    }
    write_label_sheet(
        sheet_frame(picked), target, taxonomy=tax, lang=lang, about=about, overwrite=overwrite
    )
    return SampleResult(
        output=target,
        picked=picked,
        available=len(pool),
        rows=len(frame),
        strategy=strategy,
        seed=seed,
        excluded=excluded,
        duplicates=duplicates,
    )


def _version() -> str:
    from asn_sentiment import __version__

    return __version__


# --------------------------------------------------------------------------- reading back
@dataclass
class SheetLabels:
    """Labelled rows of a filled sheet: ``text``, ``label`` and the reference columns."""

    frame: pd.DataFrame
    labelled: int
    unlabelled: int
    info: dict[str, Any] = field(default_factory=dict)


def is_label_sheet(columns: Sequence[object]) -> bool:
    """True for a table with the labelling sheet's columns (``text``, ``sentiment``, ``theme_<n>``)."""
    names = {str(c).strip() for c in columns}
    return {"text", "sentiment"} <= names and any(_THEME_COLUMN.match(c) for c in names)


def labelling_sheet(raw: pd.DataFrame, path: str | Path, task: Any) -> SheetLabels | None:
    """The labels of ``path`` if it is a labelling sheet, else ``None``.

    ``raw`` is the table :func:`asn_sentiment.ingest.read_table` read (a
    workbook's first sheet); when a person moved the ``label`` sheet away from
    the front, that sheet is read instead.
    """
    if not is_label_sheet(raw.columns):
        if Path(path).suffix.lower() not in {".xlsx", ".xlsm"} or not _has_sheet(path, LABEL_SHEET):
            return None
        from asn_sentiment.ingest import read_table

        raw = read_table(path, sheet=LABEL_SHEET)
        if not is_label_sheet(raw.columns):
            return None
    return read_label_sheet(raw, task, path)


def _has_sheet(path: str | Path, name: str) -> bool:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True)
    except Exception:  # unreadable files were reported by read_table already
        return False
    try:
        return name in book.sheetnames
    finally:
        book.close()


def _cell(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def read_label_sheet(
    raw: pd.DataFrame,
    task: Any,
    path: str | Path,
    taxonomy: Taxonomy | None = None,
) -> SheetLabels:
    """Turn a filled sheet's table (as :func:`asn_sentiment.ingest.read_table` reads it) into labels.

    For a single-label ``sentiment`` task the label is the ``sentiment`` cell
    (``positif``/``netral``/``negatif`` are accepted too).  For a multi-label
    (themes) task it is the theme ids of the ``theme_<n>`` cells, ``;``-joined
    in taxonomy order; the no-theme value gives an empty label.  Rows whose
    cells for the task are all empty are skipped and counted.  Theme ids are
    checked against ``taxonomy`` (default: the task's ``taxonomy`` attribute,
    else the built-in taxonomy).  Raises :class:`InputError` naming the
    spreadsheet row of a value that is not allowed.
    """
    name = Path(path).name
    raw = raw.rename(columns=lambda c: str(c).strip())
    theme_cols = sorted(
        (c for c in raw.columns if _THEME_COLUMN.match(c)), key=lambda c: int(c.split("_")[1])
    )
    multilabel = bool(getattr(task, "multilabel", False))
    if not multilabel and getattr(task, "name", "sentiment") != "sentiment":
        raise InputError("err.label_sheet_task", path=name, task=task.name)
    labels: list[str | None] = []
    if multilabel:
        tax = taxonomy or getattr(task, "taxonomy", None) or load_taxonomy()
        order = {tid: k for k, tid in enumerate(tax.ids)}
        no_theme = {v.lower() for v in NO_THEME.values()}
        for i, cells in enumerate(raw[theme_cols].itertuples(index=False, name=None)):
            values = [v for c in cells for v in _SEPARATORS.split(_cell(c)) if v]
            if not values:
                labels.append(None)
                continue
            ids, none = set(), False
            for value in values:
                if value.lower() in no_theme:
                    none = True
                    continue
                tid = value.lower().replace(" ", "_")
                if tid not in order:
                    raise InputError(
                        "err.label_sheet_theme",
                        path=name,
                        row=i + 2,
                        theme=value,
                        taxonomy=tax.version,
                    )
                ids.add(tid)
            if none and ids:
                raise InputError("err.label_sheet_mixed", path=name, row=i + 2)
            labels.append(";".join(sorted(ids, key=order.__getitem__)))
        column = ", ".join(theme_cols)
    else:
        for i, value in enumerate(raw["sentiment"].map(_cell)):
            if not value:
                labels.append(None)
                continue
            label = SENTIMENT_ALIASES.get(value.lower())
            if label is None:
                raise InputError(
                    "err.label_sheet_sentiment",
                    path=name,
                    row=i + 2,
                    value=value,
                    choices=", ".join(SENTIMENTS),
                )
            labels.append(label)
        column = "sentiment"
    keep = np.array([x is not None for x in labels], dtype=bool)
    texts = raw["text"].map(_cell)
    keep &= (texts != "").to_numpy()
    if not keep.any():
        raise InputError("err.label_sheet_empty", path=name, column=column)
    reference = [
        c
        for c in raw.columns
        if c not in {"text", "label", *FILLABLE} and not _THEME_COLUMN.match(c)
    ]
    frame = raw.loc[keep, reference].copy()
    frame.insert(0, "text", raw.loc[keep, "text"].astype(str))
    frame.insert(1, "label", [x for x, k in zip(labels, keep, strict=True) if k])
    return SheetLabels(
        frame=frame.reset_index(drop=True),
        labelled=int(keep.sum()),
        unlabelled=int((~keep).sum()),
        info={"label_columns": column},
    )
