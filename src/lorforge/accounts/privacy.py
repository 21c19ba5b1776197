"""The privacy guard in forms: scan free text before it is saved, show what was found, offer fixes.

A guarded form lists its free-text fields in ``privacy_fields``. When the
guard (lorforge.core.privacy) finds possible patient identifiers, the form is
invalid and re-renders with the findings highlighted and two choices:
replace them all with neutral words and save, or save while keeping the
ticked words (which are remembered, so they are not flagged again).
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.utils.html import format_html, format_html_join

from lorforge import clock
from lorforge.accounts.services import kept_words_add, kept_words_for
from lorforge.core import privacy
from lorforge.web.forms import SafeInputMixin

REPLACE, KEEP = "replace", "keep"
KIND_LABELS = {
    "name": "a name",
    "date": "a date",
    "age": "an age over 89",
    "id": "an ID number",
    "phone": "a phone number",
    "email": "an email address",
    "url": "a web address",
    "address": "a place or address",
}


@dataclass(frozen=True)
class FieldReview:
    label: str
    html: str  # the text with each finding wrapped in <mark class="phi">
    findings: tuple


def highlighted(text: str, findings) -> str:
    return format_html_join(
        "",
        "{}",
        (
            (
                format_html('<mark class="phi" title="Looks like {}">{}</mark>', KIND_LABELS.get(f.kind, f.kind), piece)
                if f
                else piece,
            )
            for piece, f in privacy.highlight_segments(text, findings)
        ),
    )


class PrivacyGuardMixin(SafeInputMixin):
    """Mix into a Form (leftmost); it takes ``kept_words``: the words the user already chose to keep.

    Every guarded form also refuses control characters and impossible ids (``SafeInputMixin``)."""

    privacy_fields: tuple[str, ...] = ()

    def __init__(self, *args, kept_words=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.kept_words = set(kept_words)
        self.newly_kept: set[str] = set()
        self.privacy_review: list[FieldReview] = []

    def clean(self):
        data = super().clean()
        action = self.data.get("privacy_action", "")
        if action == KEEP:
            self.newly_kept = {w for w in self.data.getlist("privacy_keep") if w.strip()}
        allow = self.kept_words | self.newly_kept
        found = {
            name: privacy.find_phi(data[name], allow=allow, today=clock.today())
            for name in self.privacy_fields
            if isinstance(data.get(name), str) and data[name]
        }
        found = {name: findings for name, findings in found.items() if findings}
        if found and action == REPLACE:
            self._replace(data, found)
            return data
        if found:
            self.privacy_review = [
                FieldReview(str(self.fields[name].label), highlighted(data[name], f), tuple(f))
                for name, f in found.items()
            ]
            raise forms.ValidationError(
                "This looks like it names a patient. Patient details must stay out of LORforge: "
                "replace them with neutral words, or keep the ones that are not about a patient.",
                code="privacy",
            )
        return data

    def _replace(self, data: dict, found: dict) -> None:
        """Swap every finding for its neutral placeholder in what is saved (the typed text stays as typed)."""
        for name, findings in found.items():
            data[name] = privacy.redact(data[name], findings)

    @property
    def privacy_words(self) -> list[str]:
        """Each flagged word once, for the "keep these" checkboxes."""
        words = {f.text: None for review in self.privacy_review for f in review.findings}
        return list(words)


def guard_kwargs(request) -> dict:
    """What a guarded form needs from the request: the user's kept words."""
    return {"kept_words": kept_words_for(user=request.user)}


def remember_kept_words(request, form) -> None:
    """After a guarded form is valid: remember the words the applicant chose to keep."""
    if getattr(form, "newly_kept", None):
        kept_words_add(user=request.user, words=form.newly_kept)
