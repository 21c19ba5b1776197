"""The one date-window rule of the forms (web.forms.date_within), table-driven."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from lorforge.web.forms import date_within

TODAY = dt.date(2026, 11, 26)
DAY = dt.timedelta(days=1)
PASSED = "That date has already passed."


@pytest.mark.parametrize(
    ("value", "options", "error"),
    [
        (None, {}, None),
        (TODAY, {}, None),
        (TODAY + 365 * 3 * DAY, {}, None),
        (TODAY + (365 * 3 + 1) * DAY, {}, "more than three years away"),
        (TODAY - (365 * 3 + 1) * DAY, {}, "more than three years ago"),
        (TODAY - 365 * 4 * DAY, {"years": 5}, None),
        (TODAY + (365 * 5 + 1) * DAY, {"years": 5}, "more than five years away"),
        (TODAY + DAY, {"happened": True}, None),  # a time zone ahead of the server
        (TODAY + 2 * DAY, {"happened": True}, "in the future"),
        (TODAY + 400 * 365 * DAY, {"happened": True}, "in the future"),  # the nearer reason is given
        (TODAY - DAY, {"passed": PASSED}, PASSED),
        (TODAY, {"passed": PASSED}, None),
        (TODAY + 365 * 30 * DAY, {"passed": PASSED}, "more than three years away"),
    ],
)
def test_a_date_outside_its_window_is_refused_with_the_reason(value, options, error):
    if error is None:
        assert date_within(value, today=TODAY, **options) == value
    else:
        with pytest.raises(ValidationError, match=error):
            date_within(value, today=TODAY, **options)
