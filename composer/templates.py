"""One Jinja environment over `prompts/` (a user folder can override any template) and one
template context, shared by the offline message templates (prompts/messages/) and the model
prompts (prompts/llm/).

`context()` computes, once and in Python, every variable either kind of template may use.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import re
import stat
import zlib
from datetime import date
from functools import cache, lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from composer import phrasing
from composer.dates import human
from composer.errors import ConfigError
from composer.files import private_dirs
from composer.kinds import Kind, Tone

if TYPE_CHECKING:
    from composer.models import InterviewNotes

_PACKAGE_DIR = Path(__file__).resolve().parent


def builtin_dir() -> Path:
    """`composer/prompts` in an installed wheel, the top-level `prompts/` in a checkout."""
    for candidate in (_PACKAGE_DIR / "prompts", _PACKAGE_DIR.parent / "prompts"):
        if candidate.is_dir():
            return candidate
    raise ConfigError("composer's templates are missing from this installation; reinstall it.")


# A point composer.phrasing could not place, read as a noun phrase ('the way the studio
# critiques work', 'how much responsibility ...') after 'hearing about'; else as a clause.
_PHRASE_START = re.compile(r"(?:the\s+way|how|what|why|where|which)\b|\w+ing\b", re.IGNORECASE)


def _point(
    learned: phrasing.Point | None, reaffirmed: phrasing.Point | None, topics: list[str]
) -> tuple[str, str]:
    """The notes' one point to mention, in the form a message says it, and the word that
    leads into it after 'hearing' ('that' or 'about'); ('', '') when there is none."""
    for item in (learned, reaffirmed):
        if item is not None and item.text:
            if item.clause:
                return str(item.text), "that"
            if item.phrase or _PHRASE_START.match(item.text):
                return str(item.text), "about"
            return str(item.text), "that"
    return (topics[0], "about") if topics else ("", "")


def squash(value: str) -> str:
    """Collapse the line breaks and indentation of a template paragraph into single spaces."""
    return re.sub(r"\s+", " ", value).strip()


def _private(info: os.stat_result) -> bool:
    """Whether a file or folder is the user's alone to change: theirs, and not writable by the
    group or others (where the system has owners at all)."""
    if not hasattr(os, "getuid"):
        return True
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between runs: only ever a speed-up, so a cache file that cannot
    be read or written is ignored (Jinja re-checks each file against its template's source).

    Jinja unpickles these files, so one is read only when it is the user's alone: a file that
    another user made or could have changed is never loaded."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        path = os.path.join(self.directory, self.pattern % (bucket.key,))
        try:
            with open(path, "rb") as handle:
                info = os.fstat(handle.fileno())
                if not stat.S_ISREG(info.st_mode) or not _private(info):
                    return
                bucket.load_bytecode(handle)
        except FileNotFoundError:
            return
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """The user's cache folder: compiling the templates otherwise costs each run ~10 ms.

    Created user-only (0700, with any parent composer creates); a folder that is not the
    user's alone (another owner, or writable by others) is not used at all."""
    from platformdirs import user_cache_dir

    folder = Path(user_cache_dir("composer", appauthor=False)) / "templates"
    try:
        private_dirs(folder)
        info = folder.stat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or not _private(info):
        return None
    return _QuietBytecodeCache(str(folder))


# What a user's template may build: Jinja's sandbox already caps range() at 100,000 items;
# `*` and `**` are capped too, so '{{ "x" * 10**10 }}' is an error, not 10 GB of memory.
_MAX_BUILT = 1_000_000


@cache
def sandbox() -> type[jinja2.Environment]:
    """The environment class a user's templates folder is rendered in (made on first use):
    Jinja's sandbox, so no attribute reaches Python's internals (`cycler.__init__.__globals__`)
    and no unsafe call is made, with `*` and `**` bounded as well."""
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import SandboxedEnvironment

    class UserTemplates(SandboxedEnvironment):
        intercepted_binops = frozenset(["*", "**"])

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, int) and abs(right) > 1_000:
                raise SecurityError("the exponent is too large for a template")
            if operator == "*":
                for seq, times in ((left, right), (right, left)):
                    sized = isinstance(seq, str | list | tuple) and isinstance(times, int)
                    if sized and len(seq) * times > _MAX_BUILT:
                        raise SecurityError("the text would be too long for a template")
            return super().call_binop(context, operator, left, right)

    return UserTemplates


