"""The calendar feed (no log-in: the token is the key), its Settings card, and unsubscribing from the digest."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import calendar, digest


@login_not_required
@require_safe
def calendar_feed(request, feed_token: str):
    """The private feed: 404 for any token but the current one (old, guessed or malformed alike)."""
    feed = calendar.feed_by_token(feed_token)
    if feed is None:
        raise Http404("No such calendar.")
    response = HttpResponse(calendar.feed_ics(user=feed.user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lorforge.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_POST
def calendar_new_link(request):
    """Create the private link, or replace it: the old one stops working at once."""
    had_one = calendar.feed_of(user=request.user) is not None
    calendar.feed_new_token(user=request.user)
    messages.success(
        request,
        "New calendar link made: the old one no longer works. Subscribe again with this one."
        if had_one
        else "Your calendar link is ready: add it to your calendar app as a subscription.",
    )
    return redirect("settings")


@login_not_required
@csrf_exempt  # mail providers' one-click unsubscribe (RFC 8058) posts without a CSRF token; the signed token is the key
@require_http_methods(["GET", "POST"])
def digest_unsubscribe(request, signed: str):
    """GET: a page with one button (link scanners only GET); POST: the email is turned off."""
    user = digest.user_for_unsubscribe(signed)
    if user is None:
        return render(request, "letters/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        digest.digest_unsubscribe(user=user)
        return render(request, "letters/unsubscribe.html", {"done": True, "email": user.email})
    return render(request, "letters/unsubscribe.html", {"email": user.email, "on": user.profile.daily_email})
