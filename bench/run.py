"""composer's benchmark: every measurement of issue 6, as ratios measured in one run.

    python bench/run.py            # the full run (about 70 s on a 2-core machine)
    python bench/run.py --quick    # a fast pass (about 30 s): fewer runs, --jobs 8 batch
    python bench/run.py --only startup,checker

Prints a table (measured value, what it is compared with, ratio, target, met?) and writes the
same as JSON to bench/results/latest.json. Machines are noisy, so every target is a ratio
measured in the same run: start-up commands are run interleaved, round after round, and
compared by their medians. Local OpenAI-compatible servers (tests/fake_openai.py) are started
on 127.0.0.1; nothing leaves the machine. This script never asserts: it reports.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.util
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
NOTES = ROOT / "fixtures" / "notes" / "jordan-ellis.txt"
PY = sys.executable
KINDS = ("thank-you", "status-check", "feedback-request")
SECTIONS = ("startup", "checker", "llm", "concurrency")


# --- results -------------------------------------------------------------------------------


@dataclass
class Row:
    """One measured target: `ratio` = measured / basis, met when ratio <= limit."""

    target: int
    name: str
    value: float
    unit: str
    basis: float | None = None
    basis_label: str = ""
    limit: float | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.basis is None or not self.basis:
            return None
        return self.value / self.basis

    @property
    def met(self) -> bool | None:
        if self.limit is None or self.ratio is None:
            return None
        return self.ratio <= self.limit

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ratio"] = None if self.ratio is None else round(self.ratio, 3)
        data["met"] = self.met
        return data


def fmt(value: float, unit: str) -> str:
    if unit == "ms":
        return f"{value:.3f} ms" if value < 1 else f"{value:.1f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.1f} MB"
    if unit == "x":
        return f"{value:.2f}x"
    return f"{value:g} {unit}".strip()


def table(rows: list[Row]) -> str:
    head = ["#", "measurement", "measured", "compared with", "ratio", "target", "met"]
    body = []
    for r in rows:
        basis = f"{r.basis_label} {fmt(r.basis, r.unit)}".strip() if r.basis is not None else ""
        body.append(
            [
                str(r.target) if r.target else "",
                r.name,
                fmt(r.value, r.unit),
                basis,
                "" if r.ratio is None else f"{r.ratio:.2f}",
                "" if r.limit is None else f"<= {r.limit:.2f}",
                {True: "yes", False: "NO", None: "info"}[r.met],
            ]
        )
    widths = [max(len(h), *(len(b[i]) for b in body)) for i, h in enumerate(head)]
    lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)) + " |"]
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for b in body:
        lines.append("| " + " | ".join(c.ljust(w) for c, w in zip(b, widths, strict=True)) + " |")
    return "\n".join(lines)


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- running commands ----------------------------------------------------------------------


@dataclass
class Sample:
    seconds: float
    max_rss_kb: int
    code: int


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """The caller's environment without composer/OpenAI settings, with a private config home."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("COMPOSER_", "OPENAI_")) and k != "PYDANTIC_DISABLE_PLUGINS"
    }
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        path = home / name.lower()
        path.mkdir(parents=True, exist_ok=True)
        env[name] = str(path)
    env["COLUMNS"] = "100"
    # This checkout's composer, not whatever copy the venv has installed (an editable install
    # may point at another worktree).
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])
    env.update(extra)
    return env


