"""The plan as an .ics file: every checkpoint an all-day event with an exclusive end and a stable UID."""

from datetime import date, datetime, timedelta, timezone

from icalendar import Calendar

from lorforge.core.calendar import plan_calendar
from lorforge.core.plan import build_plan
from lorforge.core.records import Applicant, Person, Rotation

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)


def _plan():
    return build_plan(rotation=Rotation(start=date(2026, 12, 28), end=date(2027, 1, 22), specialty="Pediatrics"),
                      applicant=Applicant(name="Łukasz Żółć", country="Poland", specialty="Pediatrics", season=2028),
                      people=[Person(name="Dr. Zoë Peña")])


def test_every_checkpoint_becomes_an_all_day_event_across_the_year_end():
    plan = _plan()
    events = Calendar.from_ical(plan_calendar(plan, uid_prefix="rotation-7", name="Plan", now=NOW)).walk("VEVENT")
    assert len(events) == len(plan)
    for checkpoint, event in zip(plan, events):
        assert event.decoded("dtstart") == checkpoint.starts
        assert event.decoded("dtend") == checkpoint.ends + timedelta(days=1)
        assert str(event["summary"]) == checkpoint.title
        assert str(event["uid"]) == f"rotation-7-{checkpoint.id}@lorforge"
        assert checkpoint.script in str(event["description"])


def test_uids_are_stable_between_exports():
    first = Calendar.from_ical(plan_calendar(_plan(), uid_prefix="r", name="Plan", now=NOW)).walk("VEVENT")
    second = Calendar.from_ical(plan_calendar(_plan(), uid_prefix="r", name="Plan", now=NOW)).walk("VEVENT")
    assert [str(e["uid"]) for e in first] == [str(e["uid"]) for e in second]
