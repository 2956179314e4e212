"""Generate the README's CLI reference from the commands' own help.

``python -m asn_sentiment.docs README.md`` rewrites the part of the README
between the ``cli-reference`` markers; a test fails when it is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from asn_sentiment.cli import cli

START = "<!-- cli-reference:start -->"
END = "<!-- cli-reference:end -->"
WIDTH = 100


def iter_commands(
    group: click.Group = cli, prefix: str = "asn-sentiment"
) -> list[tuple[str, click.Command]]:
    """Every command and sub-command with its full name, sorted by name."""
    out: list[tuple[str, click.Command]] = [(prefix, group)]
    for name in sorted(group.commands):
        cmd = group.commands[name]
        full = f"{prefix} {name}"
        if isinstance(cmd, click.Group):
            out.extend(iter_commands(cmd, full))
        else:
            out.append((full, cmd))
    return out


def command_help(full_name: str, cmd: click.Command) -> str:
    """The ``--help`` text of a command, at a fixed width.

    The help options are the group's (``-h``/``--help``), as when the command runs: click
    caches a command's help option the first time it is built, so a context without them
    would make the text depend on which commands ran before in the process.
    """
    names = cli.context_settings.get("help_option_names", ["--help"])
    ctx = click.Context(
        cmd,
        info_name=full_name,
        terminal_width=WIDTH,
        max_content_width=WIDTH,
        help_option_names=names,
    )
    return cmd.get_help(ctx)


def cli_reference() -> str:
    """Markdown CLI reference: one section per command."""
    parts = [
        START,
        "",
        "Generated from the commands' `--help` by `make docs`; a test keeps it in sync.",
        "",
    ]
    for full, cmd in iter_commands():
        parts += [f"### `{full}`", "", "```text", command_help(full, cmd).rstrip(), "```", ""]
    parts.append(END)
    return "\n".join(parts)


def update_readme(path: Path) -> bool:
    """Rewrite the reference section of ``path``; return True if it changed."""
    text = path.read_text("utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"{path} has no {START} ... {END} section")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    new = head + cli_reference() + tail
    if new != text:
        path.write_text(new, "utf-8")
        return True
    return False


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    print(f"{target}: {'updated' if update_readme(target) else 'already up to date'}")
