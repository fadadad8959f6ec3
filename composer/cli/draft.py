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
from composer.errors import InputError, OutputError

if TYPE_CHECKING:
    from composer.kinds import Kind
    from composer.llm import ChatClient
    from composer.models import ComposeResult
    from composer.settings import Config

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
    from composer.history import Recorder
    from composer.kinds import Channel
    from composer.pipeline import compose
    from composer.prompts import provenance

    config = inputs.config(disable, templates)
    phone = channel is ChannelChoice.PHONE
    endpoint = inputs.endpoint(config, offline or phone, model, base_url, timeout, repair_rounds)
    client = inputs.client(endpoint)
    if batch is not None:
        if notes is not None:
            raise InputError("Give either NOTES or --batch DIR, not both.")
        _draft_batch(batch, out, kinds_from(kind), jobs, client, config, force, fmt)
        return
    loaded = inputs.load_notes(notes, client, config.templates)
    # Recorded before any model call, so a crash or a dead endpoint never loses pasted notes.
    with Recorder.start(loaded.notes, loaded.source_text, no_log) as log:
        tracked = log.tracked(loaded.notes)
        if fmt is Format.TEXT:
            if tracked.outcome is not loaded.notes.outcome:
                io.note(f"Outcome from the history: {tracked.outcome}.")
            if endpoint is None and not offline and not phone:
                io.note(
                    "No model configured (set OPENAI_API_KEY or OPENAI_BASE_URL): "
                    "writing template drafts offline."
                )
            elif endpoint is not None:
                io.note(f"Drafting with {endpoint.label}...")
        result = compose(
            tracked,
            kinds_from(kind),
            offline=client is None,
            settings=config.rules,
            templates=config.templates,
            client=client,
            channel=Channel(channel.value),
        )
        result.warnings[:0] = loaded.warnings
        for item in result.drafts:
            log.draft(item, **provenance(item, tracked, config.rules, config.templates))
    if out is not None:
        _write_drafts(out, result.drafts, force)
    if fmt is Format.TEXT:
        for message in result.warnings:
            io.warn(message)
    io.emit(result, fmt, _drafts_text)
    if not all(d.report.passed for d in result.drafts):
        raise typer.Exit(1)


def _drafts_text(result: ComposeResult) -> Any:
    from rich.console import Group

    from composer.cli.render import draft_text

    total = len(result.drafts)
    return Group(*(draft_text(item, i, total) for i, item in enumerate(result.drafts, 1)))


def _draft_batch(
    folder: Path,
    out: Path | None,
    kinds: list[Kind] | None,
    jobs: int,
    client: ChatClient | None,
    config: Config,
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
            kinds=kinds,
            jobs=jobs,
            client=client,
            settings=config.rules,
            templates=config.templates,
            force=force,
            progress=lambda done, total, _: bar.update(task, completed=done, total=total),
        )
    if fmt is Format.TEXT:
        for level, line in report.problems():
            (io.error if level == "error" else io.warn)(line)
    io.emit(report.report(), fmt, lambda _: report.summary())
    raise typer.Exit(report.exit_code)


def _write_drafts(folder: Path, drafts: list[Any], force: bool) -> None:
    from composer.files import atomic_write

    names = {"email": "", "phone": "-call", "voicemail": "-voicemail"}
    targets = {folder / f"{d.kind}{names[d.channel]}.txt": d for d in drafts}
    existing = [p.name for p in targets if p.exists()]
    if existing and not force:
        raise OutputError(
            f"{', '.join(existing)} already exist in {folder}; nothing was "
            "written. Use --force to replace them, or choose another --out."
        )
    try:
        for path, item in targets.items():
            atomic_write(path, item.message.text + "\n")
    except OSError as exc:
        raise OutputError(f"Cannot write to {folder}: {exc.strerror or exc}.") from None
    io.note(f"Wrote {', '.join(p.name for p in targets)} to {folder}.")


def register(app: typer.Typer, guard: Callable[[Any], Any]) -> None:
    """Add `draft` to the app; `guard` maps errors to exit codes."""
    app.command(epilog=EPILOG)(guard(draft))
