"""Model cards: ``card.json`` (machine-readable) rendered as ``card.md`` and ``TRAINING.md``.

:func:`asn_sentiment.train.train` builds the card dict; this module only
turns it into text, so ``models show`` and the files agree.  Card keys:
``name, version, task, multilabel, labels, config (recipe dict), seed,
data {train, valid: [{name, path, sha256, rows}]}, label_counts, metrics
{split: {macro_f1, macro_f1_ci95, micro_f1, accuracy, ..., per_label, ece,
brier}}, attribution, limitations, training_command, library_versions,
model_sha256``.
"""

from __future__ import annotations

from typing import Any

SPLIT_TITLES = {
    "valid": "Validation (held-out data given with --valid)",
    "cv": "Cross-validation on the training data (pooled out-of-fold predictions)",
}


def _ci(m: dict[str, Any], key: str) -> str:
    lo, hi = m.get(f"{key}_ci95", [None, None])
    if lo is None:
        return ""
    return f"{lo:.3f}–{hi:.3f}"


def metrics_lines(metrics: dict[str, Any]) -> list[str]:
    """Markdown tables of every split's figures with 95% CIs."""
    lines: list[str] = []
    for split, m in metrics.items():
        if not isinstance(m, dict) or "macro_f1" not in m:
            continue
        title = SPLIT_TITLES.get(split) or _split_title(split)
        lines += ["", f"### {title}", ""]
        extra = f", {m['folds']} folds" if "folds" in m else ""
        lines += [
            f"{m['n']} texts{extra}; 95% intervals by bootstrap over texts ({m.get('n_boot', 1000)} resamples).",
            "",
        ]
        lines += ["| metric | value | 95% CI |", "|---|---|---|"]
        for key, title in (
            ("macro_f1", "macro-F1"),
            ("micro_f1", "micro-F1"),
            ("accuracy", "accuracy"),
            ("macro_precision", "macro precision"),
            ("macro_recall", "macro recall"),
        ):
            if key in m:
                lines.append(f"| {title} | {m[key]:.4f} | {_ci(m, key)} |")
        for key, title in (
            ("ece", "expected calibration error (15 bins)"),
            ("brier", "Brier score"),
        ):
            if key in m:
                lines.append(f"| {title} | {m[key]:.4f} | |")
        per = m.get("per_label", {})
        if per:
            lines += [
                "",
                "| label | precision | recall | F1 (95% CI) | support |",
                "|---|---|---|---|---|",
            ]
            for label, v in per.items():
                lines.append(
                    f"| {label} | {v['precision']:.3f} | {v['recall']:.3f} | "
                    f"{v['f1']:.3f} ({_ci(v, 'f1')}) | {v['support']} |"
                )
    return lines


def _split_title(split: str) -> str:
    kind, _, name = split.partition(":")
    if kind == "valid" and name:
        return f"Validation file `{name}`"
    if kind == "check" and name:
        return f"Independent check: `{name}` (never used for fitting or choosing anything)"
    return split


def _file_line(f: dict[str, Any], domain: str = "") -> str:
    where = f" where {', '.join(f['where'])}" if f.get("where") else ""
    return f"- `{f['name']}`{domain}{where}: {f['rows']} texts, SHA-256 `{f['sha256']}`"


def _taxonomy_lines(card: dict[str, Any]) -> list[str]:
    stored = card.get("taxonomy")
    if not isinstance(stored, dict) or not stored.get("toml"):
        return []
    from asn_sentiment.taxonomy import parse_taxonomy

    tax = parse_taxonomy(str(stored["toml"]), str(stored.get("source", "?")))
    lines = [
        "",
        "## Taxonomy",
        "",
        f"`{tax.source}` (SHA-256 `{tax.sha256[:12]}…`, stored in `card.json`): "
        "one output per theme; a theme's keyword rules travel inside the model.",
        "",
        "| theme | kind | label | rules |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| `{th.id}` | {th.kind} | {th.label_en} | {len(th.keywords)} |" for th in tax.themes
    ]
    return lines


