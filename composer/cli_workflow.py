"""`composer plan` and `composer review`: the commands a candidate uses across an application."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from composer.errors import InputError
from composer.kinds import Kind

if TYPE_CHECKING:
    from composer.models import Draft, InterviewNotes
    from composer.plan import Plan

_STATUS_STYLE = {"done": "green", "due": "bold yellow", "overdue": "bold red",
                 "upcoming": "cyan", "waiting": "dim", "not needed": "dim"}


def _today(value: str | None) -> date:
    from composer.dates import parse_date

    if value is None:
        return date.today()
    try:
        return parse_date(value)
    except ValueError as exc:
        raise InputError(f"--today: {exc}.") from None


def _plan_text(plan: Plan) -> Any:
    from rich.table import Table

    table = Table(title=f"{plan.role} at {plan.company} (today: {plan.today:%a %-d %b %Y})",
                  title_justify="left", show_edge=False, pad_edge=False)
    for column in ("step", "from", "by", "status", "note"):
        table.add_column(column)
    for step in plan.steps:
        table.add_row(step.title, f"{step.opens:%a %-d %b}",
                      f"{step.due:%a %-d %b}" if step.due else "-",
                      f"[{_STATUS_STYLE[step.status]}]{step.status}[/]", step.note)
    return table


def _sent_from_history(notes: InterviewNotes, no_log: bool) -> dict[Kind, date]:
    """What the history says was already sent for these notes (nothing when not logging)."""
    from composer import history

    if not history.logging_enabled(no_log):
        return {}
    try:
        with history.History.open() as store:
            found = store.find(notes)
            return store.sent_kinds(found) if found is not None else {}
    except history.HistoryError:
        return {}


def plan(
    notes: Annotated[
        str | None,
        typer.Argument(metavar="[NOTES|-]", show_default=False,
                       help="Notes file, or - for standard input."),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option("--today", envvar="COMPOSER_TODAY", show_default=False,
                     help="Plan as if today were this date (default: today)."),
    ] = None,
    ics: Annotated[
        Path | None,
        typer.Option("--ics", dir_okay=False, help="Also write the steps to an iCalendar file "
                     "(with reminders) that calendar apps import."),
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", envvar="COMPOSER_FORMAT",
                          help="text or json (one document on stdout).")
    ] = "text",
    no_log: Annotated[
        bool, typer.Option("--no-log", envvar="COMPOSER_NO_LOG",
                           help="Do not read sent messages from the history.")
    ] = False,
) -> None:
    """Show when to send each follow-up: thank-you, patience, status check, feedback request.

    Timing follows the guidelines: a thank-you within a day; patience until the promised
    decision date; a status check from 3 to 7 days after it; a feedback request as soon as a
    rejection arrives.
    """
    from composer.cli import _load_notes, _stderr, _stdout
    from composer.files import atomic_write
    from composer.plan import make_plan, to_ics

    if fmt not in ("text", "json"):
        raise InputError("--format must be text or json.")
    loaded = _load_notes(notes)
    result = make_plan(loaded.notes, _today(today), _sent_from_history(loaded.notes, no_log))
    if ics is not None:
        try:
            atomic_write(ics, to_ics([result]).decode("utf-8"))
        except OSError as exc:
            raise InputError(f"Cannot write {ics}: {exc.strerror or exc}.") from None
    if fmt == "json":
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
        return
    console = _stdout()
    console.print(_plan_text(result))
    for step in result.actionable:
        assert step.kind is not None
        console.print(f"→ {step.title.lower()}: composer draft NOTES --kind {step.kind}")
    if ics is not None:
        _stderr().print(f"Wrote {ics}.", style="dim")


class _HistoryRecorder:
    """Review's versions and decisions, into the history database."""

    def __init__(self, store: Any, interview_id: int) -> None:
        self.store = store
        self.interview_id = interview_id

    def draft(self, draft: Draft, status: str) -> int | None:
        return self.store.record_draft(self.interview_id, draft, status=status)

    def event(self, action: str, draft_id: int | None, detail: str | None = None) -> None:
        self.store.record_event(self.interview_id, action, draft_id=draft_id, detail=detail)


