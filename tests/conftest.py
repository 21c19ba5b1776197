"""Shared fixtures: the three personas (owner, another user, anonymous) and the browser set-up."""

from __future__ import annotations

import datetime as dt
import functools
import os
from pathlib import Path

import pytest
import time_machine

from lorforge import clock

SCREENSHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "correct-horse-battery-staple"


# --- The clock -----------------------------------------------------------------------------------
# Every test runs on a frozen day: LORFORGE_TEST_TODAY=YYYY-MM-DD when set (CI runs the suite on
# several days that way), else DEFAULT_TODAY. A test that means one particular day says so with
# @pytest.mark.today("YYYY-MM-DD"); the clock then starts at that day's TEST_HOUR in the app's zone
# and ticks on, so the live server, the ORM and the test agree on the date.
DEFAULT_TODAY = dt.date(2026, 11, 25)
TEST_HOUR = dt.time(10, 0)


def _day_from_env() -> dt.date:
    value = os.environ.get("LORFORGE_TEST_TODAY", "").strip()
    if not value:
        return DEFAULT_TODAY
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise pytest.UsageError(f"LORFORGE_TEST_TODAY must be a date as YYYY-MM-DD, not {value!r}") from None


TEST_TODAY = _day_from_env()


def pytest_configure(config):
    config.addinivalue_line("markers", "today(day): run this test as if today were day (YYYY-MM-DD)")
    config.addinivalue_line(
        "markers", "own_sqlite: starts its own lorforge process on its own SQLite data; runs in the SQLite pass only"
    )


def pytest_collection_modifyitems(config, items):
    """The PostgreSQL pass leaves out what never touches the test database: the core (plain Python, no database)
    and the tests that start their own process on their own SQLite data. Both ran in the SQLite pass."""
    if os.environ.get("LORFORGE_TEST_DB") != "postgres":
        return
    keep, leave = [], []
    for item in items:
        (leave if item.get_closest_marker("own_sqlite") or "/tests/core/" in str(item.path) else keep).append(item)
    if leave:
        config.hook.pytest_deselected(items=leave)
        items[:] = keep


def pytest_report_header(config):
    return f"lorforge: tests run as if today were {TEST_TODAY:%A %Y-%m-%d} (LORFORGE_TEST_TODAY)"


def _test_moment(day: dt.date) -> dt.datetime:
    from zoneinfo import ZoneInfo

    from django.conf import settings

    return dt.datetime.combine(day, TEST_HOUR, tzinfo=ZoneInfo(settings.TIME_ZONE))


@pytest.fixture(autouse=True)
def frozen_clock(request):
    """Freezes the day for every test (see TEST_TODAY); yields time-machine's traveller to move it."""
    marker = request.node.get_closest_marker("today")
    day = dt.date.fromisoformat(marker.args[0]) if marker else TEST_TODAY
    with time_machine.travel(_test_moment(day), tick=True) as traveller:
        yield traveller


@pytest.fixture
def today(frozen_clock) -> dt.date:
    """The frozen day in the app's own zone: build rotations and dates relative to it."""
    return clock.today()


def make_user(email: str, *, name: str = "Çağlar Yılmaz", specialty: str = "Internal Medicine"):
    from lorforge.accounts.services import profile_for, profile_update, user_sign_up
    from lorforge.core.season import season_for

    user = user_sign_up(email=email, password=PASSWORD)
    profile_update(
        profile=profile_for(user=user),
        display_name=name,
        country="Türkiye",
        medical_school="Ankara University",
        target_specialty=specialty,
        season=season_for(clock.today()),
    )
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


def make_rotation(user, start: dt.date, **fields):
    """A four-week inpatient internal medicine rotation from ``start`` with its attending; ``fields`` override
    (e.g. ``site``, ``kind``, ``attending_name``)."""
    from lorforge.rotations.services import rotation_create

    values = {
        "site": "Mercy General",
        "specialty": "Internal Medicine",
        "kind": "clerkship",
        "setting": "inpatient",
        "start_date": start,
        "end_date": start + dt.timedelta(days=27),
        "attending_name": "Dr. Sarah Smith",
        "attending_email": "s.smith@mercy.example.org",
    }
    return rotation_create(user=user, **{**values, **fields})


@pytest.fixture
def rotation(owner):
    return make_rotation(owner, clock.today() - dt.timedelta(days=3))


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


# --- The gallery (scripts/gallery.py): every script, email and helper for a matrix of rotations ---------------

GALLERY_DAY = dt.date(2026, 11, 24)


@functools.cache
def load_gallery():
    """scripts/gallery.py as a module (it is a script, not part of the package)."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(
        "lorforge_gallery", Path(__file__).resolve().parents[1] / "scripts" / "gallery.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def gallery():
    return load_gallery()


@pytest.fixture(scope="session")
def gallery_items(gallery):
    """The small gallery, built once per test process on a fixed day."""
    return gallery.build(GALLERY_DAY, small=True)
