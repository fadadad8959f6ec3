"""`composer history`, `sent`, `outcome` and `due`: tracking follow-ups across applications.

Thin commands: the store and the reports live in composer.history, the timeline in composer.plan.
These commands are explicit requests to read or write the history, so they work even when
automatic logging is off (--no-log / COMPOSER_NO_LOG only stop draft and review recording).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from composer.cli_options import (
    Format,
    FormatOpt,
    TodayOpt,
    history_file,
    history_secrets,
    parse_day,
)
from composer.errors import InputError
from composer.kinds import Kind, Outcome

if TYPE_CHECKING:
    from composer.history import (
        DueItem,
        DueReport,
        History,
        InterviewDetail,
        InterviewRow,
        SendRow,
    )
    from composer.models import InterviewNotes


_OUTCOME_STYLE = {"pending": "dim", "rejected": "red", "offered": "green"}


# --- helpers ------------------------------------------------------------------------------------


def _show_day(day: date | None) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}" if day else "-"


def _existing() -> History | None:
    """The history, or None when there is none yet (reading never creates the file)."""
    from composer.history import History

    path = history_file()
    return History.open(path, secrets=history_secrets()) if path.exists() else None


def _nothing_tracked() -> str:
    return (
        f"No interviews tracked yet (history: {history_file()}). 'composer draft' and "
        "'composer review' add them, or add one with: composer outcome NOTES pending"
    )


def _json(model: Any) -> None:
    sys.stdout.write(model.model_dump_json(indent=2) + "\n")


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# --- composer history ---------------------------------------------------------------------------


def history_list(
    ctx: typer.Context,
    company: Annotated[
        str | None,
        typer.Option(
            "--company", "-c", show_default=False, help="Only companies whose name contains this."
        ),
    ] = None,
    fmt: FormatOpt = Format.TEXT,
) -> None:
    """List tracked interviews: id, date, company, role, outcome, drafts and messages sent.

    The history is a SQLite file in your data folder (COMPOSER_HISTORY moves it). Nothing is
    recorded with --no-log or COMPOSER_NO_LOG=1.
    """
    if ctx.invoked_subcommand is not None:
        return
    from composer.history import HistoryListing

    store = _existing()
    rows: list[InterviewRow] = []
    if store is not None:
        with store:
            rows = store.interviews(company)
    if fmt is Format.JSON:
        _json(HistoryListing(database=str(history_file()), interviews=rows))
        return
    from composer.cli import _stdout

    console = _stdout()
    if not rows:
        if company and store is not None:
            console.print(f"No tracked interview with a company matching {company!r}.")
        else:
            console.print(_nothing_tracked())
        return
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False)
    for column in ("id", "date", "company", "role", "outcome", "drafts", "sent"):
        table.add_column(column, justify="right" if column in ("id", "drafts", "sent") else None)
    for row in rows:
        outcome = f"[{_OUTCOME_STYLE[row.outcome]}]{row.outcome}[/]"
        table.add_row(
            str(row.id),
            row.interview_date.isoformat(),
            row.company,
            row.role,
            outcome,
            str(row.drafts),
            str(row.sent),
        )
    console.print(table)
    console.print("Details: composer history show ID", style="dim")


def history_show(
    interview_id: Annotated[
        int, typer.Argument(metavar="ID", help="The interview's id from 'composer history'.")
    ],
    fmt: FormatOpt = Format.TEXT,
) -> None:
    """Show one interview: its notes, every draft version, every decision and every send."""
    from composer.history import HistoryError

    store = _existing()
    if store is None:
        raise HistoryError(f"There is no interview {interview_id}: {_nothing_tracked()}")
    with store:
        detail = store.interview(interview_id)
    if fmt is Format.JSON:
        _json(detail)
        return
    _show_text(detail, history_file())


def _show_text(detail: InterviewDetail, path: Path) -> None:
    from rich.text import Text

    from composer.cli import _stdout

    console = _stdout()
    row = detail.interview
    console.print(Text(f"#{row.id} {row.role} at {row.company}", style="bold"))
    decision = _show_day(row.decision_by) if row.decision_by else "not given"
    heard = f" (heard {_show_day(row.outcome_on)})" if row.outcome_on else ""
    console.print(
        f"{detail.notes.candidate}; interviewed {_show_day(row.interview_date)} by "
        f"{', '.join(p.name for p in detail.notes.interviewers)}; decision by {decision}; "
        f"outcome {row.outcome}{heard}."
    )
    if detail.source_text:
        console.print(
            f"The pasted notes are kept ({len(detail.source_text)} characters; --format json "
            "shows them).",
            style="dim",
        )
    console.print(Text(f"\nDrafts ({_plural(len(detail.drafts), 'version')})", style="bold"))
    if not detail.drafts:
        console.print("  none yet", style="dim")
    for version in detail.drafts:
        verdict = "passed" if version.passed else f"{len(version.findings)} finding(s)"
        origin = version.source + (f" ({version.model})" if version.model else "")
        tokens = f", {version.usage.total_tokens} tokens" if version.usage.total_tokens else ""
        sent = f", sent {_show_day(version.sent_on)}" if version.sent_on else ""
        console.print(
            Text.assemble(
                (f"  #{version.id} {version.kind}", "bold"),
                f"  {origin}, {version.status}, {verdict}{tokens}{sent}, "
                f"{version.created_at:%Y-%m-%d %H:%M} UTC",
            )
        )
        if version.subject:
            console.print(Text(f"     Subject: {version.subject}"))
        for line in version.body.splitlines():
            console.print(Text(f"     {line}", style="dim"))
    console.print(Text(f"\nDecisions ({len(detail.events)})", style="bold"))
    if not detail.events:
        console.print("  none yet", style="dim")
    for event in detail.events:
        on_draft = f" draft #{event.draft_id}" if event.draft_id else ""
        detail_text = event.detail or ""
        if event.action == "notes-updated":
            detail_text = "the previous notes are kept (--format json shows them)"
        console.print(
            Text(
                f"  {event.created_at:%Y-%m-%d %H:%M}  {event.action}{on_draft}"
                + (f": {detail_text}" if detail_text else "")
            )
        )
    console.print(Text(f"\nSent ({len(detail.sends)})", style="bold"))
    if not detail.sends:
        console.print(
            f"  nothing yet; mark one sent with: composer sent {row.id} KIND (or sent DRAFT_ID)",
            style="dim",
        )
    for send in detail.sends:
        which = f"draft #{send.draft_id}" if send.draft_id else "no draft"
        console.print(f"  {send.kind} ({which}) on {_show_day(send.sent_on)}")


def history_purge(
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask; required without a terminal.")
    ] = False,
) -> None:
    """Delete every interview, draft, decision and send from the history, for good."""
    from composer.cli import _stdout
    from composer.history import History

    path = history_file()
    if not path.exists():
        _stdout().print(f"Nothing to purge: there is no history at {path}.")
        return
    with History.open(path, secrets=history_secrets()) as store:
        counts = store.counts()
        what = (
            f"{_plural(counts['interviews'], 'interview')}, {_plural(counts['drafts'], 'draft')}"
            f", {_plural(counts['events'], 'decision')} and {_plural(counts['sends'], 'send')}"
        )
        if not yes:
            if not _interactive():
                raise InputError(
                    f"purge deletes {what} from {path} for good; there is no terminal to "
                    "confirm on, so add --yes."
                )
            if not typer.confirm(f"Delete {what} from {path} for good?", default=False):
                _stdout().print("Nothing was deleted.")
                raise typer.Exit(1)
        store.purge()
    _stdout().print(f"Deleted {what} from {path}.")


def history_forget(
    interview_id: Annotated[
        int, typer.Argument(metavar="ID", help="The interview's id from 'composer history'.")
    ],
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask; required without a terminal.")
    ] = False,
) -> None:
    """Delete one interview with its drafts, decisions and sends, for good."""
    from composer.cli import _stdout
    from composer.history import HistoryError

    store = _existing()
    if store is None:
        raise HistoryError(f"There is no interview {interview_id}: {_nothing_tracked()}")
    with store:
        row = store.interview_row(interview_id)
        what = f"#{row.id} ({row.role} at {row.company}, {row.interview_date.isoformat()})"
        if not yes:
            if not _interactive():
                raise InputError(
                    f"forget deletes {what} with its drafts for good; there is no terminal "
                    "to confirm on, so add --yes."
                )
            if not typer.confirm(f"Delete {what} and everything about it?", default=False):
                _stdout().print("Nothing was deleted.")
                raise typer.Exit(1)
        gone = store.forget(interview_id)
    _stdout().print(
        f"Forgot {what}: deleted {_plural(gone.drafts, 'draft')}, "
        f"{_plural(gone.events, 'decision')} and {_plural(gone.sends, 'send')}."
    )


def history_merge(
    old: Annotated[int, typer.Argument(metavar="OLD", help="The duplicate's id, which goes.")],
    new: Annotated[int, typer.Argument(metavar="NEW", help="The id to keep, with its notes.")],
) -> None:
    """Merge a duplicate interview (a typo fixed in the notes) into the one to keep: OLD's
    drafts, decisions and sends move to NEW, NEW keeps its notes, OLD is deleted."""
    from composer.cli import _stdout
    from composer.history import HistoryError

    store = _existing()
    if store is None:
        raise HistoryError(f"There is no interview {old}: {_nothing_tracked()}")
    with store:
        merged = store.merge(old, new)
    _stdout().print(
        f"Merged #{old} into #{new} ({merged.new.role} at {merged.new.company}): moved "
        f"{_plural(merged.drafts, 'draft')}, {_plural(merged.events, 'decision')} and "
        f"{_plural(merged.sends, 'send')}; #{old} is gone (its notes are kept with #{new})."
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
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            envvar="COMPOSER_TODAY",
            show_default=False,
            help="The day you sent it, e.g. 2026-11-13 or 'yesterday' (default: today).",
        ),
    ] = None,
    undo: Annotated[
        bool,
        typer.Option(
            "--undo", help="Take back a send marked by mistake (without ID: the last one)."
        ),
    ] = False,
) -> None:
    """Mark a message as sent, so 'composer due' and 'composer plan' count it as done."""
    from composer.cli import _stdout
    from composer.history import HistoryError

    if target is None and (kind is not None or not undo):
        raise InputError(
            "Say what was sent: composer sent DRAFT_ID, or composer sent INTERVIEW_ID KIND "
            "(e.g. composer sent 3 status-check); 'composer due' shows the ids."
        )
    day = parse_day(on, "--on")
    if not undo and day > date.today():
        raise InputError(f"--on {day} is in the future; mark a message sent once it has gone.")
    store = _existing()
    if store is None:
        raise HistoryError(f"There is nothing to mark: {_nothing_tracked()}")
    with store:
        if undo:
            send = (
                store.undo_send(interview_id=target, kind=kind)
                if kind is not None
                else store.undo_send(draft_id=target)
            )
        elif kind is not None:
            assert target is not None
            send = store.mark_kind_sent(target, kind, day)
        else:
            assert target is not None
            send = store.mark_sent(target, day)
        row = store.interview_row(send.interview_id)
    _stdout().print(_sent_line(send, row, undo))


def _sent_line(send: SendRow, row: InterviewRow, undone: bool) -> str:
    which = f"draft #{send.draft_id}" if send.draft_id else "no draft: written outside composer"
    what = f"the {send.kind} to {row.company} ({row.role}, interview #{row.id}; {which})"
    if undone:
        return f"Undone: {what} is no longer marked sent on {_show_day(send.sent_on)}."
    return f"Marked {what} as sent on {_show_day(send.sent_on)}."


def _notes_and_text(source: str) -> tuple[InterviewNotes, str]:
    from composer.notes import decode, parse_notes, read_notes_file

    if source == "-":
        from composer.cli import _read_stdin

        origin = "notes on standard input"
        text = decode(_read_stdin("interview notes"), origin)
        return parse_notes(text, origin=origin).notes, text
    path = Path(source)
    loaded = read_notes_file(path)
    return loaded.notes, decode(path.read_bytes(), source)


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
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            envvar="COMPOSER_TODAY",
            show_default=False,
            help="The day the answer came (default: today).",
        ),
    ] = None,
) -> None:
    """Record the employer's answer. A rejection makes a feedback request due straight away."""
    from composer.cli import _stdout
    from composer.history import History, HistoryError
    from composer.plan import FEEDBACK_DAYS

    day = parse_day(on, "--on")
    if target.isdigit() and not Path(target).exists():
        store = _existing()
        if store is None:
            raise HistoryError(f"There is no interview {target}: {_nothing_tracked()}")
        with store:
            store.set_outcome(int(target), answer, day)
            row = store.interview_row(int(target))
    else:
        notes, text = _notes_and_text(target)
        with History.open(history_file(), secrets=history_secrets()) as store:
            interview_id = store.record_interview(notes, source_text=text)
            store.set_outcome(interview_id, answer, day)
            row = store.interview_row(interview_id)
    console = _stdout()
    console.print(
        f"Recorded for #{row.id} ({row.role} at {row.company}): {answer} on {_show_day(day)}."
    )
    if answer is Outcome.REJECTED:
        due_by = day.toordinal() + FEEDBACK_DAYS
        console.print(
            "Next: thank them and ask for feedback by "
            f"{_show_day(date.fromordinal(due_by))}: composer draft NOTES --kind "
            "feedback-request"
        )
    elif answer is Outcome.OFFERED:
        console.print("Congratulations! No more follow-ups are due for this one.")


