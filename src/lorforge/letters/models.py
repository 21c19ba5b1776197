"""Letter writers and their dated stage history, uploaded materials and program deadlines."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

from lorforge.core import eras, letters
from lorforge.rotations.models import Person

STAGE_CHOICES = [(s.key, s.label) for s in letters.STAGES]


def request_form_upload_name(instance, filename: str) -> str:
    """A random name for a Letter Request Form (always a PDF); the file's own name stays in the database."""
    return f"request-forms/{secrets.token_urlsafe(24)}.pdf"


class Writer(models.Model):
    """A person the applicant may ask (or has asked) for a letter. The stage lives in ``stage_changes``."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="letter_writers")
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="writer")
    senior_title = models.BooleanField("has a senior title (chair, dean, chief)", default=False)
    taught = models.TextField("what they taught you", max_length=500, blank=True)
    final_note_sent_on = models.DateField("final note sent on", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The letter's ERAS entry (MyERAS → Letters of Recommendation), as the applicant copied it.
    eras_letter_id = models.CharField("Letter ID", max_length=40, blank=True)
    eras_author_title = models.CharField("author's title or department", max_length=200, blank=True)
    eras_specialty = models.CharField("specialty label", max_length=100, blank=True)
    eras_waiver = models.CharField("right to view", max_length=12, blank=True, choices=eras.WAIVER_CHOICES)
    eras_program_director = models.BooleanField("program director flag", default=False)
    eras_department_chair = models.BooleanField("department chair flag", default=False)
    request_form = models.FileField(
        "Letter Request Form", upload_to=request_form_upload_name, max_length=200, blank=True
    )
    request_form_name = models.CharField(max_length=200, blank=True)
    # What the writer's private page shows (the Letter ID, its form and the deadline are always there).
    share_helper = models.BooleanField("the one-page helper", default=True)
    share_cv = models.BooleanField("your CV", default=True)
    share_statement = models.BooleanField("your personal statement draft", default=True)
    share_aamc_id = models.BooleanField("your AAMC ID", default=True)

    class Meta:
        ordering = ["person__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "eras_letter_id"],
                name="one_letter_id_per_writer",
                condition=~models.Q(eras_letter_id=""),
            )
        ]

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
    specialty = models.CharField("specialty or track", max_length=100, blank=True)
    eras_code = models.CharField("ERAS program code", max_length=20, blank=True)
    applied_on = models.DateField("applied on", null=True, blank=True)  # ERAS locks its letters from then on

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


class Assignment(models.Model):
    """One letter assigned to one program in ERAS (at most four per program; see ``core.eras``)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="assignments")
    writer = models.ForeignKey(Writer, on_delete=models.CASCADE, related_name="assignments")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["program", "created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["program", "writer"], name="one_assignment_per_letter")]

    def __str__(self) -> str:
        return f"{self.writer} → {self.program}"


class WriterLink(models.Model):
    """The writer's private page: a signed link holding ``nonce``; a new nonce revokes the old link at once.

    A secret like the calendar link: never exported, made anew on the writer's letter page.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    writer = models.OneToOneField(Writer, on_delete=models.CASCADE, related_name="link")
    nonce = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Private page for {self.writer}"


class WriterPageView(models.Model):
    """Every visit to a writer's private page, for the applicant to see (rows are only added)."""

    WHAT = [
        ("page", "opened the page"),
        ("helper_pdf", "downloaded the helper"),
        ("cv", "downloaded your CV"),
        ("statement", "downloaded your statement"),
        ("form", "downloaded the Letter Request Form"),
        ("uploaded", "said the letter is uploaded"),
    ]
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    writer = models.ForeignKey(Writer, on_delete=models.CASCADE, related_name="page_views")
    at = models.DateTimeField()
    what = models.CharField(max_length=12, choices=WHAT)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.writer} {self.get_what_display()} at {self.at:%Y-%m-%d %H:%M}"
