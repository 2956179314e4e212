"""Command-line interface: a thin layer over the library.

Each command parses its options, calls one library function and formats the
result.  Errors the user can cause arrive as
:class:`~asn_sentiment.errors.AsnError` and are turned into a one-line
message and exit code 2 in one place, :meth:`AsnGroup.invoke`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from asn_sentiment import __version__
from asn_sentiment.configs import CONFIGS
from asn_sentiment.errors import AsnError
from asn_sentiment.i18n import DEFAULT_LANG, LANGS, t

ENV_LANG = "ASN_SENTIMENT_LANG"


class UserError(click.ClickException):
    """A one-line message for the user, exit code 2, no traceback."""

    exit_code = 2

    def __init__(self, message: str, lang: str = DEFAULT_LANG) -> None:
        super().__init__(message)
        self.lang = lang

    def show(self, file: Any = None) -> None:
        click.echo(f"{t('err.prefix', self.lang)}: {self.format_message()}", err=True)


class AsnGroup(click.Group):
    """Click group that maps library errors to :class:`UserError`."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AsnError as exc:
            lang = (ctx.obj or {}).get("lang", DEFAULT_LANG)
            raise UserError(exc.message(lang), lang) from None


def _settings(ctx: click.Context) -> dict[str, Any]:
    ctx.ensure_object(dict)
    return ctx.obj


