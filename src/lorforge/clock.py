"""The one clock of the app: every "now" and "today" outside the core comes from here.

The core never reads the clock; it is handed ``today``. Views, services, commands and the
digest ask this module, passing the user when there is one so that "today" is the applicant's
own local date (their time zone from the profile, else the server's ``TIME_ZONE``).
Tests freeze it with time-machine, which patches what ``timezone.now`` reads.
"""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, tzinfo

from django.utils import timezone


def now() -> datetime:
    """The current moment, timezone-aware (UTC)."""
    return timezone.now()


def zone_for(user=None) -> tzinfo:
    """The user's time zone (profile setting), else the server's default zone."""
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
    return timezone.localtime(now(), zone_for(user))


def today(user=None) -> date:
    """Today's date where the user is (the server's zone when there is no user)."""
    return local_now(user).date()
