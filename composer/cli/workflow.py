"""`composer plan`, `review`, `due`, `sent` and `outcome`: the commands a candidate uses
across an application, from the first thank-you to the employer's answer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from composer.cli import inputs, io
from composer.cli.options import (
    BaseUrlOpt,
    ChannelChoice,
    ChannelOpt,
    DisableOpt,
    Format,
    FormatOpt,
    KindOpt,
    ModelOpt,
    NoLogOpt,
    NotesArg,
    OfflineOpt,
    OnOpt,
    OutOpt,
    RepairOpt,
    TemplatesOpt,
    TimeoutOpt,
    TodayOpt,
    kinds_from,
    parse_day,
)
from composer.errors import InputError
from composer.kinds import Kind, Outcome

if TYPE_CHECKING:
    from composer.history import DueItem, DueReport, InterviewRow, SendRow
    from composer.plan import Plan

DEFAULT_DRAFTS = Path("drafts")
_STATUS_STYLE = {
    "done": "green",
    "due": "bold yellow",
    "overdue": "bold red",
    "upcoming": "cyan",
    "waiting": "dim",
    "not needed": "dim",
}


# --- composer plan ------------------------------------------------------------------------------


def notes_ref(notes: str | None) -> str:
    """The notes as a hint's command line names them: the user's own path (quoted for the
    shell), or NOTES when they came from standard input."""
    import shlex

    return "NOTES" if notes is None or notes == "-" else shlex.quote(notes)


def _plan_table(plan: Plan) -> Any:
    from rich.table import Table

    table = Table(
        title=f"{plan.role} at {plan.company} (today: {io.day(plan.today)})",
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
            io.styled((step.status, _STATUS_STYLE[step.status])),
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
    no_log: NoLogOpt = False,
) -> None:
    """Show when to send each follow-up: thank-you, patience, status check, feedback request.

    Timing follows the guidelines: a thank-you within a day; patience until the promised
    decision date; a status check from 3 to 7 days after it; a feedback request as soon as a
    rejection arrives.
    """
    from composer.files import atomic_write
    from composer.history import lookup
    from composer.plan import calendar_entries, make_plan, to_ics

    loaded = inputs.load_notes(notes)
    known = lookup(loaded.notes, inputs.history_file(), enabled=not no_log)
    result = make_plan(known.notes, parse_day(today, "--today"), known.sent, known.outcome_on)
    # Every step done or not needed: nothing to add, so no empty calendar is written.
    add_to_calendar = ics is not None and bool(calendar_entries([result]))
    if ics is not None and add_to_calendar:
        try:
            atomic_write(ics, to_ics([result]).decode("utf-8"))
        except OSError as exc:
            raise InputError(f"Cannot write {ics}: {exc.strerror or exc}.") from None
    io.emit(result, fmt, _plan_table)
    if fmt is Format.JSON:
        return
    for step in result.actionable:
        assert step.kind is not None
        sent = (
            f"; once it has gone: composer sent {known.interview_id} {step.kind}"
            if known.interview_id is not None
            else ""
        )
        io.say(
            f"→ {step.title.lower()}: composer draft {notes_ref(notes)} --kind {step.kind}{sent}"
        )
    if result.actionable and known.interview_id is None:
        io.say(
            "Once one has gone, 'composer sent ID KIND' marks it done (ID: the interview's, "
            "which 'composer history' shows once composer has drafted for it).",
            style="dim",
        )
    if ics is not None and add_to_calendar:
        io.note(f"Wrote {ics}.")
    elif ics is not None:
        io.note(
            f"Nothing to add to a calendar: every step is done or not needed; {ics} was not "
            "written."
        )


# --- composer review ----------------------------------------------------------------------------


def review(
    notes: NotesArg = None,
    kind: KindOpt = None,
    channel: ChannelOpt = ChannelChoice.EMAIL,
    out: OutOpt = None,
    offline: OfflineOpt = False,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    timeout: TimeoutOpt = None,
    repair_rounds: RepairOpt = None,
    disable: DisableOpt = None,
    templates: TemplatesOpt = None,
    no_log: NoLogOpt = False,
) -> None:
    """Review each draft on the terminal: accept, edit, regenerate, use the template, or skip.

    Accepted drafts are saved as .txt and .eml (opens in a mail client) in the drafts folder;
    every version you see or make is kept in its .versions/ folder first, so nothing is lost.
    """
    from composer.cli.overrides import check_templates
    from composer.cli.reviewer import Review, prepare_folder
    from composer.kinds import Channel

    folder = out or DEFAULT_DRAFTS
    tty = io.Terminal.open(need_stdout_tty=True)
    if tty is None:
        raise InputError(
            "review needs a terminal to talk to; use 'composer draft' to write drafts without one."
        )
    try:
        prepare_folder(folder)  # before any drafting: a review that cannot keep versions stops
    except InputError:
        tty.close()
        raise
    config = inputs.config(disable, templates)
    for message in check_templates(config.templates):
        io.warn(message)
    phone = channel is ChannelChoice.PHONE  # template-only: no model is asked
    endpoint = inputs.endpoint(config, offline or phone, model, base_url, timeout, repair_rounds)
    client = inputs.client(endpoint)
    drafter = inputs.drafter(config, client, no_log)
    with tty:
        console = tty.console()
        loaded = inputs.load_notes(notes, client, config.templates)
        for message in loaded.warnings:
            console.print(io.styled(("warning: ", "yellow"), message))
        try:
            with drafter.open(loaded.notes, loaded.source_text) as session:
                if endpoint is not None:
                    console.print(f"Drafting with {endpoint.label}...", style="dim")
                result = session.draft(kinds_from(kind), channel=Channel(channel))
                for message in result.warnings:
                    console.print(io.styled(("warning: ", "yellow"), message))
                if result.nothing_to_send:
                    console.print(result.nothing_to_send)
                    return

                def ask(prompt: str) -> str:
                    answer = tty.ask(prompt)
                    return "q" if answer is None else answer  # end of input: stop like 'quit'

                done = Review(session, result.drafts, console=console, ask=ask, out=folder).run()
        except KeyboardInterrupt:
            io.stderr().print(
                "\nStopped. Every version shown so far is saved in "
                f"{folder / '.versions'}; nothing was half-written."
            )
            raise typer.Exit(130) from None
        saved = [p for p in done.accepted if p.suffix == ".txt"]
        console.print(
            f"Accepted {len(saved)} draft(s)"
            + (f" into {folder}" if saved else "")
            + f"; {len(done.versions)} version(s) kept in {folder / '.versions'}.",
            style="bold",
        )


# --- composer sent / outcome --------------------------------------------------------------------


def sent(
    target: Annotated[
        int | None,
        typer.Argument(
            metavar="ID",
            show_default=False,
            help="A draft's id ('composer history show'), or with KIND the interview's id "
            "('composer due' shows it).",
        ),
    ] = None,
    kind: Annotated[
        Kind | None,
        typer.Argument(
            metavar="[KIND]",
            case_sensitive=False,
            show_default=False,
            help="thank-you, status-check or feedback-request: ID is then the interview's, and "
            "its latest draft of that kind is marked (none needed if you wrote it elsewhere).",
        ),
    ] = None,
    on: OnOpt = None,
    undo: Annotated[
        bool,
        typer.Option(
            "--undo", help="Take back a send marked by mistake (without ID: the last one)."
        ),
    ] = False,
) -> None:
    """Mark a message as sent, so 'composer due' and 'composer plan' count it as done."""
    from composer.history import HistoryError

    if target is None and (kind is not None or not undo):
        raise InputError(
            "Say what was sent: composer sent DRAFT_ID, or composer sent INTERVIEW_ID KIND "
            "(e.g. composer sent 3 status-check); 'composer due' shows the ids."
        )
    when = parse_day(on, "--on")
    if not undo and when > date.today():
        raise InputError(f"--on {when} is in the future; mark a message sent once it has gone.")
    store = inputs.existing_history()
    if store is None:
        raise HistoryError(f"There is nothing to mark: {inputs.nothing_tracked()}")
    with store:
        if undo:
            send = (
                store.undo_send(interview_id=target, kind=kind)
                if kind is not None
                else store.undo_send(draft_id=target)
            )
        elif kind is not None:
            assert target is not None
            send = store.mark_kind_sent(target, kind, when)
        else:
            assert target is not None
            send = store.mark_sent(target, when)
        row = store.interview_row(send.interview_id)
    io.say(_sent_line(send, row, undo))


def _sent_line(send: SendRow, row: InterviewRow, undone: bool) -> str:
    which = f"draft #{send.draft_id}" if send.draft_id else "no draft: written outside composer"
    what = f"the {send.kind} to {row.company} ({row.role}, interview #{row.id}; {which})"
    if undone:
        return f"Undone: {what} is no longer marked sent on {io.day(send.sent_on)}."
    return f"Marked {what} as sent on {io.day(send.sent_on)}."


def outcome(
    target: Annotated[
        str,
        typer.Argument(
            metavar="NOTES|ID",
            help="The notes file (- for standard input) or the interview's id from "
            "'composer history'.",
        ),
    ],
    answer: Annotated[
        Outcome,
        typer.Argument(
            metavar="rejected|offered|pending",
            case_sensitive=False,
            help="What the employer said ('pending' undoes an answer recorded by mistake).",
        ),
    ],
    on: OnOpt = None,
) -> None:
    """Record the employer's answer. A rejection makes a feedback request due straight away."""
    from composer.history import HistoryError
    from composer.plan import FEEDBACK_DAYS

    when = parse_day(on, "--on")
    if target.isdigit() and not Path(target).exists():
        store = inputs.existing_history()
        if store is None:
            raise HistoryError(f"There is no interview {target}: {inputs.nothing_tracked()}")
        with store:
            store.set_outcome(int(target), answer, when)
            row = store.interview_row(int(target))
    else:
        loaded = inputs.load_notes(target)
        with inputs.open_history() as store:
            interview_id = store.record_interview(loaded.notes, source_text=loaded.source_text)
            store.set_outcome(interview_id, answer, when)
            row = store.interview_row(interview_id)
    io.say(f"Recorded for #{row.id} ({row.role} at {row.company}): {answer} on {io.day(when)}.")
    if answer is Outcome.REJECTED:
        due_by = date.fromordinal(when.toordinal() + FEEDBACK_DAYS)
        ref = "NOTES" if target.isdigit() and not Path(target).exists() else notes_ref(target)
        io.say(
            f"Next: thank them and ask for feedback by {io.day(due_by)}: composer draft {ref} "
            f"--kind feedback-request; once it has gone: composer sent {row.id} feedback-request"
        )
    elif answer is Outcome.OFFERED:
        io.say("Congratulations! No more follow-ups are due for this one.")


