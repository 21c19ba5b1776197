"""Rotation and team services: rotations and people (the plan and its steps are the planner's)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from lorforge.core import names
from lorforge.web.services import model_update

from .models import Person, Role, Rotation


@transaction.atomic
def rotation_create(
    *,
    user,
    site: str,
    specialty: str,
    kind: str,
    setting: str,
    start_date: dt.date,
    end_date: dt.date,
    attending_name: str = "",
    attending_email: str = "",
) -> Rotation:
    rotation = Rotation.objects.create(
        user=user, site=site, specialty=specialty, kind=kind, setting=setting, start_date=start_date, end_date=end_date
    )
    if attending_name:
        person_create(
            user=user,
            rotation=rotation,
            name=attending_name,
            role=Role.ATTENDING,
            email=attending_email,
            specialty=specialty,
        )
    return rotation


def rotation_update(*, rotation: Rotation, **fields) -> Rotation:
    return model_update(instance=rotation, fields=fields, data=fields)[0]


def rotation_delete(*, rotation: Rotation) -> None:
    rotation.delete()


def rotation_set_lead(*, rotation: Rotation, lead: Person) -> Rotation:
    if lead.rotation_id != rotation.id:
        raise ValueError("The lead must be on the rotation's team.")
    rotation.lead = lead
    rotation.save(update_fields=["lead"])
    return rotation


def rotation_lead(*, rotation: Rotation, team=None) -> Person | None:
    """The attending the plan is built around: the chosen lead, else the first attending added.

    ``team``: the rotation's people when they are already loaded (no query then).
    """
    if rotation.lead_id:
        chosen = next((p for p in team or () if p.pk == rotation.lead_id), None)
        return chosen if chosen is not None else rotation.lead
    if team is not None:
        return min((p for p in team if p.role == Role.ATTENDING), key=lambda p: (p.created_at, p.pk), default=None)
    return rotation.people.filter(role=Role.ATTENDING).order_by("created_at", "id").first()


def person_create(
    *,
    user,
    name: str,
    role: str,
    rotation: Rotation | None = None,
    email: str = "",
    specialty: str = "",
    title: str = "",
    surname: str = "",
) -> Person:
    if rotation is not None and rotation.user_id != user.id:
        raise PermissionError("That rotation belongs to someone else.")
    if not surname.strip():  # how they are addressed, from the full name unless given ("Dr." + surname)
        title, surname = names.address_parts(name, role)
    return Person.objects.create(
        user=user,
        rotation=rotation,
        name=name,
        role=role,
        email=email,
        specialty=specialty,
        title=title,
        surname=surname,
    )


def person_update(*, person: Person, **fields) -> Person:
    rotation = fields.get("rotation")
    if rotation is not None and rotation.user_id != person.user_id:
        raise PermissionError("That rotation belongs to someone else.")
    return model_update(instance=person, fields=fields, data=fields)[0]


def person_delete(*, person: Person) -> None:
    person.delete()
