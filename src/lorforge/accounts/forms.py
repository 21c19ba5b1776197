"""Account forms: validate and convert, nothing more."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import forms as auth_forms
from django.core.mail import EmailMultiAlternatives
from django.template import loader

from lorforge import clock
from lorforge.core.season import season_for
from lorforge.web.forms import SafeInputMixin, date_within, upload_field, upload_within

from .models import Profile, User
from .security import normalise_email

SPECIALTY_SUGGESTIONS = (
    "Internal Medicine",
    "Family Medicine",
    "Pediatrics",
    "Psychiatry",
    "Surgery",
    "Neurology",
    "Emergency Medicine",
    "Obstetrics and Gynecology",
    "Pathology",
)


class SignUpForm(SafeInputMixin, auth_forms.BaseUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update(autocomplete="email", autofocus=True)
        self.fields["password1"].help_text = "At least 10 characters; not a common password."

    ALREADY_EXISTS = "An account with this email already exists. Log in instead, or reset your password."

    def clean_email(self) -> str:
        email = normalise_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(self.ALREADY_EXISTS)
        return email


class LoginForm(SafeInputMixin, auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label="Email", widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )

    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": "That email and password do not match an account. Check both and try again.",
    }

    def clean_username(self) -> str:
        return normalise_email(self.cleaned_data.get("username"))


class PasswordResetForm(SafeInputMixin, auth_forms.PasswordResetForm):
    """The same answer, and the same work, whether an account has that email or not.

    The emails are built in the request (known account) or a look-alike is built and dropped (unknown
    account); sending, the slow part, happens after the response (``services.mail_in_background``).
    """

    def clean_email(self) -> str:
        return normalise_email(self.cleaned_data.get("email"))

    def save(self, **kwargs):
        from .services import mail_in_background

        self.outgoing: list[EmailMultiAlternatives] = []
        super().save(**kwargs)
        if not self.outgoing:  # unknown account: render a look-alike so the timing tells nothing
            self._build(
                kwargs.get("subject_template_name", "registration/password_reset_subject.txt"),
                kwargs.get("email_template_name", "registration/password_reset_email.html"),
                {
                    "email": self.cleaned_data["email"],
                    "domain": "example.org",
                    "site_name": "LORforge",
                    "uid": "MA",
                    "token": "set-password",
                    "protocol": "https",
                    "user": None,
                },
                kwargs.get("from_email"),
                self.cleaned_data["email"],
            )
            return
        mail_in_background(self.outgoing)

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        self.outgoing.append(self._build(subject_template_name, email_template_name, context, from_email, to_email))

    @staticmethod
    def _build(subject_template_name, email_template_name, context, from_email, to_email) -> EmailMultiAlternatives:
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        return EmailMultiAlternatives(subject, body, from_email, [to_email])


def _current_year() -> int:
    return clock.today().year


def default_season() -> int:
    return season_for(clock.today())


def season_check(*, profile, season: int, today):
    """The core's verdict on a chosen season, with this applicant's own ERAS dates where they gave them."""
    from lorforge.core.season import check_season, default_season_dates

    from .services import season_dates

    # The applicant's own ERAS dates belong to the season they were entered for.
    dates = season_dates(profile=profile, today=today) if season == profile.season else default_season_dates(season)
    return check_season(season, dates, today)


class ProfileForm(SafeInputMixin, forms.ModelForm):
    class Meta:
        model = Profile
        fields = ("display_name", "introduce_as", "medical_school", "country", "target_specialty", "aamc_id", "season")
        help_texts = {
            "display_name": "Exactly as on your CV and ERAS application, accents included.",
            "introduce_as": (
                "The name you say when you introduce yourself in the scripts: “Dr. Nguyễn” if you "
                "hold a medical degree, or your first name. Leave blank to use your full name."
            ),
            "target_specialty": "The specialty you are applying to, e.g. Internal Medicine.",
            "aamc_id": "The 8-digit number from your AAMC account. You can add it later.",
            "season": "The year your residency would start. Applying in September 2027 means the 2028 match.",
        }
        error_messages = {
            "display_name": {"required": "Enter your name as it should appear on documents."},
            "target_specialty": {"required": "Enter the specialty you are applying to."},
            "season": {"required": "Enter the year your residency would start."},
        }
        widgets = {
            "display_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "target_specialty": forms.TextInput(attrs={"list": "specialty-suggestions"}),
            "aamc_id": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "season": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["display_name"].required = True
        self.fields["target_specialty"].required = True
        self.fields["season"].required = True
        if not self.instance.season and not self.is_bound:  # a sensible default: the season still ahead
            self.initial["season"] = default_season()
        if not self.is_bound and (
            not self.instance.season
            or season_check(profile=self.instance, season=self.instance.season, today=clock.today()).state == "ahead"
        ):
            del self.fields["apply_late"]  # shown only next to a season whose programs are already reviewing

    def clean_display_name(self) -> str:
        name = " ".join(self.cleaned_data["display_name"].split())
        if not name:
            raise forms.ValidationError("Enter your name as it should appear on documents.")
        return name

    def clean_introduce_as(self) -> str:
        return " ".join((self.cleaned_data.get("introduce_as") or "").split())

    def clean_aamc_id(self) -> str:
        value = re.sub(r"\s", "", self.cleaned_data["aamc_id"])
        if value and not re.fullmatch(r"\d{7,9}", value):
            raise forms.ValidationError("An AAMC ID is a number of 8 digits (only digits).")
        return value

    apply_late = forms.BooleanField(
        required=False,
        label="I am applying in this season although programs are already reviewing",
        help_text="Your writers are then asked to upload as soon as possible, and told why.",
    )

    def clean_season(self) -> int:
        season = self.cleaned_data["season"]
        year = _current_year()
        if season is None or not (year <= season <= year + 4):
            raise forms.ValidationError(f"Enter a match year between {year} and {year + 4}.")
        return season

    def clean(self):
        cleaned = super().clean()
        season = cleaned.get("season")
        if season and "season" in self.changed_data:
            check = season_check(profile=self.instance, season=season, today=clock.today())
            if check.state == "over" or check.state == "reviewing" and not cleaned.get("apply_late"):
                self.add_error("season", check.message)
        return cleaned


class SeasonDatesForm(SafeInputMixin, forms.ModelForm):
    """The season's ERAS dates; the applicant corrects the estimates from the official timeline."""

    class Meta:
        model = Profile
        fields = ("applications_open", "submission_opens", "programs_review")
        widgets = {
            name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            for name in ("applications_open", "submission_opens", "programs_review")
        }

    def clean(self):
        data = super().clean()
        dates = [data.get(name) for name in self.Meta.fields]
        today = clock.today()
        for name, value in zip(self.Meta.fields, dates):
            try:
                date_within(value, today=today, years=5)
            except forms.ValidationError as error:
                self.add_error(name, error)
        opens, submit, review = dates
        if opens and submit and submit < opens:
            self.add_error("submission_opens", "Submission cannot open before ERAS opens.")
        if submit and review and review < submit:
            self.add_error("programs_review", "Programs cannot start reviewing before submission opens.")
        return data


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password", widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your current password.")
        return password


