"""Every letter's timeline, read from the database and computed by ``core.timeline``.

The plan, Today, the writer and Letters pages, the emails, the digest, the calendar and
``lorforge timeline`` all get a letter's dates and next step from here, so they always agree.
Every attending, fellow and research mentor has a letter track (as a candidate until they are on
the letter list); residents and others have one only once the applicant puts them on the list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse

from lorforge.accounts.services import profile_for, season_dates
from lorforge.core import records, timeline
from lorforge.rotations.models import CheckpointLog, Person, Rotation

from .models import Program, Writer

# Physicians' letters are tracked before the applicant puts them on the letter list; a resident's once they do.
TRACKED_ROLES = records.PHYSICIAN_ROLES


def programs_of(*, user) -> list[timeline.Program]:
    return [timeline.Program(p.name, p.deadline) for p in Program.objects.filter(user=user)]


def _thanked(*, user) -> dict[int, dt.date]:
    """rotation id → the day the last-day thanks was marked done in the plan."""
    logs = CheckpointLog.objects.filter(user=user, key="last_day_thanks").values_list("rotation_id", "done_on")
    return dict(logs)


def _letter(person: Person, writer: Writer | None, thanked: dict[int, dt.date]) -> timeline.Letter:
    history = tuple(c.to_record() for c in writer.stage_changes.all()) if writer else ()
    rotation = person.rotation
    return timeline.Letter(
        writer=person.to_record(),
        rotation=rotation.to_record() if rotation else None,
        history=history,
        thanked_on=thanked.get(person.rotation_id),
    )


def letter_timeline(*, person: Person, today: dt.date) -> timeline.LetterTimeline:
    """The timeline of one person's letter (as a candidate when they are not on the letter list)."""
    writer = Writer.objects.filter(person=person).prefetch_related("stage_changes").first()
    return timeline.letter_timeline(
        letter=_letter(person, writer, _thanked(user=person.user)),
        dates=season_dates(profile=profile_for(user=person.user), today=today),
        programs=programs_of(user=person.user),
        today=today,
    )


@dataclass(frozen=True)
class TrackedLetter:
    person: Person
    writer: Writer | None  # None: not on the letter list yet
    timeline: timeline.LetterTimeline

    @property
    def url(self) -> str:
        """Where its next step is taken: the writer's letter page, else the person's page (to add them)."""
        if self.writer is not None:
            return reverse("writer_detail", args=[self.writer.pk])
        return reverse("person_detail", args=[self.person.pk])


def letter_timelines(*, user, today: dt.date, rotation: Rotation | None = None) -> list[TrackedLetter]:
    """Every tracked letter of the user (or of one rotation): the writers on the letter list first."""
    people = Person.objects.filter(user=user).select_related("rotation")
    if rotation is not None:
        people = people.filter(rotation=rotation)
    writers = {w.person_id: w for w in Writer.objects.filter(user=user).prefetch_related("stage_changes")}
    dates = season_dates(profile=profile_for(user=user), today=today)
    programs = programs_of(user=user)
    thanked = _thanked(user=user)
    result = []
    for person in people:
        writer = writers.get(person.pk)
        if writer is None and person.role not in TRACKED_ROLES:
            continue
        line = timeline.letter_timeline(
            letter=_letter(person, writer, thanked), dates=dates, programs=programs, today=today
        )
        result.append(TrackedLetter(person, writer, line))
    result.sort(
        key=lambda t: (t.writer is None, t.timeline.rotation.end if t.timeline.rotation else dt.date.max, t.person.name)
    )
    return result


def letters_to_act_on(*, user, today: dt.date) -> list[TrackedLetter]:
    """The letters whose next step is due now (or late), most urgent first."""
    due = [
        t for t in letter_timelines(user=user, today=today) if t.timeline.next_step and t.timeline.next_step.actionable
    ]
    return sorted(due, key=lambda t: (t.timeline.next_step.ends, t.person.name))


def lead_timeline(*, rotation: Rotation, lead: Person | None, today: dt.date) -> timeline.LetterTimeline | None:
    """The timeline the rotation plan shows: its lead writer's letter."""
    if lead is None:
        return None
    return letter_timeline(person=lead, today=today)
