"""The reminder policy, as the applicant meets it on the email page: may I send this note today?

The rules themselves live in ``lorforge.core.timeline`` (``reminder_windows`` and
``final_check_window``): at most two reminders, the first 3–4 weeks before the deadline and never
within two weeks of the materials email, the second a few weeks later and never in the last week,
none after the writer submitted; one final polite note in the last week if the letter is still
missing. This module only turns those windows into a yes or no with one sentence of why, so the
plan, Today and the Letters pages can never disagree with what the email page allows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from lorforge.core import timeline
from lorforge.core.dates import day as day_text

MAX_REMINDERS = timeline.MAX_REMINDERS


@dataclass(frozen=True)
class ReminderDecision:
    allowed: bool
    reason: str  # one sentence for the applicant, whichever way it goes
    earliest: date | None = None  # when it becomes possible, if it will


def reminder_check(
    *, sent: Sequence[date], today: date, deadline: date, submitted: bool, materials_sent_on: date | None = None
) -> ReminderDecision:
    """May the applicant send another gentle reminder today? ``sent`` holds earlier reminders' dates."""
    if submitted:
        return ReminderDecision(
            False,
            "They have already submitted the letter, so no reminder is needed; "
            "a short thank-you is the right note now.",
        )
    if len(sent) >= MAX_REMINDERS:
        return ReminderDecision(
            False,
            f"You have already sent {len(sent)} reminders, the most a busy writer "
            "should get; if the letter is still missing near the deadline, one "
            "final polite note is the only step left.",
        )
    basis = materials_sent_on or date.min  # without a materials date, only the deadline sets the window
    windows = timeline.reminder_windows(materials_on=basis, sent=sent, deadline=deadline)
    upcoming = windows[len(sent)] if len(windows) > len(sent) else None
    if upcoming is None or today > deadline - timeline.LAST_REMINDER_BEFORE:
        return ReminderDecision(
            False,
            "Your deadline is too close for another reminder to help; if the letter "
            "is still missing in its last week, send the final polite note instead.",
        )
    if today < upcoming.opens:
        if sent:
            why = f"You sent a reminder on {day_text(max(sent), year=True)}; give them a few weeks"
        elif materials_sent_on and upcoming.opens == materials_sent_on + timeline.AFTER_MATERIALS:
            why = f"You sent your materials on {day_text(materials_sent_on, year=True)}; give them two weeks with them"
        else:
            why = "It is early: a reminder works best 3–4 weeks before your deadline"
        return ReminderDecision(False, f"{why}, so wait until {day_text(upcoming.opens, year=True)}.", upcoming.opens)
    if sent:
        return ReminderDecision(
            True,
            "A second, last reminder is fine now; after this one, only a final note "
            "in the last week if the letter is still missing.",
        )
    return ReminderDecision(True, "A gentle check-in now is well timed before your deadline.")


def final_note_check(
    *, reminders_sent: Sequence[date], final_sent: date | None, today: date, deadline: date, submitted: bool
) -> ReminderDecision:
    """May the applicant send the one final polite note about a missing letter today?"""
    if submitted:
        return ReminderDecision(False, "They have already submitted the letter; no further note is needed.")
    if final_sent is not None:
        return ReminderDecision(
            False,
            f"You sent the final note on {day_text(final_sent, year=True)}; the next step is theirs. "
            "Check ERAS, and keep your other letters on track.",
        )
    window = timeline.final_check_window(
        reminders=[timeline.Window(d, d) for d in sorted(reminders_sent)], deadline=deadline
    )
    if today < window.opens:
        return ReminderDecision(
            False,
            f"The final note is for a letter still missing close to the deadline; "
            f"check ERAS again from {day_text(window.opens, year=True)}.",
            window.opens,
        )
    return ReminderDecision(True, "If ERAS still shows the letter as missing, one last polite note is fine now.")
