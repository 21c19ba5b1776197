"""The privacy guard as a user meets it: a note with a patient's name and a date, replaced in one click."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from lorforge import clock
from tests.conftest import browser_login, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_type_a_patient_name_and_date_see_them_highlighted_replace_and_save(live_server, phone, screenshot):
    from lorforge.evidence.models import Story
    from lorforge.rotations.services import rotation_create

    user = make_user("privacy@example.com")
    start = clock.today() - dt.timedelta(days=5)
    rotation_create(
        user=user,
        site="Mercy General Hospital",
        specialty="Internal Medicine",
        kind="clerkship",
        setting="inpatient",
        start_date=start,
        end_date=start + dt.timedelta(days=27),
        attending_name="Dr. Sarah Smith",
    )
    browser_login(phone, live_server.url, "privacy@example.com")

    capture = phone.locator("form.capture").first
    capture.get_by_label("What happened").fill(
        "Explained the discharge plan to Mrs. Olivia Brennan-Hughes on 11/02/2026 and checked she could repeat it."
    )
    capture.get_by_role("button", name="Save story").click()

    review = phone.locator(".privacy-review")
    expect(review).to_be_visible()
    marks = review.locator("mark.phi")
    expect(marks.filter(has_text="Brennan-Hughes")).to_have_count(1)
    expect(marks.filter(has_text="11/02/2026")).to_have_count(1)
    screenshot("privacy-review-phone")
    assert Story.objects.count() == 0

    phone.get_by_role("button", name="Replace them and save").click()
    expect(phone.get_by_text("Story saved")).to_be_visible()
    story = Story.objects.get()
    assert "Brennan" not in story.text and "11/02/2026" not in story.text
    assert "checked she could repeat it" in story.text
    screenshot("privacy-saved-phone")
