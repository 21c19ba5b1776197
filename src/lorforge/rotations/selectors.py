"""Read-only queries for the rotation and people lists."""

from __future__ import annotations

import datetime as dt

from .models import Person, Rotation


def rotations_by_time(*, user, today: dt.date) -> dict[str, list[Rotation]]:
    """The user's rotations split into current, upcoming and past, each in a useful order."""
    rotations = list(Rotation.objects.filter(user=user).prefetch_related("people"))
    return {
        "current": sorted((r for r in rotations if r.start_date <= today <= r.end_date), key=lambda r: r.end_date),
        "upcoming": sorted((r for r in rotations if r.start_date > today), key=lambda r: r.start_date),
        "past": sorted((r for r in rotations if r.end_date < today), key=lambda r: r.end_date, reverse=True),
    }


def people_by_rotation(*, user) -> list[tuple[Rotation | None, list[Person]]]:
    people = (
        Person.objects.filter(user=user).select_related("rotation").order_by("-rotation__start_date", "role", "name")
    )
    groups: dict[int | None, tuple[Rotation | None, list[Person]]] = {}
    for person in people:
        groups.setdefault(person.rotation_id, (person.rotation, []))[1].append(person)
    # People without a rotation (research mentors) come last.
    return sorted(groups.values(), key=lambda group: group[0] is None)
