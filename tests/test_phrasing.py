"""phrasing.py: each note field in the form its template slot takes, one transformation a test."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from composer import phrasing
from composer.phrasing import Point

# --- topics: a phrase for 'talk about ___', else a sentence -----------------------------------


@pytest.mark.parametrize(
    ("note", "phrase"),
    [
        ("We discussed the new AML regulations.", "the new AML regulations"),
        ("we talked about the move from SAS to Python", "the move from SAS to Python"),
        ("We covered mentoring for new starters!", "mentoring for new starters"),
        ("We also talked through the seat rotation", "the seat rotation"),
        ("Discussed the client onboarding process", "the client onboarding process"),
        ("We had a long discussion about secondments", "secondments"),
        ("They told me about the pro bono clinic.", "the pro bono clinic"),
        ("Sophie explained the seat rotation", "the seat rotation"),
        ("Dr Shah told me about the clinic", "the clinic"),
        ("Joe Patel mentioned the new digital case system", "the new digital case system"),
        ("I learned about the firm's history", "the firm's history"),
        ("I was asked about my dissertation", "my dissertation"),
        (
            "I explained how I handled a weekend staffing shortfall",
            "how I handled a weekend staffing shortfall",
        ),
        ("the team's new adjudication practice", "the team's new adjudication practice"),
        (
            "How the studio critiques work every Friday.",
            "how the studio critiques work every Friday",
        ),
        ("We discussed how the team is structured", "how the team is structured"),
        (
            "Reducing A&E waiting-time variance with simple dashboards.",
            "reducing A&E waiting-time variance with simple dashboards",
        ),
    ],
)
def test_a_topic_loses_its_lead_in_and_final_mark(note: str, phrase: str) -> None:
    point = phrasing.topic(note)
    assert point is not None and point.phrase == phrase
    assert point.clause is None


@pytest.mark.parametrize(
    ("note", "sentence"),
    [
        (
            "They're moving the whole team to a hybrid model next year!",
            "You're moving the whole team to a hybrid model next year.",
        ),
        ("the team is growing fast", "The team is growing fast."),
        ("We discussed that the office is moving.", "We discussed that the office is moving."),
        ("I think my research fits the team well", "I think my research fits the team well."),
    ],
)
def test_a_topic_that_is_a_statement_is_a_sentence_never_a_phrase(note: str, sentence: str) -> None:
    point = phrasing.topic(note)
    assert point is not None
    assert point.phrase is None, "a statement in 'talk about ___' is not English"
    assert point.sentence == sentence


def test_a_name_leads_in_only_with_a_verb_of_speaking() -> None:
    point = phrasing.topic("Training covered contract law")
    assert point is not None and point.text == "training covered contract law"  # left whole


def test_a_pronoun_that_is_an_acronym_does_not_make_a_statement() -> None:
    point = phrasing.topic("IT support for the new office")
    assert point is not None and point.phrase == "IT support for the new office"


def test_a_question_is_quoted_as_a_topic_and_is_nothing_learned() -> None:
    # 'talk about what does a typical day look like' is not English; a quoted question is.
    point = phrasing.topic("what does a typical day look like?")
    assert point == Point(
        text="the question \u201cWhat does a typical day look like?\u201d",
        phrase="the question \u201cWhat does a typical day look like?\u201d",
    )
    assert phrasing.learned("Is there a bonus scheme?") is None
    assert phrasing.highlight("Did I mention my Polish?") is None
    # A statement that ends in '?' is a statement; only the mark goes.
    point = phrasing.learned("they might open a Leeds office?")
    assert point is not None and point.text == "you might open a Leeds office"


def test_an_empty_note_gives_nothing() -> None:
    for read in (phrasing.topic, phrasing.learned, phrasing.reaffirmed, phrasing.highlight):
        assert read(None) is None
        assert read("") is None
        assert read(" - ") is None


# --- learned and reaffirmed: a that-clause, or text for after a colon --------------------------


@pytest.mark.parametrize(
    ("note", "clause"),
    [
        (
            "They're moving the whole team to a hybrid model next year!",
            "you are moving the whole team to a hybrid model next year",
        ),
        ("I learned that they are hiring two trainees", "you are hiring two trainees"),
        ("I learnt that paralegals attend client meetings", "paralegals attend client meetings"),
        ("Learned that the seats last six months.", "the seats last six months"),
        (
            "that they really value people with a law degree",
            "you really value people with a law degree",
        ),
        ("They said the team is growing", "the team is growing"),
        ("Sophie said that juniors get client contact", "juniors get client contact"),
        ("It's been a busy year for the clinic", "it has been a busy year for the clinic"),
        (
            "the team publishes its analysis code internally so clinicians can check it",
            "the team publishes its analysis code internally so clinicians can check it",
        ),
    ],
)
def test_something_learned_becomes_a_that_clause(note: str, clause: str) -> None:
    point = phrasing.learned(note)
    assert point is not None and point.clause == clause
    assert point.learn == f"that {clause}"
    assert point.text == clause


def test_something_learned_that_is_a_phrase_is_learned_about() -> None:
    point = phrasing.learned("I learned about the pro bono clinic.")
    assert point is not None and point.learn == "about the pro bono clinic"
    how = phrasing.learned("how much responsibility junior staff are trusted with")
    assert how is not None and how.learn == "how much responsibility junior staff are trusted with"


def test_an_unclear_note_goes_only_after_a_colon() -> None:
    # No pronoun, no auxiliary: phrase or statement cannot be told apart, so neither slot.
    point = phrasing.learned("paralegals attend client meetings from their first month")
    assert point == Point(text="paralegals attend client meetings from their first month")
    assert point.learn is None


def test_a_first_person_statement_never_follows_learn_that() -> None:
    point = phrasing.learned("I learned that I'd sit in four seats")
    assert point is not None and point.clause is None and point.learn is None
    assert point.sentence == "I learned that I'd sit in four seats."
    assert point.text == "I would sit in four seats"  # still fine after a colon


def test_reaffirmed_with_that_is_a_clause_not_a_topic() -> None:
    point = phrasing.reaffirmed("that they really value people with a law degree")
    assert point is not None
    assert point.clause == "you really value people with a law degree"
    assert point.phrase is None  # so it can never fill 'talking about ___'


def test_a_long_note_is_cut_to_its_first_sentence() -> None:
    note = "They ship weekly. " + "Everyone reviews every change before it goes out " * 6
    point = phrasing.learned(note)
    assert point is not None and point.text == "you ship weekly"


def test_a_second_sentence_is_kept_where_a_sentence_fits() -> None:
    point = phrasing.learned("They ship weekly. Everyone reviews code!")
    assert point is not None
    assert point.text == "you ship weekly. Everyone reviews code"
    assert point.sentence == "You ship weekly. Everyone reviews code."


# --- the firm spoken to: its 'they' is 'you' ---------------------------------------------------


@pytest.mark.parametrize(
    ("note", "said"),
    [
        (
            "they are moving the whole team to a hybrid model next year",
            "you are moving the whole team to a hybrid model next year",
        ),
        ("They're moving their whole team", "You're moving your whole team"),
        ("their team is growing fast", "your team is growing fast"),
        ("how they train juniors", "how you train juniors"),
        ("they really value their people", "you really value your people"),
        ("they pride themselves on mentoring", "you pride yourselves on mentoring"),
        # A later 'their' that another noun could own stays: it may be the starters'.
        ("they pair new starters with their mentors", "you pair new starters with their mentors"),
        ("they train juniors in their first month", "you train juniors in their first month"),
        # Not at the start: whose 'they' it is cannot be told, so it stays as written.
        ("the partners said they are hiring", "the partners said they are hiring"),
        (
            "paralegals attend client meetings from their first month",
            "paralegals attend client meetings from their first month",
        ),
        ("Theydon Bois office", "Theydon Bois office"),
    ],
)
def test_the_firm_is_you_only_where_they_is_surely_the_firm(note: str, said: str) -> None:
    assert phrasing.to_reader(note) == said


def test_every_form_of_a_point_about_the_firm_speaks_to_it() -> None:
    point = phrasing.learned("They're moving the whole team to a hybrid model next year!")
    assert point is not None
    assert point.clause == "you are moving the whole team to a hybrid model next year"
    assert point.sentence == "You're moving the whole team to a hybrid model next year."
    reaffirmed = phrasing.reaffirmed("that they really value people with a law degree")
    assert reaffirmed is not None and reaffirmed.learn == (
        "that you really value people with a law degree"
    )
    topic = phrasing.topic("We discussed their new digital case system")
    assert topic is not None and topic.phrase == "your new digital case system"
    # The lead-in kept in a sentence is the firm too; a later sentence about it as well.
    said = phrasing.topic("They said they're hiring. They also train juniors.")
    assert said is not None and said.sentence == "You said you're hiring. You also train juniors."
    # A point not about the firm leaves a later sentence's 'they' alone.
    other = phrasing.learned("the seats last six months. They rotate in March.")
    assert other is not None and other.text == "the seats last six months. They rotate in March"


# --- highlights: a phrase for 'build on ___' ------------------------------------------------


@pytest.mark.parametrize(
    ("note", "phrase"),
    [
        (
            "I led my university's mock trial team to the national final",
            "my experience of leading my university's mock trial team to the national final",
        ),
        ("Fluent in Polish", "my fluent Polish"),
        ("fluent Polish and German", "my fluent Polish and German"),
        ("I'm fluent in Polish.", "my fluent Polish"),
        ("I am a qualified nurse", "being a qualified nurse"),
        (
            "I have three years of experience in conveyancing",
            "my three years of experience in conveyancing",
        ),
        ("I've a first-class law degree", "my first-class law degree"),
        (
            "I have worked at a regional firm for three years",
            "having worked at a regional firm for three years",
        ),
        ("I was captain of the netball team", "having been captain of the netball team"),
        ("I can speak Polish", "being able to speak Polish"),
        ("I speak fluent Polish", "my fluent Polish"),
        (
            "I recently completed a course in data protection",
            "my experience of recently completing a course in data protection",
        ),
        ("Led the mock trial team", "my experience of leading the mock trial team"),
        (
            "Organised the annual charity ball",
            "my experience of organising the annual charity ball",
        ),
        (
            "Planned the firm's first open day",
            "my experience of planning the firm's first open day",
        ),
        ("Studied criminology at Leeds", "my experience of studying criminology at Leeds"),
        ("Experienced in contract law", "my experience in contract law"),
        ("Experienced paralegal", "being an experienced paralegal"),
        ("Native Spanish speaker", "being a native Spanish speaker"),
        ("Member of the Law Society", "being a member of the Law Society"),
        ("Captain of the netball team", "being captain of the netball team"),
        ("Winner of the national moot", "being the winner of the national moot"),
        ("Passionate about access to justice", "my passion for access to justice"),
        ("Bilingual", "being bilingual"),
        ("Strong Excel skills", "my strong Excel skills"),
        (
            "three years of document review at a regional firm",
            "my three years of document review at a regional firm",
        ),
        ("Four years of NHS performance reporting", "my four years of NHS performance reporting"),
        ("Python and SQL", "my experience with Python and SQL"),
        ("Excel", "my experience with Excel"),
        # 'build on building a model' would repeat itself
        ("I built a route-cost model", "my experience of building a route-cost model"),
    ],
)
def test_a_highlight_becomes_a_phrase_to_build_on(note: str, phrase: str) -> None:
    point = phrasing.highlight(note)
    assert point is not None and point.phrase == phrase


def test_a_first_person_highlight_keeps_its_own_sentence() -> None:
    point = phrasing.highlight("I led my university's mock trial team to the national final.")
    assert point is not None
    assert point.sentence == "I led my university's mock trial team to the national final."
    cv_line = phrasing.highlight("Led the mock trial team")
    assert cv_line is not None and cv_line.sentence == "I led the mock trial team."


def test_a_highlight_that_cannot_be_a_phrase_is_a_sentence() -> None:
    point = phrasing.highlight("I think my research fits the team well")
    assert point is not None and point.phrase is None
    assert point.sentence == "I think my research fits the team well."
    statement = phrasing.highlight("my dissertation was shortlisted for a prize")
    assert statement is not None and statement.phrase is None


# --- case, final marks, joining ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The team's new practice", "the team's new practice"),
        ("We discussed", "we discussed"),
        ("Mentoring for new starters", "mentoring for new starters"),
        ("Fluent Polish", "fluent Polish"),
        ("New starters", "new starters"),
        ("Client onboarding", "client onboarding"),
        ("The Crown Prosecution Service's unit", "the Crown Prosecution Service's unit"),
        # Names and acronyms keep their capitals.
        ("AML regulations", "AML regulations"),
        ("Python and SQL", "Python and SQL"),
        ("Crown Prosecution Service", "Crown Prosecution Service"),
        ("New York office", "New York office"),
        ("Reading office", "Reading office"),
        ("Sophie's advice", "Sophie's advice"),
        ("I led the team", "I led the team"),
        ("McKinsey alumni", "McKinsey alumni"),
        ("Leeds site", "Leeds site"),
    ],
)
def test_the_first_letter_is_lowered_only_for_a_common_word(text: str, expected: str) -> None:
    assert phrasing.lower_first(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("the team is growing", "The team is growing"), ("iPhone apps", "iPhone apps"), ("", "")],
)
def test_a_sentence_starts_with_a_capital(text: str, expected: str) -> None:
    assert phrasing.upper_first(text) == expected


@pytest.mark.parametrize("mark", ["", ".", "!", "?", "...", "!!", ";", "?!"])
def test_a_final_mark_never_meets_the_template_full_stop(mark: str) -> None:
    point = phrasing.learned(f"They're moving the whole team to a hybrid model next year{mark}")
    assert point is not None
    assert point.text.endswith("next year")
    assert point.sentence is not None and point.sentence.endswith("next year.")


def test_a_closing_quote_stays_and_the_mark_inside_it_goes() -> None:
    point = phrasing.learned('they call it "learning by doing."')
    assert point is not None and point.text == 'you call it "learning by doing"'


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], ""),
        (["SQL"], "SQL"),
        (["SQL", "Python"], "SQL and Python"),
        (["SQL", "Python", "dashboards"], "SQL, Python and dashboards"),
        (["SQL and Python", "dashboards"], "SQL and Python, and dashboards"),
        (["", "SQL"], "SQL"),
    ],
)
def test_join(items: list[str], expected: str) -> None:
    assert phrasing.join(items) == expected


def test_attach_never_doubles_a_preposition() -> None:
    tails = (" at Bramley Kent LLP", " with your team", "")
    assert phrasing.attach("four years of NHS reporting", *tails) == (
        "four years of NHS reporting at Bramley Kent LLP"
    )
    assert phrasing.attach("three years of document review at a regional firm", *tails) == (
        "three years of document review at a regional firm with your team"
    )
    assert phrasing.attach("my work at Acme with Python", *tails) == "my work at Acme with Python"


# --- the role and the organisation -------------------------------------------------------------


def test_a_role_parenthetical_is_said_on_first_mention_only() -> None:
    role = "Trainee Solicitor (September 2027 intake)"
    assert phrasing.role_phrase(role) == "the Trainee Solicitor role (September 2027 intake)"
    assert phrasing.role_phrase(role, first=False) == "the Trainee Solicitor role"
    assert phrasing.role_name(role) == "Trainee Solicitor"
    assert phrasing.role_aside(role) == "(September 2027 intake)"


@pytest.mark.parametrize(
    ("role", "first", "later"),
    [
        ("Paralegal", "the Paralegal role", "the Paralegal role"),
        (
            "Graduate Scheme position",
            "the Graduate Scheme position",
            "the Graduate Scheme position",
        ),
        ("The Graduate Scheme", "the Graduate Scheme", "the Graduate Scheme"),
        ("Paralegal, Construction Disputes", "the Paralegal, Construction Disputes role", None),
        (
            "Software Engineer (Backend) Team Lead",
            "the Software Engineer (Backend) Team Lead role",
            "the Software Engineer Team Lead role",
        ),
        ("(Maternity cover)", "the (Maternity cover) role", "the (Maternity cover) role"),
    ],
)
def test_role_phrase(role: str, first: str, later: str | None) -> None:
    assert phrasing.role_phrase(role) == first
    assert phrasing.role_phrase(role, first=False) == (later or first)


@pytest.mark.parametrize(
    ("company", "expected"),
    [
        ("Crown Prosecution Service", "the Crown Prosecution Service"),
        ("University of Leeds", "the University of Leeds"),
        ("Northwind Health NHS Trust", "the Northwind Health NHS Trust"),
        ("The Times", "The Times"),
        ("Bramley Kent LLP", "Bramley Kent LLP"),
        ("Harbour & Finch", "Harbour & Finch"),
        ("Service", "Service"),
    ],
)
def test_an_institution_is_named_with_the(company: str, expected: str) -> None:
    assert phrasing.organisation(company) == expected


# --- subjects ---------------------------------------------------------------------------------

PURPOSES = [
    ("Thank you for the interview", False),
    ("thank you, and a request for feedback", True),
    ("any update?", True),
]
LONG_ROLES = [
    "Trainee Solicitor (September 2027 intake)",
    "Paralegal, Construction Disputes and Professional Negligence (Northern Region)",
    "Head of Research & Development for the Northern Region Clinical Services Directorate",
    "Senior Associate - Banking, Finance and Restructuring - London Office",
    "Supercalifragilisticexpialidocious" * 3,
]


@pytest.mark.parametrize("role", LONG_ROLES)
@pytest.mark.parametrize(("purpose", "role_first"), PURPOSES)
def test_a_subject_fits_the_limit_in_whole_words(purpose: str, role: str, role_first: bool) -> None:
    line = phrasing.subject(purpose, role, role_first=role_first)
    assert len(line) <= phrasing.SUBJECT_LIMIT, line
    assert purpose in line
    name = line.replace(purpose, "").strip(" -")
    assert "(" not in name and ")" not in name
    assert " ".join(phrasing.role_name(role).split()).startswith(name), (name, role)
    assert not name.endswith((" of", " &", " and", " the", " for", ",")), name


def test_a_short_role_is_the_subject_as_written() -> None:
    assert phrasing.subject("Thank you", "Paralegal, Construction Disputes") == (
        "Thank you - Paralegal, Construction Disputes"
    )
    assert phrasing.subject("following up", "Data Analyst", role_first=True) == (
        "Data Analyst - following up"
    )


def test_a_long_role_is_cut_at_its_first_separator() -> None:
    role = "Paralegal, Construction Disputes and Professional Negligence (Northern Region)"
    assert phrasing.subject("thank you, and a request for feedback", role, role_first=True) == (
        "Paralegal - thank you, and a request for feedback"
    )


def test_the_subject_limit_is_the_rule_default() -> None:
    from composer.settings import RuleSettings

    assert RuleSettings().subject_max_chars == phrasing.SUBJECT_LIMIT


# --- any text at all ----------------------------------------------------------------------------

READERS = [phrasing.topic, phrasing.learned, phrasing.reaffirmed, phrasing.highlight]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.sampled_from(READERS), st.text(max_size=300))
def test_any_text_gives_a_point_or_nothing_and_never_a_final_mark(read, text: str) -> None:
    point = read(text)
    if point is None:
        return
    for form in (point.text, point.phrase, point.clause):
        if form is not None:
            assert form == form.strip() and not form.endswith((".", "!", "?", ";", ",")), form
    if point.sentence is not None:
        assert point.sentence.endswith(".") and not point.sentence.endswith(("!.", "?.", "..")), (
            point.sentence
        )


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(max_size=200), st.sampled_from(["Thank you", "any update?"]), st.booleans())
def test_any_role_gives_a_subject_within_the_limit(role: str, purpose: str, first: bool) -> None:
    assert len(phrasing.subject(purpose, role or "x", role_first=first)) <= phrasing.SUBJECT_LIMIT
    assert phrasing.role_phrase(role or "x").startswith("the ")


def test_distinct_drops_empty_notes_and_repeats() -> None:
    points = [phrasing.topic(t) for t in ("Mentoring.", "", "mentoring", "the new office")]
    assert [p.text for p in phrasing.distinct(points)] == ["mentoring", "the new office"]
