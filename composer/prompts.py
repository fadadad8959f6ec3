"""One Jinja environment over `prompts/`, with a user folder that can override any template."""

from __future__ import annotations

import contextlib
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from composer.errors import ConfigError
from composer.kinds import Kind, Tone

if TYPE_CHECKING:
    from composer.models import Draft, InterviewNotes, Message, Report
    from composer.settings import RuleSettings

_PACKAGE_DIR = Path(__file__).resolve().parent


def builtin_dir() -> Path:
    """`composer/prompts` in an installed wheel, the top-level `prompts/` in a checkout."""
    for candidate in (_PACKAGE_DIR / "prompts", _PACKAGE_DIR.parent / "prompts"):
        if candidate.is_dir():
            return candidate
    raise ConfigError("composer's templates are missing from this installation; reinstall it.")


def squash(value: str) -> str:
    """Collapse the line breaks and indentation of a template paragraph into single spaces."""
    return re.sub(r"\s+", " ", value).strip()


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between runs: only ever a speed-up, so a cache file that cannot
    be read or written is ignored (Jinja re-checks each file against its template's source)."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """The user's cache folder: compiling the templates otherwise costs each run ~10 ms."""
    from platformdirs import user_cache_dir

    folder = Path(user_cache_dir("composer", appauthor=False)) / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return _QuietBytecodeCache(str(folder))


@lru_cache(maxsize=8)
def environment(user_dir: Path | None = None) -> jinja2.Environment:
    """Templates are compiled once per process; a user folder's files win over the built-ins."""
    if user_dir is not None and not user_dir.is_dir():
        raise ConfigError(f"The templates folder {user_dir} does not exist.")
    search = [str(user_dir)] if user_dir else []
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*search, str(builtin_dir())]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # plain-text email and prompts, never HTML
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters["squash"] = squash
    return env


def render(name: str, user_dir: Path | None = None, **context: object) -> str:
    """Render one template; a template error names the file so a user can fix their override."""
    try:
        return environment(user_dir).get_template(name).render(**context)
    except jinja2.TemplateNotFound:
        raise ConfigError(f"No template named {name}.") from None
    except jinja2.TemplateError as exc:
        where = f" (line {exc.lineno})" if getattr(exc, "lineno", None) else ""
        raise ConfigError(f"The template {name} failed{where}: {exc.message}.") from None


def notes_data(notes: InterviewNotes) -> dict[str, Any]:
    """The notes as the model sees them: the fields given, plus what composer derived."""
    data = notes.model_dump(mode="json", exclude_none=True, exclude_defaults=False)
    data = {k: v for k, v in data.items() if v not in ([], "")}
    data["interview_weekday"] = f"{notes.interview_date:%A}"
    return data


def _kind_context(kind: Kind, notes: InterviewNotes) -> dict[str, Any]:
    from composer.fallback import role_phrase
    from composer.llm import dumps_notes

    recipient = notes.recipient
    specific = notes.learned or notes.reaffirmed or (notes.topics[0] if notes.topics else "")
    return {
        "kind": kind.value,
        "notes_json": dumps_notes(notes_data(notes)),
        "candidate": notes.candidate,
        "recipient": recipient.name,
        "recipient_role": (
            "interviewed the candidate"
            if any(p.name == recipient.name for p in notes.interviewers)
            else "arranged the interview but was not in it: thank them for arranging it and "
            "send thanks to the interviewers through them"
        ),
        "greeting": f"{'Hi' if notes.tone is Tone.WARM else 'Dear'} "
        f"{recipient.greeting_name(notes.tone)},",
        "signature": notes.signature or notes.candidate,
        "role": notes.role,
        "role_phrase": role_phrase(notes.role),
        "company": notes.company,
        "interview_day": f"{notes.interview_date:%A} {notes.interview_date.day} "
        f"{notes.interview_date:%B %Y}",  # with the year: prompts must not change with today
        "specific": specific,
        "tone": notes.tone.value,
        # For the prompts of issue 10 (the names the core branch's templates.context uses).
        "n": notes,
        "others": _join([p.plain_name for p in notes.interviewers if p.name != recipient.name]),
        "decision_day": f"{notes.decision_by:%A} {notes.decision_by.day} {notes.decision_by:%B %Y}"
        if notes.decision_by
        else "",
    }