# --- composer due -------------------------------------------------------------------------------


def due(today: TodayOpt = None, fmt: FormatOpt = Format.TEXT) -> None:
    """What to send today, across every tracked interview: due and overdue follow-ups.

    The one command to run each morning. Steps follow 'composer plan': a thank-you within a
    day, a status check 3-7 days after the decision date, a feedback request after a
    rejection; anything marked with 'composer sent' is done.
    """
    from composer.history import DueReport
    from composer.history import due as due_report

    when = parse_day(today, "--today")
    store = inputs.existing_history()
    if store is None:
        report = DueReport(today=when, interviews=0, items=[])
    else:
        with store:
            report = due_report(store, when)
    for message in report.warnings:  # on stderr in JSON mode too
        io.warn(message)
    if fmt is Format.JSON:
        io.emit(report, fmt)
        return
    _due_text(report)


def _due_line(item: DueItem, today: date) -> str:
    if item.status == "overdue" and item.due is not None:
        when = f"was due {io.day(item.due)}, overdue by {io.plural(item.overdue_days, 'day')}"
    elif item.due == today:
        when = "due today"
    elif item.due is not None:
        when = f"due by {io.day(item.due)}"
    else:
        when = "due now"
    return f"{item.company} - {item.role}: {item.title.lower()} ({item.kind}), {when}"


