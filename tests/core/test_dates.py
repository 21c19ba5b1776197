"""Dates as text: one formatter for every page, email, script and the command line."""

from datetime import date

import pytest

from lorforge.core.dates import date_range, weekday


@pytest.mark.parametrize(
    "start, end, options, expected",
    [
        (date(2026, 12, 8), date(2026, 12, 8), {}, "Dec 8"),
        (date(2026, 12, 8), date(2026, 12, 10), {}, "Dec 8–10"),
        (date(2026, 12, 8), date(2026, 12, 10), {"year": True}, "Dec 8–10, 2026"),
        (date(2026, 11, 30), date(2026, 12, 2), {}, "Nov 30 – Dec 2"),
        (date(2026, 12, 29), date(2027, 1, 9), {}, "Dec 29, 2026 – Jan 9, 2027"),
        (date(2026, 12, 10), date(2026, 12, 8), {}, "Dec 8–10"),  # swapped, never "Dec 10–8"
        (
            date(2025, 12, 29),
            date(2026, 1, 9),
            {"year": True, "weekdays": True},
            "Mon, Dec 29, 2025 – Fri, Jan 9, 2026",
        ),
        (date(2026, 12, 8), date(2026, 12, 8), {"year": True, "weekdays": True}, "Tue, Dec 8, 2026"),
    ],
)
def test_one_date_range_formatter(start, end, options, expected):
    assert date_range(start, end, **options) == expected


def test_weekday_long_and_short():
    assert weekday(date(2026, 12, 8)) == "Tuesday, Dec 8"
    assert weekday(date(2026, 12, 8), short=True, year=True) == "Tue, Dec 8, 2026"
