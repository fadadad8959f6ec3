"""`composer review`: one draft at a time, with the report, until the user accepts or moves on.

Nothing the user typed or accepted is lost: every version is written to the drafts folder's
`.versions/` before the next action, writes are atomic, and edits happen in a file that stays.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from composer import outbox
from composer.checker import check_message, parse_message
from composer.errors import InputError
from composer.history import NullRecorder
from composer.models import Draft, InterviewNotes, Kind, Source
from composer.settings import RuleSettings

if TYPE_CHECKING:
    from rich.console import Console

    from composer.history import Recorder

ACTIONS = {
    "a": "accept",
    "e": "edit",
    "r": "regenerate",
    "t": "template",
    "s": "skip",
    "q": "quit",
}
PROMPT = "[a]ccept  [e]dit  [r]egenerate  [t]emplate  [s]kip  [q]uit > "


@dataclass
class Outcome:
    accepted: list[Path] = field(default_factory=list)
    versions: list[Path] = field(default_factory=list)
    skipped: list[Kind] = field(default_factory=list)
    quit: bool = False


def editor_command() -> list[str]:
    """$VISUAL, then $EDITOR, then the first of nano / vi on the PATH."""
    chosen = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if chosen:
        return shlex.split(chosen)
    for name in ("nano", "vi"):
        if shutil.which(name):
            return [name]
    raise InputError("No editor found: set VISUAL or EDITOR (for example EDITOR=nano).")


def edit_in_editor(text: str, folder: Path) -> str:
    """Open `text` in the user's editor; the file stays in .versions/ until the edit is saved."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, name = tempfile.mkstemp(prefix="editing-", suffix=".txt", dir=folder)
    path = Path(name)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text + "\n")
    try:
        result = subprocess.run([*editor_command(), str(path)], check=False)
    except OSError as exc:
        raise InputError(f"Could not start the editor: {exc}. Set VISUAL or EDITOR.") from None
    if result.returncode != 0:
        raise InputError(
            f"The editor exited with status {result.returncode}; the draft is "
            f"unchanged (your text is kept in {path})."
        )
    edited = path.read_text(encoding="utf-8")
    path.unlink(missing_ok=True)
    return edited


class Review:
    """The review loop over a list of drafts; I/O comes in through the constructor."""

    def __init__(
        self,
        notes: InterviewNotes,
        drafts: list[Draft],
        *,
        console: Console,
        ask: Callable[[str], str],
        out: Path,
        settings: RuleSettings,
        regenerate: Callable[[Kind, str | None, int], Draft],
        template: Callable[[Kind], Draft],
        edit: Callable[[str, Path], str] = edit_in_editor,
        recorder: Recorder | None = None,
        can_instruct: bool = False,
    ) -> None:
        self.notes = notes
        self.drafts = drafts
        self.console = console
        self.ask = ask
        self.out = out
        self.settings = settings
        self.regenerate = regenerate
        self.template = template
        self.edit = edit
        self.recorder: Recorder = recorder or NullRecorder()
        self.can_instruct = can_instruct
        self.result = Outcome()
        self._version = 0

    def _keep(self, draft: Draft, status: str) -> int | None:
        """Save a version to disk and history before anything else can happen to it."""
        self._version += 1
        self.result.versions.append(outbox.save_version(self.out, self.notes, draft, self._version))
        return self.recorder.draft(draft, status)

    def run(self) -> Outcome:
        for index, draft in enumerate(self.drafts, 1):
            if self.result.quit:
                break
            self._one(draft, index)
        return self.result

    def _show(self, draft: Draft, index: int) -> None:
        from composer.render import draft_text

        self.console.print(draft_text(draft, index, len(self.drafts)))
        if draft.fallback_reason:
            self.console.print(f"(template, because {draft.fallback_reason})", style="dim")
        if draft.usage.total_tokens:
            self.console.print(
                f"model {draft.model}: {draft.usage.total_tokens} tokens in "
                f"{len(draft.attempts)} call(s)",
                style="dim",
            )

    def _one(self, draft: Draft, index: int) -> None:
        draft_id = self._keep(draft, "drafted")
        variant = 0
        while True:
            self._show(draft, index)
            choice = self.ask(PROMPT).strip().lower()[:1]
            action = ACTIONS.get(choice)
            if action is None:
                self.console.print("Type a, e, r, t, s or q.", style="yellow")
                continue
            if action == "accept":
                txt, eml = outbox.save_accepted(self.out, self.notes, draft)
                self.result.accepted.extend([txt, eml])
                self.recorder.event("accepted", draft_id, str(txt))
                self.console.print(f"Saved {txt} and {eml.name}", style="green")
                return
            if action == "skip":
                self.result.skipped.append(draft.kind)
                self.recorder.event("skipped", draft_id)
                return
            if action == "quit":
                self.result.quit = True
                self.recorder.event("quit", draft_id)
                return
            if action == "edit":
                text = self.edit(draft.message.text, self.out / ".versions")
                message = parse_message(text)
                if not message.subject:
                    message = message.model_copy(update={"subject": draft.subject})
                report = check_message(message, draft.kind, self.notes, self.settings)
                # The edit is kept even when it fails a rule: the user decides.
                draft = Draft(
                    kind=draft.kind,
                    subject=message.subject,
                    body=message.body,
                    source=Source.EDITED,
                    report=report,
                )
                draft_id = self._keep(draft, "edited")
                self.recorder.event("edited", draft_id)
                continue
            if action == "regenerate":
                instruction = None
                if self.can_instruct:
                    instruction = self.ask("Instruction (optional, e.g. 'warmer', 'shorter'): ")
                    instruction = instruction.strip() or None
                else:
                    self.console.print(
                        "No model configured: showing another template wording.", style="dim"
                    )
                variant += 1
                draft = self.regenerate(draft.kind, instruction, variant)
                draft_id = self._keep(draft, "regenerated")
                self.recorder.event("regenerated", draft_id, instruction)
                continue
            if action == "template":
                draft = self.template(draft.kind)
                draft_id = self._keep(draft, "template")
                self.recorder.event("template", draft_id)
                continue
