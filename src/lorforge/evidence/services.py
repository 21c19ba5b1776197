"""Evidence services: the only place that writes stories, feedback, compliments and tasks."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from lorforge.core import coach
from lorforge.core import tasks as core_tasks
from lorforge.rotations.models import Person, Rotation

from .models import Compliment, Feedback, PresentationDraft, Story, Task, TaskStatus


def _check_owner(user, *objects) -> None:
    for obj in objects:
        if obj is not None and obj.user_id != user.id:
            raise PermissionError("That record belongs to someone else.")


@transaction.atomic
def story_save(*, user, text: str, happened_on: dt.date, rotation: Rotation | None = None,
               witnesses: list[Person] = (), visible: bool = False, qualities: list[str] = (),
               story: Story | None = None) -> Story:
    """Create or update a story. Without chosen qualities, the coach's suggestions are used."""
    _check_owner(user, rotation, story, *witnesses)
    verdict = coach.assess(text)
    story = story or Story(user=user)
    story.text, story.happened_on, story.rotation, story.visible = text, happened_on, rotation, visible
    story.qualities = list(qualities) or list(verdict.qualities)
    story.specific, story.score = verdict.specific, verdict.score
    story.save()
    story.witnesses.set(witnesses)
    return story


def story_delete(*, story: Story) -> None:
    story.delete()


def feedback_save(*, user, feedback: Feedback | None = None, **fields) -> Feedback:
    _check_owner(user, fields.get("rotation"), fields.get("giver"), feedback)
    feedback = feedback or Feedback(user=user)
    for name, value in fields.items():
        setattr(feedback, name, value)
    if feedback.rotation is None and feedback.giver is not None:
        feedback.rotation = feedback.giver.rotation
    feedback.save()
    return feedback


def feedback_delete(*, feedback: Feedback) -> None:
    feedback.delete()


def compliment_save(*, user, compliment: Compliment | None = None, **fields) -> Compliment:
    _check_owner(user, fields.get("rotation"), fields.get("giver"), compliment)
    compliment = compliment or Compliment(user=user)
    for name, value in fields.items():
        setattr(compliment, name, value)
    if compliment.rotation is None and compliment.giver is not None:
        compliment.rotation = compliment.giver.rotation
    compliment.save()
    return compliment


def compliment_delete(*, compliment: Compliment) -> None:
    compliment.delete()


def task_add(*, rotation: Rotation, day: dt.date, text: str) -> Task:
    return Task.objects.create(user=rotation.user, rotation=rotation, day=day, text=text)


def task_set_status(*, task: Task, status: str, reason: str = "") -> Task:
    task.status = status
    task.reason = reason.strip() if status == TaskStatus.BLOCKED else ""
    task.save(update_fields=["status", "reason"])
    return task


def task_delete(*, task: Task) -> None:
    task.delete()


def tasks_summary(*, rotation: Rotation, day: dt.date) -> str:
    """The end-of-day sentence for the resident or attending."""
    items = [core_tasks.TaskItem(text=t.text, status=t.status, reason=t.reason)
             for t in rotation.tasks.filter(day=day)]
    return core_tasks.end_of_day_summary(items)


def presentation_save(*, user, kind: str, values: dict[str, str], rotation: Rotation | None = None,
                      draft: PresentationDraft | None = None) -> PresentationDraft:
    _check_owner(user, rotation, draft)
    draft = draft or PresentationDraft(user=user, kind=kind)
    draft.values, draft.rotation = values, rotation
    draft.save()
    return draft


def presentation_delete(*, draft: PresentationDraft) -> None:
    draft.delete()
