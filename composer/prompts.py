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
    from composer.models import InterviewNotes, Message, Report
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
