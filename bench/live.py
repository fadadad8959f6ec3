"""Live benchmark: every kind for every fixture notes file, against a real model endpoint.

    python bench/live.py http://127.0.0.1:8011/v1 --model qwen1.5b
    python bench/live.py http://127.0.0.1:8011/v1 --model qwen1.5b \\
        --server-log /tmp/local-llm/server-8011.log --out bench/results/qwen

Drafts each (notes file, kind) through composer's public API (`composer.compose`), one draft at
a time so each draft's seconds are its own (a local server answers one request at a time),
with one model client for the whole run (the response format is negotiated once, as in a real
run). Prints a table: the share of final drafts that passed first time / after mechanical
fixes / after repair / fell back to the template, and medians of seconds, prompt tokens,
cached prompt tokens and calls per final draft. Writes every final draft and every model call
(messages sent, raw answer, usage, seconds, format) to a folder for a person to read.

Cached tokens come from the server's usage (`prompt_tokens_details.cached_tokens`, llama.cpp's
`timings.cache_n`) or, for llama-cpp-python, which reports neither, from its log
(`--server-log`: its "N prefix-match hit" lines). Never part of the test suite; sends the
fixture notes (made-up people) to the endpoint given, nothing else.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import statistics
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's composer, not an installed one

NOTES_DIR = ROOT / "fixtures" / "notes"
# How the final draft came about, by its source; anything else is listed as it is.
OUTCOMES = {
    "llm": "first time",
    "llm-fixed": "after fixes",
    "llm-repaired": "after repair",
    "template": "template",
}
_PREFIX_HIT = re.compile(r"(\d+) prefix-match hit, remaining (\d+) prompt tokens")


@dataclass
class Call:
    """One model call as it happened."""

    notes: str
    kind: str
    seconds: float
    messages: list[dict[str, str]]
    raw: str | None = None
    response_format: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_tokens: int | None = None
    error: str | None = None


@dataclass
class Final:
    """One final draft and what it took."""

    notes: str
    kind: str
    source: str
    passed: bool
    seconds: float
    calls: list[Call] = field(default_factory=list)
    subject: str = ""
    body: str = ""
    findings: list[str] = field(default_factory=list)
    fallback_reason: str | None = None


class ServerLog:
    """New lines of a llama-cpp-python server log since the last look: its prefix-cache hits."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.offset = path.stat().st_size if path and path.exists() else 0

    def cached_since(self) -> int | None:
        if self.path is None or not self.path.exists():
            return None
        with self.path.open("rb") as log:
            log.seek(self.offset)
            text = log.read().decode("utf-8", "replace")
            self.offset = log.tell()
        hits = [int(m.group(1)) for m in _PREFIX_HIT.finditer(text)]
        return sum(hits) if hits else None


