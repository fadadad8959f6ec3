"""The terminal: stdout carries the product, stderr the diagnostics, and every piece of text
from the user, the notes, the file system or a server is printed as plain text, here.

Every console composer prints through is made by `console()`: rich markup and emoji codes are
off, so `[m/w/d]` in a role or `[/]` in a model's refusal is printed as written. Styles are
applied only to composer's own words (`styled`), never parsed out of text.

Nothing printed carries a control character a terminal would act on (`plain()`): an escape
sequence from a server or the notes could clear the screen, hide text, retitle the window,
write the clipboard (OSC 52) or plant a link (OSC 8). They are shown escaped (`\x1b`), so a
reader sees that something was there; only line breaks and tabs pass.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator
from datetime import date
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any, TextIO

from composer.errors import InputError

if TYPE_CHECKING:
    from pydantic import BaseModel
    from rich.console import Console, RenderableType
    from rich.text import Text


class Format(StrEnum):
    """What a command prints on stdout: text for people, or one JSON document for scripts."""

    TEXT = "text"
    JSON = "json"


# What rich removes from any text it prints (bell, backspace, vertical tab, form feed, CR):
# removed here too, so text to a pipe is what rich would print there.
_STRIPPED = dict.fromkeys((7, 8, 11, 12, 13))
# Every other C0 control but line break and tab, DEL, and the C1 controls (U+0080-U+009F;
# U+009B is CSI to some terminals): what a terminal acts on instead of showing.
_CONTROL = re.compile(r"[\x00-\x06\x0e-\x1f\x7f-\x9f]")
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # either of the two
# The same in a JSON document: C0 is escaped by the JSON encoder already, DEL and C1 are not.
_JSON_CONTROL = re.compile(r"[\x7f-\x9f]")


def plain(text: str) -> str:
    """`text` safe to print: rich's stripped controls removed, every other control character
    shown escaped ('\\x1b[2J'), line breaks and tabs kept."""
    if _UNSAFE.search(text) is None:  # the usual case: nothing to do
        return text
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text.translate(_STRIPPED))


def console(file: TextIO | None = None, *, stderr: bool = False) -> Console:
    """A console that prints text as written: no markup, no emoji codes, no highlighting, and
    no control character from the text (see `plain`)."""
    return _plain_console()(
        file=file, stderr=stderr, markup=False, emoji=False, highlight=False, soft_wrap=True
    )


@cache
def _plain_console() -> type[Console]:
    """The console class, made once and only when a console is needed (rich loads lazily)."""
    from rich.console import Console
    from rich.segment import Segment

    class PlainConsole(Console):
        """Text reaches the terminal through `plain()`: strings before rich measures them,
        and every segment of every renderable (tables, Text made elsewhere) on the way out.
        rich's own control segments (colours, cursor moves of a progress bar) pass."""

        def render_str(self, text: str, **kwargs: Any) -> Text:
            return super().render_str(plain(text), **kwargs)

        def render(self, renderable: Any, options: Any = None) -> Iterator[Segment]:
            for segment in super().render(renderable, options):
                if segment.control is None and _UNSAFE.search(segment.text) is not None:
                    yield Segment(plain(segment.text), segment.style)
                else:
                    yield segment

    return PlainConsole


def stdout() -> Console:
    """The product: drafts, reports, tables (made per call: tests swap sys.stdout)."""
    return console()


def stderr() -> Console:
    """Diagnostics: notices, warnings, errors, progress."""
    return console(stderr=True)


class Styled:
    """Text with styles on spans of it, made of composer's words and of text as written (never
    parsed as markup). Printed to a terminal through rich; to a pipe or a file as plain text,
    without importing rich at all (a tenth of composer's start-up)."""

    __slots__ = ("plain", "spans")

    def __init__(self, text: str = "", style: str = "") -> None:
        self.plain = ""
        self.spans: list[tuple[int, int, str]] = []
        self.append(text, style)

    def append(self, text: str, style: str = "") -> Styled:
        """Add text at the end, in `style` (control characters made safe by `plain`)."""
        text = plain(text)
        if style and text:
            self.spans.append((len(self.plain), len(self.plain) + len(text), style))
        self.plain += text
        return self

    def append_styled(self, other: Styled) -> Styled:
        offset = len(self.plain)
        self.plain += other.plain
        self.spans += [(start + offset, end + offset, style) for start, end, style in other.spans]
        return self

    def stylize(self, style: str, start: int, end: int) -> None:
        """Style a span that is already there."""
        start, end = max(start, 0), min(end, len(self.plain))
        if start < end:
            self.spans.append((start, end, style))

    def __rich__(self) -> Text:
        from rich.text import Text

        text = Text(self.plain)
        for start, end, style in self.spans:
            text.stylize(style, start, end)
        return text


