"""One letter timeline: every dated step of one letter, from the ask to the letter in ERAS.

This module is the only place where the letter's dates and rules live. The rotation plan's
after-rotation steps, Today, the writer and Letters pages, the emails, the digest, the calendar
and ``lorforge timeline`` all read ``letter_timeline``; the reminder policy
(``lorforge.core.reminders``) is a view of ``reminder_windows``.

Rules (D is the letter deadline, E the rotation's last day, Y the day of a confident yes,
M the day the materials email went out):

- The deadline (``letter_deadline``): the earliest program deadline the letter can still meet
  (on or after E and on or after today), else the season's "programs start reviewing" date
  when it is still ahead, else, in a season already reviewing, "as soon as possible": four weeks
  after the later of E and Y (or today, before a yes). No step ever names a past date to meet.
- Pre-ask: 3–5 days before E on working days, never on E itself (``pre_ask_window``). Asked
  before the last week of a rotation over two weeks: a caution. Asked more than two weeks after
  E: the late-letter warning and an adapted script (``pre_ask_timing``).
- Last-day thanks: E, or the last working day before it when E is a weekend or a holiday.
- Materials: within 24 hours of the yes (Y to Y + 1); before a yes, planned for the day after
  the pre-ask opens up to the day after E.
- Reminders: at most two. The first 3–4 weeks before D and never within two weeks of M; when
  the materials come later than that, it waits for two weeks after M as long as that is at least
  eight days before D (the last week belongs to the final check), else there is no reminder.
  The second a few weeks later: from two weeks after the first to eight days before D.
- Final check: the last week before D, and at least a week after the last reminder.
- A hesitant answer: one step, thanking them and stepping back. A "no": nothing. Submitted:
  nothing more for that letter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from lorforge.core import scripts, workdays
from lorforge.core.letters import AGREED_STAGES, StageChange, current_stage
from lorforge.core.records import Person, Rotation
from lorforge.core.season import SeasonDates

ONE_DAY = timedelta(days=1)
PRE_ASK_DAYS_BEFORE_END = (3, 5)  # the window closes / opens this many days before the last day
LAST_WEEK = timedelta(days=6)  # the last seven days of a rotation, the last day included
EARLY_ASK_MIN_ROTATION_DAYS = 15  # "rotations over two weeks" get the early-ask caution
LATE_ASK_AFTER = timedelta(weeks=2)  # asking later than this after the last day is a late ask
MATERIALS_WITHIN = timedelta(days=1)  # the materials email goes out within 24 hours of the yes
FIRST_REMINDER = (timedelta(weeks=4), timedelta(weeks=3))  # opens / closes this long before the deadline
AFTER_MATERIALS = timedelta(weeks=2)  # no reminder within two weeks of the materials email
REMINDER_GAP = timedelta(weeks=2)  # between the two reminders
LAST_REMINDER_BEFORE = timedelta(days=8)  # the final week belongs to the final check
FINAL_CHECK = timedelta(weeks=1)  # opens this long before the deadline, and this long after a reminder
MAX_REMINDERS = 2
ASAP_WINDOW = timedelta(weeks=4)  # "as soon as possible" in a season already reviewing
ASAP_STILL_MISSING = timedelta(weeks=1)
BACK_OFF_DAYS = timedelta(days=2)

# Step keys in timeline order.
STEP_KEYS = (
    "pre_ask",
    "record_answer",
    "back_off",
    "last_day_thanks",
    "materials_email",
    "reminder",
    "confirm_submission",
)
# waiting: depends on something not yet happened (their yes, your materials); missed: too late to be useful.
STATUSES = ("done", "due", "overdue", "upcoming", "waiting", "missed")
ACTIONABLE = ("due", "overdue")


# --- The deadline ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Program:
    name: str
    deadline: date


@dataclass(frozen=True)
class Deadline:
    on: date
    source: str  # the program it comes from, or in words what the date is
    kind: str  # "program", "estimate" (programs start reviewing) or "asap" (season already reviewing)
    missed_programs: tuple[str, ...] = ()  # programs whose deadline falls before this letter can arrive

    @property
    def estimated(self) -> bool:
        return self.kind != "program"

    @property
    def asap(self) -> bool:
        return self.kind == "asap"


def season_reviewing(dates: SeasonDates, today: date) -> bool:
    """Programs of this season are already reviewing applications (its letters are late)."""
    return today > dates.programs_review


def letter_deadline(
    *,
    dates: SeasonDates,
    programs: Sequence[Program] = (),
    rotation_end: date | None,
    agreed_on: date | None = None,
    today: date,
) -> Deadline:
    """The one date this letter is due by (see the module's rules)."""
    floor = max(today, rotation_end) if rotation_end else today
    missed = tuple(
        p.name
        for p in sorted(programs, key=lambda p: p.deadline)
        if rotation_end is not None and p.deadline < rotation_end
    )
    ahead = sorted((p for p in programs if p.deadline >= floor), key=lambda p: (p.deadline, p.name))
    if ahead:
        return Deadline(on=ahead[0].deadline, source=ahead[0].name, kind="program", missed_programs=missed)
    if dates.programs_review >= floor:
        return Deadline(
            on=dates.programs_review,
            source="when programs start reviewing (an estimate)",
            kind="estimate",
            missed_programs=missed,
        )
    anchor = max(d for d in (rotation_end, agreed_on, today if agreed_on is None else None) if d is not None)
    # Still missing four weeks on: the target stays a week ahead, never a date already gone.
    return Deadline(
        on=max(anchor + ASAP_WINDOW, today + ASAP_STILL_MISSING),
        source="as soon as possible: programs in your season are already reviewing",
        kind="asap",
        missed_programs=missed,
    )


# --- Timing of the ask ------------------------------------------------------------------------------


def pre_ask_window(start: date, end: date) -> tuple[date, date]:
    """3–5 days before the last day (closer on short rotations), on working days, never on the last day."""
    last = (end - start).days
    near = min(PRE_ASK_DAYS_BEFORE_END[0], max(1, last // 4))
    far = min(PRE_ASK_DAYS_BEFORE_END[1], max(near, last // 3))
    opens, closes = end - timedelta(days=far), end - timedelta(days=near)
    opens, closes = max(opens, start), max(min(closes, end - ONE_DAY), start)
    days = workdays.working_days(opens, closes)
    if days:
        return days[0], days[-1]
    # No working day in the window: the nearest one before it on the rotation, else the window as is.
    before = workdays.on_or_before(opens, earliest=start)
    return (before, before) if workdays.is_working_day(before) else (opens, closes)


def last_day_thanks(start: date, end: date) -> date:
    """The last working day of the rotation (the last day itself when none is a working day)."""
    return workdays.on_or_before(end, earliest=start)


@dataclass(frozen=True)
class AskTiming:
    key: str  # "early", "on_time" or "late"
    message: str  # "" when on time


def pre_ask_timing(rotation: Rotation | None, today: date) -> AskTiming:
    """Is asking today too early, on time, or late (the playbook's first common mistake)?

    The rule lives here; the words the applicant sees come from ``scripts.pre_ask_caution``.
    """
    key = "on_time"
    if rotation is not None:
        length = (rotation.end - rotation.start).days + 1
        if length >= EARLY_ASK_MIN_ROTATION_DAYS and today < rotation.end - LAST_WEEK:
            key = "early"
        elif today > rotation.end + LATE_ASK_AFTER:
            key = "late"
    return AskTiming(key, scripts.pre_ask_caution(key))


# --- Reminders ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    opens: date
    closes: date
    squeezed: bool = False  # the first reminder could not fit 3–4 weeks before the deadline


def reminder_windows(*, materials_on: date, sent: Sequence[date], deadline: date) -> list[Window]:
    """The reminders still possible (and the ones sent, as their own day), oldest first.

    Sent reminders are returned as one-day windows on the day they went out; the next one
    follows the rules from there. At most ``MAX_REMINDERS`` in all.
    """
    windows = [Window(d, d) for d in sorted(sent)[:MAX_REMINDERS]]
    last_possible = deadline - LAST_REMINDER_BEFORE
    while len(windows) < MAX_REMINDERS:
        if not windows:
            opens = max(deadline - FIRST_REMINDER[0], materials_on + AFTER_MATERIALS)
            closes = deadline - FIRST_REMINDER[1]
            squeezed = opens > closes
            if squeezed:
                closes = last_possible
        else:
            opens, closes, squeezed = windows[-1].opens + REMINDER_GAP, last_possible, False
        if opens > closes:
            break
        windows.append(Window(opens, closes, squeezed))
    return windows


def final_check_window(*, reminders: Sequence[Window], deadline: date, after: date | None = None) -> Window:
    """The last week before the deadline, a week after the last reminder, and never before ``after``."""
    opens = deadline - FINAL_CHECK
    if after is not None:
        opens = max(opens, after)
    if reminders:
        opens = max(opens, reminders[-1].opens + FINAL_CHECK)
    return Window(opens, max(opens, deadline))


# --- The timeline ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    key: str  # one of STEP_KEYS
    number: int  # 1 or 2 for reminders, else 1
    title: str
    starts: date
    ends: date
    status: str  # one of STATUSES
    done_on: date | None = None
    note: str = ""  # one sentence: why now, or what changed

    @property
    def id(self) -> str:
        return f"{self.key}-{self.number}" if self.key == "reminder" else self.key

    @property
    def actionable(self) -> bool:
        return self.status in ACTIONABLE

    def to_dict(self) -> dict:
        return {
            "key": self.id,
            "title": self.title,
            "starts": self.starts.isoformat(),
            "ends": self.ends.isoformat(),
            "status": self.status,
        }


@dataclass(frozen=True)
class Letter:
    """What the timeline needs to know about one letter."""

    writer: Person
    rotation: Rotation | None
    history: tuple[StageChange, ...] = ()
    thanked_on: date | None = None  # the last-day thanks marked done in the plan


@dataclass(frozen=True)
class LetterTimeline:
    writer: Person
    rotation: Rotation | None
    stage: str
    deadline: Deadline
    steps: tuple[Step, ...]
    ask_timing: AskTiming
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def next_step(self) -> Step | None:
        """The first step to act on now, else the first one ahead; None when nothing is left."""
        pending = [s for s in self.steps if s.status not in ("done", "missed")]
        return next((s for s in pending if s.actionable), pending[0] if pending else None)

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    @property
    def reminder_allowed(self) -> bool:
        return any(s.key == "reminder" and s.actionable for s in self.steps)


def _first(history: Sequence[StageChange], *stages: str) -> date | None:
    return next((c.on for c in history if c.stage in stages), None)


def _last(history: Sequence[StageChange], *stages: str) -> date | None:
    return next((c.on for c in reversed(history) if c.stage in stages), None)


def _status(starts: date, ends: date, today: date) -> str:
    if today < starts:
        return "upcoming"
    return "due" if today <= ends else "overdue"


def letter_timeline(
    *, letter: Letter, dates: SeasonDates, programs: Sequence[Program] = (), today: date
) -> LetterTimeline:
    """Every step of one letter with its dates and status today, in date order."""
    history = tuple(letter.history)
    stage = current_stage(history)
    rotation, name = letter.rotation, (letter.writer.addressed if letter.writer.name.strip() else "your attending")
    agreed_on = _last(history, "agreed") if stage in AGREED_STAGES else None
    deadline = letter_deadline(
        dates=dates,
        programs=programs,
        rotation_end=rotation.end if rotation else None,
        agreed_on=agreed_on,
        today=today,
    )
    timing = pre_ask_timing(rotation, today)
    steps: list[Step] = []
    asked_on = _first(history, "asked")

    # The ask.
    if rotation is not None:
        ask_opens, ask_closes = pre_ask_window(rotation.start, rotation.end)
    else:
        ask_opens = ask_closes = today
    if stage in ("candidate", "seeded"):
        status, note = _status(ask_opens, ask_closes, today), timing.message
        if letter.writer.role == "resident":  # they shape what the attending hears; their own letter weighs less
            status, note = (
                "waiting",
                (
                    "A resident's letter counts for less than an attending's: ask only if they "
                    "know your work far better than any attending does."
                ),
            )
        elif rotation is None:
            status, note = "waiting", "Ask when they have seen enough of your work to write about it in detail."
        steps.append(Step("pre_ask", 1, f"Ask {name} about a strong letter", ask_opens, ask_closes, status, note=note))
    elif asked_on is not None or stage in AGREED_STAGES:
        done = asked_on or agreed_on or today
        steps.append(Step("pre_ask", 1, f"Ask {name} about a strong letter", done, done, "done", done_on=done))
    if stage == "asked":
        steps.append(
            Step(
                "record_answer",
                1,
                f"Record {name}'s answer",
                asked_on or today,
                today,
                "due",
                note="Write down what they said the same day, while you remember their words.",
            )
        )
    if stage == "hesitant":
        answered = _last(history, "hesitant") or today
        if today <= answered + BACK_OFF_DAYS:
            steps.append(
                Step(
                    "back_off",
                    1,
                    f"Thank {name} and step back",
                    answered,
                    answered + BACK_OFF_DAYS,
                    _status(answered, answered + BACK_OFF_DAYS, today),
                )
            )

    # The last day on the rotation.
    if rotation is not None and stage != "submitted":  # a warm goodbye, whatever they answered
        thanks = last_day_thanks(rotation.start, rotation.end)
        if letter.thanked_on is not None:
            steps.append(
                Step("last_day_thanks", 1, f"Thank {name} in person", thanks, thanks, "done", done_on=letter.thanked_on)
            )
        elif today <= thanks:
            steps.append(
                Step("last_day_thanks", 1, f"Thank {name} in person", thanks, thanks, _status(thanks, thanks, today))
            )

    if stage in ("declined", "hesitant"):
        return LetterTimeline(
            letter.writer, rotation, stage, deadline, tuple(steps), timing, _warnings(deadline, stage)
        )

    # The materials email.
    materials_on = _first(history, "materials_sent")
    if materials_on is not None:
        steps.append(
            Step(
                "materials_email",
                1,
                f"Email {name} your materials",
                materials_on,
                materials_on,
                "done",
                done_on=materials_on,
            )
        )
    elif agreed_on is not None:
        steps.append(
            Step(
                "materials_email",
                1,
                f"Email {name} your materials",
                agreed_on,
                agreed_on + MATERIALS_WITHIN,
                _status(agreed_on, agreed_on + MATERIALS_WITHIN, today),
                note="Within 24 hours of their yes: your CV, statement draft and one-page helper.",
            )
        )
    else:
        planned = (ask_opens + ONE_DAY, max(ask_opens + ONE_DAY, (rotation.end if rotation else today) + ONE_DAY))
        planned = (max(planned[0], today), max(planned[1], today))
        steps.append(
            Step(
                "materials_email",
                1,
                f"Email {name} your materials",
                *planned,
                "waiting",
                note="Within 24 hours of a confident yes.",
            )
        )

    # Reminders and the final check: from the real materials date, else the planned one.
    if stage != "submitted":
        basis = materials_on or next(s for s in steps if s.key == "materials_email").ends
        sent = [c.on for c in history if c.stage == "reminded"]
        windows = reminder_windows(materials_on=basis, sent=sent, deadline=deadline.on)
        for number, window in enumerate(windows, start=1):
            if number <= len(sent):
                steps.append(
                    Step(
                        "reminder",
                        number,
                        _reminder_title(name, number),
                        window.opens,
                        window.closes,
                        "done",
                        done_on=window.opens,
                    )
                )
                continue
            status = "waiting" if materials_on is None else _reminder_status(window, deadline.on, today)
            note = (
                "The deadline is close to your materials, so this reminder waits two weeks after them."
                if window.squeezed
                else ""
            )
            steps.append(
                Step("reminder", number, _reminder_title(name, number), window.opens, window.closes, status, note=note)
            )
        check = final_check_window(reminders=windows, deadline=deadline.on, after=basis + ONE_DAY)
        steps.append(
            Step(
                "confirm_submission",
                1,
                f"Check that {name}'s letter is in ERAS",
                check.opens,
                check.closes,
                "waiting" if materials_on is None else _status(check.opens, check.closes, today),
            )
        )
    else:
        submitted_on = _last(history, "submitted")
        steps.append(
            Step(
                "confirm_submission",
                1,
                f"Check that {name}'s letter is in ERAS",
                submitted_on,
                submitted_on,
                "done",
                done_on=submitted_on,
            )
        )

    steps.sort(key=lambda s: (s.starts, STEP_KEYS.index(s.key), s.number))
    return LetterTimeline(letter.writer, rotation, stage, deadline, tuple(steps), timing, _warnings(deadline, stage))


def _reminder_title(name: str, number: int) -> str:
    return f"Gentle reminder to {name}" if number == 1 else f"Second and last reminder to {name}"


def _reminder_status(window: Window, deadline: date, today: date) -> str:
    if today < window.opens:
        return "upcoming"
    if today <= window.closes:
        return "due"
    # Past its ideal window but still before the last week: late, yet still worth sending now.
    return "overdue" if today <= deadline - LAST_REMINDER_BEFORE else "missed"


def _warnings(deadline: Deadline, stage: str) -> tuple[str, ...]:
    warnings = []
    if deadline.asap and stage != "submitted":
        warnings.append(
            "Programs in your season are already reviewing applications: ask for the letter to be "
            "uploaded as soon as possible, and say why."
        )
    if deadline.missed_programs:
        names = ", ".join(deadline.missed_programs)
        warnings.append(
            f"This letter cannot arrive before the deadline of {names}, which falls before the rotation ends."
        )
    return tuple(warnings)
