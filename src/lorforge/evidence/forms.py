"""Evidence forms: validate and convert. People and rotations are limited to the user's own."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.forms.models import ModelChoiceIterator

from lorforge import clock
from lorforge.accounts.once import OnceTokenMixin
from lorforge.accounts.privacy import PrivacyGuardMixin
from lorforge.core import presentations
from lorforge.core.qualities import QUALITIES
from lorforge.rotations.models import Person, Rotation
from lorforge.web.forms import SafeInputMixin, date_within

from .models import Compliment, Feedback, Story, Task

QUALITY_CHOICES = [(q.key, q.label) for q in QUALITIES]
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _not_far(value: dt.date | None) -> dt.date | None:
    """Evidence is about what happened: not in the future, not years ago."""
    return date_within(value, today=clock.today(), happened=True)


def _text(value: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise forms.ValidationError(message)
    return value


class OwnedChoicesMixin:
    """Limits rotation and person choices to the signed-in user's own records."""

    def limit_choices(self, user) -> None:
        if "rotation" in self.fields:
            field = self.fields["rotation"]
            field.queryset = Rotation.objects.filter(user=user)
            field.error_messages["invalid_choice"] = "Choose one of your own rotations."
            field.label_from_instance = lambda r: f"{r.specialty} at {r.site}"
            field.empty_label = "Not tied to a rotation"  # a real label, not Django's "- Select an option -"
        if "giver" in self.fields:
            self.fields["giver"].empty_label = "Someone not in your list"
        for name in ("witnesses", "giver"):
            if name in self.fields:
                field = self.fields[name]
                field.queryset = Person.objects.filter(user=user).select_related("rotation")
                field.error_messages["invalid_choice"] = "Choose someone from your own people."
                field.error_messages["invalid_pk_value"] = "Choose someone from your own people."

    def clean(self):
        data = super().clean()
        rotation = data.get("rotation")
        people = list(data.get("witnesses") or []) + ([data["giver"]] if data.get("giver") else [])
        if rotation and any(p.rotation_id not in (None, rotation.id) for p in people):
            self.add_error(None, "Someone you chose was on a different rotation. Pick people from this rotation.")
        return data


class EntryForm(OnceTokenMixin, PrivacyGuardMixin, OwnedChoicesMixin, forms.ModelForm):
    """The one form base for stories, feedback and compliments; each kind says what differs as data:
    its date field, its main text and the message when that text is empty, and who must be chosen."""

    date_field: str = ""
    text_field: str = ""
    text_required: str = ""
    person_required: str = ""  # the message when the person is missing; "" = optional

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_choices(user)
        self.fields[self.date_field].initial = clock.today()
        if "rotation" in self.fields:
            self.fields["rotation"].required = False
        if self.person_required:
            self.fields["giver"].required = True
            self.fields["giver"].error_messages["required"] = self.person_required

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # clean_<main text> (trimmed, required) and clean_<each date> (not far), made from the data above
        if cls.text_field and f"clean_{cls.text_field}" not in cls.__dict__:
            setattr(
                cls,
                f"clean_{cls.text_field}",
                lambda self: _text(self.cleaned_data.get(self.text_field), self.text_required),
            )
        for name in getattr(cls.Meta, "fields", ()):
            if name in (cls.date_field, "followed_up_on") and f"clean_{name}" not in cls.__dict__:
                setattr(cls, f"clean_{name}", lambda self, name=name: _not_far(self.cleaned_data.get(name)))


class StoryForm(EntryForm):
    privacy_fields = ("text",)
    date_field, text_field, text_required = "happened_on", "text", "Write what happened, in a sentence or two."
    qualities = forms.MultipleChoiceField(
        label="What it shows",
        choices=QUALITY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave empty and LORforge suggests them; change them any time.",
    )

    class Meta:
        model = Story
        fields = ("text", "rotation", "witnesses", "visible", "happened_on", "qualities")
        labels = {"witnesses": "Who saw it", "visible": "I mentioned it to them (on rounds, in an update)"}
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3, "placeholder": "What did you do, for whom, and what came of it?"}),
            "witnesses": forms.CheckboxSelectMultiple,
            "happened_on": DATE_WIDGET,
        }
        error_messages = {"text": {"required": "Write what happened, in a sentence or two."}}


class FeedbackForm(EntryForm):
    privacy_fields = ("said", "change", "follow_up", "reaction")
    date_field, text_field, text_required = "given_on", "said", "Write down what they said, even briefly."
    person_required = "Choose who gave the feedback."

    class Meta:
        model = Feedback
        fields = ("giver", "rotation", "given_on", "said", "change", "followed_up_on", "follow_up", "reaction")
        labels = {"giver": "Who gave it"}
        widgets = {
            "given_on": DATE_WIDGET,
            "followed_up_on": DATE_WIDGET,
            "said": forms.Textarea(attrs={"rows": 3}),
            "change": forms.Textarea(attrs={"rows": 2}),
            "follow_up": forms.Textarea(attrs={"rows": 2, "placeholder": "I have been working on … as you suggested."}),
            "reaction": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "change": (
                "What will you change? Write it as you would say it, starting with “I”: “I start each "
                "presentation with a one-line assessment.” You will show it about a week from now."
            ),
            "followed_up_on": "Fill in once you have told them how you worked on it.",
        }
        error_messages = {"said": {"required": "Write down what they said, even briefly."}}

    def clean(self):
        data = super().clean()
        given, followed = data.get("given_on"), data.get("followed_up_on")
        if given and followed and followed < given:
            self.add_error("followed_up_on", "The follow-up cannot come before the feedback.")
        if data.get("follow_up") and not followed:
            self.add_error("followed_up_on", "Add the date you followed up.")
        return data


