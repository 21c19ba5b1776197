"""The plan and the letters as iCalendar (RFC 5545): the private feed and the per-rotation download.

Pure: everything arrives as arguments (``today``, ``now``, the links); nothing reads the clock or
the database. One builder, ``build_calendar``, renders both the feed and the download:

- An ``Entry`` is one event: an all-day window (``starts``..``ends``, inclusive; DTEND is written
  exclusive) or, when it has a time (``at``), a timed event in the applicant's zone. Every event
  carries an alarm: at ``ALARM_HOUR`` on its first day (all-day), or ``TIMED_ALARM`` before (timed).
- UIDs are stable, built from what the event is about, never from its dates: a conversation is
  ``rotation-{rotation id}-{checkpoint id}@lorforge``, a letter step ``letter-{person id}-{step id}@lorforge``,
  a program deadline ``deadline-{program id}@lorforge``. Calendar apps then update, not duplicate.
- SEQUENCE comes from ``reconcile``: what the feed said last time about each UID (a fingerprint of
  the event's content, its sequence, a small snapshot) against what it says now. Changed content →
  sequence + 1; a UID that is gone while still ahead (a step the plan no longer has, a rotation deleted)
  is served as STATUS:CANCELLED (sequence + 1) for ``CANCELLED_FOR`` days, then dropped; one that is
  gone because it is over is just left out; a UID that comes back starts from its old sequence + 1.
- Every text the applicant typed (names, sites, programs) goes through icalendar's TEXT escaping
  (commas, semicolons, backslashes, newlines); nothing is concatenated into the raw file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone, vDuration, vText

from lorforge.core import dates, timeline

ALARM_HOUR = 8  # all-day events: the alarm rings at 8 a.m. on the first day
TIMED_ALARM = timedelta(minutes=30)  # timed events: half an hour before
TIMED_LENGTH = timedelta(minutes=30)  # a conversation with a time, when the plan gives no length
CANCELLED_FOR = timedelta(days=30)  # a removed event is served as cancelled this long, then left out
REFRESH = timedelta(hours=6)  # how often a subscribing calendar should fetch the feed again
PRODID = "-//LORforge//Plan and letters//EN"
LETTER_KEYS = timeline.STEP_KEYS  # the letter's steps get their own UIDs, stable across rotation edits


@dataclass(frozen=True)
class Entry:
    """One calendar event, before it is written."""

    uid: str
    summary: str
    starts: date
    ends: date  # inclusive
    description: str = ""
    url: str = ""
    location: str = ""
    at: time | None = None  # a time of day on ``starts``: a timed event in ``zone``
    minutes: int = 0  # a timed event's length; 0 = TIMED_LENGTH
    categories: tuple[str, ...] = ()
    sequence: int = 0
    cancelled: bool = False

    def fingerprint(self) -> str:
        """A digest of what a calendar app shows: changes here are what bump SEQUENCE."""
        content = [
            self.summary,
            self.starts.isoformat(),
            self.ends.isoformat(),
            self.description,
            self.url,
            self.location,
            self.at.isoformat() if self.at else "",
            self.minutes,
            list(self.categories),
            self.cancelled,
        ]
        return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()

    def snapshot(self) -> dict:
        """What is kept to serve the event as cancelled once it is gone."""
        return {
            "summary": self.summary,
            "starts": self.starts.isoformat(),
            "ends": self.ends.isoformat(),
            "at": self.at.isoformat() if self.at else "",
            "minutes": self.minutes,
        }

    @classmethod
    def from_snapshot(cls, uid: str, snapshot: Mapping) -> Entry:
        return cls(
            uid=uid,
            summary=str(snapshot.get("summary", "")),
            starts=date.fromisoformat(snapshot["starts"]),
            ends=date.fromisoformat(snapshot["ends"]),
            at=time.fromisoformat(snapshot["at"]) if snapshot.get("at") else None,
            minutes=int(snapshot.get("minutes") or 0),
        )


# --- Entries from the plan, the letters and the programs ---------------------------------------------


def _link_line(url: str) -> str:
    return f"\n\nOpen in LORforge: {url}" if url else ""


def checkpoint_entry(checkpoint, *, uid: str, url: str = "", location: str = "") -> Entry:
    """One step of a rotation plan (``core.plan.Checkpoint``): why it matters, the script and tips."""
    parts = [checkpoint.why, checkpoint.script]
    tips = tuple(getattr(checkpoint, "tips", ()) or ())
    if tips:
        parts.append("Tips:\n" + "\n".join(f"- {tip}" for tip in tips))
    return Entry(
        uid=uid,
        summary=checkpoint.title,
        starts=checkpoint.starts,
        ends=checkpoint.ends,
        description="\n\n".join(p for p in parts if p) + _link_line(url),
        url=url,
        location=location,
        at=getattr(checkpoint, "at", None),
        categories=("LORforge", "Conversation"),
    )


def plan_entries(
    checkpoints: Sequence, *, uid_prefix: str, letter_uid_prefix: str | None = None, url_for=None, location: str = ""
) -> list[Entry]:
    """Every checkpoint of one plan; letter steps under ``letter_uid_prefix`` when given (the feed's UIDs).

    ``url_for(checkpoint)`` gives the link back to its page.
    """
    entries = []
    for c in checkpoints:
        prefix = letter_uid_prefix if (letter_uid_prefix and c.key in LETTER_KEYS) else uid_prefix
        entries.append(
            checkpoint_entry(c, uid=f"{prefix}-{c.id}@lorforge", url=url_for(c) if url_for else "", location=location)
        )
    return entries


def letter_step_entry(
    step, *, uid_prefix: str, script: str = "", url: str = "", warnings: Sequence[str] = (), deadline=None
) -> Entry:
    """One step of a letter timeline (``core.timeline.Step``), with its script when the plan has one."""
    parts = [step.note, script, *warnings]
    if deadline is not None and step.key in ("reminder", "confirm_submission"):
        parts.append(f"Letter deadline: {dates.day(deadline.on, year=True)} ({deadline.source}).")
    return Entry(
        uid=f"{uid_prefix}-{step.id}@lorforge",
        summary=step.title,
        starts=step.starts,
        ends=step.ends,
        description="\n\n".join(p for p in parts if p) + _link_line(url),
        url=url,
        categories=("LORforge", "Letter"),
    )


def deadline_entry(*, uid: str, program: str, on: date, url: str = "") -> Entry:
    """A program's letter deadline: every letter meant for it must be in ERAS by then."""
    return Entry(
        uid=uid,
        summary=f"Letters due: {program}",
        starts=on,
        ends=on,
        description=(
            f"Your letters of recommendation for {program} should be in ERAS by today. "
            "Check the program's own page for the exact rules."
        )
        + _link_line(url),
        url=url,
        categories=("LORforge", "Deadline"),
    )


# --- SEQUENCE and cancelled events --------------------------------------------------------------------


@dataclass(frozen=True)
class Known:
    """What the feed said last time about one UID."""

    fingerprint: str
    sequence: int
    snapshot: Mapping = field(default_factory=dict)
    gone_on: date | None = None  # the day it was first left out of the plan


@dataclass(frozen=True)
class Reconciled:
    entries: tuple[Entry, ...]  # what to serve now: current events, then recently cancelled ones
    known: dict[str, Known]  # what to remember for next time (UIDs to forget are absent)


def reconcile(entries: Iterable[Entry], known: Mapping[str, Known], *, today: date) -> Reconciled:
    """Sequences for ``entries`` from what was served before; events gone since then come back cancelled."""
    served: list[Entry] = []
    remembered: dict[str, Known] = {}
    current: dict[str, Entry] = {}
    for entry in entries:
        current.setdefault(entry.uid, entry)  # one event per UID: the first wins
    for uid, entry in current.items():
        before = known.get(uid)
        fingerprint = entry.fingerprint()
        if before is None:
            sequence = 0
        elif before.fingerprint == fingerprint and before.gone_on is None:
            sequence = before.sequence
        else:
            sequence = before.sequence + 1
        served.append(replace(entry, sequence=sequence))
        remembered[uid] = Known(fingerprint, sequence, entry.snapshot())
    for uid, before in known.items():
        if uid in current or not before.snapshot:
            continue
        gone_on = before.gone_on or today
        if today - gone_on > CANCELLED_FOR:
            continue  # long enough: forget it
        if before.gone_on is None and date.fromisoformat(before.snapshot["ends"]) < today:
            continue  # it is over (a finished rotation leaves the feed): nothing to cancel
        sequence = before.sequence if before.gone_on else before.sequence + 1
        cancelled = replace(Entry.from_snapshot(uid, before.snapshot), cancelled=True, sequence=sequence)
        served.append(cancelled)
        remembered[uid] = Known(
            cancelled.fingerprint() if not before.gone_on else before.fingerprint, sequence, before.snapshot, gone_on
        )
    return Reconciled(tuple(served), remembered)


# --- Writing ------------------------------------------------------------------------------------------


def build_calendar(
    entries: Iterable[Entry],
    *,
    name: str,
    now: datetime,
    zone: str = "",
    alarm_hour: int = ALARM_HOUR,
    feed: bool = False,
    description: str = "",
) -> bytes:
    """The .ics bytes: every entry one VEVENT with a VALARM (none on cancelled ones).

    ``zone`` (IANA) is where timed events happen and the calendar's own zone; ``feed`` adds the
    hints a subscribing calendar reads (METHOD:PUBLISH and how often to refresh).
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # X- properties are not escaped by ``add``: give them as TEXT values (the name holds typed words).
    calendar["x-wr-calname"] = vText(text(name))
    if description:
        calendar["x-wr-caldesc"] = vText(description)
    if zone:
        calendar["x-wr-timezone"] = vText(zone)
    if feed:
        calendar.add("method", "PUBLISH")
        calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        calendar["x-published-ttl"] = vDuration(REFRESH)  # the same hint, for Outlook
    tz = ZoneInfo(zone) if zone else UTC
    stamp = now.astimezone(UTC)
    entries = list(entries)
    for entry in entries:
        calendar.add_component(_event(entry, stamp=stamp, tz=tz, alarm_hour=alarm_hour))
    timed = [e.starts for e in entries if e.at is not None]
    if timed and zone:  # the zone's rules for the years the events span (a short VTIMEZONE every parser reads)
        definition = Timezone.from_tzid(
            zone, first_date=min(timed) - timedelta(days=366), last_date=max(timed) + timedelta(days=366)
        )
        calendar.subcomponents.insert(0, definition)
    return calendar.to_ical()


_CONTROLS = {c: None for c in range(32) if chr(c) not in "\n\t"} | {0x7F: None}


def text(value: str) -> str:
    """Typed text as RFC 5545 TEXT allows it: line breaks as newlines, no other control characters.
    (icalendar then escapes backslashes, commas, semicolons and newlines.)"""
    return value.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROLS)


def _event(entry: Entry, *, stamp: datetime, tz, alarm_hour: int) -> Event:
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", stamp)
    event.add("sequence", entry.sequence)
    event.add("summary", text(entry.summary))
    if entry.at is not None:
        starts = datetime.combine(entry.starts, entry.at, tzinfo=tz)
        event.add("dtstart", starts)
        event.add("dtend", starts + (timedelta(minutes=entry.minutes) if entry.minutes else TIMED_LENGTH))
    else:
        event.add("dtstart", entry.starts)
        event.add("dtend", entry.ends + timedelta(days=1))  # DTEND is exclusive for all-day events
    if entry.cancelled:
        event.add("status", "CANCELLED")
        event.add("transp", "TRANSPARENT")
        return event
    event.add("status", "CONFIRMED")
    event.add("transp", "TRANSPARENT")  # a reminder of a conversation, not a busy block
    if entry.description:
        event.add("description", text(entry.description))
    if entry.location:
        event.add("location", text(entry.location))
    if entry.url:
        event.add("url", entry.url)
    if entry.categories:
        event.add("categories", list(entry.categories))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text(entry.summary))
    alarm.add("trigger", -TIMED_ALARM if entry.at is not None else timedelta(hours=alarm_hour))
    event.add_component(alarm)
    return event


def plan_calendar(
    checkpoints: Sequence,
    *,
    uid_prefix: str,
    name: str,
    now: datetime,
    letter_uid_prefix: str | None = None,
    url_for=None,
    location: str = "",
    zone: str = "",
) -> bytes:
    """One rotation's plan as a file to import: the same events, UIDs and alarms as the feed."""
    entries = plan_entries(
        checkpoints, uid_prefix=uid_prefix, letter_uid_prefix=letter_uid_prefix, url_for=url_for, location=location
    )
    return build_calendar(entries, name=name, now=now, zone=zone)
