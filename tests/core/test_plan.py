"""The rotation plan's date rules: every checkpoint, in order, inside its window, for any start and length."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lorforge.core import season, timeline, workdays
from lorforge.core.plan import KEY_ORDER, Checkpoint, build_plan, default_deadline, projected_letter, schedule
from lorforge.core.records import Applicant, Person, Rotation

APPLICANT = Applicant("Çağlar Yılmaz", country="Türkiye", specialty="Internal Medicine")
TEAM = (Person("Sarah Smith"), Person("Ana Lee", role="resident"))
IN_PERSON = {
    "setup",
    "feedback_seed",
    "micro_highlight",
    "midpoint_feedback",
    "feedback_followup",
    "feedback_check",
    "pre_ask",
}
DAY = timedelta(days=1)


def plan_for(start: date, days: int, deadline: date | None = None, **rotation) -> list[Checkpoint]:
    return build_plan(
        rotation=Rotation(start, start + timedelta(days=days - 1), **rotation),
        applicant=APPLICANT,
        people=TEAM,
        deadline=deadline,
    )


def first(plan: list[Checkpoint], key: str) -> Checkpoint:
    return next(c for c in plan if c.key == key)


def all_of(plan: list[Checkpoint], key: str) -> list[Checkpoint]:
    return [c for c in plan if c.key == key]


def assert_plan_rules(plan: list[Checkpoint], start: date, end: date, deadline: date) -> None:
    """The rules that hold for every rotation length, start day and deadline."""
    keys = {c.key for c in plan}
    assert {"setup", "pre_ask", "last_day_thanks", "materials_email", "confirm_submission"} <= keys <= set(KEY_ORDER)
    assert plan == sorted(plan, key=lambda c: (c.starts, KEY_ORDER.index(c.key)))
    assert len({c.id for c in plan}) == len(plan)
    for c in plan:
        assert start <= c.starts <= c.ends, c
    # first occurrences follow the canonical order
    sequence = [
        "setup",
        "feedback_seed",
        "midpoint_feedback",
        "feedback_followup",
        "pre_ask",
        "last_day_thanks",
        "reminder",
        "confirm_submission",
    ]
    starts = [first(plan, key).starts for key in sequence if key in keys]
    assert starts == sorted(starts)
    for c in plan:
        if c.key in IN_PERSON:
            assert c.ends < end, c  # in-person talks come before the last day
    setup, pre_ask = first(plan, "setup"), first(plan, "pre_ask")
    assert setup.starts <= pre_ask.starts
    assert pre_ask.ends < end and pre_ask.starts >= end - 7 * DAY
    thanks = first(plan, "last_day_thanks")
    assert thanks.starts == thanks.ends == timeline.last_day_thanks(start, end)
    materials = first(plan, "materials_email")
    assert materials.starts == pre_ask.starts + DAY and materials.ends == end + DAY
    reminders = all_of(plan, "reminder")
    assert len(reminders) <= 2
    assert all(r.starts >= materials.ends + timeline.AFTER_MATERIALS for r in reminders)
    assert all(r.ends <= deadline - timeline.LAST_REMINDER_BEFORE for r in reminders)
    if len(reminders) == 2:
        assert reminders[1].starts - reminders[0].starts >= timedelta(weeks=2)
    confirm = first(plan, "confirm_submission")
    assert confirm.ends >= deadline and all(confirm.starts > r.starts for r in reminders)
    if len(workdays.working_days(start, end)) >= 2:
        per_day: dict[date, int] = {}
        for c in plan:
            if c.key in IN_PERSON or c.key == "last_day_thanks":
                per_day[c.starts] = per_day.get(c.starts, 0) + 1
        assert max(per_day.values()) <= 2, per_day


def effective_deadline(start: date, end: date, deadline: date | None = None) -> date:
    """The deadline the plan's letter steps use (``core.timeline``): a deadline before the end is not one."""
    return projected_letter(
        rotation=Rotation(start, end), writer=TEAM[0], applicant=APPLICANT, deadline=deadline
    ).deadline.on


# --- Rotations of 1, 2, 3, 4 and 6 weeks, starting on every weekday, across month and year ends ----

