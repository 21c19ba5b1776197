"""The plan in the web app: Today, the timeline, marking steps done, the daily checklist."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest

from lorforge import clock
from lorforge.planner.services import rotation_plan
from lorforge.rotations.models import CheckpointLog, DailyCheck

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return unescape(response.content.decode())


def _rotation_from(owner, start: dt.date):
    from tests.conftest import make_rotation

    return make_rotation(owner, start)


@pytest.mark.today("2026-12-01")  # a Tuesday: the rotation's first day, so the introduction is due
def test_today_shows_the_due_conversation_with_its_script_filled_in(owner_client, owner, today):
    rotation = _rotation_from(owner, today)
    due = [c for c in rotation_plan(rotation=rotation) if c.starts <= today <= c.ends]
    assert due, "a conversation is due on a rotation's first weekday"
    html = _text(owner_client.get("/today/"))
    assert due[0].title in html and due[0].script.splitlines()[0] in html
    assert "Smith" in html  # the attending's name flows into the plan
    assert "Copy the script" in html
    assert "End-of-day checklist" in html


@pytest.mark.today("2026-12-03")  # day 4 of a rotation that began on Monday: between the intro and the check-in
def test_today_says_nothing_is_due_and_names_the_next_step(owner_client, owner, today):
    rotation = _rotation_from(owner, today - dt.timedelta(days=3))
    plan = rotation_plan(rotation=rotation)
    assert not [c for c in plan if c.starts <= today <= c.ends and not c.key.startswith(("reminder", "materials"))]
    owner_client.post(f"/rotations/{rotation.pk}/steps/setup/done/", {"outcome": "went_well"})
    html = _text(owner_client.get("/today/"))
    assert "Nothing to say today" in html
    assert next(c for c in plan if c.starts > today).title in html


def test_a_new_rotation_shows_its_first_conversation_right_away(owner_client, owner):
    start = clock.today() + dt.timedelta(days=1)
    owner_client.post(
        "/rotations/new/",
        {
            "site": "Lakeside Hospital",
            "specialty": "Pediatrics",
            "kind": "clerkship",
            "setting": "inpatient",
            "start_date": start.isoformat(),
            "end_date": (start + dt.timedelta(days=27)).isoformat(),
            "attending_name": "Dr. Mei Chen",
        },
    )
    html = _text(owner_client.get("/today/"))
    assert "No rotation today" in html and "Lakeside Hospital" in html
    rotation = owner.rotations.get()
    day = _text(owner_client.get(f"/rotations/{rotation.pk}/today/"))
    first = rotation_plan(rotation=rotation)[0]
    assert first.key == "setup" and first.title in day


def test_marking_a_step_done_records_how_it_went(owner_client, rotation):
    step = next(c for c in rotation_plan(rotation=rotation) if c.starts <= clock.today())
    response = owner_client.post(
        f"/rotations/{rotation.pk}/steps/{step.id}/done/",
        {"outcome": "mixed", "note": "She asked me to be more concise.", "next": "/today/"},
    )
    assert response.status_code == 302 and response.url == "/today/"
    log = CheckpointLog.objects.get(rotation=rotation, checkpoint_id=step.id)
    assert (log.key, log.outcome, log.note, log.done_on) == (
        step.key,
        "mixed",
        "She asked me to be more concise.",
        clock.today(),
    )
    timeline = _text(owner_client.get(f"/rotations/{rotation.pk}/plan/"))
    assert "Done" in timeline and "She asked me to be more concise." in timeline
    owner_client.post(f"/rotations/{rotation.pk}/steps/{step.id}/undo/")
    assert not CheckpointLog.objects.filter(rotation=rotation).exists()


def test_marking_done_twice_keeps_one_record(owner_client, rotation):
    step = rotation_plan(rotation=rotation)[0]
    for outcome in ("went_well", "did_not_happen"):
        owner_client.post(f"/rotations/{rotation.pk}/steps/{step.id}/done/", {"outcome": outcome})
    assert CheckpointLog.objects.get(rotation=rotation).outcome == "did_not_happen"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"outcome": "amazing"}, "Select a valid choice"),
        ({"outcome": "went_well", "note": "Too long. " * 201}, "at most 2000 characters"),
    ],
)
def test_bad_done_requests_explain_keep_the_note_and_save_nothing(owner_client, rotation, data, message):
    response = owner_client.post(f"/rotations/{rotation.pk}/steps/setup/done/", data)
    assert response.status_code == 200
    assert message in _text(response)
    assert data.get("note", "")[:50] in _text(response)
    assert not CheckpointLog.objects.exists()


def test_a_step_that_is_not_in_the_plan_is_not_found(owner_client, rotation):
    response = owner_client.post(f"/rotations/{rotation.pk}/steps/not-a-step/done/", {"outcome": "went_well"})
    assert response.status_code == 404
    assert not CheckpointLog.objects.exists()


def test_only_the_owner_can_see_the_plan_or_mark_steps(other_client, anon_client, rotation):
    for url in (f"/rotations/{rotation.pk}/plan/", f"/rotations/{rotation.pk}/today/"):
        assert other_client.get(url).status_code == 404
        assert anon_client.get(url).status_code == 302
    assert other_client.post(f"/rotations/{rotation.pk}/steps/setup/done/", {"outcome": "went_well"}).status_code == 404
    assert other_client.post(f"/rotations/{rotation.pk}/checklist/", {"ownership": "yes"}).status_code == 404
    assert not CheckpointLog.objects.exists() and not DailyCheck.objects.exists()


def test_the_timeline_lists_every_step_with_status(owner_client, rotation):
    plan = rotation_plan(rotation=rotation)
    html = _text(owner_client.get(f"/rotations/{rotation.pk}/plan/"))
    for checkpoint in plan:
        assert checkpoint.title in html
    assert f"0 of {len(plan)} steps done" in html
    assert "Missed" in html  # day 4: the setup conversation window (day 1–2) has passed


def test_the_offsite_next_parameter_is_ignored(owner_client, rotation):
    response = owner_client.post(
        f"/rotations/{rotation.pk}/steps/setup/done/", {"outcome": "went_well", "next": "https://evil.example.com/"}
    )
    assert response.url == f"/rotations/{rotation.pk}/today/"


@pytest.mark.today("2026-12-02")  # a Wednesday: yesterday and today are both working days
def test_checklist_saves_answers_and_two_days_of_no_show_the_coasting_warning(owner_client, rotation, today):
    yesterday = today - dt.timedelta(days=1)
    DailyCheck.objects.create(
        user=rotation.user, rotation=rotation, day=yesterday, answers={"ownership": False, "reasoning": True}
    )
    owner_client.post(f"/rotations/{rotation.pk}/checklist/", {"ownership": "no", "reasoning": "yes"})
    check = DailyCheck.objects.get(rotation=rotation, day=today)
    assert check.answers == {"ownership": False, "reasoning": True}
    html = _text(owner_client.get("/today/"))
    assert "Two days in a row" in html


def test_checklist_ignores_nothing_and_rejects_nonsense(owner_client, rotation):
    response = owner_client.post(f"/rotations/{rotation.pk}/checklist/", {"ownership": "maybe"}, follow=True)
    assert "Answer each question" in _text(response)
    assert not DailyCheck.objects.exists()


def test_common_mistake_shows_when_half_the_rotation_passed_without_feedback(owner_client, owner):
    from lorforge.rotations.services import rotation_create

    start = clock.today() - dt.timedelta(days=16)
    rotation_create(
        user=owner,
        site="Mercy",
        specialty="Internal Medicine",
        kind="clerkship",
        setting="inpatient",
        start_date=start,
        end_date=start + dt.timedelta(days=27),
        attending_name="Dr. Sarah Smith",
    )
    assert "haven't asked for feedback yet" in _text(owner_client.get("/today/"))


def test_the_rotation_page_points_to_the_next_step(owner_client, rotation):
    html = _text(owner_client.get(f"/rotations/{rotation.pk}/"))
    assert "Your plan" in html and "Open today" in html and "See the whole plan" in html


def test_the_plan_downloads_as_a_calendar_for_its_owner_only(owner_client, other_client, rotation):
    from icalendar import Calendar

    response = owner_client.get(f"/rotations/{rotation.pk}/plan.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == len(rotation_plan(rotation=rotation))
    assert other_client.get(f"/rotations/{rotation.pk}/plan.ics").status_code == 404


def test_feedback_given_in_a_conversation_starts_a_loop_in_the_feedback_log(owner_client, rotation):
    from lorforge.evidence.models import Feedback

    step = next(c for c in rotation_plan(rotation=rotation) if c.key == "feedback_seed")
    owner_client.post(
        f"/rotations/{rotation.pk}/steps/{step.id}/done/",
        {"outcome": "went_well", "feedback": "Read about your patients the night before."},
    )
    feedback = Feedback.objects.get()
    assert feedback.said == "Read about your patients the night before."
    assert feedback.giver == rotation.people.get(role="attending") and feedback.rotation == rotation
    assert feedback.followed_up_on is None
    assert CheckpointLog.objects.filter(rotation=rotation, checkpoint_id=step.id).exists()


# --- Today's first screen, catch-up, "How did it go?", feedback where the user acted (issue 17) ---------------


@pytest.mark.today("2026-12-10")  # a Thursday, day 10 of a rotation nobody opened until today
def test_a_late_join_catches_up_with_the_introduction_first_and_a_late_script(owner_client, owner, today):
    from lorforge.planner.selectors import catch_up, focus_step
    from lorforge.planner.services import rotation_progress

    rotation = _rotation_from(owner, today - dt.timedelta(days=9))
    plan_progress = rotation_progress(rotation=rotation, today=today)
    assert len(plan_progress.missed) >= 3
    ordered = catch_up(plan_progress.missed)
    assert ordered[0].checkpoint.key == "setup"
    assert focus_step(plan_progress).checkpoint.key == "setup"
    html = _text(owner_client.get("/today/"))
    focus = html[html.index('id="focus-') : html.index('id="capture-')]
    assert "Catch up" in focus and "Introduce yourself" in focus
    assert "Your script for a late introduction" in focus and "never took a moment to introduce" in focus
    assert "Nothing is due today" not in html
    # Every other missed step is listed, none hidden behind a link.
    for step in ordered[1:]:
        assert f'id="step-{step.checkpoint.id}"' in html
    # The rotation page and the plan name the same step, with the same late script.
    assert "never took a moment to introduce" in _text(owner_client.get(f"/rotations/{rotation.pk}/"))
    assert "never took a moment to introduce" in _text(owner_client.get(f"/rotations/{rotation.pk}/plan/"))


@pytest.mark.today("2026-12-10")
def test_did_not_happen_and_what_they_said_and_the_next_step_everywhere(owner_client, owner, today):
    from lorforge.evidence.models import Feedback
    from lorforge.planner.selectors import focus_step
    from lorforge.planner.services import rotation_progress

    rotation = _rotation_from(owner, today - dt.timedelta(days=9))
    response = owner_client.post(
        f"/rotations/{rotation.pk}/steps/setup/done/",
        {
            "outcome": "went_well",
            "feedback": "Lead with your assessment.",
            "next": f"/today/?at=focus-{rotation.pk}#focus-{rotation.pk}",
        },
    )
    assert response.url == f"/today/?at=focus-{rotation.pk}#focus-{rotation.pk}"
    assert Feedback.objects.get().said == "Lead with your assessment."
    now = focus_step(rotation_progress(rotation=rotation, today=today))
    assert now.checkpoint.key != "setup"
    html = _text(owner_client.get(response.url))
    focus = html[html.index('id="focus-') : html.index('id="capture-')]
    assert "what they said is in your feedback log" in focus and f"Now: {now.checkpoint.title}" in focus
    assert now.checkpoint.title in focus
    assert 'class="messages"' not in html[: html.index('id="focus-')]  # shown where they acted, not at the top
    for page in (f"/rotations/{rotation.pk}/", f"/rotations/{rotation.pk}/today/"):
        assert now.checkpoint.title in _text(owner_client.get(page))
    owner_client.post(f"/rotations/{rotation.pk}/steps/{now.checkpoint.id}/done/", {"outcome": "did_not_happen"})
    log = CheckpointLog.objects.get(rotation=rotation, checkpoint_id=now.checkpoint.id)
    assert log.outcome == "did_not_happen" and Feedback.objects.count() == 1
    assert "Did not happen" in _text(owner_client.get(f"/rotations/{rotation.pk}/plan/"))


def test_every_page_offers_the_same_one_tap_outcomes_and_no_hidden_went_well(owner_client, rotation):
    for page in ("/today/", f"/rotations/{rotation.pk}/", f"/rotations/{rotation.pk}/plan/"):
        html = _text(owner_client.get(page))
        assert "How did it go?" in html, page
        for value in ("went_well", "mixed", "did_not_happen"):
            assert f'name="outcome" value="{value}"' in html, page
        assert 'type="hidden" name="outcome"' not in html and "I did this" not in html and "Mark as done" not in html


def test_a_done_form_without_an_answer_asks_for_one(owner_client, rotation):
    response = owner_client.post(f"/rotations/{rotation.pk}/steps/setup/done/", {"feedback": "Be concise."})
    assert response.status_code == 200 and "Choose how it went" in _text(response)
    assert "Be concise." in _text(response) and not CheckpointLog.objects.exists()


@pytest.mark.today("2026-12-02")
def test_the_checklist_warning_shows_next_to_the_checklist(owner_client, rotation, today):
    DailyCheck.objects.create(
        user=rotation.user, rotation=rotation, day=today - dt.timedelta(days=1), answers={"ownership": False}
    )
    place = f"checklist-{rotation.pk}"
    response = owner_client.post(
        f"/rotations/{rotation.pk}/checklist/", {"ownership": "no", "next": f"/today/?at={place}#{place}"}
    )
    assert response.url == f"/today/?at={place}#{place}"
    html = _text(owner_client.get(response.url))
    checklist = html[html.index(f'id="{place}"') :]
    assert f'id="{place}" open' in html
    assert "Checklist saved for today." in checklist and "Two days in a row" in checklist
    assert "Checklist saved" not in html[: html.index(f'id="{place}"')]


def test_an_unknown_place_shows_messages_at_the_top(owner_client, rotation):
    owner_client.post(f"/rotations/{rotation.pk}/checklist/", {"ownership": "yes"})
    html = _text(owner_client.get("/today/?at=nowhere-1"))
    assert html.index("Checklist saved for today.") < html.index('id="focus-')


def test_a_new_rotation_takes_the_specialty_from_the_profile_and_is_added_once(owner_client, owner):
    from lorforge.rotations.models import Rotation

    html = _text(owner_client.get("/rotations/new/"))
    assert 'value="Internal Medicine"' in html
    token = html.split('name="once" value="')[1].split('"')[0]
    start = clock.today() + dt.timedelta(days=7)
    data = {
        "site": "Lakeside Hospital",
        "specialty": "Pediatrics",
        "kind": "clerkship",
        "setting": "inpatient",
        "start_date": start.isoformat(),
        "end_date": (start + dt.timedelta(days=27)).isoformat(),
        "once": token,
    }
    first = owner_client.post("/rotations/new/", data)
    again = owner_client.post("/rotations/new/", data, follow=True)  # Back, then Save again
    assert first.status_code == 302 and Rotation.objects.filter(user=owner).count() == 1
    assert "Already saved" in _text(again)


def test_a_new_person_is_added_once(owner_client, rotation):
    html = _text(owner_client.get(f"/people/new/?rotation={rotation.pk}"))
    token = html.split('name="once" value="')[1].split('"')[0]
    data = {"name": "Dr. Mei Chen", "role": "resident", "rotation": rotation.pk, "title": "", "once": token}
    owner_client.post("/people/new/", data)
    owner_client.post("/people/new/", data)
    assert rotation.people.filter(name="Dr. Mei Chen").count() == 1


def test_finished_tasks_do_not_offer_blocked(owner_client, rotation):
    from lorforge.evidence.services import task_add

    task = task_add(rotation=rotation, day=clock.today(), text="Call the pharmacy")
    assert "Blocked…" in _text(owner_client.get(f"/rotations/{rotation.pk}/tasks/"))
    owner_client.post(f"/evidence/tasks/{task.pk}/status/", {"status": "done"})
    assert "Blocked…" not in _text(owner_client.get(f"/rotations/{rotation.pk}/tasks/"))


def test_today_shows_each_current_rotation_with_its_own_tasks_loops_and_checklist(owner_client, owner, rotation):
    """Today reads the tasks, the feedback loops and the checklists of every current rotation at once: each
    rotation still shows only its own, with the most recent first where the list is cut."""
    from lorforge.evidence.services import feedback_save, task_add

    today = clock.today()
    clinic = _rotation_from(owner, today - dt.timedelta(days=10))
    clinic.site = "County Clinic"
    clinic.save()
    task_add(rotation=rotation, day=today, text="Call cardiology about bed 4")
    task_add(rotation=clinic, day=today, text="Fax the clinic referral")
    giver = clinic.people.get()
    feedback_save(
        user=owner, rotation=clinic, giver=giver, given_on=today - dt.timedelta(days=9), said="Slow down on rounds."
    )
    DailyCheck.objects.create(user=owner, rotation=clinic, day=today, answers={"asked_feedback": True})
    html = _text(owner_client.get("/today/"))
    sections = {
        pk: next(part for part in html.split('<section class="today-rotation"') if f'id="rotation-title-{pk}"' in part)
        for pk in (rotation.pk, clinic.pk)
    }
    mercy, county = sections[rotation.pk], sections[clinic.pk]
    assert "Call cardiology about bed 4" in mercy and "Fax the clinic referral" not in mercy
    assert "Fax the clinic referral" in county and "Call cardiology about bed 4" not in county
    assert "Slow down on rounds." in county and "Slow down on rounds." not in mercy
    assert "Saved today" in county and "Saved today" not in mercy


def test_today_lists_what_is_left_first_and_sends_a_long_day_to_the_task_list(owner_client, rotation):
    """Today's fold shows at most TODAY_TASKS_SHOWN tasks, those not done first; its count covers the whole day,
    and a link names how many more the day's task list holds."""
    from lorforge.evidence.models import Task
    from lorforge.evidence.selectors import TODAY_TASKS_SHOWN
    from lorforge.evidence.services import task_add

    today = clock.today()
    done = [task_add(rotation=rotation, day=today, text=f"Finished job {i}") for i in range(TODAY_TASKS_SHOWN)]
    left = [task_add(rotation=rotation, day=today, text=f"Pending job {i}") for i in range(3)]
    Task.objects.filter(pk__in=[t.pk for t in done]).update(status="done")
    Task.objects.filter(pk=left[0].pk).update(status="blocked", reason="waiting on the echo")

    html = _text(owner_client.get("/today/"))
    fold = html.split(f'id="tasks-{rotation.pk}"')[1].split(f'id="checklist-{rotation.pk}"')[0]
    assert "3 open" in fold  # to do or blocked, all of them
    assert all(f"Pending job {i}" in fold for i in range(3))
    shown_done = [i for i in range(TODAY_TASKS_SHOWN) if f"Finished job {i}<" in fold]
    assert shown_done == list(range(TODAY_TASKS_SHOWN - 3))  # the rest of the fold, in the day's order
    assert "3 more on the task list" in fold
    assert f'href="/rotations/{rotation.pk}/tasks/"' in fold

    tasks_page = _text(owner_client.get(f"/rotations/{rotation.pk}/tasks/"))
    assert all(f"Finished job {i}<" in tasks_page for i in range(TODAY_TASKS_SHOWN))


