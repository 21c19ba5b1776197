"""The one clock of the app: every "now" and "today" outside the core comes from here.

The core never reads the clock; it is handed ``today``. Views, services, commands and the
digest ask this module, passing the user when there is one so that "today" is the applicant's
own local date (their time zone from the profile, else the server's ``TIME_ZONE``). Commands
that run without Django settings (``lorforge phi``) get the machine's own local date.
Tests freeze it with time-machine, which patches what every one of these reads.
"""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, tzinfo


def _django_ready() -> bool:
    from django.conf import settings

    return settings.configured


def now() -> datetime:
    """The current moment, timezone-aware (UTC)."""
    from django.utils import timezone

    return timezone.now()


def zone_for(user=None) -> tzinfo:
    """The user's time zone (profile setting), else the server's default zone."""
    from django.utils import timezone

    name = ""
    profile = getattr(user, "profile", None) if user is not None and getattr(user, "is_authenticated", False) else None
    if profile is not None:
        name = profile.time_zone or ""
    if name:
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    return timezone.get_default_timezone()


def local_now(user=None) -> datetime:
    """The current moment in the user's own time zone."""
    from django.utils import timezone

    return timezone.localtime(now(), zone_for(user))


def today(user=None) -> date:
    """Today's date where the user is (the server's zone when there is no user)."""
    if not _django_ready():
        return datetime.now().astimezone().date()  # a command without settings: the machine's own day
    return local_now(user).date()