class Recorder:
    """A model client that records every call it passes on (`reply` for the drafting service,
    `complete` for the older pipeline), one call at a time."""

    def __init__(self, client: Any, log: ServerLog) -> None:
        self._client = client
        self._log = log
        self._lock = threading.Lock()
        self.calls: list[Call] = []
        self.where = ("", "")

    @property
    def endpoint(self) -> Any:
        return self._client.endpoint

    @property
    def structured(self) -> bool:
        return self._client.structured

    @property
    def response_format(self) -> str:
        return self._client.response_format

    def reply(self, messages: list[dict[str, str]], deadline: Any) -> Any:
        return self._record(messages, lambda: self._client.reply(messages, deadline), True)

    def complete(self, messages: list[dict[str, str]], deadline: Any, *args: Any, **kw: Any) -> Any:
        return self._record(
            messages, lambda: self._client.complete(messages, deadline, *args, **kw), False
        )

    def _record(self, messages: list[dict[str, str]], call: Any, is_reply: bool) -> Any:
        with self._lock:  # one request at a time: seconds and log lines are this call's
            started = time.monotonic()
            entry = Call(self.where[0], self.where[1], 0.0, messages)
            try:
                result = call()
            except Exception as exc:
                entry.error = getattr(exc, "message", str(exc))
                entry.raw = getattr(exc, "raw", None)
                raise
            else:
                if is_reply:
                    usage, entry.raw = result.usage, result.raw
                    entry.response_format = result.response_format
                else:
                    _parsed, entry.raw, usage, _model = result
                    entry.response_format = self._client.response_format
                entry.prompt_tokens = usage.prompt_tokens
                entry.completion_tokens = usage.completion_tokens
                entry.cached_tokens = usage.cached_tokens
                return result
            finally:
                entry.seconds = round(time.monotonic() - started, 2)
                from_log = self._log.cached_since()
                if entry.cached_tokens is None and from_log is not None:
                    entry.cached_tokens = from_log
                self.calls.append(entry)


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def fmt(value: float | None, digits: int = 0) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def table(finals: list[Final], calls: list[Call]) -> str:
    """The summary as a markdown table (shares, then medians)."""
    total = len(finals)
    lines = ["| final draft | count | share |", "|---|---|---|"]
    for source, label in OUTCOMES.items():
        count = sum(f.source == source for f in finals)
        lines.append(
            f"| {label} | {count} | {count / total:.0%} |" if total else f"| {label} | 0 | - |"
        )
    for other in sorted({f.source for f in finals} - set(OUTCOMES)):
        count = sum(f.source == other for f in finals)
        lines.append(f"| {other} | {count} | {count / total:.0%} |")
    model = [f for f in finals if f.source != "template"]
    share = f"{len(model) / total:.0%}" if total else "-"
    lines.append(f"| from the model, all told | {len(model)} | {share} |")
    cached = [c.cached_tokens for c in calls if c.cached_tokens is not None]
    prompts = [c.prompt_tokens for c in calls if c.prompt_tokens]
    known = sum(c.prompt_tokens for c in calls if c.cached_tokens is not None)
    lines += [
        "",
        "| median | value |",
        "|---|---|",
        f"| seconds per final draft | {fmt(median([f.seconds for f in finals]), 1)} |",
        f"| calls per final draft | {fmt(median([len(f.calls) for f in finals]), 1)} |",
        f"| prompt tokens per call | {fmt(median(prompts))} |",
        f"| cached prompt tokens per call | {fmt(median(cached))} |",
        "| prompt tokens per final draft | "
        f"{fmt(median([sum(c.prompt_tokens for c in f.calls) for f in finals]))} |",
        f"| seconds per call | {fmt(median([c.seconds for c in calls]), 1)} |",
        "",
        f"{total} final drafts, {len(calls)} calls; cached tokens known for {len(cached)} "
        f"calls; share of prompt tokens cached: "
        + (f"{sum(cached) / known:.0%}" if cached and known else "-"),
    ]
    return "\n".join(lines)


