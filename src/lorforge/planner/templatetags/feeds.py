"""The Calendar card on the Settings page: the private feed link and the button that replaces it."""

from django import template

from .. import calendar

register = template.Library()


@register.inclusion_tag("letters/_calendar_card.html", takes_context=True)
def calendar_card(context):
    feed = calendar.feed_of(user=context["request"].user)
    url = calendar.feed_url(feed) if feed else ""
    webcal = "webcal://" + url.split("://", 1)[1] if url else ""
    return {"feed_url": url, "webcal_url": webcal, "csrf_token": context.get("csrf_token")}
