"""The `composer` command: parse arguments, call the library, render. No logic lives here."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from composer import __version__
from composer.cli_options import (
    BaseUrlOpt,
    ChannelChoice,
    DisableOpt,
    Format,
    FormatOpt,
    KindOpt,
    ModelOpt,
    NoLogOpt,
    NotesArg,
    RepairOpt,
    TemplatesOpt,
    TimeoutOpt,
    history_file,
    history_secrets,
    kinds_from,
)
from composer.errors import ComposerError, InputError, OutputError
from composer.kinds import Kind

if TYPE_CHECKING:
    from rich.console import Console

    from composer.llm import ChatClient, Endpoint
    from composer.notes import LoadedNotes
    from composer.settings import Config

MAX_MESSAGE_BYTES = 64_000
F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="composer",
    help=(
        "Draft and check the follow-up messages a candidate sends after a job interview: a "
        "thank-you, a status check and a feedback request.\n\n"
        "Start with 'composer notes-template > notes.txt', fill it in, then run "
        "'composer draft notes.txt'. Or run 'composer draft' and paste your notes.\n\n"
        "Offline unless OPENAI_API_KEY or OPENAI_BASE_URL is set."
    ),
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _stdout() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def _stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def warn(message: str) -> None:
    from rich.text import Text

    _stderr().print(Text.assemble(("warning: ", "yellow"), message))


def _errors_to_exit(func: F) -> F:
    """Every ComposerError becomes its message on stderr and its exit code; never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ComposerError as exc:
            from rich.text import Text

            _stderr().print(Text.assemble(("error: ", "bold red"), exc.message))
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            _stderr().print("Interrupted; nothing was written.")
            raise typer.Exit(130) from None
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except Exception as exc:
            # A bug of ours: one readable line, the details only when asked for.
            if os.environ.get("COMPOSER_DEBUG"):
                raise
            _stderr().print(
                f"error: composer hit an unexpected problem ({type(exc).__name__}: {exc}). "
                "Please report it; set COMPOSER_DEBUG=1 to see the details."
            )
            raise typer.Exit(70) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"composer {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Global options."""


def _read_stdin(what: str) -> bytes:
    if sys.stdin is None:
        raise InputError(f"No {what} given and there is no standard input to read.")
    if sys.stdin.isatty():
        end = "Ctrl-Z then Enter" if os.name == "nt" else "Ctrl-D"
        _stderr().print(f"Paste your {what}, then press {end} on an empty line:", style="dim")
    data = sys.stdin.buffer.read(1_000_001)
    return data


def _load_notes(
    source: str | None, client: ChatClient | None = None, templates: Path | None = None
) -> LoadedNotes:
    """Notes from a file or stdin; free-form text goes to the model when one is configured."""
    from composer.notes import decode, parse_notes, read_notes_file

    if source is None or source == "-":
        origin = "notes on standard input"
        text = decode(_read_stdin("interview notes"), origin)
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
        if client is None or not path.is_file():
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
    _stderr().print(
        f"The {origin} are not 'Key: value' notes; asking {client.endpoint.label} to read them...",
        style="dim",
    )
    data = extract.extract(text, client, templates)
    _stderr().print("Understood:\n" + extract.understood(data), style="dim")
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
    from composer.terminal import Terminal

    tty = Terminal.open()
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


def _config(disable: list[str] | None, templates: Path | None = None) -> Config:
    from composer.rules import REGISTRY
    from composer.settings import load_config

    config = load_config()
    codes = [c.strip().upper() for item in disable or [] for c in item.split(",") if c.strip()]
    unknown = [c for c in codes if c not in REGISTRY]
    if unknown:
        raise InputError(f"Unknown rule code {', '.join(unknown)}; 'composer rules' lists them.")
    config.rules.disable = [*config.rules.disable, *codes]
    if templates is not None:
        config.templates = templates
    return config


def _endpoint(
    config: Config,
    offline: bool,
    model: str | None,
    base_url: str | None,
    budget: float | None,
    repair_rounds: int | None,
) -> Endpoint | None:
    """The model endpoint, or None for offline; --offline wins over everything."""
    if offline:
        return None
    from composer.llm import resolve_endpoint

    return resolve_endpoint(
        config.model, model=model, base_url=base_url, budget=budget, repair_rounds=repair_rounds
    )


