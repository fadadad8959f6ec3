"""The `composer review` session: one draft at a time, with its report, until the user accepts
it or moves on.

Nothing the user typed or accepted is lost: every version is written to the drafts folder's
`.versions/` before the next action, and writes are atomic. A failed edit (the editor exits
with an error, removes the file, saves something too big) or a file that cannot be written is
said plainly and the session goes on at the action prompt.
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
from typing import TYPE_CHECKING, NamedTuple

from composer import outbox
from composer.checker import parse_message
from composer.errors import InputError
from composer.files import private_dirs
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
VERSIONS = ".versions"
MAX_EDIT_BYTES = 100_000  # a follow-up is a few KB; more is a paste gone wrong


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
    raise EditProblem("No editor found: set VISUAL or EDITOR (for example EDITOR=nano).")


class EditProblem(InputError):
    """An edit that did not happen (the editor failed, the file is gone or too big): the draft
    stays as it was and the session goes on."""


def prepare_folder(out: Path) -> None:
    """Make sure the drafts folder and its .versions/ can be written, before any drafting: a
    review that could not keep what it shows must not start. InputError says what is wrong."""
    versions = out / VERSIONS
    for place in (out, versions):
        if place.is_symlink() and not place.exists():
            raise InputError(
                f"{place} is a symbolic link to {os.readlink(place)}, which does not exist; "
                "remove the link (or create its folder), or choose another --out."
            )
        if place.exists() and not place.is_dir():
            what = "composer keeps every version of a draft there" if place == versions else ""
            raise InputError(
                f"{place} is a file, not a folder{'; ' + what if what else ''}. Move it away, "
                "or choose another --out."
            )
    try:
        private_dirs(versions)
        with tempfile.TemporaryFile(dir=versions):
            pass
    except OSError as exc:
        raise InputError(
            f"Cannot write to {versions}: {exc.strerror or exc}. Choose a drafts folder you "
            "can write to with --out."
        ) from None


class Edited(NamedTuple):
    """What the user saved, and anything to tell them about how it was read."""

    text: str
    notice: str | None = None


def edit_in_editor(text: str, folder: Path, name: str = "edit") -> Edited:
    """Open `text` in the user's editor and return what was saved; EditProblem when there is
    no edit to take. The file being edited never stays behind: only text the user changed in
    an edit that failed is kept, in folder/<name>-unsaved-N.txt, and the message says where."""
    try:
        private_dirs(folder)
        fd, temp = tempfile.mkstemp(prefix="editing-", suffix=".txt", dir=folder)
    except OSError as exc:
        raise EditProblem(
            f"Cannot make a file to edit in {folder}: {exc.strerror or exc}. The draft is "
            "unchanged."
        ) from None
    path = Path(temp)
    original = (text + "\n").encode("utf-8")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(original)
        try:
            result = subprocess.run([*editor_command(), str(path)], check=False)
        except OSError as exc:
            raise EditProblem(
                f"Could not start the editor ({exc.strerror or exc}); set VISUAL or EDITOR. "
                "The draft is unchanged."
            ) from None
        raw = _read_edit(path)
        if result.returncode != 0:
            kept = _keep_changed(path, raw, original, folder, name)
            raise EditProblem(
                f"The editor exited with status {result.returncode}; the draft is unchanged"
                + (f" (the text you changed is kept in {kept})." if kept else ".")
            )
        if raw is None:
            raise EditProblem("The editor removed the file; the draft is unchanged.")
        if len(raw) > MAX_EDIT_BYTES:
            kept = _keep_changed(path, raw, original, folder, name)
            raise EditProblem(
                f"The edited draft is over {MAX_EDIT_BYTES // 1000} KB; a follow-up is a few "
                f"hundred words. The draft is unchanged (your text is kept in {kept})."
            )
        return _decoded(raw)
    finally:
        path.unlink(missing_ok=True)


def _read_edit(path: Path) -> bytes | None:
    """What the editor saved (at most a byte past the limit); None when the file is gone."""
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_EDIT_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise EditProblem(
            f"Cannot read the edited file {path}: {exc.strerror or exc}. The draft is unchanged."
        ) from None


def _keep_changed(
    path: Path, raw: bytes | None, original: bytes, folder: Path, name: str
) -> Path | None:
    """Move an edit the session cannot take to a file of its own, if the user changed it."""
    if raw is None or raw == original:
        return None
    kept = outbox.free_path(folder, f"{name}-unsaved", ".txt")
    try:
        os.replace(path, kept)
    except OSError:
        return path  # still there, under its temporary name: better than lost
    return kept


def _decoded(raw: bytes) -> Edited:
    """The edit as text: UTF-8, or (an editor set to a legacy encoding) Windows-1252 / Latin-1,
    said so; EditProblem for something that is not text at all."""
    if b"\x00" in raw:
        raise EditProblem(
            "The editor saved the draft in an encoding composer cannot read (it holds zero "
            "bytes: UTF-16?); save it as UTF-8. The draft is unchanged."
        )
    try:
        return Edited(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return Edited(
        text,
        "The editor saved the draft as Latin-1 (Windows-1252), not UTF-8; composer read it "
        "as such. Check any accented letters, and set your editor to UTF-8.",
    )


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
        edit: Callable[[str, Path, str], Edited] = edit_in_editor,
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

    def _stem(self, draft: Draft) -> str:
        return f"{outbox.interview_stem(self.notes)}-{outbox.draft_stem(draft.kind, draft.channel)}"

    def _keep(self, draft: Draft) -> None:
        """Save a version to disk before anything else can happen to it; a folder that stopped
        being writable is said, and the session goes on (the history still has the version)."""
        self._version += 1
        try:
            saved = outbox.save_version(self.out, self.notes, draft, self._version)
        except OSError as exc:
            self._problem(
                f"Could not keep this version in {self.out / VERSIONS}: {exc.strerror or exc}."
                + (" It is in the history." if draft.history_id else "")
            )
            return
        self.result.versions.append(saved)

    def _problem(self, message: str) -> None:
        self.console.print(message, style="yellow")

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
                if self._accept(draft):
                    return
                continue
            if action == "skip":
                self.result.skipped.append(draft.kind)
                self.session.event("skipped", draft)
                return
            if action == "quit":
                self.result.quit = True
                self.session.event("quit", draft)
                return
            if action == "edit":
                edited = self._edited(draft)
                if edited is not None:
                    draft = edited
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

    def _accept(self, draft: Draft) -> bool:
        """Save the draft as accepted; False (back to the prompt) when the user does not
        confirm a draft that fails an error-level rule, or it cannot be saved."""
        errors = sorted({f.code for f in draft.report.errors})
        if errors:
            answer = self.ask(
                f"This draft fails {len(errors)} error-level rule"
                f"{'s' if len(errors) > 1 else ''} ({', '.join(errors)}). Accept it anyway? "
                "[y/N] "
            )
            if answer.strip().lower() not in ("y", "yes"):
                self.console.print("Not accepted; the draft is unchanged.", style="dim")
                return False
        try:
            saved = outbox.save_accepted(self.out, self.notes, draft)
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            self._problem(
                f"Could not save the draft to {self.out}: {reason}. Nothing was accepted; "
                f"every version so far is in {self.out / VERSIONS}. Fix the folder and press a "
                "again, or q to stop."
            )
            return False
        self.result.accepted.extend(saved)
        self.session.event("accepted", draft, str(saved[0]))
        also = f" and {saved[1].name}" if len(saved) > 1 else ""
        line = f"Saved {saved[0]}{also}"
        if draft.history_id:
            line += (
                f" (draft #{draft.history_id}; once it has gone: composer sent {draft.history_id})"
            )
        self.console.print(line, style="green")
        return True

    def _edited(self, draft: Draft) -> Draft | None:
        """The user's edit, checked like any draft and recorded; kept even when it fails a
        rule (the user decides). None, said why, when there is no edit to take."""
        try:
            edit = self.edit(
                draft.message.text, self.out / VERSIONS, f"{self._stem(draft)}-v{self._version}"
            )
        except EditProblem as exc:
            self._problem(exc.message)
            return None
        if edit.notice:
            self._problem(edit.notice)
        message = parse_message(edit.text)
        if not message.body.strip():
            self._problem("The edited draft is empty; the draft is unchanged.")
            return None
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
