"""Every letter's timeline, read from the database and computed by ``core.timeline``.

The plan, Today, the writer and Letters pages, the emails, the digest, the calendar and
``lorforge timeline`` all get a letter's dates and next step from here, so they always agree.
Every attending, fellow and research mentor has a letter track (as a candidate until they are on
the letter list); residents and others have one only once the applicant puts them on the list.

A page reads what the timelines need once (``letter_facts`` for its people, ``season_of`` for the
applicant) and computes every timeline it shows from those rows (``timeline_of``): no query per letter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.urls import reverse

from lorforge.accounts.models import Profile, User
from lorforge.accounts.services import profile_for, season_dates
from lorforge.core import letters, records, timeline
from lorforge.core.season import SeasonDates
from lorforge.rotations.models import CheckpointLog, Person, Rotation

from .models import Program, Writer

# Physicians' letters are tracked before the applicant puts them on the letter list; a resident's once they do.
TRACKED_ROLES = records.PHYSICIAN_ROLES


def page_profile(*, user) -> Profile:
    """The signed-in applicant's profile on a page: the one read with ``request.user`` on this request
    (``clock.today(request.user)`` reads it), else ``profile_for``. Only for the user of the request, new on
    each request: a user object kept across changes of the profile (a test, a command) asks ``profile_for``."""
    if User.profile.is_cached(user):
        return user.profile
    return profile_for(user=user)


def programs_of(*, user) -> list[timeline.Program]:
    return [timeline.Program(p.name, p.deadline) for p in Program.objects.filter(user=user)]


@dataclass(frozen=True)
class Season:
    """The applicant's side of every letter's dates: their season's dates and their programs' deadlines."""

    dates: SeasonDates
    programs: tuple[timeline.Program, ...]


def season_of(*, user, today: dt.date, profile: Profile | None = None) -> Season:
    """One query (the programs), and one for the profile unless it is passed in."""
    profile = profile if profile is not None else profile_for(user=user)
    return Season(dates=season_dates(profile=profile, today=today), programs=tuple(programs_of(user=user)))


@dataclass(frozen=True)
class LetterFacts:
    """What one person's letter timeline is computed from (``letter_facts`` reads it for many people at once)."""

    person: Person  # with their rotation
    writer: Writer | None  # None: not on the letter list yet
    history: tuple[letters.StageChange, ...]  # the writer's dated stages, oldest first
    thanked_on: dt.date | None  # the last-day thanks marked done in their rotation's plan

    @property
    def stage(self) -> str:
        return letters.current_stage(self.history)


def letter_facts(people: QuerySet[Person]) -> list[LetterFacts]:
    """The facts of each of ``people`` in one query: the person with their rotation and writer, one row per
    stage change of the writer (joined), and the day the last-day thanks was marked done (a subquery)."""
    thanked = CheckpointLog.objects.filter(rotation=OuterRef("rotation_id"), key="last_day_thanks")
    rows = (
        people.select_related("rotation", "writer")
        .annotate(
            thanked=Subquery(thanked.order_by("-done_on").values("done_on")[:1]),
            change_id=F("writer__stage_changes__id"),
            change_stage=F("writer__stage_changes__stage"),
            change_on=F("writer__stage_changes__on"),
            change_note=F("writer__stage_changes__note"),
        )
        .order_by("name", "id", "change_on", "change_id")  # the people's own order, then each history's
    )
    found: dict[int, tuple[Person, list[letters.StageChange]]] = {}
    for row in rows:
        person, history = found.setdefault(row.pk, (row, []))
        if row.change_id is not None:
            history.append(letters.StageChange(stage=row.change_stage, on=row.change_on, note=row.change_note))
    return [LetterFacts(p, writer_of(p), tuple(history), p.thanked) for p, history in found.values()]


def writer_of(person: Person) -> Writer | None:
    """The person's place on the letter list (read with them by ``select_related("writer")``), or None."""
    try:
        return person.writer
    except Writer.DoesNotExist:
        return None


def timeline_of(facts: LetterFacts, *, season: Season, today: dt.date) -> timeline.LetterTimeline:
    """One letter's timeline from rows already read: no query."""
    rotation = facts.person.rotation
    return timeline.letter_timeline(
        letter=timeline.Letter(
            writer=facts.person.to_record(),
            rotation=rotation.to_record() if rotation else None,
            history=facts.history,
            thanked_on=facts.thanked_on,
        ),
        dates=season.dates,
        programs=season.programs,
        today=today,
    )


def letter_timeline(*, person: Person, today: dt.date, season: Season | None = None) -> timeline.LetterTimeline:
    """The timeline of one person's letter (as a candidate when they are not on the letter list)."""
    loaded = letter_facts(Person.objects.filter(pk=person.pk))[0]
    facts = LetterFacts(person, loaded.writer, loaded.history, loaded.thanked_on)  # the caller's person
    season = season if season is not None else season_of(user=person.user, today=today)
    return timeline_of(facts, season=season, today=today)


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


def tracked(facts: LetterFacts) -> bool:
    """Whether the person has a letter track: on the letter list, or a physician (as a candidate)."""
    return facts.writer is not None or facts.person.role in TRACKED_ROLES


def tracked_letters(facts: list[LetterFacts], *, season: Season, today: dt.date) -> list[TrackedLetter]:
    """The tracked letters among ``facts``, the writers on the letter list first: no query."""
    result = [
        TrackedLetter(f.person, f.writer, timeline_of(f, season=season, today=today)) for f in facts if tracked(f)
    ]
    result.sort(
        key=lambda t: (t.writer is None, t.timeline.rotation.end if t.timeline.rotation else dt.date.max, t.person.name)
    )
    return result


def letter_timelines(*, user, today: dt.date, rotation: Rotation | None = None) -> list[TrackedLetter]:
    """Every tracked letter of the user (or of one rotation): the writers on the letter list first."""
    people = Person.objects.filter(user=user)
    if rotation is not None:
        people = people.filter(rotation=rotation)
    return tracked_letters(letter_facts(people), season=season_of(user=user, today=today), today=today)


def letters_to_act_on(*, user, today: dt.date, among: list[TrackedLetter] | None = None) -> list[TrackedLetter]:
    """The letters whose next step is due now (or late), most urgent first (``among`` the letters already read)."""
    among = letter_timelines(user=user, today=today) if among is None else among
    due = [t for t in among if t.timeline.next_step and t.timeline.next_step.actionable]
    return sorted(due, key=lambda t: (t.timeline.next_step.ends, t.person.name))


def lead_timeline(*, rotation: Rotation, lead: Person | None, today: dt.date) -> timeline.LetterTimeline | None:
    """The timeline the rotation plan shows: its lead writer's letter."""
    if lead is None:
        return None
    return letter_timeline(person=lead, today=today)
