"""Ask readiness: is a strong letter from this person within reach yet?

Built on the strength meter's ``WriterStrength`` plus who the person is. Each
check either passes (a reason saying so) or leaves a gap; a *major* gap
means "not yet", any other gap means "almost", and three or more small gaps
add up to "not yet". The first gap found, in the order below, gives the one
next step. Checks, from the playbook:

1. At least three specific stories the person saw *and* that were made visible to them.
2. Qualities: at least three of the letter qualities covered.
3. Feedback: at least one loop closed (asked, changed, said so), none left open.
4. Weeks of contact: three or more for an attending in the specialty (the
   playbook's 3–4 weeks); four for another specialty, whose letter only helps
   when they know the applicant very well.
5. Who they are: physicians write residency letters; a resident's counts
   for less than an attending's; nurses and others cannot stand in for them.
An observership never blocks on its own, but always gets an honest caution.
"""

from __future__ import annotations

from dataclasses import dataclass

from lorforge.core import qualities
from lorforge.core.records import WriterStrength

MIN_VISIBLE_STORIES = 3
MIN_QUALITIES = 3
MIN_WEEKS_IN_SPECIALTY = 3.0
MIN_WEEKS_OTHER_SPECIALTY = 4.0
MINOR_GAPS_FOR_NOT_YET = 3

LEVEL_LABELS = {"ready": "Ready to ask", "almost": "Almost ready", "not_yet": "Not yet"}

ASK_STEP = (
    "Ask 3–5 days before your last day with the pre-ask script, using the word “strong”, "
    "and record the answer the same day."
)


@dataclass(frozen=True)
class Readiness:
    level: str  # "ready", "almost" or "not_yet"
    label: str
    reasons: tuple[str, ...]
    next_step: str


@dataclass(frozen=True)
class _Gap:
    major: bool
    next_step: str


def ask_readiness(*, strength: WriterStrength, role: str, setting: str, kind: str, specialty_match: bool) -> Readiness:
    """How close a strong letter from this person is: a level, the reasons, and the one next step."""
    checks = (
        _stories(strength),
        _qualities(strength),
        _feedback(strength),
        _contact(strength.weeks_of_contact, role, specialty_match),
        _who(role, setting, specialty_match),
    )
    reasons = [reason for reason, _ in checks]
    gaps = [gap for _, gap in checks if gap]
    if kind == "observership":
        reasons.append(
            "Observership: these letters carry less weight unless you were clearly visible "
            "(presented cases, wrote draft notes, gave a short talk), so the stories must be specific."
        )
    reasons.extend(flag.message for flag in strength.flags if flag.message)

    level = _level(gaps)
    next_step = gaps[0].next_step if gaps else ASK_STEP
    label = LEVEL_LABELS[level] + (" (observership)" if kind == "observership" else "")
    return Readiness(level=level, label=label, reasons=tuple(reasons), next_step=next_step)


def _level(gaps: list[_Gap]) -> str:
    if any(g.major for g in gaps) or len(gaps) >= MINOR_GAPS_FOR_NOT_YET:
        return "not_yet"
    return "almost" if gaps else "ready"


def _stories(s: WriterStrength) -> tuple[str, _Gap | None]:
    needed = max(MIN_VISIBLE_STORIES, s.goal)
    visible = s.visible_stories
    stories = _count(visible, "specific story", "specific stories")
    reason = f"{stories} they saw and heard about from you (goal: {needed})."
    if visible >= needed:
        return reason, None
    hidden = max(s.specific_stories - visible, 0)
    if hidden:
        step = (
            f"They witnessed {_count(hidden, 'specific story', 'specific stories')} you never mentioned "
            "to them: bring it up briefly on rounds or in an update, as news about the patient."
        )
    else:
        step = (
            f"Create {needed - visible} more specific moment{'s' if needed - visible > 1 else ''} they see: "
            "own a patient's plan, present a short evidence-based point, or close a task out loud."
        )
    return reason, _Gap(major=s.specific_stories == 0 and visible == 0, next_step=step)


