"""The one way LORforge writes dates and date ranges, everywhere (pages, scripts, emails, documents).

Short forms use abbreviated months ("Dec 8"), long forms the full month and, when asked, the
weekday ("Tuesday, December 8, 2026"). Ranges never repeat what both ends share:

- one day:               "Dec 8"
- same month:            "Dec 8–10"            (an en dash, no spaces)
- across months:         "Dec 29 – Jan 2"      (an en dash with spaces)
- with ``year=True``:    "Dec 8–10, 2026", "Dec 29, 2026 – Jan 2, 2027"
- with ``long=True``:    "December 8–10, 2026"

The year is always written when a range crosses years, even with ``year=False``, so
"Dec 29, 2026 – Jan 2, 2027" can never read as a range running backwards.
"""

from __future__ import annotations

from datetime import date

__all__ = ["day", "long_day", "date_range", "weekday"]


def _month(d: date, long: bool) -> str:
    return f"{d:%B}" if long else f"{d:%b}"


def day(d: date, *, year: bool = False, long: bool = False) -> str:
    """ "Dec 8", "Dec 8, 2026", "December 8" or "December 8, 2026"."""
    text = f"{_month(d, long)} {d.day}"
    return f"{text}, {d.year}" if year else text


def long_day(d: date, *, weekday: bool = True, year: bool = True) -> str:
    """ "Tuesday, December 8, 2026"; without the weekday "December 8, 2026"; without the year
    "Tuesday, December 8"."""
    text = day(d, year=year, long=True)
    return f"{d:%A}, {text}" if weekday else text


def weekday(d: date, *, short: bool = False, year: bool = False) -> str:
    """ "Tuesday, Dec 8": for windows that fall this week or next; short and with the year "Tue, Dec 8, 2026"."""
    return f"{d:%a}, {day(d, year=year)}" if short else f"{d:%A}, {day(d, year=year)}"


def date_range(start: date, end: date, *, year: bool = False, long: bool = False, weekdays: bool = False) -> str:
    """A date range, written once: see the module docstring. ``end`` before ``start`` is swapped.

    ``weekdays``: each end with its short weekday, as a printed plan lists them ("Mon, Dec 29, 2025 – Tue, Dec 30,
    2025"; one day: "Mon, Dec 29, 2025").
    """
    if end < start:
        start, end = end, start
    if weekdays:
        ends = [weekday(start, short=True, year=year)] + ([] if start == end else [weekday(end, short=True, year=year)])
        return " – ".join(ends)
    if start == end:
        return day(start, year=year, long=long)
    if start.year != end.year:
        return f"{day(start, year=True, long=long)} – {day(end, year=True, long=long)}"
    tail = f", {end.year}" if year else ""
    if start.month != end.month:
        return f"{day(start, long=long)} – {day(end, long=long)}{tail}"
    return f"{day(start, long=long)}–{end.day}{tail}"