def per_draft_rows(finals: list[Final]) -> str:
    lines = [
        "| notes | kind | source | calls | seconds | prompt tokens | cached |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in finals:
        cached = [c.cached_tokens for c in f.calls if c.cached_tokens is not None]
        lines.append(
            f"| {f.notes} | {f.kind} | {f.source} | {len(f.calls)} | {f.seconds:.1f} | "
            f"{sum(c.prompt_tokens for c in f.calls)} | {sum(cached) if cached else '-'} |"
        )
    return "\n".join(lines)


def write_folder(out: Path, finals: list[Final], header: str, summary: str) -> None:
    """Every final draft as text, every call as JSON, and the summary, for a person to read."""
    for f in finals:
        folder = out / f.notes
        folder.mkdir(parents=True, exist_ok=True)
        verdict = "passes every error rule" if f.passed else "FAILS a rule"
        calls = f"{len(f.calls)} call(s), {f.seconds:.1f} s"
        text = [f"# {f.kind} for {f.notes}: {f.source}, {verdict}, {calls}"]
        if f.fallback_reason:
            text.append(f"# template because: {f.fallback_reason}")
        text += [f"# finding: {line}" for line in f.findings]
        text += ["", f"Subject: {f.subject}", "", f.body, ""]
        (folder / f"{f.kind}.txt").write_text("\n".join(text), encoding="utf-8")
        for number, call in enumerate(f.calls, 1):
            (folder / f"{f.kind}.call-{number}.json").write_text(
                json.dumps(asdict(call), indent=2, ensure_ascii=False), encoding="utf-8"
            )
    (out / "summary.md").write_text(
        f"{header}\n\n{summary}\n\n{per_draft_rows(finals)}\n", encoding="utf-8"
    )
    (out / "results.json").write_text(
        json.dumps([asdict(f) for f in finals], indent=2, ensure_ascii=False), encoding="utf-8"
    )


def fitting(notes: Any, kind: Any) -> Any:
    """The notes with an outcome the kind is written for: a feedback request answers a
    rejection, so pending notes are drafted as rejected (as `composer outcome` would record)."""
    from composer.kinds import spec

    outcomes = spec(kind).outcomes
    if notes.outcome in outcomes:
        return notes
    return notes.model_copy(update={"outcome": next(iter(outcomes))})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "base_url", help="the OpenAI-compatible endpoint, e.g. http://127.0.0.1:8011/v1"
    )
    parser.add_argument("--model", required=True, help="model name the server knows")
    parser.add_argument(
        "--out", type=Path, help="folder for the drafts (default bench/results/live-...)"
    )
    parser.add_argument("--budget", type=float, default=900, help="seconds per draft (default 900)")
    parser.add_argument("--repair-rounds", type=int, default=2)
    parser.add_argument("--structured", default="auto", help="auto, json_schema, json_object, off")
    parser.add_argument("--server-log", type=Path, help="llama-cpp-python's log, for cache hits")
    parser.add_argument("--notes", nargs="*", help="only these notes files (stems)")
    parser.add_argument("--kinds", nargs="*", help="only these kinds")
    args = parser.parse_args(argv)

    from pydantic import SecretStr

    import composer
    from composer.llm import ChatClient, Endpoint
    from composer.models import Kind
    from composer.notes import read_notes_file

    endpoint = Endpoint(
        model=args.model,
        base_url=args.base_url,
        api_key=SecretStr(os.environ["OPENAI_API_KEY"])
        if os.environ.get("OPENAI_API_KEY")
        else None,
        budget=args.budget,
        repair_rounds=args.repair_rounds,
        structured=args.structured,
    )
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = (
        args.out
        or ROOT / "bench" / "results" / f"live-{re.sub(r'[^A-Za-z0-9.]+', '-', args.model)}-{stamp}"
    )
    out.mkdir(parents=True, exist_ok=True)
    recorder = Recorder(ChatClient(endpoint), ServerLog(args.server_log))
    files = sorted(p for p in NOTES_DIR.iterdir() if p.is_file())
    if args.notes:
        files = [p for p in files if p.stem in args.notes]
    kinds = [Kind(k) for k in args.kinds] if args.kinds else list(Kind)
    finals: list[Final] = []
    started = time.monotonic()
    for path in files:
        given = read_notes_file(path).notes
        for kind in kinds:
            notes = fitting(given, kind)
            recorder.where = (path.stem, kind.value)
            before = len(recorder.calls)
            began = time.monotonic()
            result = composer.compose(notes, [kind], offline=False, client=recorder)
            item = result.drafts[0]
            final = Final(
                notes=path.stem,
                kind=kind.value,
                source=str(item.source),
                passed=item.report.passed,
                seconds=round(time.monotonic() - began, 2),
                calls=recorder.calls[before:],
                subject=item.subject,
                body=item.body,
                findings=[f"{x.code} {x.severity}: {x.message}" for x in item.report.findings],
                fallback_reason=item.fallback_reason,
            )
            finals.append(final)
            print(
                f"{path.stem:>14} {kind.value:<17} {final.source:<13} {len(final.calls)} call(s) "
                f"{final.seconds:6.1f} s",
                flush=True,
            )
    header = (
        f"# Live benchmark: {args.model} at {endpoint.label.split(' at ')[-1]}\n\n"
        f"{dt.datetime.now():%Y-%m-%d %H:%M}, {len(files)} notes files x {len(kinds)} kinds, "
        f"budget {args.budget:g} s per draft, repair rounds {args.repair_rounds}, structured "
        f"{args.structured} (used: {recorder.response_format}), "
        f"{time.monotonic() - started:.0f} s in all; load average at the end "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores."
    )
    summary = table(finals, recorder.calls)
    write_folder(out, finals, header, summary)
    print(f"\n{header}\n\n{summary}\n\nDrafts and calls: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