def _set_lang(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None:
        _settings(ctx)["lang"] = value
    return value


def _set_quiet(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    if value:
        _settings(ctx)["quiet"] = True
    return value


LANG_HELP = "Language of messages, charts and report: id (Indonesian, default) or en."
QUIET_HELP = "Print only errors: no notes, no progress bars."


def common_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--lang`` and ``--quiet`` to a command (they also work before the command)."""
    func = click.option(
        "--lang",
        type=click.Choice(LANGS),
        default=None,
        expose_value=False,
        is_eager=True,
        callback=_set_lang,
        help=LANG_HELP,
    )(func)
    return click.option(
        "--quiet", "-q", is_flag=True, expose_value=False, callback=_set_quiet, help=QUIET_HELP
    )(func)


class Reporter:
    """Progress bars and notes on stderr, in the chosen language; silent when quiet.

    Bars are drawn only on a terminal, so logs and pipes get clean one-line notes.
    """

    def __init__(self, lang: str, quiet: bool) -> None:
        self.lang = lang
        self.quiet = quiet

    def note(self, key: str, **params: Any) -> None:
        if not self.quiet:
            click.echo(t(key, self.lang, **params), err=True)

    @contextmanager
    def _bar(self, label_key: str, total: int) -> Iterator[Any]:
        if self.quiet or total <= 0 or not sys.stderr.isatty():
            from asn_sentiment.progress import null_progress

            with null_progress(label_key, total) as bar:
                yield bar
            return
        with click.progressbar(length=total, label=t(label_key, self.lang), file=sys.stderr) as bar:
            yield bar

    def progress(self, label_key: str, total: int) -> Any:
        return self._bar(label_key, total)


def reporter() -> Reporter:
    obj = _settings(click.get_current_context())
    return Reporter(obj.get("lang", DEFAULT_LANG), obj.get("quiet", False))


def report_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The report's own options, shared by ``analyze`` and ``report``."""
    func = click.option(
        "--pdf",
        is_flag=True,
        help="Also print report.pdf with headless Chromium (a note, not an error, when none is installed).",
    )(func)
    func = click.option(
        "--min-group",
        type=click.IntRange(min=1),
        default=5,
        show_default=True,
        help="Suppress every cell with fewer than this many respondents (and cells that would reveal it).",
    )(func)
    return click.option(
        "--by",
        type=click.Choice(["unit", "source", "position"]),
        default="unit",
        show_default=True,
        help="Group the tables and charts by work unit, source or position group.",
    )(func)


@click.group(cls=AsnGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="asn-sentiment")
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=None,
    envvar=ENV_LANG,
    expose_value=False,
    is_eager=True,
    callback=_set_lang,
    help=LANG_HELP + f" Also ${ENV_LANG}.",
)
@click.option(
    "--quiet", "-q", is_flag=True, expose_value=False, callback=_set_quiet, help=QUIET_HELP
)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """asn-sentiment: how staff and the public receive the ASN reorganisation.

    Reads staff surveys and public comments (CSV/XLSX), classifies sentiment
    and resistance/support themes, and writes tables, charts and a report.
    Start with: asn-sentiment analyze FILE... -o OUTDIR
    """
    _settings(ctx).setdefault("lang", DEFAULT_LANG)


source_option = click.option(
    "--source",
    type=click.Choice(["staff", "public"]),
    help="Where the comments come from. Default: guessed per file (surveys are staff).",
)
dayfirst_option = click.option(
    "--dayfirst/--monthfirst",
    default=None,
    help="Order of day and month in numeric dates, when the file cannot tell.",
)


def input_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options that say how to read input files (shared by ``analyze`` and ``ingest``)."""
    options = [
        click.option(
            "--map",
            "mapping",
            multiple=True,
            help="Column roles, e.g. text=Komentar,date=Tanggal,unit=Unit Kerja "
            "(roles: text, date, unit, position, wave, source, id). Repeatable.",
        ),
        click.option(
            "--sheet", help="Read only this sheet of XLSX files. Default: every sheet with data."
        ),
        click.option(
            "--wave",
            help="Wave (survey round) name for these files. Default: the file name for staff surveys.",
        ),
        click.option(
            "--encoding",
            help="Text encoding of CSV/TXT/JSON files. Default: detected (UTF-8, UTF-16, cp1252 ...).",
        ),
        click.option(
            "--keep-pii",
            is_flag=True,
            help="Keep NIP/NIK/phone numbers/e-mails and respondent names as they are (default: masked and pseudonymised).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


DB_HELP = "Longitudinal store: a file path (SQLite) or a database URL. Also $ASN_SENTIMENT_DB."


def _file_notes(rep: Reporter, reports: list[Any]) -> None:
    """One note per decision taken while reading each file (columns, dates, source)."""
    for f in reports:
        name = getattr(f, "label", "") or Path(f.path).name
        cols = ", ".join(f"'{c}'" for c in f.text_columns)
        rep.note(
            "cli.text_columns", path=name, columns=cols, how=t(f"cli.how.{f.text_how}", rep.lang)
        )
        if f.date_column:
            order = ", ".join(
                t(f"cli.date_order.{kind}", rep.lang) for kind in f.date_order.split("+")
            )
            rep.note("cli.date_column", path=name, column=f.date_column, order=order)
        else:
            rep.note("cli.no_date_column", path=name)
        if f.source_how in {"survey", "comments"}:
            rep.note(
                "cli.source_guess",
                path=name,
                source=f.source,
                why=t(f"cli.source_why.{f.source_how}", rep.lang),
            )
        if getattr(f, "identifier_columns", None) and getattr(f, "pii_masked", True):
            rep.note(
                "cli.identifiers",
                path=name,
                columns=", ".join(f"'{c}'" for c in f.identifier_columns),
            )
        if getattr(f, "skipped_sheets", None):
            rep.note("cli.skipped_sheets", path=name, sheets=", ".join(f.skipped_sheets))


@cli.command()
@click.argument("inputs", nargs=-1, required=False, type=click.Path(dir_okay=True, path_type=Path))
@click.option(
    "-o",
    "--outdir",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder to write results, summary, charts and report into.",
)
@click.option(
    "--text-col",
    "text_cols",
    multiple=True,
    help="Open-text column to analyse (repeat for several questions). Default: found from the headers.",
)
@click.option(
    "--date-col", help="Date column. Default: found from headers such as 'Cap waktu' or 'Tanggal'."
)
@click.option(
    "--unit-col",
    help="Work-unit column. Default: found from headers such as 'Unit Kerja' or 'OPD'.",
)
@source_option
@click.option(
    "--events",
    type=click.Path(path_type=Path),
    help="CSV of socialisation events (columns date,label or tanggal,kegiatan) to mark on charts.",
)
@click.option(
    "--model",
    help="Sentiment model: a name from 'asn-sentiment models list' or a model folder. Default: sentiment.",
)
@click.option(
    "--theme-model",
    metavar="NAME|PATH|rules",
    help="Theme model trained with 'train --task themes' (a name or folder), or 'rules' for the taxonomy's keyword rules alone. Default: themes.",
)
@click.option(
    "--taxonomy",
    type=click.Path(path_type=Path),
    help="Theme taxonomy TOML file (kinds and labels of the themes). Default: the one the theme model was trained with (the built-in 12 themes).",
)
@click.option(
    "--period",
    type=click.Choice(["week", "month", "quarter", "wave"]),
    default="month",
    show_default=True,
    help="Time unit of the summary and charts.",
)
@report_options
@dayfirst_option
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    help="Mark sentiment whose (calibrated) confidence is below this as 'uncertain' instead of guessing, e.g. 0.6.",
)
@click.option(
    "--sentiment-evidence",
    is_flag=True,
    help="Add a sentiment_evidence column: the words that pushed each comment towards its sentiment, with weights.",
)
@click.option("--overwrite", is_flag=True, help="Replace OUTDIR if it already exists.")
@input_options
@click.option(
    "--db",
    envvar="ASN_SENTIMENT_DB",
    metavar="PATH|URL",
    help=DB_HELP
    + " INPUTS are added to it; only new comments are classified; results cover every wave.",
)
@common_options
def analyze(
    inputs: tuple[Path, ...], outdir: Path, text_cols: tuple[str, ...], **options: Any
) -> None:
    """Analyse survey answers and comments end to end.

    Writes OUTDIR/results.csv (one row per answer) and then the same report
    as 'asn-sentiment report': summary.csv, summary.xlsx, tables/, charts/
    (PNG and SVG) and report.html.
    """
    from asn_sentiment.analysis import analyze as run_analysis

    rep = reporter()
    if options.get("keep_pii"):
        rep.note("cli.keep_pii")
    result = run_analysis(
        list(inputs),
        outdir,
        text_cols=list(text_cols) or None,
        lang=rep.lang,
        progress=rep.progress,
        **options,
    )
    _file_notes(rep, result.inputs)
    rep.note("cli.done.analyze", n=len(result.results), outdir=result.outdir)
    if not rep.quiet:
        for path in result.files:
            click.echo(f"  {path}")
    if result.report is not None:
        _report_notes(rep, result.report.notes)


def _report_notes(rep: Reporter, notes: list[tuple[str, dict[str, Any]]]) -> None:
    for key, params in notes:
        rep.note(key, **params)


@cli.command()
@click.argument("results", nargs=-1, required=False, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--outdir",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder to write summary, tables, charts and report into.",
)
@click.option(
    "--period",
    type=click.Choice(["week", "month", "quarter", "wave"]),
    default="month",
    show_default=True,
    help="Time unit of the tables and charts.",
)
@click.option(
    "--events",
    type=click.Path(path_type=Path),
    help="CSV of socialisation events (columns date,label or tanggal,kegiatan) to mark and test.",
)
@click.option(
    "--taxonomy",
    type=click.Path(path_type=Path),
    help="Theme taxonomy TOML used for the analysis. Default: the built-in 12 themes.",
)
@report_options
@click.option("--overwrite", is_flag=True, help="Replace OUTDIR if it already exists.")
@click.option(
    "--db",
    envvar="ASN_SENTIMENT_DB",
    metavar="PATH|URL",
    help=DB_HELP + " Report every wave in the store instead of RESULTS files.",
)
@common_options
def report(results: tuple[Path, ...], outdir: Path, **options: Any) -> None:
    """Re-report from results files without classifying again.

    RESULTS are results.csv files written by 'asn-sentiment analyze' (several
    files are combined), or --db STORE for every wave of a store. Writes OUTDIR/summary.csv, summary.xlsx, tables/,
    charts/ (PNG and SVG) and report.html. A results file inside OUTDIR is
    kept when OUTDIR is replaced with --overwrite.
    """
    from asn_sentiment.report import report as run_report

    rep = reporter()
    done = run_report(list(results), outdir, lang=rep.lang, progress=rep.progress, **options)
    rep.note("cli.done.report", n=int(done.trends.totals.get("n", 0)), outdir=done.outdir)
    if not rep.quiet:
        for path in done.files:
            click.echo(f"  {path}")
    _report_notes(rep, done.notes)


def _labelled_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--text-col``, ``--label-col`` and ``--where`` of commands that read labelled files."""
    func = click.option(
        "--where",
        multiple=True,
        metavar="COL=VALUE",
        help="Use only rows whose column has this value, e.g. --where split=train (repeat to combine).",
    )(func)
    func = click.option(
        "--label-col",
        help="Label column of the labelled files. Default: found from headers such as 'label' or 'sentimen'.",
    )(func)
    return click.option(
        "--text-col",
        help="Text column of the labelled files. Default: found from headers such as 'text' or 'komentar'.",
    )(func)


def _names(_ctx: click.Context, _param: click.Parameter, value: str | None) -> list[str] | None:
    if not value:
        return None
    return [v.strip() for v in value.split(",")]


DOMAINS_HELP = (
    "One domain name per DATA file, comma-separated (e.g. general,asn): with a configuration "
    "that adapts (e.g. word-char-lr-adapt), every domain but 'general' gets its own copy of "
    "the features, and the model scores texts as the first such domain's."
)


def _weights(_ctx: click.Context, _param: click.Parameter, value: str | None) -> list[float] | None:
    if not value:
        return None
    try:
        return [float(v) for v in value.split(",")]
    except ValueError:
        raise click.BadParameter("give numbers separated by commas, e.g. 1,3") from None


@cli.command()
@click.argument("data", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o", "--outdir", required=True, type=click.Path(path_type=Path), help="Model folder to write."
)
@click.option(
    "--task",
    default="sentiment",
    show_default=True,
    help="What the labels are: sentiment, themes (theme ids joined with ';', empty = no theme), or any name for your own label set (e.g. emotion).",
)
@click.option(
    "--taxonomy",
    type=click.Path(path_type=Path),
    help="With --task themes: theme taxonomy TOML file whose ids the labels use (stored with the model). Default: the built-in 12 themes.",
)
@click.option(
    "--check",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Labelled file for an independent check: measured and reported on its own in the card, never used for fitting or choosing (repeat for several).",
)
@click.option(
    "--valid",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Labelled validation file(s) to measure the model on (repeat for several: each is also reported on its own).",
)
@_labelled_options
@click.option(
    "--config",
    default=None,
    help="Training configuration: a .toml file or one of "
    + ", ".join(CONFIGS)
    + ". Default: word-char-lr (themes: themes-lr-gate).",
)
@click.option(
    "--seed",
    default=0,
    show_default=True,
    type=int,
    help="Random seed (same data and seed give the same model).",
)
@click.option("--name", help="Model name written in the card. Default: the folder name.")
@click.option(
    "--attribution",
    help="Data attribution for the card ('smsa' for SmSA; added automatically when the SmSA files are used).",
)
@click.option(
    "--cv",
    default=0,
    show_default=True,
    type=click.IntRange(min=0),
    help="Also cross-validate on the training data with this many folds and put the figures in the card (0: no).",
)
@click.option(
    "--refit",
    is_flag=True,
    help="After measuring on --valid, fit again on train + valid and save that model (the card says so).",
)
@click.option(
    "--weights",
    callback=_weights,
    help="One weight per DATA file, comma-separated (e.g. 1,3): each text of a file counts that much.",
)
@click.option(
    "--valid-where",
    multiple=True,
    metavar="COL=VALUE",
    help="Use only rows of the --valid files whose column has this value, e.g. split=test (files without that column are used whole).",
)
@click.option("--domains", callback=_names, metavar="NAMES", help=DOMAINS_HELP)
@click.option(
    "--valid-domains",
    callback=_names,
    metavar="NAMES",
    help="One domain per --valid file (e.g. general,asn): each is scored as that domain's texts. Default: the model's domain.",
)
@click.option("--overwrite", is_flag=True, help="Replace OUTDIR if it already holds a model.")
@common_options
def train(data: tuple[Path, ...], outdir: Path, valid: tuple[Path, ...], **options: Any) -> None:
    """Train a text classifier and write a model folder with its card.

    DATA are labelled CSV/TSV/XLSX/JSON files (a text and a label column;
    two-column files without a header, like SmSA, are read as text, label).
    OUTDIR gets model.skops (safe to load), card.json, card.md and
    TRAINING.md (how to reproduce it).
    """
    from asn_sentiment.train import train as run_train

    rep = reporter()
    options["check"] = list(options.get("check") or ())
    result = run_train(list(data), outdir, valid=list(valid), progress=rep.progress, **options)
    metrics = result.card.get("metrics", {})
    parts = [m for k, m in metrics.items() if k.startswith("valid:")]
    m = metrics.get("valid") or (parts[0] if parts else None) or metrics.get("cv")
    if m:
        key = "micro_f1" if result.card.get("multilabel") else "macro_f1"
        lo, hi = m[f"{key}_ci95"]
        rep.note(
            "cli.done.train_scored",
            outdir=result.model_dir,
            metric=key.replace("_f1", "-F1"),
            f1=f"{m[key]:.3f}",
            low=f"{lo:.3f}",
            high=f"{hi:.3f}",
            ece=f"{m['ece']:.3f}",
        )
        domains = result.card.get("domains") or {}
        valid_files = result.card.get("data", {}).get("valid", [])
        for split, part in metrics.items():
            if not split.startswith(("valid:", "check:")):
                continue
            stem = split.split(":", 1)[1]
            files = [*valid_files, *result.card.get("data", {}).get("check", [])]
            name = next((f["name"] for f in files if Path(f["name"]).stem == stem), stem)
            lo, hi = part["macro_f1_ci95"]
            domain = domains.get(split.partition(":")[0], {}).get(name, domains.get("scores_as"))
            rep.note(
                "cli.done.train_part" if domain else "cli.done.train_part_plain",
                file=name,
                domain=domain or "",
                f1=f"{part['macro_f1']:.3f}",
                low=f"{lo:.3f}",
                high=f"{hi:.3f}",
                ece=f"{part['ece']:.3f}",
            )
    else:
        rep.note("cli.done.train_unscored", outdir=result.model_dir)
    _sheet_notes(rep, result.card.get("data", {}))


@cli.command()
@click.argument("data", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--model",
    required=True,
    help="Model to evaluate: a name from 'asn-sentiment models list' or a model folder.",
)
@click.option(
    "-o",
    "--outdir",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder for metrics, confusion matrix, calibration, errors and figures.",
)
@click.option(
    "--compare",
    help="A second model: both are scored on the same texts and the differences tested (paired bootstrap).",
)
@click.option(
    "--task",
    help="The task the model must have been trained for (e.g. themes); an error if it was not. Default: the model's.",
)
@click.option(
    "--taxonomy",
    type=click.Path(path_type=Path),
    help="Themes: taxonomy TOML whose ids the labels use (checked against the data and the model). Default: the model's.",
)
@_labelled_options
@click.option(
    "--errors",
    default=50,
    show_default=True,
    type=click.IntRange(min=0),
    help="How many of the worst errors to list in errors.csv.",
)
@click.option(
    "--bootstrap",
    "n_boot",
    default=1000,
    show_default=True,
    type=click.IntRange(min=100),
    help="Bootstrap resamples for the 95% intervals.",
)
@click.option("--seed", default=0, show_default=True, type=int, help="Seed of the bootstrap.")
@click.option(
    "--domain",
    help="With a domain-adapted model: score the texts as this domain's (e.g. 'general' for SmSA). Default: the model's own domain.",
)
@click.option("--overwrite", is_flag=True, help="Replace OUTDIR if it already exists.")
@common_options
def evaluate(
    data: tuple[Path, ...], model: str, outdir: Path, overwrite: bool, **options: Any
) -> None:
    """Measure a model on labelled data, with 95% confidence intervals.

    Writes OUTDIR/metrics.csv and metrics.json (precision, recall, F1 per
    label, macro and micro, accuracy), confusion.csv and confusion.png,
    calibration.csv and reliability.png (Brier score, expected calibration
    error), errors.csv (the worst errors, to review) and predictions.csv.
    With --compare, also comparison.csv and the other model's files in
    OUTDIR/compared/.
    """
    from asn_sentiment.evaluate import evaluate as run_evaluate
    from asn_sentiment.evaluate import write_evaluation
    from asn_sentiment.outputs import check_outdir

    rep = reporter()
    check_outdir(outdir, overwrite)
    result = run_evaluate(model, list(data), progress=rep.progress, **options)
    files = write_evaluation(result, outdir, lang=rep.lang, overwrite=overwrite)
    _report_notes(rep, result.notes)
    _echo_metrics(rep, result)
    if result.other is not None:
        _echo_metrics(rep, result.other)
        _echo_comparison(rep, result.comparison or {})
    rep.note("cli.done.evaluate", outdir=outdir)
    if not rep.quiet:
        for path in files:
            click.echo(f"  {path}")


def _echo_metrics(rep: Reporter, result: Any) -> None:
    m, cal = result.metrics, result.calibration
    lines = [
        t("cli.eval.header", rep.lang, model=result.scored.model.version, n=m["n"]),
        f"  {'':<18} {'value':>7}  95% CI",
    ]
    for key in ("macro_f1", "micro_f1", "accuracy", "macro_precision", "macro_recall"):
        lo, hi = m[f"{key}_ci95"]
        lines.append(f"  {key:<18} {m[key]:>7.4f}  {lo:.4f}–{hi:.4f}")
    lines.append(f"  {'ece':<18} {cal['ece']:>7.4f}")
    lines.append(f"  {'brier':<18} {cal['brier']:>7.4f}")
    lines.append(f"  {'label':<18} {'P':>7} {'R':>7} {'F1':>7}  F1 95% CI      n")
    for label, v in m["per_label"].items():
        lo, hi = v["f1_ci95"]
        lines.append(
            f"  {label[:18]:<18} {v['precision']:>7.4f} {v['recall']:>7.4f} {v['f1']:>7.4f}  "
            f"{lo:.4f}–{hi:.4f}  {v['support']}"
        )
    if not rep.quiet:
        click.echo("\n".join(lines))


def _echo_comparison(rep: Reporter, comparison: dict[str, Any]) -> None:
    if rep.quiet:
        return
    click.echo(
        t("cli.eval.compare_header", rep.lang, a=comparison["model_a"], b=comparison["model_b"])
    )
    for metric, m in comparison["metrics"].items():
        lo, hi = m["difference_ci95"]
        verdict = t(
            "cli.eval.significant" if m["significant"] else "cli.eval.not_significant", rep.lang
        )
        click.echo(
            f"  {metric:<10} A {m['a']:.4f}  B {m['b']:.4f}  A−B {m['difference']:+.4f} "
            f"({lo:+.4f} … {hi:+.4f}), p={m['p_value']:.3f}: {verdict}"
        )


@cli.command("cross-validate")
@click.argument("data", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--configs",
    default=None,
    help="Comma-separated configurations to compare (names or .toml files). Default: the task's named ones: "
    + ", ".join(CONFIGS)
    + ".",
)
@click.option(
    "--task",
    default="sentiment",
    show_default=True,
    help="What the labels are (sentiment, themes, or your own label set).",
)
@click.option(
    "--taxonomy",
    type=click.Path(path_type=Path),
    help="With --task themes: theme taxonomy TOML whose ids the labels use. Default: the built-in 12 themes.",
)
@click.option(
    "--folds", default=5, show_default=True, type=click.IntRange(min=2), help="Number of folds."
)
@_labelled_options
@click.option(
    "--seed", default=0, show_default=True, type=int, help="Seed of the folds and the models."
)
@click.option(
    "--jobs",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Folds fitted in parallel (processes).",
)
@click.option(
    "--weights",
    callback=_weights,
    help="One weight per DATA file, comma-separated, as for 'train'.",
)
@click.option(
    "--domains",
    callback=_names,
    metavar="NAMES",
    help="One domain per DATA file, as for 'train'; held-out texts are scored as their own domain's.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the table as CSV here.",
)
@common_options
def cross_validate(
    data: tuple[Path, ...], configs: str | None, output: Path | None, **options: Any
) -> None:
    """Compare training configurations by k-fold cross-validation.

    Every configuration is fitted on the same folds (equal texts stay in one
    fold). The table is sorted by macro-F1 of the pooled out-of-fold
    predictions, with its 95% bootstrap interval and the spread across folds.
    """
    from asn_sentiment.outputs import write_csv
    from asn_sentiment.train import cross_validate as run_cv

    rep = reporter()
    names = [c.strip() for c in configs.split(",") if c.strip()] if configs else []
    result = run_cv(list(data), names, progress=rep.progress, **options)
    table = result.table()
    if output is not None:
        write_csv(table, output)
    if not rep.quiet:
        from asn_sentiment.tasks import get_task

        metric = get_task(result.task).primary_metric.replace("_f1", "-F1")
        click.echo(
            t(
                "cli.cv.header",
                rep.lang,
                folds=result.folds,
                n=result.n,
                task=result.task,
                metric=metric,
            )
        )
        click.echo(
            f"  {'config':<22} {'macro-F1':>8}  95% CI         {'fold sd':>7} {'micro-F1':>8} {'acc':>7} {'ECE':>6} {'fit s':>6}"
        )
        for row in table.itertuples(index=False):
            click.echo(
                f"  {row.config[:22]:<22} {row.macro_f1:>8.4f}  {row.macro_f1_low:.4f}–{row.macro_f1_high:.4f}"
                f" {row.fold_sd:>7.4f} {row.micro_f1:>8.4f} {row.accuracy:>7.4f} {row.ece:>6.3f} {row.fit_seconds:>6.1f}"
            )
        for row in result.rows:  # several files: each file's out-of-fold figures
            for part, m in row["metrics"].get("parts", {}).items():
                lo, hi = m["macro_f1_ci95"]
                click.echo(
                    f"  {row['config'][:22]:<22} {m['macro_f1']:>8.4f}  {lo:.4f}–{hi:.4f}"
                    f"  {part} ({m['n']})"
                )


@cli.command()
@click.option(
    "--model",
    default="sentiment",
    show_default=True,
    help="Model to explain: a name from 'asn-sentiment models list' or a model folder.",
)
@click.option("--text", "texts", multiple=True, help="Text to explain (repeat for several).")
@click.option(
    "--top",
    default=10,
    show_default=True,
    type=click.IntRange(min=1),
    help="Words and features to show.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the explanations as JSON.")
@common_options
def explain(model: str, texts: tuple[str, ...], top: int, as_json: bool) -> None:
    """Show which words and n-grams pushed a text towards its predicted label.

    Each word of the cleaned text gets its contribution to the score of the
    predicted label (positive: pushed towards it; for one label per text,
    relative to the other labels); below, the strongest word and character
    n-gram features.
    """
    from asn_sentiment.errors import InputError
    from asn_sentiment.explain import explain_texts
    from asn_sentiment.registry import load_model

    rep = reporter()
    if not texts:
        raise InputError("err.explain_text")
    loaded = load_model(model)
    if getattr(loaded.task_object, "taxonomy", None) is not None:
        _explain_themes(rep, loaded, list(texts), as_json)
        return
    found = explain_texts(loaded, list(texts), top=top)
    if as_json:
        click.echo(json.dumps([e.to_dict() for e in found], ensure_ascii=False, indent=2))
        return
    for e in found:
        probs = ", ".join(f"{k} {v:.2f}" for k, v in e.proba.items())
        click.echo(t("cli.explain.text", rep.lang, text=e.text))
        click.echo(t("cli.explain.cleaned", rep.lang, cleaned=e.cleaned))
        click.echo(
            t(
                "cli.explain.label",
                rep.lang,
                label=e.label,
                confidence=f"{e.confidence:.2f}",
                probs=probs,
            )
        )
        click.echo(t("cli.explain.words", rep.lang, label=e.label))
        for word, c in e.words:
            click.echo(f"    {c:+.3f}  {word}")
        click.echo(t("cli.explain.features", rep.lang))
        for feat, c in e.features:
            click.echo(f"    {c:+.3f}  {feat!r}")
        click.echo("")


def _explain_themes(rep: Reporter, model: Any, texts: list[str], as_json: bool) -> None:
    from asn_sentiment.themes import explain_themes

    found = explain_themes(model, texts)
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    for e in found:
        click.echo(t("cli.explain.text", rep.lang, text=e["text"]))
        click.echo(t("cli.explain.cleaned", rep.lang, cleaned=e["cleaned"]))
        click.echo(t("cli.explain.themes", rep.lang, n=len(e["themes"])))
        for theme in e["themes"]:
            p = e["probabilities"][theme["id"]]
            click.echo(f"    {theme['id']} ({p:.2f}): {theme['evidence']}")
        ranked = sorted(e["probabilities"].items(), key=lambda kv: (-kv[1], kv[0]))
        click.echo(t("cli.explain.theme_probabilities", rep.lang))
        for tid, p in ranked:
            click.echo(f"    {p:.2f}  {tid}")
        click.echo("")


@cli.group(cls=AsnGroup)
def models() -> None:
    """List and inspect installed models."""


@models.command("list")
@common_options
def models_list() -> None:
    """List models found in the models folders, with their card summaries.

    Folders searched, first match wins: $ASN_SENTIMENT_MODELS, the user's
    models folder, the project's models/ folder, and the installed share folder.
    """
    from asn_sentiment.cards import card_summary
    from asn_sentiment.registry import list_models, search_path

    rep = reporter()
    found = list_models()
    if not found:
        rep.note("cli.models.none", folders=", ".join(str(p) for p in search_path()))
        return
    click.echo(f"{'name':<20} {'task':<12} {'labels':<30} {'measured':<40} folder")
    for m in found:
        labels = ",".join(m["card"].get("labels", []))
        click.echo(
            f"{m['name']:<20} {m['task']:<12} {labels[:30]:<30} {card_summary(m['card'])[:40]:<40} {m['path']}"
        )
    rep.note("cli.models.searched", folders=", ".join(str(p) for p in search_path()))


@models.command("show")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print card.json instead of the card.")
@common_options
def models_show(name: str, as_json: bool) -> None:
    """Show a model's card: data, recipe, figures with intervals, limitations.

    NAME is a model name from 'asn-sentiment models list' or a model folder.
    """
    from asn_sentiment.cards import render_card_md
    from asn_sentiment.registry import find_model_dir, read_card

    folder = find_model_dir(name)
    card = read_card(folder)
    if as_json:
        click.echo(json.dumps(card, ensure_ascii=False, indent=2, sort_keys=True))
        return
    card.setdefault("name", folder.name)
    card.setdefault("task", "?")
    click.echo(f"{folder}\n")
    click.echo(render_card_md(card))


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=Path))
@click.option(
    "--db", required=True, envvar="ASN_SENTIMENT_DB", help=DB_HELP + " Created if missing."
)
@source_option
@dayfirst_option
@input_options
@click.option(
    "--chunk-rows",
    type=click.IntRange(min=100),
    default=10_000,
    show_default=True,
    help="Rows read at a time (memory use grows with it).",
)
@common_options
def ingest(inputs: tuple[Path, ...], db: str, chunk_rows: int, **options: Any) -> None:
    """Add survey and comment files to the longitudinal store, each comment once.

    Files are read in chunks (any size), checked completely before anything is
    written, and each is added in one transaction: an interrupted ingest leaves
    all or nothing of a file. A file already in the store is skipped.
    """
    from asn_sentiment.store import ingest_files

    rep = reporter()
    if options.get("keep_pii"):
        rep.note("cli.keep_pii")
    done = ingest_files(
        db,
        list(inputs),
        progress=rep.progress,
        mapping=list(options.pop("mapping")) or None,
        chunk_rows=chunk_rows,
        **options,
    )
    _file_notes(rep, [d.report for d in done if d.status == "added" and d.report is not None])
    for d in done:
        if d.status == "duplicate":
            rep.note("cli.ingest.duplicate", path=d.source_file, when=d.ingested_at[:10])
        else:
            rep.note(
                "cli.ingest.added",
                path=d.source_file,
                comments=d.comments_added,
                rows=d.rows,
                known=d.comments_known,
                wave=d.wave or "-",
                source=d.source,
            )
    added = sum(d.comments_added for d in done)
    rep.note("cli.done.ingest", n=added, db=db)


