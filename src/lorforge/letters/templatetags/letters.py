"""Letter cards for other apps' pages, and small display helpers for the Letters pages."""

from django import template

from lorforge import clock
from lorforge.accounts.privacy import highlighted
from lorforge.core.letters import AGREED_STAGES

from .. import selectors

register = template.Library()

READINESS_BADGES = {"ready": "badge-ok", "almost": "badge-warn", "not_yet": "badge-muted"}


@register.inclusion_tag("letters/_writer_panel.html", takes_context=True)
def writer_panel(context):
    """On a person's page (context: person, strength): their letter stage or how to add them."""
    panel = selectors.person_panel(person=context["person"], strength=context.get("strength"))
    return {**panel, "csrf_token": context.get("csrf_token")}


@register.inclusion_tag("letters/_materials_card.html", takes_context=True)
def materials_card(context):
    """The Materials card on the Settings page."""
    page = selectors.materials_page(user=context["request"].user, today=clock.today(context["request"].user))
    return {
        "slots": page["slots"],
        "programs": page["programs"],
        "deadline": page["deadline"],
        "profile": page["profile"],
    }


@register.filter
def stage_badge(stage_key: str) -> str:
    """The badge colour for a stage: agreed and after green, stepped back muted or amber, others neutral."""
    if stage_key in AGREED_STAGES:
        return "badge-ok"
    return {"hesitant": "badge-warn", "declined": "badge-muted"}.get(stage_key, "")


@register.filter
def readiness_badge(level: str) -> str:
    return READINESS_BADGES.get(level, "badge-muted")


@register.filter
def writer_type(summary) -> str:
    """Who the writer is, in the playbook's priority terms: "Inpatient attending in your specialty"."""
    where = "in your specialty" if summary.specialty_match else "in another specialty"
    if summary.role in ("attending", "fellow"):
        text = (
            f"{summary.setting.capitalize()} {summary.role} {where}"
            if summary.specialty_match
            else f"{summary.role.capitalize()} {where}"
        )
    elif summary.role == "research_mentor":
        text = "Research mentor" + (" with clinical overlap" if summary.specialty_match else " outside your specialty")
    else:
        text = summary.role.replace("_", " ").capitalize()
    return text + (" (observership)" if summary.kind == "observership" else "")


@register.filter
def filesize(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(1, round(size / 1024))} KB"


@register.filter
def highlight(text: str, findings) -> str:
    """``text`` with each finding of the privacy guard marked, everything else escaped (the forms' own marking)."""
    return highlighted(text, findings)