@app.command(
    epilog=(
        "Examples:\n\n"
        "  composer draft notes.txt                      # what the outcome calls for\n\n"
        "  composer draft notes.yaml --kind all --offline\n\n"
        "  pbpaste | composer draft - --kind status-check --format json\n\n"
        "  composer draft notes.txt --out drafts/        # one .txt file per message\n\n"
        "  composer draft --batch cohort/ --jobs 8       # a folder of drafts per notes file\n\n"
        "  composer draft notes.txt --channel phone      # a call script and a voicemail"
    )
)
@_errors_to_exit
def draft(
    notes: Annotated[
        str | None,
        typer.Argument(
            metavar="[NOTES|-]",
            show_default=False,
            help="Notes file (YAML, JSON, TOML or 'Key: value' text), or - for "
            "standard input. With neither, paste them when asked.",
        ),
    ] = None,
    kind: KindOpt = None,
    offline: Annotated[
        bool,
        typer.Option(
            "--offline",
            envvar="COMPOSER_OFFLINE",
            help="Write template drafts only; nothing leaves this machine.",
        ),
    ] = False,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    timeout: TimeoutOpt = None,
    repair_rounds: RepairOpt = None,
    fmt: FormatOpt = Format.TEXT,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            envvar="COMPOSER_OUT",
            file_okay=False,
            help="Also write each draft to DIR/<kind>.txt (with --batch: DIR/<notes "
            "name>/<kind>.txt, default BATCH/drafts).",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Let --out replace existing files.")
    ] = False,
    disable: DisableOpt = None,
    templates: TemplatesOpt = None,
    batch: Annotated[
        Path | None,
        typer.Option(
            "--batch",
            metavar="DIR",
            file_okay=False,
            show_default=False,
            help="Draft every notes file in DIR (*.txt, *.yaml, *.yml, *.json, *.toml) into a "
            "folder each under --out; a bad file is reported and skipped (exit 2).",
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", min=1, max=64, help="With --batch: model calls at once."),
    ] = 4,
    channel: Annotated[
        ChannelChoice,
        typer.Option(
            "--channel",
            envvar="COMPOSER_CHANNEL",
            help="email, or phone: a call script and a voicemail for the status "
            "check (template-only).",
        ),
    ] = ChannelChoice.EMAIL,
    no_log: NoLogOpt = False,
) -> None:
    """Draft follow-up messages from your interview notes, each checked against the guidelines.

    With OPENAI_API_KEY or OPENAI_BASE_URL set, a model writes the drafts and composer checks and
    repairs them; otherwise (or with --offline) templates write them and nothing leaves this
    machine. Either way every draft carries its check report, and the notes and drafts are kept
    in the history (unless --no-log).
    """
    from composer.history import open_recorder
    from composer.kinds import Channel
    from composer.pipeline import compose
    from composer.render import draft_text

    config = _config(disable, templates)
    endpoint = _endpoint(
        config, offline or channel is ChannelChoice.PHONE, model, base_url, timeout, repair_rounds
    )
    client = None
    if endpoint is not None:
        from composer.llm import ChatClient

        client = ChatClient(endpoint)
    if batch is not None:
        if notes is not None:
            raise InputError("Give either NOTES or --batch DIR, not both.")
        _draft_batch(batch, out, kinds_from(kind), jobs, client, config, force, fmt)
        return
    loaded = _load_notes(notes, client, config.templates)
    # Recorded before any model call, so a crash or a dead endpoint never loses pasted notes.
    with open_recorder(
        loaded.notes,
        loaded.source_text,
        path=history_file(),
        enabled=not no_log,
        secrets=history_secrets(),
    ) as log:
        tracked = log.tracked(loaded.notes)
        if fmt is Format.TEXT:
            if tracked.outcome is not loaded.notes.outcome:
                _stderr().print(f"Outcome from the history: {tracked.outcome}.", style="dim")
            if endpoint is None and not offline and channel is ChannelChoice.EMAIL:
                _stderr().print(
                    "No model configured (set OPENAI_API_KEY or OPENAI_BASE_URL): "
                    "writing template drafts offline.",
                    style="dim",
                )
            elif endpoint is not None:
                _stderr().print(f"Drafting with {endpoint.label}...", style="dim")
        result = compose(
            tracked,
            kinds_from(kind),
            offline=client is None,
            settings=config.rules,
            templates=config.templates,
            client=client,
            channel=Channel(channel.value),
        )
        result.warnings[:0] = loaded.warnings
        for item in result.drafts:
            log.draft(item)  # with its attempts: what was really sent and received
    if out is not None:
        _write_drafts(out, result.drafts, force)
    if fmt is Format.JSON:
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
    else:
        for message in result.warnings:
            warn(message)
        console = _stdout()
        for index, item in enumerate(result.drafts, 1):
            console.print(draft_text(item, index, len(result.drafts)))
    if not all(d.report.passed for d in result.drafts):
        raise typer.Exit(1)


