"""The morning digest: what is due today, what was missed, open feedback loops and letter steps due.

Sent at the hour each applicant chose, in their own time zone (``Profile.digest_hour``,
``Profile.time_zone``), once per local day, only to those who turned it on, and only when there is
something to say. ``lorforge manage send_daily_digest`` runs it from cron every few minutes, on any
number of machines against one database:

1. ``digest_claim_next`` finds an applicant whose local hour has come and who has not been handled
   for their local today, and claims them with one conditional UPDATE
   (``last_digest_on`` still before today → today). The UPDATE is atomic on its own: of two
   processes, exactly one gets ``1`` back; the other moves on to the next applicant.
2. ``digest_send`` builds and sends the email outside any transaction. A failed send puts the
   claim back (only if it is still ours), so a later run retries it: never lost, never sent twice.

Once the local day is over without a successful send the day is skipped: the next digest is about
the next day (with what was missed since).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.urls import reverse

from lorforge import clock
from lorforge.accounts.models import Profile
from lorforge.core import plan
from lorforge.core.dates import day as day_text
from lorforge.core.dates import long_day, weekday
from lorforge.evidence.selectors import open_loops
from lorforge.letters.timelines import letters_to_act_on
from lorforge.rotations.selectors import rotations_by_time

from .services import rotation_progress

log = logging.getLogger(__name__)

# The salt keeps the module's first name: the links in digests already sent must keep working.
UNSUBSCRIBE_SALT = "lorforge.letters.digest.unsubscribe"
MISSED_LOOKBACK = dt.timedelta(days=7)  # missed conversations are mentioned for a week at most
MAX_LOOPS = 3
LATEST_OFFSET = dt.timedelta(hours=14)  # no zone is further ahead of UTC (Pacific/Kiritimati)


def _site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


# --- Unsubscribing -----------------------------------------------------------------------------------


def unsubscribe_token(user) -> str:
    """A signed token naming the account: the link works without logging in, and cannot be forged."""
    return signing.dumps({"u": user.pk, "e": user.email.lower()}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(user) -> str:
    return _site(reverse("digest_unsubscribe", args=[unsubscribe_token(user)]))


def user_for_unsubscribe(token: str):
    """The account a token was made for, else None (tampered, or the account changed its email)."""
    from lorforge.accounts.models import User

    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    user = User.objects.filter(pk=data.get("u")).first()
    if user is None or user.email.lower() != data.get("e"):
        return None
    return user


def digest_unsubscribe(*, user) -> bool:
    """Turn the daily email off; True when it was on."""
    return bool(Profile.objects.filter(user=user, daily_email=True).update(daily_email=False))


# --- What it says ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    text: str
    url: str = ""


@dataclass(frozen=True)
class Digest:
    day: dt.date
    due: tuple[Item, ...]
    missed: tuple[Item, ...]
    loops: tuple[Item, ...]
    letters: tuple[Item, ...]

    @property
    def empty(self) -> bool:
        return not (self.due or self.missed or self.loops or self.letters)


def _when(step_ends: dt.date, today: dt.date) -> str:
    return "today" if step_ends == today else f"by {weekday(step_ends, short=True)}"


def digest_for(*, user, today: dt.date, since: dt.date | None = None) -> Digest:
    """What the digest of ``today`` says; ``since`` is the day of the last one (missed steps after it only)."""
    missed_from = max(since or dt.date.min, today - MISSED_LOOKBACK)
    due, missed = [], []
    for rotation in rotations_by_time(user=user, today=today)["current"]:
        progress = rotation_progress(rotation=rotation, today=today)
        url = _site(reverse("rotation_today", args=[rotation.pk]))
        where = f"{rotation.specialty} at {rotation.site}"
        for step in progress.due:
            c = step.checkpoint
            if c.key in plan.LETTER_KEYS:
                continue  # the letters section has them, from the timeline
            due.append(Item(f"{c.title} ({where}, {_when(c.ends, today)})", url))
        for step in progress.missed:
            c = step.checkpoint
            if c.key in plan.LETTER_KEYS or c.ends < missed_from:
                continue
            missed.append(
                Item(f"{c.title} ({where}, closed {weekday(c.ends, short=True)}): you can still do it, late", url)
            )
    loops = []
    for feedback in open_loops(user=user, today=today)[:MAX_LOOPS]:
        who = feedback.giver.name if feedback.giver else "your team"
        loops.append(
            Item(
                f"Show {who} how you worked on their feedback from {day_text(feedback.given_on)}",
                _site(reverse("feedback_follow_up", args=[feedback.pk])),
            )
        )
    letters = []
    for tracked in letters_to_act_on(user=user, today=today):
        step = tracked.timeline.next_step
        when = "late: do it today" if step.status == "overdue" else _when(step.ends, today)
        letters.append(Item(f"{step.title} ({when})", _site(tracked.url)))
    return Digest(today, tuple(due), tuple(missed[:3]), tuple(loops), tuple(letters))


def digest_text(digest: Digest, *, unsubscribe: str) -> str:
    sections = [
        ("Due today", digest.due),
        ("Missed", digest.missed),
        ("Feedback to follow up", digest.loops),
        ("Letters", digest.letters),
    ]
    lines = [f"Good morning. Here is your {long_day(digest.day, year=False)}.", ""]
    for title, items in sections:
        if not items:
            continue
        lines.append(title)
        for item in items:
            lines.append(f"- {item.text}")
            if item.url:
                lines.append(f"  {item.url}")
        lines.append("")
    lines += [
        f"Scripts and one-tap check-off: {_site(reverse('today'))}",
        "",
        "You get this because you turned on the daily email in LORforge's Settings.",
        f"Stop these emails: {unsubscribe}",
    ]
    return "\n".join(lines) + "\n"


def digest_message(*, user, today: dt.date, since: dt.date | None = None) -> EmailMultiAlternatives | None:
    """The email, or None when there is nothing to say (no email is better than an empty one)."""
    digest = digest_for(user=user, today=today, since=since)
    if digest.empty:
        return None
    unsubscribe = unsubscribe_url(user)
    count = len(digest.due) + len(digest.letters)
    subject = f"Today, {weekday(today, short=True)}: " + (
        f"{count} thing{'s' if count != 1 else ''} to do" if count else "a look back"
    )
    return EmailMultiAlternatives(
        subject,
        digest_text(digest, unsubscribe=unsubscribe),
        None,
        [user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )


# --- Claiming and sending ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    profile: Profile
    day: dt.date  # the applicant's local date the digest is for
    previous: dt.date | None  # last_digest_on before the claim: put back if the send fails


def due_day(profile: Profile, now: dt.datetime) -> dt.date | None:
    """The applicant's local date when their digest is due now (their hour has come, not yet handled)."""
    local = now.astimezone(clock.zone_for(profile.user))
    if local.hour < profile.digest_hour:
        return None
    if profile.last_digest_on is not None and profile.last_digest_on >= local.date():
        return None
    return local.date()


