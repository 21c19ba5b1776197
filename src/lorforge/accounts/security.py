"""Who is knocking: the normalised email and the client address, for log-in, lock-out and reset.

One spelling of an email everywhere (sign-up, log-in, reset, the lock-out key), so that
``Demo@Example.com`` is the same account as ``demo@example.com`` and cannot buy more password tries.
The client address comes from the proxy's header only when ``BEHIND_PROXY`` says a proxy is there;
otherwise anybody could claim any address in a header and escape the per-client lock-out.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def normalise_email(value) -> str:
    """The one spelling of an email address: surrounding space removed, lower case."""
    return str(value or "").strip().lower()


def axes_username(request, credentials=None) -> str:
    """The lock-out key for an account (django-axes ``AXES_USERNAME_CALLABLE``)."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials and credentials.get(field) is not None:
        raw = credentials.get(field)
    else:
        raw = getattr(request, "POST", {}).get(field) if request is not None else None
    return normalise_email(raw)[:255]


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The client's address (django-axes ``AXES_CLIENT_IP_CALLABLE``).

    Behind a proxy (``BEHIND_PROXY``) the right-most address of ``X-Forwarded-For`` is the one the
    proxy itself saw: addresses to its left were sent by the client and could be anything.
    """
    meta = getattr(request, "META", {})
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = [part for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded and (address := _valid_ip(forwarded[-1])):
            return address
    return _valid_ip(meta.get("REMOTE_ADDR", "") or "") or meta.get("REMOTE_ADDR") or None


def forget_sign_ins(*, user) -> None:
    """Remove every record of the user's log-ins: django-axes attempts and logs, and their sessions."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.sessions.models import Session

    email = normalise_email(user.email)
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__iexact=email).delete()
    user_id = str(user.pk)
    stale = []
    for session in Session.objects.iterator():
        try:
            if session.get_decoded().get("_auth_user_id") == user_id:
                stale.append(session.session_key)
        except Exception:
            continue
    Session.objects.filter(session_key__in=stale).delete()
