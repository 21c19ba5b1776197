"""Letter forms: validate and convert, nothing more."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms

from lorforge import clock
from lorforge.accounts.privacy import PrivacyGuardMixin
from lorforge.accounts.services import profile_for, season_dates
from lorforge.core import eras, files, letters
from lorforge.core.season import deadline_problem, season_for
from lorforge.rotations.models import Person
from lorforge.web.forms import SafeInputMixin, date_within, upload_field, upload_within

from . import selectors
from .models import MaterialKind, Program, Writer

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_YEARS_AWAY = 3


def _when_field(label: str = "When") -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=DATE_WIDGET,
        initial=clock.today,
        error_messages={"required": "Enter the date it happened.", "invalid": "Enter a valid date, e.g. 2026-09-15."},
    )


def _not_in_future(value: dt.date) -> dt.date:
    return date_within(value, today=clock.today(), years=MAX_YEARS_AWAY, happened=True)


class WriterAddForm(SafeInputMixin, forms.Form):
    person = forms.ModelChoiceField(
        label="Who could write for you?",
        queryset=Person.objects.none(),
        empty_label="Choose a person",
        error_messages={
            "required": "Choose the person to add.",
            "invalid_choice": "Choose someone from your own people.",
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        field.queryset = selectors.eligible_people(user=user)
        field.label_from_instance = lambda p: (
            f"{p.name} ({p.get_role_display().lower()}{', ' + p.rotation.specialty if p.rotation else ''})"
        )


class WriterForm(PrivacyGuardMixin, forms.ModelForm):
    privacy_fields = ("taught",)

    class Meta:
        model = Writer
        fields = ("taught", "senior_title")
        widgets = {"taught": forms.Textarea(attrs={"rows": 3})}
        labels = {"senior_title": "They hold a senior title (department chair, dean, chief)"}
        help_texts = {
            "taught": "One or two things, one per line, e.g. managing inpatient diabetes. Your script and "
            "thank-you email use them.",
            "senior_title": "A big title helps only if they know your work well; the portfolio warns you if not.",
        }

    def clean_taught(self) -> str:
        lines = [" ".join(line.split()) for line in self.cleaned_data.get("taught", "").splitlines()]
        return "\n".join(line for line in lines if line)


class StageMoveForm(PrivacyGuardMixin, forms.Form):
    privacy_fields = ("note",)
    stage = forms.ChoiceField(
        label="Move to",
        choices=[(s.key, s.label) for s in letters.STAGES],
        error_messages={
            "required": "Choose the stage to move to.",
            "invalid_choice": "Choose one of the stages in the list.",
        },
    )
    on = _when_field()
    note = forms.CharField(
        label="Note",
        max_length=300,
        required=False,
        help_text="Optional: what happened, in a few words. Leave patient details out.",
    )

    def clean_on(self) -> dt.date:
        return _not_in_future(self.cleaned_data["on"])


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="What did they say?",
        widget=forms.RadioSelect,
        choices=[("confident_yes", "A confident yes"), ("hesitant", "A hesitant or qualified yes"), ("declined", "No")],
        error_messages={
            "required": "Choose the answer they gave.",
            "invalid_choice": "Choose one of the three answers.",
        },
    )
    on = _when_field("When did you ask?")

    def clean_on(self) -> dt.date:
        return _not_in_future(self.cleaned_data["on"])


class SentForm(forms.Form):
    on = _when_field("Sent on")

    def clean_on(self) -> dt.date:
        return _not_in_future(self.cleaned_data["on"])


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    data: bytes
    file_type: str  # "pdf" or "docx"


class MaterialForm(forms.Form):
    kind = forms.ChoiceField(
        label="What are you uploading?",
        choices=MaterialKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether this is your CV or your statement draft."},
    )
    file = upload_field(
        "File",
        help_text="PDF or Word (.docx), up to 5 MB.",
        choose="Choose a PDF or Word (.docx) file to upload.",
        empty="That file is empty. Choose the saved PDF or .docx file.",
    )

    def clean_file(self) -> CheckedUpload:
        upload = self.cleaned_data["file"]
        name = upload.name or ""
        too_large = (
            f"“{name}” is {upload.size / 1024 / 1024:.1f} MB; the limit is "
            f"{files.MAX_UPLOAD_BYTES // (1024 * 1024)} MB. Save a smaller PDF (without large images) and try again."
        )
        data = upload_within(upload, files.MAX_UPLOAD_BYTES, too_large).read()
        file_type, problem = files.check_upload(name, data)
        if problem:
            raise forms.ValidationError(problem)
        return CheckedUpload(name=name, data=data, file_type=file_type)


class ProgramForm(SafeInputMixin, forms.ModelForm):
    class Meta:
        model = Program
        fields = ("name", "specialty", "eras_code", "deadline")
        widgets = {"deadline": DATE_WIDGET}
        labels = {
            "name": "Program",
            "deadline": "Letters needed by",
            "specialty": "Specialty or track",
            "eras_code": "ERAS program code",
        }
        help_texts = {
            "name": "e.g. Mercy General Internal Medicine Residency",
            "specialty": "e.g. Internal Medicine, or Internal Medicine (preliminary). Empty: your target specialty.",
            "eras_code": "As ERAS lists the program, e.g. 1403521102; only for your own records.",
            "deadline": "The date you want every letter uploaded in ERAS for this program.",
        }
        error_messages = {
            "name": {"required": "Enter the program's name."},
            "deadline": {
                "required": "Enter the date letters are needed by.",
                "invalid": "Enter a valid date, e.g. 2027-09-24.",
            },
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data.get("name", "").split())
        if not name:
            raise forms.ValidationError("Enter the program's name.")
        same = Program.objects.filter(user=self.user, name__iexact=name).exclude(pk=self.instance.pk)
        if same.exists():
            raise forms.ValidationError(f"You already added {name}. Edit that one instead.")
        return name

    def clean_specialty(self) -> str:
        value = " ".join(self.cleaned_data.get("specialty", "").split())
        return value or profile_for(user=self.user).target_specialty

    def clean_eras_code(self) -> str:
        value = self.cleaned_data.get("eras_code", "")
        if problem := eras.program_code_problem(value):
            raise forms.ValidationError(problem)
        return eras.normalize_program_code(value)

    def clean_deadline(self) -> dt.date:
        value = self.cleaned_data["deadline"]
        today = clock.today(self.user)
        date_within(
            value,
            today=today,
            years=MAX_YEARS_AWAY,
            passed="That date has already passed. Add the deadlines still ahead of you.",
        )
        profile = profile_for(user=self.user)
        season = profile.season or season_for(today)
        problem = deadline_problem(value, season, season_dates(profile=profile, today=today))
        if problem:
            raise forms.ValidationError(problem)
        return value


class AppliedForm(forms.Form):
    on = forms.DateField(
        label="Applied on",
        widget=DATE_WIDGET,
        required=False,
        initial=clock.today,
        error_messages={"invalid": "Enter a valid date, e.g. 2027-09-10."},
        help_text="Leave empty if you have not applied yet.",
    )

    def clean_on(self) -> dt.date | None:
        value = self.cleaned_data.get("on")
        return _not_in_future(value) if value else None


class ShareForm(forms.ModelForm):
    class Meta:
        model = Writer
        fields = ("share_helper", "share_cv", "share_statement", "share_aamc_id")


class ErasEntryForm(PrivacyGuardMixin, forms.ModelForm):
    """The letter's ERAS entry as the applicant copies it from MyERAS, and its Letter Request Form."""

    privacy_fields = ("eras_author_title", "eras_specialty")
    form_pdf = forms.FileField(
        label="Letter Request Form (PDF)",
        required=False,
        help_text="The PDF ERAS makes when you confirm the entry; up to 5 MB. It goes with "
        "the materials email and on the writer's private page.",
    )
    remove_form = forms.BooleanField(label="Remove the uploaded form", required=False)

    class Meta:
        model = Writer
        fields = (
            "eras_letter_id",
            "eras_author_title",
            "eras_specialty",
            "eras_waiver",
            "eras_program_director",
            "eras_department_chair",
        )
        widgets = {"eras_waiver": forms.RadioSelect}
        labels = {
            "eras_letter_id": "Letter ID",
            "eras_author_title": "Author's title or department",
            "eras_specialty": "Specialty label",
            "eras_waiver": "Right to view the letter",
            "eras_program_director": "This author is a program director where I trained",
            "eras_department_chair": "This author is a department chair where I did a clerkship",
        }
        help_texts = {
            "eras_letter_id": "Printed on the Letter Request Form, in letters and digits. One per letter, for "
            "one author only.",
            "eras_author_title": "As you typed it in ERAS, e.g. Associate Professor, Department of Medicine.",
            "eras_specialty": "Only you and the author see it in ERAS; programs do not.",
            "eras_waiver": eras.WAIVER_EXPLANATION,
        }

    def __init__(self, *args, writer: Writer, aamc_id: str = "", **kwargs):
        super().__init__(*args, instance=writer, **kwargs)
        self.writer, self.aamc_id = writer, aamc_id
        self.fields["eras_waiver"].choices = list(eras.WAIVER_CHOICES)
        self.fields["eras_waiver"].required = False
        self.checked_form: CheckedUpload | None = None

    def clean_eras_letter_id(self) -> str:
        value = self.cleaned_data.get("eras_letter_id", "")
        if not value.strip():
            return ""
        if problem := eras.letter_id_problem(value, aamc_id=self.aamc_id):
            raise forms.ValidationError(problem)
        others = (
            Writer.objects.filter(user=self.writer.user)
            .exclude(pk=self.writer.pk)
            .exclude(eras_letter_id="")
            .select_related("person")
        )
        if clash := eras.letter_id_clash(value, [(w.eras_letter_id, w.person.name) for w in others]):
            raise forms.ValidationError(clash)
        return eras.normalize_letter_id(value)

    def clean_form_pdf(self) -> CheckedUpload | None:
        upload = self.cleaned_data.get("form_pdf")
        if not upload:
            return None
        name = upload.name or ""
        if upload.size > files.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"“{name}” is {upload.size / 1024 / 1024:.1f} MB; the limit is "
                f"{files.MAX_UPLOAD_BYTES // (1024 * 1024)} MB."
            )
        data = upload.read()
        file_type, problem = files.check_upload(name, data)
        if problem:
            raise forms.ValidationError(problem)
        if file_type != "pdf":
            raise forms.ValidationError(
                "ERAS makes the Letter Request Form as a PDF: upload that PDF, not a Word file."
            )
        self.checked_form = CheckedUpload(name=name, data=data, file_type=file_type)
        return self.checked_form
