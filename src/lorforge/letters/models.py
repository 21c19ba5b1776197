"""Letter writers and their dated stage history, uploaded materials and program deadlines."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

from lorforge.core import letters
from lorforge.rotations.models import Person

STAGE_CHOICES = [(s.key, s.label) for s in letters.STAGES]


class Writer(models.Model):
    """A person the applicant may ask (or has asked) for a letter. The stage lives in ``stage_changes``."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="letter_writers")
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="writer")
    senior_title = models.BooleanField("has a senior title (chair, dean, chief)", default=False)
    taught = models.TextField("what they taught you", max_length=500, blank=True)
    final_note_sent_on = models.DateField("final note sent on", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person__name", "id"]

    def __str__(self) -> str:
        return self.person.name

    @property
    def taught_list(self) -> list[str]:
        """What they taught, one item per line or semicolon, for scripts and emails."""
        parts = self.taught.replace(";", "\n").splitlines()
        return [" ".join(p.split()) for p in parts if p.strip()]


class StageChange(models.Model):
    """One dated move of a writer through the stages; rows are only ever added."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")  # for export
    writer = models.ForeignKey(Writer, on_delete=models.CASCADE, related_name="stage_changes")
    stage = models.CharField(max_length=20, choices=STAGE_CHOICES)
    on = models.DateField()
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} on {self.on:%Y-%m-%d}"

    def to_record(self) -> letters.StageChange:
        return letters.StageChange(stage=self.stage, on=self.on, note=self.note)


class MaterialKind(models.TextChoices):
    CV = "cv", "CV"
    STATEMENT = "statement", "Personal statement draft"


def private_upload_name(instance: Material, filename: str) -> str:
    """A random, non-guessable name: the applicant's own file name is kept only in the database."""
    return f"materials/{secrets.token_urlsafe(24)}.{instance.file_type}"


class Material(models.Model):
    """An uploaded CV or personal statement draft (PDF or DOCX), served only to its owner."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(max_length=20, choices=MaterialKind.choices)
    file = models.FileField(upload_to=private_upload_name, max_length=200)
    file_type = models.CharField(max_length=4)  # "pdf" or "docx", judged from the content
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind"]
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_material_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.original_name})"


class Program(models.Model):
    """A residency program the applicant applies to, with the date its letters are needed by."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programs")
    name = models.CharField("program", max_length=200)
    deadline = models.DateField("letters needed by")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["deadline", "name", "id"]

    def __str__(self) -> str:
        return self.name


class CalendarFeed(models.Model):
    """The applicant's private calendar feed: whoever has the token's URL can read the plan and letter dates.

    Only a hash is looked up (``token_hash``), then the token is compared in constant time; making a
    new token (Settings) replaces this one, so the old URL stops working at once.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"


class CalendarEvent(models.Model):
    """What the feed last said about one event (by UID): its SEQUENCE, and what to cancel once it is gone."""

    feed = models.ForeignKey(CalendarFeed, on_delete=models.CASCADE, related_name="events")
    uid = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64)
    sequence = models.PositiveIntegerField(default=0)
    snapshot = models.JSONField(default=dict)
    gone_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["feed", "uid"], name="one_record_per_feed_event")]

    def __str__(self) -> str:
        return self.uid
