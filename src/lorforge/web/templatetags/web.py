"""Small presentation helpers for templates (no business logic)."""

from django import forms, template

from lorforge.core import dates

register = template.Library()


@register.filter
def is_checkbox(field) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def is_multiple_choice(field) -> bool:
    return isinstance(field.field.widget, (forms.CheckboxSelectMultiple, forms.RadioSelect))


@register.filter
def date_range(start, end) -> str:
    """'Jan 5 – Feb 1, 2027', 'Dec 8, 2026' for one day; the app's one formatter (core.dates)."""
    if not start or not end:
        return ""
    return dates.date_range(start, end, year=True)
