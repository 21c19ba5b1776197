"""The writer's private page: a signed, revocable, expiring link, and what it shows.

The link is ``/w/<signed>/`` where ``signed`` is Django's signature (salted for this page) of the link's
row id and a random nonce. A link is honoured only when the signature holds, the nonce is the row's
current one (a new link replaces the nonce: the old URL stops at once), it was not revoked, it has not
expired and the account is active; anything else is a 404, the same for a guess as for an old link. The
URL names no other id: every document the page offers hangs off the same token.

Every visit and download is logged (``WriterPageView``) for the applicant; a link is rate-limited from
that log, and every client from the cache, so a leaked link cannot be hammered.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse

from lorforge import clock
from lorforge.accounts.services import mail_in_background, profile_for
from lorforge.core import dates, eras, letters

from . import selectors
from .models import Material, MaterialKind, Writer, WriterLink, WriterPageView

SALT = "lorforge.letters.writer-page"
LINK_DAYS = 60  # at least this long, and at least two weeks past the letter's deadline
AFTER_DEADLINE = dt.timedelta(days=14)
LONGEST = dt.timedelta(days=365)
PER_LINK_LIMIT = (60, dt.timedelta(minutes=10))  # requests per link in that window
PER_CLIENT_LIMIT = (120, 600)  # requests per client address in that many seconds, valid or not
WRITER_STAGES = letters.AGREED_STAGES  # a page is for a writer who said yes


# --- The link -----------------------------------------------------------------------------------


def link_of(*, writer: Writer) -> WriterLink | None:
    return WriterLink.objects.filter(writer=writer).first()


def _expiry(*, writer: Writer, now: dt.datetime) -> dt.datetime:
    today = clock.today(writer.user)
    deadline = selectors.writer_timeline(writer=writer, today=today).deadline.on
    days = max(LINK_DAYS, (deadline + AFTER_DEADLINE - today).days)
    return now + min(dt.timedelta(days=days), LONGEST)


@transaction.atomic
def link_new(*, writer: Writer) -> WriterLink:
    """Make the writer's link, or a new one in its place: the old URL stops working at once."""
    now = clock.now()
    nonce = secrets.token_urlsafe(24)
    link, created = WriterLink.objects.select_for_update().get_or_create(
        writer=writer,
        defaults={
            "user": writer.user,
            "nonce": nonce,
            "created_at": now,
            "expires_at": _expiry(writer=writer, now=now),
        },
    )
    if not created:
        link.nonce, link.created_at, link.revoked_at = nonce, now, None
        link.expires_at = _expiry(writer=writer, now=now)
        link.save(update_fields=["nonce", "created_at", "expires_at", "revoked_at"])
    return link


def link_revoke(*, link: WriterLink) -> WriterLink:
    link.revoked_at = clock.now()
    link.nonce = secrets.token_urlsafe(24)  # even the signed value of the old nonce can never match again
    link.save(update_fields=["revoked_at", "nonce"])
    return link


def is_live(link: WriterLink | None) -> bool:
    return link is not None and link.revoked_at is None and link.expires_at > clock.now()


def token_for(link: WriterLink) -> str:
    return signing.Signer(salt=SALT).sign(f"{link.pk}.{link.nonce}")


def path_for(link: WriterLink) -> str:
    return reverse("writer_page", args=[token_for(link)])


def url_for(link: WriterLink) -> str:
    return settings.SITE_URL.rstrip("/") + path_for(link)


def url_for_emails(*, writer: Writer) -> str:
    """The page's URL for an email to ``writer``: made when first needed for a writer who agreed; "" when the
    applicant revoked it or the writer has not agreed."""
    if selectors.current_stage(writer=writer) not in WRITER_STAGES:
        return ""
    link = link_of(writer=writer)
    if link is None:
        link = link_new(writer=writer)
    elif link.revoked_at is not None:
        return ""
    elif link.expires_at <= clock.now():
        link = link_new(writer=writer)
    return url_for(link)


def link_by_token(token: str) -> WriterLink | None:
    """The live link this token opens, else None (bad signature, old nonce, revoked, expired, inactive)."""
    if not token or len(token) > 200:
        return None
    try:
        value = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None
    pk, _, nonce = value.partition(".")
    if not pk.isdigit() or not nonce:
        return None
    link = (
        WriterLink.objects.select_related("writer__person__rotation", "user", "user__profile")
        .filter(pk=int(pk))
        .first()
    )
    if link is None or not hmac.compare_digest(link.nonce.encode(), nonce.encode()):
        return None
    if not is_live(link) or not link.user.is_active or link.writer.user_id != link.user_id:
        return None
    return link


# --- Limits and the log ------------------------------------------------------------------------------


def client_allowed(client: str | None) -> bool:
    """False once this client address made too many writer-page requests lately (valid links or not)."""
    limit, seconds = PER_CLIENT_LIMIT
    key = f"writer-page:{client or 'unknown'}"
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=seconds)
        count = 1
    return count <= limit


def link_allowed(link: WriterLink) -> bool:
    limit, window = PER_LINK_LIMIT
    since = clock.now() - window
    return WriterPageView.objects.filter(writer_id=link.writer_id, at__gte=since).count() < limit


