"""A new applicant signs up, fills the profile, adds a rotation with an attending and sees it listed."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from lorforge import clock
from lorforge.core.season import season_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_profile_rotation_and_listing(live_server, page, screenshot):
    page.set_viewport_size({"width": 390, "height": 844})  # a phone first
    page.goto(live_server.url)
    screenshot("home-phone")
    page.get_by_role("link", name="Start free").click()

    page.get_by_label("Email").fill("huong@example.com")
    page.get_by_label("Password", exact=True).fill("a-long-enough-pass-9")
    page.get_by_label("Password confirmation").fill("a-long-enough-pass-9")
    screenshot("signup-phone")
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_role("heading", name="Tell us about you")).to_be_visible()
    page.get_by_label("Name as it should appear on documents").fill("Nguyễn Thị Hương")
    page.get_by_label("Medical school (optional)", exact=True).fill("Hanoi Medical University")
    page.get_by_label("Country of your medical school").fill("Vietnam")
    page.get_by_label("Target specialty").fill("Internal Medicine")
    expect(page.get_by_label("Match year")).to_have_value(str(season_for(clock.today())))  # the season still ahead
    screenshot("profile-phone")
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", name="Add a rotation")).to_be_visible()
    start = clock.today()
    page.get_by_label("Hospital or clinic").fill("Mercy General Hospital, Chicago")
    page.get_by_label("Specialty", exact=True).fill("Internal Medicine")
    page.get_by_label("Sub-internship (sub-I)").check()
    page.get_by_label("Inpatient ward").check()
    page.get_by_label("First day").fill(start.isoformat())
    page.get_by_label("Last day").fill((start + dt.timedelta(days=27)).isoformat())
    page.get_by_label("Your attending's name (optional)").fill("Dr. Łukasz Kowalski")
    screenshot("rotation-form-phone")
    page.get_by_role("button", name="Add rotation").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Internal Medicine · Mercy General Hospital")
    expect(page.get_by_text("Dr. Łukasz Kowalski").first).to_be_visible()
    screenshot("rotation-detail-phone")

    page.get_by_role("link", name="Rotations").first.click()
    expect(page.get_by_text("Mercy General Hospital, Chicago")).to_be_visible()
    expect(page.get_by_text("Team: Dr. Łukasz Kowalski")).to_be_visible()
    screenshot("rotation-list-phone")
    page.set_viewport_size({"width": 1280, "height": 800})
    screenshot("rotation-list-laptop")


def test_bad_rotation_dates_show_a_message_and_keep_the_input(live_server, page, screenshot, today):
    from tests.conftest import make_user

    make_user("dates@example.com")
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Email").fill("dates@example.com")
    page.get_by_label("Password").fill("correct-horse-battery-staple")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/rotations/new/")
    page.get_by_label("Hospital or clinic").fill("Riverside Clinic")
    page.get_by_label("Specialty", exact=True).fill("Family Medicine")
    page.get_by_label("First day").fill((today + dt.timedelta(days=30)).isoformat())
    page.get_by_label("Last day").fill((today + dt.timedelta(days=21)).isoformat())
    page.get_by_role("button", name="Add rotation").click()
    expect(page.get_by_text("The last day cannot be before the first day.")).to_be_visible()
    expect(page.get_by_label("Hospital or clinic")).to_have_value("Riverside Clinic")
    screenshot("rotation-form-error-phone")