@lru_cache(maxsize=8)
def environment(user_dir: Path | None = None) -> jinja2.Environment:
    """Templates are compiled once per process; a user folder's files win over the built-ins.

    With a user folder, every template is rendered in the sandbox (a folder's composer.toml may
    have chosen it, and its files are code) and nothing is cached on disk for it."""
    if user_dir is not None and not _is_dir(user_dir):
        raise ConfigError(f"The templates folder {user_dir} does not exist.")
    search = [str(user_dir)] if user_dir else []
    env = (sandbox() if user_dir else jinja2.Environment)(
        loader=jinja2.FileSystemLoader([*search, str(builtin_dir())]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # plain-text email and prompts, never HTML
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=None if user_dir else _bytecode_cache(),
    )
    env.filters["squash"] = squash
    return env


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long to look up
        return False


def render(name: str, user_dir: Path | None = None, **context: object) -> str:
    """Render one template; a template error names the file so a user can fix their override.
    A user's template that is not UTF-8, or fails in any way, is a ConfigError (exit 2); a
    built-in one that fails is a bug of composer's and is not disguised as the user's."""
    env = environment(user_dir)
    try:
        template = env.get_template(name)
    except jinja2.TemplateNotFound:
        raise ConfigError(f"No template named {name}.") from None
    except jinja2.TemplateSyntaxError as exc:
        raise _failed(exc.filename or name, exc.lineno, exc.message) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"The template {name} in {user_dir} is not UTF-8 text (byte {exc.start}); save it "
            "as UTF-8."
        ) from None
    except OSError as exc:
        raise ConfigError(f"Cannot read the template {name}: {exc.strerror or exc}.") from None
    try:
        return template.render(**context)
    except jinja2.TemplateError as exc:
        raise _failed(
            template.filename or name, getattr(exc, "lineno", None), exc.message
        ) from None
    except Exception as exc:  # RecursionError, ZeroDivisionError, ...
        if user_dir is None:
            raise
        raise _failed(template.filename or name, None, f"{type(exc).__name__}: {exc}") from None


def _failed(where: str, line: int | None, message: str | None) -> ConfigError:
    """'The template FILE failed (line 3): what went wrong.'"""
    at = f" (line {line})" if line else ""
    return ConfigError(f"The template {where} failed{at}: {(message or 'an error').rstrip('.')}.")


def notes_data(notes: InterviewNotes) -> dict[str, Any]:
    """The notes as the model sees them: the fields given, plus what composer derived."""
    data = notes.model_dump(mode="json", exclude_none=True, exclude_defaults=False)
    data = {k: v for k, v in data.items() if v not in ([], "")}
    data["interview_weekday"] = f"{notes.interview_date:%A}"
    return data


def notes_json(notes: InterviewNotes) -> str:
    """The notes as JSON data for a prompt; '</' is escaped so notes cannot close their tag."""
    return json.dumps(notes_data(notes), indent=2, ensure_ascii=False, default=str).replace(
        "</", "<\\/"
    )