@cli.group(cls=AsnGroup)
def db() -> None:
    """Inspect and export the longitudinal store."""


@db.command("info")
@click.option(
    "--db", "db_path", required=True, envvar="ASN_SENTIMENT_DB", metavar="PATH|URL", help=DB_HELP
)
@click.option("--json", "as_json", is_flag=True, help="Print the information as JSON.")
@common_options
def db_info(db_path: str, as_json: bool) -> None:
    """Show the store's waves, counts, model versions and size."""
    from asn_sentiment.store import info

    rep = reporter()
    result = info(db_path)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2, sort_keys=True))
        return
    lang = rep.lang
    click.echo(
        t(
            "cli.db.header",
            lang,
            db=result.db,
            version=result.schema_version,
            size=f"{result.size_bytes / 1e6:.1f}",
        )
    )
    click.echo(
        t(
            "cli.db.counts",
            lang,
            files=result.files,
            responses=result.responses,
            comments=result.comments,
        )
    )
    click.echo(t("cli.db.waves", lang))
    for w in result.waves:
        click.echo(
            f"  {w['wave'] or '-':<32} {w['source']:<7} {w['files']:>4} {w['responses']:>9} "
            f"{w['comments']:>9}  {w['first_date'] or '?'} .. {w['last_date'] or '?'}"
        )
    click.echo(t("cli.db.models", lang))
    if not result.models:
        click.echo("  " + t("cli.db.no_models", lang))
    for m in result.models:
        click.echo(
            f"  {m['model_version']} + {m['theme_model_version']}: {m['predictions']} "
            f"({m['runs']}x, {str(m['last_run'])[:16]})"
        )
    if len(result.key_ids) > 1:
        rep.note("cli.db.several_keys", keys=", ".join(result.key_ids))


