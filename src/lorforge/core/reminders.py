"""The reminder policy: gentle, rare and well timed.

- At most two reminders per writer (the playbook: one or two, no more).
- The first no earlier than four weeks before the letter deadline (the
  playbook's "3–4 weeks before"), so it lands while the letter still matters,
  and at least two weeks after the materials email, so it never chases a
  writer who has just received everything.
- The second at least two weeks after the first ("a few weeks apart"): with
  the first sent 3–4 weeks out, the second then falls 1–2 weeks before the
  deadline. A reminder that could only come after the deadline is refused.
- Never after the writer has submitted.
- One final polite note, separate from the two reminders, only when the
  letter is still missing near the deadline: from one week before it, and at
  least a week after the last reminder.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

MAX_REMINDERS = 2
FIRST_REMINDER_WINDOW = timedelta(weeks=4)  # the first reminder opens this long before the deadline
MIN_GAP = timedelta(weeks=2)  # between the two reminders
FINAL_NOTE_WINDOW = timedelta(weeks=1)  # the final note opens this long before the deadline
FINAL_NOTE_MIN_GAP = timedelta(weeks=1)  # after the last reminder


@dataclass(frozen=True)
class ReminderDecision:
    allowed: bool
    reason: str  # one sentence for the applicant, whichever way it goes
    earliest: date | None = None  # when it becomes possible, if it will


def _day(d: date) -> str:
    return f"{d:%b} {d.day}, {d.year}"


def reminder_check(*, sent: Sequence[date], today: date, deadline: date, submitted: bool,
                   materials_sent_on: date | None = None) -> ReminderDecision:
    """May the applicant send another gentle reminder today? ``sent`` holds earlier reminders' dates."""
    if submitted:
        return ReminderDecision(False, "They have already submitted the letter, so no reminder is needed; "
                                       "a short thank-you is the right note now.")
    if len(sent) >= MAX_REMINDERS:
        return ReminderDecision(False, f"You have already sent {len(sent)} reminders, the most a busy writer "
                                       "should get; if the letter is still missing near the deadline, one "
                                       "final polite note is the only step left.")
    if today > deadline:
        return ReminderDecision(False, f"Your letter deadline ({_day(deadline)}) has passed; if the letter is "
                                       "still missing in ERAS, send the final polite note instead.")
    if not sent:
        opens = deadline - FIRST_REMINDER_WINDOW
        if materials_sent_on is not None and materials_sent_on + MIN_GAP > opens:
            opens = materials_sent_on + MIN_GAP
            if opens > deadline:
                return ReminderDecision(False, f"You sent your materials on {_day(materials_sent_on)}, close to "
                                               "the deadline: a reminder so soon would only chase them. If the "
                                               "letter is still missing near the deadline, send the final note.")
            if today < opens:
                return ReminderDecision(False, f"You sent your materials on {_day(materials_sent_on)}; give them "
                                               f"two weeks with them, so wait until {_day(opens)}.", opens)
        if today < opens:
            return ReminderDecision(False, f"It is early: the first reminder works best 3–4 weeks before your "
                                           f"deadline, so from {_day(opens)}.", opens)
        return ReminderDecision(True, "A gentle check-in now is well timed: 3–4 weeks or less before your deadline.")
    earliest = max(sent) + MIN_GAP
    if earliest > deadline:
        return ReminderDecision(False, "Your last reminder was recent and the deadline is close; if the letter "
                                       "is still missing near the deadline, send the final polite note instead.")
    if today < earliest:
        return ReminderDecision(False, f"You sent a reminder on {_day(max(sent))}; give them at least two weeks, "
                                       f"so wait until {_day(earliest)}.", earliest)
    return ReminderDecision(True, "A second, last reminder is fine now; after this one, only a final note "
                                  "near the deadline if the letter is still missing.")


def final_note_check(*, reminders_sent: Sequence[date], final_sent: date | None, today: date, deadline: date,
                     submitted: bool) -> ReminderDecision:
    """May the applicant send the one final polite note about a missing letter today?"""
    if submitted:
        return ReminderDecision(False, "They have already submitted the letter; no further note is needed.")
    if final_sent is not None:
        return ReminderDecision(False, f"You sent the final note on {_day(final_sent)}; the next step is theirs. "
                                       "Check ERAS, and keep your other letters on track.")
    earliest = deadline - FINAL_NOTE_WINDOW
    if reminders_sent:
        earliest = max(earliest, max(reminders_sent) + FINAL_NOTE_MIN_GAP)
    if today < earliest:
        return ReminderDecision(False, f"The final note is for a letter still missing close to the deadline; "
                                       f"check ERAS again from {_day(earliest)}.", earliest)
    return ReminderDecision(True, "If ERAS still shows the letter as missing, one last polite note is fine now.")