# --- composer due -------------------------------------------------------------------------------


def due(
    today: TodayOpt = None,
    fmt: FormatOpt = Format.TEXT,
) -> None:
    """What to send today, across every tracked interview: due and overdue follow-ups.

    The one command to run each morning. Steps follow 'composer plan': a thank-you within a
    day, a status check 3-7 days after the decision date, a feedback request after a
    rejection; anything marked with 'composer sent' is done.
    """
    from composer.history import DueReport
    from composer.history import due as due_report

    day = parse_day(today, "--today")
    store = _existing()
    if store is None:
        report = DueReport(today=day, interviews=0, items=[])
    else:
        with store:
            report = due_report(store, day)
    if fmt is Format.JSON:
        _json(report)
        return
    _due_text(report)


def _due_line(item: DueItem, today: date) -> str:
    if item.status == "overdue" and item.due is not None:
        when = f"was due {_show_day(item.due)}, overdue by {_plural(item.overdue_days, 'day')}"
    elif item.due == today:
        when = "due today"
    elif item.due is not None:
        when = f"due by {_show_day(item.due)}"
    else:
        when = "due now"
    return f"{item.company} - {item.role}: {item.title.lower()} ({item.kind}), {when}"


def _due_text(report: DueReport) -> None:
    from rich.text import Text

    from composer.cli import _stdout, warn

    for message in report.warnings:
        warn(message)
    console = _stdout()
    if report.interviews == 0:
        console.print(_nothing_tracked())
        return
    if not report.items:
        line = (
            f"Nothing to send today ({_show_day(report.today)}): "
            f"{_plural(report.interviews, 'tracked interview')}, all up to date."
        )
        if report.upcoming is not None:
            nxt = report.upcoming
            line += (
                f" Next: {nxt.title.lower()} for {nxt.company} ({nxt.role}) from "
                f"{_show_day(nxt.opens)}."
            )
        console.print(line)
        return
    console.print(
        Text(
            f"{_plural(len(report.items), 'follow-up')} to send ({_show_day(report.today)}):",
            style="bold",
        )
    )
    for item in report.items:
        style = "red" if item.status == "overdue" else "yellow"
        console.print(
            Text.assemble(
                ("  ", ""), (_due_line(item, report.today), style), f"  [#{item.interview_id}]"
            )
        )
    first = report.items[0]
    console.print(
        "Draft one with 'composer draft NOTES --kind KIND'; once sent, 'composer sent ID KIND' "
        f"marks it done (e.g. composer sent {first.interview_id} {first.kind}).",
        style="dim",
    )


