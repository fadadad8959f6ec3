"""`composer draft`: notes in, checked drafts out (one set of notes, or a folder with --batch)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from composer.cli import inputs, io
from composer.cli.options import (
    BaseUrlOpt,
    ChannelChoice,
    ChannelOpt,
    DisableOpt,
    ForceOpt,
    Format,
    FormatOpt,
    KindOpt,
    ModelOpt,
    NoLogOpt,
    NotesArg,
    OfflineOpt,
    OutOpt,
    RepairOpt,
    TemplatesOpt,
    TimeoutOpt,
    kinds_from,
)
from composer.cli.overrides import check_templates
from composer.errors import InputError

if TYPE_CHECKING:
    from composer.drafting import Drafter
    from composer.kinds import Channel, Kind
    from composer.models import ComposeResult

EPILOG = (
    "Examples:\n\n"
    "  composer draft notes.txt                      # what the outcome calls for\n\n"
    "  composer draft notes.yaml --kind all --offline\n\n"
    "  pbpaste | composer draft - --kind status-check --format json\n\n"
    "  composer draft notes.txt --out drafts/        # one .txt file per message\n\n"
    "  composer draft --batch cohort/ --jobs 8       # a folder of drafts per notes file\n\n"
    "  composer draft notes.txt --channel phone      # a call script and a voicemail"
)


def draft(
    notes: NotesArg = None,
    kind: KindOpt = None,
    offline: OfflineOpt = False,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    timeout: TimeoutOpt = None,
    repair_rounds: RepairOpt = None,
    fmt: FormatOpt = Format.TEXT,
    out: OutOpt = None,
    force: ForceOpt = False,
    disable: DisableOpt = None,
    templates: TemplatesOpt = None,
    batch: Annotated[
        Path | None,
        typer.Option(
            "--batch",
            metavar="DIR",
            file_okay=False,
            show_default=False,
            help="Draft every notes file in DIR (*.txt, *.yaml, *.yml, *.json, *.toml) into a "
            "folder each under --out; a bad file is reported and skipped (exit 2).",
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", min=1, max=64, help="With --batch: model calls at once."),
    ] = 4,
    channel: ChannelOpt = ChannelChoice.EMAIL,
    no_log: NoLogOpt = False,
) -> None:
    """Draft follow-up messages from your interview notes, each checked against the guidelines.

    With OPENAI_API_KEY or OPENAI_BASE_URL set, a model writes the drafts and composer checks and
    repairs them; otherwise (or with --offline) templates write them and nothing leaves this
    machine. Either way every draft carries its check report, and the notes and drafts are kept
    in the history (unless --no-log).
    """
    from composer import outbox
    from composer.kinds import Channel

    config = inputs.config(disable, templates)
    for message in check_templates(config.templates):
        io.warn(message)
    phone = channel is ChannelChoice.PHONE  # template-only: no model is asked
    endpoint = inputs.endpoint(config, offline or phone, model, base_url, timeout, repair_rounds)
    client = inputs.client(endpoint)
    drafter = inputs.drafter(config, client, no_log)
    if batch is not None:
        if notes is not None:
            raise InputError("Give either NOTES or --batch DIR, not both.")
        _draft_batch(batch, out, drafter, kinds_from(kind), Channel(channel), jobs, force, fmt)
        return
    loaded = inputs.load_notes(notes, client, config.templates)
    with drafter.open(loaded.notes, loaded.source_text) as session:
        if fmt is Format.TEXT:
            if session.notes.outcome is not loaded.notes.outcome:
                io.note(f"Outcome from the history: {session.notes.outcome}.")
            if endpoint is None and not offline and not phone:
                io.note(
                    "No model configured (set OPENAI_API_KEY or OPENAI_BASE_URL): "
                    "writing template drafts offline."
                )
            elif endpoint is not None:
                io.note(f"Drafting with {endpoint.label}...")
        if out is not None:  # before any model call: a run that cannot write costs nothing
            planned = session.planned(kinds_from(kind), Channel(channel))
            outbox.refuse_existing(out, [outbox.file_name(*p) for p in planned], force)
        result = session.draft(kinds_from(kind), channel=Channel(channel))
    result.warnings[:0] = loaded.warnings
    if out is not None and result.drafts:
        written = outbox.write_drafts(out, result.drafts, force)
        io.note(f"Wrote {', '.join(p.name for p in written)} to {out}.")
    # On stderr in JSON mode too: someone redirecting stdout to a file still sees them.
    for message in result.warnings:
        io.warn(message)
    io.emit(result, fmt, _drafts_text)
    if fmt is Format.TEXT:
        _sent_hint(result)
    if not all(d.report.passed for d in result.drafts):
        raise typer.Exit(1)


def _sent_hint(result: ComposeResult) -> None:
    """How to mark a draft sent, with the ids the history gave them (none with --no-log)."""
    ids = [d.history_id for d in result.drafts if d.history_id]
    if len(ids) == 1:
        io.note(f"Kept in the history as draft #{ids[0]}; once it has gone: composer sent {ids[0]}")
    elif ids:
        io.note(
            "Kept in the history (each draft's #id is in its heading); once one has gone: "
            f"composer sent ID (e.g. composer sent {ids[0]})"
        )


def _drafts_text(result: ComposeResult) -> Any:
    from composer.cli.render import draft_text

    if result.nothing_to_send:
        return io.Styled(result.nothing_to_send)
    out = io.Styled()
    for index, item in enumerate(result.drafts, 1):
        out.append("\n" if index > 1 else "")
        out.append_styled(draft_text(item, index, len(result.drafts)))
    return out


def _draft_batch(
    folder: Path,
    out: Path | None,
    drafter: Drafter,
    kinds: list[Kind] | None,
    channel: Channel,
    jobs: int,
    force: bool,
    fmt: Format,
) -> None:
    """`draft --batch DIR`: a folder of drafts per notes file, a progress bar on a terminal."""
    from rich.progress import Progress

    from composer.batch import run_batch

    err = io.stderr()
    with Progress(console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("Drafting", total=None)
        report = run_batch(
            folder,
            out,
            drafter=drafter,
            kinds=kinds,
            channel=channel,
            jobs=jobs,
            force=force,
            progress=lambda done, total, _: bar.update(task, completed=done, total=total),
        )
    for level, line in report.problems():  # on stderr in JSON mode too
        (io.error if level == "error" else io.warn)(line)
    io.emit(report.report(), fmt, lambda _: report.summary())
    raise typer.Exit(report.exit_code)


def register(app: typer.Typer, guard: Callable[[Any], Any]) -> None:
    """Add `draft` to the app; `guard` maps errors to exit codes."""
    app.command(epilog=EPILOG)(guard(draft))
