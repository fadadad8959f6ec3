"""Whole example messages the rules' examples are built from: what Jordan Ellis could send
Sophie Turner after the interview in fixtures/notes/jordan-ellis.txt (the notes every
example is checked with)."""

from __future__ import annotations

OPEN = "Dear Sophie,\n\n"
SIGN = "\n\nKind regards,\nJordan Ellis"
# A short note that mentions the point the notes record ('Learned').
NOTED_POINT = (
    f"{OPEN}Thank you for Thursday. I particularly valued learning that paralegals attend "
    f"client meetings from their first month.{SIGN}"
)

# A thank-you that keeps every rule.
THANKS = """Subject: Thank you - Paralegal interview

Dear Sophie,

Thank you for meeting me on Thursday to discuss the Paralegal, Construction Disputes role at
Bramley Kent LLP. I particularly valued learning that paralegals join client meetings from
their first month, and hearing about the team's new adjudication practice made me even keener
to join you.

Please let me know if I can send anything else that would help.

Kind regards,
Jordan Ellis"""

# A status check that keeps every rule.
STATUS = """Subject: Paralegal role - any update?

Dear Sophie,

I hope you are well. I am writing about my interview on 12 November for the Paralegal,
Construction Disputes role at Bramley Kent LLP. I remain very keen on the position, and I
wondered whether there is any update on your decision that you are able to share.

Kind regards,
Jordan Ellis"""

# A reply to a rejection that keeps every rule.
FEEDBACK = """Subject: Paralegal role - thank you

Dear Sophie,

Thank you for letting me know your decision about the Paralegal role at Bramley Kent LLP.
While I am disappointed, I enjoyed meeting you and learning about the adjudication practice.

I would be grateful for any feedback on my interview, as I am keen to learn and improve. I
would also welcome hearing about other suitable roles at the firm in future.

Kind regards,
Jordan Ellis"""
