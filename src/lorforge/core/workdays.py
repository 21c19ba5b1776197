"""Working days: when an in-person conversation can happen (no weekends, no US federal holidays)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from functools import cache
from pathlib import Path

ONE_DAY = timedelta(days=1)
# The US federal holidays of these years, written from the `holidays` package by scripts/holidays_table.py (and
# checked against it by tests/core/test_workdays.py): reading them takes a millisecond, importing the package 80.
TABLE = Path(__file__).resolve().parents[1] / "data" / "us_federal_holidays.json"
TABLE_YEARS = range(2020, 2046)


def from_library(year: int) -> dict[date, str]:
    """The US federal holidays of ``year`` (observed days included), from the `holidays` package."""
    import holidays

    return dict(holidays.country_holidays("US", years=year, categories=("public",)))


@cache
def _table() -> dict[int, dict[date, str]]:
    stored = json.loads(TABLE.read_text(encoding="utf-8"))
    return {int(year): {date.fromisoformat(d): name for d, name in days.items()} for year, days in stored.items()}


@cache
def _us_holidays(year: int) -> dict[date, str]:
    return _table().get(year) or from_library(year)


def holiday_name(d: date) -> str:
    """The US federal holiday on ``d`` ("Christmas Day"), or ""."""
    return _us_holidays(d.year).get(d, "")


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
