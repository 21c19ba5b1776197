"""Account forms: validate and convert, nothing more."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils import timezone

from .models import Profile, User

SPECIALTY_SUGGESTIONS = ("Internal Medicine", "Family Medicine", "Pediatrics", "Psychiatry", "Surgery",
                         "Neurology", "Emergency Medicine", "Obstetrics and Gynecology", "Pathology")


class SignUpForm(auth_forms.BaseUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update(autocomplete="email", autofocus=True)
        self.fields["password1"].help_text = "At least 10 characters; not a common password."

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("An account with this email already exists. Log in instead, or reset your password.")
        return email


class LoginForm(auth_forms.AuthenticationForm):
    username = forms.EmailField(label="Email", widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}))

    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": "That email and password do not match an account. Check both and try again.",
    }


def _current_year() -> int:
    return timezone.localdate().year


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ("display_name", "medical_school", "country", "target_specialty", "aamc_id", "season")
        help_texts = {
            "display_name": "Exactly as on your CV and ERAS application, accents included.",
            "target_specialty": "The specialty you are applying to, e.g. Internal Medicine.",
            "aamc_id": "The 8-digit number from your AAMC account. You can add it later.",
            "season": "The year your residency would start, e.g. the 2027 match.",
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

    def clean_display_name(self) -> str:
        name = " ".join(self.cleaned_data["display_name"].split())
        if not name:
            raise forms.ValidationError("Enter your name as it should appear on documents.")
        return name

    def clean_aamc_id(self) -> str:
        value = re.sub(r"\s", "", self.cleaned_data["aamc_id"])
        if value and not re.fullmatch(r"\d{7,9}", value):
            raise forms.ValidationError("An AAMC ID is a number of 8 digits (only digits).")
        return value

    def clean_season(self) -> int:
        season = self.cleaned_data["season"]
        year = _current_year()
        if season is None or not (year <= season <= year + 4):
            raise forms.ValidationError(f"Enter a match year between {year} and {year + 4}.")
        return season


class SeasonDatesForm(forms.ModelForm):
    """The season's ERAS dates; the applicant corrects the estimates from the official timeline."""

    class Meta:
        model = Profile
        fields = ("applications_open", "submission_opens", "programs_review")
        widgets = {name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
                   for name in ("applications_open", "submission_opens", "programs_review")}

    def clean(self):
        data = super().clean()
        dates = [data.get(name) for name in self.Meta.fields]
        today = timezone.localdate()
        for name, value in zip(self.Meta.fields, dates):
            if value and abs((value - today).days) > 365 * 5:
                self.add_error(name, "That date is more than five years away. Check the year.")
        opens, submit, review = dates
        if opens and submit and submit < opens:
            self.add_error("submission_opens", "Submission cannot open before ERAS opens.")
        if submit and review and review < submit:
            self.add_error("programs_review", "Programs cannot start reviewing before submission opens.")
        return data


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label="Your password", widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your current password.")
        return password


class NotificationsForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ("daily_email",)
        help_texts = {"daily_email": "One short email on the days something is due. Nothing else, ever."}