def log_view(link: WriterLink, what: str) -> WriterPageView:
    return WriterPageView.objects.create(user=link.user, writer=link.writer, at=clock.now(), what=what)


def views_of(*, writer: Writer, limit: int = 50) -> list[WriterPageView]:
    return list(WriterPageView.objects.filter(writer=writer)[:limit])


def first_opened(*, writer: Writer, views: list[WriterPageView] | None = None, limit: int = 0) -> dt.datetime | None:
    """When the writer first opened the page (``views``: the newest ``limit`` views, when already read: if there
    are fewer than that, the oldest of them is the first)."""
    if views is not None and len(views) < limit:
        return views[-1].at if views else None
    first = WriterPageView.objects.filter(writer=writer).order_by("at", "id").first()
    return first.at if first else None


# --- What the page shows ---------------------------------------------------------------------------


def page_context(*, link: WriterLink) -> dict:
    """What the writer sees: only what the applicant chose to share with this writer."""
    from . import services

    writer = link.writer
    user = link.user
    today = clock.today(user)
    profile = profile_for(user=user)
    stage = selectors.current_stage(writer=writer)
    line = selectors.writer_timeline(writer=writer, today=today)
    materials = {m.kind: m for m in Material.objects.filter(user=user)}
    helper = None
    held_back = False
    if writer.share_helper:
        built = services.helper_for(writer=writer, today=today, deadline=line.deadline.on)
        held_back = bool(built.flagged)  # the applicant has not reviewed what the guard flagged: nothing is shown
        helper = None if held_back else built.content
    sections = []
    if helper is not None:
        from lorforge.core.documents import SECTIONS

        sections = [(title, helper.items(key)) for key, title in SECTIONS if key != "materials" and helper.items(key)]
    return {
        "link": link,
        "writer": writer,
        "person": writer.person,
        "profile": profile,
        "today": today,
        "applicant": profile.display_name or "The applicant",
        "stage": stage,
        "submitted": stage == "submitted",
        "can_confirm": stage in ("agreed", "materials_sent", "reminded"),
        "submitted_on": selectors.uploaded_on(writer=writer),
        "deadline": line.deadline,
        "aamc_id": profile.aamc_id if writer.share_aamc_id else "",
        "cv": materials.get(MaterialKind.CV) if writer.share_cv else None,
        "statement": materials.get(MaterialKind.STATEMENT) if writer.share_statement else None,
        "helper_sections": sections,
        "helper_shared": helper is not None,
        "helper_held_back": held_back,
        "letter_id": writer.eras_letter_id,
        "has_form": bool(writer.request_form),
        "waiver": eras.waiver_sentence(writer.eras_waiver),
        "portal_steps": eras.portal_steps(letter_id=writer.eras_letter_id),
        "token": token_for(link),
    }


def helper_pdf(*, link: WriterLink) -> bytes | None:
    from lorforge.core import emails

    from . import services

    writer = link.writer
    if not writer.share_helper:
        return None
    helper = services.helper_for(writer=writer, today=clock.today(link.user))
    return None if helper.flagged else emails.helper_attachment(helper.content, "pdf").content


# --- "I have uploaded the letter" ----------------------------------------------------------------------


@transaction.atomic
def writer_says_uploaded(*, link: WriterLink) -> bool:
    """The writer pressed the button: the stage moves to submitted through the stage services (recording
    the materials first if the applicant had not marked them sent), and the applicant is told. False when
    it was already submitted."""
    from . import services

    writer = Writer.objects.select_for_update().get(pk=link.writer_id)
    today = clock.today(link.user)
    stage = selectors.current_stage(writer=writer)
    if stage == "submitted":
        return False
    if stage == "agreed":
        services.writer_move(
            writer=writer, to="materials_sent", on=today, note="They opened your materials on their private page"
        )
    services.writer_move(
        writer=writer, to="submitted", on=today, note="They said on their private page that the letter is uploaded"
    )
    log_view(link, "uploaded")
    _tell_applicant(writer=writer, today=today)
    return True


def _tell_applicant(*, writer: Writer, today: dt.date) -> None:
    name = writer.person.to_record().addressed or writer.person.name
    url = settings.SITE_URL.rstrip("/") + reverse("writer_detail", args=[writer.pk])
    body = "\n".join(
        [
            f'{name} pressed "I have uploaded the letter" on their private page today ({dates.day(today)}).',
            "",
            "Check in MyERAS that the letter shows as received, then assign it to your programs (at most four per "
            "program). A short thank-you note to them is a good idea now.",
            "",
            f"Their letter page: {url}",
        ]
    )
    message = EmailMessage(subject=f"{name} uploaded your letter", body=body, to=[writer.user.email])
    transaction.on_commit(lambda: mail_in_background([message]))


def recent_uploads(*, user, today: dt.date, days: int = 21) -> list[WriterPageView]:
    """Writers who said on their page that the letter is uploaded, lately: for the Letters page."""
    since = clock.now() - dt.timedelta(days=days)
    return list(
        WriterPageView.objects.filter(user=user, what="uploaded", at__gte=since).select_related("writer__person")
    )