def _draft_batch(
    folder: Path,
    out: Path | None,
    kinds: list[Kind] | None,
    jobs: int,
    client: ChatClient | None,
    config: Config,
    force: bool,
    fmt: Format,
) -> None:
    """`draft --batch DIR`: a folder of drafts per notes file, a progress bar on a terminal."""
    from rich.progress import Progress

    from composer.batch import run_batch

    err = _stderr()
    with Progress(console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("Drafting", total=None)
        report = run_batch(
            folder,
            out,
            kinds=kinds,
            jobs=jobs,
            client=client,
            settings=config.rules,
            templates=config.templates,
            force=force,
            progress=lambda done, total, _: bar.update(task, completed=done, total=total),
        )
    if fmt is Format.JSON:
        import json

        sys.stdout.write(json.dumps(report.as_dict(), indent=2) + "\n")
    else:
        from rich.text import Text

        for level, line in report.problems():
            style = "bold red" if level == "error" else "yellow"
            err.print(Text.assemble((f"{level}: ", style), line))
        typer.echo(report.summary())
    raise typer.Exit(report.exit_code)


def _write_drafts(folder: Path, drafts: list[Any], force: bool) -> None:
    from composer.files import atomic_write

    names = {"email": "", "phone": "-call", "voicemail": "-voicemail"}
    targets = {folder / f"{d.kind}{names[d.channel]}.txt": d for d in drafts}
    existing = [p.name for p in targets if p.exists()]
    if existing and not force:
        raise OutputError(
            f"{', '.join(existing)} already exist in {folder}; nothing was "
            "written. Use --force to replace them, or choose another --out."
        )
    try:
        for path, item in targets.items():
            atomic_write(path, item.message.text + "\n")
    except OSError as exc:
        raise OutputError(f"Cannot write to {folder}: {exc.strerror or exc}.") from None
    _stderr().print(f"Wrote {', '.join(p.name for p in targets)} to {folder}.", style="dim")


@app.command(
    epilog=(
        "Exit status: 0 no error-level finding, 1 at least one, 2 bad input.\n\n"
        "Examples:\n\n"
        "  composer check my-email.txt --kind thank-you\n\n"
        "  composer check my-email.txt -k status-check --notes notes.txt --format json\n\n"
        "  pbpaste | composer check - -k feedback-request"
    )
)
@_errors_to_exit
def check(
    message: Annotated[
        str | None,
        typer.Argument(
            metavar="[FILE|-]",
            show_default=False,
            help="The message to check; a first line 'Subject: ...' is its subject. "
            "- reads standard input; with neither, paste it when asked.",
        ),
    ] = None,
    kind: Annotated[
        Kind,
        typer.Option(
            "--kind",
            "-k",
            show_default=False,
            help="Which kind of message this is.",
        ),
    ] = ...,  # type: ignore[assignment]
    notes: Annotated[
        str | None,
        typer.Option(
            "--notes",
            "-n",
            metavar="NOTES",
            help="Your interview notes, to check names, the role and the specific "
            "point against them.",
        ),
    ] = None,
    fmt: FormatOpt = Format.TEXT,
    disable: DisableOpt = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Also say, for each rule the message keeps, which words it counted "
            "(the thanks, the enthusiasm, the ask).",
        ),
    ] = False,
) -> None:
    """Check a message you wrote against the follow-up guidelines."""
    from composer.checker import check as run_check
    from composer.checker import explain as run_explain
    from composer.evidence import ExplainedReport
    from composer.notes import decode
    from composer.render import report_text

    config = _config(disable)
    if notes == "-" and message in (None, "-"):
        raise InputError(
            "The message and --notes cannot both come from standard input; give "
            "one of them as a file."
        )
    loaded = _load_notes(notes) if notes is not None else None
    if message in (None, "-"):
        raw = _read_stdin("message")
        origin = "the message on standard input"
    else:
        from composer.files import read_limited

        path = Path(message)
        raw = read_limited(path, MAX_MESSAGE_BYTES, "message", InputError)
        origin = str(path)
    if len(raw) > MAX_MESSAGE_BYTES:
        raise InputError(f"{origin} is over 64 KB; a follow-up message is a few hundred words.")
    text = decode(raw, origin)
    if not text.strip():
        raise InputError(f"{origin} is empty; give the message to check.")
    judge = run_explain if explain else run_check
    report = judge(text, kind, loaded.notes if loaded else None, config.rules)
    if fmt is Format.JSON:
        sys.stdout.write(report.model_dump_json(indent=2) + "\n")
    else:
        for item in loaded.warnings if loaded else []:
            warn(item)
        from composer.checker import parse_message

        _stdout().print(report_text(report, parse_message(text).text))
        if isinstance(report, ExplainedReport):
            from composer.render import explain_text

            _stdout().print(explain_text(report))
    if not report.passed:
        raise typer.Exit(1)


