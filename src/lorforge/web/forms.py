"""Forms shared by every app: one markup for every field, and input that cannot break anything."""

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Renders ``{{ form }}`` and ``{{ field.as_field_group }}`` with LORforge's field markup."""

    form_template_name = "web/forms/form.html"
    field_template_name = "web/forms/field.html"


# --- Input that cannot break a page, a document or a terminal --------------------------------------

# C0 and C1 control characters (NUL, escape, bell…), the Unicode line/paragraph separators and the
# bidirectional override/isolate marks that can disguise text (right-to-left *letters* stay welcome).
_SINGLE_LINE_BAD = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# In a text box, new lines and tabs are fine; other control characters are not.
_MULTI_LINE_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
MAX_PK = 2**63 - 1


def reject_control_characters(value) -> None:
    """Validator for one-line fields (names, sites, titles, emails)."""
    if isinstance(value, str) and _SINGLE_LINE_BAD.search(value):
        raise ValidationError(
            "Remove the invisible control characters (for example a pasted tab or line break) from this field.",
            code="control_characters",
        )


def reject_control_characters_multiline(value) -> None:
    """Validator for text boxes: line breaks and tabs allowed, other control characters not."""
    if isinstance(value, str) and _MULTI_LINE_BAD.search(value):
        raise ValidationError(
            "Remove the invisible control characters from this text (they can come with "
            "text pasted from another program).",
            code="control_characters",
        )


def _plausible_pk(value) -> bool:
    text = str(value).strip()
    return text.isascii() and text.isdigit() and 0 < int(text) <= MAX_PK


def _guard_choice_field(field) -> None:
    """A model choice answers "not one of yours" for ids no database can hold (2**70, -1, "abc")."""
    model = field.queryset.model
    if model._meta.pk.get_internal_type() not in {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "IntegerField",
        "BigIntegerField",
        "PositiveIntegerField",
    }:
        return
    original = field.clean

    def clean(value):
        values = value if isinstance(value, (list, tuple)) else [value]
        for item in values:
            if item not in (None, "") and not _plausible_pk(item):
                raise ValidationError(
                    field.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(item)[:30], "pk": str(item)[:30]},
                )
        return original(value)

    field.clean = clean


class SafeInputMixin:
    """Mix into any form: one-line text fields refuse control characters, text boxes all but line breaks
    and tabs, and model choices refuse ids out of any database's range. Leftmost, before the Form class."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, (forms.ModelChoiceField, forms.ModelMultipleChoiceField)):
                _guard_choice_field(field)
            elif isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput):
                multiline = isinstance(field.widget, forms.Textarea)
                field.validators.append(reject_control_characters_multiline if multiline else reject_control_characters)


def upload_field(label: str, *, choose: str, empty: str, help_text: str = "") -> forms.FileField:
    """A file field that says which file to choose when none was (``choose``) and when it is empty (``empty``)."""
    return forms.FileField(label=label, help_text=help_text, error_messages={"required": choose, "empty": empty})


def upload_within(upload, limit: int, too_large: str):
    """The upload, refused with ``too_large`` before it is read into memory when it is over ``limit`` bytes."""
    if upload.size > limit:
        raise ValidationError(too_large)
    return upload


_NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 10: "ten"}


def date_within(value: dt.date | None, *, today: dt.date, years: int = 3, happened: bool = False, passed: str = ""):
    """``value`` (None stays None) unless it is out of its window around ``today``: more than ``years`` either way
    (a typo in the year), after tomorrow for something that ``happened`` (a day's slack: the applicant may be a
    time zone ahead), or before today when ``passed`` says why that cannot be. The one date-window rule of forms."""
    if value is None:
        return None
    span = dt.timedelta(days=365 * years)
    how_far = f"more than {_NUMBER_WORDS.get(years, years)} years"
    if happened and value > today + dt.timedelta(days=1):
        raise ValidationError("That date is in the future. Record it once it has happened.")
    if passed and value < today:
        raise ValidationError(passed)
    if value > today + span:
        raise ValidationError(f"That date is {how_far} away. Check the year.")
    if value < today - span:
        raise ValidationError(f"That date is {how_far} ago. Check the year.")
    return value


def model_data(form: forms.ModelForm) -> dict:
    """What a model form's model fields hold after validation (its other fields, such as a confirmation box,
    left out): what a service saves."""
    return {name: form.cleaned_data[name] for name in form._meta.fields if name in form.cleaned_data}