# --- registration -------------------------------------------------------------------------------


def register(app: typer.Typer) -> None:
    """Add these commands to the main app (cli.py stays the one entry point)."""
    from composer.cli import _errors_to_exit

    group = typer.Typer(
        no_args_is_help=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    group.callback(
        invoke_without_command=True,
        epilog=(
            "Examples:\n\n"
            "  composer history\n\n"
            "  composer history --company bramley --format json\n\n"
            "  composer history show 3\n\n"
            "  composer history purge --yes      # delete everything, no questions"
        ),
    )(_errors_to_exit(history_list))
    group.command(
        "show",
        epilog=(
            "Examples:\n\n"
            "  composer history show 3\n\n"
            "  composer history show 3 --format json   # prompts, responses, findings, tokens"
        ),
    )(_errors_to_exit(history_show))
    group.command(
        "purge",
        epilog="Examples:\n\n  composer history purge\n\n  composer history purge --yes",
    )(_errors_to_exit(history_purge))
    group.command(
        "forget",
        epilog="Examples:\n\n  composer history forget 3\n\n  composer history forget 3 --yes",
    )(_errors_to_exit(history_forget))
    group.command(
        "merge",
        epilog=(
            "Examples:\n\n"
            "  composer history merge 3 5     # #3 was a typo of #5: keep #5\n\n"
            "  composer history"
        ),
    )(_errors_to_exit(history_merge))
    app.add_typer(group, name="history")
    app.command(
        epilog=(
            "Examples:\n\n"
            "  composer sent 3 status-check     # interview 3's status check went today\n\n"
            "  composer sent 12                 # draft 12 went out today\n\n"
            "  composer sent 12 --on yesterday\n\n"
            "  composer sent --undo             # take back the last one"
        )
    )(_errors_to_exit(sent))
    app.command(
        epilog=(
            "Examples:\n\n"
            "  composer outcome notes.txt rejected\n\n"
            "  composer outcome 3 offered --on 2026-11-25\n\n"
            "  composer outcome notes.txt pending      # undo an answer recorded by mistake"
        )
    )(_errors_to_exit(outcome))
    app.command(
        epilog=(
            "Examples:\n\n"
            "  composer due\n\n"
            "  composer due --today 2026-12-01\n\n"
            "  composer due --format json"
        )
    )(_errors_to_exit(due))
