"""The rotation plan: the dated conversations that turn a rotation into a strong letter.

``build_plan`` turns a rotation, the applicant and the team into checkpoints,
each with an inclusive date window, who it is with, why it matters and a script.

In-rotation timing (day 1 is the first day, L the last day):

- setup: days 1–2, after rounds or clinic.
- feedback_seed: late in week 1 or at the start of week 2 (days 5–9).
- micro_highlight: every three days or so (a two-day window each) from just
  after the seed's start to the day before the last, each with a focus that
  rotates (the order favors the applicant's field).
- midpoint_feedback: about two days either side of the midpoint, kept inside
  weeks 2–3 while the midpoint is there.
- feedback_followup: a week after the midpoint feedback.
- feedback_check: on rotations over four weeks, extra feedback check-ins so that
  no two feedback conversations are more than two weeks apart.

The letter's steps (pre_ask, last_day_thanks, materials_email, reminder,
confirm_submission) come from ``lorforge.core.timeline``, the one place their
dates live: the plan shows the lead writer's timeline, with its statuses when the
caller passes the real one, else a projection from the rotation's first day.

Rotations shorter than four weeks keep the in-rotation conversations that fit: the
windows scale with the rotation's length and stay in the same order, and no more than
two conversations start on one day (the extra ones move to the next working day
inside their window, else the least important are left out: short updates first).
A plan needs at least two days.

Working days: in-person conversations happen on weekdays that are not US federal
holidays. A window is trimmed to its working days; a window with none moves to the
nearest working day the rules allow, or stays put if none does (a rotation that
starts on a Saturday starts with the team on a Saturday).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from lorforge.core import scripts, season, timeline, workdays
from lorforge.core.records import Applicant, Person, Rotation

KEY_ORDER: tuple[str, ...] = (
    "setup",
    "feedback_seed",
    "micro_highlight",
    "midpoint_feedback",
    "feedback_followup",
    "feedback_check",
    "pre_ask",
    "last_day_thanks",
    "materials_email",
    "reminder",
    "confirm_submission",
)
REPEATED_KEYS = frozenset({"micro_highlight", "reminder", "feedback_check"})  # ids carry a number: "reminder-1"
LETTER_KEYS = ("pre_ask", "last_day_thanks", "materials_email", "reminder", "confirm_submission")
MAX_TALKS_PER_DAY = 2
FEEDBACK_KEYS = ("feedback_seed", "midpoint_feedback", "feedback_followup", "feedback_check")
MAX_FEEDBACK_GAP = timedelta(weeks=2)  # rotations over four weeks: feedback every one to two weeks
# Which conversations give way first when a short rotation crowds a day (first = dropped first).
DROP_ORDER = ("micro_highlight", "feedback_check", "feedback_followup", "feedback_seed", "midpoint_feedback")
MOVABLE = ("micro_highlight", "feedback_check")  # may move to a later day of their window when a day is full
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

ONE_DAY = timedelta(days=1)

_TITLES = {  # the letter's steps take their titles from core.timeline
    "setup": "Introduce yourself and set your goals with {writer}",
    "feedback_seed": "Five-minute check-in with {writer}",
    "midpoint_feedback": "Mid-rotation feedback with {writer}",
    "feedback_followup": "Show {writer} what you changed",
    "feedback_check": "Feedback check-in with {writer}",
}
_MICRO_TITLES = {  # the letter's steps take their titles from core.timeline
    "clinical_reasoning": "Short update: show your clinical reasoning",
    "systems_teamwork": "Short update: show your teamwork in the system",
    "communication_empathy": "Short update: show how you communicate with patients",
}
_WHY = {
    "setup": (
        "The first real conversation decides whether they see a visitor or a future intern, and it "
        "gives them permission to coach you."
    ),
    "feedback_seed": (
        "Asking early shows you are teachable and starts a story of growth a letter can tell: "
        "feedback requested, change delivered. It is too early to ask about a letter."
    ),
    "micro_highlight": (
        "Letters quote specific moments, not adjectives. A short update gives them one they can reuse."
    ),
    "midpoint_feedback": (
        "Structured feedback halfway through leaves time to improve where they can see it, "
        "and puts your strengths into their own words."
    ),
    "feedback_followup": (
        "Showing the change turns feedback into a before-and-after, one of the most "
        "convincing things a letter can describe."
    ),
    "feedback_check": (
        "On a long rotation, a short check-in every week or two keeps the feedback, and the changes they see, coming."
    ),
    "pre_ask": (
        'Asking a few days before the end, with the word "strong", lets them decline gracefully and '
        "leaves time to follow up while they remember you well."
    ),
    "last_day_thanks": (
        "A warm, personal goodbye is the last impression they take into writing, and a chance "
        "to say the materials are on their way."
    ),
    "materials_email": (
        "Busy writers fall back on generic letters. Your CV, statement draft and one-page "
        "summary give them specific material while the month is fresh."
    ),
    "reminder": (
        "Most letters are written within four to eight weeks. A gentle nudge well before the deadline "
        "keeps yours from slipping."
    ),
    "confirm_submission": (
        "Writers don't always say when they upload. Checking ERAS yourself avoids both a "
        "missing letter and an unneeded reminder."
    ),
}
_MICRO_WHY = {
    "clinical_reasoning": "A strong letter quotes how you think: reading about your patients and applying it.",
    "systems_teamwork": "It shows you can work the US hospital system and the team, not just the medicine.",
    "communication_empathy": "It shows how you are with patients and families, without bragging.",
}
_SQUEEZED_TIP = (
    "Your deadline is close to the end of the rotation, so the reminder has to wait two weeks "
    "after your materials; ask the writer early whether your date works for them."
)


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
    status: str = ""  # letter steps: the timeline's status today ("" for conversations: see core.progress)

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
            **({"status": self.status} if self.status else {}),
        }


@dataclass(frozen=True)
class Slot:
    """One dated occurrence of a checkpoint, before it gets words."""

    key: str
    starts: date
    ends: date
    squeezed: bool = False  # a reminder that had to wait for two weeks after the materials
    status: str = ""  # from the letter timeline, for its steps
    title: str = ""  # from the letter timeline, for its steps


def check_rotation_dates(start: date, end: date) -> None:
    """Raise ``ValueError`` with a one-line reason when the dates cannot make a plan."""
    if end < start:
        raise ValueError(f"the rotation ends ({end.isoformat()}) before it starts ({start.isoformat()})")
    days = (end - start).days + 1
    if days < MIN_ROTATION_DAYS:
        raise ValueError("a rotation needs at least two days: one to ask, and a later last day")
    if days > MAX_ROTATION_DAYS:
        raise ValueError(f"the rotation lasts {days} days; plans cover rotations of up to 26 weeks, so check the dates")


def default_deadline(rotation: Rotation, applicant: Applicant) -> date:
    """The estimated letter deadline of the season the applicant applies in."""
    return season_dates_for(rotation, applicant).letter_deadline


def season_dates_for(rotation: Rotation, applicant: Applicant) -> season.SeasonDates:
    return season.default_season_dates(applicant.season or season.season_for(rotation.end))


def projected_letter(
    *, rotation: Rotation, writer: Person, applicant: Applicant, deadline: date | None = None
) -> timeline.LetterTimeline:
    """The lead's letter as planned on the rotation's first day, before anything has happened."""
    dates = season_dates_for(rotation, applicant)
    programs = (timeline.Program("your deadline", deadline),) if deadline else ()
    return timeline.letter_timeline(
        letter=timeline.Letter(writer=writer, rotation=rotation), dates=dates, programs=programs, today=rotation.start
    )


def build_plan(
    *,
    rotation: Rotation,
    applicant: Applicant,
    people: Sequence[Person] = (),
    deadline: date | None = None,
    lead: str | None = None,
    letter: timeline.LetterTimeline | None = None,
) -> list[Checkpoint]:
    """The dated checkpoints for one rotation, sorted by start date, then by ``KEY_ORDER``.

    ``letter`` is the lead writer's timeline (with its real history and today); without it the
    letter steps are projected from the rotation's first day and ``deadline`` (or the season's estimate).
    """
    check_rotation_dates(rotation.start, rotation.end)
    writer_name = lead or next((p.name for p in people if p.role == "attending"), "")
    writer_person = next((p for p in people if p.name == writer_name), Person(name=writer_name))
    projected = letter is None
    if letter is None:
        letter = projected_letter(rotation=rotation, writer=writer_person, applicant=applicant, deadline=deadline)
    resident = next((p for p in people if p.role == "resident"), None)
    ctx = scripts.script_context(
        rotation=rotation,
        applicant=applicant,
        writer=writer_person if writer_name else None,
        resident=resident,
        deadline=letter.deadline.on,
    )
    writer = ctx.writer or "your attending"
    foci = _focus_cycle(ctx.nuance.focus_order)
    counts: dict[str, int] = {}
    checkpoints = []
    for slot in [*schedule(rotation.start, rotation.end), *letter_slots(letter, with_status=not projected)]:
        counts[slot.key] = counts.get(slot.key, 0) + 1
        focus = next(foci) if slot.key == "micro_highlight" else ""
        checkpoints.append(_checkpoint(slot, counts[slot.key], focus, ctx, writer))
    return sorted(checkpoints, key=lambda c: (c.starts, KEY_ORDER.index(c.key)))


def letter_slots(letter: timeline.LetterTimeline, *, with_status: bool = True) -> list[Slot]:
    """The letter timeline's steps that have a script in the plan, with their dates (and statuses)."""
    return [
        Slot(
            step.key,
            step.starts,
            step.ends,
            squeezed=bool(step.note) and step.key == "reminder",
            status=step.status if with_status else "",
            title=step.title,
        )
        for step in letter.steps
        if step.key in LETTER_KEYS
    ]


