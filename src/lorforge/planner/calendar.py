"""The private calendar feed: the plan's conversations, every letter step and the program deadlines.

What goes in (``feed_entries``):

- every conversation of every current and upcoming rotation, from ``rotation_plan(today=…)``
  (UID ``rotation-{rotation}-{checkpoint}@lorforge``, the same as the per-rotation download);
- every step of every tracked letter, from ``letter_timelines`` (UID ``letter-{person}-{step}@lorforge``):
  the writers on the letter list, and the candidates of rotations not yet over; the lead's steps carry
  the plan's script, the others the same script built for that writer;
- every program deadline (UID ``deadline-{program}@lorforge``).

``feed_ics`` renders them with ``core.calendar`` after ``reconcile`` against what the feed served last
time (``CalendarEvent``): that is where SEQUENCE and cancelled events come from. The per-rotation
download (``planner.views.rotation_calendar``) uses the same ``core.calendar`` code.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from lorforge import clock
from lorforge.accounts.services import profile_for
from lorforge.core import calendar, plan, scripts
from lorforge.letters.models import CalendarEvent, CalendarFeed, Program
from lorforge.letters.timelines import letter_timelines
from lorforge.rotations.selectors import rotations_by_time
from lorforge.rotations.services import rotation_lead

from .services import rotation_plan

TOKEN_BYTES = 32  # 43 URL-safe characters


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


# --- The token ------------------------------------------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feed_of(*, user) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def feed_new_token(*, user) -> CalendarFeed:
    """Create the user's feed, or give it a new token: the old URL stops working at once."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    feed, created = CalendarFeed.objects.get_or_create(
        user=user, defaults={"token": token, "token_hash": _hash(token), "created_at": clock.now()}
    )
    if not created:
        feed.token, feed.token_hash, feed.created_at = token, _hash(token), clock.now()
        feed.save(update_fields=["token", "token_hash", "created_at"])
    return feed


def feed_by_token(token: str) -> CalendarFeed | None:
    """The feed with this token, else None. The lookup is by hash and the token compared in constant time."""
    if not token or len(token) > 100:
        return None
    feed = CalendarFeed.objects.select_related("user").filter(token_hash=_hash(token)).first()
    if feed is None or not hmac.compare_digest(feed.token.encode(), token.encode()):
        return None
    if not feed.user.is_active:
        return None
    return feed


def feed_url(feed: CalendarFeed) -> str:
    return site_url(reverse("calendar_feed", args=[feed.token]))


# --- What the feed holds -----------------------------------------------------------------------------------


def _plan_url(rotation, checkpoint) -> str:
    return site_url(reverse("rotation_plan", args=[rotation.pk]) + f"#step-{checkpoint.id}")


def feed_entries(*, user, today: dt.date) -> list[calendar.Entry]:
    """Everything the feed shows today, conversations first, then letter steps, then deadlines."""
    entries: list[calendar.Entry] = []
    plan_scripts: dict[tuple[int, str], str] = {}  # (lead person id, step id) → the plan's script
    groups = rotations_by_time(user=user, today=today)
    for rotation in [*groups["current"], *groups["upcoming"]]:
        checkpoints = rotation_plan(rotation=rotation, today=today)
        lead = rotation_lead(rotation=rotation)
        for c in checkpoints:
            if c.key in plan.LETTER_KEYS:
                if lead is not None:
                    plan_scripts[(lead.pk, c.id)] = c.script
                continue
            entries.append(
                calendar.checkpoint_entry(
                    c, uid=f"rotation-{rotation.pk}-{c.id}@lorforge", url=_plan_url(rotation, c), location=rotation.site
                )
            )
    applicant = profile_for(user=user).to_record()
    for tracked in letter_timelines(user=user, today=today):
        line = tracked.timeline
        if tracked.writer is None and (line.rotation is None or line.rotation.end < today):
            continue  # a candidate of a rotation that is over: nothing left to plan
        url = site_url(tracked.url)
        for step in line.steps:
            script = plan_scripts.get((tracked.person.pk, step.id)) or _script(step, line, applicant)
            entries.append(
                calendar.letter_step_entry(
                    step, uid_prefix=f"letter-{tracked.person.pk}", script=script, url=url, deadline=line.deadline
                )
            )
    letters_url = site_url(reverse("materials"))
    for program in Program.objects.filter(user=user):
        entries.append(
            calendar.deadline_entry(
                uid=f"deadline-{program.pk}@lorforge", program=program.name, on=program.deadline, url=letters_url
            )
        )
    return entries


def _script(step, line, applicant) -> str:
    """The words for a letter step of a writer who is not a plan's lead (the plan has them for the lead)."""
    if line.rotation is None or step.key not in plan.LETTER_KEYS:
        return ""
    ctx = scripts.script_context(
        rotation=line.rotation, applicant=applicant, writer=line.writer, deadline=line.deadline.on
    )
    try:
        return scripts.script_for(step.key, ctx, "", step.number, on=step.starts)
    except ValueError:
        return ""


# --- The file --------------------------------------------------------------------------------------------


def feed_ics(*, user, today: dt.date | None = None, now: dt.datetime | None = None) -> bytes:
    """The user's feed as .ics bytes; remembers what it served (SEQUENCE, cancellations) when there is a feed."""
    today = today or clock.today(user)
    now = now or clock.now()
    entries = feed_entries(user=user, today=today)
    feed = feed_of(user=user)
    if feed is not None:
        served = _reconcile_and_remember(feed, entries, today)
    else:  # no feed yet (the command line): nothing remembered, every sequence starts at 0
        served = calendar.reconcile(entries, {}, today=today).entries
    profile = profile_for(user=user)
    zone = profile.time_zone or settings.TIME_ZONE
    return calendar.build_calendar(
        served,
        name="LORforge: rotations and letters",
        now=now,
        zone=zone,
        feed=True,
        description="Your conversations, letter steps and deadlines from LORforge.",
    )


def _reconcile_and_remember(feed: CalendarFeed, entries, today: dt.date):
    with transaction.atomic():
        # One request at a time per feed, so two calendar apps refreshing at once agree on the sequences.
        CalendarFeed.objects.select_for_update().filter(pk=feed.pk).first()
        records = {r.uid: r for r in feed.events.all()}
        known = {uid: calendar.Known(r.fingerprint, r.sequence, r.snapshot, r.gone_on) for uid, r in records.items()}
        result = calendar.reconcile(entries, known, today=today)
        gone = [r.pk for uid, r in records.items() if uid not in result.known]
        if gone:
            CalendarEvent.objects.filter(pk__in=gone).delete()
        new = []
        for uid, state in result.known.items():
            record = records.get(uid)
            if record is None:
                new.append(
                    CalendarEvent(
                        feed=feed,
                        uid=uid,
                        fingerprint=state.fingerprint,
                        sequence=state.sequence,
                        snapshot=dict(state.snapshot),
                        gone_on=state.gone_on,
                    )
                )
            elif (record.fingerprint, record.sequence, record.snapshot, record.gone_on) != (
                state.fingerprint,
                state.sequence,
                dict(state.snapshot),
                state.gone_on,
            ):
                record.fingerprint, record.sequence = state.fingerprint, state.sequence
                record.snapshot, record.gone_on = dict(state.snapshot), state.gone_on
                record.save(update_fields=["fingerprint", "sequence", "snapshot", "gone_on"])
        if new:
            CalendarEvent.objects.bulk_create(new)
    return result.entries