def render_card_md(card: dict[str, Any]) -> str:
    """The human-readable model card."""
    config = card.get("config", {})
    if not isinstance(config, dict):
        config = {"name": str(config), "summary": card.get("config_description", "")}
    lines = [
        f"# Model card: {card['name']}",
        "",
        f"- Task: `{card['task']}` ({'several labels per text' if card.get('multilabel') else 'one label per text'})",
        f"- Labels: {', '.join(f'`{x}`' for x in card.get('labels', []))}",
        f"- Configuration: `{config.get('name', '?')}`: {config.get('summary', '')}",
        f"- Seed: {card.get('seed')}",
        f"- asn-sentiment {card.get('version', '?')}; model file SHA-256 `{card.get('model_sha256', '?')}`",
        "",
        "## Training data",
        "",
    ]
    domains = card.get("domains") or {}
    for f in card.get("data", {}).get("train", []):
        lines.append(_file_line(f, _domain(domains, "train", f)))
    if card.get("weights"):
        lines.append(
            "- Weight per text: " + ", ".join(f"`{k}` {v:g}" for k, v in card["weights"].items())
        )
    counts = card.get("label_counts", {})
    if counts:
        lines.append("- Texts per label: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    valid = card.get("data", {}).get("valid", [])
    if valid:
        refit = card.get("fitted_on") == "train+valid"
        lines += [
            "",
            "Validation data (measured on a model fitted on the training data only; the saved "
            "model was then fitted again on training + validation data):"
            if refit
            else "Validation data (not used for fitting):",
            "",
        ]
        lines += [_file_line(f, _domain(domains, "valid", f)) for f in valid]
    checks = card.get("data", {}).get("check", [])
    if checks:
        lines += ["", "Independent checks (measured only; never used for fitting or choosing):", ""]
        lines += [_file_line(f, _domain(domains, "check", f)) for f in checks]
    if domains.get("scores_as"):
        lines += [
            "",
            f"Domain adaptation: texts are scored as domain `{domains['scores_as']}` (what "
            "`analyze` does); `evaluate --domain NAME` scores them as another domain's "
            "(`general`: the shared weights only).",
        ]
    lines += _taxonomy_lines(card)
    if card.get("metrics"):
        lines += ["", "## Measured performance"]
        lines += side_by_side(card)
        lines += metrics_lines(card["metrics"])
    lines += ["", "## Limitations", ""] + [f"- {x}" for x in card.get("limitations", [])]
    if card.get("attribution"):
        lines += ["", "## Data attribution", "", card["attribution"]]
    lines += [
        "",
        "## Reproduce",
        "",
        "```",
        card.get("training_command") or "(not recorded)",
        "```",
        "",
        "See `TRAINING.md` for the library versions.",
        "",
    ]
    return "\n".join(lines)


def _domain(domains: dict[str, Any], part: str, f: dict[str, Any]) -> str:
    name = domains.get(part, {}).get(f["name"])
    return f" (domain `{name}`)" if name else ""


def side_by_side(card: dict[str, Any]) -> list[str]:
    """Single-label models with several validation files or CV parts: one row per data set."""
    metrics = card.get("metrics", {})
    parts = [(k.split(":", 1)[1], m) for k, m in metrics.items() if k.startswith("valid:")]
    if not parts and not metrics.get("cv", {}).get("parts") or card.get("multilabel"):
        return []
    domains = (card.get("domains") or {}).get("valid", {})
    stems = {f["name"].rsplit(".", 1)[0]: f["name"] for f in card.get("data", {}).get("valid", [])}
    lines = [
        "",
        "| data | scored as | texts | macro-F1 (95% CI) | accuracy | ECE |",
        "|---|---|---|---|---|---|",
    ]
    for stem, m in parts:
        domain = domains.get(stems.get(stem, ""), card.get("domains", {}).get("scores_as", ""))
        lines.append(_row(f"`{stem}`", domain, m))
    for key, m in metrics.items():  # independent checks: scored as the model's domain
        if key.startswith("check:") and "macro_f1" in m:
            title = f"`{key.split(':', 1)[1]}` (independent check)"
            lines.append(_row(title, card.get("domains", {}).get("scores_as", ""), m))
    cv = metrics.get("cv", {})
    train_domains = (card.get("domains") or {}).get("train", {})
    names = {f["name"].rsplit(".", 1)[0]: f["name"] for f in card.get("data", {}).get("train", [])}
    for part, m in cv.get("parts", {}).items():
        title = f"`{part}` ({cv['folds']}-fold CV, out-of-fold)"
        lines.append(_row(title, train_domains.get(names.get(part, ""), ""), m))
    return lines


def _row(title: str, domain: str, m: dict[str, Any]) -> str:
    return (
        f"| {title} | {domain or '-'} | {m['n']} | {m['macro_f1']:.4f} "
        f"({_ci(m, 'macro_f1')}) | {m['accuracy']:.4f} | {m.get('ece', float('nan')):.4f} |"
    )


def render_training_md(card: dict[str, Any]) -> str:
    """How to reproduce this model."""
    versions = card.get("library_versions", {})
    return "\n".join(
        [
            f"# Training {card['name']}",
            "",
            "From the project folder (the SmSA files at `../shared/data/smsa` when it is used):",
            "",
            "```",
            card.get("training_command") or "(not recorded)",
            "```",
            "",
            "The same data files (SHA-256 in `card.json`), configuration and seed give the same "
            "predictions. The full recipe is the `config` entry of `card.json`; save it as a TOML "
            "file to train it again with `--config FILE.toml`.",
            "",
            "Library versions used: " + ", ".join(f"{k} {v}" for k, v in versions.items()) + ".",
            "",
        ]
    )


def card_summary(card: dict[str, Any]) -> str:
    """One line for ``models list``: labels and the headline figure with its interval."""
    metrics = card.get("metrics", {})
    key = "micro_f1" if card.get("multilabel") else "macro_f1"
    for split in [k for k in metrics if k.startswith("valid:")][:1] + ["valid", "cv"]:
        m = metrics.get(split)
        if isinstance(m, dict) and key in m:
            return f"{split} {key.replace('_f1', '-F1')} {m[key]:.3f} ({_ci(m, key)})"
    return ""