def _join(names: list[str]) -> str:
    return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def split_guidelines(kind: Kind, settings: RuleSettings) -> tuple[list[str], list[str]]:
    """(lines every kind shares, lines of this kind only): the shared ones go in the system
    message, the same for every kind and call, so a server's prefix cache reuses it."""
    from composer.rules import guidelines

    every = [guidelines(k, settings) for k in Kind]
    shared = [line for line in every[0] if all(line in lines for lines in every[1:])]
    return shared, [line for line in guidelines(kind, settings) if line not in shared]


def draft_messages(
    kind: Kind,
    notes: InterviewNotes,
    settings: RuleSettings,
    *,
    structured: bool = True,
    templates: Path | None = None,
    instruction: str | None = None,
) -> list[dict[str, str]]:
    """System and user messages for one draft; the guideline list comes from the rule registry.

    The same prompt whatever the response format (`structured` is ignored; kept for callers):
    it asks for a JSON object, and a plain-text answer is read too. The system message is the
    same for every kind and every call (prefix caching); what varies comes after it."""
    context = _kind_context(kind, notes)
    shared, own = split_guidelines(kind, settings)
    extra = f" Also: {squash(instruction)}" if instruction else ""
    system = render(f"llm/{kind.value}.system.j2", templates, shared_guidelines=shared)
    user = render(
        f"llm/{kind.value}.user.j2",
        templates,
        guidelines=own,
        extra_instruction=extra,
        **context,
    )
    return [
        {"role": "system", "content": system.strip()},
        {"role": "user", "content": user.strip()},
    ]


def repair_messages(
    base: list[dict[str, str]],
    previous: Message,
    report: Report,
    codes: set[str],
    *,
    structured: bool = True,
    templates: Path | None = None,
) -> list[dict[str, str]]:
    """The conversation so far plus the findings to fix, each with its rule's hint."""
    import json

    from composer.rules import REGISTRY

    text = previous.text
    findings = [
        {
            "code": f.code,
            "rule": f.rule,
            "message": f.message,
            "hint": REGISTRY[f.code].hint if f.code in REGISTRY else "",
            "words": text[f.start : f.end].replace("\n", " ").strip()[:80]
            if f.start is not None and f.end is not None
            else "",
        }
        for f in report.findings
        if f.code in codes
    ]
    # Always the JSON form the prompt asks for, whatever format the server was asked in.
    answer = json.dumps({"subject": previous.subject, "body": previous.body}, ensure_ascii=False)
    repair = render("llm/repair.j2", templates, findings=findings)
    return [
        *base,
        {"role": "assistant", "content": answer},
        {"role": "user", "content": repair.strip()},
    ]


def extract_messages(text: str, templates: Path | None = None) -> list[dict[str, str]]:
    """The prompt that turns free-form pasted notes into InterviewNotes fields."""
    safe = text.replace("</pasted_notes>", "<\\/pasted_notes>")
    return [
        {"role": "system", "content": render("llm/extract.system.j2", templates).strip()},
        {"role": "user", "content": render("llm/extract.user.j2", templates, text=safe).strip()},
    ]


def provenance(
    draft: Draft, notes: InterviewNotes, settings: RuleSettings, templates: Path | None = None
) -> dict[str, Any]:
    """The prompt and response a model draft came from, for the history (none for templates)."""
    import json

    if draft.source == "template" or draft.channel != "email":
        return {"prompt": None, "response": None}
    return {
        "prompt": draft_messages(draft.kind, notes, settings, templates=templates),
        "response": json.dumps({"subject": draft.subject, "body": draft.body}, ensure_ascii=False),
    }
