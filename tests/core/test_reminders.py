from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lorforge.core.reminders import MAX_REMINDERS, final_note_check, reminder_check

DEADLINE = date(2026, 9, 23)


def days(n: int) -> date:
    """``n`` days before (negative) or after the deadline."""
    return DEADLINE + timedelta(days=n)


@pytest.mark.parametrize(
    "sent, today, submitted, allowed, earliest, words",
    [
        ((), days(-40), False, False, days(-28), "3–4 weeks before"),
        ((), days(-28), False, True, None, "well timed"),
        ((), days(-10), False, True, None, "well timed"),
        ((), days(-8), False, True, None, "well timed"),
        ((), days(-7), False, False, None, "too close"),  # the last week belongs to the final check
        ((), days(0), False, False, None, "too close"),
        ((), days(1), False, False, None, "too close"),
        ((days(-28),), days(-20), False, False, days(-14), "few weeks"),
        ((days(-28),), days(-14), False, True, None, "last reminder"),
        ((days(-28), days(-14)), days(-3), False, False, None, "already sent 2 reminders"),
        ((days(-10),), days(-5), False, False, None, "final polite note"),  # a second one would land after the deadline
        ((), days(-10), True, False, None, "already submitted"),
        ((days(-28),), days(-14), True, False, None, "already submitted"),
    ],
)
def test_reminder_policy(sent, today, submitted, allowed, earliest, words):
    decision = reminder_check(sent=sent, today=today, deadline=DEADLINE, submitted=submitted)
    assert decision.allowed == allowed
    assert decision.earliest == earliest
    assert words in decision.reason


def test_third_reminder_is_refused_with_a_clear_message():
    decision = reminder_check(sent=[days(-30), days(-12)], today=days(-2), deadline=DEADLINE, submitted=False)
    assert not decision.allowed
    assert decision.reason.endswith(".") and "final polite note" in decision.reason


@given(start=st.integers(-120, 30), length=st.integers(1, 150), deadline_shift=st.integers(-60, 60))
def test_simulated_season_never_allows_more_than_two(start, length, deadline_shift):
    deadline = DEADLINE + timedelta(days=deadline_shift)
    sent: list[date] = []
    for offset in range(length):  # an applicant who presses "send" every day it is allowed
        today = DEADLINE + timedelta(days=start + offset)
        decision = reminder_check(sent=sent, today=today, deadline=deadline, submitted=False)
        if decision.allowed:
            assert not sent or today - max(sent) >= timedelta(weeks=2)
            assert deadline - timedelta(weeks=4) <= today <= deadline - timedelta(days=8)
            sent.append(today)
        elif decision.earliest is not None:
            assert decision.earliest > today
    assert len(sent) <= MAX_REMINDERS


@given(st.lists(st.dates(), max_size=5), st.dates(), st.dates())
def test_never_allowed_after_submission(sent, today, deadline):
    assert not reminder_check(sent=sent, today=today, deadline=deadline, submitted=True).allowed
    assert not final_note_check(
        reminders_sent=sent, final_sent=None, today=today, deadline=deadline, submitted=True
    ).allowed


@pytest.mark.parametrize(
    "reminders, final, today, submitted, allowed, earliest",
    [
        ((), None, days(-20), False, False, days(-7)),
        ((), None, days(-7), False, True, None),
        ((), None, days(10), False, True, None),  # still missing after the deadline
        ((days(-5),), None, days(-3), False, False, days(2)),
        ((days(-14),), None, days(-7), False, True, None),
        ((), days(-2), days(1), False, False, None),  # only one final note
        ((), None, days(-2), True, False, None),
    ],
)
def test_final_note(reminders, final, today, submitted, allowed, earliest):
    decision = final_note_check(
        reminders_sent=reminders, final_sent=final, today=today, deadline=DEADLINE, submitted=submitted
    )
    assert (decision.allowed, decision.earliest) == (allowed, earliest)
    assert decision.reason


@pytest.mark.parametrize(
    ("materials", "today", "allowed", "earliest"),
    [
        (date(2026, 8, 1), date(2026, 9, 1), True, None),  # long ago: the usual 4-week window applies
        (date(2026, 8, 30), date(2026, 9, 5), False, date(2026, 9, 13)),  # two weeks with the materials first
        (date(2026, 8, 30), date(2026, 9, 13), True, None),
        (date(2026, 9, 20), date(2026, 9, 21), False, None),  # sent too close to the deadline for any reminder
    ],
)
def test_the_first_reminder_waits_two_weeks_after_the_materials(materials, today, allowed, earliest):
    decision = reminder_check(
        sent=[], today=today, deadline=date(2026, 9, 28), submitted=False, materials_sent_on=materials
    )
    assert decision.allowed is allowed
    assert decision.earliest == earliest
    assert decision.reason
