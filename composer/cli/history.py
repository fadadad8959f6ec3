"""`composer history` (list, show, purge): what composer has kept, and deleting it.

Thin commands: the store and its rows live in composer.history. These are explicit requests to
read or write the history, so they work even when automatic logging is off (--no-log /
COMPOSER_NO_LOG only stop draft and review recording).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from composer.cli import inputs, io
from composer.cli.options import Format, FormatOpt
from composer.errors import InputError

if TYPE_CHECKING:
    from composer.history import InterviewDetail, InterviewRow

_WHAT = (("interview", "interview"), ("draft", "draft"), ("event", "decision"), ("send", "send"))
_OUTCOME_STYLE = {"pending": "dim", "rejected": "red", "offered": "green"}


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

    store = inputs.existing_history()
    rows: list[InterviewRow] = []
    if store is not None:
        with store:
            rows = store.interviews(company)
    listing = HistoryListing(database=str(inputs.history_file()), interviews=rows)
    if fmt is Format.JSON:
        io.emit(listing, fmt)
        return
    if not rows:
        if company and store is not None:
            io.say(f"No tracked interview with a company matching {company!r}.")
        else:
            io.say(inputs.nothing_tracked())
        return
    io.emit(listing, fmt, _table)
    io.say("Details: composer history show ID", style="dim")


def _table(listing: Any) -> Any:
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False)
    for column in ("id", "date", "company", "role", "outcome", "drafts", "sent"):
        table.add_column(column, justify="right" if column in ("id", "drafts", "sent") else None)
    for row in listing.interviews:
        table.add_row(
            str(row.id),
            row.interview_date.isoformat(),
            row.company,
            row.role,
            io.styled((row.outcome, _OUTCOME_STYLE[row.outcome])),
            str(row.drafts),
            str(row.sent),
        )
    return table


def history_show(
    interview_id: Annotated[
        int, typer.Argument(metavar="ID", help="The interview's id from 'composer history'.")
    ],
    fmt: FormatOpt = Format.TEXT,
) -> None:
    """Show one interview: its notes, every draft version, every decision and every send."""
    from composer.history import HistoryError

    store = inputs.existing_history()
    if store is None:
        raise HistoryError(f"There is no interview {interview_id}: {inputs.nothing_tracked()}")
    with store:
        detail = store.interview(interview_id)
    if fmt is Format.JSON:
        io.emit(detail, fmt)
        return
    _show_text(detail, inputs.history_file())


def _show_text(detail: InterviewDetail, path: Path) -> None:
    console = io.stdout()
    row = detail.interview
    console.print(io.styled((f"#{row.id} {row.role} at {row.company}", "bold")))
    decision = io.day(row.decision_by) if row.decision_by else "not given"
    heard = f" (heard {io.day(row.outcome_on)})" if row.outcome_on else ""
    console.print(
        f"{detail.notes.candidate}; interviewed {io.day(row.interview_date)} by "
        f"{', '.join(p.name for p in detail.notes.interviewers)}; decision by {decision}; "
        f"outcome {row.outcome}{heard}."
    )
    if detail.source_text:
        console.print(
            f"The notes as you gave them are kept, word for word ({len(detail.source_text)} "
            "characters; --format json shows them).",
            style="dim",
        )
    console.print(io.styled((f"\nDrafts ({io.plural(len(detail.drafts), 'version')})", "bold")))
    if not detail.drafts:
        console.print("  none yet", style="dim")
    for version in detail.drafts:
        verdict = "passed" if version.passed else f"{len(version.findings)} finding(s)"
        origin = version.source + (f" ({version.model})" if version.model else "")
        tokens = f", {version.usage.total_tokens} tokens" if version.usage.total_tokens else ""
        sent = f", sent {io.day(version.sent_on)}" if version.sent_on else ""
        console.print(
            io.styled(
                (f"  #{version.id} {version.kind}", "bold"),
                f"  {origin}, {version.status}, {verdict}{tokens}{sent}, "
                f"{version.created_at:%Y-%m-%d %H:%M} UTC",
            )
        )
        if version.subject:
            console.print(f"     Subject: {version.subject}")
        for line in version.body.splitlines():
            console.print(f"     {line}", style="dim")
    console.print(io.styled((f"\nDecisions ({len(detail.events)})", "bold")))
    if not detail.events:
        console.print("  none yet", style="dim")
    for event in detail.events:
        on_draft = f" draft #{event.draft_id}" if event.draft_id else ""
        detail_text = event.detail or ""
        if event.action == "notes-updated":
            detail_text = "the previous notes are kept (--format json shows them)"
        console.print(
            f"  {event.created_at:%Y-%m-%d %H:%M}  {event.action}{on_draft}"
            + (f": {detail_text}" if detail_text else "")
        )
    console.print(io.styled((f"\nSent ({len(detail.sends)})", "bold")))
    if not detail.sends:
        console.print(
            f"  nothing yet; mark one sent with: composer sent {row.id} KIND (or sent DRAFT_ID)",
            style="dim",
        )
    for send in detail.sends:
        which = f"draft #{send.draft_id}" if send.draft_id else "no draft"
        console.print(f"  {send.kind} ({which}) on {io.day(send.sent_on)}")


def history_purge(
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask; required without a terminal.")
    ] = False,
) -> None:
    """Delete every interview, draft, decision and send from the history, for good."""
    path = inputs.history_file()
    if not path.exists():
        io.say(f"Nothing to purge: there is no history at {path}.")
        return
    with inputs.open_history() as store:
        counts = store.counts()
        n = {table: io.plural(counts[table + "s"], word) for table, word in _WHAT}
        what = f"{n['interview']}, {n['draft']}, {n['event']} and {n['send']}"
        if not yes:
            if not io.interactive():
                raise InputError(
                    f"purge deletes {what} from {path} for good; there is no terminal to "
                    "confirm on, so add --yes."
                )
            if not io.confirm(f"Delete {what} from {path} for good?"):
                io.say("Nothing was deleted.")
                raise typer.Exit(1)
        store.purge()
    io.say(f"Deleted {what} from {path}.")


def history_forget(
    interview_id: Annotated[
        int, typer.Argument(metavar="ID", help="The interview's id from 'composer history'.")
    ],
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask; required without a terminal.")
    ] = False,
) -> None:
    """Delete one interview with its drafts, decisions and sends, for good."""
    from composer.history import HistoryError

    store = inputs.existing_history()
    if store is None:
        raise HistoryError(f"There is no interview {interview_id}: {inputs.nothing_tracked()}")
    with store:
        row = store.interview_row(interview_id)
        what = f"#{row.id} ({row.role} at {row.company}, {row.interview_date.isoformat()})"
        if not yes:
            if not io.interactive():
                raise InputError(
                    f"forget deletes {what} with its drafts for good; there is no terminal "
                    "to confirm on, so add --yes."
                )
            if not io.confirm(f"Delete {what} and everything about it?"):
                io.say("Nothing was deleted.")
                raise typer.Exit(1)
        gone = store.forget(interview_id)
    io.say(
        f"Forgot {what}: deleted {io.plural(gone.drafts, 'draft')}, "
        f"{io.plural(gone.events, 'decision')} and {io.plural(gone.sends, 'send')}."
    )


def history_merge(
    old: Annotated[int, typer.Argument(metavar="OLD", help="The duplicate's id, which goes.")],
    new: Annotated[int, typer.Argument(metavar="NEW", help="The id to keep, with its notes.")],
) -> None:
    """Merge a duplicate interview (a typo fixed in the notes) into the one to keep: OLD's
    drafts, decisions and sends move to NEW, NEW keeps its notes, OLD is deleted."""
    from composer.history import HistoryError

    store = inputs.existing_history()
    if store is None:
        raise HistoryError(f"There is no interview {old}: {inputs.nothing_tracked()}")
    with store:
        merged = store.merge(old, new)
    io.say(
        f"Merged #{old} into #{new} ({merged.new.role} at {merged.new.company}): moved "
        f"{io.plural(merged.drafts, 'draft')}, {io.plural(merged.events, 'decision')} and "
        f"{io.plural(merged.sends, 'send')}; #{old} is gone (its notes are kept with #{new})."
    )


def register(app: typer.Typer, guard: Callable[[Any], Any]) -> None:
    """Add the `history` group to the app; `guard` maps errors to exit codes."""
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
    )(guard(history_list))
    group.command(
        "show",
        epilog=(
            "Examples:\n\n"
            "  composer history show 3\n\n"
            "  composer history show 3 --format json   # prompts, responses, findings, tokens"
        ),
    )(guard(history_show))
    group.command(
        "purge",
        epilog="Examples:\n\n  composer history purge\n\n  composer history purge --yes",
    )(guard(history_purge))
    group.command(
        "forget",
        epilog="Examples:\n\n  composer history forget 3\n\n  composer history forget 3 --yes",
    )(guard(history_forget))
    group.command(
        "merge",
        epilog=(
            "Examples:\n\n"
            "  composer history merge 3 5     # #3 was a typo of #5: keep #5\n\n"
            "  composer history"
        ),
    )(guard(history_merge))
    app.add_typer(group, name="history")