class FollowUpForm(PrivacyGuardMixin, forms.ModelForm):
    """Closing the loop: what the applicant said a week later, and how it landed."""

    privacy_fields = ("follow_up", "reaction")

    class Meta:
        model = Feedback
        fields = ("followed_up_on", "follow_up", "reaction")
        widgets = FeedbackForm.Meta.widgets | {}
        labels = {"followed_up_on": "When you said it"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["followed_up_on"].required = True
        self.fields["followed_up_on"].initial = clock.today()
        self.fields["followed_up_on"].error_messages["required"] = "Add the date you followed up."
        self.fields["follow_up"].required = True
        self.fields["follow_up"].error_messages["required"] = "Write what you told them about the change."

    def clean_followed_up_on(self):
        value = _not_far(self.cleaned_data.get("followed_up_on"))
        if value and value < self.instance.given_on:
            raise forms.ValidationError("The follow-up cannot come before the feedback.")
        return value


class ComplimentForm(EntryForm):
    privacy_fields = ("text",)
    date_field, text_field, text_required = "received_on", "text", "Write down what they said."

    class Meta:
        model = Compliment
        fields = ("giver", "rotation", "received_on", "text")
        labels = {"giver": "Who said it", "text": "What they said, as close to their words as you can"}
        widgets = {"received_on": DATE_WIDGET, "text": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"text": {"required": "Write down what they said."}}


ENTRY_FORMS = {"story": StoryForm, "feedback": FeedbackForm, "compliment": ComplimentForm}


class TaskForm(PrivacyGuardMixin, forms.ModelForm):
    privacy_fields = ("text",)

    class Meta:
        model = Task
        fields = ("text",)
        labels = {"text": "New task"}
        widgets = {"text": forms.TextInput(attrs={"placeholder": "e.g. call cardiology about the echo"})}
        error_messages = {"text": {"required": "Write the task in a few words."}}

    def clean_text(self) -> str:
        return _text(self.cleaned_data.get("text"), "Write the task in a few words.").rstrip(".")


class TaskStatusForm(PrivacyGuardMixin, forms.Form):
    privacy_fields = ("reason",)
    status = forms.ChoiceField(label="Status", choices=Task._meta.get_field("status").choices, widget=forms.RadioSelect)
    reason = forms.CharField(label="Why it is blocked", max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("status") == "blocked" and not (data.get("reason") or "").strip():
            self.add_error("reason", "Say briefly why it is blocked, so the team knows what is pending.")
        return data


class EvidenceFilterForm(SafeInputMixin, forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100)
    kind = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("", "Everything"), ("story", "Stories"), ("feedback", "Feedback"), ("compliment", "Compliments")],
    )
    rotation = forms.ModelChoiceField(
        label="Rotation", queryset=Rotation.objects.none(), required=False, empty_label="All rotations"
    )
    person = forms.ModelChoiceField(
        label="Person", queryset=Person.objects.none(), required=False, empty_label="Everyone"
    )
    quality = forms.ChoiceField(label="Quality", required=False, choices=[("", "Any quality"), *QUALITY_CHOICES])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rotation"].queryset = Rotation.objects.filter(user=user)
        self.fields["rotation"].label_from_instance = lambda r: f"{r.specialty} at {r.site}"
        self.fields["person"].queryset = Person.objects.filter(user=user)


PRESENTATION_TEMPLATES = {
    "oral": (presentations.PRESENTATION_FIELDS, presentations.validate_presentation),
    "sbar": (presentations.SBAR_FIELDS, presentations.validate_sbar),
}


class PresentationForm(PrivacyGuardMixin, forms.Form):
    """The fields of one presentation template (core.presentations), checked by its validator."""

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        fields, self._validate = PRESENTATION_TEMPLATES[kind]
        self.privacy_fields = tuple(spec.key for spec in fields)
        for spec in fields:
            widget = forms.Textarea(attrs={"rows": 3}) if spec.multiline else forms.TextInput()
            self.fields[spec.key] = forms.CharField(
                label=spec.label, help_text=spec.help, required=False, max_length=spec.max_length, widget=widget
            )

    def clean(self):
        data = super().clean()
        for key, message in self._validate(data).items():
            if key in self.fields and key not in self.errors:
                self.add_error(key, message)
        return data


class _ReadChoices(ModelChoiceIterator):
    """The choices of a model field from its queryset as the template first evaluated it (``{% if
    form.witnesses.field.queryset %}``): one query, not a second one to list them."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


def quick_capture_form(*, rotation: Rotation, today: dt.date) -> StoryForm:
    """Today's quick capture of a story on a rotation: its team as the possible witnesses."""
    form = StoryForm(user=rotation.user, initial={"rotation": rotation.pk, "happened_on": today})
    witnesses = form.fields["witnesses"]
    witnesses.iterator = _ReadChoices  # before the queryset: setting it makes the widget's choices
    witnesses.queryset = Person.objects.filter(rotation=rotation)
    return form
