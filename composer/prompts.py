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


def draft_messages(
    kind: Kind,
    notes: InterviewNotes,
    settings: RuleSettings,
    *,
    structured: bool = True,
    templates: Path | None = None,
    instruction: str | None = None,
) -> list[dict[str, str]]:
    """System and user messages for one draft; the guideline list comes from the rule registry."""
    from composer.rules import guidelines

    context = templates_context(notes, kind)
    extra = f"; also: {squash(instruction)}" if instruction else ""
    system_template, user_template = spec(kind).prompt_templates
    system = render(
        system_template,
        templates,
        guidelines=guidelines(kind, settings),
        structured=structured,
        extra_instruction=extra,
        **context,
    )
    user = render(user_template, templates, **context)
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
    answer = (
        json.dumps({"subject": previous.subject, "body": previous.body}, ensure_ascii=False)
        if structured
        else previous.text
    )
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
