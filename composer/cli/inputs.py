"""What commands build from their options: the notes, the config, the model client.

The one place the CLI turns options and environment into the plain values library code takes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from composer.cli import io
from composer.errors import ConfigError, InputError

if TYPE_CHECKING:
    from composer.drafting import Drafter
    from composer.history import History, Recorder
    from composer.llm import ChatClient, Endpoint, ModelClient
    from composer.models import InterviewNotes
    from composer.notes import LoadedNotes
    from composer.settings import Config

API_KEY_ENV = "OPENAI_API_KEY"
HISTORY_ENV = "COMPOSER_HISTORY"  # the history file, for tests and a second profile
CONFIG_ENV = "COMPOSER_CONFIG"  # one config file instead of the user's and the folder's
# The opt-in for a working folder's composer.toml to set a model endpoint or templates.
TRUST_ENV = "COMPOSER_TRUST_FOLDER_CONFIG"


def load_notes(
    source: str | None, client: ChatClient | None = None, templates: Path | None = None
) -> LoadedNotes:
    """Notes from a file or stdin; free-form text goes to the model when one is configured."""
    from composer.notes import decode, parse_notes, read_notes_file

    if source is None or source == "-":
        origin = "notes on standard input"
        text = decode(io.read_stdin("interview notes"), origin)
        try:
            return parse_notes(text, origin=origin)
        except InputError:
            if client is None:
                raise
            return _extract(text, origin, client, templates)
    path = Path(source)
    try:
        return read_notes_file(path)
    except InputError:
        try:
            is_file = path.is_file()
        except OSError:  # a name too long to look up: the notes error already says so
            is_file = False
        if client is None or not is_file:
            raise  # a missing or unreadable file is not free-form notes
        from composer.files import read_limited
        from composer.notes import MAX_NOTES_BYTES

        text = decode(read_limited(path, MAX_NOTES_BYTES, "notes", InputError), source)
        return _extract(text, source, client, templates)


def _extract(text: str, origin: str, client: ChatClient, templates: Path | None) -> LoadedNotes:
    """Free-form notes: the model reads the fields; the user fills any required gap."""
    from composer import extract
    from composer.notes import LoadedNotes, parse_notes, validate

    if extract.looks_structured(text):
        parse_notes(text, origin=origin)  # re-raise the parser's own, more precise message
    io.note(
        f"The {origin} are not 'Key: value' notes; asking {client.endpoint.label} to read them..."
    )
    data = extract.extract(text, client, templates)
    io.note("Understood:\n" + extract.understood(data))
    gaps = extract.missing(data)
    if gaps:
        answers = _ask_fields(gaps)
        if answers is None:
            raise InputError(
                f"The {origin} do not say: {', '.join(gaps)}. Add them as 'Key: value' lines "
                "(see 'composer notes-template') and run again."
            )
        data.update(answers)
    return LoadedNotes(notes=validate(data, origin), warnings=[], origin=origin, source_text=text)


def _ask_fields(fields: list[str]) -> dict[str, str] | None:
    """Ask for missing fields on the terminal; None when there is no terminal to ask on."""
    tty = io.Terminal.open()
    if tty is None:
        return None
    answers = {}
    with tty:
        for field in fields:
            answer = tty.ask(f"{field.replace('_', ' ').capitalize()}: ")
            if not answer or not answer.strip():
                return None
            answers[field] = answer.strip()
    return answers


def config(disable: list[str] | None, templates: Path | None = None) -> Config:
    """The config files, with --disable and --templates applied on top; says which settings a
    working folder's config gave that are left out, and where the ones used came from."""
    from composer.rules import REGISTRY
    from composer.settings import load_config

    explicit = os.environ.get(CONFIG_ENV, "").strip()
    trust = os.environ.get(TRUST_ENV, "").strip().lower() in ("1", "true", "yes", "on")
    loaded = load_config(
        explicit=Path(explicit).expanduser() if explicit else None, trust_folder=trust
    )
    _say_where(loaded, templates_given=templates is not None)
    typos = [c for c in loaded.rules.disable if c.strip().upper() not in REGISTRY]
    if typos:  # as on the command line: a typo must not leave a rule silently on
        raise ConfigError(
            f"The config file disables unknown rule code {', '.join(typos)}; "
            "'composer rules' lists them."
        )
    codes = [c.strip().upper() for item in disable or [] for c in item.split(",") if c.strip()]
    unknown = [c for c in codes if c not in REGISTRY]
    if unknown:
        raise InputError(f"Unknown rule code {', '.join(unknown)}; 'composer rules' lists them.")
    loaded.rules.disable = [*loaded.rules.disable, *codes]
    if templates is not None:
        loaded.templates = templates
    return loaded