def _not_handled(day: dt.date) -> Q:
    return Q(last_digest_on__isnull=True) | Q(last_digest_on__lt=day)


def _candidates(now: dt.datetime, skip: frozenset[int]):
    latest = (now.astimezone(dt.UTC) + LATEST_OFFSET).date()  # nobody's local date is later
    return (
        Profile.objects.select_related("user")
        .filter(daily_email=True, user__is_active=True)
        .filter(_not_handled(latest))
        .exclude(pk__in=skip)
        .order_by("id")
    )


def digest_claim_next(*, now: dt.datetime | None = None, skip=frozenset()) -> Claim | None:
    """Claim one applicant whose digest is due now; None when nobody's is (or others took them all)."""
    now = now or clock.now()
    for profile in _candidates(now, frozenset(skip)):
        day = due_day(profile, now)
        if day is None:
            continue
        claimed = (
            Profile.objects.filter(pk=profile.pk, daily_email=True).filter(_not_handled(day)).update(last_digest_on=day)
        )
        if claimed == 1:  # ours; 0: another process got there first
            return Claim(profile, day, profile.last_digest_on)
    return None


def digest_release(claim: Claim) -> None:
    """Put the claim back (only if it is still ours) so that a later run tries again."""
    Profile.objects.filter(pk=claim.profile.pk, last_digest_on=claim.day).update(last_digest_on=claim.previous)


def digest_send(claim: Claim) -> bool:
    """Build and send the claimed digest, outside any transaction; True when an email went out.

    Any failure (the mail server down, a bug) releases the claim and is raised.
    """
    try:
        message = digest_message(user=claim.profile.user, today=claim.day, since=claim.previous)
        if message is None:
            return False
        message.send()
    except BaseException:
        digest_release(claim)
        raise
    return True


def digest_send_next(*, now: dt.datetime | None = None, skip=frozenset()) -> Claim | None:
    """One unit of work: claim the next applicant due and send theirs. None when nobody is due."""
    claim = digest_claim_next(now=now, skip=skip)
    if claim is not None:
        digest_send(claim)
    return claim