@app.command("notes-template")
def notes_template() -> None:
    """Print an annotated notes skeleton to fill in.

    Example:  composer notes-template > notes.txt
    """
    from composer.prompts import builtin_dir

    sys.stdout.write((builtin_dir() / "notes-template.txt").read_text(encoding="utf-8"))


@app.command(
    epilog=(
        "Examples:\n\n"
        "  composer prompt notes.txt --kind thank-you\n\n"
        "  composer prompt notes.txt -k status-check --plain   # for servers without JSON mode"
    )
)
@_errors_to_exit
def prompt(
    notes: NotesArg = None,
    kind: Annotated[
        Kind, typer.Option("--kind", "-k", show_default=False, help="Which message.")
    ] = Kind.THANK_YOU,
    plain: Annotated[
        bool, typer.Option("--plain", help="The plain-text form, for servers without JSON mode.")
    ] = False,
    disable: DisableOpt = None,
    templates: TemplatesOpt = None,
) -> None:
    """Print exactly what would be sent to the model for one draft (nothing is sent)."""
    from composer.prompts import draft_messages

    config = _config(disable, templates)
    loaded = _load_notes(notes)
    messages = draft_messages(
        kind, loaded.notes, config.rules, structured=not plain, templates=config.templates
    )
    for message in messages:
        sys.stdout.write(f"=== {message['role']} ===\n{message['content']}\n\n")


@app.command(
    epilog="Examples:\n\n  composer rules\n\n  composer rules --kind status-check --format json"
)
@_errors_to_exit
def rules(
    fmt: FormatOpt = Format.TEXT,
    kind: Annotated[
        Kind | None, typer.Option("--kind", "-k", help="Only the rules for this kind.")
    ] = None,
) -> None:
    """List every guideline rule: code, severity, what it checks and why."""
    import json

    from composer.render import rules_text
    from composer.rules import REGISTRY

    config = _config(None)
    selected = [r for r in REGISTRY.values() if kind is None or r.applies(kind)]
    if fmt is Format.JSON:
        rows = [r.describe(config.rules, kind) for r in selected]
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return
    _stdout().print(rules_text(selected, config.rules))


# Commands that live in their own modules; registered here so cli.py stays the one entry point.
from composer.cli_history import register as _register_history  # noqa: E402
from composer.cli_workflow import register as _register_workflow  # noqa: E402

_register_workflow(app)
_register_history(app)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
