"""Read-only queries that assemble the pages showing the plan: Today, a rotation, its plan, a person."""

from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, StringAgg, Subquery, Value
from django.urls import reverse

from lorforge.accounts.services import season_dates
from lorforge.core import guidance, plan, progress, scripts
from lorforge.evidence import selectors as evidence_selectors
from lorforge.letters.selectors import current_stage
from lorforge.letters.timelines import (
    Season,
    letter_facts,
    letters_to_act_on,
    page_profile,
    season_of,
    tracked_letters,
    writer_of,
)
from lorforge.rotations.models import CheckpointLog, DailyCheck, Person, Rotation
from lorforge.rotations.selectors import rotations_by_time
from lorforge.rotations.services import rotation_lead

from . import services

DONE_SEPARATOR = " "  # between the ids of the steps done, read in one string (plan ids have no spaces)
CHECKS_READ = 10  # the last checklists read for the Today page (the coasting check reads the last two)

# Which missed conversation to catch up on first: the introduction, then the letter's own steps, then
# the feedback that shapes the letter, then the short updates.
CATCH_UP_ORDER = (
    "setup",
    "pre_ask",
    "last_day_thanks",
    "midpoint_feedback",
    "feedback_seed",
    "feedback_followup",
    "feedback_check",
    "micro_highlight",
    "materials_email",
    "reminder",
    "confirm_submission",
)


def catch_up(missed) -> list[progress.Step]:
    """Missed steps in order of importance (the introduction first), the most recent first within a kind."""

    def rank(step):
        key = step.checkpoint.key
        return (
            CATCH_UP_ORDER.index(key) if key in CATCH_UP_ORDER else len(CATCH_UP_ORDER),
            -step.checkpoint.ends.toordinal(),
        )

    return sorted(missed, key=rank)


def focus_step(plan_progress: progress.Progress) -> progress.Step | None:
    """The one step to act on now, the same on every page: a letter step due (the materials within a day
    of a yes cannot wait), then a missed introduction while the rotation is in its first half (nothing
    works before they know who you are), then the step due soonest, then the most important missed one."""
    letter_due = [s for s in plan_progress.due if s.checkpoint.key in plan.LETTER_KEYS]
    if letter_due:
        return letter_due[0]
    missed = catch_up(plan_progress.missed)
    if missed and missed[0].checkpoint.key == "setup" and _first_half(plan_progress, missed[0]):
        return missed[0]
    if plan_progress.due:
        return plan_progress.due[0]
    return missed[0] if missed else None


def _first_half(plan_progress: progress.Progress, setup: progress.Step) -> bool:
    """Whether a late introduction still makes sense: the ask for a letter is more than a week away."""
    pre_ask = next((s for s in plan_progress.steps if s.checkpoint.key == "pre_ask"), None)
    return pre_ask is None or (pre_ask.status == progress.UPCOMING and pre_ask.days_left > 7)


def late_introduction(*, rotation: Rotation, inputs: services.PlanInputs | None = None) -> str:
    """The script for an introduction made after the first days (a late join, or a missed first talk)."""
    inputs = inputs if inputs is not None else services.plan_inputs(rotation=rotation)
    profile, lead = inputs.profile, inputs.lead
    resident = next((p for p in inputs.team if p.role == "resident"), None)
    ctx = scripts.script_context(
        rotation=rotation.to_record(),
        applicant=profile.to_record(),
        writer=lead.to_record() if lead else None,
        resident=resident.to_record() if resident else None,
        deadline=season_dates(profile=profile, today=rotation.end_date).letter_deadline,
    )
    return scripts.late_introduction(ctx)


def _focus(*, rotation: Rotation, plan_progress: progress.Progress, inputs: services.PlanInputs) -> dict | None:
    step = focus_step(plan_progress)
    if step is None:
        return None
    late = step.checkpoint.key == "setup" and step.status == progress.MISSED
    return {
        "step": step,
        "late": late,
        "script": late_introduction(rotation=rotation, inputs=inputs) if late else step.checkpoint.script,
    }


def _inputs(*, rotation: Rotation, today: dt.date) -> services.PlanInputs:
    """The plan's inputs for a page about one rotation: its team with their letters, and the programs (the
    rotation's user is the signed-in one: ``planner.views``)."""
    return services.plan_inputs(rotation=rotation, today=today, profile=page_profile(user=rotation.user))


