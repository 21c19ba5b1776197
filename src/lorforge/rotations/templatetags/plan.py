import re

from django import template

from lorforge.rotations.models import ASKED_OUTCOMES, Outcome

register = template.Library()

LETTER_PAGE_KEYS = ("pre_ask", "materials_email", "reminder", "confirm_submission")


@register.simple_tag
def outcome_choices():
    """The answers to "How did it go?" on a checkpoint's done form, one button each."""
    return [(o.value, o.label) for o in ASKED_OUTCOMES]


@register.filter
def place(kind: str, pk) -> str:
    """ "focus"|place:rotation.pk → "focus-12": where a page shows the messages of an action."""
    return f"{kind}-{pk}"


@register.filter
def on_letter_page(checkpoint) -> bool:
    """The ask, the materials and the reminders are recorded on the writer's letter page."""
    return checkpoint.key in LETTER_PAGE_KEYS


_SPOKEN = re.compile(r'["“]([^"“”]{20,})["”]')
_FIRST_PERSON = re.compile(r"\b(I|I'm|I'd|I've|me|my)\b")


@register.simple_tag
def opening(script: str, limit: int = 170) -> dict:
    """The first thing to say: the script's first quoted line (scripts that start with advice quote the
    words), else its first paragraph: spoken when it is in the first person, else the advice itself.
    ``{% opening c.script as line %}`` → line.text (cut at a word near ``limit``), line.spoken."""
    script = (script or "").strip()
    quoted = _SPOKEN.search(script)
    first = (quoted.group(1) if quoted else script.split("\n\n")[0]).strip()
    spoken = bool(quoted) or bool(_FIRST_PERSON.search(first))
    if len(first) > limit:
        first = first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return {"text": first, "spoken": spoken}


@register.filter
def outcome_label(value: str) -> str:
    return Outcome(value).label if value in Outcome.values else ""
