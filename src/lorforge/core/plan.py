"""The rotation plan: the dated conversations that turn a rotation into a strong letter.

``build_plan`` turns a rotation, the applicant and the team into checkpoints,
each with an inclusive date window, who it is with, why it matters and a script.

Timing (day 1 is the first day, L the last day, D the letter deadline):

- setup: days 1–2, after rounds or clinic.
- feedback_seed: end of week 1 or early week 2 (days 5–9).
- micro_highlight: every three days or so (a two-day window each) from just
  after the seed's start to the day before the last, each with a focus that
  rotates (the order favors the applicant's field).
- midpoint_feedback: about two days either side of the midpoint, kept inside
  weeks 2–3 while the midpoint is there.
- feedback_followup: a week after the midpoint feedback.
- pre_ask: 3–5 days before the last day, never on the last day.
- last_day_thanks: the last day.
- materials_email: from the day after the pre-ask window opens to the day after the last day.
- reminder: 3–4 weeks before D, and a second one two weeks later (2 to 1 weeks
  before D), following ``lorforge.core.reminders``; never earlier than a week
  after the materials window closes.
- confirm_submission: the last week before D, at least a week after the last reminder.

Rotations shorter than four weeks keep every checkpoint: the in-rotation ones
scale with the rotation's length and stay in the same order, and the pre-ask
moves closer to the last day (always at least a day before it) when the
rotation is too short for 3–5 days. A plan needs at least two days.

Checkpoints are sorted by start, then by ``KEY_ORDER``. The materials window
opens the day after the pre-ask opens, so it sorts before the last day's thanks.

When the deadline is too close to the rotation's end for a reminder three
weeks before it (or falls before the end), the reminders collapse into a
single one: a week after the materials window closes, or three days before
the deadline if that is sooner, but never before the day after the materials
window; the submission check follows it and runs to the deadline (or is a
single day right after the reminder when the deadline has passed). Windows
never end before they start.

Weekends: in-person conversations prefer weekdays. A window is trimmed to its
first and last weekday; a window made only of weekend days moves to the
nearest weekday the rules allow, or stays put if none does (a rotation that
starts on a Saturday starts with the team on a Saturday).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from lorforge.core import scripts, season
from lorforge.core.records import Applicant, Person, Rotation

KEY_ORDER: tuple[str, ...] = (
    "setup", "feedback_seed", "micro_highlight", "midpoint_feedback", "feedback_followup", "pre_ask",
    "last_day_thanks", "materials_email", "reminder", "confirm_submission",
)
REPEATED_KEYS = frozenset({"micro_highlight", "reminder"})  # their ids carry a number: "reminder-1"
MIN_ROTATION_DAYS = 2  # the pre-ask must fit before the last day
MAX_ROTATION_DAYS = 26 * 7

MICRO_EVERY = timedelta(days=3)
MICRO_MIN_GAP = timedelta(days=2)  # moving an update off a weekend never crowds the previous one
# The playbook's timings, as day indexes (0 = first day) of a four-week rotation; shorter rotations scale them.
FULL_LENGTH_LAST_DAY = 27
SEED_DAYS = (4, 8)  # end of week 1 to early week 2
MIDPOINT_DAYS = (11, 15)  # around the middle, in weeks 2-3
FOLLOWUP_AFTER_DAYS = 7  # a week after the feedback
WEEKS_2_3_END = 20  # last day of week 3
FIRST_REMINDER = (timedelta(weeks=4), timedelta(weeks=3))  # opens / closes this long before the deadline
REMINDER_GAP = timedelta(weeks=2)
SECOND_REMINDER_CLOSES = timedelta(days=8)  # before the deadline: the final week belongs to the ERAS check
AFTER_MATERIALS = timedelta(weeks=1)  # give the writer a week before any reminder
FINAL_WEEK = timedelta(weeks=1)
COLLAPSED_LEAD = timedelta(days=3)  # a squeezed reminder still leaves the writer a few days

ONE_DAY = timedelta(days=1)

_TITLES = {
    "setup": "Introduce yourself and set your goals with {writer}",
    "feedback_seed": "Five-minute check-in with {writer}",
    "midpoint_feedback": "Mid-rotation feedback with {writer}",
    "feedback_followup": "Show {writer} what you changed",
    "pre_ask": "Ask {writer} about a strong letter",
    "last_day_thanks": "Thank {writer} in person",
    "materials_email": "Email {writer} your materials",
    "reminder": "Gentle reminder to {writer}",
    "confirm_submission": "Check that the letter from {writer} is in ERAS",
}
_MICRO_TITLES = {
    "clinical_reasoning": "Short update: show your clinical reasoning",
    "systems_teamwork": "Short update: show your teamwork in the system",
    "communication_empathy": "Short update: show how you communicate with patients",
}
_WHY = {
    "setup": ("The first real conversation decides whether they see a visitor or a future intern, and it "
              "gives them permission to coach you."),
    "feedback_seed": ("Asking early shows you are teachable and starts a story of growth a letter can tell: "
                      "feedback requested, change delivered. It is too early to ask about a letter."),
    "micro_highlight": ("Letters quote specific moments, not adjectives. A short update gives them one they can "
                        "reuse."),
    "midpoint_feedback": ("Structured feedback halfway through leaves time to improve where they can see it, "
                          "and puts your strengths into their own words."),
    "feedback_followup": ("Showing the change turns feedback into a before-and-after, one of the most "
                          "convincing things a letter can describe."),
    "pre_ask": ("Asking a few days before the end, with the word \"strong\", lets them decline gracefully and "
                "leaves time to follow up while they remember you well."),
    "last_day_thanks": ("A warm, personal goodbye is the last impression they take into writing, and a chance "
                        "to say the materials are on their way."),
    "materials_email": ("Busy writers fall back on generic letters. Your CV, statement draft and one-page "
                        "summary give them specific material while the month is fresh."),
    "reminder": ("Most letters are written within four to eight weeks. A gentle nudge well before the deadline "
                 "keeps yours from slipping."),
    "confirm_submission": ("Writers don't always say when they upload. Checking ERAS yourself avoids both a "
                           "missing letter and an unneeded reminder."),
}
_MICRO_WHY = {
    "clinical_reasoning": "A strong letter quotes how you think: reading about your patients and applying it.",
    "systems_teamwork": "It shows you can work the US hospital system and the team, not just the medicine.",
    "communication_empathy": "It shows how you are with patients and families, without bragging.",
}
_COLLAPSED_TIP = ("Your deadline is close to the end of the rotation, so there is room for one reminder only; "
                  "ask the writer early whether your date works for them.")


@dataclass(frozen=True)
class Checkpoint:
    id: str  # stable within a plan: the key, or "key-N" for repeated keys
    key: str
    title: str
    starts: date  # inclusive window
    ends: date
    with_: tuple[str, ...]  # display names of who it is with
    why: str
    script: str
    focus: str = ""  # for micro_highlight: one of specialties.FOCUSES
    tips: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "key": self.key,
            "title": self.title,
            "starts": self.starts.isoformat(),
            "ends": self.ends.isoformat(),
            "with": list(self.with_),
            "why": self.why,
            "script": self.script,
            "focus": self.focus,
            "tips": list(self.tips),
        }


@dataclass(frozen=True)
class Slot:
    """One dated occurrence of a checkpoint, before it gets words."""

    key: str
    starts: date
    ends: date
    collapsed: bool = False  # a single reminder squeezed by a close deadline


def check_rotation_dates(start: date, end: date) -> None:
    """Raise ``ValueError`` with a one-line reason when the dates cannot make a plan."""
    if end < start:
        raise ValueError(f"the rotation ends ({end.isoformat()}) before it starts ({start.isoformat()})")
    days = (end - start).days + 1
    if days < MIN_ROTATION_DAYS:
        raise ValueError("a rotation needs at least two days: one to ask, and a later last day")
    if days > MAX_ROTATION_DAYS:
        raise ValueError(f"the rotation lasts {days} days; plans cover rotations of up to 26 weeks, "
                         "so check the dates")


def default_deadline(rotation: Rotation, applicant: Applicant) -> date:
    """The estimated letter deadline of the season the applicant applies in."""
    year = applicant.season or season.season_for(rotation.end)
    return season.default_season_dates(year).letter_deadline


def build_plan(*, rotation: Rotation, applicant: Applicant, people: Sequence[Person] = (),
               deadline: date | None = None, lead: str | None = None) -> list[Checkpoint]:
    """The dated checkpoints for one rotation, sorted by start date, then by ``KEY_ORDER``."""
    check_rotation_dates(rotation.start, rotation.end)
    deadline = deadline or default_deadline(rotation, applicant)
    writer_name = lead or next((p.name for p in people if p.role == "attending"), "")
    resident = next((p.name for p in people if p.role == "resident"), "")
    ctx = scripts.script_context(rotation=rotation, applicant=applicant, writer=writer_name,
                                 resident=resident, deadline=deadline)
    writer = ctx.writer or "your attending"
    foci = _focus_cycle(ctx.nuance.focus_order)
    counts: dict[str, int] = {}
    checkpoints = []
    for slot in schedule(rotation.start, rotation.end, deadline):
        counts[slot.key] = counts.get(slot.key, 0) + 1
        focus = next(foci) if slot.key == "micro_highlight" else ""
        checkpoints.append(_checkpoint(slot, counts[slot.key], focus, ctx, writer))
    return sorted(checkpoints, key=lambda c: (c.starts, KEY_ORDER.index(c.key)))


def _focus_cycle(order: tuple[str, ...]):
    while True:
        yield from order


def _checkpoint(slot: Slot, number: int, focus: str, ctx: scripts.ScriptContext, writer: str) -> Checkpoint:
    key = slot.key
    with_ = [writer]
    if ctx.resident and key in ("feedback_seed", "micro_highlight", "last_day_thanks"):
        with_.append(ctx.resident)
    tips = scripts.tips_for(key, ctx, focus)
    if slot.collapsed:
        tips = (_COLLAPSED_TIP, *tips)
    return Checkpoint(
        id=f"{key}-{number}" if key in REPEATED_KEYS else key,
        key=key,
        title=_MICRO_TITLES[focus] if focus else _TITLES[key].format(writer=writer),
        starts=slot.starts,
        ends=slot.ends,
        with_=tuple(with_),
        why=_MICRO_WHY[focus] + " " + _WHY[key] if focus else _WHY[key],
        script=scripts.script_for(key, ctx, focus, number),
        focus=focus,
        tips=tips,
    )


# --- Dates -----------------------------------------------------------------------------------------


def schedule(start: date, end: date, deadline: date) -> list[Slot]:
    """Every checkpoint's window, grouped by key in plan order (repeated keys in date order), not yet sorted."""
    check_rotation_dates(start, end)
    in_rotation = _in_rotation(start, end)
    materials = Slot("materials_email", in_rotation["pre_ask"].starts + ONE_DAY, end + ONE_DAY)
    reminders, confirm = _after_rotation(materials.ends, deadline)
    return [
        *(in_rotation[key] for key in ("setup", "feedback_seed")),
        *_micro_highlights(end, in_rotation["feedback_seed"].starts, in_rotation["midpoint_feedback"].starts),
        *(in_rotation[key] for key in ("midpoint_feedback", "feedback_followup", "pre_ask")),
        Slot("last_day_thanks", end, end),
        materials,
        *reminders,
        confirm,
    ]


