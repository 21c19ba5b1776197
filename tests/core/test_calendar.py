"""The calendar builder: all-day events with an exclusive end, stable UIDs, alarms, escaping, SEQUENCE and
cancellations, read back with two parsers (icalendar and vobject)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
import vobject
from icalendar import Calendar

from lorforge.core import calendar
from lorforge.core.calendar import (
    Entry,
    Known,
    build_calendar,
    plan_calendar,
    reconcile,
)
from lorforge.core.plan import LETTER_KEYS, build_plan
from lorforge.core.records import Applicant, Person, Rotation

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
TODAY = date(2026, 12, 1)
AWKWARD = [
    "Dr. Zoë Peña, MD; Jr.",
    "Nguyễn Thị Hương",
    "Łukasz Żółć\nsecond line",
    "Back\\slash, comma; semicolon: colon",
    "Çağlar Yılmaz\r\nBEGIN:VEVENT\r\nUID:injected@evil\r\nEND:VEVENT",
    'O\'Brien "the quiet" — 10% <b>bold</b>',
    "Tab\there and a bell\x07 and a NUL\x00",
]


def _plan():
    return build_plan(
        rotation=Rotation(start=date(2026, 12, 28), end=date(2027, 1, 22), specialty="Pediatrics"),
        applicant=Applicant(name="Łukasz Żółć", country="Poland", specialty="Pediatrics", season=2028),
        people=[Person(name="Dr. Zoë Peña")],
    )


def _parse_both(data: bytes):
    """The events as read by icalendar and by vobject (an independent parser)."""
    ical = Calendar.from_ical(data).walk("VEVENT")
    vcal = vobject.readOne(data.decode("utf-8"))
    return ical, list(vcal.contents.get("vevent", []))


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
    assert any(e.decoded("dtstart").year == 2027 for e in events) and any(
        e.decoded("dtstart").year == 2026 for e in events
    )


def test_uids_are_stable_between_exports_and_letter_steps_can_take_the_feeds_uids():
    first = Calendar.from_ical(plan_calendar(_plan(), uid_prefix="r", name="Plan", now=NOW)).walk("VEVENT")
    second = Calendar.from_ical(plan_calendar(_plan(), uid_prefix="r", name="Plan", now=NOW + timedelta(days=3)))
    assert [str(e["uid"]) for e in first] == [str(e["uid"]) for e in second.walk("VEVENT")]
    feedlike = Calendar.from_ical(
        plan_calendar(_plan(), uid_prefix="rotation-7", letter_uid_prefix="letter-3", name="Plan", now=NOW)
    ).walk("VEVENT")
    for checkpoint, event in zip(_plan(), feedlike):
        prefix = "letter-3" if checkpoint.key in LETTER_KEYS else "rotation-7"
        assert str(event["uid"]) == f"{prefix}-{checkpoint.id}@lorforge"


def test_the_plan_parses_with_two_parsers_and_every_event_has_an_alarm_and_a_link():
    plan = _plan()
    data = plan_calendar(
        plan,
        uid_prefix="rotation-7",
        name="Plan",
        now=NOW,
        url_for=lambda c: f"https://lorforge.example.org/rotations/7/plan/#step-{c.id}",
        location="Children's Hospital, Ward 4; Floor 2",
    )
    ical, vevents = _parse_both(data)
    assert len(ical) == len(vevents) == len(plan)
    for checkpoint, event, vevent in zip(plan, ical, vevents):
        alarms = event.walk("VALARM")
        assert len(alarms) == 1 and str(alarms[0]["action"]) == "DISPLAY"
        assert alarms[0].decoded("trigger") == timedelta(hours=calendar.ALARM_HOUR)
        assert vevent.valarm.trigger.value == timedelta(hours=calendar.ALARM_HOUR)
        assert vevent.summary.value == checkpoint.title
        assert vevent.dtstart.value == checkpoint.starts
        assert vevent.dtend.value == checkpoint.ends + timedelta(days=1)
        assert vevent.uid.value == f"rotation-7-{checkpoint.id}@lorforge"
        assert vevent.location.value == "Children's Hospital, Ward 4; Floor 2"
        assert vevent.description.value.endswith(
            f"Open in LORforge: https://lorforge.example.org/rotations/7/plan/#step-{checkpoint.id}"
        )
        assert checkpoint.script in vevent.description.value
        assert int(vevent.sequence.value) == 0


@pytest.mark.parametrize("text", AWKWARD)
def test_typed_text_is_escaped_and_reads_back_unchanged(text):
    entry = Entry(
        uid="rotation-1-setup@lorforge",
        summary=f"Introduce yourself to {text}",
        starts=TODAY,
        ends=TODAY,
        description=f"Say hello to {text}.",
        location=text,
    )
    other = Entry(uid="deadline-1@lorforge", summary="Letters due: a program", starts=TODAY, ends=TODAY)
    data = build_calendar([entry, other], name=f"Plan of {text}", now=NOW)
    ical, vevents = _parse_both(data)
    assert len(ical) == len(vevents) == 2  # nothing typed can start an event of its own
    assert [str(e["uid"]) for e in ical] == [v.uid.value for v in vevents] == [entry.uid, other.uid]
    # A typed line break reads back as a newline; other control characters are not allowed in TEXT: dropped.
    typed = text.replace("\r\n", "\n").replace("\x07", "").replace("\x00", "")
    entry = Entry(
        uid=entry.uid,
        summary=f"Introduce yourself to {typed}",
        starts=TODAY,
        ends=TODAY,
        description=f"Say hello to {typed}.",
    )
    for summary, description, location in [
        (str(ical[0]["summary"]), str(ical[0]["description"]), str(ical[0]["location"])),
        (vevents[0].summary.value, vevents[0].description.value, vevents[0].location.value),
    ]:
        assert summary == entry.summary
        assert description == entry.description
        assert location == typed
    assert b"\nBEGIN:VEVENT\r\nUID:injected" not in data
    # A raw line break never reaches the file: every line ends in CRLF and no line is a bare typed fragment.
    assert all(line.endswith(b"\r") or line == b"" for line in data.split(b"\n"))


def test_a_timed_entry_is_written_in_the_applicants_zone_with_its_time_zone_definition():
    entry = Entry(
        uid="rotation-1-setup@lorforge",
        summary="Meet Dr. Peña",
        starts=date(2027, 3, 15),
        ends=date(2027, 3, 15),
        at=time(7, 30),
    )
    data = build_calendar([entry], name="Plan", now=NOW, zone="America/Chicago")
    cal = Calendar.from_ical(data)
    event = cal.walk("VEVENT")[0]
    assert b"DTSTART;TZID=America/Chicago:20270315T073000" in data
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["America/Chicago"]
    assert event.decoded("dtend") - event.decoded("dtstart") == calendar.TIMED_LENGTH
    assert event.walk("VALARM")[0].decoded("trigger") == -calendar.TIMED_ALARM
    vevent = vobject.readOne(data.decode()).vevent
    assert vevent.dtstart.value.utcoffset() == timedelta(hours=-5)  # CDT: daylight time started on March 14
    assert vevent.dtstart.value.astimezone(UTC).hour == 12


def test_the_feed_says_how_often_to_refresh_and_publishes():
    data = build_calendar([], name="LORforge", now=NOW, feed=True, zone="Asia/Kolkata")
    cal = Calendar.from_ical(data)
    assert str(cal["method"]) == "PUBLISH" and str(cal["x-wr-timezone"]) == "Asia/Kolkata"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT6H" in data and b"X-PUBLISHED-TTL:PT6H" in data
    vobject.readOne(data.decode())


# --- SEQUENCE and cancellations -----------------------------------------------------------------------


def _entry(uid="rotation-1-setup@lorforge", summary="Introduce yourself", starts=date(2026, 12, 10), days=1):
    return Entry(uid=uid, summary=summary, starts=starts, ends=starts + timedelta(days=days))


def _remember(result) -> dict[str, Known]:
    return dict(result.known)


def test_sequence_starts_at_zero_stays_while_unchanged_and_rises_with_each_change():
    first = reconcile([_entry()], {}, today=TODAY)
    assert [e.sequence for e in first.entries] == [0]
    again = reconcile([_entry()], _remember(first), today=TODAY + timedelta(days=1))
    assert [e.sequence for e in again.entries] == [0]
    moved = reconcile([_entry(starts=date(2026, 12, 11))], _remember(again), today=TODAY)
    assert [e.sequence for e in moved.entries] == [1]
    renamed = reconcile(
        [_entry(starts=date(2026, 12, 11), summary="Introduce yourself to Dr. Peña")], _remember(moved), today=TODAY
    )
    assert [e.sequence for e in renamed.entries] == [2]
    steady = reconcile(
        [_entry(starts=date(2026, 12, 11), summary="Introduce yourself to Dr. Peña")], _remember(renamed), today=TODAY
    )
    assert [e.sequence for e in steady.entries] == [2]


def test_a_step_the_plan_no_longer_has_is_cancelled_then_forgotten_and_can_come_back():
    kept, dropped = _entry(), _entry(uid="rotation-1-micro_highlight-7@lorforge", summary="Short update")
    first = reconcile([kept, dropped], {}, today=TODAY)
    gone = reconcile([kept], _remember(first), today=TODAY)
    cancelled = [e for e in gone.entries if e.cancelled]
    assert [(e.uid, e.sequence, e.summary, e.starts) for e in cancelled] == [
        (dropped.uid, 1, "Short update", dropped.starts)
    ]
    still = reconcile([kept], _remember(gone), today=TODAY + timedelta(days=5))
    assert [(e.uid, e.sequence) for e in still.entries if e.cancelled] == [(dropped.uid, 1)]
    later = reconcile([kept], _remember(still), today=TODAY + calendar.CANCELLED_FOR + timedelta(days=1))
    assert [e.uid for e in later.entries] == [kept.uid] and dropped.uid not in later.known
    back = reconcile([kept, dropped], _remember(still), today=TODAY + timedelta(days=6))
    assert {e.uid: (e.sequence, e.cancelled) for e in back.entries} == {kept.uid: (0, False), dropped.uid: (2, False)}


def test_an_event_that_is_over_just_leaves_the_feed():
    past = _entry(starts=date(2026, 11, 2), days=1)
    first = reconcile([past], {}, today=date(2026, 11, 3))
    later = reconcile([], _remember(first), today=date(2026, 12, 1))
    assert later.entries == () and later.known == {}


def test_cancelled_events_are_written_as_cancelled_without_an_alarm():
    first = reconcile([_entry()], {}, today=TODAY)
    gone = reconcile([], _remember(first), today=TODAY)
    ical, vevents = _parse_both(build_calendar(gone.entries, name="Plan", now=NOW))
    assert str(ical[0]["status"]) == "CANCELLED" and vevents[0].status.value == "CANCELLED"
    assert int(ical[0]["sequence"]) == 1 and ical[0].walk("VALARM") == []


def test_one_event_per_uid():
    result = reconcile([_entry(), _entry(summary="A duplicate")], {}, today=TODAY)
    assert [e.summary for e in result.entries] == ["Introduce yourself"]


def test_letter_steps_and_deadlines_carry_their_uid_script_and_deadline():
    from lorforge.core import timeline
    from lorforge.core.season import SeasonDates

    rotation = Rotation(start=date(2026, 11, 2), end=date(2026, 11, 27), specialty="Internal Medicine")
    line = timeline.letter_timeline(
        letter=timeline.Letter(writer=Person(name="Dr. Zoë Peña, MD"), rotation=rotation),
        dates=SeasonDates(
            applications_open=date(2027, 6, 5), submission_opens=date(2027, 9, 1), programs_review=date(2027, 9, 22)
        ),
        programs=[timeline.Program("St. Mary's, Internal Medicine; categorical", date(2027, 9, 15))],
        today=TODAY,
    )
    reminder = next(s for s in line.steps if s.key == "reminder")
    entry = calendar.letter_step_entry(
        reminder,
        uid_prefix="letter-9",
        script="Dear Dr. Peña,",
        url="https://x.example/letters/writers/9/",
        deadline=line.deadline,
    )
    assert entry.uid == f"letter-9-{reminder.id}@lorforge" and entry.summary == reminder.title
    assert (entry.starts, entry.ends) == (reminder.starts, reminder.ends)
    assert "Dear Dr. Peña," in entry.description and "St. Mary's, Internal Medicine; categorical" in entry.description
    deadline = calendar.deadline_entry(
        uid="deadline-4@lorforge", program="St. Mary's, IM; categorical", on=date(2027, 9, 15)
    )
    ical, vevents = _parse_both(build_calendar([entry, deadline], name="Letters", now=NOW))
    assert vevents[1].summary.value == "Letters due: St. Mary's, IM; categorical"
    assert ical[1].decoded("dtstart") == date(2027, 9, 15) and ical[1].decoded("dtend") == date(2027, 9, 16)
