"""Rotation and person forms: validate and convert, nothing more."""

from __future__ import annotations

from django import forms

from lorforge import clock
from lorforge.accounts.once import OnceTokenMixin
from lorforge.accounts.privacy import PrivacyGuardMixin
from lorforge.core import guidance, names, plan
from lorforge.web.forms import SafeInputMixin, date_within

from .models import ASKED_OUTCOMES, Person, Rotation

MAX_YEARS_AWAY = 3
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _clean_text(value: str, message: str) -> str:
    value = " ".join((value or "").split())
    if not value:
        raise forms.ValidationError(message)
    return value


class RotationForm(SafeInputMixin, forms.ModelForm):
    class Meta:
        model = Rotation
        fields = ("site", "specialty", "kind", "setting", "start_date", "end_date")
        widgets = {
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
            "kind": forms.RadioSelect,
            "setting": forms.RadioSelect,
            "specialty": forms.TextInput(attrs={"list": "specialty-suggestions"}),
        }
        error_messages = {
            "site": {"required": "Enter the hospital or clinic."},
            "specialty": {"required": "Enter the rotation's specialty, e.g. Internal Medicine."},
            "start_date": {"required": "Enter the first day of the rotation."},
            "end_date": {"required": "Enter the last day of the rotation."},
        }
        help_texts = {
            "site": "e.g. Mercy General Hospital, Chicago",
            "end_date": "Your last day on the rotation.",
        }

    def clean_site(self) -> str:
        return _clean_text(self.cleaned_data.get("site"), "Enter the hospital or clinic.")

    def clean_specialty(self) -> str:
        return _clean_text(
            self.cleaned_data.get("specialty"), "Enter the rotation's specialty, e.g. Internal Medicine."
        )

    def clean_start_date(self):
        return date_within(self.cleaned_data.get("start_date"), today=clock.today(), years=MAX_YEARS_AWAY)

    def clean_end_date(self):
        return date_within(self.cleaned_data.get("end_date"), today=clock.today(), years=MAX_YEARS_AWAY)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end:
            if end < start:
                self.add_error("end_date", "The last day cannot be before the first day.")
            elif (end - start).days + 1 > plan.MAX_ROTATION_DAYS:
                self.add_error("end_date", "That makes the rotation longer than six months. Check the dates.")
            else:
                try:
                    plan.check_rotation_dates(start, end)
                except ValueError as exc:
                    self.add_error("end_date", f"A plan cannot be made: {exc}.")
        return data


class NewRotationForm(OnceTokenMixin, RotationForm):
    """Adding a rotation can name its attending at the same time; Back-then-Save adds it once."""

    attending_name = forms.CharField(
        label="Your attending's name",
        max_length=120,
        required=False,
        help_text="You can add the rest of the team later.",
    )
    attending_email = forms.EmailField(
        label="Attending's email", required=False, widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )

    def clean_attending_name(self) -> str:
        return " ".join(self.cleaned_data.get("attending_name", "").split())

    def clean(self):
        data = super().clean()
        if data.get("attending_email") and not data.get("attending_name"):
            self.add_error("attending_name", "Add the attending's name to go with the email.")
        return data


class PersonForm(SafeInputMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = ("name", "title", "surname", "role", "rotation", "email", "specialty")
        labels = {"name": "Full name", "title": "Title"}
        help_texts = {
            "name": "Their full name as it appears at work, e.g. Sarah Whitfield. Degrees such as MD are fine.",
            "title": "How you address them. Left blank with the surname, LORforge fills both from the full name.",
            "surname": "Scripts and emails say “Dr. Whitfield”: the title and this name.",
            "rotation": "Leave empty for someone outside your rotations, such as a research mentor.",
        }
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "off"})}
        error_messages = {"name": {"required": "Enter the person's name."}}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        rotations = self.fields["rotation"]
        rotations.queryset = Rotation.objects.filter(user=user)
        rotations.empty_label = "Not on a rotation"
        rotations.error_messages["invalid_choice"] = "Choose one of your own rotations."
        rotations.label_from_instance = lambda r: f"{r.specialty} at {r.site} ({r.start_date:%b %Y})"

    def clean_name(self) -> str:
        return _clean_text(self.cleaned_data.get("name"), "Enter the person's name.")

    def clean_surname(self) -> str:
        return " ".join((self.cleaned_data.get("surname") or "").split())

    def clean(self):
        data = super().clean()
        if data.get("name") and not data.get("surname"):
            # Blank form of address: derived from the full name ("Sarah Smith, MD" → Dr. Smith).
            data["title"], data["surname"] = names.address_parts(data["name"], data.get("role") or "attending")
        return data


class NewPersonForm(OnceTokenMixin, PersonForm):
    """Adding a person: a double tap or Back-then-Save adds them once."""


class LeadForm(SafeInputMixin, forms.Form):
    lead = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        label="Plan built around",
        error_messages={"invalid_choice": "Choose someone from this rotation's team."},
    )

    def __init__(self, *args, rotation: Rotation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = rotation.people.filter(role__in=["attending", "fellow", "resident"])


class CheckpointDoneForm(PrivacyGuardMixin, forms.Form):
    privacy_fields = ("note", "feedback")
    outcome = forms.ChoiceField(
        label="How did it go?",
        choices=[(o.value, o.label) for o in ASKED_OUTCOMES],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how it went: went well, mixed or did not happen.",
            "invalid_choice": "Select a valid choice: went well, mixed or did not happen.",
        },
    )
    feedback = forms.CharField(
        label="What they said",
        required=False,
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Their words, as close as you can. It goes to your feedback log, so "
        "LORforge can remind you to show them the change.",
    )
    note = forms.CharField(
        label="A note for yourself",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What you will do next. Leave patient details out.",
    )


class DailyCheckForm(forms.Form):
    """One yes/no per checklist question; an unanswered question stays unanswered."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for item in guidance.CHECKLIST:
            self.fields[item.key] = forms.TypedChoiceField(
                label=item.question,
                help_text=item.hint,
                required=False,
                widget=forms.RadioSelect,
                choices=[("yes", "Yes"), ("no", "Not today")],
                coerce=lambda v: v == "yes",
                empty_value=None,
            )

    @classmethod
    def with_answers(cls, answers: dict[str, bool]) -> DailyCheckForm:
        """An unbound form showing the answers already saved for the day."""
        return cls(initial={key: ("yes" if value else "no") for key, value in answers.items()})

    def answers(self) -> dict[str, bool]:
        return {key: value for key, value in self.cleaned_data.items() if value is not None}