WEEK_LENGTHS = [5, 7, 12, 14, 19, 21, 26, 28, 40, 42]  # Mon–Fri and full weeks, 1 to 6 weeks
STARTS = [date(2025, 6, 2) + timedelta(days=i) for i in range(7)]  # Monday to Sunday
BOUNDARY_STARTS = [date(2024, 12, 27), date(2025, 12, 30), date(2024, 2, 26), date(2025, 1, 29), date(2025, 3, 31)]


@pytest.mark.parametrize("days", WEEK_LENGTHS)
@pytest.mark.parametrize("start", STARTS + BOUNDARY_STARTS, ids=lambda d: d.strftime("%a-%Y-%m-%d"))
def test_plan_rules_hold_for_every_length_and_start(start, days):
    end = start + timedelta(days=days - 1)
    plan = plan_for(start, days)
    assert_plan_rules(plan, start, end, effective_deadline(start, end))


@pytest.mark.parametrize("days", [d for d in WEEK_LENGTHS if d >= 10])
@pytest.mark.parametrize("start", STARTS + BOUNDARY_STARTS, ids=lambda d: d.strftime("%a-%Y-%m-%d"))
def test_in_person_talks_fall_on_weekdays_when_the_window_allows(start, days):
    for c in plan_for(start, days):
        if c.key in IN_PERSON or c.key == "last_day_thanks":  # weekdays that are not US federal holidays
            assert workdays.is_working_day(c.starts) and workdays.is_working_day(c.ends), c


@pytest.mark.parametrize("start", STARTS + BOUNDARY_STARTS, ids=lambda d: d.strftime("%a-%Y-%m-%d"))
@pytest.mark.parametrize("days", [26, 28, 35, 40, 42])
def test_four_to_six_week_rotations_follow_the_playbook_timings(start, days):
    plan = plan_for(start, days)
    end = start + timedelta(days=days - 1)
    last = days - 1
    seed, midpoint = first(plan, "feedback_seed"), first(plan, "midpoint_feedback")
    assert start + 3 * DAY <= seed.starts and seed.ends <= start + 9 * DAY  # end of week 1 / early week 2
    assert start + 7 * DAY <= midpoint.starts and midpoint.ends <= start + 20 * DAY  # weeks 2-3
    assert abs((midpoint.starts - start).days - last / 2) <= 4  # near the midpoint
    followup = first(plan, "feedback_followup")
    assert 5 <= (followup.starts - midpoint.starts).days <= 8  # about a week later (a holiday may add a day)
    pre_ask = first(plan, "pre_ask")
    # 3-5 days before the last day, or the working day before those when they are a weekend and a holiday
    assert end - 7 * DAY <= pre_ask.starts and pre_ask.ends <= end - 3 * DAY
    micro = all_of(plan, "micro_highlight")
    assert len(micro) >= 5
    gaps = [(b.starts - a.starts).days for a, b in zip(micro, micro[1:])]
    assert all(2 <= gap <= 6 for gap in gaps)  # every few days (a long weekend stretches one gap)


@pytest.mark.parametrize("start", STARTS, ids=lambda d: d.strftime("%a"))
def test_a_one_week_rotation_still_asks_before_the_last_day(start):
    plan = plan_for(start, 7)
    end = start + 6 * DAY
    pre_ask = first(plan, "pre_ask")
    assert start + 2 * DAY <= pre_ask.starts <= pre_ask.ends < end


def test_a_four_week_monday_rotation_has_these_dates():
    plan = plan_for(date(2025, 6, 2), 26)  # Mon Jun 2 - Fri Jun 27
    windows = {c.id: (c.starts.isoformat(), c.ends.isoformat()) for c in plan}
    assert windows["setup"] == ("2025-06-02", "2025-06-03")
    assert windows["feedback_seed"] == ("2025-06-06", "2025-06-09")
    assert windows["midpoint_feedback"] == ("2025-06-12", "2025-06-16")
    assert windows["feedback_followup"] == ("2025-06-18", "2025-06-20")
    assert windows["pre_ask"] == ("2025-06-23", "2025-06-24")
    assert windows["last_day_thanks"] == ("2025-06-27", "2025-06-27")
    assert windows["materials_email"] == ("2025-06-24", "2025-06-28")
    deadline = season.default_season_dates(2026).letter_deadline
    assert deadline == date(2025, 9, 24)
    assert windows["reminder-1"] == ("2025-08-27", "2025-09-03")  # 4 to 3 weeks before
    assert windows["reminder-2"] == ("2025-09-10", "2025-09-16")  # two weeks later, not in the last week
    assert windows["confirm_submission"] == ("2025-09-17", "2025-09-24")


