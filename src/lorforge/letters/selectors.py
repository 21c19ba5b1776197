"""Read-only queries that assemble what the Letters pages show.

The stage of a writer is never stored on its own: it is the last row of its
dated history, read through ``core.letters``.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.urls import reverse

from lorforge.accounts.models import Profile
from lorforge.accounts.services import profile_for
from lorforge.core import dates, emails, letters, portfolio, readiness, records, reminders, scripts, timeline
from lorforge.core.documents import same_person
from lorforge.core.season import deadline_before_rotations
from lorforge.core.specialties import specialty_for
from lorforge.evidence.models import Story
from lorforge.evidence.selectors import (
    helper_compliments,
    helper_feedback,
    helper_stories,
    person_strength,
    strengths_for,
)
from lorforge.rotations.models import Person, Rotation

from . import timelines
from .models import Material, MaterialKind, Program, Writer
from .timelines import LetterFacts, Season, letter_facts, page_profile, season_of, timeline_of, writer_of

WRITER_ROLES = records.WRITER_ROLES
EMAIL_KINDS = {
    "materials": "Thank-you and materials (email #1)",
    "reminder": "Gentle reminder (email #2)",
    "final": "Final polite note",
}
# Moves made by recording the answer or marking an email sent, not by the stage form.
ANSWER_STAGES = ("agreed", "hesitant", "declined")
EMAIL_STAGES = {"materials": "materials_sent", "reminder": "reminded"}  # email kind → the stage it moves to
READINESS_STAGES = ("candidate", "seeded", "hesitant")  # the stages a writer's page says how ready the ask is


# --- One writer as the core sees it ---------------------------------------------------------


@dataclass(frozen=True)
class WriterFacts:
    person: records.Person
    rotation: records.Rotation | None
    setting: str  # where they saw the applicant work
    kind: str
    specialty_match: bool


def specialty_matches(theirs: str, target: str) -> bool:
    """Same specialty as the applicant's target, by the specialties table or, for others, by name."""
    mine, yours = specialty_for(target), specialty_for(theirs)
    if not theirs.strip() or not target.strip():
        return False
    if mine.key == "other" or yours.key == "other":
        return mine.name.casefold() == yours.name.casefold()
    return mine.key == yours.key


def person_facts(*, person: Person, profile: Profile) -> WriterFacts:
    rotation = person.rotation
    their_specialty = person.specialty or (rotation.specialty if rotation else "")
    return WriterFacts(
        person=person.to_record(),
        rotation=rotation.to_record() if rotation else None,
        setting=rotation.setting if rotation else "outpatient",
        kind=rotation.kind if rotation else "clerkship",
        specialty_match=specialty_matches(their_specialty, profile.target_specialty),
    )


def writers_of(*, user) -> QuerySet[Writer]:
    return Writer.objects.filter(user=user).select_related("person__rotation").prefetch_related("stage_changes")


def history(*, writer: Writer) -> list[letters.StageChange]:
    return [change.to_record() for change in writer.stage_changes.all()]


def current_stage(*, writer: Writer) -> str:
    return letters.current_stage(history(writer=writer))


def reminders_sent(*, writer: Writer, changes=None) -> list[dt.date]:
    """The days reminders were sent (from ``changes``, the writer's history, when already read)."""
    changes = writer.stage_changes.all() if changes is None else changes
    return [change.on for change in changes if change.stage == "reminded"]


def uploaded_on(*, writer: Writer, changes=None) -> dt.date | None:
    """The day the letter was marked in ERAS (the "submitted" stage), else None: ERAS's "uploaded"
    (``changes``: the writer's history, when already read)."""
    changes = list(writer.stage_changes.all()) if changes is None else changes
    if letters.current_stage(changes) != "submitted":
        return None
    return max((c.on for c in changes if c.stage == "submitted"), default=None)


def materials_sent_on(*, writer: Writer, changes=None) -> dt.date | None:
    changes = writer.stage_changes.all() if changes is None else changes
    return max((c.on for c in changes if c.stage == "materials_sent"), default=None)


