"""Letter content: stories, feedback, compliments, tasks and presentation drafts."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lorforge.core import records
from lorforge.rotations.models import Person, Rotation
from lorforge.web.models import AsRecord, newest_first


class Entry(AsRecord, models.Model):
    """What stories, feedback and compliments share: the privacy guard's findings on their text, stored when saved."""

    guarded_fields: tuple[str, ...] = ()  # what the privacy guard checks when the entry is saved; the first names it

    findings = models.JSONField(default=list, blank=True)  # core.privacy.stored.check, when saved
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return getattr(self, self.guarded_fields[0])[:60]

    @property
    def giver_name(self) -> str:
        """Who said it (feedback, compliments); "" when not recorded."""
        return self.giver.name if self.giver else ""


class Story(Entry):
    """Something specific the applicant did, that a letter writer could quote."""

    guarded_fields = ("text",)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stories")
    rotation = models.ForeignKey(Rotation, on_delete=models.CASCADE, related_name="stories", null=True, blank=True)
    text = models.TextField("what happened", max_length=1500)
    happened_on = models.DateField("when")
    witnesses = models.ManyToManyField(Person, related_name="stories_witnessed", blank=True)
    visible = models.BooleanField("I made it visible to them", default=False)
    qualities = models.JSONField(default=list, blank=True)  # confirmed quality keys (core.qualities)
    specific = models.BooleanField(default=False)  # the coach's verdict when saved
    score = models.FloatField(default=0.0)
    hint = models.TextField(blank=True)  # the coach's one sentence, stored when saved
    help_offer = models.BooleanField(default=False)  # coach.is_help_offer, stored when saved
    coached_by = models.CharField(max_length=16, blank=True)  # coach.edition() that made the verdict

    class Meta:
        ordering = ["-happened_on", "-id"]
        verbose_name_plural = "stories"
        indexes = [
            newest_first("user", "happened_on", name="story_user_newest"),
            newest_first("rotation", "happened_on", name="story_rotation_newest"),
            models.Index(fields=["user", "specific", "-happened_on"], name="story_user_specific"),
        ]

    def to_record(self, *, witnesses: tuple[str, ...] | None = None) -> records.Story:
        """The story for the core (``witnesses``: their names, when the query read them with the story)."""
        return records.Story(
            text=self.text,
            on=self.happened_on,
            witnesses=tuple(p.name for p in self.witnesses.all()) if witnesses is None else witnesses,
            visible=self.visible,
            qualities=tuple(self.qualities),
            specific=self.specific,
        )


class Feedback(Entry):
    """Feedback received, what the applicant will change, and the follow-up that closes the loop."""

    guarded_fields = ("said", "change", "follow_up", "reaction")
    record_class = records.Feedback
    record_attributes = {"giver": "giver_name", "on": "given_on"}

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback")
    rotation = models.ForeignKey(Rotation, on_delete=models.CASCADE, related_name="feedback", null=True, blank=True)
    giver = models.ForeignKey(Person, on_delete=models.SET_NULL, related_name="feedback_given", null=True, blank=True)
    given_on = models.DateField("when")
    said = models.TextField("what they said", max_length=1500)
    change = models.TextField("what you will change", max_length=1000, blank=True)
    followed_up_on = models.DateField("follow-up said on", null=True, blank=True)
    follow_up = models.TextField("what you said when you followed up", max_length=1000, blank=True)
    reaction = models.TextField("their reaction", max_length=1000, blank=True)

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name_plural = "feedback"
        indexes = [
            newest_first("user", "given_on", name="feedback_user_newest"),
            models.Index(fields=["user", "followed_up_on", "given_on"], name="feedback_user_loops"),
            models.Index(fields=["rotation", "given_on"], name="feedback_rotation_given"),
            models.Index(fields=["giver", "-given_on"], name="feedback_giver_newest"),
        ]


class Compliment(Entry):
    guarded_fields = ("text",)
    record_class = records.Compliment
    record_attributes = {"giver": "giver_name", "on": "received_on"}

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="compliments")
    rotation = models.ForeignKey(Rotation, on_delete=models.CASCADE, related_name="compliments", null=True, blank=True)
    giver = models.ForeignKey(
        Person, on_delete=models.SET_NULL, related_name="compliments_given", null=True, blank=True
    )
    received_on = models.DateField("when")
    text = models.TextField("what they said", max_length=1000)

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [
            newest_first("user", "received_on", name="compliment_user_newest"),
            models.Index(fields=["giver", "-received_on"], name="compliment_giver_newest"),
        ]


class TaskStatus(models.TextChoices):
    OPEN = "open", "To do"
    DONE = "done", "Done"
    BLOCKED = "blocked", "Blocked"


class Task(models.Model):
    """One item on the running task list of a rotation day."""

    guarded_fields = ("text", "reason")  # what the privacy guard checks when the task is saved

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tasks")
    rotation = models.ForeignKey(Rotation, on_delete=models.CASCADE, related_name="tasks")
    day = models.DateField()
    text = models.CharField("task", max_length=200)
    status = models.CharField(max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    reason = models.CharField("why it is blocked", max_length=200, blank=True)
    findings = models.JSONField(default=list, blank=True)  # core.privacy.stored.check, when saved
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["day", "created_at", "id"]
        indexes = [models.Index(fields=["rotation", "day"], name="task_rotation_day")]

    def __str__(self) -> str:
        return self.text


class PresentationKind(models.TextChoices):
    ORAL = "oral", "Oral presentation"
    SBAR = "sbar", "SBAR call to a consultant"


class PresentationDraft(models.Model):
    """A filled presentation or SBAR template, kept to rehearse and reuse."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="presentations")
    rotation = models.ForeignKey(
        Rotation, on_delete=models.CASCADE, related_name="presentations", null=True, blank=True
    )
    kind = models.CharField(max_length=10, choices=PresentationKind.choices)
    values = models.JSONField(default=dict)  # field key (core.presentations) -> text
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return self.get_kind_display()