def styled(*parts: str | tuple[str, str]) -> Styled:
    """Text from pieces, each plain or (text, style); nothing inside is interpreted."""
    out = Styled()
    for part in parts:
        out.append(*((part,) if isinstance(part, str) else part))
    return out


def _show(message: str | Styled | RenderableType, style: str, *, err: bool) -> None:
    """Print on stdout or stderr. Text to a file or a pipe is written as rich would write it
    there (control codes stripped, tabs expanded, no colour) without building a console;
    rich is imported only for terminals, tables and progress bars."""
    stream = sys.stderr if err else sys.stdout
    if isinstance(message, str | Styled) and not _colours(stream):
        text = plain(message) if isinstance(message, str) else message.plain
        stream.write("\n".join(line.expandtabs(8) for line in text.split("\n")) + "\n")
        return
    if isinstance(message, Styled):
        message = message.__rich__()
    console(stderr=err).print(message, style=style or None)


def _colours(stream: TextIO) -> bool:
    """Whether rich would style this stream: a terminal, or colour forced."""
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1":
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def say(message: str | Styled | RenderableType, style: str = "") -> None:
    """One line (or renderable) of the product on stdout."""
    _show(message, style, err=False)


def note(message: str) -> None:
    """A dim notice on stderr: what composer is doing, where it wrote."""
    _show(message, "dim", err=True)


def warn(message: str) -> None:
    _show(styled(("warning: ", "yellow"), message), "", err=True)


def error(message: str) -> None:
    _show(styled(("error: ", "bold red"), message), "", err=True)


def interrupted() -> None:
    """Ctrl-C before a command could catch it (while composer starts): one line, exit 130."""
    try:
        sys.stderr.write("Interrupted.\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr closed: the exit status says it
        pass
    raise SystemExit(130)


def emit(
    obj: BaseModel,
    fmt: Format,
    render: Callable[[Any], Styled | RenderableType | str] | None = None,
) -> None:
    """The product of a command: in JSON mode the model's own dump, exactly one document; in
    text mode what `render` makes of it."""
    if fmt is Format.JSON:
        # DEL and C1 controls as \u escapes: the same JSON, safe on a terminal.
        dumped = _JSON_CONTROL.sub(
            lambda m: f"\\u{ord(m.group()):04x}", obj.model_dump_json(indent=2)
        )
        sys.stdout.write(dumped + "\n")
    elif render is not None:
        say(render(obj))


def write(text: str) -> None:
    """Text for stdout as it is (a template, a prompt): no console in between, and no control
    character (`plain`)."""
    sys.stdout.write(plain(text))


def day(value: date | None) -> str:
    """'Thu 12 Nov 2026', or '-' for no date."""
    return f"{value:%a} {value.day} {value:%b %Y}" if value else "-"


def plural(count: int, word: str) -> str:
    """'1 draft', '2 drafts'."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def interactive() -> bool:
    """Whether a person is at the keyboard (standard input is a terminal)."""
    return sys.stdin is not None and sys.stdin.isatty()


def confirm(question: str) -> bool:
    """Ask yes or no on the terminal (default no); the question is printed through `plain`."""
    import typer

    return typer.confirm(plain(question), default=False)


def read_stdin(what: str) -> bytes:
    """Standard input, at most 1 MB and a byte; asks for a paste when it is a terminal."""
    if sys.stdin is None:
        raise InputError(f"No {what} given and there is no standard input to read.")
    if sys.stdin.isatty():
        end = "Ctrl-Z then Enter" if os.name == "nt" else "Ctrl-D"
        note(f"Paste your {what}, then press {end} on an empty line:")
    return sys.stdin.buffer.read(1_000_001)


class Terminal:
    """/dev/tty opened for reading and for writing (a tty cannot be opened 'r+' as text), for
    questions asked while standard input holds the notes, and for `composer review`."""

    def __init__(self, reader: TextIO, writer: TextIO) -> None:
        self.reader = reader
        self.writer = writer

    @classmethod
    def open(cls, need_stdout_tty: bool = False) -> Terminal | None:
        """The controlling terminal, or None when there is none to talk to."""
        if need_stdout_tty and not sys.stdout.isatty():
            return None
        try:
            reader = open("/dev/tty", encoding="utf-8")  # noqa: SIM115  (closed in close())
            writer = open("/dev/tty", "w", encoding="utf-8", buffering=1)  # noqa: SIM115
        except OSError:
            return None
        return cls(reader, writer)

    def console(self) -> Console:
        return console(self.writer)

    def ask(self, prompt: str) -> str | None:
        """Write the prompt, read one line; None at end of input."""
        self.writer.write(plain(prompt))
        self.writer.flush()
        line = self.reader.readline()
        return line.rstrip("\n") if line else None

    def close(self) -> None:
        self.reader.close()
        self.writer.close()

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