def eligible_people(*, user) -> QuerySet[Person]:
    """People who could write a letter and are not on the letter list yet."""
    return (
        Person.objects.filter(user=user, role__in=WRITER_ROLES, writer__isnull=True)
        .select_related("rotation")
        .order_by("name")
    )


# --- Deadlines and timelines -------------------------------------------------------------------

Deadline = timeline.Deadline


def letter_deadline(*, user, today: dt.date, season: Season | None = None) -> Deadline:
    """The applicant's next letter deadline, not tied to one rotation (``core.timeline.letter_deadline``)."""
    season = season if season is not None else season_of(user=user, today=today)
    return timeline.letter_deadline(dates=season.dates, programs=season.programs, rotation_end=None, today=today)


def writer_timeline(*, writer: Writer, today: dt.date, season: Season | None = None) -> timeline.LetterTimeline:
    """The writer's letter timeline (``season``: the applicant's, when already read)."""
    season = season if season is not None else season_of(user=writer.user, today=today)
    return timelines.letter_timeline(person=writer.person, today=today, season=season)


def reminder_decision(*, writer: Writer, stage: str, deadline: dt.date, today: dt.date, changes=None):
    """The reminder policy's answer for today, or None when a reminder does not apply at this stage
    (``changes``: the writer's history, when already read)."""
    if stage not in ("materials_sent", "reminded", "submitted"):
        return None
    return reminders.reminder_check(
        sent=reminders_sent(writer=writer, changes=changes),
        today=today,
        deadline=deadline,
        submitted=stage == "submitted",
        materials_sent_on=materials_sent_on(writer=writer, changes=changes),
    )


def final_note_decision(*, writer: Writer, stage: str, deadline: dt.date, today: dt.date):
    if stage not in ("materials_sent", "reminded", "submitted"):
        return None
    return reminders.final_note_check(
        reminders_sent=reminders_sent(writer=writer),
        final_sent=writer.final_note_sent_on,
        today=today,
        deadline=deadline,
        submitted=stage == "submitted",
    )


# --- Pages -----------------------------------------------------------------------------------


def _chart(rotation_end: dt.date, today: dt.date, chart_id: str) -> str:
    # The SVG is built by the core from dates and fixed labels, every text escaped there; the template marks it safe.
    return portfolio.chart_svg(portfolio.timing_chart(rotation_end, today), chart_id=chart_id)


def _summary(writer: Writer, facts: WriterFacts, stage: str, strength) -> portfolio.WriterSummary:
    return portfolio.WriterSummary(
        name=writer.person.name,
        role=writer.person.role,
        setting=facts.setting,
        specialty_match=facts.specialty_match,
        stage=stage,
        strength=strength.level,
        weeks_known=strength.weeks_of_contact,
        rotation_end=facts.rotation.end if facts.rotation else None,
        big_name=writer.senior_title,
        kind=facts.kind,
    )


def letter_people(*, user) -> list[LetterFacts]:
    """Everyone on the letter list or who could be, with their letters' facts: one query."""
    return letter_facts(Person.objects.filter(Q(role__in=WRITER_ROLES) | Q(writer__isnull=False), user=user))


