"""One letter timeline: dates, statuses and the reminder rules, and the plan and policy that read it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lorforge.core import reminders, timeline, workdays
from lorforge.core.letters import StageChange
from lorforge.core.plan import build_plan
from lorforge.core.progress import progress
from lorforge.core.records import Applicant, Person, Rotation
from lorforge.core.season import default_season_dates

WRITER = Person(name="Sarah Whitfield", title="Dr.", surname="Whitfield")
SEASON_2028 = default_season_dates(2028)  # programs review from late September 2027
ROTATION = Rotation(start=date(2026, 11, 30), end=date(2026, 12, 24))  # ends the day before Christmas


def _timeline(history=(), today=date(2026, 12, 1), rotation=ROTATION, dates=SEASON_2028, programs=()):
    return timeline.letter_timeline(
        letter=timeline.Letter(writer=WRITER, rotation=rotation, history=tuple(history)),
        dates=dates,
        programs=programs,
        today=today,
    )


def _h(*changes):
    return [StageChange(stage, on) for stage, on in changes]


def test_a_candidate_is_asked_in_the_last_working_days_and_everything_after_waits_for_the_yes():
    line = _timeline()
    keys = [s.id for s in line.steps]
    assert keys[0] == "pre_ask" and keys[-1] == "confirm_submission"
    ask = line.step("pre_ask")
    assert ask.status == "upcoming" and ROTATION.start < ask.starts <= ask.ends < ROTATION.end
    assert all(workdays.is_working_day(d) for d in (ask.starts, ask.ends))
    assert line.step("materials_email").status == "waiting"
    assert line.step("last_day_thanks").starts == date(2026, 12, 24)
    assert line.next_step.id == "pre_ask"


def test_after_a_confident_yes_the_ask_is_done_and_the_materials_are_due_within_24_hours():
    yes = date(2026, 12, 21)
    line = _timeline(_h(("candidate", date(2026, 11, 30)), ("asked", yes), ("agreed", yes)), today=yes)
    assert line.step("pre_ask").status == "done"
    materials = line.step("materials_email")
    assert (materials.starts, materials.ends, materials.status) == (yes, yes + timedelta(days=1), "due")
    assert line.next_step.id == "materials_email"
    assert _timeline(_h(("asked", yes), ("agreed", yes)), today=yes + timedelta(days=3)).next_step.status == "overdue"


def test_reminders_follow_the_materials_and_the_deadline():
    sent = date(2026, 12, 22)
    line = _timeline(
        _h(("asked", date(2026, 12, 21)), ("agreed", date(2026, 12, 21)), ("materials_sent", sent)),
        today=date(2027, 1, 4),
    )
    deadline = line.deadline.on
    first, second = line.step("reminder-1"), line.step("reminder-2")
    assert (first.starts, first.ends) == (deadline - timedelta(weeks=4), deadline - timedelta(weeks=3))
    assert second.starts == first.starts + timedelta(weeks=2) and second.ends == deadline - timedelta(days=8)
    check = line.step("confirm_submission")
    assert check.starts == max(deadline - timedelta(weeks=1), second.starts + timedelta(weeks=1))
    assert line.next_step.id == "last_day_thanks" or line.next_step.id == "reminder-1"


@pytest.mark.parametrize(
    "deadline_after_end, reminder_count",
    [
        (timedelta(weeks=10), 2),  # room for both
        (timedelta(weeks=5), 1),  # the first waits two weeks after the materials; the second would be in the last week
        (timedelta(weeks=2), 0),  # two weeks after the materials is already the last week: only the final check
    ],
)
def test_a_close_deadline_squeezes_the_reminders_and_the_policy_agrees(deadline_after_end, reminder_count):
    end = ROTATION.end
    programs = [timeline.Program("Lakeside IM", end + deadline_after_end)]
    history = _h(("asked", end - timedelta(days=3)), ("agreed", end - timedelta(days=3)), ("materials_sent", end))
    line = _timeline(history, today=end, programs=programs)
    found = [s for s in line.steps if s.key == "reminder"]
    assert len(found) == reminder_count
    for step in found:
        assert step.starts >= end + timedelta(weeks=2) and step.ends <= line.deadline.on - timedelta(days=8)
        decision = reminders.reminder_check(
            sent=[], today=step.starts, deadline=line.deadline.on, submitted=False, materials_sent_on=end
        )
        assert decision.allowed, decision.reason
        break


def test_a_program_deadline_before_the_rotation_ends_is_named_and_not_used():
    programs = [
        timeline.Program("Early Bird IM", ROTATION.end - timedelta(days=2)),
        timeline.Program("Riverside FM", date(2027, 10, 1)),
    ]
    line = _timeline(programs=programs)
    assert line.deadline.source == "Riverside FM" and line.deadline.on == date(2027, 10, 1)
    assert any("Early Bird IM" in w for w in line.warnings)


def test_a_season_already_reviewing_asks_for_the_letter_as_soon_as_possible():
    late = default_season_dates(2027)  # programs started reviewing in September 2026
    yes = date(2026, 12, 21)
    line = _timeline(_h(("asked", yes), ("agreed", yes)), today=yes, dates=late)
    assert line.deadline.asap and line.deadline.on > yes
    assert any("as soon as possible" in w for w in line.warnings)


@pytest.mark.parametrize(
    "today, expected",
    [
        (date(2026, 12, 3), "early"),  # day 4 of a four-week rotation
        (date(2026, 12, 21), "on_time"),
        (date(2027, 1, 5), "on_time"),  # twelve days after the end
        (date(2027, 2, 15), "late"),
    ],
)
def test_pre_ask_timing(today, expected):
    timing = timeline.pre_ask_timing(ROTATION, today)
    assert timing.key == expected and bool(timing.message) == (expected != "on_time")


def test_hesitant_and_declined_stop_the_letter_and_submitted_ends_it():
    on = date(2026, 12, 21)
    hesitant = _timeline(_h(("asked", on), ("hesitant", on)), today=on)
    assert [s.key for s in hesitant.steps if s.status != "done"] == ["back_off", "last_day_thanks"]
    declined = _timeline(_h(("asked", on), ("declined", on)), today=on)
    assert [s.key for s in declined.steps if s.status != "done"] == ["last_day_thanks"]
    submitted = _timeline(
        _h(("asked", on), ("agreed", on), ("materials_sent", on), ("submitted", on + timedelta(9))),
        today=on + timedelta(10),
    )
    assert submitted.next_step is None or submitted.next_step.key == "last_day_thanks"
    assert not [s for s in submitted.steps if s.key == "reminder"]


def test_the_last_day_thanks_moves_off_a_weekend_or_holiday():
    assert timeline.last_day_thanks(date(2027, 1, 4), date(2027, 1, 31)) == date(2027, 1, 29)  # a Sunday → Friday
    assert timeline.last_day_thanks(date(2026, 12, 1), date(2026, 12, 25)) == date(2026, 12, 24)  # Christmas


# --- Properties over random rotations, seasons, deadlines, histories and days ---------------------

PATHS = [
    (),
    ("asked",),
    ("asked", "agreed"),
    ("asked", "agreed", "materials_sent"),
    ("asked", "agreed", "materials_sent", "reminded"),
    ("asked", "agreed", "materials_sent", "reminded", "reminded"),
    ("asked", "agreed", "materials_sent", "submitted"),
    ("asked", "hesitant"),
    ("asked", "declined"),
]


@st.composite
def cases(draw):
    start = draw(st.dates(date(2026, 1, 1), date(2028, 6, 1)))
    end = start + timedelta(days=draw(st.integers(1, 60)))
    season = draw(st.integers(start.year, start.year + 2))
    dates = default_season_dates(season)
    programs = [
        timeline.Program(f"P{i}", end + timedelta(days=draw(st.integers(-20, 400))))
        for i in range(draw(st.integers(0, 3)))
    ]
    path = draw(st.sampled_from(PATHS))
    day, history = end - timedelta(days=draw(st.integers(0, 5))), []
    for stage in path:
        day += timedelta(days=draw(st.integers(0, 30)))
        history.append(StageChange(stage, day))
    # Today is after everything recorded; with nothing recorded, anywhere from before the rotation on.
    today = (
        day + timedelta(days=draw(st.integers(0, 200)))
        if history
        else start + timedelta(days=draw(st.integers(-30, 200)))
    )
    return Rotation(start=start, end=end), dates, programs, history, today


@settings(max_examples=300, deadline=None)
@given(cases())
def test_properties_of_every_timeline(case):
    rotation, dates, programs, history, today = case
    line = _timeline(history, today=today, rotation=rotation, dates=dates, programs=programs)
    reminder_steps = [s for s in line.steps if s.key == "reminder"]
    assert len(reminder_steps) <= timeline.MAX_REMINDERS
    for step in line.steps:
        assert step.starts <= step.ends
    if line.stage not in ("submitted", "declined", "hesitant"):
        # No date to meet is in the past: the deadline and every step still ahead are today or later.
        assert line.deadline.on >= today or line.deadline.kind == "program" and line.deadline.on >= rotation.end
        for step in line.steps:
            if step.status in ("upcoming", "waiting"):
                assert step.starts >= today or step.status == "waiting"
    materials = next((c.on for c in history if c.stage == "materials_sent"), None)
    pending = [s for s in reminder_steps if s.status != "done"]
    for step in pending:
        assert step.ends <= line.deadline.on - timeline.LAST_REMINDER_BEFORE
        if materials:
            assert step.starts >= materials + timeline.AFTER_MATERIALS
    for earlier, later in zip(reminder_steps, reminder_steps[1:]):
        if later.status != "done":  # what was already sent is history, whatever it was
            assert later.starts >= earlier.starts + timeline.REMINDER_GAP
    if line.stage in ("materials_sent", "reminded"):
        # The email page's policy allows a reminder exactly when the timeline says one is due.
        decision = reminders.reminder_check(
            sent=[c.on for c in history if c.stage == "reminded"],
            today=today,
            deadline=line.deadline.on,
            submitted=False,
            materials_sent_on=materials,
        )
        assert decision.allowed == line.reminder_allowed, (decision.reason, line.steps)
    # The rotation plan shows the same letter steps, with the same dates and statuses.
    plan = build_plan(rotation=rotation, applicant=Applicant(name="A"), people=[WRITER], letter=line)
    plan_steps = {c.id: (c.starts, c.ends, c.status) for c in plan if c.status}
    for step in line.steps:
        if step.key in ("pre_ask", "last_day_thanks", "materials_email", "reminder", "confirm_submission"):
            assert plan_steps[step.id] == (step.starts, step.ends, step.status)
    # Progress (Today) puts an actionable letter step among what is due now.
    due_ids = {s.checkpoint.id for s in progress(plan, (), today).due}
    if line.next_step and line.next_step.actionable and line.next_step.id in plan_steps:
        assert line.next_step.id in due_ids


@settings(max_examples=200, deadline=None)
@given(st.dates(date(2026, 1, 1), date(2029, 12, 1)), st.integers(1, 55))
def test_plan_rules_hold_on_any_rotation(start, extra_days):
    end = start + timedelta(days=extra_days)
    plan = build_plan(rotation=Rotation(start=start, end=end), applicant=Applicant(name="A"), people=[WRITER])
    talks = [c for c in plan if c.key not in ("materials_email", "reminder", "confirm_submission")]
    per_day: dict[date, int] = {}
    for c in talks:
        per_day[c.starts] = per_day.get(c.starts, 0) + 1
        # Talks happen before the last day: only a rotation with no working day before it has no choice.
        before_last = workdays.working_days(start, end - timedelta(days=1))
        if before_last and c.key != "last_day_thanks" or c.key == "last_day_thanks" and before_last + [end]:
            assert (
                workdays.is_working_day(c.starts)
                or c.key == "last_day_thanks"
                and not workdays.working_days(start, end)
            ), (c.id, c.starts)
    if len(workdays.working_days(start, end)) >= 2:  # a single working day has to hold all three
        assert max(per_day.values()) <= 2, per_day
    feedback = sorted(
        c.starts
        for c in talks
        if c.key in ("feedback_seed", "midpoint_feedback", "feedback_followup", "feedback_check")
    )
    if extra_days >= 34:  # over four weeks: feedback every one to two weeks
        for a, b in zip(feedback, feedback[1:]):
            assert (b - a).days <= 15, feedback
