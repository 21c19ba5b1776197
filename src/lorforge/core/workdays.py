"""Working days: when an in-person conversation can happen (no weekends, no US federal holidays)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=64)
def _us_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("US", years=year, categories=("public",)).keys())


def holiday_name(d: date) -> str:
    """The US federal holiday on ``d`` ("Christmas Day"), or ""."""
    return holidays.country_holidays("US", years=d.year, categories=("public",)).get(d, "") or ""


def is_working_day(d: date) -> bool:
    """A weekday that is not a US federal holiday (observed days included)."""
    return d.weekday() < 5 and d not in _us_holidays(d.year)


def on_or_before(d: date, earliest: date | None = None) -> date:
    """The last working day on or before ``d`` (not before ``earliest``; ``d`` itself if none is)."""
    day = d
    while not is_working_day(day):
        day -= ONE_DAY
        if earliest is not None and day < earliest:
            return d
    return day


def on_or_after(d: date, latest: date | None = None) -> date:
    """The first working day on or after ``d`` (not after ``latest``; ``d`` itself if none is)."""
    day = d
    while not is_working_day(day):
        day += ONE_DAY
        if latest is not None and day > latest:
            return d
    return day


def working_days(starts: date, ends: date) -> list[date]:
    """The working days in an inclusive window."""
    return [
        starts + timedelta(days=i)
        for i in range((ends - starts).days + 1)
        if is_working_day(starts + timedelta(days=i))
    ]