def _in_rotation(start: date, end: date) -> dict[str, Slot]:
    last = (end - start).days  # index of the last day
    scale = min(1.0, last / FULL_LENGTH_LAST_DAY)

    def day(index: float) -> date:
        return start + timedelta(days=round(index))

    on_rotation = (start, day(last - 1))  # in-person talks happen before the last day

    near, far = _pre_ask_lead(last)
    pre_ask = _prefer_weekdays(day(last - far), day(last - near), on_rotation)
    setup = _prefer_weekdays(day(0), day(min(1, last)), (day(0), day(min(1, last))))
    seed = _prefer_weekdays(day(SEED_DAYS[0] * scale), day(SEED_DAYS[1] * scale), on_rotation)
    if last >= FULL_LENGTH_LAST_DAY:
        middle = last // 2
        latest = min(middle + 2, WEEKS_2_3_END) if middle <= WEEKS_2_3_END else middle + 2
        midpoint = _prefer_weekdays(day(middle - 2), day(latest), on_rotation)
    else:
        midpoint = _prefer_weekdays(day(MIDPOINT_DAYS[0] * scale), day(MIDPOINT_DAYS[1] * scale), on_rotation)
    gap = timedelta(days=max(1, round(FOLLOWUP_AFTER_DAYS * scale)))
    followup = _prefer_weekdays(midpoint[0] + gap, midpoint[1] + gap, on_rotation)

    chain = _in_order([setup, seed, midpoint, followup], ceiling=pre_ask)
    keys = ("setup", "feedback_seed", "midpoint_feedback", "feedback_followup")
    slots = {key: Slot(key, *window) for key, window in zip(keys, chain)}
    slots["pre_ask"] = Slot("pre_ask", *pre_ask)
    return slots