def _qualities(s: WriterStrength) -> tuple[str, _Gap | None]:
    covered = [_quality_label(k) for k in s.qualities_covered]
    missing = [_quality_label(k) for k in s.qualities_missing]
    reason = f"Qualities shown: {', '.join(covered) if covered else 'none yet'}" + (
        f"; not yet: {', '.join(missing)}." if missing else "."
    )
    if len(covered) >= MIN_QUALITIES:
        return reason, None
    return reason, _Gap(major=not covered, next_step=_show_quality_step(s.qualities_missing))


def _show_quality_step(missing: tuple[str, ...]) -> str:
    if not missing:
        return "Show more than one side of your work: reasoning, reliability and how you talk with patients."
    key = missing[0]
    hint = qualities.BY_KEY[key].how_to_show if key in qualities.BY_KEY else ""
    return f"Show {_quality_label(key).lower()} where they can see it. {hint}".strip()


def _feedback(s: WriterStrength) -> tuple[str, _Gap | None]:
    reason = f"Feedback: {_count(s.loops_closed, 'loop')} closed" + (
        f", {s.loops_open} still open." if s.loops_open else "."
    )
    if s.loops_open:
        return reason, _Gap(
            False,
            "Close the open feedback loop: tell them what you changed since their "
            "advice and ask whether it is closer to what they want.",
        )
    if not s.loops_closed:
        return reason, _Gap(
            False,
            "Ask them for one specific point to improve, act on it, and tell them a few days later what you changed.",
        )
    return reason, None


def _contact(weeks: float, role: str, specialty_match: bool) -> tuple[str, _Gap | None]:
    other_clinician = not specialty_match and role != "research_mentor"
    needed = MIN_WEEKS_OTHER_SPECIALTY if other_clinician else MIN_WEEKS_IN_SPECIALTY
    why = (
        "another specialty's letter helps only when they know you very well"
        if other_clinician
        else "3–4 weeks is the usual minimum for a detailed letter"
    )
    reason = f"{_weeks(weeks)} of contact; {why}."
    if weeks >= needed:
        return reason, None
    step = (
        f"Work with them for at least {_weeks(needed)} before asking; if the rotation is shorter, "
        "ask whether you can join their clinic or service again."
    )
    return reason, _Gap(major=weeks < needed / 2, next_step=step)


def _who(role: str, setting: str, specialty_match: bool) -> tuple[str, _Gap | None]:
    where = "in your specialty" if specialty_match else "outside your specialty"
    if role in ("attending", "fellow"):
        if specialty_match and setting == "inpatient":
            return "Inpatient attending in your specialty: the letter programs value most.", None
        return f"{(setting + ' ' + role).strip().capitalize()} {where}.", None
    if role == "research_mentor":
        if specialty_match:
            return "Research mentor with clinical overlap: worth it if the letter can be detailed.", None
        return "Research mentor outside your specialty: a letter counts only if it is truly strong.", None
    if role == "resident":
        return (
            "A resident’s letter counts for less than an attending’s; their view of you often "
            "reaches the attending, so keep them on your side."
        ), _Gap(False, "Ask the attending rather than the resident, and let the resident’s good word reach them.")
    return ("Programs expect letters from physicians who supervised you."), _Gap(
        True, "Keep this person as a witness to your work, and ask an attending who saw it for the letter."
    )


def _quality_label(key: str) -> str:
    return qualities.label(key) if key in qualities.BY_KEY else key.replace("_", " ").capitalize()


def _count(n: int, singular: str, plural: str = "") -> str:
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def _weeks(weeks: float) -> str:
    shown = f"{weeks:g}" if weeks == int(weeks) else f"{weeks:.1f}"
    return f"{shown} week{'' if weeks == 1 else 's'}"
