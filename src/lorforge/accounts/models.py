"""Accounts: the user (signed in by email) and the applicant's profile."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Upper

from lorforge.core import records
from lorforge.web.models import AsRecord


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)

    def get_by_natural_key(self, email: str):
        return self.get(email__iexact=email)


class User(AbstractUser):
    """An applicant (or an administrator); the email address is the log-in name."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("email address", unique=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta(AbstractUser.Meta):
        # Log-in, sign-up and the command line look the email up with email__iexact, which is UPPER(email) = …
        # on PostgreSQL: without this index that lookup scans every account.
        indexes = [models.Index(Upper("email"), name="user_email_upper")]

    def __str__(self) -> str:
        return self.email


class Profile(AsRecord, models.Model):
    """What documents and scripts say about the applicant, and the season's dates."""

    record_class = records.Applicant
    record_attributes = {"name": "display_name", "specialty": "target_specialty"}

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    # Blank until onboarding: the profile is made empty at sign-up; the profile form requires it.
    display_name = models.CharField("name as it should appear on documents", max_length=120, blank=True)
    medical_school = models.CharField(max_length=200, blank=True)
    country = models.CharField("country of your medical school", max_length=100, blank=True)
    target_specialty = models.CharField(max_length=100, blank=True)
    aamc_id = models.CharField("AAMC ID", max_length=10, blank=True)
    season = models.PositiveSmallIntegerField("match year", null=True, blank=True)
    # ERAS dates change every season: estimates the applicant can correct (see core.season).
    applications_open = models.DateField("ERAS opens to applicants", null=True, blank=True)
    submission_opens = models.DateField("applications can be submitted", null=True, blank=True)
    programs_review = models.DateField("programs start reviewing", null=True, blank=True)
    introduce_as = models.CharField(
        "how you introduce yourself",
        max_length=80,
        blank=True,
        help_text='For example "Dr. Nguyen", or your first name if you do not hold a medical degree yet.',
    )
    time_zone = models.CharField("your time zone", max_length=64, blank=True)  # IANA name; blank: the server's
    daily_email = models.BooleanField("email me each morning what is due today", default=False)
    digest_hour = models.PositiveSmallIntegerField("send it at", default=6)  # local hour, 0-23
    last_digest_on = models.DateField(null=True, blank=True)  # claimed by send_daily_digest
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_complete(self) -> bool:
        return bool(self.display_name and self.target_specialty and self.season)


class KeptWord(models.Model):
    """A word the privacy guard flagged that the applicant said is not a patient identifier."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="kept_words")
    word = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "word"], name="one_kept_word_per_user")]

    def __str__(self) -> str:
        return self.word


class SubmittedForm(models.Model):
    """A one-time token of a form that created something: the same form sent twice creates one record.

    The token is a hidden field of the form (``lorforge.accounts.once``); it is stored in the same transaction
    as what the form creates, so a double tap, Back-then-Save or two concurrent posts find it taken.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "token"], name="one_submission_per_token")]

    def __str__(self) -> str:
        return f"form sent {self.created_at:%Y-%m-%d %H:%M}"
