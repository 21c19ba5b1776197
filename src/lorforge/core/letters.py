"""Letter writers: the stages from first contact to the letter in ERAS, and the ask.

A writer moves forward through stages; every change is a dated ``StageChange``
and the caller keeps the history (oldest first). The rules below are the only
moves allowed:

- candidate → seeded → asked. Asking without a planted seed is allowed (a
  research mentor, a short clinic block), skipping the ask is not.
- asked → agreed (a confident yes to a *strong* letter), hesitant (a qualified
  yes, which we step back from) or declined.
- agreed → materials sent → reminded (again, for the second reminder) → submitted.
- Going back is limited to what happens in real life: a writer who agreed can
  still withdraw (→ declined); a hesitant writer may come back with a
  confident yes, or be left as a candidate to work with again later; after a
  "no" the only way forward is back to candidate (for example after another
  rotation with them). Submitted is final.

How many reminders may be sent, and when, is the reminder policy's job
(``lorforge.core.reminders``), not the stage graph's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Stage:
    key: str
    label: str
    meaning: str  # one sentence: what this stage means and what to do next


STAGES: tuple[Stage, ...] = (
    Stage(
        "candidate",
        "Candidate",
        "They might write for you: keep making your work visible to them and collect specific stories.",
    ),
    Stage(
        "seeded",
        "Seed planted",
        "They know your goal and have given you early feedback: act on it where they can see the change.",
    ),
    Stage("asked", "Asked", "You asked whether they could write a strong letter: record their answer the same day."),
    Stage(
        "agreed",
        "Agreed (strong)",
        "They said yes with confidence: send the thank-you email with your materials within 24 hours.",
    ),
    Stage(
        "hesitant",
        "Hesitant",
        "Their yes came with doubts: thank them warmly and look for a writer who knows your work better.",
    ),
    Stage(
        "declined", "Declined", "They said no: thank them for the rotation and put your energy into your other writers."
    ),
    Stage(
        "materials_sent",
        "Materials sent",
        "They have your CV, statement draft and one-page helper: wait, and plan a gentle reminder for later.",
    ),
    Stage("reminded", "Reminded", "You sent a gentle check-in: give them a few weeks before any further note."),
    Stage("submitted", "Submitted", "The letter is in ERAS: stop reminding and send a short thank-you."),
)

STAGE_KEYS: tuple[str, ...] = tuple(s.key for s in STAGES)
BY_KEY: dict[str, Stage] = {s.key: s for s in STAGES}

# Stages where the writer has said yes to a strong letter (counted as "agreed" in the portfolio).
AGREED_STAGES: frozenset[str] = frozenset({"agreed", "materials_sent", "reminded", "submitted"})
# Stages where the writer is no longer part of the plan.
STEPPED_BACK_STAGES: frozenset[str] = frozenset({"hesitant", "declined"})

_NEXT: dict[str, tuple[str, ...]] = {
    "candidate": ("seeded", "asked"),
    "seeded": ("asked",),
    "asked": ("agreed", "hesitant", "declined"),
    "agreed": ("materials_sent", "declined"),
    "hesitant": ("agreed", "declined", "candidate"),
    "declined": ("candidate",),
    "materials_sent": ("reminded", "submitted", "declined"),
    "reminded": ("reminded", "submitted", "declined"),
    "submitted": (),
}


class StageError(ValueError):
    """A stage change that cannot happen; the message says why and what can come next."""


@dataclass(frozen=True)
class StageChange:
    stage: str
    on: date
    note: str = ""


def stage(key: str) -> Stage:
    try:
        return BY_KEY[key]
    except KeyError:
        raise StageError(f"Unknown stage {key!r}; the stages are: {', '.join(STAGE_KEYS)}.") from None


def allowed_next(stage_key: str) -> tuple[str, ...]:
    """The stages a writer at ``stage_key`` can move to."""
    stage(stage_key)  # validates the key
    return _NEXT[stage_key]


def current_stage(history: Sequence[StageChange]) -> str:
    """The writer's stage now; a writer with no history is a candidate."""
    return history[-1].stage if history else "candidate"


def advance(history: Sequence[StageChange], to: str, on: date, note: str = "") -> StageChange:
    """The change that moves a writer to ``to`` on ``on``, or ``StageError`` if it cannot happen.

    An empty history may start with "candidate" itself (recording when the
    writer was added) or with any stage a candidate can reach.
    """
    target = stage(to)
    now = current_stage(history)
    possible = allowed_next(now) if history else ("candidate", *allowed_next("candidate"))
    if to not in possible:
        raise StageError(_impossible_move_message(now, target))
    if history and on < history[-1].on:
        raise StageError(
            f"The date {on.isoformat()} is before the last change ({history[-1].on.isoformat()}); "
            "stage changes are recorded in order."
        )
    return StageChange(stage=to, on=on, note=note.strip())


def _impossible_move_message(now: str, target: Stage) -> str:
    current = BY_KEY[now]
    if now == "submitted":
        return "The letter is already submitted; nothing comes after that except a thank-you."
    if target.key in ("materials_sent", "reminded", "submitted") and now not in AGREED_STAGES:
        return (
            f"{target.label} comes only after the writer has agreed to a strong letter; "
            f"this writer is at “{current.label}”."
        )
    options = " or ".join(f"“{BY_KEY[k].label}”" for k in _NEXT[now])
    return f"A writer at “{current.label}” cannot move to “{target.label}”; next can be {options}."


# --- The ask -------------------------------------------------------------------------------

ANSWERS: tuple[str, ...] = ("confident_yes", "hesitant", "declined")


@dataclass(frozen=True)
class Guidance:
    next_stage: str
    message: str  # what the answer means, in one or two sentences
    next_steps: tuple[str, ...]
    say: str = ""  # words the applicant can use right then


def answer_guidance(answer: str) -> Guidance:
    """What to do with the writer's answer to the pre-ask."""
    if answer == "confident_yes":
        return Guidance(
            next_stage="agreed",
            message="A confident yes: go straight to the materials while the month is fresh in their mind.",
            next_steps=(
                "Thank them and say the email with your materials is coming.",
                "Send the thank-you email with your CV, personal statement draft, AAMC ID, deadlines "
                "and the one-page helper within 24 hours.",
                "Thank them in person on your last day.",
            ),
            say=(
                "Thank you so much. I will email you my CV, a draft of my personal statement and a short "
                "summary of my work here, so the letter takes less of your time."
            ),
        )
    if answer == "hesitant":
        return Guidance(
            next_stage="hesitant",
            message=(
                "A yes with doubts (“I can, but I don’t know you that well”) usually becomes a lukewarm "
                "letter. Step back politely: fewer strong letters help you more than extra weak ones."
            ),
            next_steps=(
                "Thank them warmly and release them from the request, without pressing.",
                "Keep the relationship: they can still be a reference or give you feedback.",
                "Look at your portfolio for a writer who has seen more of your work.",
            ),
            say=(
                "Thank you for being honest with me, I really appreciate it. I don’t want to take up your time "
                "with a letter, so please don’t worry about it. Thank you for everything you taught me."
            ),
        )
    if answer == "declined":
        return Guidance(
            next_stage="declined",
            message="A clear no is useful information, not a verdict on you: thank them and move on.",
            next_steps=(
                "Thank them for the rotation and their teaching.",
                "Put your effort into the writers who know your work best.",
            ),
            say="I understand completely. Thank you for having me on the team and for your teaching.",
        )
    raise ValueError(f"Unknown answer {answer!r}; expected one of: {', '.join(ANSWERS)}.")
