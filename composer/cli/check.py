"""`composer check`, `rules`, `prompt` and `notes-template`: the guidelines, without drafting."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from composer.cli import inputs, io
from composer.cli.options import (
    DisableOpt,
    Format,
    FormatOpt,
    NotesArg,
    OneKindOpt,
    TemplatesOpt,
)
from composer.errors import InputError
from composer.kinds import Kind

MAX_MESSAGE_BYTES = 64_000


def check(
    message: Annotated[
        str | None,
        typer.Argument(
            metavar="[FILE|-]",
            show_default=False,
            help="The message to check; a first line 'Subject: ...' is its subject. "
            "- reads standard input; with neither, paste it when asked.",
        ),
    ] = None,
    kind: OneKindOpt = ...,  # type: ignore[assignment]
    notes: Annotated[
        str | None,
        typer.Option(
            "--notes",
            "-n",
            metavar="NOTES",
            help="Your interview notes, to check names, the role and the specific "
            "point against them.",
        ),
    ] = None,
    fmt: FormatOpt = Format.TEXT,
    disable: DisableOpt = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Also say, for each rule the message keeps, which words it counted "
            "(the thanks, the enthusiasm, the ask).",
        ),
    ] = False,
) -> None:
    """Check a message you wrote against the follow-up guidelines."""
    from composer.checker import check as run_check
    from composer.checker import explain as run_explain
    from composer.checker import parse_message
    from composer.cli.render import explain_text, report_text
    from composer.evidence import ExplainedReport
    from composer.notes import decode

    config = inputs.config(disable)
    if notes == "-" and message in (None, "-"):
        raise InputError(
            "The message and --notes cannot both come from standard input; give "
            "one of them as a file."
        )
    loaded = inputs.load_notes(notes) if notes is not None else None
    if message in (None, "-"):
        raw = io.read_stdin("message")
        origin = "the message on standard input"
    else:
        from composer.files import read_limited

        path = Path(message)
        raw = read_limited(path, MAX_MESSAGE_BYTES, "message", InputError)
        origin = str(path)
    if len(raw) > MAX_MESSAGE_BYTES:
        raise InputError(f"{origin} is over 64 KB; a follow-up message is a few hundred words.")
    text = decode(raw, origin)
    if not text.strip():
        raise InputError(f"{origin} is empty; give the message to check.")
    judge = run_explain if explain else run_check
    report = judge(text, kind, loaded.notes if loaded else None, config.rules)
    for item in loaded.warnings if loaded else []:  # on stderr in JSON mode too
        io.warn(item)
    io.emit(report, fmt, lambda r: report_text(r, parse_message(text).text))
    if fmt is Format.TEXT and isinstance(report, ExplainedReport):
        io.say(explain_text(report))
    if not report.passed:
        raise typer.Exit(1)


def notes_template() -> None:
    """Print an annotated notes skeleton to fill in.

    Example:  composer notes-template > notes.txt
    """
    from composer.templates import builtin_dir

    io.write((builtin_dir() / "notes-template.txt").read_text(encoding="utf-8"))


def prompt(
    notes: NotesArg = None,
    kind: OneKindOpt = Kind.THANK_YOU,
    disable: DisableOpt = None,
    templates: TemplatesOpt = None,
) -> None:
    """Print exactly what would be sent to the model for one draft (nothing is sent)."""
    from composer.cli.overrides import check_templates
    from composer.prompts import draft_messages

    config = inputs.config(disable, templates)
    for problem in check_templates(config.templates):
        io.warn(problem)
    loaded = inputs.load_notes(notes)
    messages = draft_messages(kind, loaded.notes, config.rules, templates=config.templates)
    io.write("".join(f"=== {m['role']} ===\n{m['content']}\n\n" for m in messages))


def rules(
    fmt: FormatOpt = Format.TEXT,
    kind: Annotated[
        Kind | None, typer.Option("--kind", "-k", help="Only the rules for this kind.")
    ] = None,
) -> None:
    """List every guideline rule: code, severity, what it checks and why."""
    from pydantic import RootModel

    from composer.cli.render import rules_text
    from composer.rules import REGISTRY

    config = inputs.config(None)
    selected = [r for r in REGISTRY.values() if kind is None or r.applies(kind)]
    listing = RootModel[list[dict[str, Any]]]([r.describe(config.rules, kind) for r in selected])
    io.emit(listing, fmt, lambda _: rules_text(selected, config.rules))


def register(app: typer.Typer, guard: Callable[[Any], Any]) -> None:
    """Add these commands to the app; `guard` maps errors to exit codes."""
    app.command(
        epilog=(
            "Exit status: 0 no error-level finding, 1 at least one, 2 bad input.\n\n"
            "Examples:\n\n"
            "  composer check my-email.txt --kind thank-you\n\n"
            "  composer check my-email.txt -k status-check --notes notes.txt --format json\n\n"
            "  pbpaste | composer check - -k feedback-request"
        )
    )(guard(check))
    app.command("notes-template")(notes_template)
    app.command(
        epilog=(
            "Examples:\n\n"
            "  composer prompt notes.txt --kind thank-you\n\n"
            "  composer prompt notes.txt -k status-check --disable SPEC001"
        )
    )(guard(prompt))
    app.command(
        epilog="Examples:\n\n  composer rules\n\n  composer rules --kind status-check --format json"
    )(guard(rules))