def portfolio_page(*, user, today: dt.date) -> dict:
    """The Letters page: every query reads one kind of row for all the writers at once."""
    profile = page_profile(user=user)
    season = season_of(user=user, today=today, profile=profile)
    deadline = letter_deadline(user=user, today=today, season=season)
    people = letter_people(user=user)
    on_list = [f for f in people if f.writer is not None]  # by name, as the list is shown
    by_summary: dict[int, LetterFacts] = {}
    summaries = []
    meters = strengths_for(  # one query per kind of row
        people=[f.person for f in on_list], today=today, stages={f.person.pk: f.stage for f in on_list}
    )
    for facts in on_list:
        summary = _summary(
            facts.writer, person_facts(person=facts.person, profile=profile), facts.stage, meters[facts.person.pk]
        )
        summaries.append(summary)
        by_summary[id(summary)] = facts
    from .programs import assignments_by_program

    result = portfolio.build_portfolio(
        summaries, specialty=profile.target_specialty, assignments=assignments_by_program(user=user)
    )
    rows = []
    for item in result.writers:
        facts = by_summary[id(item.summary)]
        writer, stage = facts.writer, facts.stage
        line = timeline_of(facts, season=season, today=today)
        decision = reminder_decision(
            writer=writer, stage=stage, deadline=line.deadline.on, today=today, changes=facts.history
        )
        rows.append(
            {
                "writer": writer,
                "item": item,
                "stage": stage,
                "reminder": decision,
                "timeline": line,
                "next_step": line.next_step,
                "deadline": line.deadline,
                "reminder_due": line.reminder_allowed,
                "late": bool(item.expected_by and item.expected_by > line.deadline.on),
            }
        )
    pending = [r["item"].summary.rotation_end for r in rows if r["item"].expected_by]
    chart_end = max(pending, default=None)
    return {
        "profile": profile,
        "today": today,
        "portfolio": result,
        "rows": rows,
        "deadline": deadline,
        "chart": _chart(chart_end, today, "portfolio-timing") if chart_end else "",
        "chart_end": chart_end,
        "eligible": [f.person for f in people if f.writer is None and f.person.role in WRITER_ROLES],
        "has_people": bool(people) or Person.objects.filter(user=user).exists(),
        "target_low": portfolio.TARGET_SPECIALTY_LETTERS[0],
        "target_high": portfolio.TARGET_SPECIALTY_LETTERS[1],
        "max_per_program": portfolio.MAX_LETTERS_PER_PROGRAM,
    }


def writer_page(*, writer: Writer, today: dt.date) -> dict:
    profile = profile_for(user=writer.user)
    # One query for the letter's dated history and the day of the last-day thanks; every use below reads it.
    loaded = letter_facts(Person.objects.filter(pk=writer.person_id))[0]
    changes = loaded.history
    facts = person_facts(person=writer.person, profile=profile)
    stage = letters.current_stage(changes)
    # "Ready to ask?" is shown until they are asked (and again after a hesitant answer): the meter reads every
    # story they witnessed, so it is read only then.
    readiness_shown = stage in READINESS_STAGES
    strength = person_strength(person=writer.person, today=today, stage=stage) if readiness_shown else None
    line = timeline_of(
        LetterFacts(writer.person, writer, changes, loaded.thanked_on),
        season=season_of(user=writer.user, today=today, profile=profile),
        today=today,
    )
    deadline = line.deadline
    pending = stage in letters.AGREED_STAGES and stage != "submitted"
    rotation_end = facts.rotation.end if facts.rotation else None
    timing = line.ask_timing.key
    return {
        "writer": writer,
        "person": writer.person,
        "today": today,
        "profile": profile,
        "stage": letters.stage(stage),
        "changes": [(letters.stage(c.stage).label, c) for c in changes],
        "uploaded_on": uploaded_on(writer=writer, changes=changes),
        "readiness": readiness.ask_readiness(
            strength=strength,
            role=writer.person.role,
            setting=facts.setting,
            kind=facts.kind,
            specialty_match=facts.specialty_match,
        )
        if readiness_shown
        else None,
        "script": scripts.pre_ask_script(
            writer=facts.person,
            applicant=profile.to_record(),
            rotation=facts.rotation,
            learned=writer.taught_list,
            timing=timing,
            highlights=_memorable(writer.person) if timing == "late" else (),
        ),
        "pre_ask_caution": line.ask_timing.message,
        "timeline": line,
        "next_step": line.next_step,
        "can_answer": stage in ("candidate", "seeded", "asked"),
        # These two stages share their key with the answer that led to them.
        "stepped_back": letters.answer_guidance(stage) if stage in ("hesitant", "declined") else None,
        "agreed": stage in letters.AGREED_STAGES,
        "moves": stage_moves(stage),
        "expected_by": portfolio.expected_letter_date(rotation_end) if pending and rotation_end else None,
        "chart": _chart(rotation_end, today, f"writer-{writer.pk}-timing") if pending and rotation_end else "",
        "deadline": deadline,
        "reminder": reminder_decision(writer=writer, stage=stage, deadline=deadline.on, today=today, changes=changes),
        "emails": email_statuses(writer=writer, changes=changes),
    }