def _pre_ask_lead(last: int) -> tuple[int, int]:
    """How many days before the last day the pre-ask window closes and opens (3–5 when there is room)."""
    near = min(3, max(1, last // 4))
    far = min(5, max(near, last // 3))
    return near, far


def _in_order(windows: list[tuple[date, date]], ceiling: tuple[date, date]) -> list[tuple[date, date]]:
    """Keep starts in sequence and every window no later than the pre-ask (``ceiling``)."""
    ordered = []
    previous = windows[0][0]
    for starts, ends in windows:
        starts = min(max(starts, previous), ceiling[0])
        ends = min(max(ends, starts), max(starts, ceiling[1]))
        ordered.append((starts, ends))
        previous = starts
    return ordered


def _micro_highlights(end: date, seed_starts: date, midpoint_starts: date) -> list[Slot]:
    """One short update every few days, from just after the seed until the day before the last."""
    last_talk = end - ONE_DAY
    days = [_weekday_near(min(seed_starts + ONE_DAY, midpoint_starts), seed_starts, midpoint_starts)]
    candidate = days[-1] + MICRO_EVERY
    while candidate <= last_talk:
        moved = _weekday_near(candidate, days[-1] + MICRO_MIN_GAP, last_talk)
        if _is_weekday(moved):
            days.append(moved)
            candidate = moved + MICRO_EVERY
        else:  # a weekend with no weekday close enough: this update can wait a day
            candidate += ONE_DAY
    return [Slot("micro_highlight", *_prefer_weekdays(d, min(d + ONE_DAY, max(d, last_talk)), (d, d)))
            for d in days]


def _after_rotation(materials_ends: date, deadline: date) -> tuple[list[Slot], Slot]:
    """The reminders and the ERAS check, following the reminder policy; collapsed when the deadline is close."""
    earliest = materials_ends + AFTER_MATERIALS
    first_opens, first_closes = deadline - FIRST_REMINDER[0], deadline - FIRST_REMINDER[1]
    if first_closes < earliest:
        return _collapsed(materials_ends, deadline)
    first = Slot("reminder", max(first_opens, earliest), first_closes)
    reminders = [first]
    second_opens, second_closes = first.starts + REMINDER_GAP, deadline - SECOND_REMINDER_CLOSES
    if second_opens <= second_closes:
        reminders.append(Slot("reminder", second_opens, second_closes))
    check_opens = max(deadline - FINAL_WEEK, reminders[-1].starts + FINAL_WEEK)
    return reminders, Slot("confirm_submission", check_opens, max(deadline, check_opens))


def _collapsed(materials_ends: date, deadline: date) -> tuple[list[Slot], Slot]:
    """One reminder, a week after the materials when the deadline allows, else a few days before it
    (and never before the day after the materials); the ERAS check follows it, up to the deadline."""
    opens = max(materials_ends + ONE_DAY, min(materials_ends + AFTER_MATERIALS, deadline - COLLAPSED_LEAD))
    reminder = Slot("reminder", opens, max(opens, deadline - SECOND_REMINDER_CLOSES), collapsed=True)
    check_opens = max(deadline - FINAL_WEEK, reminder.ends + ONE_DAY)
    return [reminder], Slot("confirm_submission", check_opens, max(deadline, check_opens))


def _is_weekday(d: date) -> bool:
    return d.weekday() < 5


def _prefer_weekdays(starts: date, ends: date, allowed: tuple[date, date]) -> tuple[date, date]:
    """Trim a window to weekdays; move an all-weekend window to the nearest weekday inside ``allowed``."""
    ends = max(ends, starts)
    weekdays = [starts + timedelta(days=i) for i in range((ends - starts).days + 1)
                if _is_weekday(starts + timedelta(days=i))]
    if weekdays:
        return weekdays[0], weekdays[-1]
    moved = _weekday_near(starts, allowed[0], allowed[1])
    return (moved, moved) if _is_weekday(moved) else (starts, ends)


def _weekday_near(d: date, earliest: date, latest: date) -> date:
    """``d`` if it is a weekday, else the next Monday or the previous Friday within bounds, else ``d``."""
    if _is_weekday(d):
        return d
    monday = d + timedelta(days=7 - d.weekday())
    friday = d - timedelta(days=d.weekday() - 4)
    for candidate in sorted((monday, friday), key=lambda c: abs((c - d).days)):
        if earliest <= candidate <= latest:
            return candidate
    return d
