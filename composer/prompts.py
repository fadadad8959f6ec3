"""The model prompts: a draft's system and user messages, the repair turn, the extraction prompt.

Rendered from prompts/llm/ with the one template context the offline drafts use too
(composer.templates).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from composer.kinds import Kind, spec
from composer.templates import context as templates_context
from composer.templates import render, squash

if TYPE_CHECKING:
    from composer.models import Finding, InterviewNotes, Message, Report
    from composer.settings import RuleSettings


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
    templates: Path | None = None,
    instruction: str | None = None,
) -> list[dict[str, str]]:
    """System and user messages for one draft; the guideline lists come from the rule registry.

    One prompt whatever the response format: it asks for a JSON object, and a plain-text answer
    is read too. The system message is the same for every kind and every call (prefix caching);
    what varies comes after it, in the user message."""
    context = templates_context(notes, kind)
    shared, own = split_guidelines(kind, settings)
    extra = f" Also: {squash(instruction)}" if instruction else ""
    system_template, user_template = spec(kind).prompt_templates
    system = render(system_template, templates, shared_guidelines=shared)
    user = render(user_template, templates, guidelines=own, extra_instruction=extra, **context)
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
    templates: Path | None = None,
) -> list[dict[str, str]]:
    """The conversation so far plus the findings to fix, each with its rule's hint.

    Each finding quotes the whole sentence it is in (the checker's own sentence split), so a
    small model sees what to rewrite, not two words out of context: `words` is that sentence
    (or the words themselves when they span several sentences), `sentence` the sentence alone,
    `target` the words the rule pointed at, and `instruction` the whole line, ready to show.
    """
    import json

    from composer.rules import REGISTRY

    findings = []
    for f in report.findings:
        if f.code not in codes:
            continue
        hint = REGISTRY[f.code].hint if f.code in REGISTRY else ""
        target = previous.text[f.start : f.end].replace("\n", " ").strip() if _spans(f) else ""
        sentence = failing_sentence(previous, f.start, f.end)
        in_subject = f.start is not None and f.start < len(previous.text) - len(previous.body)
        findings.append(
            {
                "code": f.code,
                "rule": f.rule,
                "message": f.message,
                "hint": hint,
                "words": sentence or target[:80],
                "sentence": sentence,
                "target": target,
                "instruction": repair_instruction(
                    f.message, hint, sentence, "subject" if in_subject else "sentence"
                ),
            }
        )
    # Always the JSON form the prompt asks for, whatever format the server was asked in.
    answer = json.dumps({"subject": previous.subject, "body": previous.body}, ensure_ascii=False)
    repair = render("llm/repair.j2", templates, findings=findings)
    return [
        *base,
        {"role": "assistant", "content": answer},
        {"role": "user", "content": repair.strip()},
    ]


# A sentence quoted back whole up to this length: past it, the model gets its start.
_MAX_QUOTE = 400


def _spans(finding: Finding) -> bool:
    return finding.start is not None and finding.end is not None and finding.end > finding.start


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 3].rstrip() + "..."


def failing_sentence(message: Message, start: int | None, end: int | None) -> str:
    """The whole sentence of `message.text` that holds the span start:end, on one line; the
    subject for a span in the subject; '' when the span is empty or crosses sentences."""
    from composer.text import sentences

    if start is None or end is None or end <= start:
        return ""
    text = message.text
    body_start = len(text) - len(message.body)
    if start < body_start:
        return _clip(_one_line(message.subject), _MAX_QUOTE)
    held = [
        s for s in sentences(message.body, offset=body_start) if s.start < end and s.end > start
    ]
    return _clip(_one_line(held[0].text), _MAX_QUOTE) if len(held) == 1 else ""


def repair_instruction(message: str, hint: str, sentence: str = "", what: str = "sentence") -> str:
    """One finding as a request: 'Replace the sentence "Dear Sarah,": <message>. <hint>'."""
    said = message.rstrip(". ")
    line = (
        f'Replace the {what} "{sentence}": {said}.'
        if sentence
        else f"{said[:1].upper()}{said[1:]}."
    )
    return f"{line} {hint}".strip()


def extract_messages(text: str, templates: Path | None = None) -> list[dict[str, str]]:
    """The prompt that turns free-form pasted notes into InterviewNotes fields."""
    safe = text.replace("</pasted_notes>", "<\\/pasted_notes>")
    return [
        {"role": "system", "content": render("llm/extract.system.j2", templates).strip()},
        {"role": "user", "content": render("llm/extract.user.j2", templates, text=safe).strip()},
    ]