def _focus_cycle(order: tuple[str, ...]):
    while True:
        yield from order


def _checkpoint(slot: Slot, number: int, focus: str, ctx: scripts.ScriptContext, writer: str) -> Checkpoint:
    key = slot.key
    with_ = [writer]
    if ctx.resident and key in ("feedback_seed", "feedback_check", "micro_highlight", "last_day_thanks"):
        with_.append(ctx.resident)
    tips = scripts.tips_for(key, ctx, focus)
    if slot.squeezed:
        tips = (_SQUEEZED_TIP, *tips)
    return Checkpoint(
        id=f"{key}-{number}" if key in REPEATED_KEYS else key,
        key=key,
        title=slot.title or (_MICRO_TITLES[focus] if focus else _TITLES[key].format(writer=writer)),
        starts=slot.starts,
        ends=slot.ends,
        with_=tuple(with_),
        why=_MICRO_WHY[focus] + " " + _WHY[key] if focus else _WHY[key],
        script=scripts.script_for(key, ctx, focus, number),
        focus=focus,
        tips=tips,
        status=slot.status,
    )


# --- Dates -----------------------------------------------------------------------------------------


def schedule(start: date, end: date) -> list[Slot]:
    """The in-rotation conversations' windows, in plan order (repeated keys in date order), not yet sorted.

    The letter's steps (the ask, the last day, and what follows) come from ``core.timeline``.
    """
    check_rotation_dates(start, end)
    in_rotation = _in_rotation(start, end)
    talks = [
        *(in_rotation[key] for key in ("setup", "feedback_seed")),
        *_micro_highlights(end, in_rotation["feedback_seed"].starts, in_rotation["midpoint_feedback"].starts),
        *(in_rotation[key] for key in ("midpoint_feedback", "feedback_followup")),
    ]
    talks += _feedback_checks(talks, in_rotation["pre_ask"])
    return _at_most_two_a_day(
        talks,
        fixed=[in_rotation["pre_ask"], Slot("last_day_thanks", *((timeline.last_day_thanks(start, end),) * 2))],
        last_talk=in_rotation["pre_ask"].ends,
    )


