"""One letter timeline: the plan, Today, the Letters and writer pages, the calendar and the CLI agree."""

from __future__ import annotations

import datetime as dt
import json
from html import unescape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase
from icalendar import Calendar

from lorforge import clock
from lorforge.letters import services
from lorforge.letters.models import StageChange
from lorforge.letters.timelines import letter_timelines
from lorforge.web.templatetags.web import date_range
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

PATHS = {
    "candidate": (),
    "asked": ("asked",),
    "agreed": ("asked", "agreed"),
    "materials": ("asked", "agreed", "materials_sent"),
    "reminded": ("asked", "agreed", "materials_sent", "reminded"),
    "submitted": ("asked", "agreed", "materials_sent", "submitted"),
}


def _text(response) -> str:
    return unescape(response.content.decode())


def _letter(owner, *, ended_days_ago: int, path: tuple[str, ...], deadline_in: int | None, today: dt.date):
    from lorforge.rotations.services import rotation_create

    end = today - dt.timedelta(days=ended_days_ago)
    rotation = rotation_create(
        user=owner,
        site="Mercy General",
        specialty="Internal Medicine",
        kind="clerkship",
        setting="inpatient",
        start_date=end - dt.timedelta(days=27),
        end_date=end,
        attending_name="Dr. Sarah Smith",
        attending_email="s.smith@mercy.example.org",
    )
    person = rotation.people.get(role="attending")
    if deadline_in is not None:
        services.program_add(user=owner, name="Lakeside IM", deadline=today + dt.timedelta(days=deadline_in))
    writer = services.writer_add(user=owner, person=person, on=rotation.start_date)
    day = min(end - dt.timedelta(days=3), today)
    for stage in path:  # the history as it happened, one day apart, never after today
        StageChange.objects.create(user=owner, writer=writer, stage=stage, on=day)
        day = min(day + dt.timedelta(days=1), today)
    return rotation, writer


def _check_pages_agree(client, owner, rotation, writer, today):
    tracked = next(t for t in letter_timelines(user=owner, today=today) if t.writer == writer)
    line = tracked.timeline
    step = line.next_step
    letters_page = _text(client.get("/letters/"))
    writer_page = _text(client.get(f"/letters/writers/{writer.pk}/"))
    today_page = _text(client.get("/today/"))
    plan_page = _text(client.get(f"/rotations/{rotation.pk}/plan/"))
    if step is None:
        assert "Next: " not in writer_page
        return
    assert f"Next: {step.title}" in writer_page and f"Next: {step.title}" in letters_page
    if step.actionable:  # on Today: in the rotation's "Due now" (its lead) or under "Letters: do this now"
        assert step.title in today_page
    elif step.status == "upcoming":
        when = date_range(step.starts, step.ends)
        assert f"Next: {step.title} · {when}" in writer_page and f"Next: {step.title} · {when}" in letters_page
    # The plan is built around this attending: its letter steps carry the same dates and statuses.
    plan_ids = {c.id: c for c in _plan(rotation, today)}
    for s in line.steps:
        if s.id in plan_ids:
            c = plan_ids[s.id]
            assert (c.starts, c.ends, c.status) == (s.starts, s.ends, s.status)
            if s.status not in ("done", "waiting"):
                assert s.title in plan_page
    # The calendar holds the same dates.
    events = Calendar.from_ical(client.get(f"/rotations/{rotation.pk}/plan.ics").content).walk("VEVENT")
    starts = {str(e.get("SUMMARY")): e.decoded("DTSTART") for e in events}  # titles are unique in a plan
    for s in line.steps:
        if s.id in plan_ids and s.status in ("upcoming", "due") and s.title in starts:
            assert starts[s.title] == s.starts


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("ended_days_ago, deadline_in", [(-2, None), (3, 30), (20, 25), (40, 60), (10, 12)])
def test_every_page_names_the_same_next_step(owner_client, owner, today, path, ended_days_ago, deadline_in):
    rotation, writer = _letter(
        owner, ended_days_ago=ended_days_ago, path=PATHS[path], deadline_in=deadline_in, today=today
    )
    _check_pages_agree(owner_client, owner, rotation, writer, today)


def _plan(rotation, today):
    from lorforge.planner.services import rotation_plan

    return rotation_plan(rotation=rotation, today=today)


