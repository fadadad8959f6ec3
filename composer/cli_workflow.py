"""`composer plan` and `composer review`: the commands a candidate uses across an application."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from composer.cli_options import (
    BaseUrlOpt,
    Format,
    FormatOpt,
    KindOpt,
    ModelOpt,
    NotesArg,
    TemplatesOpt,
    TimeoutOpt,
    TodayOpt,
    history_file,
    history_secrets,
    kinds_from,
    parse_day,
)
from composer.errors import InputError
from composer.kinds import Kind

if TYPE_CHECKING:
    from composer.models import Draft
    from composer.plan import Plan

_STATUS_STYLE = {
    "done": "green",
    "due": "bold yellow",
    "overdue": "bold red",
    "upcoming": "cyan",
    "waiting": "dim",
    "not needed": "dim",
}


def _plan_text(plan: Plan) -> Any:
    from rich.table import Table

    today = f"{plan.today:%a} {plan.today.day} {plan.today:%b %Y}"
    table = Table(
        title=f"{plan.role} at {plan.company} (today: {today})",
        title_justify="left",
        show_edge=False,
        pad_edge=False,
    )
    for column in ("step", "from", "by", "status", "note"):
        table.add_column(column)
    for step in plan.steps:
        table.add_row(
            step.title,
            f"{step.opens:%a} {step.opens.day} {step.opens:%b}",
            f"{step.due:%a} {step.due.day} {step.due:%b}" if step.due else "-",
            f"[{_STATUS_STYLE[step.status]}]{step.status}[/]",
            step.note,
        )
    return table


def plan(
    notes: NotesArg = None,
    today: TodayOpt = None,
    ics: Annotated[
        Path | None,
        typer.Option(
            "--ics",
            dir_okay=False,
            help="Also write the steps to an iCalendar file "
            "(with reminders) that calendar apps import.",
        ),
    ] = None,
    fmt: FormatOpt = Format.TEXT,
    no_log: Annotated[
        bool,
        typer.Option(
            "--no-log",
            envvar="COMPOSER_NO_LOG",
            help="Do not read sent messages and outcomes from the history.",
        ),
    ] = False,
) -> None:
    """Show when to send each follow-up: thank-you, patience, status check, feedback request.

    Timing follows the guidelines: a thank-you within a day; patience until the promised
    decision date; a status check from 3 to 7 days after it; a feedback request as soon as a
    rejection arrives.
    """
    from composer.cli import _load_notes, _stderr, _stdout
    from composer.files import atomic_write
    from composer.history import lookup
    from composer.plan import calendar_entries, make_plan, to_ics

    loaded = _load_notes(notes)
    known = lookup(loaded.notes, history_file(), enabled=not no_log)
    result = make_plan(known.notes, parse_day(today, "--today"), known.sent, known.outcome_on)
    # Every step done or not needed: nothing to add, so no empty calendar is written.
    add_to_calendar = ics is not None and bool(calendar_entries([result]))
    if ics is not None and add_to_calendar:
        try:
            atomic_write(ics, to_ics([result]).decode("utf-8"))
        except OSError as exc:
            raise InputError(f"Cannot write {ics}: {exc.strerror or exc}.") from None
    if fmt is Format.JSON:
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
        return
    console = _stdout()
    console.print(_plan_text(result))
    for step in result.actionable:
        assert step.kind is not None
        console.print(f"→ {step.title.lower()}: composer draft NOTES --kind {step.kind}")
    if ics is not None and add_to_calendar:
        _stderr().print(f"Wrote {ics}.", style="dim")
    elif ics is not None:
        _stderr().print(
            f"Nothing to add to a calendar: every step is done or not needed; {ics} was not "
            "written.",
            style="dim",
        )


def review(
    notes: NotesArg = None,
    kind: KindOpt = None,
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            envvar="COMPOSER_DRAFTS",
            file_okay=False,
            help="Folder for accepted drafts (.txt and .eml) and every version.",
        ),
    ] = Path("drafts"),
    offline: Annotated[
        bool,
        typer.Option(
            "--offline",
            envvar="COMPOSER_OFFLINE",
            help="Template drafts only; nothing leaves this machine.",
        ),
    ] = False,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    timeout: TimeoutOpt = None,
    templates: TemplatesOpt = None,
    no_log: Annotated[
        bool,
        typer.Option("--no-log", envvar="COMPOSER_NO_LOG", help="Keep no history of this session."),
    ] = False,
) -> None:
    """Review each draft on the terminal: accept, edit, regenerate, use the template, or skip.

    Accepted drafts are saved as .txt and .eml (opens in a mail client) in the drafts folder;
    every version you see or make is kept in its .versions/ folder first, so nothing is lost.
    """
    from composer.cli import _config, _endpoint, _load_notes, _stderr
    from composer.history import open_recorder
    from composer.pipeline import compose, model_draft, template_draft
    from composer.review import Review
    from composer.terminal import Terminal

    tty = Terminal.open(need_stdout_tty=True)
    if tty is None:
        raise InputError(
            "review needs a terminal to talk to; use 'composer draft' to write drafts without one."
        )
    config = _config(None, templates)
    endpoint = _endpoint(config, offline, model, base_url, timeout, None)
    client = None
    if endpoint is not None:
        from composer.llm import ChatClient

        client = ChatClient(endpoint)
    with tty:
        from rich.console import Console

        console = Console(file=tty.writer, highlight=False, soft_wrap=True)
        loaded = _load_notes(notes, client, config.templates)
        for message in loaded.warnings:
            console.print(f"warning: {message}", style="yellow")
        recorder = open_recorder(
            loaded.notes,
            loaded.source_text,
            path=history_file(),
            enabled=not no_log,
            secrets=history_secrets(),
        )
        try:
            notes_now = recorder.tracked(loaded.notes)
            if endpoint is not None:
                console.print(f"Drafting with {endpoint.label}...", style="dim")
            result = compose(
                notes_now,
                kinds_from(kind),
                offline=endpoint is None,
                settings=config.rules,
                templates=config.templates,
                client=client,
            )
            for message in result.warnings:
                console.print(f"warning: {message}", style="yellow")

            def ask(prompt: str) -> str:
                answer = tty.ask(prompt)
                return "q" if answer is None else answer  # end of input: stop like 'quit'

            def regenerate(which: Kind, instruction: str | None, variant: int) -> Draft:
                if client is None:
                    return template_draft(
                        notes_now, which, config.rules, config.templates, variant=variant
                    )
                return model_draft(
                    notes_now,
                    which,
                    client,
                    config.rules,
                    config.templates,
                    instruction=instruction,
                )

            def template(which: Kind) -> Draft:
                return template_draft(notes_now, which, config.rules, config.templates)

            session = Review(
                notes_now,
                result.drafts,
                console=console,
                ask=ask,
                out=out,
                settings=config.rules,
                regenerate=regenerate,
                template=template,
                recorder=recorder,
                can_instruct=client is not None,
            )
            outcome = session.run()
        except KeyboardInterrupt:
            _stderr().print(
                "\nStopped. Every version shown so far is saved in "
                f"{out / '.versions'}; nothing was half-written."
            )
            raise typer.Exit(130) from None
        finally:
            recorder.close()
        saved = [p for p in outcome.accepted if p.suffix == ".txt"]
        console.print(
            f"Accepted {len(saved)} draft(s)"
            + (f" into {out}" if saved else "")
            + f"; {len(outcome.versions)} version(s) kept in {out / '.versions'}.",
            style="bold",
        )


def register(app: typer.Typer) -> None:
    """Add these commands to the main app (cli.py stays the one entry point)."""
    from composer.cli import _errors_to_exit

    app.command(
        epilog=(
            "Examples:\n\n"
            "  composer plan notes.txt\n\n"
            "  composer plan notes.txt --today 2026-11-20 --ics follow-ups.ics\n\n"
            "  composer plan notes.txt --format json"
        )
    )(_errors_to_exit(plan))
    app.command(
        epilog=(
            "Keys: a accept, e edit (in $VISUAL/$EDITOR, re-checked on save), r regenerate "
            "(with an instruction such as 'warmer' when a model is configured), t template, "
            "s skip, q quit.\n\n"
            "Examples:\n\n"
            "  composer review notes.txt\n\n"
            "  composer review notes.txt --kind thank-you --out ~/applications/bramley\n\n"
            "  EDITOR=nano composer review notes.txt --offline"
        )
    )(_errors_to_exit(review))
