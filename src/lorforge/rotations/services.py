"""Rotation and team services: the only place that writes these models."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.http import Http404

from lorforge.accounts.services import profile_for, season_dates
from lorforge.core import names, plan, progress

from .models import CheckpointLog, DailyCheck, Outcome, Person, Role, Rotation


@transaction.atomic
def rotation_create(*, user, site: str, specialty: str, kind: str, setting: str,
                    start_date: dt.date, end_date: dt.date, attending_name: str = "",
                    attending_email: str = "") -> Rotation:
    rotation = Rotation.objects.create(user=user, site=site, specialty=specialty, kind=kind, setting=setting,
                                       start_date=start_date, end_date=end_date)
    if attending_name:
        person_create(user=user, rotation=rotation, name=attending_name, role=Role.ATTENDING,
                      email=attending_email, specialty=specialty)
    return rotation


def rotation_update(*, rotation: Rotation, **fields) -> Rotation:
    for name, value in fields.items():
        setattr(rotation, name, value)
    rotation.save()
    return rotation


def rotation_delete(*, rotation: Rotation) -> None:
    rotation.delete()


def rotation_set_lead(*, rotation: Rotation, lead: Person) -> Rotation:
    if lead.rotation_id != rotation.id:
        raise ValueError("The lead must be on the rotation's team.")
    rotation.lead = lead
    rotation.save(update_fields=["lead"])
    return rotation


def rotation_lead(*, rotation: Rotation) -> Person | None:
    """The attending the plan is built around: the chosen lead, else the first attending added."""
    if rotation.lead_id:
        return rotation.lead
    return rotation.people.filter(role=Role.ATTENDING).order_by("created_at", "id").first()


def person_create(*, user, name: str, role: str, rotation: Rotation | None = None, email: str = "",
                  specialty: str = "", title: str = "", surname: str = "") -> Person:
    if rotation is not None and rotation.user_id != user.id:
        raise PermissionError("That rotation belongs to someone else.")
    if not surname.strip():  # how they are addressed, from the full name unless given ("Dr." + surname)
        title, surname = names.address_parts(name, role)
    return Person.objects.create(user=user, rotation=rotation, name=name, role=role, email=email,
                                 specialty=specialty, title=title, surname=surname)


def person_update(*, person: Person, **fields) -> Person:
    rotation = fields.get("rotation")
    if rotation is not None and rotation.user_id != person.user_id:
        raise PermissionError("That rotation belongs to someone else.")
    for name, value in fields.items():
        setattr(person, name, value)
    person.save()
    return person


def person_delete(*, person: Person) -> None:
    person.delete()


# --- The plan ------------------------------------------------------------------------------------

# The letter's own steps move with the writer's stage (letters app), not with the plan's "done" log.
RECORDED_ON_THE_LETTER_PAGE = ("pre_ask", "materials_email", "reminder", "confirm_submission")


def rotation_plan(*, rotation: Rotation, today: dt.date | None = None) -> list[plan.Checkpoint]:
    """The rotation's dated conversation plan, from its dates, team and the applicant's season.

    With ``today`` the letter steps follow the lead writer's real timeline (answers, emails,
    program deadlines); without it they are the projection made on the rotation's first day.
    """
    from lorforge.letters.timelines import lead_timeline  # letters builds on rotations, not the reverse

    profile = profile_for(user=rotation.user)
    people = list(rotation.people.all())
    lead = rotation_lead(rotation=rotation)
    letter = lead_timeline(rotation=rotation, lead=lead, today=today) if today is not None else None
    deadline = season_dates(profile=profile, today=rotation.end_date).letter_deadline
    return plan.build_plan(rotation=rotation.to_record(), applicant=profile.to_record(),
                           people=[p.to_record() for p in people], deadline=deadline,
                           lead=lead.name if lead else None, letter=letter)


def rotation_progress(*, rotation: Rotation, today: dt.date) -> progress.Progress:
    done_ids = rotation.checkpoint_logs.values_list("checkpoint_id", flat=True)
    return progress.progress(rotation_plan(rotation=rotation, today=today), done_ids, today)


def rotation_checkpoint(*, rotation: Rotation, checkpoint_id: str, today: dt.date | None = None) -> plan.Checkpoint:
    """One step of the rotation's plan; Http404 when the plan (after a date change) no longer has it."""
    checkpoint = next((c for c in rotation_plan(rotation=rotation, today=today) if c.id == checkpoint_id), None)
    if checkpoint is None:
        raise Http404("That step is not in this rotation's plan any more.")
    return checkpoint


@transaction.atomic
def checkpoint_mark_done(*, rotation: Rotation, checkpoint_id: str, done_on: dt.date,
                         outcome: str = Outcome.WENT_WELL, note: str = "", feedback: str = "") -> CheckpointLog:
    """Record a conversation as done; feedback received in it starts a loop in the feedback log."""
    checkpoint = rotation_checkpoint(rotation=rotation, checkpoint_id=checkpoint_id)
    fields = {"user": rotation.user, "key": checkpoint.key, "done_on": done_on, "outcome": outcome, "note": note}
    with transaction.atomic():
        # The log is unique per checkpoint: of a double tap or concurrent posts only the first creates it,
        # and only that one starts a feedback loop; the others just update how it went.
        log, created = CheckpointLog.objects.get_or_create(rotation=rotation, checkpoint_id=checkpoint_id,
                                                           defaults=fields)
        if not created:
            for name, value in fields.items():
                setattr(log, name, value)
            log.save()
        elif feedback:
            from lorforge.evidence.services import feedback_save

            giver = rotation.people.filter(name__in=checkpoint.with_).order_by("created_at").first()
            feedback_save(user=rotation.user, rotation=rotation, giver=giver or rotation_lead(rotation=rotation),
                          given_on=done_on, said=feedback)
    return log


def checkpoint_undo(*, rotation: Rotation, checkpoint_id: str) -> None:
    rotation.checkpoint_logs.filter(checkpoint_id=checkpoint_id).delete()


def daily_check_save(*, rotation: Rotation, day: dt.date, answers: dict[str, bool]) -> DailyCheck:
    check, _ = DailyCheck.objects.update_or_create(rotation=rotation, day=day,
                                                   defaults={"user": rotation.user, "answers": answers})
    return check
