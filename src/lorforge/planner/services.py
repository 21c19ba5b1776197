"""The plan's services: the rotation's dated plan with its letter steps, and the writes that mark its steps."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from lorforge.accounts.services import profile_for, season_dates
from lorforge.core import plan, progress
from lorforge.evidence.services import feedback_save
from lorforge.letters.timelines import lead_timeline
from lorforge.rotations.models import CheckpointLog, DailyCheck, Outcome, Rotation
from lorforge.rotations.services import rotation_lead

# The letter's own steps move with the writer's stage (letters app), not with the plan's "done" log.
RECORDED_ON_THE_LETTER_PAGE = ("pre_ask", "materials_email", "reminder", "confirm_submission")


def rotation_plan(*, rotation: Rotation, today: dt.date | None = None) -> list[plan.Checkpoint]:
    """The rotation's dated conversation plan, from its dates, team and the applicant's season.

    With ``today`` the letter steps follow the lead writer's real timeline (answers, emails,
    program deadlines); without it they are the projection made on the rotation's first day.
    """
    profile = profile_for(user=rotation.user)
    people = list(rotation.people.all())
    lead = rotation_lead(rotation=rotation)
    letter = lead_timeline(rotation=rotation, lead=lead, today=today) if today is not None else None
    deadline = season_dates(profile=profile, today=rotation.end_date).letter_deadline
    return plan.build_plan(
        rotation=rotation.to_record(),
        applicant=profile.to_record(),
        people=[p.to_record() for p in people],
        deadline=deadline,
        lead=lead.name if lead else None,
        letter=letter,
    )


def rotation_progress(*, rotation: Rotation, today: dt.date) -> progress.Progress:
    done_ids = rotation.checkpoint_logs.values_list("checkpoint_id", flat=True)
    return progress.progress(rotation_plan(rotation=rotation, today=today), done_ids, today)


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
            for name, value in fields.items():
                setattr(log, name, value)
            log.save()
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
