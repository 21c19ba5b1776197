"""Display helpers for evidence and the strength meter: they only format what they are given (the coach's
hint is stored on each story when it is saved, never computed while a page renders)."""

from django import template

from lorforge.core.qualities import BY_KEY

register = template.Library()

LEVEL_LABELS = {"strong": "Strong letter in reach", "building": "Building", "thin": "Not enough yet"}


@register.filter
def quality_labels(keys) -> str:
    return ", ".join(BY_KEY[k].label.lower() for k in keys if k in BY_KEY)


@register.filter
def level_label(level: str) -> str:
    return LEVEL_LABELS.get(level, level)


@register.filter
def meter_cells(meter) -> list[bool]:
    """One cell per story up to the goal (more stories fill the cells, they do not add any)."""
    return [i < meter.visible_stories for i in range(meter.goal)]


@register.filter
def contact_time(weeks: float) -> str:
    """'4 days together' under a week, '2.5 weeks together' after."""
    if weeks < 1:
        days = round(weeks * 7)
        return "no time together yet" if days == 0 else f"{days} day{'s' if days != 1 else ''} together"
    return f"{weeks:.1f}".rstrip("0").rstrip(".") + " weeks together"
