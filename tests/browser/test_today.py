"""The Today page on a phone: walk the day's plan, mark a conversation done, capture a story."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from lorforge import clock
from tests.conftest import browser_login, make_rotation, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _rotation(user, start: dt.date):
    """A sub-internship with its attending and a resident."""
    from lorforge.rotations.services import person_create

    rotation = make_rotation(
        user,
        start,
        site="Mercy General Hospital",
        kind="sub_internship",
        attending_name="Dr. Łukasz Kowalski",
        attending_email="",
    )
    person_create(user=user, rotation=rotation, name="Dr. José Peña", role="resident")
    return rotation


def _start_with_a_step_due(today: dt.date) -> dt.date | None:
    """A first day, one to three weeks back, that leaves a conversation open today (None if none does)."""
    from lorforge.core.plan import build_plan
    from lorforge.core.records import Applicant, Person, Rotation

    for back in range(7, 22):
        start = today - dt.timedelta(days=back)
        plan = build_plan(
            rotation=Rotation(start=start, end=start + dt.timedelta(days=27), kind="sub_internship"),
            applicant=Applicant(name="A", specialty="Internal Medicine", season=today.year + 1),
            people=[Person(name="Dr. Łukasz Kowalski")],
        )
        if any(
            c.starts <= today <= c.ends and c.starts >= start and c.ends <= start + dt.timedelta(days=27) for c in plan
        ):
            return start
    return None


def test_walk_today_and_mark_a_conversation_done(live_server, phone, screenshot, frozen_clock, today):
    from lorforge.planner.services import rotation_plan
    from lorforge.rotations.models import CheckpointLog

    # Weekends and holidays carry no in-person step: walk forward to a day that has one due.
    start = _start_with_a_step_due(today)
    while start is None:
        today += dt.timedelta(days=1)
        frozen_clock.move_to(dt.datetime.combine(today, dt.time(10, 0), tzinfo=clock.zone_for()))
        start = _start_with_a_step_due(today)
    user = make_user("today@example.com")
    rotation = _rotation(user, start)
    open_now = [c for c in rotation_plan(rotation=rotation) if c.starts <= today <= c.ends]
    assert open_now, "the rotation was built so that a conversation is due today"
    browser_login(phone, live_server.url, "today@example.com")
    expect(phone.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    expect(phone.get_by_text("Mercy General Hospital").first).to_be_visible()
    screenshot("today-phone")

    phone.get_by_role("link", name="Mercy General Hospital").first.click()
    phone.get_by_role("link", name="See the whole plan").click()
    expect(phone.get_by_role("heading", name="Your plan")).to_be_visible()
    screenshot("plan-timeline-phone")
    phone.go_back()
    phone.get_by_role("link", name="Open today").click()

    # Whatever comes first (due, or the introduction when it was missed) is on top, answered with one tap.
    focus = phone.locator("section.focus")
    from lorforge.planner.selectors import focus_step
    from lorforge.planner.services import rotation_progress

    first = focus_step(rotation_progress(rotation=rotation, today=today)).checkpoint
    expect(focus.get_by_role("heading", level=2)).to_have_text(first.title)
    focus.get_by_text("Your script").click()
    expect(focus.locator(".script")).to_contain_text("Kowalski")
    focus.get_by_role("button", name="Mixed").click()
    expect(phone.locator("section.focus .message")).to_contain_text("Marked as done")
    expect(phone.locator("section.focus .message")).to_be_in_viewport()
    screenshot("today-after-done-phone")
    log = CheckpointLog.objects.get(rotation=rotation)
    assert log.outcome == "mixed"

    phone.get_by_role("link", name="Whole plan").click()
    expect(phone.locator(f"#step-{log.checkpoint_id} .badge")).to_contain_text("Done")


def test_capture_a_story_on_a_phone_and_watch_the_meter(live_server, phone, screenshot):
    user = make_user("capture@example.com")
    rotation = _rotation(user, clock.today() - dt.timedelta(days=3))
    attending = rotation.people.get(role="attending")
    browser_login(phone, live_server.url, "capture@example.com")

    phone.goto(f"{live_server.url}/people/{attending.pk}/")
    expect(phone.get_by_text("0 of 3")).to_be_visible()

    phone.goto(f"{live_server.url}/today/")
    capture = phone.locator("form.capture").first
    capture.get_by_label("What happened").fill(
        "Called three families after rounds to explain the discharge plan, so two patients went home before noon."
    )
    expect(capture.locator(".coach-hint")).to_be_visible()  # live coaching while typing
    capture.get_by_text("Who saw it, what it shows, when").click()
    capture.get_by_label("Dr. Łukasz Kowalski").check()
    capture.get_by_label("I mentioned it to them").check()
    screenshot("capture-phone")
    capture.get_by_role("button", name="Save story").click()
    expect(phone.locator("section.o-capture .message")).to_contain_text("specific enough to quote")
    expect(phone.locator("section.o-capture .message")).to_be_in_viewport()

    phone.goto(f"{live_server.url}/people/{attending.pk}/")
    expect(phone.get_by_text("1 of 3")).to_be_visible()
    screenshot("person-meter-phone")
    phone.goto(f"{live_server.url}/rotations/{rotation.pk}/")
    expect(phone.get_by_text("1 of 3").first).to_be_visible()
    screenshot("rotation-meter-phone")
