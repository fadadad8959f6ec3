"""The seed allows the status check 'either with an email or a phone call': a call script and a
voicemail, checked by the same rules, with limits in spoken words and no email furniture."""

from __future__ import annotations

import re
from pathlib import Path

from composer.checker import check_message
from composer.kinds import Channel, spec
from composer.models import Draft, InterviewNotes, Kind, Message, Source
from composer.rules import off_channel
from composer.settings import RuleSettings, WordLimits
from composer.templates import context, render

# At about 150 spoken words a minute: a call's part under a minute, a voicemail under 40 s.
SPOKEN_WORDS = {
    Channel.PHONE: WordLimits(min=40, soft_max=130, max=180),
    Channel.VOICEMAIL: WordLimits(min=25, soft_max=75, max=100),
}
# A status check by phone: the call script, and the voicemail in case nobody picks up.
SPOKEN = (Channel.PHONE, Channel.VOICEMAIL)
_PHONE_NUMBER = re.compile(r"\+?\d[\d ()-]{6,}\d")


def spoken_settings(settings: RuleSettings, channel: Channel) -> RuleSettings:
    """The user's settings, less the email-only rules, with spoken word limits."""
    words = {**settings.words, Kind.STATUS_CHECK: SPOKEN_WORDS[channel]}
    disable = [*settings.disable, *off_channel(channel)]  # each rule names its channels
    return settings.model_copy(update={"words": words, "disable": disable})


def phone_drafts(
    notes: InterviewNotes,
    settings: RuleSettings | None = None,
    templates: Path | None = None,
    variant: int = 0,
) -> list[Draft]:
    """The call script and the voicemail for a status check, each with its report."""
    settings = settings or RuleSettings()
    values = context(notes, Kind.STATUS_CHECK, variant=variant)
    found = _PHONE_NUMBER.search(notes.signature or "")
    values["phone"] = found.group() if found else ""
    drafts = []
    for channel in SPOKEN:
        template = spec(Kind.STATUS_CHECK).spoken_template(channel)
        text = render(template, templates, **values)
        body = re.sub(r"\n{3,}", "\n\n", text).strip()
        message = Message(subject="", body=body)
        report = check_message(
            message, Kind.STATUS_CHECK, notes, spoken_settings(settings, channel)
        )
        drafts.append(
            Draft(
                kind=Kind.STATUS_CHECK,
                subject="",
                body=body,
                source=Source.TEMPLATE,
                report=report,
                channel=channel,
            )
        )
    return drafts
