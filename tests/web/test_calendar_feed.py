"""The private calendar feed: made and replaced in Settings, readable without logging in only with the
current token, holding the plan's conversations, every letter step and the program deadlines, read back
with two parsers; SEQUENCE rises when an event changes and steps the plan drops come back cancelled."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar

from lorforge import clock
from lorforge.letters.models import CalendarFeed
from lorforge.planner.calendar import feed_new_token
from lorforge.planner.services import rotation_plan
from lorforge.rotations.services import (
    person_create,
    rotation_create,
    rotation_update,
)

pytestmark = pytest.mark.django_db

SITE = "https://lorforge.example.org"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


def _feed_path(feed: CalendarFeed) -> str:
    return f"/calendar/{feed.token}.ics"


def _events(data: bytes) -> dict[str, object]:
    """uid → icalendar event; the same file must read with vobject too, with the same UIDs and summaries."""
    ical = {str(e["uid"]): e for e in Calendar.from_ical(data).walk("VEVENT")}
    vcal = vobject.readOne(data.decode("utf-8"))
    vevents = {v.uid.value: v for v in vcal.contents.get("vevent", [])}
    assert set(ical) == set(vevents)
    for uid, event in ical.items():
        assert vevents[uid].summary.value == str(event["summary"])
        assert vevents[uid].dtstart.value == event.decoded("dtstart")
    return ical


def _get(client, feed) -> dict:
    response = client.get(_feed_path(feed))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return _events(response.content)


# --- The token ------------------------------------------------------------------------------------------


def test_settings_makes_the_link_and_a_new_one_replaces_it_at_once(owner_client, owner, anon_client, rotation):
    page = owner_client.get("/settings/").content.decode()
    assert "Get my calendar link" in page and not re.search(r"/calendar/[\w-]+\.ics", page)
    assert owner_client.post("/settings/calendar/new-link/").status_code == 302
    feed = CalendarFeed.objects.get(user=owner)
    page = owner_client.get("/settings/").content.decode()
    assert (
        f"{SITE}/calendar/{feed.token}.ics" in page
        and f"webcal://lorforge.example.org/calendar/{feed.token}.ics" in page
    )
    assert _get(anon_client, feed)  # no log-in needed
    old = _feed_path(feed)
    owner_client.post("/settings/calendar/new-link/")
    feed.refresh_from_db()
    assert _feed_path(feed) != old
    assert anon_client.get(old).status_code == 404
    assert _get(anon_client, feed)
    assert CalendarFeed.objects.filter(user=owner).count() == 1


def test_any_other_token_is_a_404(anon_client, owner, rotation):
    feed = feed_new_token(user=owner)
    for token in [
        "x",
        feed.token[:-1],
        feed.token[:-1] + ("A" if feed.token[-1] != "A" else "B"),
        feed.token.upper() if feed.token.upper() != feed.token else feed.token.lower(),
        "a" * 300,
    ]:
        assert anon_client.get(f"/calendar/{token}.ics").status_code == 404, token
    assert anon_client.post(_feed_path(feed)).status_code == 405


def test_only_a_post_makes_a_link_and_only_for_yourself(anon_client, other_client, owner, other):
    assert anon_client.post("/settings/calendar/new-link/").status_code == 302
    assert not CalendarFeed.objects.exists()
    assert other_client.get("/settings/calendar/new-link/").status_code == 405
    other_client.post("/settings/calendar/new-link/")
    assert list(CalendarFeed.objects.values_list("user", flat=True)) == [other.pk]


def test_the_feed_shows_nothing_of_anyone_else(anon_client, owner, other, rotation):
    rotation_create(
        user=other,
        site="Other Hospital",
        specialty="Surgery",
        kind="clerkship",
        setting="inpatient",
        start_date=clock.today(),
        end_date=clock.today() + dt.timedelta(days=27),
        attending_name="Dr. Other Surgeon",
    )
    response = anon_client.get(_feed_path(feed_new_token(user=owner)))
    assert b"Other Hospital" not in response.content and b"Surgeon" not in response.content


def test_a_deactivated_account_has_no_feed(anon_client, owner, rotation):
    feed = feed_new_token(user=owner)
    owner.is_active = False
    owner.save()
    assert anon_client.get(_feed_path(feed)).status_code == 404


# --- What it holds ----------------------------------------------------------------------------------------


def _agree(person, on):
    from lorforge.letters.services import writer_add, writer_record_answer

    writer = writer_add(user=person.user, person=person, on=on)
    writer_record_answer(writer=writer, answer="confident_yes", on=on)
    return writer


def test_it_holds_every_conversation_letter_step_and_deadline_with_alarms_and_links(
    anon_client, owner, rotation, today
):
    from lorforge.letters.services import program_add
    from lorforge.letters.timelines import letter_timelines

    upcoming = rotation_create(
        user=owner,
        site="Lakeside",
        specialty="Pediatrics",
        kind="clerkship",
        setting="outpatient",
        start_date=today + dt.timedelta(days=40),
        end_date=today + dt.timedelta(days=67),
        attending_name="Dr. Ana Souza",
    )
    past = rotation_create(
        user=owner,
        site="Old Hospital",
        specialty="Neurology",
        kind="observership",
        setting="inpatient",
        start_date=today - dt.timedelta(days=90),
        end_date=today - dt.timedelta(days=63),
        attending_name="Dr. Past Neurologist",
    )
    agreed = _agree(past.people.get(), today - dt.timedelta(days=20))
    program = program_add(user=owner, name="Mercy General IM", deadline=today + dt.timedelta(days=200))
    events = _get(anon_client, feed_new_token(user=owner))

    for r in (rotation, upcoming):
        for c in rotation_plan(rotation=r, today=today):
            if c.key in ("pre_ask", "last_day_thanks", "materials_email", "reminder", "confirm_submission"):
                continue
            event = events[f"rotation-{r.pk}-{c.id}@lorforge"]
            assert str(event["summary"]) == c.title
            assert event.decoded("dtstart") == c.starts and event.decoded("dtend") == c.ends + dt.timedelta(days=1)
            assert c.script in str(event["description"])
            assert str(event["url"]) == f"{SITE}/rotations/{r.pk}/plan/#step-{c.id}"
            assert str(event["location"]) == r.site
    assert not any(uid.startswith(f"rotation-{past.pk}-") for uid in events)  # a rotation that is over

    tracked = {t.person.pk: t for t in letter_timelines(user=owner, today=today)}
    smith, souza, neuro = rotation.people.get(), upcoming.people.get(), past.people.get()
    for person in (smith, souza, neuro):  # the timeline's steps, with the same titles and dates as the pages
        for step in tracked[person.pk].timeline.steps:
            event = events[f"letter-{person.pk}-{step.id}@lorforge"]
            assert str(event["summary"]) == step.title
            assert event.decoded("dtstart") == step.starts
            assert event.decoded("dtend") == step.ends + dt.timedelta(days=1)
    assert str(events[f"letter-{neuro.pk}-materials_email@lorforge"]["url"]) == (f"{SITE}/letters/writers/{agreed.pk}/")
    assert str(events[f"letter-{smith.pk}-pre_ask@lorforge"]["url"]) == f"{SITE}/people/{smith.pk}/"
    assert "strong letter" in str(events[f"letter-{smith.pk}-pre_ask@lorforge"]["description"])  # its script

    deadline = events[f"deadline-{program.pk}@lorforge"]
    assert str(deadline["summary"]) == "Letters due: Mercy General IM"
    assert deadline.decoded("dtstart") == program.deadline

    for uid, event in events.items():
        assert re.fullmatch(r"(rotation|letter|deadline)-[\w-]+@lorforge", uid), uid
        alarms = event.walk("VALARM")
        assert len(alarms) == 1 and alarms[0].decoded("trigger") == dt.timedelta(hours=8), uid
        assert int(event["sequence"]) == 0


def test_the_rotation_download_is_built_from_the_same_code(owner_client, owner, rotation, today):
    feed = _events(owner_client.get(_feed_path(feed_new_token(user=owner))).content)
    download = _events(owner_client.get(f"/rotations/{rotation.pk}/plan.ics").content)
    shared = set(feed) & set(download)
    assert {uid for uid in download if uid.startswith("rotation-")} <= shared  # every conversation
    lead = rotation.people.get()
    assert f"letter-{lead.pk}-pre_ask@lorforge" in shared  # the lead's letter steps have the feed's UIDs
    for uid in shared:
        assert feed[uid].decoded("dtstart") == download[uid].decoded("dtstart")
        assert download[uid].walk("VALARM")


@pytest.mark.parametrize(
    "name, site",
    [
        ("Dr. Zoë Peña, MD; Jr.", "St. Mary's, Unit 4; Floor 2"),
        ("Nguyễn Thị Hương", "Bệnh viện Bạch Mai\\Hà Nội"),
        ("Łukasz Żółć\nBEGIN:VEVENT", "Çağlar, Yılmaz; Klinik\nEND:VCALENDAR"),
    ],
)
def test_names_and_sites_with_commas_semicolons_newlines_and_diacritics(anon_client, owner, today, name, site):
    rotation = rotation_create(
        user=owner,
        site=site,
        specialty="Internal Medicine",
        kind="clerkship",
        setting="inpatient",
        start_date=today,
        end_date=today + dt.timedelta(days=27),
    )
    person = person_create(user=owner, rotation=rotation, name=name, role="attending")
    data = anon_client.get(_feed_path(feed_new_token(user=owner))).content
    events = _events(data)
    vevents = {v.uid.value: v for v in vobject.readOne(data.decode()).contents["vevent"]}
    setup = f"rotation-{rotation.pk}-setup@lorforge"
    assert str(events[setup]["location"]) == vevents[setup].location.value == site
    pre_ask = events[f"letter-{person.pk}-pre_ask@lorforge"]
    assert str(pre_ask["summary"]) == vevents[f"letter-{person.pk}-pre_ask@lorforge"].summary.value
    assert person.addressed in str(pre_ask["summary"])
    lines = data.split(b"\r\n")  # typed text may say BEGIN:VEVENT, but never on a line of its own
    assert lines.count(b"BEGIN:VEVENT") == len(events) and lines.count(b"END:VCALENDAR") == 1


# --- Changes ---------------------------------------------------------------------------------------------


def test_a_change_bumps_sequence_and_a_dropped_step_comes_back_cancelled(anon_client, owner, rotation, today):
    feed = feed_new_token(user=owner)
    before = _get(anon_client, feed)
    assert _get(anon_client, feed).keys() == before.keys()  # fetching again changes nothing
    assert all(int(e["sequence"]) == 0 for e in _get(anon_client, feed).values())

    rotation_update(rotation=rotation, end_date=rotation.end_date - dt.timedelta(days=10))  # a shorter rotation
    after = _get(anon_client, feed)
    cancelled = {uid for uid, e in after.items() if str(e.get("status")) == "CANCELLED"}
    live = {uid for uid in after if uid not in cancelled}
    assert cancelled and cancelled == {uid for uid in before if uid not in live}  # dropped steps, cancelled
    for uid in cancelled:
        assert int(after[uid]["sequence"]) == 1 and not after[uid].walk("VALARM")
    for uid in live & set(before):
        changed = (
            after[uid].decoded("dtstart"),
            after[uid].decoded("dtend"),
            str(after[uid]["summary"]),
            str(after[uid]["description"]),
        ) != (
            before[uid].decoded("dtstart"),
            before[uid].decoded("dtend"),
            str(before[uid]["summary"]),
            str(before[uid]["description"]),
        )
        assert int(after[uid]["sequence"]) == (1 if changed else 0), uid
    assert any(int(after[uid]["sequence"]) == 1 for uid in live & set(before))
    assert any(int(after[uid]["sequence"]) == 0 for uid in live & set(before))

    again = _get(anon_client, feed)  # stable until the next change
    assert {uid: int(e["sequence"]) for uid, e in again.items()} == {
        uid: int(e["sequence"]) for uid, e in after.items()
    }


def test_a_deleted_rotation_is_cancelled_for_a_while_then_gone(anon_client, owner, rotation, today, frozen_clock):
    from lorforge.rotations.services import rotation_delete

    feed = feed_new_token(user=owner)
    before = _get(anon_client, feed)
    uids = {uid for uid in before if uid.startswith(f"rotation-{rotation.pk}-")}
    future = {uid for uid in uids if before[uid].decoded("dtend") > today}
    rotation_delete(rotation=rotation)
    after = _get(anon_client, feed)
    assert {uid for uid, e in after.items() if str(e.get("status")) == "CANCELLED"} >= future
    frozen_clock.move_to(clock.now() + dt.timedelta(days=40))
    assert not any(uid.startswith(f"rotation-{rotation.pk}-") for uid in _get(anon_client, feed))


# --- The digest settings on the same page ---------------------------------------------------------------


def test_the_notifications_card_saves_the_hour_and_a_valid_time_zone(owner_client, owner):
    from lorforge.accounts.models import Profile

    page = owner_client.get("/settings/").content.decode()
    assert "data-browser-zone" in page and "letters/time-zone.js" in page and "<script>" not in page
    owner_client.post(
        "/settings/notifications/", {"daily_email": "on", "digest_hour": "7", "time_zone": "Asia/Kolkata"}
    )
    profile = Profile.objects.get(user=owner)
    assert (profile.daily_email, profile.digest_hour, profile.time_zone) == (True, 7, "Asia/Kolkata")
    response = owner_client.post(
        "/settings/notifications/",
        {"daily_email": "on", "digest_hour": "9", "time_zone": "Mars/Olympus_Mons"},
        follow=True,
    )
    assert "not a time zone name" in response.content.decode()
    profile.refresh_from_db()
    assert (profile.digest_hour, profile.time_zone) == (7, "Asia/Kolkata")


def test_the_time_zone_script_is_served(client):
    from django.contrib.staticfiles import finders

    path = finders.find("letters/time-zone.js")
    assert path and "resolvedOptions().timeZone" in Path(path).read_text(encoding="utf-8")