def run_once(cmd: list[str], env: dict[str, str], cwd: Path) -> Sample:
    """Wall time and this child's own peak RSS (os.wait4 reports it per child)."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):
            err.seek(0)
            tail = err.read().decode(errors="replace")[-600:]
            say(f"  ! {' '.join(cmd[-6:])} exited {proc.returncode}: {tail}")
    return Sample(seconds, usage.ru_maxrss, proc.returncode)


def interleaved(
    cmds: dict[str, list[str]], rounds: int, env: dict[str, str], cwd: Path, warmup: int = 1
) -> dict[str, list[Sample]]:
    """Run every command once per round, rotating the order; the warm-up rounds are dropped."""
    names = list(cmds)
    out: dict[str, list[Sample]] = {n: [] for n in names}
    for index in range(warmup + rounds):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            sample = run_once(cmds[name], env, cwd)
            if index >= warmup:
                out[name].append(sample)
    return out


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def composer_cmd() -> list[str]:
    script = Path(PY).with_name("composer")
    return [str(script)] if script.exists() else [PY, "-m", "composer.cli"]


def probe_modules(argv: list[str], env: dict[str, str], cwd: Path) -> list[str]:
    """Which heavy modules a CLI invocation imports, read from sys.modules at exit."""
    heavy = (
        "pydantic.main",
        "jinja2",
        "composer.rules",
        "composer.models",
        "openai",
        "httpx2",
        "rich.console",
    )
    code = (
        "import sys, json\n"
        f"sys.argv = {['composer', *argv]!r}\n"
        "from composer.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(json.dumps([m for m in {heavy!r} if m in sys.modules]), file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [PY, "-c", code], capture_output=True, text=True, env=env, cwd=cwd, check=False
    )
    try:
        return json.loads(proc.stderr.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return ["<probe failed>"]


# --- 1 and 5: start-up and memory ------------------------------------------------------------


def bench_startup(args: argparse.Namespace, home: Path) -> list[Row]:
    env = clean_env(home)
    cwd = home
    composer = composer_cmd()
    cmds = {
        "pass": [PY, "-c", "pass"],
        "imports": [PY, "-c", "import typer, pydantic, jinja2, yaml, rich"],
        "typer-help": [PY, str(BENCH / "typer_app.py"), "--help"],
        "typer-run": [
            PY,
            "-c",
            "import sys, runpy, jinja2, yaml, rich; sys.argv = ['typer_app', '--name', 'x']; "
            f"runpy.run_path({str(BENCH / 'typer_app.py')!r}, run_name='__main__')",
        ],
        "composer-help": [*composer, "--help"],
        "draft": [*composer, "draft", str(NOTES), "--offline", "--kind", "all"],
        "draft-no-log": [*composer, "draft", str(NOTES), "--offline", "--kind", "all", "--no-log"],
    }
    say(f"start-up: {args.runs} interleaved rounds of {len(cmds)} commands ...")
    res = interleaved(cmds, args.runs, env, cwd)
    ms = {k: median([s.seconds for s in v]) * 1000 for k, v in res.items()}
    rss = {k: median([s.max_rss_kb for s in v]) / 1024 for k, v in res.items()}
    codes = sorted({s.code for s in res["draft"]})
    samples = {k: [round(s.seconds * 1000, 2) for s in v] for k, v in res.items()}

    help_mods = probe_modules(["--help"], env, cwd)
    draft_mods = probe_modules(["draft", str(NOTES), "--offline", "--kind", "all"], env, cwd)
    rows = [
        Row(
            1,
            "composer --help",
            ms["composer-help"],
            "ms",
            ms["typer-help"],
            "one-command typer app --help",
            1.2,
            note=f"heavy modules imported: {', '.join(help_mods) or 'none'}",
            extra={"samples_ms": samples, "heavy_modules": help_mods},
        ),
        Row(
            1,
            "composer draft NOTES --offline --kind all",
            ms["draft"],
            "ms",
            ms["typer-run"],
            "typer floor",
            1.3,
            note=f"exit codes {codes}; openai imported: {'openai' in draft_mods}",
            extra={"heavy_modules": draft_mods},
        ),
        Row(
            0,
            "the same with --no-log (no history kept: its share of the time)",
            ms["draft-no-log"],
            "ms",
            ms["typer-run"],
            "typer floor",
        ),
        Row(
            0,
            "composer draft NOTES --offline --kind all, against the bare imports",
            ms["draft"],
            "ms",
            ms["imports"],
            "import typer, pydantic, jinja2, yaml, rich",
        ),
        Row(
            0,
            "floor: typer app running its command, plus the five imports",
            ms["typer-run"],
            "ms",
            ms["imports"],
            "import typer, pydantic, jinja2, yaml, rich",
            note="typer builds a pydantic adapter per parameter when a command runs",
        ),
        Row(0, "floor: python -c pass", ms["pass"], "ms"),
        Row(
            5,
            "peak RSS, draft --offline --kind all",
            rss["draft"],
            "MB",
            rss["typer-run"],
            "typer floor",
            1.2,
            extra={"rss_mb": {k: round(v, 2) for k, v in rss.items()}},
        ),
        Row(
            0,
            "floor: peak RSS, typer app command plus the five imports",
            rss["typer-run"],
            "MB",
            rss["imports"],
            "import typer, pydantic, jinja2, yaml, rich",
        ),
    ]
    return rows


# --- 2: checker ----------------------------------------------------------------------------

_GREETING = "Dear Sophie,"
_SIGN_OFF = "Kind regards,\nJordan Ellis"
# Realistic sentences for Jordan Ellis's notes (fixtures/notes/jordan-ellis.txt); messages of
# any length are built from them, so every length is checked on the same kind of prose.
_SENTENCES = (
    "Thank you for meeting me on Thursday to discuss the Paralegal, Construction Disputes role "
    "at Bramley Kent LLP.",
    "I particularly valued learning that paralegals attend client meetings from their first month.",
    "Our conversation about the team's new adjudication practice confirmed how much I would "
    "like to join you.",
    "It was also good to hear how much responsibility junior staff are trusted with.",
    "My placement at a community legal advice centre taught me to prepare bundles quickly and "
    "to explain procedure in plain words.",
    "I enjoyed hearing how the team divides work between partners, associates and paralegals "
    "on a large claim.",
    "The way you described preparing for an adjudication in twenty-eight days made the pace of "
    "the work very clear.",
    "I would bring careful document management and a calm approach to tight deadlines.",
    "I was struck by how closely the team works with experts and counsel from the start.",
    "Thank you as well for the tour of the office and for introducing me to the team.",
    "I am very enthusiastic about the role and would welcome the chance to contribute.",
    "Please let me know if there is anything else I can send to help your decision.",
    "I remain very keen on the role and on the chance to learn from the team.",
    "Hearing about the firm's work on delay claims made me want to learn more about it.",
    "I look forward to hearing from you about the next steps.",
    "Thank you again for your time and for a thoughtful conversation.",
)


def _words(text: str) -> int:
    from composer import text as tx

    return len(tx.words(text))


def make_message(words: int, start: int) -> str:
    """About `words` words of body (the sentence count that lands nearest): greeting,
    paragraphs of three sentences, sign-off."""
    chosen, count, i = [], _words(_GREETING + _SIGN_OFF), start
    while count < words:
        sentence = _SENTENCES[i % len(_SENTENCES)]
        chosen.append(sentence)
        count += _words(sentence)
        i += 1
    if len(chosen) > 1 and count - words > words - (count - _words(chosen[-1])):
        chosen.pop()
    body = [" ".join(chosen[k : k + 3]) for k in range(0, len(chosen), 3)]
    text = "\n\n".join([_GREETING, *body, _SIGN_OFF])
    return "Subject: Thank you - Paralegal, Construction Disputes interview\n\n" + text


def _time_checks(messages: list[Any], notes: Any, rules: list[Any] | None, repeat: int) -> float:
    """Median seconds per message over `repeat` passes through `messages`."""
    from composer.checker import check_message
    from composer.models import Kind

    per = []
    for _ in range(repeat):
        started = time.perf_counter()
        for message in messages:
            check_message(message, Kind.THANK_YOU, notes, rules=rules)
        per.append((time.perf_counter() - started) / len(messages))
    return statistics.median(per)


def bench_checker(args: argparse.Namespace) -> list[Row]:
    from composer.checker import check_message, parse_message
    from composer.models import Kind
    from composer.notes import read_notes_file
    from composer.rules import REGISTRY, active_rules
    from composer.settings import RuleSettings

    say("checker: in-process, every rule, 150-word messages and 4x/16x lengths ...")
    notes = read_notes_file(NOTES).notes
    rules = list(REGISTRY.values())
    repeat = 5 if args.quick else 9

    def variants(words: int, count: int) -> list[Any]:
        return [parse_message(make_message(words, start)) for start in range(count)]

    base = variants(150, 16)
    sizes = [check_message(m, Kind.THANK_YOU, notes, rules=rules).stats.words for m in base]
    loops = 10 if args.quick else 40
    for message in base:  # warm the regex and stem caches, as any long-running process would
        check_message(message, Kind.THANK_YOU, notes, rules=rules)
    with_notes = _time_checks(base * loops, notes, rules, repeat)
    without = _time_checks(base * loops, None, rules, repeat)
    # As `composer check` and every draft run it: the thank-you's own rules (rules=None).
    own = _time_checks(base * loops, notes, None, repeat)
    own_count = len(active_rules(Kind.THANK_YOU, RuleSettings()))
    growth: dict[int, float] = {}
    for factor in (1, 4, 16):
        msgs = variants(150 * factor, 4)
        growth[factor] = _time_checks(msgs * max(1, loops * 4 // factor), notes, rules, repeat)
    per_word = (growth[16] / 16) / growth[1]
    words = round(statistics.mean(sizes))
    rows = [
        Row(
            2,
            f"checker, {words}-word thank-you, its own {own_count} rules, with notes",
            own * 1000,
            "ms",
            0.5,
            "limit",
            1.0,
            note=f"as `composer check` and drafting run it; {1 / own:,.0f} messages/s",
        ),
        Row(
            2,
            f"checker, {words}-word message, all {len(rules)} rules, with notes",
            with_notes * 1000,
            "ms",
            0.5,
            "limit",
            1.0,
            note=f"{1 / with_notes:,.0f} messages/s on one core",
        ),
        Row(
            2,
            f"checker, {words}-word message, all {len(rules)} rules, no notes",
            without * 1000,
            "ms",
            0.5,
            "limit",
            1.0,
            note=f"{1 / without:,.0f} messages/s on one core",
        ),
    ]
    for factor in (4, 16):
        rows.append(
            Row(
                0,
                f"checker, {150 * factor} words ({factor}x), with notes",
                growth[factor] * 1000,
                "ms",
                growth[1] * 1000 * factor,
                f"{factor} x 1x",
            )
        )
    rows.append(
        Row(
            2,
            "checker growth: cost per word at 16x / at 1x",
            per_word,
            "x",
            1.0,
            "linear",
            1.25,
            note="1x/4x/16x: " + " / ".join(f"{growth[f] * 1000:.3f}" for f in (1, 4, 16)) + " ms",
            extra={"seconds": growth},
        )
    )
    return rows


# --- fake model servers ----------------------------------------------------------------------


def fake_openai_module() -> Any:
    spec = importlib.util.spec_from_file_location(
        "bench_fake_openai", ROOT / "tests" / "fake_openai.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


_ASKED = re.compile(r"Write the (?P<kind>[a-z-]+) email from (?P<who>.+?) to ")


def good_drafts(notes_files: list[Path]) -> dict[tuple[str, str], tuple[str, str]]:
    """A passing draft for every (candidate, kind): what a well-behaved model would answer."""
    from composer.drafting import compose
    from composer.notes import read_notes_file

    answers = {}
    for path in notes_files:
        notes = read_notes_file(path).notes
        for item in compose(notes, KINDS).drafts:
            answers[(notes.candidate, str(item.kind))] = (item.subject, item.body)
    return answers


def router(fake: Any, answers: dict[tuple[str, str], tuple[str, str]], delay: float) -> Callable:
    fallback = next(iter(answers.values()))

    def route(payload: dict[str, Any]) -> Any:
        asked = _ASKED.search(payload["messages"][1]["content"])
        key = (asked["who"], asked["kind"]) if asked else None
        subject, body = answers.get(key, fallback) if key else fallback
        return fake.Step(subject=subject, body=body, delay=delay)

    return route


@contextlib.contextmanager
def server(fake: Any, route: Callable) -> Iterator[Any]:
    srv = fake.FakeOpenAI(route)
    # The scripted server writes headers and body in two sends; on a kept-alive connection
    # Nagle's algorithm and delayed ACKs then stall every answer by ~40 ms. Real servers set
    # TCP_NODELAY; so does this one here.
    srv._server.RequestHandlerClass.disable_nagle_algorithm = True
    srv.__enter__()
    try:
        yield srv
    finally:
        srv.stop()


# --- 3: LLM path overhead ------------------------------------------------------------------


def bench_llm(args: argparse.Namespace, home: Path) -> list[Row]:
    import openai
    from pydantic import SecretStr

    from composer.drafting import compose
    from composer.llm import ChatClient, DraftOut, Endpoint, strict_schema
    from composer.models import Kind
    from composer.notes import read_notes_file
    from composer.prompts import draft_messages
    from composer.settings import RuleSettings

    say("LLM path: compose() vs the raw SDK call, against an instant local server ...")
    fake = fake_openai_module()
    notes = read_notes_file(NOTES).notes
    settings = RuleSettings()
    answers = good_drafts([NOTES])
    rounds = 10 if args.quick else 40
    with server(fake, router(fake, answers, 0.0)) as srv:
        endpoint = Endpoint(base_url=srv.base_url, api_key=SecretStr("bench"), budget=60)
        client = ChatClient(endpoint)
        messages = draft_messages(Kind.THANK_YOU, notes, settings)
        raw = openai.OpenAI(api_key="bench", base_url=srv.base_url, max_retries=0)
        request = {
            "model": endpoint.model,
            "messages": messages,
            "response_format": {
                "type": "json_schema",
                "json_schema": {
                    "name": "draftout",
                    "strict": True,
                    "schema": strict_schema(DraftOut),
                },
            },
        }

        def one_raw() -> float:
            started = time.perf_counter()
            raw.chat.completions.create(**request)
            return time.perf_counter() - started

        def one_compose() -> float:
            started = time.perf_counter()
            result = compose(
                notes, [Kind.THANK_YOU], offline=False, client=client, settings=settings
            )
            elapsed = time.perf_counter() - started
            assert result.drafts[0].source == "llm", result.drafts[0].fallback_reason
            return elapsed

        first = one_compose()  # pays for `import openai`'s leftovers and template compilation
        one_raw()
        before = len(srv.requests)
        raws, composes = [], []
        for _ in range(rounds):
            raws.append(one_raw())
            composes.append(one_compose())
        per_draft_requests = (len(srv.requests) - before - rounds) / rounds
        raw.close()
    overhead = (median(composes) - median(raws)) * 1000
    return [
        Row(
            3,
            "LLM path overhead per draft (compose() minus raw SDK call)",
            max(overhead, 0.0),
            "ms",
            20.0,
            "limit",
            1.0,
            note=f"compose {median(composes) * 1000:.1f} ms, raw SDK call "
            f"{median(raws) * 1000:.1f} ms, {per_draft_requests:g} request(s) per draft; "
            f"first draft in the process {first * 1000:.0f} ms",
            extra={
                "compose_ms": [round(t * 1000, 2) for t in composes],
                "raw_ms": [round(t * 1000, 2) for t in raws],
            },
        )
    ]


# --- 4: concurrency --------------------------------------------------------------------------

_PEOPLE = [
    ("Alex Morgan", "Sophie Turner"),
    ("Priya Raman", "Amal Shah"),
    ("Marco Rossi", "Hannah Price"),
    ("Zoe Okonkwo", "Daniel Reyes"),
    ("Sam Lee", "Jane Doe"),
    ("Aisha Khan", "Oliver Grant"),
    ("Tom Becker", "Laura Finch"),
    ("Grace Adeyemi", "Peter Walsh"),
    ("Luis Ortega", "Nina Patel"),
    ("Emma Clarke", "Ravi Mehta"),
    ("Kenji Sato", "Claire Dubois"),
    ("Fatima Noor", "George Hill"),
    ("Liam Byrne", "Sarah Cohen"),
    ("Mia Novak", "Omar Haddad"),
    ("Noah Fischer", "Ruth Evans"),
    ("Olivia Brown", "Ivan Petrov"),
    ("Ethan Wright", "Mei Chen"),
    ("Chloe Martin", "Yusuf Ali"),
    ("Lucas Silva", "Anna Kowal"),
    ("Isla Murray", "Ben Carter"),
    ("Adam Nowak", "Leah Green"),
    ("Sofia Rossi", "Mark Lewis"),
    ("Jack Taylor", "Elena Ruiz"),
    ("Amira Said", "Paul Moore"),
    ("Ryan Hughes", "Kate Bell"),
    ("Hana Kim", "David Stone"),
    ("Owen Price", "Julia Weiss"),
    ("Nadia Haddad", "Chris Young"),
    ("Ella Ward", "Tariq Aziz"),
    ("Max Weber", "Lucy Hart"),
]
_COMPANIES = [
    "Bramley Kent LLP",
    "Northwind Health",
    "Harbour Analytics",
    "Greenfield Council",
    "Atlas Logistics",
    "Cobalt Studio",
]


def write_batch(folder: Path, count: int) -> list[Path]:
    """`count` notes files in every supported format, one per candidate."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, (candidate, interviewer) in enumerate(_PEOPLE[:count]):
        fields = {
            "candidate": candidate,
            "company": _COMPANIES[i % len(_COMPANIES)],
            "role": "Paralegal, Construction Disputes" if i % 2 else "Data Analyst",
            "interviewer": f"{interviewer}, Senior Associate",
            "interview_date": "12 November 2026",
            "decision_by": "1 week",
            "topics": ["the team's new adjudication practice", "my placement at a law centre"],
            "learned": "new starters attend client meetings from their first month",
            "outcome": "pending",
        }
        stem = candidate.lower().replace(" ", "-")
        if i % 3 == 1:
            path = folder / f"{stem}.json"
            path.write_text(json.dumps(fields, indent=2), encoding="utf-8")
        elif i % 3 == 2:
            lines = []
            for key, value in fields.items():
                if isinstance(value, list):
                    lines.append(f"{key}:")
                    lines.extend(f"  - {json.dumps(v)}" for v in value)
                else:
                    lines.append(f"{key}: {json.dumps(value)}")
            path = folder / f"{stem}.yaml"
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        else:
            lines = [
                f"{k.replace('_', ' ').capitalize()}: {'; '.join(v) if isinstance(v, list) else v}"
                for k, v in fields.items()
            ]
            path = folder / f"{stem}.txt"
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def bench_concurrency(args: argparse.Namespace, home: Path) -> list[Row]:
    fake = fake_openai_module()
    composer = composer_cmd()
    delay = 1.0
    notes_dir = home / "batch-notes"
    files = write_batch(notes_dir, 30)
    say("concurrency: preparing well-behaved answers for 30 notes files ...")
    answers = good_drafts([NOTES, *files])
    rows = []
    with server(fake, router(fake, answers, delay)) as srv:
        env = clean_env(home, OPENAI_BASE_URL=srv.base_url)
        cmds = {
            "one": [*composer, "draft", str(NOTES), "--kind", "thank-you"],
            "all": [*composer, "draft", str(NOTES), "--kind", "all"],
        }
        rounds = 2 if args.quick else min(args.runs, 5)
        say(f"concurrency: {rounds} interleaved rounds of one draft vs --kind all (1 s server) ...")
        before = len(srv.requests)
        res = interleaved(cmds, rounds, env, home)
        sent = len(srv.requests) - before
        one, three = (median([s.seconds for s in res[k]]) for k in ("one", "all"))
        rows.append(
            Row(
                4,
                "--kind all (3 drafts) vs one draft, server answers after 1 s",
                three,
                "s",
                one,
                "one draft",
                1.25,
                note=f"{sent} requests for {(rounds + 1) * 4} drafts (warm-up included); "
                f"codes {sorted({s.code for v in res.values() for s in v})}",
            )
        )

        jobs = args.jobs
        out = home / "batch-out"
        cmd = [
            *composer,
            "draft",
            "--batch",
            str(notes_dir),
            "--jobs",
            str(jobs),
            "--out",
            str(out),
            "--kind",
            "all",
            "--force",
        ]
        expected = len(files) * 3 / jobs
        say(
            f"concurrency: batch of {len(files)} notes files, --jobs {jobs} "
            f"(ideal {expected:.1f} s) ..."
        )
        before = len(srv.requests)
        sample = run_once(cmd, env, home)
        sent = len(srv.requests) - before
        folders = sum(1 for p in out.iterdir() if p.is_dir()) if out.is_dir() else 0
        rows.append(
            Row(
                4,
                f"batch: {len(files)} notes files x 3 kinds, --jobs {jobs}",
                sample.seconds,
                "s",
                expected,
                f"30 x 3 / {jobs}",
                1.25,
                note=f"exit {sample.code}; {sent} requests; {folders} folders written",
            )
        )
    return rows


