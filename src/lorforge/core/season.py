"""ERAS season dates: editable estimates, never official dates.

ERAS changes its calendar every season. These defaults follow the usual
pattern (applicants start applying in early June, can submit in early
September, programs start reviewing in late September) and are shown with
"check the current ERAS timeline".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class SeasonDates:
    applications_open: date  # applicants can start working on ERAS
    submission_opens: date  # applicants can submit to programs
    programs_review: date  # programs start reviewing applications

    @property
    def letter_deadline(self) -> date:
        """When letters should be uploaded: before programs start reviewing."""
        return self.programs_review


def _first_weekday(year: int, month: int, weekday: int) -> date:
    day = date(year, month, 1)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def default_season_dates(season: int) -> SeasonDates:
    """Estimated dates for the application season that matches in ``season``.

    Applicants for the match of year N apply in the summer of year N - 1.
    """
    year = season - 1
    return SeasonDates(
        applications_open=_first_weekday(year, 6, 2),  # first Wednesday of June
        submission_opens=_first_weekday(year, 9, 2),  # first Wednesday of September
        programs_review=_first_weekday(year, 9, 2) + timedelta(weeks=3),  # late September
    )


def season_for(today: date) -> int:
    """The next season an applicant can still apply in, seen from ``today``."""
    return today.year + 1 if today.month < 10 else today.year + 2
