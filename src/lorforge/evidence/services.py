"""Evidence services: the only place that writes stories, feedback, compliments and tasks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction

from lorforge import clock
from lorforge.core import coach, privacy
from lorforge.core import tasks as core_tasks
from lorforge.rotations.models import Rotation

from .models import Compliment, Feedback, PresentationDraft, Story, Task, TaskStatus


def _check_owner(user, *objects) -> None:
    for obj in objects:
        if obj is not None and obj.user_id != user.id:
            raise PermissionError("That record belongs to someone else.")


# --- One update helper (HackSoft Django-Styleguide's ``model_update``) ----------------------------


def model_update(*, instance: models.Model, fields: Iterable[str], data: dict[str, Any]) -> tuple[models.Model, bool]:
    """Set ``fields`` from ``data`` (those present), validate with ``full_clean()`` and save.

    Plain fields are saved with ``update_fields`` (a new row is inserted whole); many-to-many fields are
    set after the row exists. Returns the instance and whether anything was given to change.
    """
    m2m_names = {f.name for f in instance._meta.many_to_many}
    given: list[str] = []
    m2m: dict[str, Any] = {}
    has_updated = instance._state.adding
    for name in dict.fromkeys(fields):
        if name not in data:
            continue
        if name in m2m_names:
            m2m[name] = data[name]
            continue
        # A ModelForm bound to the instance has already copied its values onto it, so every given field is
        # saved, not only those that differ from the instance.
        has_updated = has_updated or getattr(instance, name) != data[name]
        setattr(instance, name, data[name])
        given.append(name)
    instance.full_clean(exclude=list(m2m_names))
    if instance._state.adding:
        instance.save()
    elif given:
        auto_now = [f.name for f in instance._meta.fields if getattr(f, "auto_now", False)]
        instance.save(update_fields=[*given, *auto_now])
    for name, value in m2m.items():
        getattr(instance, name).set(value)
        has_updated = True
    return instance, has_updated


# --- Stories, feedback and compliments: one save, the differences as data --------------------------


@dataclass(frozen=True)
class EntryKind:
    """What differs between the three kinds of evidence entry."""

    model: type[models.Model]
    fields: tuple[str, ...]  # what the applicant fills in (the form's fields)
    text_fields: tuple[str, ...]  # free text the privacy guard reads when the entry is saved
    person_field: str  # who saw it or said it
    coached: bool = False  # the specificity coach judges the text (stories)


ENTRY_KINDS: dict[str, EntryKind] = {
    "story": EntryKind(
        Story,
        ("text", "rotation", "witnesses", "visible", "happened_on", "qualities"),
        ("text",),
        "witnesses",
        coached=True,
    ),
    "feedback": EntryKind(
        Feedback,
        ("giver", "rotation", "given_on", "said", "change", "followed_up_on", "follow_up", "reaction"),
        ("said", "change", "follow_up", "reaction"),
        "giver",
    ),
    "compliment": EntryKind(Compliment, ("giver", "rotation", "received_on", "text"), ("text",), "giver"),
}


def entry_findings(*, kind: str, values: dict[str, Any], today: dt.date | None = None) -> list[dict]:
    """The privacy guard's findings in an entry's free text (none allowed away: the kept words change)."""
    return [
        {"field": name, **finding.to_dict()}
        for name in ENTRY_KINDS[kind].text_fields
        for finding in privacy.find_phi(values.get(name) or "", today=today)
    ]


def _coached(text: str, qualities) -> dict[str, Any]:
    """What the coach says about a story, stored with it so no page judges it again."""
    verdict = coach.assess(text)
    return {
        "qualities": list(qualities) or list(verdict.qualities),
        "specific": verdict.specific,
        "score": verdict.score,
        "hint": verdict.hint,
        "help_offer": coach.is_help_offer(text),
    }


@transaction.atomic
def entry_save(*, kind: str, user, entry: models.Model | None = None, **data) -> models.Model:
    """Create or update a story, feedback or compliment; the figures computed from it are stored with it.

    Only the fields given change (a follow-up changes three). A person given without a rotation puts the
    entry on that person's rotation; a story without chosen qualities gets the coach's suggestions.
    """
    spec = ENTRY_KINDS[kind]
    unknown = set(data) - set(spec.fields)
    if unknown:
        raise TypeError(f"{kind} has no field {', '.join(sorted(unknown))}")
    people = (
        list(data.get(spec.person_field) or [])
        if spec.person_field == "witnesses"
        else [data[spec.person_field]]
        if data.get(spec.person_field)
        else []
    )
    _check_owner(user, data.get("rotation"), entry, *people)
    entry = entry or spec.model(user=user)
    values = {name: data.get(name, getattr(entry, name, None)) for name in spec.text_fields}
    derived: dict[str, Any] = {"findings": entry_findings(kind=kind, values=values, today=clock.today(user))}
    if spec.coached:
        derived |= _coached(values["text"], data.get("qualities", ()))
    elif data.get("rotation", entry.rotation) is None and people and people[0].rotation_id:
        derived["rotation"] = people[0].rotation
    data = {**data, **derived}
    entry, _ = model_update(instance=entry, fields=[*spec.fields, *derived], data=data)
    return entry


def entry_delete(*, entry: models.Model) -> None:
    entry.delete()


def story_save(*, user, story: Story | None = None, **fields) -> Story:
    """Create or update a story. Without chosen qualities, the coach's suggestions are used."""
    fields.setdefault("witnesses", [])
    fields.setdefault("qualities", [])
    fields.setdefault("visible", False)
    fields.setdefault("rotation", None)
    return entry_save(kind="story", user=user, entry=story, **fields)


def story_delete(*, story: Story) -> None:
    entry_delete(entry=story)


def feedback_save(*, user, feedback: Feedback | None = None, **fields) -> Feedback:
    return entry_save(kind="feedback", user=user, entry=feedback, **fields)


def feedback_delete(*, feedback: Feedback) -> None:
    entry_delete(entry=feedback)


def compliment_save(*, user, compliment: Compliment | None = None, **fields) -> Compliment:
    return entry_save(kind="compliment", user=user, entry=compliment, **fields)


def compliment_delete(*, compliment: Compliment) -> None:
    entry_delete(entry=compliment)


def task_add(*, rotation: Rotation, day: dt.date, text: str) -> Task:
    return Task.objects.create(user=rotation.user, rotation=rotation, day=day, text=text)


def task_set_status(*, task: Task, status: str, reason: str = "") -> Task:
    reason = reason.strip() if status == TaskStatus.BLOCKED else ""
    task, _ = model_update(instance=task, fields=["status", "reason"], data={"status": status, "reason": reason})
    return task


def task_delete(*, task: Task) -> None:
    task.delete()


def tasks_summary(*, rotation: Rotation, day: dt.date, tasks: Iterable[Task] | None = None) -> str:
    """The end-of-day sentence for the resident or attending (from ``tasks`` when already loaded)."""
    tasks = rotation.tasks.filter(day=day) if tasks is None else tasks
    items = [core_tasks.TaskItem(text=t.text, status=t.status, reason=t.reason) for t in tasks]
    return core_tasks.end_of_day_summary(items)


def presentation_save(
    *, user, kind: str, values: dict[str, str], rotation: Rotation | None = None, draft: PresentationDraft | None = None
) -> PresentationDraft:
    _check_owner(user, rotation, draft)
    draft = draft or PresentationDraft(user=user, kind=kind)
    draft, _ = model_update(
        instance=draft, fields=["values", "rotation"], data={"values": values, "rotation": rotation}
    )
    return draft


def presentation_delete(*, draft: PresentationDraft) -> None:
    draft.delete()
