"""Daily guidance: the checklist, the coasting rule and the common-mistakes warnings."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lorforge.core import guidance
from lorforge.core.guidance import CHECKLIST, CHECKLIST_KEYS, coasting_flag, common_mistakes, mentions_presenting
from lorforge.core.records import Flag, Rotation

MON, TUE, WED, THU, FRI, SAT, SUN = (date(2025, 6, 2) + timedelta(days=i) for i in range(7))
NEXT_MON = date(2025, 6, 9)
ALL_YES = dict.fromkeys(CHECKLIST_KEYS, True)
ALL_NO = dict.fromkeys(CHECKLIST_KEYS, False)


def test_the_checklist_has_four_stable_questions_with_one_sentence_hints():
    assert CHECKLIST_KEYS == ("ownership", "reasoning", "communication", "learning")
    for item in CHECKLIST:
        assert item.question.endswith("?")
        assert item.hint.endswith(".") and item.hint.count(". ") == 0
        assert item.next_step


# --- Coasting --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "earlier, later, expected",
    [
        (MON, TUE, True),
        (FRI, NEXT_MON, True),  # a weekend in between still counts as "in a row"
        (SAT, NEXT_MON, True),
        (MON, WED, False),
        (THU, NEXT_MON, False),
        (TUE, TUE, False),
        (WED, TUE, False),
    ],
)
def test_in_a_row(earlier, later, expected):
    assert guidance.in_a_row(earlier, later) is expected


COASTING_ROWS = [
    # days answered, today, flagged?, text in the message
    ({MON: ALL_NO, TUE: ALL_NO}, None, True, "owning a patient or a task"),
    ({MON: ALL_NO, TUE: ALL_NO}, WED, True, "learning something and applying it"),
    ({FRI: {"reasoning": False}, NEXT_MON: {"reasoning": False}}, None, True, "showing your reasoning"),
    ({MON: {"reasoning": False}, TUE: {"reasoning": False, "ownership": True}}, None, True, "showing your reasoning"),
    ({MON: ALL_NO, TUE: ALL_YES}, None, False, ""),  # back on track today
    ({MON: ALL_YES, TUE: ALL_NO}, None, False, ""),  # one bad day is not coasting
    ({MON: {"reasoning": False}, TUE: {"learning": False}}, None, False, ""),  # different questions
    ({MON: ALL_NO, WED: ALL_NO}, None, False, ""),  # not in a row
    ({MON: ALL_NO, TUE: {"reasoning": None}}, None, False, ""),  # unanswered is not "no"
    ({MON: ALL_NO, TUE: ALL_NO}, FRI, False, ""),  # an old streak is not news
    ({MON: ALL_NO, TUE: ALL_NO, WED: ALL_YES}, None, False, ""),  # only the last two days matter
    ({TUE: ALL_NO}, None, False, ""),
    ({}, None, False, ""),
]


@pytest.mark.parametrize("days, today, flagged, text", COASTING_ROWS)
def test_coasting_rule(days, today, flagged, text):
    flag = coasting_flag(days, today)
    assert (flag is not None) is flagged
    if flagged:
        assert flag.key == "coasting"
        assert text in flag.message
        assert flag.fix


def test_coasting_fix_follows_the_first_question_that_stalled():
    flag = coasting_flag(
        {MON: {"learning": False, "communication": False}, TUE: {"learning": False, "communication": False}}
    )
    communication = next(item for item in CHECKLIST if item.key == "communication")
    assert flag.fix == communication.next_step
    assert "a clear update to the team, a nurse or a family or learning something" in flag.message


@given(st.lists(st.sampled_from([True, False, None]), min_size=8, max_size=8))
def test_coasting_needs_the_same_no_on_both_days(answers):
    first, second = dict(zip(CHECKLIST_KEYS, answers[:4])), dict(zip(CHECKLIST_KEYS, answers[4:]))
    both_no = any(first[k] is False and second[k] is False for k in CHECKLIST_KEYS)
    assert (coasting_flag({MON: first, TUE: second}) is not None) is both_no


# --- Common mistakes -------------------------------------------------------------------------------

FOUR_WEEKS = Rotation(date(2025, 6, 2), date(2025, 6, 27))  # 26 days
ONE_WEEK = Rotation(date(2025, 6, 2), date(2025, 6, 8))
OBSERVERSHIP = Rotation(date(2025, 6, 2), date(2025, 6, 27), kind="observership", setting="outpatient")


@pytest.mark.parametrize(
    "rotation, today, asked, fires",
    [
        (FOUR_WEEKS, date(2025, 6, 14), 0, False),  # 12 of 26 days behind: not half yet
        (FOUR_WEEKS, date(2025, 6, 15), 0, True),  # 13 of 26: half over
        (FOUR_WEEKS, date(2025, 6, 27), 0, True),  # last day
        (FOUR_WEEKS, date(2025, 6, 20), 1, False),  # feedback asked
        (FOUR_WEEKS, date(2025, 6, 28), 0, False),  # the rotation is over
        (FOUR_WEEKS, date(2025, 5, 30), 0, False),  # not started
        (ONE_WEEK, date(2025, 6, 5), 0, False),
        (ONE_WEEK, date(2025, 6, 6), 0, True),
    ],
)
def test_half_over_without_feedback(rotation, today, asked, fires):
    flag = guidance.no_feedback_flag(rotation, today, asked)
    assert (flag is not None) is fires
    if fires:
        assert flag.key == "no_feedback_yet" and flag.fix


@pytest.mark.parametrize(
    "rotation, today, interactions, has_residents, fires",
    [
        (FOUR_WEEKS, date(2025, 6, 8), 0, True, False),  # still the first week
        (FOUR_WEEKS, date(2025, 6, 9), 0, True, True),
        (FOUR_WEEKS, date(2025, 6, 9), 2, True, False),
        (FOUR_WEEKS, date(2025, 6, 9), 0, False, False),  # a clinic without residents
        (FOUR_WEEKS, date(2025, 7, 1), 0, True, False),  # over
        (ONE_WEEK, date(2025, 6, 3), 0, True, False),
        (ONE_WEEK, date(2025, 6, 4), 0, True, True),  # a third of a short rotation
    ],
)
def test_no_resident_interaction(rotation, today, interactions, has_residents, fires):
    flag = guidance.residents_flag(rotation, today, interactions, has_residents)
    assert (flag is not None) is fires
    if fires:
        assert flag.key == "residents_missing" and flag.fix


@pytest.mark.parametrize(
    "rotation, today, entries, fires",
    [
        (OBSERVERSHIP, date(2025, 6, 12), ["Observed Dr. Lee in clinic", "Shadowed rounds"], True),
        (OBSERVERSHIP, date(2025, 6, 12), ["Observed Dr. Lee", "Presented a patient at the clinic huddle"], False),
        (OBSERVERSHIP, date(2025, 6, 12), ["Wrote draft notes for two patients"], False),
        (OBSERVERSHIP, date(2025, 6, 12), ["Gave a 10-minute talk on HFpEF guidelines"], False),
        (OBSERVERSHIP, date(2025, 6, 12), [], True),
        (OBSERVERSHIP, date(2025, 6, 4), [], False),  # too early to judge
        (OBSERVERSHIP, date(2025, 7, 2), [], False),  # over
        (FOUR_WEEKS, date(2025, 6, 12), [], False),  # not an observership
    ],
)
def test_observership_with_nothing_presented(rotation, today, entries, fires):
    flag = guidance.observership_flag(rotation, today, entries)
    assert (flag is not None) is fires
    if fires:
        assert flag.key == "observership_invisible"
        assert "present" in flag.fix and "talk" in flag.fix


def test_common_mistakes_collects_every_warning_that_applies():
    flags = common_mistakes(
        OBSERVERSHIP, date(2025, 6, 20), feedback_asked=0, resident_interactions=0, entries=["Observed clinic"]
    )
    assert [f.key for f in flags] == ["no_feedback_yet", "observership_invisible", "residents_missing"]
    assert all(isinstance(f, Flag) for f in flags)
    assert common_mistakes(FOUR_WEEKS, date(2025, 6, 20), feedback_asked=1, resident_interactions=3) == []


# --- Recognising presenting, drafting and teaching ------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Presented a new patient to Dr. Lee at the clinic huddle", True),
        ("I presented on rounds today", True),
        ("Presented at morning report", True),
        ("Dr. Müller let me present two patients", True),
        ("I presented the patient with COPD to the attending", True),
        ("Did my first case presentation", True),
        ("Wrote draft notes for two patients for teaching", True),
        ("Drafted a practice H&P and Dr. Kim reviewed it", True),
        ("Wrote a SOAP note for teaching", True),
        ("Gave a 10-minute talk on HFpEF guidelines", True),
        ("Prepared a short talk about asthma action plans", True),
        ("Patient presented with chest pain", False),
        ("The patient presented to the ED with fever", False),
        ("She presented to our clinic with a cough", False),
        ("Mr. X presents with dyspnea", False),
        ("I was present at the huddle", False),
        ("Atypical presentation of MI discussed", False),
        ("Observed Dr. Lee in clinic", False),
        ("Took notes during rounds", False),
        ("Read about talk therapy", False),
        ("", False),
    ],
)
def test_mentions_presenting(text, expected):
    assert mentions_presenting(text) is expected