def test_a_yes_puts_the_materials_on_today_and_the_plan_drops_the_ask(owner_client, owner, today):
    rotation, writer = _letter(owner, ended_days_ago=-3, path=("asked",), deadline_in=None, today=today)
    owner_client.post(f"/letters/writers/{writer.pk}/answer/", {"answer": "confident_yes", "on": today.isoformat()})
    page = _text(owner_client.get("/today/"))
    assert "Email Dr. Smith your materials" in page  # the lead's step, in the rotation's "Due now"
    assert f'href="/letters/writers/{writer.pk}/">Send the materials' in page
    ask = next(c for c in _plan(rotation, today) if c.key == "pre_ask")
    assert ask.status == "done"


def test_marking_a_letter_step_done_in_the_plan_points_to_the_letter_page(owner_client, owner, today):
    rotation, writer = _letter(owner, ended_days_ago=-3, path=(), deadline_in=None, today=today)
    response = owner_client.post(f"/rotations/{rotation.pk}/steps/pre_ask/done/", {"outcome": "went_well"})
    assert response.status_code == 302 and response.url == f"/letters/writers/{writer.pk}/"
    assert not rotation.checkpoint_logs.exists()


def test_a_program_deadline_before_the_rotation_ends_is_named_on_the_writer_page(owner_client, owner, today):
    rotation, writer = _letter(owner, ended_days_ago=-20, path=(), deadline_in=5, today=today)
    page = _text(owner_client.get(f"/letters/writers/{writer.pk}/"))
    assert "cannot arrive before the deadline of Lakeside IM" in page


@pytest.mark.today("2026-11-25")
def test_a_late_season_asks_for_the_letter_as_soon_as_possible(owner_client, owner, today):
    from lorforge.accounts.models import Profile

    Profile.objects.filter(user=owner).update(season=2027)  # programs have reviewed since September 2026
    owner.refresh_from_db()  # the user object keeps the profile it read: read it again
    rotation, writer = _letter(owner, ended_days_ago=2, path=("asked", "agreed"), deadline_in=None, today=today)
    page = _text(owner_client.get(f"/letters/writers/{writer.pk}/"))
    assert "already reviewing" in page and "as soon as possible" in page
    line = letter_timelines(user=owner, today=today)[0].timeline
    assert line.deadline.asap and line.deadline.on > today


def test_the_cli_prints_the_same_steps(owner, today, capsys):
    from lorforge.cli import main

    rotation, writer = _letter(
        owner, ended_days_ago=10, path=("asked", "agreed", "materials_sent"), deadline_in=40, today=today
    )
    status = main(["timeline", "--email", owner.email.upper(), "--today", today.isoformat(), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert status == 0 and out["today"] == today.isoformat()
    letter = next(item for item in out["letters"] if item["writer"] == "Dr. Sarah Smith")
    line = next(t for t in letter_timelines(user=owner, today=today) if t.writer == writer).timeline
    assert letter["steps"] == [s.to_dict() for s in line.steps]
    assert letter["deadline"] == (today + dt.timedelta(days=40)).isoformat()
    assert [s["starts"] for s in letter["steps"]] == sorted(s["starts"] for s in letter["steps"])


def test_the_cli_refuses_an_unknown_account_in_one_line(db, capsys):
    from lorforge.cli import main

    assert main(["timeline", "--email", "nobody@example.com", "--json"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lorforge: error: no account") and err.count("\n") == 1


# --- A property over random letters: the pages never disagree ---------------------------------------


class TestPagesAgreeOnRandomLetters(HypothesisTestCase):
    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        path=st.sampled_from(sorted(PATHS)),
        ended=st.integers(-20, 90),
        deadline_in=st.one_of(st.none(), st.integers(1, 300)),
        shift=st.integers(0, 120),
    )
    def test_pages_agree(self, path, ended, deadline_in, shift):
        import time_machine
        from django.test import Client

        from lorforge.accounts.models import User

        User.objects.filter(email="prop@example.com").delete()
        day = clock.today() + dt.timedelta(days=shift)
        with time_machine.travel(dt.datetime.combine(day, dt.time(10, 0), tzinfo=clock.zone_for()), tick=True):
            owner = make_user("prop@example.com")
            rotation, writer = _letter(
                owner, ended_days_ago=ended, path=PATHS[path], deadline_in=deadline_in, today=day
            )
            client = Client()
            client.force_login(owner)
            _check_pages_agree(client, owner, rotation, writer, day)