def _due_text(report: DueReport) -> None:
    if report.interviews == 0:
        io.say(inputs.nothing_tracked())
        return
    if not report.items:
        line = (
            f"Nothing to send today ({io.day(report.today)}): "
            f"{io.plural(report.interviews, 'tracked interview')}, all up to date."
        )
        if report.upcoming is not None:
            nxt = report.upcoming
            line += f" Next: {nxt.title.lower()} for {nxt.company} ({nxt.role})"
            line += f" from {io.day(nxt.opens)}."
        io.say(line)
        return
    heading = f"{io.plural(len(report.items), 'follow-up')} to send ({io.day(report.today)}):"
    io.say(io.styled((heading, "bold")))
    for item in report.items:
        style = "red" if item.status == "overdue" else "yellow"
        io.say(io.styled("  ", (_due_line(item, report.today), style), f"  [#{item.interview_id}]"))
    first = report.items[0]
    io.say(
        "Draft one with 'composer draft NOTES --kind KIND'; once sent, 'composer sent ID KIND' "
        f"marks it done (e.g. composer sent {first.interview_id} {first.kind}).",
        style="dim",
    )


# --- registration -------------------------------------------------------------------------------


def register(app: typer.Typer, guard: Callable[[Any], Any]) -> None:
    """Add these commands to the app; `guard` maps errors to exit codes."""
    app.command(
        epilog=(
            "Examples:\n\n"
            "  composer plan notes.txt\n\n"
            "  composer plan notes.txt --today 2026-11-20 --ics follow-ups.ics\n\n"
            "  composer plan notes.txt --format json"
        )
    )(guard(plan))
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
    )(guard(review))
    app.command(
        epilog=(
            "Examples:\n\n"
            "  composer due\n\n"
            "  composer due --today 2026-12-01\n\n"
            "  composer due --format json"
        )
    )(guard(due))
    app.command(
        epilog=(
            "Examples:\n\n"
            "  composer sent 3 status-check     # interview 3's status check went today\n\n"
            "  composer sent 12                 # draft 12 went out today\n\n"
            "  composer sent 12 --on yesterday\n\n"
            "  composer sent --undo             # take back the last one"
        )
    )(guard(sent))
    app.command(
        epilog=(
            "Examples:\n\n"
            "  composer outcome notes.txt rejected\n\n"
            "  composer outcome 3 offered --on 2026-11-25\n\n"
            "  composer outcome notes.txt pending      # undo an answer recorded by mistake"
        )
    )(guard(outcome))