def test_christmas_and_weekends_carry_no_conversation():
    plan = plan_for(date(2026, 11, 30), 26)  # Mon Nov 30 - Fri Dec 25 (Christmas)
    assert first(plan, "last_day_thanks").starts == date(2026, 12, 24)
    assert all(c.starts != date(2026, 12, 25) for c in plan if c.key in IN_PERSON | {"last_day_thanks"})


def test_a_two_day_rotation_keeps_to_two_conversations_a_day():
    plan = plan_for(date(2026, 12, 1), 2)  # Tue-Wed
    assert [c.key for c in plan if c.key in IN_PERSON | {"last_day_thanks"}] == ["setup", "pre_ask", "last_day_thanks"]


def test_an_eight_week_rotation_gets_feedback_every_one_to_two_weeks():
    plan = plan_for(date(2027, 1, 4), 54)
    feedback = sorted(
        c.starts for c in plan if c.key in ("feedback_seed", "midpoint_feedback", "feedback_followup", "feedback_check")
    )
    assert len(feedback) >= 4
    assert all((b - a).days <= 15 for a, b in zip(feedback, feedback[1:]))


# --- Property: any start, any length from 2 days to 8 weeks, any deadline --------------------------


@settings(max_examples=300, deadline=None)
@given(
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    length=st.integers(min_value=1, max_value=56),
    deadline_offset=st.one_of(st.none(), st.integers(min_value=-60, max_value=400)),
)
def test_plan_rules_hold_for_any_rotation(start, length, deadline_offset):
    end = start + timedelta(days=length)
    deadline = None if deadline_offset is None else end + timedelta(days=deadline_offset)
    plan = build_plan(rotation=Rotation(start, end), applicant=APPLICANT, people=TEAM, deadline=deadline)
    assert_plan_rules(plan, start, end, effective_deadline(start, end, deadline))


# --- Deadlines -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "deadline, reminders, squeezed",
    [
        (date(2025, 9, 24), 2, False),  # the usual case: months after the rotation
        (date(2025, 8, 20), 2, False),  # just enough room for both
        (date(2025, 7, 30), 1, True),  # two weeks after the materials is already past 3 weeks before: one, later
        (date(2025, 7, 26), 1, True),
        (date(2025, 7, 18), 0, False),  # no room for a reminder outside the last week: only the final check
        (date(2025, 6, 29), 0, False),  # the day after the materials window
        (date(2025, 6, 10), 2, False),  # before the rotation even ends: not a deadline this letter can meet
    ],
)
def test_reminders_squeeze_when_the_deadline_is_close(deadline, reminders, squeezed):
    start, end = date(2025, 6, 2), date(2025, 6, 27)
    plan = plan_for(start, 26, deadline=deadline)
    assert_plan_rules(plan, start, end, effective_deadline(start, end, deadline))
    found = all_of(plan, "reminder")
    assert len(found) == reminders
    if found:
        assert any("wait two weeks" in tip for tip in found[0].tips) == squeezed


def test_the_default_deadline_follows_the_applicants_season():
    rotation = Rotation(date(2025, 3, 3), date(2025, 3, 28))
    assert default_deadline(rotation, Applicant("A")) == season.default_season_dates(2026).letter_deadline
    assert default_deadline(rotation, Applicant("A", season=2027)) == season.default_season_dates(2027).letter_deadline
    later = Rotation(date(2025, 10, 6), date(2025, 10, 31))  # too late for the 2026 match
    assert default_deadline(later, Applicant("A")) == season.default_season_dates(2027).letter_deadline


