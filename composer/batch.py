"""Draft every notes file in a folder: one folder of drafts per notes file, bounded concurrency.

Every file goes through the one drafting service (composer.drafting), so a batch draft is
recorded in the history, honours an outcome recorded there and takes the channel, exactly as a
single `composer draft` does; files are written by composer.outbox. Library code: nothing here
prints or exits. Progress goes to a callback; every per-file problem
(unreadable notes, drafts that already exist, a folder that cannot be written) is recorded on
that file's result and the batch carries on with the next file.

`jobs` bounds how many model calls are in flight at once across the whole batch (a rate limit is
per key, not per file), so a batch of F notes files x K kinds against a model that takes T
seconds an answer needs about F x K x T / jobs seconds. Time a call spends queueing for a free
slot does not count against its own time budget.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from composer import outbox
from composer.drafting import Drafter
from composer.errors import ComposerError, InputError
from composer.kinds import Channel, Kind, Source

if TYPE_CHECKING:
    from composer.llm import Deadline, Endpoint, ModelClient
    from composer.models import ComposeResult, ModelReply

NOTES_SUFFIXES = (".txt", ".yaml", ".yml", ".json", ".toml")
DEFAULT_JOBS = 4
DEFAULT_OUT = "drafts"  # under the notes folder when no --out is given


class DraftSummary(BaseModel):
    """One draft of a batch, in brief (the draft itself is in its file)."""

    kind: Kind
    channel: Channel = Channel.EMAIL
    source: Source
    passed: bool
    findings: list[str] = Field(description="the codes of the rules it trips")
    fallback_reason: str | None = None


class FileReport(BaseModel):
    """One notes file of a batch: where its drafts went, or why there are none."""

    notes: str
    folder: str
    error: str | None = None
    written: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    drafts: list[DraftSummary] = Field(default_factory=list)


class BatchReport(BaseModel):
    """`composer draft --batch DIR --format json`: every notes file, in the folder's order."""

    folder: str
    out: str
    seconds: float
    files: list[FileReport]


class BatchInterrupted(ComposerError):
    """Ctrl-C during a batch: files already finished keep their drafts."""

    exit_code = 130


@dataclass
class FileResult:
    """What happened to one notes file: its drafts and where they went, or why it failed."""

    source: Path
    folder: Path
    written: list[Path] = field(default_factory=list)
    result: ComposeResult | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def failing(self) -> list[Any]:
        """Drafts that break an error-level rule (written all the same, as a single draft is)."""
        return [d for d in self.result.drafts if not d.report.passed] if self.result else []

    def report(self) -> FileReport:
        drafts = self.result.drafts if self.result else []
        return FileReport(
            notes=str(self.source),
            folder=str(self.folder),
            error=self.error,
            written=[str(p) for p in self.written],
            warnings=self.result.warnings if self.result else [],
            drafts=[
                DraftSummary(
                    kind=d.kind,
                    channel=d.channel,
                    source=d.source,
                    passed=d.report.passed,
                    findings=[f.code for f in d.report.findings],
                    fallback_reason=d.fallback_reason,
                )
                for d in drafts
            ],
        )


@dataclass
class BatchResult:
    """Every notes file's outcome, in the folder's (sorted) order."""

    folder: Path
    out: Path
    files: list[FileResult]
    seconds: float

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if not f.ok]

    @property
    def drafts(self) -> int:
        """Drafts written to a file: what the summary counts (a file that failed has none)."""
        return sum(len(f.written) for f in self.files)

    @property
    def exit_code(self) -> int:
        """2 when a notes file could not be drafted, 1 when a draft fails a check, else 0."""
        if self.failed:
            return 2
        return 1 if any(f.failing for f in self.files) else 0

    def problems(self) -> list[tuple[str, str]]:
        """('error', line) per failed file, ('warning', line) per failing draft and per notes
        warning, each line naming its notes file: what the user should read after a batch."""
        lines = [("error", f"{f.source.name}: {f.error}") for f in self.failed]
        for item in self.files:
            for draft in item.failing:
                codes = ", ".join(sorted({e.code for e in draft.report.errors}))
                lines.append(
                    ("warning", f"{item.source.name}: the {draft.kind} draft fails {codes}")
                )
            for message in item.result.warnings if item.result else []:
                lines.append(("warning", f"{item.source.name}: {message}"))
        return lines

    def summary(self) -> str:
        """One line: how many files and drafts, how many failed, where they went, how long."""
        done = len(self.files) - len(self.failed)
        failing = sum(len(f.failing) for f in self.files)
        parts = [
            f"Drafted {self.drafts} message{'s' if self.drafts != 1 else ''} for {done} of "
            f"{len(self.files)} notes file{'s' if len(self.files) != 1 else ''} into {self.out}"
        ]
        if failing:
            parts.append(f"{failing} fail a check")
        if self.failed:
            parts.append(f"{len(self.failed)} file{'s' if len(self.failed) != 1 else ''} failed")
        return "; ".join(parts) + f" ({self.seconds:.1f} s)."

    def report(self) -> BatchReport:
        """What `draft --batch --format json` prints."""
        return BatchReport(
            folder=str(self.folder),
            out=str(self.out),
            seconds=round(self.seconds, 3),
            files=[f.report() for f in self.files],
        )


Progress = Callable[[int, int, FileResult], None]  # (files done, files in total, the one done)


