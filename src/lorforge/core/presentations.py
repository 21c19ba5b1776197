"""Fill-in templates for the two things applicants say out loud most: a patient presentation and SBAR.

The oral presentation follows the structure attendings expect from a strong
intern: brief HPI, focused exam and labs, a 3-4 item differential, why the top
choice leads, and a concrete plan. SBAR (situation, background, assessment,
recommendation) keeps a call to a consultant short. Each template is a tuple of
``Field`` for the form, a ``render_*`` that produces text to read aloud, and a
``validate_*`` that returns one message per field that needs attention.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

DIFFERENTIAL_MIN = 3
DIFFERENTIAL_MAX = 4


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    help: str  # one line under the input: what to write, with a short example
    multiline: bool = True
    max_length: int = 600
    required: bool = True


PRESENTATION_FIELDS: tuple[Field, ...] = (
    Field(
        "hpi",
        "Brief HPI",
        "Age, key history and why they are here, in two or three sentences. "
        "Example: 68-year-old with heart failure, three days of worsening leg swelling and shortness of breath.",
        max_length=600,
    ),
    Field(
        "exam_labs",
        "Focused exam and labs",
        "Only the findings that change your thinking, including pertinent negatives. "
        "Example: JVP up to the jaw, crackles at both bases; BNP 1,800, creatinine 1.4 from 1.0.",
        max_length=600,
    ),
    Field("differential", "Differential (3-4 items)", "One diagnosis per line, most likely first.", max_length=400),
    Field(
        "justification",
        "Why your top choice",
        "The two or three findings that make the first item the most likely, and what argues against the next one.",
        max_length=500,
    ),
    Field(
        "plan",
        "Plan",
        "Concrete next steps, one per line: tests, treatment, consults, and what would change the plan.",
        max_length=600,
    ),
)

SBAR_FIELDS: tuple[Field, ...] = (
    Field(
        "situation",
        "Situation",
        "Who you are, which patient, and the question in one sentence. "
        "Example: I'm the student on medicine, calling about a 54-year-old in room 12 with a potassium of 6.4.",
        max_length=300,
    ),
    Field(
        "background",
        "Background",
        "Only the history they need to answer: reason for admission, relevant problems and medications.",
        max_length=500,
    ),
    Field(
        "assessment", "Assessment", "What you think is going on and how sick the patient is right now.", max_length=400
    ),
    Field(
        "recommendation",
        "Recommendation",
        "What you are asking for and by when. Example: Could you see her this afternoon, "
        "and should we hold the lisinopril until then?",
        max_length=300,
    ),
)

_LIST_MARKER = re.compile(r"^\s*(?:[-*•·]+|\(?\d{1,2}[.)]|\(?[a-dA-D][.)])\s*")


def _text(values: Mapping[str, object], key: str) -> str:
    value = values.get(key)
    return "" if value is None else str(value).strip()


def split_items(text: str) -> list[str]:
    """The items of a list typed one per line (or, on a single line, separated by ";" or ",")."""
    lines = [line for line in str(text or "").splitlines() if line.strip()]
    if len(lines) == 1:
        separator = ";" if ";" in lines[0] else ","
        lines = lines[0].split(separator)
    return [item for item in (_LIST_MARKER.sub("", line).strip().rstrip(".;,") for line in lines) if item]


def _common_errors(fields: Sequence[Field], values: Mapping[str, object], moment: str) -> dict[str, str]:
    errors = {}
    for field in fields:
        value = _text(values, field.key)
        if field.required and not value:
            errors[field.key] = f'Fill in "{field.label}" before you {moment}.'
        elif len(value) > field.max_length:
            errors[field.key] = (
                f"Keep it under {field.max_length} characters so it stays quick to say (now {len(value)})."
            )
    return errors


def validate_presentation(values: Mapping[str, object]) -> dict[str, str]:
    """Per-field messages for the presentation form; an empty dict means ready to present."""
    errors = _common_errors(PRESENTATION_FIELDS, values, "present")
    if "differential" not in errors:
        items = split_items(_text(values, "differential"))
        lowered = [item.lower() for item in items]
        if not DIFFERENTIAL_MIN <= len(items) <= DIFFERENTIAL_MAX:
            errors["differential"] = (
                f"List {DIFFERENTIAL_MIN} to {DIFFERENTIAL_MAX} diagnoses, one per line, "
                f"most likely first (now {len(items)})."
            )
        elif len(set(lowered)) != len(lowered):
            errors["differential"] = "Each diagnosis should appear only once."
    return errors


def validate_sbar(values: Mapping[str, object]) -> dict[str, str]:
    """Per-field messages for the SBAR form; an empty dict means ready to call."""
    return _common_errors(SBAR_FIELDS, values, "call")


def _paragraph(label: str, text: str) -> str:
    return f"{label}: {_end_sentence(' '.join(text.split()))}"


def render_presentation(values: Mapping[str, object]) -> str:
    """The presentation as text to read aloud; empty sections are left out."""
    sections = []
    if hpi := _text(values, "hpi"):
        sections.append(_paragraph("HPI", hpi))
    if exam := _text(values, "exam_labs"):
        sections.append(_paragraph("Exam and labs", exam))
    if items := split_items(_text(values, "differential")):
        numbered = "\n".join(f"{n}. {item}" for n, item in enumerate(items, start=1))
        sections.append(f"Differential:\n{numbered}")
    if why := _text(values, "justification"):
        reason = _lower_first(_LEADING_BECAUSE.sub("", " ".join(why.split())))
        lead = f"Most likely {items[0]}, because" if items else "My top choice, because"
        sections.append(f"{lead} {_end_sentence(reason)}")
    if plan := split_items_by_line(_text(values, "plan")):
        sections.append("Plan:\n" + "\n".join(f"- {step}" for step in plan))
    return "\n\n".join(sections)


def render_sbar(values: Mapping[str, object]) -> str:
    """The SBAR call as four short paragraphs; empty sections are left out."""
    return "\n\n".join(_paragraph(field.label, text) for field in SBAR_FIELDS if (text := _text(values, field.key)))


def split_items_by_line(text: str) -> list[str]:
    """Plan steps: one per line, list markers removed (commas inside a step are kept)."""
    return [item for item in (_LIST_MARKER.sub("", line).strip() for line in str(text or "").splitlines()) if item]


_LEADING_BECAUSE = re.compile(r"^(?:because|since|as)\s+", re.IGNORECASE)


def _end_sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and first[1:].islower():  # "The BNP..." -> "the BNP...", "BNP..." stays
        return text[:1].lower() + text[1:]
    return text