# --- main ------------------------------------------------------------------------------------


def environment() -> dict[str, Any]:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    ).stdout.strip()
    dirty = bool(
        subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        ).stdout.strip()
    )
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "commit": commit + ("+dirty" if dirty else ""),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="start-up rounds (default 15)")
    parser.add_argument("--quick", action="store_true", help="a fast pass: fewer runs")
    parser.add_argument("--jobs", type=int, default=None, help="--jobs for the batch (default 4)")
    parser.add_argument(
        "--only", default=",".join(SECTIONS), help=f"comma-separated: {','.join(SECTIONS)}"
    )
    parser.add_argument(
        "--json", type=Path, default=BENCH / "results" / "latest.json", help="where to write JSON"
    )
    parser.add_argument(
        "--no-compile",
        action="store_true",
        help="do not byte-compile composer first (an installed package always is)",
    )
    args = parser.parse_args(argv)
    if args.quick and args.runs == 15:
        args.runs = 10
    if args.jobs is None:
        args.jobs = 8 if args.quick else 4
    wanted = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(wanted) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")

    if not args.no_compile:
        # pip writes .pyc files when it installs a package; a checkout run with
        # PYTHONDONTWRITEBYTECODE=1 would otherwise compile composer from source on every start.
        subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "composer")], check=False)

    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="composer-bench-") as tmp:
        home = Path(tmp)
        sections: dict[str, Callable[[], list[Row]]] = {
            "startup": lambda: bench_startup(args, home),
            "checker": lambda: bench_checker(args),
            "llm": lambda: bench_llm(args, home),
            "concurrency": lambda: bench_concurrency(args, home),
        }
        for name in SECTIONS:
            if name in wanted:
                rows.extend(sections[name]())

    rows.sort(key=lambda r: r.target or 99)
    print(table(rows))
    notes = [f"- {r.name}: {r.note}" for r in rows if r.note]
    if notes:
        print("\n" + "\n".join(notes))
    met = [r.met for r in rows if r.met is not None]
    print(f"\n{sum(met)} of {len(met)} targets met.")
    report = {
        "environment": environment(),
        "settings": {
            "runs": args.runs,
            "quick": args.quick,
            "jobs": args.jobs,
            "compiled": not args.no_compile,
        },
        "rows": [r.as_dict() for r in rows],
        "table": table(rows),
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    say(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