def rotation_page(*, rotation: Rotation, today: dt.date) -> dict:
    inputs = _inputs(rotation=rotation, today=today)
    team = sorted(inputs.team, key=lambda p: p.role)  # by role, then by name (the team's own order)
    plan_progress = services.rotation_progress(rotation=rotation, today=today, inputs=inputs)
    evidence = evidence_selectors.team_evidence(
        rotation=rotation, today=today, team=list(inputs.team), stages={f.person.pk: f.stage for f in inputs.facts}
    )
    return {
        "rotation": rotation,
        "team": team,
        "lead": inputs.lead,
        "lead_choices": [p for p in team if p.role in ("attending", "fellow", "resident")],
        "today": today,
        "progress": plan_progress,
        "focus": _focus(rotation=rotation, plan_progress=plan_progress, inputs=inputs),
        "letter_url": letter_url(rotation=rotation, inputs=inputs),
        "strengths": evidence.strengths,
        "team_flags": evidence.flags,
        "recent_stories": rotation.stories.select_related("rotation").prefetch_related("witnesses")[:5],
    }


def plan_page(*, rotation: Rotation, today: dt.date) -> dict:
    logs = {log.checkpoint_id: log for log in rotation.checkpoint_logs.all()}
    inputs = _inputs(rotation=rotation, today=today)
    plan_progress = services.rotation_progress(rotation=rotation, today=today, inputs=inputs, done_ids=logs)
    return {
        "rotation": rotation,
        "today": today,
        "progress": plan_progress,
        "steps": [(step, logs.get(step.checkpoint.id)) for step in plan_progress.steps],
        "focus": _focus(rotation=rotation, plan_progress=plan_progress, inputs=inputs),
        "lead": inputs.lead,
        "letter_url": letter_url(rotation=rotation, inputs=inputs),
    }


def _days(*, rotations: list[Rotation], today: dt.date, facts: list, season: Season, profile) -> list[dict]:
    """Everything the Today page shows for each of ``rotations`` (once one is over, only what is left for the
    letters), read for all of them at once: the rotations' figures and steps done, their checklists, then the
    evidence panels; ``facts`` (their people's letters) and ``season`` are read already."""
    if not rotations:
        return []
    ids = [r.pk for r in rotations]
    figures = _figures(ids=ids, today=today)
    checks = evidence_selectors.first_per_rotation(
        DailyCheck.objects.filter(day__lte=today), ids=ids, order_by=("-day",), limit=CHECKS_READ
    )
    texts = evidence_selectors.observership_texts(rotations)
    panels = evidence_selectors.today_panels(
        rotations=rotations, today=today, stories_this_week={pk: row.n_stories_this_week for pk, row in figures.items()}
    )
    days = []
    for rotation in rotations:
        row = figures[rotation.pk]
        inputs = services.plan_inputs(
            rotation=rotation,
            today=today,
            profile=profile,
            facts=[f for f in facts if f.person.rotation_id == rotation.pk],
            season=season,
        )
        done_ids = row.done_ids.split(DONE_SEPARATOR) if row.done_ids else ()
        day = _day(
            rotation=rotation,
            today=today,
            inputs=inputs,
            done_ids=done_ids,
            checks={c.day: c.answers for c in checks.get(rotation.pk, [])},
            signals=evidence_selectors.signals_from(row, texts=texts.get(rotation.pk, ())),
        )
        days.append({**day, "evidence": panels[rotation.pk]})
    return days


def _figures(*, ids: list[int], today: dt.date) -> dict[int, Rotation]:
    """Each rotation's counts for Today and the guidance, and the ids of its steps marked done: one query."""
    done = CheckpointLog.objects.filter(rotation=OuterRef("pk")).order_by().values("rotation")
    done_ids = done.annotate(ids=StringAgg("checkpoint_id", Value(DONE_SEPARATOR))).values("ids")
    rows = (
        Rotation.objects.filter(pk__in=ids)
        .annotate(**evidence_selectors.rotation_counts(today=today), done_ids=Subquery(done_ids))
        .only("pk")
    )
    return {row.pk: row for row in rows}


