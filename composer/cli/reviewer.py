"""The `composer review` session: one draft at a time, with its report, until the user accepts
it or moves on.

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

from composer import files, outbox
from composer.checker import parse_message
from composer.errors import InputError
from composer.kinds import Channel
from composer.models import Draft, Kind, Source

if TYPE_CHECKING:
    from rich.console import Console

    from composer.drafting import Session

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
    files.private_dirs(folder)  # 0700 with every parent it makes, whatever the umask
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
    """The review loop over one interview's drafts; I/O comes in through the constructor, and
    every draft, redraft and check goes through the drafting session (which records them)."""

    def __init__(
        self,
        session: Session,
        drafts: list[Draft],
        *,
        console: Console,
        ask: Callable[[str], str],
        out: Path,
        edit: Callable[[str, Path], str] = edit_in_editor,
    ) -> None:
        self.session = session
        self.notes = session.notes
        self.drafts = drafts
        self.console = console
        self.ask = ask
        self.out = out
        self.edit = edit
        self.result = Outcome()
        self._version = 0

    def _keep(self, draft: Draft) -> None:
        """Save a version to disk before anything else can happen to it."""
        self._version += 1
        self.result.versions.append(outbox.save_version(self.out, self.notes, draft, self._version))

    def run(self) -> Outcome:
        for index, draft in enumerate(self.drafts, 1):
            if self.result.quit:
                break
            self._one(draft, index)
        return self.result

    def _show(self, draft: Draft, index: int) -> None:
        from composer.cli.render import draft_text

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
        self._keep(draft)
        variant = 0
        while True:
            self._show(draft, index)
            choice = self.ask(PROMPT).strip().lower()[:1]
            action = ACTIONS.get(choice)
            if action is None:
                self.console.print("Type a, e, r, t, s or q.", style="yellow")
                continue
            if action == "accept":
                saved = outbox.save_accepted(self.out, self.notes, draft)
                self.result.accepted.extend(saved)
                self.session.event("accepted", draft, str(saved[0]))
                also = f" and {saved[1].name}" if len(saved) > 1 else ""
                self.console.print(f"Saved {saved[0]}{also}", style="green")
                return
            if action == "skip":
                self.result.skipped.append(draft.kind)
                self.session.event("skipped", draft)
                return
            if action == "quit":
                self.result.quit = True
                self.session.event("quit", draft)
                return
            if action == "edit":
                draft = self._edited(draft)
                self._keep(draft)
                self.session.event("edited", draft)
                continue
            if action == "regenerate":
                instruction = None
                if self.session.can_instruct and draft.channel is Channel.EMAIL:
                    instruction = self.ask("Instruction (optional, e.g. 'warmer', 'shorter'): ")
                    instruction = instruction.strip() or None
                elif draft.channel is not Channel.EMAIL:
                    self.console.print(
                        "Call scripts come from the templates: showing another wording.",
                        style="dim",
                    )
                else:
                    self.console.print(
                        "No model configured: showing another template wording.", style="dim"
                    )
                variant += 1
                draft = self.session.redraft(
                    draft.kind, channel=draft.channel, instruction=instruction, variant=variant
                )
                self._keep(draft)
                self.session.event("regenerated", draft, instruction)
                continue
            if action == "template":
                draft = self.session.template(draft.kind, channel=draft.channel)
                self._keep(draft)
                self.session.event("template", draft)
                continue

    def _edited(self, draft: Draft) -> Draft:
        """The user's edit, checked like any draft and recorded; kept even when it fails a
        rule: the user decides."""
        text = self.edit(draft.message.text, self.out / ".versions")
        message = parse_message(text)
        if not message.subject and draft.channel is Channel.EMAIL:
            message = message.model_copy(update={"subject": draft.subject})
        report = self.session.check(message, draft.kind, draft.channel)
        edited = Draft(
            kind=draft.kind,
            subject=message.subject,
            body=message.body,
            source=Source.EDITED,
            report=report,
            channel=draft.channel,
        )
        return self.session.keep(edited, "edited")
