"""The checker's shortcuts give what the plain way gives (issue 12: 0.5 ms a message).

Each shortcut (a guard that skips a scan, a reading that replaces a regex, a fact shared
between rules) is compared here with the straightforward way it replaced, over the rule
examples, the labelled messages, case-mutated copies and random text. Timings are in
bench/run.py, never here.
"""

from __future__ import annotations

import itertools
import random
import re
import sys
from itertools import pairwise

import pytest

from composer import text as tx
from composer.checker import parse_message
from composer.models import Kind
from composer.notes import read_notes_file
from composer.rules import REGISTRY, Context, base, grounding, hygiene, patterns, tone
from composer.rules.base import notes_facts
from composer.rules.patterns import Pattern, Phrases, has_no_digit
from composer.settings import RuleSettings

from .conftest import FIXTURES

RULES = list(REGISTRY.values())
NOTES = read_notes_file(FIXTURES / "notes" / "jordan-ellis.txt").notes


def _all_patterns() -> list[Pattern | Phrases]:
    """Every pattern, those made on first use too (every example is checked once)."""
    hygiene.find_placeholders("")
    for example in (e for r in RULES for e in (*r.good, *r.bad)):
        for kind in Kind:
            for rule in RULES:
                rule.run(_context(example.text, kind))
    return list(patterns.MADE)


def _corpus() -> list[str]:
    texts = [e.text for r in RULES for e in (*r.good, *r.bad)]
    texts += [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "messages").rglob("*.txt"))]
    mutated = []
    rng = random.Random(12)
    for text in texts:
        mutated += [text.upper(), text.lower(), text.title(), text.swapcase()]
        mutated.append("".join(c.upper() if rng.random() < 0.3 else c for c in text))
    return texts + mutated


CORPUS = _corpus()
_PIECES = [
    "Dr",
    "Ms",
    "U.S",
    "a.m",
    "e.g",
    "etc",
    "Ltd",
    "Co",
    "Inc",
    "Acme",
    "J",
    "Ph.D",
    "CV",
    "the",
    "Turner",
    "x",
    "no",
    "é",
    "_",
    "42",
    "'",
    "\u2019",
    '"',
    ")",
    ".",
    "..",
    "!",
    "?",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    ",",
    ":",
    ";",
    "-",
    "&",
    "\u2022",
    "1.",
    "keen",
    "KEEN",
    "don't",
]


def _random_texts(count: int, seed: int, size: int = 30) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, size))) for _ in range(count)]


def _context(text: str, kind: Kind = Kind.THANK_YOU) -> Context:
    return Context(parse_message(text), kind, None, RuleSettings())


# -- words and sentences ---------------------------------------------------------------------


def test_words_and_their_starts_are_what_a_scan_for_words_finds() -> None:
    for text in CORPUS + _random_texts(5000, 1):
        found, starts = tx.words_and_starts(text)
        assert found == tx.words(text)
        assert starts == [m.start() for m in tx.WORD.finditer(text)]
        ctx = _context(text)
        assert ctx.word_spans == tx.word_spans(ctx.body)
        assert ctx.word_count == len(tx.word_spans(ctx.body))


def test_the_body_stems_are_each_content_words_stem() -> None:
    for text in CORPUS:
        ctx = _context(text)
        plain = frozenset(
            tx.stem(s.text)
            for s in tx.word_spans(ctx.body)
            if len(s.text) > 3 and s.text.lower() not in tx.STOPWORDS
        )
        assert ctx.body_stems == plain


