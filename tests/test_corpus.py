"""The labelled message corpus in fixtures/messages (see its README.md).

Two kinds of test. The corpus stays well-formed: every message labelled, its source recorded,
its split the one drawn once, big and balanced enough. And, on the tuning part only, the
checker must not regress: the messages written for composer keep their exact expectations, and
balanced accuracy over the whole tuning part stays above the floor measured when the corpus was
built. Nothing here reads a held-out verdict: `bench/accuracy.py` reports those.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
import yaml

from composer.checker import check
from composer.models import Kind, Severity
from composer.notes import read_notes_file
from composer.rules import REGISTRY

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
MESSAGES = FIXTURES / "messages"
EXPECTATIONS = yaml.safe_load((MESSAGES / "expectations.yaml").read_text(encoding="utf-8"))
SOURCES = yaml.safe_load((MESSAGES / "sources.yaml").read_text(encoding="utf-8"))
SPLIT = yaml.safe_load((MESSAGES / "split.yaml").read_text(encoding="utf-8"))

_spec = importlib.util.spec_from_file_location("bench_accuracy", ROOT / "bench" / "accuracy.py")
assert _spec and _spec.loader
accuracy = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = accuracy  # dataclasses look their module up while it is loading
_spec.loader.exec_module(accuracy)

# Tuning-part balanced accuracy is 1.000 now (0.869 when the corpus was built), less a margin
# for honest trade-offs: a rule change may cost a message or two of the 107, not a slide.
TUNE_BALANCED_FLOOR = 0.98
OBTAINED = {"original", "verbatim-short", "paraphrased", "in-the-spirit", "derived"}
ORIGINS = {"project", "published"}
FLAWS = {
    # guideline key: the rule codes allowed to name it (empty: no rule yet)
    "thanks": {"CRT004"},
    "specific-point": {"SPEC001", "BREV003"},
    "enthusiasm": {"ENTH001"},
    "ask-update": {"ASK001"},
    "ask-feedback": {"ASK002"},
    "names-role": {"CTX001"},
    "right-employer": {"CTX002"},
    "greeting": {"CRT001"},
    "right-person": {"CRT003", "HYG002"},
    "name-spelling": {"HYG002", "CRT003"},
    "sign-off": {"CRT005", "CRT004"},
    "brevity-long": {"BREV001"},
    "brevity-short": {"BREV003", "SPEC001", "CTX001"},
    "no-pressure": {"TONE001", "TONE002"},
    "gracious": {"TONE002"},
    "no-shouting": {"TONE003"},
    "not-desperate": {"TONE006"},
    "not-apologetic": {"TONE005"},
    "no-placeholders": {"HYG001"},
    "no-insult": {"TONE007"},
    "no-salary-talk": set(),
}
# Warnings from these modules are pinned per project-written good message; other modules'
# warnings (such as the grounding check for model drafts) are not this corpus's business.
CORE_MODULES = {
    "brevity",
    "specific",
    "enthusiasm",
    "asks",
    "context",
    "courtesy",
    "tone",
    "hygiene",
    "subject",
}
CORE_CODES = {
    code
    for code, rule in REGISTRY.items()
    if rule.check.__module__.rsplit(".", 1)[-1] in CORE_MODULES
}


def _all() -> list[tuple[str, str, dict]]:
    return [(g, n, s) for g in ("good", "bad") for n, s in sorted(EXPECTATIONS[g].items())]


def _pinned(group: str) -> list[tuple[str, dict]]:
    """Project-written messages in the tuning part: their expectations stay exact."""
    return [
        (n, s)
        for n, s in sorted(EXPECTATIONS[group].items())
        if s["origin"] == "project" and s["split"] == "tune"
    ]


def _report(group: str, name: str, spec: dict):
    text = (MESSAGES / group / name).read_text(encoding="utf-8")
    notes = read_notes_file(FIXTURES / spec["notes"]).notes if spec.get("notes") else None
    return check(text, Kind(spec["kind"]), notes)


def test_every_file_has_labels_and_every_label_a_file() -> None:
    assert set(EXPECTATIONS) == {"good", "bad"}
    for group in ("good", "bad"):
        on_disk = {p.name for p in (MESSAGES / group).glob("*.txt")}
        assert on_disk == set(EXPECTATIONS[group]), group


@pytest.mark.parametrize(
    ("group", "name", "spec"), _all(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_message_is_labelled_with_kind_split_and_source(
    group: str, name: str, spec: dict
) -> None:
    assert spec["kind"] in {k.value for k in Kind}
    assert name.startswith(spec["kind"] + "-"), "file names start with the kind"
    assert spec["split"] in accuracy.PARTS
    assert spec["origin"] in ORIGINS
    assert spec["source"] in SOURCES, "name a source listed in sources.yaml"
    assert spec["obtained"] in OBTAINED
    assert (spec["origin"] == "project") == (spec["source"] == "S00")
    if spec["origin"] == "published":
        assert SOURCES[spec["source"]]["title"], spec["source"]
    if spec["obtained"] == "derived":
        origin = spec["derived_from"]
        assert origin.split("/")[1] in EXPECTATIONS[origin.split("/")[0]], origin
        assert EXPECTATIONS[origin.split("/")[0]][origin.split("/")[1]]["kind"] == spec["kind"]
    else:
        assert "derived_from" not in spec
    if spec.get("notes"):
        assert read_notes_file(FIXTURES / spec["notes"]).notes.candidate
    if group == "bad":
        assert spec["flaw"] in FLAWS, f"{name}: flaw is one of the guideline keys in README.md"
        if spec["expect"]:
            assert set(spec["expect"]) & FLAWS[spec["flaw"]], f"{name}: a rule names its flaw"
        assert set(spec["expect"]) <= set(REGISTRY), "a renamed rule cannot silently pass"
        assert spec.get("why"), "say in words what is wrong with the message"
    else:
        assert "flaw" not in spec and "expect" not in spec


def test_published_text_stays_short() -> None:
    # Third-party text is kept to short excerpts and paraphrases: no message is a whole page.
    for group, name, spec in _all():
        words = len((MESSAGES / group / name).read_text(encoding="utf-8").split())
        limit = 400 if spec["obtained"] != "verbatim-short" else 90
        assert words <= limit, f"{group}/{name}: {words} words"


def test_the_corpus_is_big_and_balanced() -> None:
    good, bad = EXPECTATIONS["good"].values(), EXPECTATIONS["bad"].values()
    assert len(good) + len(bad) >= 150
    assert 0.4 <= len(good) / (len(good) + len(bad)) <= 0.6
    for kind in Kind:
        n_good = sum(s["kind"] == kind.value for s in good)
        n_bad = sum(s["kind"] == kind.value for s in bad)
        assert n_good >= 20 and n_bad >= 20, kind
        assert 0.35 <= n_good / (n_good + n_bad) <= 0.65, kind
    published = [s for s in (*good, *bad) if s["origin"] == "published"]
    assert len(published) >= 75, "the corpus is mostly messages this project did not write"


def test_the_split_is_the_one_drawn_and_never_moves() -> None:
    recorded = {f"{g}/{n}": s["split"] for g, n, s in _all()}
    assert accuracy.expected_splits(EXPECTATIONS, SPLIT) == recorded
    assert set(SPLIT["initial"]) <= set(recorded), "a message of the first draw was removed"
    held = sum(v == "held-out" for v in recorded.values())
    assert 0.28 <= held / len(recorded) <= 0.39
    for group in ("good", "bad"):
        part = [s["split"] for s in EXPECTATIONS[group].values()]
        assert part.count("held-out") >= 20, group


def test_a_message_added_later_gets_its_split_from_its_id() -> None:
    # Shows the rule the split test applies: stable per id, about a third held out.
    ids = [f"good/thank-you-{n:03d}.txt" for n in range(300)]
    first = [accuracy.hashed_split(i) for i in ids]
    assert first == [accuracy.hashed_split(i) for i in ids]
    assert 0.25 <= first.count("held-out") / len(ids) <= 0.42
    extra = {"good": {"thank-you-999.txt": {"kind": "thank-you", "origin": "published"}}}
    entries = {g: {**EXPECTATIONS[g], **extra.get(g, {})} for g in EXPECTATIONS}
    split = accuracy.expected_splits(entries, SPLIT)
    assert split["good/thank-you-999.txt"] == accuracy.hashed_split("good/thank-you-999.txt")


def test_sources_are_described() -> None:
    used = {s["source"] for _, _, s in _all()}
    assert used <= set(SOURCES)
    for key, source in SOURCES.items():
        assert re.fullmatch(r"S\d\d", key) and source["title"]
        assert key in {"S00", "S48"} or str(source["url"]).startswith("http"), key


@pytest.mark.parametrize(
    ("name", "spec"), _pinned("good"), ids=lambda v: v if isinstance(v, str) else ""
)
def test_good_message_passes(name: str, spec: dict) -> None:
    report = _report("good", name, spec)
    errors = [(f.code, f.message) for f in report.findings if f.severity is Severity.ERROR]
    assert report.passed, f"{name}: {errors}"
    allowed = set(spec.get("warnings", []))
    unexpected = {
        f.code for f in report.findings if f.severity is Severity.WARNING and f.code in CORE_CODES
    } - allowed
    assert not unexpected, f"{name}: unexpected warnings {sorted(unexpected)}"


@pytest.mark.parametrize(
    ("name", "spec"), _pinned("bad"), ids=lambda v: v if isinstance(v, str) else ""
)
def test_bad_message_fails_for_its_reason(name: str, spec: dict) -> None:
    report = _report("bad", name, spec)
    assert not report.passed, f"{name} should fail: {spec['why']}"
    errors = {f.code for f in report.findings if f.severity is Severity.ERROR}
    missing = set(spec["expect"]) - errors
    assert not missing, (
        f"{name} ({spec['why']}): {sorted(missing)} did not fire; got {sorted(errors)}"
    )


def test_tuning_part_does_not_regress() -> None:
    tune = [c for c in accuracy.load_cases() if c.split == "tune"]
    overall = accuracy.row("tune", "all kinds", accuracy.judge(tune))
    assert overall.balanced is not None
    assert overall.balanced >= TUNE_BALANCED_FLOOR, (
        f"tuning-part balanced accuracy {overall.balanced:.3f} < {TUNE_BALANCED_FLOOR}: "
        "run `python bench/accuracy.py` for the misclassified messages"
    )