def _day(*, rotation, today, inputs, done_ids, checks, signals) -> dict:
    plan_progress = services.rotation_progress(rotation=rotation, today=today, inputs=inputs, done_ids=done_ids)
    if today > rotation.end_date:
        plan_progress = progress.only(plan_progress, plan.LETTER_KEYS)
    running = rotation.start_date <= today <= rotation.end_date
    focus = _focus(rotation=rotation, plan_progress=plan_progress, inputs=inputs)
    focus_id = focus["step"].checkpoint.id if focus else None
    return {
        "rotation": rotation,
        "today": today,
        "running": running,
        "day_number": (today - rotation.start_date).days + 1,
        "length": (rotation.end_date - rotation.start_date).days + 1,
        "progress": plan_progress,
        "focus": focus,
        # Everything else, compact: the other steps due, the missed ones in order of importance.
        "also_due": [s for s in plan_progress.due if s.checkpoint.id != focus_id],
        "catch_up": [s for s in catch_up(plan_progress.missed) if s.checkpoint.id != focus_id],
        "checklist_answers": checks.get(today, {}),
        "checklist_saved": today in checks,
        "coasting": guidance.coasting_flag(checks, today) if running else None,
        "mistakes": _mistakes(rotation=rotation, today=today, signals=signals) if running else [],
        "letter_url": letter_url(rotation=rotation, inputs=inputs),
        "lead": inputs.lead,
    }


def rotation_today(*, rotation: Rotation, today: dt.date) -> dict:
    """Everything the Today page shows for one rotation (once it is over, only what is left for the letters)."""
    profile = page_profile(user=rotation.user)
    facts = letter_facts(Person.objects.filter(rotation=rotation))
    season = season_of(user=rotation.user, today=today, profile=profile)
    return _days(rotations=[rotation], today=today, facts=facts, season=season, profile=profile)[0]


def letter_url(*, rotation: Rotation, inputs: services.PlanInputs | None = None) -> str:
    """Where the plan's letter steps are taken: the lead's letter page, else their page (to add them)."""
    lead = inputs.lead if inputs is not None else rotation_lead(rotation=rotation)
    if lead is None:
        return reverse("letters")
    writer = writer_of(lead)  # letters.Writer, through the reverse relation (read with the team)
    return reverse("writer_detail", args=[writer.pk]) if writer else reverse("person_detail", args=[lead.pk])


def _mistakes(*, rotation: Rotation, today: dt.date, signals) -> list:
    return guidance.common_mistakes(
        rotation.to_record(),
        today,
        feedback_asked=signals.feedback_asked,
        resident_interactions=signals.resident_interactions,
        team_has_residents=signals.team_has_residents,
        entries=signals.entry_texts,
    )


PERSON_ITEMS = 10  # the newest stories, feedback and compliments of each kind on a person's page


def person_page(*, person: Person, today: dt.date) -> dict:
    """A person's page; the view reads the person with their rotation, writer and its stage changes."""
    writer = writer_of(person)
    stage = current_stage(writer=writer) if writer else "candidate"
    shown = {
        "stories": person.stories_witnessed.select_related("rotation").prefetch_related("witnesses"),
        "feedback": person.feedback_given.select_related("giver"),
        "compliments": person.compliments_given.select_related("giver"),
    }
    # The newest few of each, read with one more to know whether the Evidence page (filtered to them) holds more.
    newest = {kind: list(rows[: PERSON_ITEMS + 1]) for kind, rows in shown.items()}
    return {
        "person": person,
        "strength": evidence_selectors.person_strength(person=person, today=today, stage=stage),
        **{kind: rows[:PERSON_ITEMS] for kind, rows in newest.items()},
        "more": {kind: len(rows) > PERSON_ITEMS for kind, rows in newest.items()},
        "today": today,
    }


def today_page(*, user, today: dt.date) -> dict:
    """The home page: today's view of every current rotation, else a pointer to the next one, and the
    letter steps due now (the materials within 24 hours of a yes, a reminder, the final check).
    Every query reads one kind of row for the whole page (BENCHMARKS.md): no query per rotation or letter."""
    groups = rotations_by_time(user=user, today=today)
    for rotation in groups["current"]:
        rotation.user = user  # theirs, and already read: not read again for each rotation
    profile = page_profile(user=user)
    season = season_of(user=user, today=today, profile=profile)
    facts = letter_facts(Person.objects.filter(user=user))
    current = _days(rotations=groups["current"], today=today, facts=facts, season=season, profile=profile)
    # A current rotation's lead already shows their letter steps in its own "Due now".
    shown = {day["lead"].pk for day in current if day["lead"]}
    letters_due = letters_to_act_on(user=user, today=today, among=tracked_letters(facts, season=season, today=today))
    return {
        "today": today,
        "letters_due": [
            t for t in letters_due if t.person.pk not in shown or t.timeline.next_step.key not in plan.LETTER_KEYS
        ],
        "profile": profile,
        "current": current,
        "upcoming": groups["upcoming"][:1],
        "has_rotations": any(groups.values()),
    }