@db.command("export")
@click.option(
    "--db", "db_path", required=True, envvar="ASN_SENTIMENT_DB", metavar="PATH|URL", help=DB_HELP
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write: .csv, .xlsx or .parquet (Parquet needs pyarrow).",
)
@click.option(
    "--all-versions",
    is_flag=True,
    help="One row per comment and model version (default: each comment's latest results).",
)
@click.option("--overwrite", is_flag=True, help="Replace the output file if it exists.")
@common_options
def db_export(db_path: str, output: Path, all_versions: bool, overwrite: bool) -> None:
    """Export the store's results table (canonical columns, results, Likert, originals)."""
    from asn_sentiment.errors import OutputError
    from asn_sentiment.store import export

    rep = reporter()
    if output.exists() and not overwrite:
        raise OutputError("err.output_exists", path=str(output))
    n = export(db_path, output, all_versions=all_versions, progress=rep.progress)
    rep.note("cli.done.export", n=n, path=str(output))


@cli.command("preprocess")
@click.argument("input_file", metavar="[INPUT]", required=False, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="CSV/TSV file to write: INPUT's columns plus the cleaned text.",
)
@click.option("--text", "text", help='Clean this one text and print it (try rules: --text "...").')
@click.option("--explain", is_flag=True, help="With --text: show the text after each step.")
@click.option("--text-col", help="Text column of INPUT. Default: found from the headers.")
@click.option(
    "--out-col", default="text_clean", show_default=True, help="Name of the added column."
)
@click.option(
    "--steps",
    default="default",
    show_default=True,
    help="Steps to run, comma-separated, from: normalize, placeholders, emoji, elongation, "
    "slang, reduplication, stem, stem_fix, negation, stopwords. 'default' is all of "
    "them; '-name' drops a step (e.g. default,-stopwords).",
)
@click.option(
    "--negation-window",
    default=3,
    show_default=True,
    type=click.IntRange(0, 50),
    help="Words after a negator (tidak, belum, ...) that get the NEG_ mark.",
)
@click.option(
    "-j",
    "--jobs",
    default=1,
    show_default=True,
    type=click.IntRange(1, 256),
    help="Worker processes for large files.",
)
@click.option(
    "--chunk-rows",
    default=20_000,
    show_default=True,
    type=click.IntRange(1, None),
    help="Rows read and cleaned at a time (memory use grows with it).",
)
@click.option(
    "--stem-cache",
    type=click.Path(dir_okay=False, path_type=Path),
    help="JSON file of stems: read before the run if it exists, written after it.",
)
@click.option("--overwrite", is_flag=True, help="Replace OUTPUT if it already exists.")
@common_options
def preprocess(
    input_file: Path | None,
    output: Path | None,
    text: str | None,
    explain: bool,
    text_col: str | None,
    out_col: str,
    **options: Any,
) -> None:
    """Clean Indonesian text as the models see it: one text, or a column of a file.

    With INPUT -o OUTPUT, adds a cleaned-text column to a CSV/TSV/XLSX/JSON file
    (CSV and TSV are streamed in chunks, so any size works). With --text, prints
    one cleaned line; add --explain to see each step's effect.
    """
    from asn_sentiment.errors import InputError

    rep = reporter()
    file_mode = input_file is not None or output is not None
    if file_mode == (text is not None) or (explain and text is None):
        raise InputError("err.preprocess_usage")
    steps, window = options["steps"], options["negation_window"]
    if text is not None:
        from asn_sentiment import cleaning

        if not explain:
            click.echo(cleaning.clean_text(text, steps, window))
            return
        stages = cleaning.explain(text, steps, window)
        width = max(len(name) for name, _ in stages)
        previous = None
        for name, result in stages:
            shown = result if result != previous else t("cli.explain.unchanged", rep.lang)
            click.echo(f"{name:<{width}}  {shown}")
            previous = result
        return
    if input_file is None or output is None:
        raise InputError("err.preprocess_usage")
    from asn_sentiment.streaming import preprocess_file

    result = preprocess_file(
        input_file,
        output,
        text_col=text_col,
        out_col=out_col,
        steps=steps,
        negation_window=window,
        jobs=options["jobs"],
        chunk_rows=options["chunk_rows"],
        overwrite=options["overwrite"],
        stem_cache=options["stem_cache"],
        progress=rep.progress,
    )
    how = t(f"cli.how.{result.text_how}", rep.lang)
    rep.note("cli.text_columns", path=input_file.name, columns=f"'{result.text_column}'", how=how)
    rep.note(
        "cli.done.preprocess",
        n=result.rows,
        column=result.text_column,
        out_col=out_col,
        output=result.output,
        seconds=f"{result.seconds:.1f}",
    )