def review(
    notes: Annotated[
        str | None,
        typer.Argument(metavar="[NOTES|-]", show_default=False,
                       help="Notes file, or - for standard input."),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option("--kind", "-k", show_default=False,
                     help="thank-you, status-check, feedback-request or all (repeatable)."),
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", "-o", envvar="COMPOSER_DRAFTS", file_okay=False,
                           help="Folder for accepted drafts (.txt and .eml) and every version.")
    ] = Path("drafts"),
    offline: Annotated[
        bool, typer.Option("--offline", envvar="COMPOSER_OFFLINE",
                           help="Template drafts only; nothing leaves this machine.")
    ] = False,
    model: Annotated[str | None, typer.Option("--model", "-m", envvar="COMPOSER_MODEL",
                                              show_default=False)] = None,
    base_url: Annotated[str | None, typer.Option("--base-url", envvar="OPENAI_BASE_URL",
                                                 show_default=False)] = None,
    timeout: Annotated[float | None, typer.Option("--timeout", envvar="COMPOSER_TIMEOUT",
                                                  min=1, show_default=False)] = None,
    no_log: Annotated[
        bool, typer.Option("--no-log", envvar="COMPOSER_NO_LOG",
                           help="Keep no history of this session.")
    ] = False,
) -> None:
    """Review each draft on the terminal: accept, edit, regenerate, use the template, or skip.

    Accepted drafts are saved as .txt and .eml (opens in a mail client) in the drafts folder;
    every version you see or make is kept in its .versions/ folder first, so nothing is lost.
    """
    from composer.cli import _config, _endpoint, _load_notes, _stderr
    from composer.pipeline import compose, model_draft, template_draft
    from composer.review import Review
    from composer.terminal import Terminal

    tty = Terminal.open(need_stdout_tty=True)
    if tty is None:
        raise InputError("review needs a terminal to talk to; use 'composer draft' to write "
                         "drafts without one.")
    kinds = None
    if kind:
        wanted = [k.strip() for item in kind for k in item.split(",")]
        try:
            kinds = list(Kind) if "all" in wanted else [Kind(k) for k in wanted]
        except ValueError:
            raise InputError("--kind takes thank-you, status-check, feedback-request or all.") \
                from None
    config = _config(None)
    endpoint = _endpoint(config, offline, model, base_url, timeout, None)
    client = None
    if endpoint is not None:
        from composer.llm import ChatClient

        client = ChatClient(endpoint)
    with tty:
        from rich.console import Console

        console = Console(file=tty.writer, highlight=False, soft_wrap=True)
        loaded = _load_notes(notes, client)
        for message in loaded.warnings:
            console.print(f"warning: {message}", style="yellow")
        recorder, store = None, None
        from composer import history

        if history.logging_enabled(no_log):
            store = history.History.open()
            recorder = _HistoryRecorder(store, store.record_interview(loaded.notes))
        try:
            if endpoint is not None:
                console.print(f"Drafting with {endpoint.label}...", style="dim")
            result = compose(loaded.notes, kinds, offline=endpoint is None,
                             settings=config.rules, client=client)
            for message in result.warnings:
                console.print(f"warning: {message}", style="yellow")

            def ask(prompt: str) -> str:
                answer = tty.ask(prompt)
                return "q" if answer is None else answer  # end of input: stop like 'quit'

            def regenerate(which: Kind, instruction: str | None, variant: int) -> Draft:
                if client is None:
                    return template_draft(loaded.notes, which, config.rules, variant=variant)
                return model_draft(loaded.notes, which, client, config.rules,
                                   instruction=instruction)

            session = Review(
                loaded.notes, result.drafts, console=console, ask=ask, out=out,
                settings=config.rules, regenerate=regenerate,
                template=lambda which: template_draft(loaded.notes, which, config.rules),
                recorder=recorder, can_instruct=client is not None,
            )
            outcome = session.run()
        except KeyboardInterrupt:
            _stderr().print("\nStopped. Every version shown so far is saved in "
                            f"{out / '.versions'}; nothing was half-written.")
            raise typer.Exit(130) from None
        finally:
            if store is not None:
                store.close()
        saved = [p for p in outcome.accepted if p.suffix == ".txt"]
        console.print(f"Accepted {len(saved)} draft(s)"
                      + (f" into {out}" if saved else "")
                      + f"; {len(outcome.versions)} version(s) kept in {out / '.versions'}.",
                      style="bold")


def register(app: typer.Typer) -> None:
    """Add these commands to the main app (cli.py stays the one entry point)."""
    from composer.cli import _errors_to_exit

    app.command(epilog=(
        "Examples:\n\n"
        "  composer plan notes.txt\n\n"
        "  composer plan notes.txt --today 2026-11-20 --ics follow-ups.ics\n\n"
        "  composer plan notes.txt --format json"
    ))(_errors_to_exit(plan))
    app.command(epilog=(
        "Keys: a accept, e edit (in $VISUAL/$EDITOR, re-checked on save), r regenerate "
        "(with an instruction such as 'warmer' when a model is configured), t template, "
        "s skip, q quit.\n\n"
        "Examples:\n\n"
        "  composer review notes.txt\n\n"
        "  composer review notes.txt --kind thank-you --out ~/applications/bramley\n\n"
        "  EDITOR=nano composer review notes.txt --offline"
    ))(_errors_to_exit(review))

