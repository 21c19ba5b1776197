"""The morning email: what is due today, for applicants who turned it on in Settings."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import Q

from lorforge.accounts.models import Profile
from lorforge.evidence.selectors import open_loops

from . import selectors, services


def digest_text(*, user, today: dt.date) -> str | None:
    """The email body, or None when nothing is due (no email is better than an empty one)."""
    lines = []
    for rotation in selectors.rotations_by_time(user=user, today=today)["current"]:
        progress = services.rotation_progress(rotation=rotation, today=today)
        for step in progress.due:
            closes = "today" if step.days_left == 0 else f"by {step.checkpoint.ends:%A}"
            lines.append(f"- {step.checkpoint.title} ({rotation.specialty}, {closes})")
    loops = open_loops(user=user, today=today)
    for feedback in loops[:3]:
        who = feedback.giver.name if feedback.giver else "your team"
        lines.append(f"- Show {who} how you worked on their feedback from {feedback.given_on:%b} {feedback.given_on.day}")
    if not lines:
        return None
    return ("Good morning. Here is what is due today:\n\n" + "\n".join(lines)
            + f"\n\nScripts and one-tap check-off: {settings.SITE_URL.rstrip('/')}/today/\n\n"
            "You get this because you turned on the daily email in LORforge's Settings.")


def digest_send_next(*, today: dt.date) -> Profile | None:
    """Claim one applicant not yet handled today and email them; None when every one is done.

    One unit of work per call, safe on several machines at once: the claim and
    the send share a transaction, rows are locked with SKIP LOCKED where the
    database has it (SQLite's immediate transactions serialise writers), and a
    failed send rolls the claim back so a later run retries.
    """
    with transaction.atomic():
        due = (Profile.objects.select_related("user").filter(daily_email=True, user__is_active=True)
               .filter(Q(last_digest_on__isnull=True) | Q(last_digest_on__lt=today)).order_by("id"))
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True, of=("self",))
        profile = due.first()
        if profile is None:
            return None
        profile.last_digest_on = today
        profile.save(update_fields=["last_digest_on"])
        body = digest_text(user=profile.user, today=today)
        if body:
            send_mail("Today on your rotation", body, None, [profile.user.email])
        return profile
