from django import template

from lorforge.rotations.models import Outcome

register = template.Library()


@register.simple_tag
def outcome_choices():
    """The answers to "How did it go?" on a checkpoint's done form."""
    return Outcome.choices