def _hour_label(hour: int) -> str:
    return {0: "midnight", 12: "noon"}.get(hour, f"{hour % 12} {'a.m.' if hour < 12 else 'p.m.'}")


class NotificationsForm(SafeInputMixin, forms.ModelForm):
    """The morning digest: on or off, at which local hour, in which time zone (the browser's by default)."""

    digest_hour = forms.TypedChoiceField(
        label="Send it at",
        coerce=int,
        required=False,
        empty_value=None,
        choices=[(h, _hour_label(h)) for h in range(24)],
        help_text="Your local time, in the time zone below.",
    )

    class Meta:
        model = Profile
        fields = ("daily_email", "digest_hour", "time_zone")
        help_texts = {
            "daily_email": "One short email on the days something is due. Nothing else, ever.",
            "time_zone": "Where you are, e.g. America/Chicago or Asia/Kolkata. Your days and the "
            "email follow it; empty means the server's zone.",
        }
        widgets = {
            "time_zone": forms.TextInput(
                attrs={
                    "data-browser-zone": "",
                    "autocomplete": "off",
                    "spellcheck": "false",
                    "placeholder": "America/Chicago",
                }
            )
        }

    def clean_digest_hour(self) -> int:
        hour = self.cleaned_data.get("digest_hour")
        return self.instance.digest_hour if hour is None else hour  # left out: keep the hour chosen before

    def clean_time_zone(self) -> str:
        import zoneinfo

        name = (self.cleaned_data.get("time_zone") or "").strip()
        if not name:
            return ""
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise forms.ValidationError(
                "That is not a time zone name. Use one like America/Chicago or Asia/Kolkata."
            ) from None
        return name


class ImportForm(forms.Form):
    file = upload_field(
        "Your LORforge export (.zip)",
        choose="Choose the .zip file that Export downloaded.",
        empty="That file is empty. Choose the .zip file that Export downloaded.",
    )

    def clean_file(self) -> bytes:
        from .portability import MAX_ZIP_BYTES

        too_large = f"That file is larger than {MAX_ZIP_BYTES // (1024 * 1024)} MB: it is not a LORforge export."
        return upload_within(self.cleaned_data["file"], MAX_ZIP_BYTES, too_large).read()