def _say_where(loaded: Config, templates_given: bool) -> None:
    """A warning per folder setting left out (naming the file and the opt-in), and a notice
    per one used from a working folder's config, which the user may not know is there."""
    from composer.settings import FOLDER_GATED, LOCAL_CONFIG, user_config_path

    for name, path in loaded.untrusted.items():
        if name == "templates" and templates_given:
            continue  # --templates wins anyway
        io.warn(
            f"{path} sets {name}, which composer ignores: a working folder's config may set a "
            "model endpoint, a key or templates only if you trust the folder. Set "
            f"{TRUST_ENV}=1, or add this folder to trusted_folders in {user_config_path()}."
        )
    shown = [
        n
        for n in FOLDER_GATED
        if n != "trusted_folders" and not (n == "templates" and templates_given)
    ]
    for name in shown:
        path = loaded.origins.get(name)
        if path is not None and path.name == LOCAL_CONFIG:
            io.note(f"Using {name} from {path} (a trusted folder's config).")


def endpoint(
    settings: Config,
    offline: bool,
    model: str | None,
    base_url: str | None,
    budget: float | None,
    repair_rounds: int | None,
) -> Endpoint | None:
    """The model endpoint, or None for offline; --offline wins over everything. The options
    carry their environment variables; the key is read here, and only here."""
    if offline:
        return None
    from composer import llm

    return llm.resolve_endpoint(
        settings.model,
        model=model,
        base_url=base_url,
        budget=budget,
        repair_rounds=repair_rounds,
        env=os.environ,  # the key, COMPOSER_STRUCTURED and COMPOSER_REQUEST_TIMEOUT, read here
    )


def client(where: Endpoint | None) -> ChatClient | None:
    """The model client for an endpoint; None offline."""
    if where is None:
        return None
    from composer.llm import ChatClient

    return ChatClient(where)


def history_file() -> Path:
    """Where the history is: COMPOSER_HISTORY, else the user's data folder. Read here, in the
    CLI, so the history library takes a plain path."""
    from composer.history import history_path

    return history_path(os.environ.get(HISTORY_ENV))


def history_secrets() -> tuple[str, ...]:
    """The configured API key, which the history blanks from everything it stores."""
    key = os.environ.get(API_KEY_ENV, "").strip()
    return (key,) if key else ()


def open_history() -> History:
    """The history, created if need be, with the key blanked from what it stores."""
    from composer.history import History

    return History.open(history_file(), secrets=history_secrets())


def existing_history() -> History | None:
    """The history, or None when there is none yet (reading never creates the file)."""
    return open_history() if history_file().exists() else None


def nothing_tracked() -> str:
    """What to say when the history holds no interview yet."""
    return (
        f"No interviews tracked yet (history: {history_file()}). 'composer draft' and "
        "'composer review' add them, or add one with: composer outcome NOTES pending"
    )


def drafter(settings: Config, model: ModelClient | None, no_log: bool) -> Drafter:
    """The drafting service for this run: the config's rules and templates, the model (None
    offline), and the history (nothing is kept with --no-log)."""
    from composer.drafting import Drafter, no_history

    def record(notes: InterviewNotes, source_text: str | None) -> Recorder:
        from composer.history import open_recorder

        return open_recorder(notes, source_text, path=history_file(), secrets=history_secrets())

    history = no_history if no_log else record
    return Drafter(
        settings=settings.rules, templates=settings.templates, client=model, history=history
    )
