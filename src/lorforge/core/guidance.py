"""Daily guidance for the Today page: the end-of-day checklist, the coasting rule and common mistakes.

Everything here takes plain values (dates, counts, answers, entry texts) and
returns ``Flag`` values, or ``None`` when there is nothing to say.

- Checklist: four end-of-day questions, each with a stable key.
- Coasting: a question answered "no" on two days in a row (only weekend days
  in between) flags it, with a concrete step for tomorrow.
- Common mistakes, while the rotation runs:
  - half the rotation gone and no feedback asked yet;
  - past the first week (or the first third of a short rotation) and no time
    with residents recorded;
  - an observership past that point with nothing presented, drafted or taught.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from lorforge.core.records import Flag, Rotation

SETTLING_IN_DAYS = 7  # a week on the rotation before "nothing yet" warnings make sense


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    question: str
    hint: str  # one sentence: what a "yes" looks like
    missing: str  # how the coasting warning names a "no"
    next_step: str  # what to do tomorrow after two days of "no"


CHECKLIST: tuple[ChecklistItem, ...] = (
    ChecklistItem(
        "ownership",
        "Did you own one or two patients or tasks from start to finish?",
        "Pick one or two patients or jobs and see them through, so the team knows they are yours.",
        "owning a patient or a task",
        "Tomorrow morning, ask your resident or attending which one or two patients or tasks you can follow "
        "through the day, and report back on each before you leave.",
    ),
    ChecklistItem(
        "reasoning",
        "Did the attending or a senior hear how you reasoned through a patient?",
        "Say your short differential and why you favor one answer, out loud, to someone senior.",
        "showing your reasoning",
        "Tonight, prepare one patient's differential and plan, and offer it to the team tomorrow in under a minute.",
    ),
    ChecklistItem(
        "communication",
        "Did you give the team, a nurse or a family a clear, useful update?",
        "One short, specific update that closes a loop counts: a result called, a plan explained, a task handed off.",
        "a clear update to the team, a nurse or a family",
        "Tomorrow, give one clear update to a nurse or a family, then tell the team it's done.",
    ),
    ChecklistItem(
        "learning",
        "Did you read up on something specific and use it in a patient's care?",
        "Read about one of your own patients' problems and use what you found in today's plan.",
        "learning something and applying it",
        "Tonight, read about one problem a patient of yours has, and bring one line of it into tomorrow's plan.",
    ),
)
CHECKLIST_KEYS: tuple[str, ...] = tuple(item.key for item in CHECKLIST)
_BY_KEY = {item.key: item for item in CHECKLIST}


# --- Coasting --------------------------------------------------------------------------------------


def in_a_row(earlier: date, later: date) -> bool:
    """Two different days with only weekend days between them (Friday then Monday counts)."""
    if later <= earlier:
        return False
    between = (earlier + timedelta(days=i) for i in range(1, (later - earlier).days))
    return all(day.weekday() >= 5 for day in between)


def coasting_flag(days: Mapping[date, Mapping[str, bool | None]], today: date | None = None) -> Flag | None:
    """Flag the checklist questions answered "no" on the last two checklist days, when those are in a row.

    ``days`` maps a date to that day's answers by checklist key (unanswered
    questions may be missing or ``None``). With ``today``, a streak that
    ended before the previous working day is old news and is not flagged.
    """
    if len(days) < 2:
        return None
    before, last = sorted(days)[-2:]
    if not in_a_row(before, last) or (today is not None and last != today and not in_a_row(last, today)):
        return None
    coasting = [item for item in CHECKLIST if days[before].get(item.key) is False and days[last].get(item.key) is False]
    if not coasting:
        return None
    missing = _join([item.missing for item in coasting])
    return Flag(
        "coasting",
        f"Two days in a row without {missing}: that is how a rotation starts to coast.",
        coasting[0].next_step,
    )


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " or " + parts[-1]


# --- Common mistakes -------------------------------------------------------------------------------


def _days_in(rotation: Rotation, today: date) -> int | None:
    """Days already behind the applicant today, or ``None`` when the rotation is not running."""
    if not rotation.start <= today <= rotation.end:
        return None
    return (today - rotation.start).days


def _settled_in(rotation: Rotation, today: date) -> bool:
    """Past the first week, or the first third of a rotation shorter than three weeks."""
    elapsed = _days_in(rotation, today)
    length = (rotation.end - rotation.start).days + 1
    return elapsed is not None and elapsed >= max(1, min(SETTLING_IN_DAYS, length // 3))


def no_feedback_flag(rotation: Rotation, today: date, feedback_asked: int) -> Flag | None:
    """The rotation is half over and no feedback has been asked for yet."""
    elapsed = _days_in(rotation, today)
    length = (rotation.end - rotation.start).days + 1
    if elapsed is None or feedback_asked > 0 or 2 * elapsed < length:
        return None
    return Flag(
        "no_feedback_yet",
        "Half your rotation is behind you and you haven't asked for feedback yet.",
        "Ask your attending for ten minutes of mid-rotation feedback this week, then make the change "
        "visible. There is still time to turn it around.",
    )


def residents_flag(
    rotation: Rotation, today: date, resident_interactions: int, team_has_residents: bool = True
) -> Flag | None:
    """No time with residents recorded after the first week, although the team has residents."""
    if not team_has_residents or resident_interactions > 0 or not _settled_in(rotation, today):
        return None
    return Flag(
        "residents_missing",
        "No time with residents recorded yet. Residents often tell the attending how you are doing.",
        "Tomorrow, help a resident with a note, a lab check or a family update, and ask what you could do better.",
    )


def observership_flag(rotation: Rotation, today: date, entries: Iterable[str]) -> Flag | None:
    """An observership with nothing presented, drafted or taught after the first week."""
    if rotation.kind != "observership" or not _settled_in(rotation, today):
        return None
    if any(mentions_presenting(text) for text in entries):
        return None
    return Flag(
        "observership_invisible",
        "Nothing presented yet on this observership. Observership letters stay weak unless the writer "
        "has seen you in action.",
        "Ask to present one patient at the next clinic or huddle, offer to write practice notes, or "
        "volunteer a short talk on a topic they choose.",
    )


def common_mistakes(
    rotation: Rotation,
    today: date,
    *,
    feedback_asked: int,
    resident_interactions: int,
    team_has_residents: bool = True,
    entries: Iterable[str] = (),
) -> list[Flag]:
    """Every common-mistake warning that applies today, most urgent first."""
    flags = (
        no_feedback_flag(rotation, today, feedback_asked),
        observership_flag(rotation, today, entries),
        residents_flag(rotation, today, resident_interactions, team_has_residents),
    )
    return [flag for flag in flags if flag is not None]


# --- Recognising "I presented / drafted / taught" --------------------------------------------------

# "The patient presented with chest pain" is about the patient, not the applicant.
_PATIENT_PRESENTED = re.compile(r"\bpresent(?:ed|s|ing)?\s+(?:(?:to|in|at)\s+(?:[a-z']+\s+){1,3})?with\b")
# "presented", "presenting", "I present", "to present"; never "I was present at rounds".
_PRESENT = r"\b(?:presented|presenting|presents|(?:to|will|would|i|we|me|can|could|did)\s+present)\b"
_PRESENTING = (
    # presented a case / my patient / two patients / the new admission
    re.compile(_PRESENT + r"\s+(?:[a-z0-9]+\s+){0,3}(?:case|cases|patient|patients|admission|admissions|consult)\b"),
    # presented at the huddle / on rounds / to the attending
    re.compile(
        _PRESENT + r"(?:\s+[a-z0-9'&]+){0,5}?\s+(?:at|on|to|during|in)\s+(?:[a-z]+\s+){0,2}"
        r"(?:rounds|huddle|huddles|conference|clinic|attending|team|morning report|noon report|"
        r"journal club|resident|residents|students)\b"
    ),
    # gave a ten-minute presentation / my case presentation
    re.compile(
        r"\b(?:gave|give|giving|did|delivered|prepared|preparing|my|case|oral|short|brief|teaching|"
        r"formal)\s+(?:[a-z0-9-]+\s+){0,3}presentation\b"
    ),
    # gave a short talk / a 10-minute talk / led journal club
    re.compile(
        r"\b(?:gave|give|giving|delivered|prepared|preparing|presented|led|did)\s+(?:[a-z0-9-]+\s+){0,4}"
        r"(?:talk|lecture|teaching session|journal club|in-service|chalk talk)\b"
    ),
    re.compile(r"\b(?:short|brief|quick|focused|\d+\s*-?\s*min(?:ute)?s?)\s+(?:[a-z-]+\s+)?(?:talk|lecture)\b"),
    # wrote a draft note / practice H&P / drafted the progress note
    re.compile(
        r"\b(?:wrote|write|writing|written|drafted|drafting|draft|practice|mock)\s+(?:[a-z&-]+\s+){0,3}"
        r"(?:note|notes|h&p|h&ps|h and p|soap|progress note|assessment and plan|discharge summary)\b"
    ),
)


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", text.lower())


def mentions_presenting(text: str) -> bool:
    """Does an entry say the applicant presented a case, wrote draft notes or gave a short talk?"""
    plain = _PATIENT_PRESENTED.sub(" ", _plain(text or ""))
    return any(pattern.search(plain) for pattern in _PRESENTING)