def _sheet_notes(rep: Reporter, files: dict[str, list[dict[str, Any]]]) -> None:
    """How many rows of each labelling sheet were used and how many were left unlabelled."""
    for part in files.values():
        for f in part:
            if "unlabelled" in f:
                rep.note(
                    "cli.train.sheet", path=f["name"], rows=f["rows"], unlabelled=f["unlabelled"]
                )


@cli.command("sample")
@click.argument("results", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Labelling workbook to write (.xlsx).",
)
@click.option(
    "--n",
    "n",
    default=200,
    show_default=True,
    type=click.IntRange(min=1),
    help="How many comments to pick.",
)
@click.option(
    "--strategy",
    type=click.Choice(["uncertain", "random", "stratified"]),
    default="uncertain",
    show_default=True,
    help="uncertain: those the model is least sure of (best for improving it); random: a fair "
    "sample (use it to measure a model); stratified: every predicted theme and sentiment, "
    "rare ones included, spread over sources and units.",
)
@click.option(
    "--seed", default=0, show_default=True, type=int, help="Random seed (same seed, same sample)."
)
@click.option(
    "--taxonomy",
    type=click.Path(path_type=Path),
    help="Theme taxonomy TOML whose ids fill the theme drop-down lists. Default: the built-in 12 themes.",
)
@click.option(
    "--exclude",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Earlier labelling sheets: comments in them are not picked again (repeatable).",
)
@click.option("--overwrite", is_flag=True, help="Replace OUTPUT if it already exists.")
@common_options
def sample(
    results: tuple[Path, ...], output: Path, exclude: tuple[Path, ...], **options: Any
) -> None:
    """Pick comments from analysis results for a person to label in Excel.

    RESULTS are results.csv files of 'asn-sentiment analyze'. Writes an XLSX
    sheet with the comments, drop-down columns sentiment and theme_1..theme_3
    to fill, the model's guesses for reference, and instructions on a second
    sheet. The filled sheet trains a model: 'asn-sentiment train --task
    sentiment OUTPUT -o MODEL' (rows left empty are skipped).
    """
    from asn_sentiment.sampling import sample as run_sample

    rep = reporter()
    done = run_sample(
        list(results),
        output,
        exclude=list(exclude),
        lang=rep.lang,
        progress=rep.progress,
        **options,
    )
    if len(done.picked) < options["n"]:
        rep.note("cli.sample.fewer", available=done.available, n=options["n"])
    if done.duplicates or done.excluded:
        rep.note("cli.sample.dropped", duplicates=done.duplicates, excluded=done.excluded)
    rep.note(
        "cli.done.sample",
        n=len(done.picked),
        strategy=done.strategy,
        seed=done.seed,
        available=done.available,
        output=done.output,
    )
    rep.note("cli.sample.next", output=done.output)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="asn-sentiment", auto_envvar_prefix=None)


if __name__ == "__main__":  # pragma: no cover
    main()
