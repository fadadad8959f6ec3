"""One template context (composer.templates.context) serves every template in prompts/: the
offline messages and the model prompts read the same values, computed once."""

from __future__ import annotations

from datetime import date

import jinja2
from jinja2 import meta

from composer.kinds import KINDS, Kind
from composer.notes import read_notes_file
from composer.templates import builtin_dir, context, environment
from tests.conftest import FIXTURES

NOTES = FIXTURES / "notes" / "jordan-ellis.txt"
# What a caller adds for one template: the rule list and the instruction (system prompt), the
# findings to fix (repair), the pasted text (extraction), the phone number (call scripts).
EXTRAS = {
    "guidelines",
    "shared_guidelines",
    "structured",
    "extra_instruction",
    "findings",
    "text",
    "phone",
}


def _used(name: str) -> set[str]:
    env = environment()
    source = env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
    return set(meta.find_undeclared_variables(env.parse(source)))


def test_every_variable_a_template_uses_is_in_the_one_context() -> None:
    notes = read_notes_file(NOTES).notes
    provided = set(context(notes, Kind.THANK_YOU)) | EXTRAS
    names = [p.relative_to(builtin_dir()).as_posix() for p in builtin_dir().rglob("*.j2")]
    assert any(n.startswith("llm/") for n in names) and any(
        n.startswith("messages/") for n in names
    )
    for name in names:
        missing = _used(name) - provided
        assert not missing, f"{name} uses {sorted(missing)}, which the context does not give"


def test_offline_and_model_templates_render_from_the_same_values() -> None:
    notes = read_notes_file(NOTES).notes
    env = environment()
    for kind, row in KINDS.items():
        values = context(notes, kind)
        extras = {
            "guidelines": ["Be brief."],
            "shared_guidelines": ["Use only facts from the notes."],
            "extra_instruction": "",
        }
        for name in (row.message_template, *row.prompt_templates):
            text = env.get_template(name).render(**values, **extras)
            assert notes.company in text or "company" not in _used(name), name


def test_the_prompt_values_never_change_with_today() -> None:
    notes = read_notes_file(NOTES).notes
    prompt_vars = set().union(*(_used(n) for row in KINDS.values() for n in row.prompt_templates))
    prompt_vars |= _used("llm/system.j2") | _used("llm/user.j2")
    soon = context(notes, Kind.STATUS_CHECK, today=date(2026, 11, 13))
    later = context(notes, Kind.STATUS_CHECK, today=date(2027, 3, 1))
    for name in prompt_vars - EXTRAS:
        assert soon[name] == later[name] or callable(soon[name]), name
    assert soon["weekday"] != later["weekday"]  # the offline wording does follow today


def test_a_missing_variable_is_an_error_not_a_blank() -> None:
    env = environment()
    try:
        env.from_string("{{ nowhere }}").render()
    except jinja2.UndefinedError:
        return
    raise AssertionError("templates must be strict about undefined variables")
