"""The plan as an iCalendar file, so each conversation shows up in the applicant's own calendar."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from icalendar import Calendar, Event


def plan_calendar(checkpoints: Sequence, *, uid_prefix: str, name: str, now: datetime) -> bytes:
    """All-day events spanning each checkpoint's window; UIDs stay stable so re-imports update, not duplicate."""
    calendar = Calendar()
    calendar.add("prodid", "-//LORforge//Rotation plan//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = now
    for checkpoint in checkpoints:
        event = Event()
        event.add("uid", f"{uid_prefix}-{checkpoint.id}@lorforge")
        event.add("dtstamp", stamp)
        event.add("summary", checkpoint.title)
        event.add("dtstart", checkpoint.starts)
        event.add("dtend", checkpoint.ends + timedelta(days=1))  # DTEND is exclusive for all-day events
        event.add("description", f"{checkpoint.why}\n\n{checkpoint.script}")
        event.add("transp", "TRANSPARENT")  # a reminder, not a busy block
        calendar.add_component(event)
    return calendar.to_ical()
