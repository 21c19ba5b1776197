"""The application season: its default from today, whether it is still ahead, and program deadlines in it."""

from datetime import date, timedelta

import pytest

from lorforge.core.season import (
    check_season,
    deadline_before_rotations,
    deadline_problem,
    default_season_dates,
    season_closes,
    season_for,
)


@pytest.mark.parametrize(
    "today, season",
    [
        (date(2026, 11, 25), 2028),  # a November rotation feeds next September's applications
        (date(2027, 3, 14), 2028),
        (date(2027, 9, 20), 2028),  # programs review from late September: still ahead
        (date(2027, 9, 30), 2029),
        (date(2028, 2, 29), 2029),
    ],
)
def test_the_default_season_is_the_first_still_ahead(today, season):
    assert season_for(today) == season
    assert default_season_dates(season).programs_review >= today


@pytest.mark.parametrize(
    "season, today, state",
    [(2028, date(2026, 11, 25), "ahead"), (2027, date(2026, 11, 25), "reviewing"), (2026, date(2026, 11, 25), "over")],
)
def test_a_season_already_reviewing_or_over_is_said_plainly(season, today, state):
    check = check_season(season, default_season_dates(season), today)
    assert check.state == state and bool(check.message) == (state != "ahead")
    if state != "ahead":
        assert f"{season_for(today)} match" in check.message  # the honest way out


def test_program_deadlines_must_fall_inside_the_season():
    dates = default_season_dates(2028)
    assert deadline_problem(dates.programs_review, 2028, dates) == ""
    assert "outside the 2028 match season" in deadline_problem(dates.applications_open - timedelta(days=1), 2028, dates)
    assert "outside" in deadline_problem(season_closes(2028) + timedelta(days=1), 2028, dates)


@pytest.mark.parametrize(
    "deadline, rotations, words",
    [
        (date(2027, 9, 20), [("Surgery at Mercy", date(2027, 9, 26))], "before your Surgery at Mercy rotation ends"),
        (date(2027, 9, 20), [("A", date(2027, 9, 20)), ("B", date(2027, 10, 1))], "A rotation (and 1 more) ends on"),
        (date(2027, 9, 20), [("A", date(2027, 9, 19))], ""),
        (date(2027, 9, 20), [], ""),
    ],
)
def test_a_deadline_before_a_rotation_ends_is_named(deadline, rotations, words):
    message = deadline_before_rotations(deadline, rotations)
    assert (words in message) if words else message == ""
