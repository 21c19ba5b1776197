"""Read-only queries over the evidence, for the Today, rotation and people pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from lorforge.core import coach, presentations, strength
from lorforge.rotations.models import CheckpointLog, Person, Role, Rotation

from .models import Compliment, Feedback, Story

LOOP_DAYS = 7  # feedback older than this, without a follow-up, is an open loop
FEEDBACK_CHECKPOINTS = ("feedback_seed", "midpoint_feedback", "feedback_followup")


@dataclass(frozen=True)
class RotationSignals:
    """Counts the common-mistakes guidance needs (core.guidance.common_mistakes)."""

    feedback_asked: int
    resident_interactions: int
    team_has_residents: bool
    entry_texts: tuple[str, ...]


def rotation_signals(*, rotation: Rotation) -> RotationSignals:
    residents = Q(role=Role.RESIDENT) | Q(role=Role.FELLOW)
    resident_ids = list(rotation.people.filter(residents).values_list("id", flat=True))
    feedback_asked = (Feedback.objects.filter(rotation=rotation).count()
                      + CheckpointLog.objects.filter(rotation=rotation, key__in=FEEDBACK_CHECKPOINTS).count())
    resident_interactions = (
        Story.objects.filter(rotation=rotation, witnesses__in=resident_ids).distinct().count()
        + Feedback.objects.filter(rotation=rotation, giver__in=resident_ids).count()
        + Compliment.objects.filter(rotation=rotation, giver__in=resident_ids).count()
    )
    texts = tuple(Story.objects.filter(rotation=rotation).values_list("text", flat=True))
    return RotationSignals(feedback_asked=feedback_asked, resident_interactions=resident_interactions,
                           team_has_residents=bool(resident_ids), entry_texts=texts)


# --- Lists, search and filters ------------------------------------------------------------------

def evidence_list(*, user, q: str = "", kind: str = "", rotation=None, person=None, quality: str = "") -> dict:
    """Stories, feedback and compliments matching the filters, newest first, each list capped."""
    stories = Story.objects.filter(user=user).select_related("rotation").prefetch_related("witnesses")
    feedback = Feedback.objects.filter(user=user).select_related("giver", "rotation")
    compliments = Compliment.objects.filter(user=user).select_related("giver", "rotation")
    if q:
        stories = stories.filter(text__icontains=q)
        feedback = feedback.filter(Q(said__icontains=q) | Q(change__icontains=q) | Q(follow_up__icontains=q))
        compliments = compliments.filter(text__icontains=q)
    if rotation:
        stories, feedback, compliments = (qs.filter(rotation=rotation) for qs in (stories, feedback, compliments))
    if person:
        stories = stories.filter(witnesses=person)
        feedback, compliments = feedback.filter(giver=person), compliments.filter(giver=person)
    if quality:
        # JSON containment differs across databases; the lists are small per user, so filter in Python.
        stories = [s for s in stories if quality in s.qualities]
        feedback, compliments = [], []
    shown = {"story": kind in ("", "story"), "feedback": kind in ("", "feedback"),
             "compliment": kind in ("", "compliment")}
    return {
        "stories": list(stories)[:200] if shown["story"] else [],
        "feedback": list(feedback)[:200] if shown["feedback"] else [],
        "compliments": list(compliments)[:200] if shown["compliment"] else [],
    }


def open_loops(*, user, today: dt.date, rotation=None) -> list[Feedback]:
    """Feedback from over a week ago that has not been followed up yet: time to show the change."""
    loops = Feedback.objects.filter(user=user, followed_up_on__isnull=True,
                                    given_on__lte=today - dt.timedelta(days=LOOP_DAYS)).select_related("giver")
    if rotation is not None:
        loops = loops.filter(rotation=rotation)
    return list(loops.order_by("given_on"))


# --- The strength meter ---------------------------------------------------------------------------

def person_strength(*, person: Person, today: dt.date):
    stories = list(Story.objects.filter(witnesses=person).prefetch_related("witnesses"))
    feedback = list(Feedback.objects.filter(giver=person).select_related("giver"))
    writer = getattr(person, "writer", None)  # on the letter list (letters.Writer), through the reverse relation
    last = writer.stage_changes.order_by("-on", "-id").values_list("stage", flat=True).first() if writer else None
    return strength.writer_strength(
        person=person.to_record(), stories=[s.to_record() for s in stories],
        feedback=[f.to_record() for f in feedback], today=today,
        rotation=person.rotation.to_record() if person.rotation else None,
        help_offers=sum(coach.is_help_offer(s.text) for s in stories),
        letter_stage=last or "candidate",
    )


def rotation_strengths(*, rotation: Rotation, today: dt.date) -> list[tuple[Person, object]]:
    """The meter for each possible writer on the team (attendings, fellows and residents), strongest first."""
    writers = rotation.people.filter(role__in=[Role.ATTENDING, Role.FELLOW, Role.RESIDENT])
    meters = [(person, person_strength(person=person, today=today)) for person in writers]
    order = {"strong": 0, "building": 1, "thin": 2}
    return sorted(meters, key=lambda pm: (order.get(pm[1].level, 3), pm[0].role != Role.ATTENDING, pm[0].name))


def team_flags(*, rotation: Rotation, today: dt.date):
    stories = Story.objects.filter(rotation=rotation).prefetch_related("witnesses")
    feedback = Feedback.objects.filter(rotation=rotation).select_related("giver")
    return strength.team_flags(people=[p.to_record() for p in rotation.people.all()],
                               stories=[s.to_record() for s in stories], feedback=[f.to_record() for f in feedback],
                               rotation=rotation.to_record(), today=today)


# --- Tasks and the Today panels -----------------------------------------------------------------

def tasks_page(*, rotation: Rotation, day: dt.date, today: dt.date) -> dict:
    from . import services

    tasks = list(rotation.tasks.filter(day=day))
    return {
        "rotation": rotation, "day": day, "tasks": tasks,
        "summary": services.tasks_summary(rotation=rotation, day=day) if tasks else "",
        "previous_day": day - dt.timedelta(days=1), "next_day": day + dt.timedelta(days=1),
        "is_today": day == today,
    }


def today_panels(*, rotation: Rotation, today: dt.date) -> dict:
    """What the Today page shows from the evidence: quick capture, open loops, today's tasks."""
    from .forms import StoryForm

    form = StoryForm(user=rotation.user, initial={"rotation": rotation.pk, "happened_on": today})
    team = rotation.people.all()
    form.fields["witnesses"].queryset = team
    return {
        "capture_form": form,
        "open_loops": open_loops(user=rotation.user, today=today, rotation=rotation),
        **{k: v for k, v in tasks_page(rotation=rotation, day=today, today=today).items() if k in ("tasks", "summary")},
        "stories_this_week": Story.objects.filter(rotation=rotation,
                                                  happened_on__gt=today - dt.timedelta(days=7)).count(),
    }


def presentation_text(draft) -> str:
    """The saved template as text to read aloud."""
    render = presentations.render_presentation if draft.kind == "oral" else presentations.render_sbar
    return render(draft.values)