def _feedback_checks(talks: list[Slot], pre_ask: Slot) -> list[Slot]:
    """Extra check-ins so that feedback comes every one to two weeks (only rotations over four weeks need them)."""
    feedback = sorted(s.starts for s in talks if s.key in FEEDBACK_KEYS)
    marks = [*feedback, pre_ask.starts]
    checks = []
    for earlier, later in zip(marks, marks[1:]):
        gap = later - earlier
        count = -(-gap.days // MAX_FEEDBACK_GAP.days) - 1  # check-ins needed to keep every gap within two weeks
        for i in range(1, count + 1):
            day = workdays.on_or_after(earlier + timedelta(days=round(gap.days * i / (count + 1))), latest=later)
            checks.append(Slot("feedback_check", *_prefer_weekdays(day, day + ONE_DAY, (day, later - ONE_DAY))))
    return checks


def _at_most_two_a_day(talks: list[Slot], *, fixed: list[Slot], last_talk: date) -> list[Slot]:
    """No more than two conversations start on one day: move the extra ones to a later working day in
    their window, else leave out the least important (``DROP_ORDER``)."""
    kept = list(fixed)

    def load(day: date) -> int:
        return sum(s.starts == day for s in kept)

    def rank(slot: Slot) -> tuple[int, date]:  # the most important first
        return (-(DROP_ORDER.index(slot.key) if slot.key in DROP_ORDER else len(DROP_ORDER)), slot.starts)

    for slot in sorted(talks, key=rank):
        if load(slot.starts) < MAX_TALKS_PER_DAY or slot.key == "setup":  # the introduction always stays
            kept.append(slot)
            continue
        if slot.key not in MOVABLE:  # moving a feedback talk could put it out of order: leave it out
            continue
        later = [
            d
            for d in workdays.working_days(slot.starts + ONE_DAY, max(slot.ends, slot.starts))
            if d <= last_talk and load(d) < MAX_TALKS_PER_DAY
        ]
        if later:
            kept.append(Slot(slot.key, later[0], max(slot.ends, later[0])))
    return [s for s in kept if s.key not in LETTER_KEYS]


def _in_rotation(start: date, end: date) -> dict[str, Slot]:
    last = (end - start).days  # index of the last day
    scale = min(1.0, last / FULL_LENGTH_LAST_DAY)

    def day(index: float) -> date:
        return start + timedelta(days=round(index))

    on_rotation = (start, day(last - 1))  # in-person talks happen before the last day

    pre_ask = timeline.pre_ask_window(start, end)
    setup = _prefer_weekdays(day(0), day(min(1, last)), on_rotation)
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
    return [Slot("micro_highlight", *_prefer_weekdays(d, min(d + ONE_DAY, max(d, last_talk)), (d, d))) for d in days]


def _is_weekday(d: date) -> bool:
    """A working day: a weekday that is not a US federal holiday."""
    return workdays.is_working_day(d)


def _prefer_weekdays(starts: date, ends: date, allowed: tuple[date, date]) -> tuple[date, date]:
    """Trim a window to working days; move a window without one to the nearest working day in ``allowed``."""
    ends = max(ends, starts)
    days = workdays.working_days(starts, ends)
    if days:
        return days[0], days[-1]
    moved = _weekday_near(starts, allowed[0], allowed[1])
    return (moved, moved) if _is_weekday(moved) else (starts, ends)


def _weekday_near(d: date, earliest: date, latest: date) -> date:
    """``d`` if it is a working day, else the nearest one within bounds (later first on a tie), else ``d``."""
    if _is_weekday(d):
        return d
    for distance in range(1, 8):
        for candidate in (d + timedelta(days=distance), d - timedelta(days=distance)):
            if earliest <= candidate <= latest and _is_weekday(candidate):
                return candidate
    return d
