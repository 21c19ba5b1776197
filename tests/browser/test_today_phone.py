"""Today on a phone and a laptop (issue 17): what to say, to whom, now, in the first screen; a late join;
a step marked done with what the attending said; the checklist warning next to the checklist."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from lorforge import clock
from tests.conftest import PASSWORD, browser_login, make_rotation, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}
SIZES = [pytest.param(PHONE, id="390"), pytest.param(LAPTOP, id="1280")]


def _working_day(day: dt.date) -> dt.date:
    """The next weekday on or after ``day`` (the plan puts no conversation on a weekend)."""
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _go_to(frozen_clock, day: dt.date) -> None:
    frozen_clock.move_to(dt.datetime.combine(day, dt.time(10, 0), tzinfo=clock.zone_for()))


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


@pytest.mark.parametrize("size", SIZES)
def test_the_demo_day_fits_in_two_phone_screens_with_the_conversation_first(live_server, page, screenshot, size):
    from lorforge.demo import demo_load

    result = demo_load()
    page.set_viewport_size(size)
    browser_login(page, live_server.url, result.email, result.password)
    focus = page.locator("section.focus").first
    expect(focus).to_be_visible()
    # What to say, to whom, and the way to record it: all inside the first screen (above the phone's tab bar).
    tabbar = page.locator("nav.tabbar")
    screen_bottom = tabbar.bounding_box()["y"] if tabbar.is_visible() else size["height"]
    for part in (
        focus.get_by_role("heading", level=2),
        focus.get_by_text("With Dr.").first,
        focus.locator("summary", has_text="Your script"),
        focus.get_by_role("button", name="Went well"),
    ):
        box = part.bounding_box()
        assert box and box["y"] + box["height"] <= screen_bottom, part
    capture = page.locator("section.o-capture textarea[name=text]").first
    expect(capture).to_be_visible()
    height = page.evaluate("document.documentElement.scrollHeight")
    width = page.evaluate("document.documentElement.scrollWidth")
    screenshot(f"today-demo-{size['width']}")
    assert width <= size["width"]
    assert height <= 2 * PHONE["height"], f"Today is {height}px tall at {size['width']}px"
    # The script is one tap away.
    focus.locator("summary", has_text="Your script").click()
    expect(focus.locator(".script")).to_be_visible()


@pytest.mark.parametrize("size", SIZES)
def test_a_mid_rotation_join_catches_up_and_records_what_the_attending_said(
    live_server, page, screenshot, frozen_clock, today, size
):
    from lorforge.evidence.models import Feedback
    from lorforge.rotations.models import CheckpointLog

    today = _working_day(today)
    _go_to(frozen_clock, today)
    user = make_user("late@example.com")
    rotation = _rotation(user, today - dt.timedelta(days=9))  # joined LORforge on day 10
    page.set_viewport_size(size)
    browser_login(page, live_server.url, "late@example.com")

    focus = page.locator("section.focus")
    expect(focus.locator(".eyebrow")).to_contain_text("Catch up")
    expect(focus.get_by_role("heading", level=2)).to_contain_text("Introduce yourself")
    expect(page.get_by_text("Nothing is due today")).to_have_count(0)
    missed = page.locator(f"#missed-{rotation.pk}")
    expect(missed.locator("summary .count")).not_to_have_text("0")
    screenshot(f"late-join-{size['width']}")

    focus.locator("summary", has_text="late introduction").click()
    expect(focus.locator(".script")).to_contain_text("never took a moment to introduce")
    focus.get_by_label("What they said").fill("Glad you introduced yourself. Present your patients first on rounds.")
    focus.get_by_role("button", name="Went well").click()

    message = page.locator("section.focus .message")
    expect(message).to_contain_text("what they said is in your feedback log")
    expect(message).to_be_in_viewport()
    expect(page.locator("section.focus h2")).not_to_contain_text("Introduce yourself")
    next_title = page.locator("section.focus h2").inner_text()
    screenshot(f"late-join-after-done-{size['width']}")
    assert CheckpointLog.objects.get(rotation=rotation, checkpoint_id="setup").outcome == "went_well"
    assert Feedback.objects.get(rotation=rotation).said.startswith("Glad you introduced yourself")

    # The rotation page names the same next step at once, with the same one-tap answers.
    page.goto(f"{live_server.url}/rotations/{rotation.pk}/")
    card = page.locator(f"#focus-{rotation.pk}")
    expect(card).to_contain_text(next_title)
    expect(card.get_by_role("button", name="Did not happen")).to_be_visible()
    page.goto(f"{live_server.url}/rotations/{rotation.pk}/plan/")
    expect(page.locator("#step-setup .badge")).to_contain_text("went well")


@pytest.mark.parametrize("size", SIZES)
def test_the_checklist_warning_appears_next_to_the_checklist(live_server, page, screenshot, frozen_clock, today, size):
    from lorforge.core.guidance import in_a_row
    from lorforge.rotations.models import DailyCheck

    today = _working_day(today)
    while not in_a_row(today - dt.timedelta(days=1), today):  # yesterday must be a working day too
        today += dt.timedelta(days=1)
    _go_to(frozen_clock, today)
    user = make_user("coast@example.com")
    rotation = _rotation(user, today - dt.timedelta(days=6))
    DailyCheck.objects.create(
        user=user,
        rotation=rotation,
        day=today - dt.timedelta(days=1),
        answers={"ownership": False, "reasoning": False, "communication": False, "learning": False},
    )
    page.set_viewport_size(size)
    browser_login(page, live_server.url, "coast@example.com")
    page.locator(f"#checklist-{rotation.pk} > summary").click()
    checklist = page.locator(f"#checklist-{rotation.pk}")
    for question in checklist.locator("fieldset").all():
        question.get_by_label("Not today").check()
    checklist.get_by_role("button", name="Save today's checklist").click()

    checklist = page.locator(f"#checklist-{rotation.pk}")
    expect(checklist.locator(".message")).to_contain_text("Checklist saved")
    expect(checklist.locator(".callout-warn")).to_contain_text("Two days in a row")
    expect(checklist.locator(".callout-warn")).to_be_in_viewport()
    screenshot(f"checklist-warning-{size['width']}")


def test_long_words_wrap_and_back_after_save_adds_one_rotation(live_server, phone, screenshot):
    from lorforge.rotations.models import Rotation

    user = make_user("long@example.com")
    browser_login(phone, live_server.url, "long@example.com")
    phone.goto(f"{live_server.url}/rotations/new/")
    expect(phone.get_by_label("Specialty")).to_have_value("Internal Medicine")  # from the profile
    start = clock.today() + dt.timedelta(days=14)
    phone.get_by_label("Hospital or clinic").fill("Saint" + "x" * 80 + "Hospital")
    phone.get_by_label("First day").fill(start.isoformat())
    phone.get_by_label("Last day").fill((start + dt.timedelta(days=27)).isoformat())
    phone.get_by_role("button", name="Add rotation").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Saint")
    for path in ("", "plan/", "today/"):
        phone.goto(f"{phone.url.split('/rotations/')[0]}/rotations/{Rotation.objects.get().pk}/{path}")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390, path
    screenshot("long-name-phone")
    phone.goto(f"{live_server.url}/rotations/new/")
    phone.go_back()
    phone.go_back()  # back on the filled form (the browser keeps what was typed) and save it again
    if phone.get_by_role("button", name="Add rotation").count():
        phone.get_by_role("button", name="Add rotation").click()
    assert Rotation.objects.filter(user=user).count() == 1
    assert PASSWORD