def _memorable(person: Person) -> list[str]:
    """Up to three specific stories this person witnessed, newest first: to refresh a late ask."""
    # The coach's verdict is stored on each story when it is saved: chosen in the query.
    return list(
        Story.objects.filter(user=person.user, witnesses=person, specific=True)
        .order_by("-happened_on", "-id")
        .values_list("text", flat=True)[:3]
    )


def email_statuses(*, writer: Writer, changes=None) -> list[tuple[str, str, str]]:
    """(kind, title, what happened so far) for the three emails to a writer (``changes``: the writer's history,
    when already read)."""
    changes = list(writer.stage_changes.all()) if changes is None else changes

    def days(stage: str) -> str:
        return ", ".join(f"{dates.day(c.on)}" for c in changes if c.stage == stage)

    final = writer.final_note_sent_on
    return [
        (
            "materials",
            EMAIL_KINDS["materials"],
            f"Sent {days('materials_sent')}" if days("materials_sent") else "Send it within 24 hours of their yes.",
        ),
        (
            "reminder",
            EMAIL_KINDS["reminder"],
            f"Sent {days('reminded')}" if days("reminded") else "3–4 weeks before your deadline; two at most.",
        ),
        (
            "final",
            EMAIL_KINDS["final"],
            f"Sent {dates.day(final)}" if final else "Only if the letter is still missing near the deadline.",
        ),
    ]


def stage_moves(stage: str) -> dict[str, list[tuple[str, str]]]:
    """Stage choices for the form: the moves possible now first, then the others (which the core refuses)."""
    possible = [k for k in letters.allowed_next(stage) if k not in ANSWER_STAGES or stage != "asked"]
    possible = [k for k in possible if k not in EMAIL_STAGES.values()]
    others = [s.key for s in letters.STAGES if s.key not in possible and s.key != stage]
    label = {s.key: s.label for s in letters.STAGES}
    return {"possible": [(k, label[k]) for k in possible], "others": [(k, label[k]) for k in others]}


def email_page(*, writer: Writer, kind: str, draft, today: dt.date) -> dict:
    stage = current_stage(writer=writer)
    deadline = writer_timeline(writer=writer, today=today).deadline
    if kind == "reminder":
        decision = reminder_decision(writer=writer, stage=stage, deadline=deadline.on, today=today)
    elif kind == "final":
        decision = final_note_decision(writer=writer, stage=stage, deadline=deadline.on, today=today)
    else:
        decision = None
    return {
        "writer": writer,
        "person": writer.person,
        "kind": kind,
        "title": EMAIL_KINDS[kind],
        "draft": draft,
        "mailto": emails.mailto_url(draft),
        "stage": letters.stage(stage),
        "agreed": stage in letters.AGREED_STAGES,
        "decision": decision,
        "deadline": deadline,
        "today": today,
        "materials": {m.kind: m for m in Material.objects.filter(user=writer.user)},
        "sent_stage": EMAIL_STAGES.get(kind),
        "reminders_sent": reminders_sent(writer=writer),
    }


def materials_page(*, user, today: dt.date) -> dict:
    materials = {m.kind: m for m in Material.objects.filter(user=user)}
    return {
        "profile": page_profile(user=user),
        "slots": [(kind, label, materials.get(kind)) for kind, label in MaterialKind.choices],
        "programs": list(Program.objects.filter(user=user)),
        "deadline": letter_deadline(user=user, today=today),
        "today": today,
    }


@dataclass(frozen=True)
class Source:
    """One text the applicant typed that a document or email draws on."""

    label: str
    text: str
    edit_url: str


