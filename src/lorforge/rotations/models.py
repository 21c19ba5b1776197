"""Rotations and the people met on them."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lorforge.core import records
from lorforge.web.models import AsRecord, newest_first


def _choices(name: str, labels: dict[str, str]) -> type[models.TextChoices]:
    """The core's keys and labels as Django choices, each named after its key ("sub_internship": SUB_INTERNSHIP)."""
    return models.TextChoices(name, [(key.upper(), (key, label)) for key, label in labels.items()])


Setting = _choices("Setting", records.SETTING_LABELS)
Kind = _choices("Kind", records.KIND_LABELS)
Role = _choices("Role", records.ROLE_LABELS)


class Title(models.TextChoices):
    DR = "Dr.", "Dr."
    MR = "Mr.", "Mr."
    MS = "Ms.", "Ms."
    MX = "Mx.", "Mx."
    NONE = "", "No title"


class Rotation(AsRecord, models.Model):
    record_class = records.Rotation
    record_attributes = {"start": "start_date", "end": "end_date"}

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rotations")
    site = models.CharField("hospital or clinic", max_length=200)
    specialty = models.CharField(max_length=100)
    setting = models.CharField(max_length=20, choices=Setting.choices, default=Setting.INPATIENT)
    kind = models.CharField("type of rotation", max_length=20, choices=Kind.choices, default=Kind.CLERKSHIP)
    start_date = models.DateField("first day")
    end_date = models.DateField("last day")
    # The attending the plan is built around; None means the first attending on the team.
    lead = models.ForeignKey("Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        indexes = [newest_first("user", "start_date", name="rotation_user_newest")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="rotation_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.specialty} at {self.site}"

    @property
    def weeks(self) -> int:
        return max(1, round(((self.end_date - self.start_date).days + 1) / 7))


class Person(AsRecord, models.Model):
    """Someone the applicant works with: a possible letter writer or a source of feedback."""

    record_class = records.Person

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="people")
    rotation = models.ForeignKey(Rotation, on_delete=models.CASCADE, related_name="people", null=True, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.ATTENDING)
    name = models.CharField(max_length=120)
    # How they are addressed in speech and salutations ("Dr. Whitfield"); filled from the name by default.
    title = models.CharField(max_length=4, choices=Title.choices, blank=True)
    surname = models.CharField("surname (as you address them)", max_length=80, blank=True)
    email = models.EmailField(blank=True)
    specialty = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["user", "name", "id"], name="person_user_name"),
            models.Index(fields=["rotation", "role", "name"], name="person_rotation_role"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def addressed(self) -> str:
        """ "Dr. Whitfield": how scripts and emails address them."""
        return self.to_record().addressed


class Outcome(models.TextChoices):
    WENT_WELL = "went_well", "Went well"
    MIXED = "mixed", "Mixed"
    DID_NOT_HAPPEN = "did_not_happen", "Did not happen"
    DIFFICULT = "difficult", "Difficult"  # kept for older records; the done form offers the three above


# What "How did it go?" offers, one tap each.
ASKED_OUTCOMES = (Outcome.WENT_WELL, Outcome.MIXED, Outcome.DID_NOT_HAPPEN)


class CheckpointLog(models.Model):
    """A plan checkpoint the applicant marked done, with how it went."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rotation = models.ForeignKey(Rotation, on_delete=models.CASCADE, related_name="checkpoint_logs")
    checkpoint_id = models.CharField(max_length=40)  # plan.Checkpoint.id, e.g. "micro_highlight-2"
    key = models.CharField(max_length=30)
    done_on = models.DateField()
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.WENT_WELL)
    note = models.TextField("how it went", max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["rotation", "checkpoint_id"], name="one_log_per_checkpoint")]

    def __str__(self) -> str:
        return f"{self.checkpoint_id} done on {self.done_on}"


class DailyCheck(models.Model):
    """The end-of-day checklist for one rotation day: the answers to core.guidance's questions."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rotation = models.ForeignKey(Rotation, on_delete=models.CASCADE, related_name="daily_checks")
    day = models.DateField()
    answers = models.JSONField(default=dict)  # {question key: true/false}
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-day"]
        constraints = [models.UniqueConstraint(fields=["rotation", "day"], name="one_check_per_rotation_day")]

    def __str__(self) -> str:
        return f"daily check of {self.day}"