def notes_files(folder: Path) -> list[Path]:
    """The notes files directly in `folder` (not in subfolders), sorted by name."""
    try:
        if not folder.is_dir():
            what = "does not exist" if not folder.exists() else "is not a folder"
            raise InputError(f"The batch folder {folder} {what}.")
        found = [
            p
            for p in folder.iterdir()
            if p.suffix.lower() in NOTES_SUFFIXES and not p.name.startswith(".") and p.is_file()
        ]
    except OSError as exc:
        raise InputError(f"Cannot read the folder {folder}: {exc.strerror or exc}.") from None
    if not found:
        kinds = ", ".join(f"*{s}" for s in NOTES_SUFFIXES)
        raise InputError(f"No notes files ({kinds}) in {folder}.")
    return sorted(found, key=lambda p: p.name.lower())


def output_folders(files: list[Path], out: Path) -> dict[Path, Path]:
    """out/<name without extension>; 'a.txt' and 'a.yaml' side by side get 'a-txt', 'a-yaml'.

    Every folder is distinct, compared without case (as macOS and Windows compare names): a
    name already taken, say 'a-txt' by 'a-txt.json', gets the next free '-2', '-3'."""
    stems: dict[str, int] = {}
    for path in files:
        stems[path.stem.casefold()] = stems.get(path.stem.casefold(), 0) + 1
    wanted = {
        p: p.stem if stems[p.stem.casefold()] == 1 else f"{p.stem}-{p.suffix.lstrip('.')}"
        for p in files
    }
    # Names no other file would like to have are settled first, so they never move.
    counts: dict[str, int] = {}
    for name in wanted.values():
        counts[name.casefold()] = counts.get(name.casefold(), 0) + 1
    taken = {name.casefold() for name in wanted.values() if counts[name.casefold()] == 1}
    folders: dict[Path, Path] = {}
    for path in files:
        name = wanted[path]
        if counts[name.casefold()] > 1:
            base, number = name, 2
            while name.casefold() in taken:
                name, number = f"{base}-{number}", number + 1
            taken.add(name.casefold())
        folders[path] = out / name
    return folders


class Throttle:
    """A ModelClient that lets at most `jobs` model calls run at once, whichever file or kind
    they are for.

    The wait for a slot is added back to the call's deadline: a draft's time budget is for the
    model, not for the queue in front of it.
    """

    def __init__(self, client: ModelClient, jobs: int) -> None:
        self.client = client
        self.slots = threading.BoundedSemaphore(jobs)

    @property
    def endpoint(self) -> Endpoint:
        return self.client.endpoint

    def reply(self, messages: list[dict[str, str]], deadline: Deadline) -> ModelReply:
        queued = time.monotonic()
        with self.slots:
            deadline.ends += time.monotonic() - queued
            return self.client.reply(messages, deadline)


def _draft_one(
    source: Path,
    folder: Path,
    drafter: Drafter,
    kinds: list[Kind] | None,
    channel: Channel,
    force: bool,
    stop: threading.Event,
) -> FileResult:
    from composer.notes import read_notes_file

    item = FileResult(source=source, folder=folder)
    try:
        if stop.is_set():
            item.error = "not drafted: the batch was interrupted"
            return item
        loaded = read_notes_file(source)
        with drafter.open(loaded.notes, loaded.source_text) as session:
            planned = session.planned(kinds, channel)
            outbox.refuse_existing(folder, [outbox.file_name(*p) for p in planned], force)
            result = session.draft(kinds, channel=channel)
        result.warnings[:0] = loaded.warnings
        item.result = result
        if stop.is_set():
            item.error = "not written: the batch was interrupted"
            return item
        item.written = outbox.write_drafts(folder, result.drafts, force)
    except ComposerError as exc:
        item.error = exc.message
    except Exception as exc:  # a bug must not cost the rest of the batch its drafts
        item.error = f"unexpected problem ({type(exc).__name__}: {exc})"
    return item


def run_batch(
    folder: Path,
    out: Path | None = None,
    *,
    drafter: Drafter | None = None,
    kinds: Iterable[Kind | str] | None = None,
    channel: Channel = Channel.EMAIL,
    jobs: int = DEFAULT_JOBS,
    force: bool = False,
    progress: Progress | None = None,
) -> BatchResult:
    """Draft every notes file in `folder` into `out/<notes name>/`, one file per draft, with the
    drafting service every single draft uses (and its history).

    Offline (a drafter without a client) every draft comes from the templates. With a client,
    at most `jobs` model calls run at once across the batch. A file that cannot be drafted is
    recorded with its reason and the others carry on; existing drafts are only replaced with
    `force`.
    """
    if jobs < 1:
        raise InputError("--jobs must be at least 1.")
    started = time.monotonic()
    files = notes_files(folder)
    out = out if out is not None else folder / DEFAULT_OUT
    folders = output_folders(files, out)
    wanted = list(dict.fromkeys(Kind(k) for k in kinds)) if kinds else None
    drafter = drafter or Drafter()
    if drafter.client is not None:
        drafter = replace(drafter, client=Throttle(drafter.client, jobs))
    stop = threading.Event()
    results: dict[Path, FileResult] = {}
    pool = ThreadPoolExecutor(max_workers=min(jobs, len(files)), thread_name_prefix="batch")
    try:
        futures = [
            pool.submit(_draft_one, path, folders[path], drafter, wanted, channel, force, stop)
            for path in files
        ]
        for done, future in enumerate(as_completed(futures), 1):
            item = future.result()
            results[item.source] = item
            if progress is not None:
                progress(done, len(files), item)
    except KeyboardInterrupt:
        stop.set()
        pool.shutdown(wait=False, cancel_futures=True)
        raise BatchInterrupted(
            f"Interrupted after {len(results)} of {len(files)} notes files; their drafts are "
            f"in {out}."
        ) from None
    pool.shutdown(wait=True)
    return BatchResult(
        folder=folder,
        out=out,
        files=[results[p] for p in files],
        seconds=time.monotonic() - started,
    )
