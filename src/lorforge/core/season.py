"""ERAS season dates: editable estimates, never official dates.

ERAS changes its calendar every season. These defaults follow the usual
pattern (applicants start applying in early June, can submit in early
September, programs start reviewing in late September) and are shown with
"check the current ERAS timeline".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from lorforge.core.dates import day as day_text


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
    """The default season seen from ``today``: the first whose programs have not started reviewing yet.

    A rotation in November 2026 feeds letters for applications submitted in September 2027,
    so for the 2028 match (programs review the 2027 match's applications from September 2026).
    """
    year = today.year + 1
    while default_season_dates(year).programs_review < today:
        year += 1
    return year


def season_closes(season: int) -> date:
    """The last day a program deadline of this season can fall on (programs stop taking letters in winter)."""
    return date(season, 1, 31)


@dataclass(frozen=True)
class SeasonCheck:
    state: str  # "ahead" (programs not reviewing yet), "reviewing" (letters are late) or "over"
    message: str  # "" when ahead


def check_season(season: int, dates: SeasonDates, today: date) -> SeasonCheck:
    """Is this season still ahead, already reviewing (late letters), or over?"""
    if today <= dates.programs_review:
        return SeasonCheck("ahead", "")
    if today > season_closes(season):
        return SeasonCheck(
            "over",
            f"The {season} match season is over: programs stopped taking letters by "
            f"{day_text(season_closes(season), year=True)}. Choose the {season_for(today)} match.",
        )
    return SeasonCheck(
        "reviewing",
        (
            f"Programs in the {season} match started reviewing applications on "
            f"{day_text(dates.programs_review, year=True)}. "
            f"If you are applying now, ask your writers to upload as soon as possible and tell them why; otherwise "
            f"choose the {season_for(today)} match."
        ),
    )


def deadline_problem(deadline: date, season: int, dates: SeasonDates) -> str:
    """Why a program deadline cannot belong to this season, or "" when it can."""
    if deadline < dates.applications_open or deadline > season_closes(season):
        return (
            f"That date is outside the {season} match season ({day_text(dates.applications_open, year=True)} to "
            f"{day_text(season_closes(season), year=True)}). Check the year, or change your match year in your profile."
        )
    return ""


def deadline_before_rotations(deadline: date, rotations: Sequence[tuple[str, date]]) -> str:
    """A warning when a program's deadline comes before the last day of rotations (name, last day) whose letters
    would be written only after them; "" when every rotation ends in time."""
    late = sorted((end, name) for name, end in rotations if end >= deadline)
    if not late:
        return ""
    end, name = late[0]
    more = f" (and {len(late) - 1} more)" if len(late) > 1 else ""
    return (
        f"This deadline, {day_text(deadline, year=True)}, comes before your {name} rotation{more} "
        f"ends on {day_text(end, year=True)}: a letter "
        "from it cannot be ready for this program. Assign letters from earlier rotations, or check the date."
    )