@dataclass(frozen=True)
class HelperEntries:
    """The entries one writer's helper is made of, read once (``helper_entries``) for every use on a page."""

    stories: list
    feedback: list
    compliments: list


def helper_entries(*, writer: Writer) -> HelperEntries:
    """What this writer witnessed, gave or said, and anything dated during their rotation: the best few of each
    kind, chosen in the query (four queries whatever the number of entries)."""
    chosen = {"user": writer.user, "person": writer.person, "rotation": writer.person.rotation}
    return HelperEntries(helper_stories(**chosen), helper_feedback(**chosen), helper_compliments(**chosen))


def helper_sources(*, writer: Writer, with_taught: bool = False, entries: HelperEntries | None = None) -> list[Source]:
    """The texts the helper is built from, newest first, for the privacy guard (``entries``: when already read)."""
    entries = entries or helper_entries(writer=writer)
    back = "?next=" + reverse("writer_detail", args=[writer.pk])  # fix the entry, then return here
    stories = sorted(entries.stories, key=lambda s: (s.happened_on, s.pk), reverse=True)
    sources = [Source("Story", s.text, reverse("story_edit", args=[s.pk]) + back) for s in stories]
    sources += [
        Source(
            "Feedback",
            "\n".join(t for t in (f.said, f.change, f.reaction) if t),
            reverse("feedback_edit", args=[f.pk]) + back,
        )
        for f in sorted(entries.feedback, key=lambda f: (f.given_on, f.pk), reverse=True)
    ]
    sources += [
        Source("Compliment", c.text, reverse("compliment_edit", args=[c.pk]) + back)
        for c in sorted(entries.compliments, key=lambda c: (c.received_on, c.pk), reverse=True)
    ]
    if with_taught and writer.taught:
        sources.append(Source("What they taught you", writer.taught, reverse("writer_edit", args=[writer.pk])))
    return sources


def person_panel(*, person: Person, strength) -> dict:
    """The letter card on a person's page: their stage if on the list, else readiness and the way to add them."""
    writer = writer_of(person)  # with its stage changes when the page read them (planner.views.person_detail)
    facts = person_facts(person=person, profile=page_profile(user=person.user))
    can_write = person.role in WRITER_ROLES
    return {
        "person": person,
        "writer": writer,
        "stage": letters.stage(current_stage(writer=writer)) if writer else None,
        "can_write": can_write,
        "readiness": readiness.ask_readiness(
            strength=strength,
            role=person.role,
            setting=facts.setting,
            kind=facts.kind,
            specialty_match=facts.specialty_match,
        )
        if can_write and strength
        else None,
    }


# --- Look-ups for the command line -----------------------------------------------------------


def writer_named(*, user, name: str) -> Writer:
    """The user's writer called ``name`` ("Dr. Kowalski" finds "Dr. Łukasz Kowalski"); ``LookupError`` with a
    one-line message when there is none or more than one."""
    writers = list(writers_of(user=user))
    wanted = unicodedata.normalize("NFC", " ".join(name.split())).casefold()
    exact = [w for w in writers if unicodedata.normalize("NFC", w.person.name).casefold() == wanted]
    found = exact or [w for w in writers if same_person(w.person.name, name)]
    if len(found) == 1:
        return found[0]
    if found:
        raise LookupError(
            f"{len(found)} letter writers match {name!r}: "
            f"{', '.join(w.person.name for w in found)}; give the full name."
        )
    known = ", ".join(w.person.name for w in writers) or "none yet"
    raise LookupError(f"no letter writer named {name!r} for {user.email} (writers: {known}).")


def program_deadline_warning(*, user, deadline: dt.date) -> str:
    """What to tell the applicant when a program's deadline falls before one of their rotations ends."""
    rotations = Rotation.objects.filter(user=user, end_date__gte=deadline).order_by("end_date")
    return deadline_before_rotations(deadline, [(f"{r.specialty} at {r.site}", r.end_date) for r in rotations])