# --- Bad dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start, end, message",
    [
        (date(2025, 6, 27), date(2025, 6, 2), "before it starts"),
        (date(2025, 6, 2), date(2025, 6, 2), "at least two days"),
        (date(2025, 1, 6), date(2025, 7, 7), "up to 26 weeks"),
    ],
)
def test_impossible_dates_are_refused(start, end, message):
    with pytest.raises(ValueError, match=message):
        build_plan(rotation=Rotation(start, end), applicant=APPLICANT)
    with pytest.raises(ValueError, match=message):
        schedule(start, end)


def test_twenty_six_weeks_is_the_longest_plan():
    start = date(2025, 1, 6)
    plan = plan_for(start, 26 * 7)
    end = start + timedelta(days=26 * 7 - 1)
    assert_plan_rules(plan, start, end, effective_deadline(start, end))


# --- People, ids, focus ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "people, lead, writer",
    [
        ((Person("Sarah Smith"),), None, "Dr. Smith"),
        ((Person("Dr. Sarah Smith"),), None, "Dr. Smith"),
        ((Person("Ana Lee", role="resident"), Person("José Müller")), None, "Dr. Müller"),
        (
            (Person("Sarah Smith"), Person("Nguyễn Văn An", title="Dr.", surname="Nguyễn")),
            "Nguyễn Văn An",
            "Dr. Nguyễn",
        ),
        ((Person("Ana Lee", role="resident"),), None, "your attending"),
        ((), None, "your attending"),
    ],
)
def test_the_plan_is_built_around_the_lead_attending(people, lead, writer):
    plan = build_plan(
        rotation=Rotation(date(2025, 6, 2), date(2025, 6, 27)), applicant=APPLICANT, people=people, lead=lead
    )
    for c in plan:
        assert c.with_[0] == writer
    assert writer in first(plan, "setup").title
    assert "Dr. Dr." not in "".join(c.script for c in plan)


def test_residents_join_the_check_in_the_updates_and_the_thanks():
    plan = plan_for(date(2025, 6, 2), 26)
    resident = TEAM[1].addressed
    with_resident = {c.key for c in plan if resident in c.with_}
    assert with_resident == {"feedback_seed", "micro_highlight", "last_day_thanks"}
    assert resident in first(plan, "feedback_seed").script


def test_repeated_checkpoints_are_numbered_in_date_order():
    plan = plan_for(date(2025, 6, 2), 28)
    micro = all_of(plan, "micro_highlight")
    assert [c.id for c in micro] == [f"micro_highlight-{n}" for n in range(1, len(micro) + 1)]
    assert [c.id for c in all_of(plan, "reminder")] == ["reminder-1", "reminder-2"]
    assert all(c.id == c.key for c in plan if c.key not in ("micro_highlight", "reminder", "feedback_check"))


@pytest.mark.parametrize(
    "specialty, opening",
    [
        ("Internal Medicine", "clinical_reasoning"),
        ("Pediatrics", "communication_empathy"),
        ("Psychiatry", "communication_empathy"),
        ("General Surgery", "clinical_reasoning"),
        ("Dermatology", "clinical_reasoning"),
    ],
)
def test_micro_highlight_focus_rotates_starting_with_what_the_field_values(specialty, opening):
    plan = build_plan(
        rotation=Rotation(date(2025, 6, 2), date(2025, 6, 27), specialty=specialty),
        applicant=Applicant("A", specialty=specialty),
        people=TEAM,
    )
    foci = [c.focus for c in all_of(plan, "micro_highlight")]
    assert foci[0] == opening
    assert set(foci[:3]) == {"clinical_reasoning", "systems_teamwork", "communication_empathy"}
    assert foci[3:6] == foci[:3]
    assert all(c.focus == "" for c in plan if c.key != "micro_highlight")


def test_checkpoints_serialise_to_json():
    plan = plan_for(date(2025, 12, 29), 14)
    data = json.loads(json.dumps([c.to_dict() for c in plan]))
    assert set(data[0]) >= {"id", "key", "title", "starts", "ends", "with", "why", "script", "focus", "tips"}
    assert data[0]["starts"] == "2025-12-29"
    assert data[0]["with"] == ["Dr. Smith"]
    assert all(row["why"] and row["script"] and row["title"] for row in data)
