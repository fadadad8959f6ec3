"""The user's terminal, for questions asked while standard input holds the notes."""

from __future__ import annotations

import sys
from typing import TextIO


class Terminal:
    """/dev/tty opened for reading and for writing (a tty cannot be opened 'r+' as text)."""

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

    def ask(self, prompt: str) -> str | None:
        """Write the prompt, read one line; None at end of input."""
        self.writer.write(prompt)
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
