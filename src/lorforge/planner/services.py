"""The plan's services: the rotation's dated plan with its letter steps, and the writes that mark its steps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from lorforge.accounts.models import Profile
from lorforge.accounts.services import profile_for, season_dates
from lorforge.core import plan, progress
from lorforge.core.timeline import LetterTimeline
from lorforge.evidence.services import feedback_save
from lorforge.letters.timelines import (
    LetterFacts,
    Season,
    lead_timeline,
    letter_facts,
    season_of,
    timeline_of,
)
from lorforge.rotations.models import CheckpointLog, DailyCheck, Outcome, Person, Rotation
from lorforge.rotations.services import rotation_lead
from lorforge.web.services import model_update

# The letter's own steps move with the writer's stage (letters app), not with the plan's "done" log.
RECORDED_ON_THE_LETTER_PAGE = ("pre_ask", "materials_email", "reminder", "confirm_submission")


@dataclass(frozen=True)
class PlanInputs:
    """What a rotation's plan is built from, read once for a page (``plan_inputs``)."""

    profile: Profile
    team: tuple[Person, ...]  # the rotation's people, by name, each with their writer (if on the letter list)
    lead: Person | None
    letter: LetterTimeline | None  # the lead's letter as of today; None: projected from the rotation's first day
    facts: tuple[LetterFacts, ...]  # the team's letters, as read (``letters.timelines.letter_facts``)


def plan_inputs(
    *,
    rotation: Rotation,
    today: dt.date | None = None,
    profile: Profile | None = None,
    facts: list[LetterFacts] | None = None,
    season: Season | None = None,
) -> PlanInputs:
    """Read what the plan needs: two queries (the team with their letters, the programs), fewer when the page
    passes what it has read already (``facts``: the rotation's people from ``letter_facts``; ``season``)."""
    profile = profile if profile is not None else profile_for(user=rotation.user)
    facts = letter_facts(Person.objects.filter(rotation=rotation)) if facts is None else facts
    team = tuple(f.person for f in facts)
    lead = rotation_lead(rotation=rotation, team=team)
    letter = None
    if today is not None and lead is not None:
        lead_facts = next((f for f in facts if f.person.pk == lead.pk), None)
        season = season if season is not None else season_of(user=rotation.user, today=today, profile=profile)
        letter = (
            timeline_of(lead_facts, season=season, today=today)
            if lead_facts is not None
            else lead_timeline(rotation=rotation, lead=lead, today=today)
        )
    return PlanInputs(profile=profile, team=team, lead=lead, letter=letter, facts=tuple(facts))


def rotation_plan(
    *, rotation: Rotation, today: dt.date | None = None, inputs: PlanInputs | None = None
) -> list[plan.Checkpoint]:
    """The rotation's dated conversation plan, from its dates, team and the applicant's season.

    With ``today`` the letter steps follow the lead writer's real timeline (answers, emails,
    program deadlines); without it they are the projection made on the rotation's first day.
    A page that has read the plan's inputs already (``plan_inputs``) passes them.
    """
    inputs = inputs if inputs is not None else plan_inputs(rotation=rotation, today=today)
    profile = inputs.profile
    return plan.build_plan(
        rotation=rotation.to_record(),
        applicant=profile.to_record(),
        people=[p.to_record() for p in inputs.team],
        deadline=season_dates(profile=profile, today=rotation.end_date).letter_deadline,
        lead=inputs.lead.name if inputs.lead else None,
        letter=inputs.letter,
    )


def rotation_progress(
    *, rotation: Rotation, today: dt.date, inputs: PlanInputs | None = None, done_ids=None
) -> progress.Progress:
    """Where the plan stands today (``done_ids``: the steps marked done, when already read)."""
    if done_ids is None:
        done_ids = rotation.checkpoint_logs.values_list("checkpoint_id", flat=True)
    return progress.progress(rotation_plan(rotation=rotation, today=today, inputs=inputs), done_ids, today)


class StepNotInPlan(LookupError):
    """The plan (after a change of dates) has no step with this id."""


def rotation_checkpoint(*, rotation: Rotation, checkpoint_id: str, today: dt.date | None = None) -> plan.Checkpoint:
    """One step of the rotation's plan; ``StepNotInPlan`` when the plan no longer has it."""
    checkpoint = next((c for c in rotation_plan(rotation=rotation, today=today) if c.id == checkpoint_id), None)
    if checkpoint is None:
        raise StepNotInPlan(checkpoint_id)
    return checkpoint


@transaction.atomic
def checkpoint_mark_done(
    *,
    rotation: Rotation,
    checkpoint_id: str,
    done_on: dt.date,
    outcome: str = Outcome.WENT_WELL,
    note: str = "",
    feedback: str = "",
) -> CheckpointLog:
    """Record a conversation as done; feedback received in it starts a loop in the feedback log."""
    checkpoint = rotation_checkpoint(rotation=rotation, checkpoint_id=checkpoint_id)
    fields = {"user": rotation.user, "key": checkpoint.key, "done_on": done_on, "outcome": outcome, "note": note}
    with transaction.atomic():
        # The log is unique per checkpoint: of a double tap or concurrent posts only the first creates it,
        # and only that one starts a feedback loop; the others just update how it went.
        log, created = CheckpointLog.objects.get_or_create(
            rotation=rotation, checkpoint_id=checkpoint_id, defaults=fields
        )
        if not created:
            model_update(instance=log, fields=fields, data=fields)
        elif feedback:
            giver = rotation.people.filter(name__in=checkpoint.with_).order_by("created_at").first()
            feedback_save(
                user=rotation.user,
                rotation=rotation,
                giver=giver or rotation_lead(rotation=rotation),
                given_on=done_on,
                said=feedback,
            )
    return log


def checkpoint_undo(*, rotation: Rotation, checkpoint_id: str) -> None:
    rotation.checkpoint_logs.filter(checkpoint_id=checkpoint_id).delete()


def daily_check_save(*, rotation: Rotation, day: dt.date, answers: dict[str, bool]) -> DailyCheck:
    check, _ = DailyCheck.objects.update_or_create(
        rotation=rotation, day=day, defaults={"user": rotation.user, "answers": answers}
    )
    return check
