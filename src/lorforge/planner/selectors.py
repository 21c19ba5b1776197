"""Read-only queries that assemble the pages showing the plan: Today, a rotation, its plan, a person."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from lorforge.accounts.services import profile_for, season_dates
from lorforge.core import guidance, plan, progress, scripts
from lorforge.evidence import selectors as evidence_selectors
from lorforge.letters.timelines import letters_to_act_on
from lorforge.rotations.forms import DailyCheckForm
from lorforge.rotations.models import Person, Rotation
from lorforge.rotations.selectors import rotations_by_time
from lorforge.rotations.services import rotation_lead

from . import services

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


def late_introduction(*, rotation: Rotation) -> str:
    """The script for an introduction made after the first days (a late join, or a missed first talk)."""
    profile = profile_for(user=rotation.user)
    team = list(rotation.people.all())
    lead = rotation_lead(rotation=rotation)
    resident = next((p for p in team if p.role == "resident"), None)
    ctx = scripts.script_context(
        rotation=rotation.to_record(),
        applicant=profile.to_record(),
        writer=lead.to_record() if lead else None,
        resident=resident.to_record() if resident else None,
        deadline=season_dates(profile=profile, today=rotation.end_date).letter_deadline,
    )
    return scripts.late_introduction(ctx)


def _focus(*, rotation: Rotation, plan_progress: progress.Progress) -> dict | None:
    step = focus_step(plan_progress)
    if step is None:
        return None
    late = step.checkpoint.key == "setup" and step.status == progress.MISSED
    return {
        "step": step,
        "late": late,
        "script": late_introduction(rotation=rotation) if late else step.checkpoint.script,
    }


def rotation_page(*, rotation: Rotation, today: dt.date) -> dict:
    team = list(rotation.people.all().order_by("role", "name"))
    plan_progress = services.rotation_progress(rotation=rotation, today=today)
    return {
        "rotation": rotation,
        "team": team,
        "lead": rotation_lead(rotation=rotation),
        "lead_choices": [p for p in team if p.role in ("attending", "fellow", "resident")],
        "today": today,
        "progress": plan_progress,
        "focus": _focus(rotation=rotation, plan_progress=plan_progress),
        "letter_url": letter_url(rotation=rotation),
        "strengths": evidence_selectors.rotation_strengths(rotation=rotation, today=today),
        "team_flags": evidence_selectors.team_flags(rotation=rotation, today=today),
        "recent_stories": rotation.stories.select_related("rotation").prefetch_related("witnesses")[:5],
    }


def plan_page(*, rotation: Rotation, today: dt.date) -> dict:
    logs = {log.checkpoint_id: log for log in rotation.checkpoint_logs.all()}
    plan_progress = services.rotation_progress(rotation=rotation, today=today)
    return {
        "rotation": rotation,
        "today": today,
        "progress": plan_progress,
        "steps": [(step, logs.get(step.checkpoint.id)) for step in plan_progress.steps],
        "focus": _focus(rotation=rotation, plan_progress=plan_progress),
        "lead": rotation_lead(rotation=rotation),
        "letter_url": letter_url(rotation=rotation),
    }


def rotation_today(*, rotation: Rotation, today: dt.date) -> dict:
    """Everything the Today page shows for one rotation (once it is over, only what is left for the letters)."""
    plan_progress = services.rotation_progress(rotation=rotation, today=today)
    if today > rotation.end_date:
        plan_progress = progress.only(plan_progress, plan.LETTER_KEYS)
    checks = {c.day: c.answers for c in rotation.daily_checks.filter(day__lte=today)[:10]}
    running = rotation.start_date <= today <= rotation.end_date
    focus = _focus(rotation=rotation, plan_progress=plan_progress)
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
        "checklist_form": DailyCheckForm(initial={k: ("yes" if v else "no") for k, v in checks.get(today, {}).items()}),
        "checklist_saved": today in checks,
        "coasting": guidance.coasting_flag(checks, today) if running else None,
        "mistakes": _mistakes(rotation=rotation, today=today) if running else [],
        "evidence": (evidence := evidence_selectors.today_panels(rotation=rotation, today=today)),
        "open_tasks": sum(1 for task in evidence.get("tasks", ()) if task.status != "done"),
        "letter_url": letter_url(rotation=rotation),
    }


def letter_url(*, rotation: Rotation) -> str:
    """Where the plan's letter steps are taken: the lead's letter page, else their page (to add them)."""
    lead = rotation_lead(rotation=rotation)
    if lead is None:
        return reverse("letters")
    writer = getattr(lead, "writer", None)  # letters.Writer, through the reverse relation
    return reverse("writer_detail", args=[writer.pk]) if writer else reverse("person_detail", args=[lead.pk])


def _mistakes(*, rotation: Rotation, today: dt.date) -> list:
    signals = evidence_selectors.rotation_signals(rotation=rotation)
    return guidance.common_mistakes(
        rotation.to_record(),
        today,
        feedback_asked=signals.feedback_asked,
        resident_interactions=signals.resident_interactions,
        team_has_residents=signals.team_has_residents,
        entries=signals.entry_texts,
    )


def person_page(*, person: Person, today: dt.date) -> dict:
    return {
        "person": person,
        "strength": evidence_selectors.person_strength(person=person, today=today),
        "stories": person.stories_witnessed.select_related("rotation").prefetch_related("witnesses")[:50],
        "feedback": person.feedback_given.select_related("giver")[:50],
        "compliments": person.compliments_given.select_related("giver")[:50],
        "today": today,
    }


def today_page(*, user, today: dt.date) -> dict:
    """The home page: today's view of every current rotation, else a pointer to the next one, and the
    letter steps due now (the materials within 24 hours of a yes, a reminder, the final check)."""
    groups = rotations_by_time(user=user, today=today)
    current = [rotation_today(rotation=r, today=today) for r in groups["current"]]
    # A current rotation's lead already shows their letter steps in its own "Due now".
    shown = {lead.pk for r in groups["current"] if (lead := rotation_lead(rotation=r))}
    return {
        "today": today,
        "letters_due": [
            t
            for t in letters_to_act_on(user=user, today=today)
            if t.person.pk not in shown or t.timeline.next_step.key not in plan.LETTER_KEYS
        ],
        "profile": profile_for(user=user),
        "current": current,
        "upcoming": groups["upcoming"][:1],
        "has_rotations": any(groups.values()),
    }