_PLAIN_WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['\u2019\-][A-Za-z0-9\u00C0-\u024F]+)*")


def test_possessive_word_repeats_find_what_the_plain_word_regex_does() -> None:
    texts = CORPUS + _random_texts(5000, 4) + ["don't-stop", "a--b", "x'", "'x", "é-é'é", "1-2-"]
    for text in texts:
        assert [m.span() for m in tx.WORD.finditer(text)] == [
            m.span() for m in _PLAIN_WORD.finditer(text)
        ]


# The sentence-end regex as it was written first: the greeting-line branches start at the
# space or tab after the mark, with a look-behind (the splitter's starts at the mark itself).
_PLAIN_QUOTES = "[\"'\u201d\u2019)]*+(?=\\s)"
_PLAIN_SENTENCE_END = re.compile(
    rf"\.(?<![.!?]\.)[.!?]*+{_PLAIN_QUOTES}|!(?<![.!?]!)[.!?]*+{_PLAIN_QUOTES}"
    rf"|\?(?<![.!?]\?)[.!?]*+{_PLAIN_QUOTES}"
    r"|\n[ \t]*\n"
    r"|\n(?<=[,:;]\n)| (?<=[,:;] )[ \t]*\n|\t(?<=[,:;]\t)[ \t]*\n"
    r"|\n(?=[ \t]*(?:[-*\u2022]|\d+[.)])\s)"
)


def _plain_sentences(text: str) -> list[tx.Span]:
    """The splitter as it was written before its shortcuts (the regex for a dotted tail, the
    initials regex tried on every word, a word searched for in every piece, a long last word
    read like any other, the plain sentence-end regex)."""
    spans: list[tx.Span] = []
    start = 0
    for match in _PLAIN_SENTENCE_END.finditer(text):
        end = match.end()
        if match.group().startswith(".") and _plain_abbreviation(text, start, end):
            continue
        _plain_add(spans, text, start, end)
        start = end
    _plain_add(spans, text, start, len(text))
    return spans


def _plain_abbreviation(text: str, start: int, end: int) -> bool:
    first = max(start, end - 24)
    piece = text[first:end].rstrip("\"'\u201d\u2019)")
    found = re.search(r"([A-Za-z.]+)\.$", piece)
    if found is None or piece.endswith("\n"):
        return False
    word = found.group(1)
    lower = word.lower()
    if (lower in tx._COMPANY_SUFFIXES or lower == "etc") and tx._NEXT_CAPITAL.match(text, end):
        stop = first + len(piece)
        if lower == "etc" or tx._AFTER_NAME.search(text, max(start, stop - 40), stop):
            return False
    return (
        lower in tx._ABBREVIATIONS
        or len(word) == 1
        or (bool(tx._INITIALS.fullmatch(word)) and word.count(".") >= 1 and word[0].isalpha())
    )


def _plain_add(spans: list[tx.Span], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped and tx.WORD.search(stripped):
        s = start + len(chunk) - len(chunk.lstrip())
        spans.append(tx.Span(s, s + len(stripped), stripped))


def test_the_sentence_splitter_splits_as_its_plain_form_does() -> None:
    for text in CORPUS + _random_texts(20000, 6, size=40) + _random_texts(5000, 7, size=80):
        assert tx.sentences(text) == _plain_sentences(text), text
    # a long last word before a lone dot, marks after it, a cut-off piece
    ends = ("It was a decision.", "A decision.!. Next", "A decision.!.. Next", "Decision..")
    for text in (*ends, "x" * 30 + ". Y"):
        assert tx.sentences(text) == _plain_sentences(text), text


def test_the_sentence_ends_are_where_the_plain_regex_finds_them() -> None:
    for text in CORPUS + _random_texts(20000, 6, size=40):
        assert [m.end() for m in tx._SENTENCE_END.finditer(text)] == [
            m.end() for m in _PLAIN_SENTENCE_END.finditer(text)
        ], text


_TAIL = re.compile(r"([A-Za-z.]+)\.$")


def test_a_dotted_tail_read_backwards_is_what_the_regex_finds() -> None:
    rng = random.Random(3)
    alphabet = "aZ.. x!?'\u2019é1-"
    pieces = [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(40000)
    ]
    pieces += ["the U.S.", "Dr.", ".", "..", "x.", "a.m.", "Ph.D.", "etc.!", "CV.", "é."]
    for piece in pieces:
        match = _TAIL.search(piece)
        assert tx.dotted_tail(piece) == (match.group(1) if match else None), piece


def test_the_sentence_splitter_keeps_its_spans_on_random_text() -> None:
    # The splitter's output is the spans it always gave: every piece between two ends, stripped.
    for text in _random_texts(20000, 2, size=40):
        spans = tx.sentences(text)
        assert all(text[s.start : s.end] == s.text == s.text.strip() for s in spans)
        assert all(a.end <= b.start for a, b in pairwise(spans))


# -- guards that skip a scan -------------------------------------------------------------------


def test_a_phrase_list_tried_at_first_words_finds_what_a_full_scan_does() -> None:
    lists_ = [p for p in _all_patterns() if isinstance(p, Phrases)]
    rng = random.Random(5)
    for phrases_ in lists_:
        items = list(phrases_.items)
        for _ in range(40):  # long texts full of the list's own phrases and near misses
            words = []
            for _ in range(rng.randint(20, 80)):
                item = rng.choice(items)
                words.append(rng.choice([item, item.upper(), item[1:], item + "s", "re" + item]))
                words.append(rng.choice([" ", ", ", ". ", "\n", "_", "'", "-", " the "]))
            text = "".join(words)
            raw = phrases_.pattern.finditer(tx.lowered(text))
            assert [m.span() for m in phrases_.finditer(text)] == [m.span() for m in raw]
            first = phrases_.pattern.search(tx.lowered(text))
            found = phrases_.search(text)
            assert (found and found.span()) == (first and first.span())


def test_a_phrase_in_a_sentence_overlaps_a_match_in_the_body() -> None:
    """What ASK001/ASK002 rely on to look only at sentences a body match overlaps."""
    lists_ = [p for p in _all_patterns() if isinstance(p, Phrases)]
    for text in CORPUS[:600]:
        ctx = _context(text)
        for phrases_ in lists_:
            spans = [m.span() for m in phrases_.finditer(ctx.body)]
            for sentence in ctx.sentences:
                if phrases_.search(sentence.text):
                    assert any(a < sentence.end and b > sentence.start for a, b in spans)


def test_every_character_a_hidden_control_starts_with_is_unprintable() -> None:
    """HYG004 skips a text that is printable once tabs and line feeds are out."""
    hidden = hygiene.hidden_pattern()
    for point in range(sys.maxunicode + 1):
        char = chr(point)
        if hidden.match(char) or hidden.match(char + "["):
            assert not char.isprintable() and char not in "\n\t", hex(point)


def test_hidden_controls_are_found_however_the_text_is_guarded() -> None:
    hidden = hygiene.hidden_pattern()
    extra = ["\x1b[8m", "\u202e", "\r", "\x07", "\x9b2J", "\u00a0", "\u200b", "\t", "\n"]
    rng = random.Random(7)
    for text in CORPUS[:400]:
        spliced = "".join(c + (rng.choice(extra) if rng.random() < 0.01 else "") for c in text)
        for candidate in (text, spliced):
            plain = [(m.start(), m.end()) for m in hidden.finditer(candidate)]
            assert [(a, b) for a, b, _ in hygiene.hidden_controls(candidate)] == plain


def test_a_text_said_to_have_no_digit_has_none() -> None:
    digit = re.compile(r"\d")
    for point in range(sys.maxunicode + 1):
        char = chr(point)
        if digit.match(char):
            assert not has_no_digit(char) and not has_no_digit(f"abc {char} def"), hex(point)
    assert has_no_digit("Thank you for Thursday") and not has_no_digit("12 November")


_sre = __import__("re._parser", fromlist=["parse"])


def _starts_with_a_digit(source: str, flags: int) -> bool:
    """Whether every match of `source` starts with a decimal digit (`\\d`, at least once)."""
    parsed = list(_sre.parse(source, flags))
    op, av = parsed[0]
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        if av[0] < 1 or len(av[2]) != 1:
            return False
        op, av = av[2][0]
    return op is _sre.IN and av == [(_sre.CATEGORY, _sre.CATEGORY_DIGIT)]


def test_every_pattern_said_to_need_a_digit_does() -> None:
    marked = [p for p in _all_patterns() if isinstance(p, Pattern) and (p.digits or p.digit_hint)]
    assert marked
    for pattern in marked:
        if pattern.digits:
            assert _starts_with_a_digit(pattern.source, pattern.flags), pattern.source
        if pattern.digit_hint:
            assert pattern.hint and _starts_with_a_digit(pattern.hint, pattern.flags)


def test_a_guarded_pattern_finds_what_its_plain_regex_finds_in_digit_free_text() -> None:
    marked = [p for p in _all_patterns() if isinstance(p, Pattern) and (p.digits or p.digit_hint)]
    for text in CORPUS[:800]:
        for pattern in marked:
            for piece in (text, tx.lowered(text)):
                raw = [m.span() for m in pattern.pattern.finditer(piece)]
                assert [m.span() for m in pattern.finditer(piece)] == raw


def test_one_scan_for_every_placeholder_need_finds_what_each_pattern_does() -> None:
    assert hygiene.placeholder_guard() is not None  # every placeholder pattern is guarded
    for text in [*CORPUS, "Dear [Name],", "Hello {{ role }}", "TBD", "Lorem ipsum", "Ms. X"]:
        plain = []
        for pattern in hygiene.placeholder_patterns():
            plain += list(pattern.pattern.finditer(text))
        kept = []
        for match in sorted(plain, key=lambda m: (m.start(), -m.end())):
            if not kept or match.start() >= kept[-1].end():
                kept.append(match)
        assert [m.span() for m in hygiene.find_placeholders(text)] == [m.span() for m in kept]


@pytest.mark.parametrize("kind", list(Kind))
def test_an_echoed_instruction_is_found_in_the_subject_or_the_body(kind: Kind) -> None:
    settings = RuleSettings()
    lines = [r.instruction_for(kind, settings) for r in RULES]
    lines = [line for line in lines if len(line) >= 30]
    rng = random.Random(9)
    for _ in range(60):
        one, two = rng.sample(lines, 2)
        body = f"Dear Sophie,\n\n{rng.choice([one, one.upper(), 'Nothing here.'])} Thanks."
        subject = rng.choice(["", two, two.lower(), "Paralegal role"])
        text = f"Subject: {subject}\n\n{body}" if subject else body
        lowered = tx.lowered(text)
        expected = [line.lower() for line in lines if line.lower() in lowered]
        found = [
            f for f in REGISTRY["HYG003"].run(_context(text, kind)) if "instruction" in f.message
        ]
        assert len(found) == (len(expected) if len(expected) >= 2 else 0), text
        for line in expected if len(expected) >= 2 else []:
            at = lowered.find(line)
            assert any(f.start == at and f.end == at + len(line) for f in found), (line, text)


# -- words judged once per distinct word --------------------------------------------------------


def test_the_cased_words_are_the_distinct_words_not_all_lower_case() -> None:
    for text in CORPUS + _random_texts(3000, 8):
        ctx = _context(text)
        words = set(tx.words(ctx.body))
        assert ctx.distinct_words == words
        assert ctx.cased_words == {w for w in words if not w.islower()}


def _plain_unknown_words(ctx: Context, known: set[str]) -> list[tuple[int, str, bool]]:
    """GRND001's words as it judged them before: every word in turn, where it stands."""
    found = []
    for span in tx.word_spans(ctx.body):
        word = span.text
        if not (word[0].isupper() or word.lower() in grounding._DATE_WORDS):
            continue
        lower = word.lower().replace("\u2019", "'")
        if lower in known or lower.removesuffix("'s") in known:
            continue
        if lower in grounding._WEEKDAYS or lower in grounding._MONTHS:
            found.append((span.start, word, True))
        elif word[0].isupper() and lower not in grounding._ORDINARY:
            found.append((span.start, word, False))
    return found


def test_grounding_judges_each_distinct_word_as_it_judged_each_word() -> None:
    known = {"sophie", "thursday", "bramley", "kent", "llp", "november", "jordan", "ellis"}
    for text in CORPUS + _random_texts(2000, 10):
        ctx = _context(text)
        assert list(grounding._unknown_words(ctx, known)) == _plain_unknown_words(ctx, known)
        fresh = set(known)  # a set judged for the first time
        assert list(grounding._unknown_words(ctx, fresh)) == _plain_unknown_words(ctx, fresh)


def test_grounding_judges_words_the_same_once_its_verdicts_are_full(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    known = {"sophie", "thursday", "kent"}
    monkeypatch.setattr(base, "JUDGED_KEPT", 10)
    for text in CORPUS[:200]:
        ctx = _context(text)
        assert list(grounding._unknown_words(ctx, known)) == _plain_unknown_words(ctx, known)
    table = next(t for k, (f, t) in base._JUDGED.items() if k[0] == "GRND001" and f[0] is known)
    assert 10 < len(table) <= 10 + len(max(CORPUS[:200], key=len))


def test_a_misspelled_name_is_found_wherever_the_word_stands() -> None:
    """HYG002 judges each distinct capitalised word once, then reports each place it stands:
    the findings of judging every word where it stands."""
    rule = REGISTRY["HYG002"]
    names = hygiene._name_tokens(NOTES)
    known = notes_facts(NOTES).words
    for text in CORPUS[:1500]:
        for typo in (text, text.replace("Sophie", "Sofie").replace("Ellis", "Elis")):
            ctx = Context(parse_message(typo), Kind.THANK_YOU, NOTES, RuleSettings())
            plain = []
            for span in tx.word_spans(ctx.body):
                if len(span.text) >= 4 and span.text[0].isupper():
                    name = hygiene._misspelled(span.text, names, known)
                    if name is not None:
                        word = tx.without_possessive(span.text)
                        plain.append((span.start, span.start + len(word), word, name))
            found = [(f.start, f.end, f.message) for f in rule.run(ctx)]
            at = ctx.body_start
            assert found == [
                (a + at, b + at, f"'{w}' looks like a misspelling of '{n}'") for a, b, w, n in plain
            ]


def test_every_run_of_marks_holds_a_pair_that_guards_its_scan() -> None:
    run = re.compile(r"[!?]{2,}")
    for size in range(2, 7):
        for marks in itertools.product("!?", repeat=size):
            text = "".join(marks)
            assert run.fullmatch(text) and any(pair in text for pair in tone.MARK_PAIRS)
    for text in CORPUS + _random_texts(3000, 11):
        if run.search(text):
            assert any(pair in text for pair in tone.MARK_PAIRS), text


def _plain_firsts(phrases_: Phrases, lower: str) -> set[str] | bool | None:
    """What one list's own word test let through, before the lists shared one index: the first
    words of its phrases whose words and neighbouring pairs the text has (None: scan it all;
    False: nothing can match)."""
    runs = re.findall(r"\w+", lower)
    have, pairs = set(runs), set(pairwise(runs))
    firsts: set[str] = set()
    for item in phrases_.items:
        words = re.findall(r"\w+", item)
        if set(words) <= have and set(pairwise(words)) <= pairs:
            if not item.startswith(words[0]):
                return None
            firsts.add(words[0])
    return firsts or False


def test_the_shared_phrase_index_lets_through_what_each_lists_own_test_did() -> None:
    lists_ = [p for p in _all_patterns() if isinstance(p, Phrases)]
    assert all(p._keys for p in lists_)  # every list has words to file, and is filed
    rng = random.Random(13)
    texts = [t for t in CORPUS if len(t) >= 300][:400]
    for _ in range(300):  # long texts built from the lists' own phrases
        picked = [rng.choice(rng.choice(lists_).items) for _ in range(rng.randint(10, 40))]
        texts.append(". ".join(picked) + " " * 300)
    for text in texts:
        lower = tx.lowered(text)
        for phrases_ in lists_:
            found = phrases_._lower(text)
            plain = _plain_firsts(phrases_, lower)
            assert (found is None) == (plain is False), (phrases_.items[:3], text[:80])
            if found is not None:
                assert found[1] == plain


# -- sentences found by bisecting ---------------------------------------------------------------


def test_the_sentences_spans_overlap_are_those_a_test_of_every_sentence_finds() -> None:
    rng = random.Random(14)
    for text in CORPUS[:1500] + _random_texts(2000, 15, size=40):
        ctx = _context(text)
        size = len(ctx.body)
        spans, at = [], 0
        while at < size and len(spans) < 6:  # in order, not overlapping, as finditer gives
            start = rng.randint(at, size - 1)
            end = min(size, start + rng.randint(1, 60))
            spans.append((start, end))
            at = end
        plain = [
            (s, any(a >= s.start and b <= s.end for a, b in spans))
            for s in ctx.sentences
            if any(a < s.end and b > s.start for a, b in spans)
        ]
        assert ctx.overlapped(spans) == plain
        for pos in range(0, size + 1, 7):
            held = next((s for s in ctx.sentences if s.start <= pos < s.end), None)
            assert ctx.sentence_at(pos) == held


def test_a_phrase_wholly_inside_a_sentence_in_the_body_is_found_in_the_sentence() -> None:
    """What ASK001/ASK002 rely on to skip searching such a sentence again."""
    lists_ = [p for p in _all_patterns() if isinstance(p, Phrases)]
    for text in CORPUS[:600]:
        ctx = _context(text)
        for phrases_ in lists_:
            spans = [m.span() for m in phrases_.finditer(ctx.body)]
            for sentence, holds_one in ctx.overlapped(spans):
                if holds_one:
                    assert phrases_.search(sentence.text) is not None


def test_every_inner_word_of_an_instruction_is_a_word_wherever_the_line_stands() -> None:
    """HYG003 looks for a line in the body only when the body has every word the line holds
    whole; so wherever a line stands, those words are words of the text."""
    settings = RuleSettings()
    lines = {r.instruction_for(kind, settings).lower() for r in RULES for kind in r.kinds}
    rng = random.Random(16)
    for line in lines:
        inner = hygiene.inner_words(line)
        assert hygiene.inner_word(line) in (inner or {None})
        for _ in range(20):
            before, after = rng.choice(_PIECES).lower(), rng.choice(_PIECES).lower()
            text = f"{before}{line}{after}"
            assert inner <= set(re.findall(r"\w+", text)), (line, text)


def test_an_echo_is_possible_exactly_where_the_echo_patterns_guard_says() -> None:
    echo = hygiene._echo()
    extra = [f"Subject: {n}\n\nDear Sophie,\n\nThanks." for n in echo.needs or ()]
    extra += [f"Subject: Hi\n\nDear Sophie,\n\nI {n} you." for n in echo.needs or ()]
    extra += ["Subject: as an\n\nai model, SUBJ001 says", 'Subject: a\n\n"body": 1']
    for text in CORPUS + extra:
        ctx = _context(text)
        lowered = patterns.lowered(ctx.text)
        assert hygiene.echo_possible(ctx, lowered) == echo.could_match(lowered), text


def _plain_word_starts(lower: str, word: str) -> list[int]:
    found, at = [], lower.find(word)
    while at >= 0:
        if at == 0 or not (lower[at - 1].isalnum() or lower[at - 1] in "_'\u2019"):
            found.append(at)
        at = lower.find(word, at + 1)
    return found


def test_a_one_letter_word_starts_where_the_find_loop_said() -> None:
    letters = ["i", "a", "x", "é", "_", "1"]
    texts = [tx.lowered(t) for t in CORPUS] + _random_texts(3000, 17)
    texts += ["\u00b2i \u0660i ia _i 'i \u2019i i", "ai\u0301i"]
    for text in texts:
        for letter in letters:
            assert list(patterns.word_starts(text, letter)) == _plain_word_starts(text, letter)


def test_a_one_need_guard_says_what_the_any_of_its_needs_said() -> None:
    guarded = [p for p in _all_patterns() if isinstance(p, Pattern) and p.needs is not None]
    assert any(len(p.needs or ()) == 1 for p in guarded)
    for text in CORPUS[:800]:
        for pattern in guarded:
            lower = text.lower() if pattern.flags & re.IGNORECASE else text
            plain = any(need in lower for need in pattern.needs or ())
            if plain:
                assert pattern.could_match(text), (pattern.source, text[:60])
            elif pattern.hint is None:
                assert not pattern.could_match(text), (pattern.source, text[:60])


def test_stems_of_a_word_set_are_each_words_content_stem_even_past_the_memo_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = CORPUS + _random_texts(2000, 9)
    for text in texts:
        words = frozenset(tx.words(text))
        assert tx.stems_of(words) == frozenset(filter(None, map(tx.content_stem, words)))
    # a memo over its limit starts again, and still answers for every word
    monkeypatch.setattr(tx, "_STEM_OF", {f"w{i}": None for i in range(16385)})
    words = frozenset(tx.words(CORPUS[0]))
    assert tx.stems_of(words) == frozenset(filter(None, map(tx.content_stem, words)))
    assert len(tx._STEM_OF) == len(words)


def test_a_context_computes_each_cached_piece_once_and_keeps_it() -> None:
    from composer.rules.base import cached_property

    calls = []

    class Counted:
        @cached_property
        def piece(self) -> list[int]:
            """A docstring kept."""
            calls.append(1)
            return [len(calls)]

    first, second = Counted(), Counted()
    assert first.piece is first.piece and first.piece == [1]
    assert second.piece == [2] and len(calls) == 2
    assert isinstance(Counted.__dict__["piece"], cached_property)
    assert Counted.piece.__doc__ == "A docstring kept."  # type: ignore[attr-defined]
    ctx = _context(CORPUS[0])
    assert ctx.sentences is ctx.sentences and ctx.sentences == tx.sentences(ctx.body)
    assert ctx.body_stems is ctx.body_stems


def test_words_are_judged_once_per_key_and_facts_and_never_by_another_judge() -> None:
    calls: list[str] = []

    def judge(word: str) -> str:
        calls.append(word)
        return word.upper()

    facts = ({"x"},)
    words = frozenset({"a", "b"})
    assert base.judged("T1", words, facts, judge) == {"a": "A", "b": "B"}
    assert base.judged("T1", words | {"c"}, facts, judge)["c"] == "C"
    assert sorted(calls) == ["a", "b", "c"]  # each word once
    # another key, or other facts (even equal ones), judge afresh
    assert base.judged("T2", words, facts, len) == {"a": 1, "b": 1}
    assert base.judged("T1", words, ({"x"},), lambda w: w * 2) == {"a": "aa", "b": "bb"}
    assert sorted(calls) == ["a", "b", "c"]