def test_a_short_day_shows_every_task_on_today(owner_client, rotation):
    from lorforge.evidence.services import task_add

    task_add(rotation=rotation, day=clock.today(), text="Call the pharmacy")
    fold = (
        _text(owner_client.get("/today/"))
        .split(f'id="tasks-{rotation.pk}"')[1]
        .split(f'id="checklist-{rotation.pk}"')[0]
    )
    assert "Call the pharmacy" in fold and "1 open" in fold
    assert "Open the task list" in fold and "more on the task list" not in fold


def test_the_task_list_says_when_a_day_holds_more_than_it_lists(owner_client, rotation):
    from lorforge.evidence.models import Task
    from lorforge.evidence.selectors import TASKS_SHOWN

    today = clock.today()
    Task.objects.bulk_create(
        [Task(user=rotation.user, rotation=rotation, day=today, text=f"Job {i}") for i in range(TASKS_SHOWN + 1)]
    )
    page = _text(owner_client.get(f"/rotations/{rotation.pk}/tasks/"))
    assert f"This day has more than {TASKS_SHOWN} tasks" in page
    assert f"Job {TASKS_SHOWN - 1}<" in page and f"Job {TASKS_SHOWN}<" not in page
    Task.objects.filter(text=f"Job {TASKS_SHOWN}").delete()
    assert "This day has more than" not in _text(owner_client.get(f"/rotations/{rotation.pk}/tasks/"))
