"""Working days: the stored table of US federal holidays agrees with the `holidays` package it was written from."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from lorforge.core import workdays


@pytest.mark.parametrize("year", workdays.TABLE_YEARS)
def test_the_table_holds_what_the_holidays_package_says(year):
    """When a release of `holidays` changes a year, this fails: run scripts/holidays_table.py and review the diff."""
    assert workdays._us_holidays(year) == workdays.from_library(year)


@pytest.mark.parametrize(
    ("day", "name", "working"),
    [
        (date(2026, 11, 26), "Thanksgiving Day", False),
        (date(2027, 7, 5), "Independence Day (observed)", False),  # the 4th is a Sunday
        (date(2026, 11, 27), "", True),  # the Friday after Thanksgiving is not a federal holiday
        (date(2026, 11, 28), "", False),  # a Saturday
        (date(2051, 12, 25), "Christmas Day", False),  # past the table: the package itself answers
        (date(2019, 1, 21), "Martin Luther King Jr. Day", False),
    ],
)
def test_holidays_and_working_days(day, name, working):
    assert workdays.holiday_name(day) == name
    assert workdays.is_working_day(day) is working


def test_making_a_plan_does_not_import_the_holidays_package():
    code = (
        "import sys, datetime as dt; from lorforge.core import plan, workdays; "
        "workdays.working_days(dt.date(2026, 12, 1), dt.date(2026, 12, 31)); "
        "print('holidays' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
