"""Shared fixtures: the three personas (owner, another user, anonymous) and the browser set-up."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop; Django must still allow ORM calls from the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
PASSWORD = "correct-horse-battery-staple"


def make_user(email: str, *, name: str = "Çağlar Yılmaz", specialty: str = "Internal Medicine"):
    from lorforge.accounts.services import profile_for, profile_update, user_sign_up

    user = user_sign_up(email=email, password=PASSWORD)
    profile_update(profile=profile_for(user=user), display_name=name, country="Türkiye",
                   medical_school="Ankara University", target_specialty=specialty, season=dt.date.today().year + 1)
    return user


@pytest.fixture
def owner(db):
    return make_user("owner@example.com")


@pytest.fixture
def other(db):
    return make_user("other@example.com", name="Other Person")


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def other_client(db, other):
    from django.test import Client

    other_client = Client()
    other_client.force_login(other)
    return other_client


@pytest.fixture
def anon_client(db):
    from django.test import Client

    return Client()


@pytest.fixture
def rotation(owner):
    from lorforge.rotations.services import rotation_create

    start = dt.date.today() - dt.timedelta(days=3)
    return rotation_create(user=owner, site="Mercy General", specialty="Internal Medicine", kind="clerkship",
                           setting="inpatient", start_date=start, end_date=start + dt.timedelta(days=27),
                           attending_name="Dr. Sarah Smith", attending_email="s.smith@mercy.example.org")


# --- Browser tests -------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Browser tests need Debian's Chromium at {CHROMIUM}: apt-get install -y chromium")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture
def screenshot(page):
    """screenshot("name") saves a full-page PNG under build/screenshots/ for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def phone(page):
    page.set_viewport_size({"width": 390, "height": 844})
    return page


def browser_login(page, base_url: str, email: str, password: str = PASSWORD) -> None:
    page.goto(f"{base_url}/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base_url}/today/")
