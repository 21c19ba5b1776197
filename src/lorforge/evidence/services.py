"""Evidence services: the only place that writes stories, feedback, compliments and tasks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction

from lorforge import clock
from lorforge.core import coach
from lorforge.core import tasks as core_tasks
from lorforge.core.privacy import stored as stored_findings
from lorforge.rotations.models import Rotation
from lorforge.web.services import model_update

from .models import Compliment, Feedback, PresentationDraft, Story, Task, TaskStatus


def _check_owner(user, *objects) -> None:
    for obj in objects:
        if obj is not None and obj.user_id != user.id:
            raise PermissionError("That record belongs to someone else.")


# --- Stories, feedback and compliments: one save, the differences as data --------------------------


@dataclass(frozen=True)
class EntryKind:
    """What differs between the three kinds of evidence entry."""

    model: type[models.Model]
    fields: tuple[str, ...]  # what the applicant fills in (the form's fields)
    person_field: str  # who saw it or said it
    coached: bool = False  # the specificity coach judges the text (stories)

    @property
    def text_fields(self) -> tuple[str, ...]:
        """The free text the privacy guard reads when the entry is saved (the model says which)."""
        return self.model.guarded_fields


ENTRY_KINDS: dict[str, EntryKind] = {
    "story": EntryKind(
        Story, ("text", "rotation", "witnesses", "visible", "happened_on", "qualities"), "witnesses", coached=True
    ),
    "feedback": EntryKind(
        Feedback,
        ("giver", "rotation", "given_on", "said", "change", "followed_up_on", "follow_up", "reaction"),
        "giver",
    ),
    "compliment": EntryKind(Compliment, ("giver", "rotation", "received_on", "text"), "giver"),
}


def _findings(model: type[models.Model], values: dict[str, Any], *, today: dt.date) -> dict:
    """The privacy guard's findings in a row's free text (``model.guarded_fields``), as stored with it
    (``core.privacy.stored``): stories, feedback, compliments and tasks alike."""
    return stored_findings.check({name: values.get(name) or "" for name in model.guarded_fields}, today=today)


def _coached(text: str, qualities) -> dict[str, Any]:
    """What the coach says about a story, stored with it so no page judges it again."""
    verdict = coach.assess(text)
    return {
        "qualities": list(qualities) or list(verdict.qualities),
        "specific": verdict.specific,
        "score": verdict.score,
        "hint": verdict.hint,
        "help_offer": coach.is_help_offer(text),
        "coached_by": coach.edition(),
    }


REJUDGE_BATCH = 500


def stories_rejudge(*, limit: int = REJUDGE_BATCH) -> int:
    """Judge again up to ``limit`` stories whose verdict an older edition of the coach made: the verdict, score,
    hint and help-offer flag change; the qualities stay (the applicant may have chosen them). One batch per call,
    and the same answer on every machine, so that two servers may run it at once. Returns how many it judged."""
    current = coach.edition()
    stale = list(Story.objects.exclude(coached_by=current).only("pk", "text")[:limit])
    for story in stale:
        verdict = coach.assess(story.text)
        story.specific, story.score, story.hint = verdict.specific, verdict.score, verdict.hint
        story.help_offer = coach.is_help_offer(story.text)
        story.coached_by = current
    Story.objects.bulk_update(stale, ["specific", "score", "hint", "help_offer", "coached_by"])
    return len(stale)


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
    derived: dict[str, Any] = {"findings": _findings(spec.model, values, today=clock.today(user))}
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
    findings = _findings(Task, {"text": text}, today=clock.today(rotation.user))
    return Task.objects.create(user=rotation.user, rotation=rotation, day=day, text=text, findings=findings)


def task_set_status(*, task: Task, status: str, reason: str = "") -> Task:
    reason = reason.strip() if status == TaskStatus.BLOCKED else ""
    data = {
        "status": status,
        "reason": reason,
        "findings": _findings(Task, {"text": task.text, "reason": reason}, today=clock.today(task.user)),
    }
    task, _ = model_update(instance=task, fields=["status", "reason", "findings"], data=data)
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
