"""Where the applicant stands in a plan on a given day: due, next, missed, done.

Pure: takes the plan's checkpoints, the ids already marked done, and today.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

# What the status of one checkpoint on one day can be.
DONE, DUE, MISSED, UPCOMING = "done", "due", "missed", "upcoming"


@dataclass(frozen=True)
class Step:
    checkpoint: object  # a plan.Checkpoint (kept loose so this module needs no import cycle)
    status: str  # DONE, DUE, MISSED or UPCOMING
    days_left: int  # days until the window closes (0 = last day; negative once missed)


@dataclass(frozen=True)
class Progress:
    steps: tuple[Step, ...]  # the whole plan in order, each with its status
    due: tuple[Step, ...]  # open today, most urgent (closing soonest) first
    upcoming: tuple[Step, ...]  # not yet open, soonest first
    missed: tuple[Step, ...]  # window closed without being done, most recent first
    done: int
    total: int

    @property
    def next(self) -> Step | None:
        return self.upcoming[0] if self.upcoming else None


def status_of(starts: date, ends: date, *, done: bool, today: date) -> str:
    if done:
        return DONE
    if today > ends:
        return MISSED
    if today >= starts:
        return DUE
    return UPCOMING


# A letter step carries its status from the letter timeline (core.timeline), which knows the writer's
# answers and emails; it maps onto the plan's four statuses here.
_FROM_TIMELINE = {"done": DONE, "due": DUE, "overdue": DUE, "upcoming": UPCOMING, "waiting": UPCOMING, "missed": MISSED}


def progress(checkpoints: Sequence, done_ids: Iterable[str], today: date) -> Progress:
    done_ids = set(done_ids)

    def status(c) -> str:
        if c.id in done_ids:
            return DONE
        timeline_status = getattr(c, "status", "")
        if timeline_status:
            return _FROM_TIMELINE[timeline_status]
        return status_of(c.starts, c.ends, done=False, today=today)

    steps = tuple(Step(c, status(c), (c.ends - today).days) for c in checkpoints)
    return Progress(
        steps=steps,
        due=tuple(
            sorted((s for s in steps if s.status == DUE), key=lambda s: (s.checkpoint.ends, s.checkpoint.starts))
        ),
        upcoming=tuple(s for s in steps if s.status == UPCOMING),
        missed=tuple(sorted((s for s in steps if s.status == MISSED), key=lambda s: s.checkpoint.ends, reverse=True)),
        done=sum(s.status == DONE for s in steps),
        total=len(steps),
    )


def only(result: Progress, keys: Sequence[str]) -> Progress:
    """The same progress limited to the steps with these keys (a finished rotation: its letter steps)."""

    def keep(steps):
        return tuple(s for s in steps if s.checkpoint.key in keys)

    steps = keep(result.steps)
    return Progress(
        steps=steps,
        due=keep(result.due),
        upcoming=keep(result.upcoming),
        missed=keep(result.missed),
        done=sum(s.status == DONE for s in steps),
        total=len(steps),
    )