def context(
    notes: InterviewNotes,
    kind: Kind | None = None,
    *,
    variant: int = 0,
    today: date | None = None,
) -> dict[str, Any]:
    """Every variable a template may use, for offline drafts and model prompts alike.

    The prompts' variables never depend on today (a prompt must not change from day to day);
    `weekday` and `interview_date` do, and only the offline templates use them. `variant`
    picks other wordings (`pick`) of the same template.
    """
    recipient = notes.recipient
    others = [p.plain_name for p in notes.interviewers if p.name != recipient.name]
    # 'on Tuesday' is clear within the week; later it needs the date.
    recent = ((today or date.today()) - notes.interview_date).days <= 6
    # Whether the reader sat in the interview, or (a recruiter, say) only arranged it.
    met = len(others) < len(notes.interviewers)
    seed = zlib.crc32(f"{notes.candidate}|{notes.company}|{notes.role}".encode()) + variant
    day = notes.interview_date
    # Each note in the form its slot takes (composer.phrasing): a phrase after 'about' or
    # 'build on', a clause after 'learn that', a sentence on its own; reaffirmed is never a
    # topic, and a note written as a sentence is never spliced into a phrase slot.
    learned = phrasing.learned(notes.learned)
    reaffirmed = phrasing.reaffirmed(notes.reaffirmed)
    topics = phrasing.distinct(map(phrasing.topic, notes.topics))[:2]
    topic_phrases = [p.phrase for p in topics if p.phrase]
    highlights = phrasing.distinct(map(phrasing.highlight, notes.highlights))[:2]
    highlight_phrases = phrasing.join(p.phrase for p in highlights if p.phrase)
    company = phrasing.organisation(notes.company)  # 'the Crown Prosecution Service'
    return {
        "n": notes,
        "kind": kind.value if kind else "",
        "notes_json": notes_json(notes),
        "candidate": notes.candidate,
        "company": company,
        "role": notes.role,
        # The role's parenthetical, '(September 2027 intake)', is said here and nowhere else.
        "role_phrase": phrasing.role_phrase(notes.role),
        "subject": partial(phrasing.subject, role=notes.role),
        "recipient": recipient.name,
        "recipient_role": (
            "interviewed the candidate"
            if met
            else "arranged the interview but was not in it: thank them for arranging it and "
            "send thanks to the interviewers through them"
        ),
        "reader": recipient.greeting_name(notes.tone),
        "greeting": f"{'Hi' if notes.tone is Tone.WARM else 'Dear'} "
        f"{recipient.greeting_name(notes.tone)},",
        "signature": notes.signature or notes.candidate,
        "tone": notes.tone.value,
        "warm": notes.tone is Tone.WARM,
        "met": met,
        "others": phrasing.join(others),
        # With the weekday and the year: the prompts must not change with today.
        "interview_day": f"{day:%A} {day.day} {day:%B %Y}",
        "decision_day": (
            f"{decided:%A} {decided.day} {decided:%B %Y}" if (decided := notes.decision_by) else ""
        ),
        # As a message says it: '12 November' this year, and 'Tuesday' within the week.
        "interview_date": human(day),
        "weekday": f"{day:%A}" if recent else human(day),
        # The prompts' one point to mention, as the notes wrote it (for user templates that
        # predate 'point'), and as a message says it ('They're moving ...!' -> 'you are
        # moving ...'), with the word that leads into it after 'hearing'.
        "specific": notes.learned or notes.reaffirmed or (notes.topics[0] if notes.topics else ""),
        "point": (point := _point(learned, reaffirmed, topic_phrases))[0],
        "point_lead": point[1],
        "learned": learned.text if learned else "",
        "learned_that": (learned.clause or "") if learned else "",
        "what_learned": (learned.learn or "") if learned else "",
        "reaffirmed": reaffirmed.text if reaffirmed else "",
        "reaffirmed_that": (reaffirmed.clause or "") if reaffirmed else "",
        "topics": phrasing.join(topic_phrases),
        # Topics that are statements: 'interested to hear that you are moving to a hybrid
        # model'; a first-person one ('I think my research fits') only as a sentence.
        "topic_clauses": phrasing.join(p.clause for p in topics if not p.phrase and p.clause),
        "topic_sentences": " ".join(
            p.sentence for p in topics if not (p.phrase or p.clause) and p.sentence
        ),
        "first_topic": topic_phrases[0] if topic_phrases else "",
        "talked_about": topic_phrases[0] if topic_phrases else "",
        "highlights": highlight_phrases,
        # 'build on ___ at the firm', unless the highlight has its own 'at a regional firm'.
        "highlights_at": phrasing.attach(
            highlight_phrases, f" at {company}", " with your team", ""
        ),
        "highlight_sentence": next((p.sentence for p in highlights if not p.phrase), "") or "",
        "pick": phrasing.picker(seed),
    }
