"""The strength meter: how much letter content each potential writer has actually seen.

A writer who cannot recall at least three specific things the applicant did
writes a generic letter. For one person, the meter counts the specific stories
they witnessed (and how many were made visible to them), the letter qualities
those stories cover, the feedback loops with them, and the weeks of contact;
it names one next step and flags the playbook's common mistakes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from lorforge.core import letters
from lorforge.core.coach import assess
from lorforge.core.dates import day as day_text
from lorforge.core.qualities import BY_KEY, QUALITY_KEYS, label
from lorforge.core.records import WRITER_ROLES, Feedback, Flag, Person, Rotation, Story, WriterStrength

GOAL_STORIES = 3
# The four outcomes a writer needs: work ethic, a reasoning story, safety, personality and fit.
KEY_QUALITIES = ("work_ethic", "clinical_reasoning", "patient_safety", "fit")
KEY_QUALITIES_FOR_STRONG = 2
LOOP_OPEN_AFTER = timedelta(days=7)
HOVERING_MIN_OFFERS = 3
SHORT_CONTACT_WEEKS = 2.0

# Evidence of being more than a shadow in an observership: presenting, writing, teaching.
_ACTIVE_WORK = re.compile(
    r"\b(?:present(?:ed|ing|s)?|presentation|wrote|writ(?:e|ing|ten)|draft(?:ed|ing|s)?|notes?|talk|slides"
    r"|lecture|taught|teach(?:ing)?|journal club|h&p)\b",
    re.IGNORECASE,
)


def _key(name: str) -> str:
    """Names compare without case, spacing or a leading "Dr."."""
    cleaned = " ".join(name.lower().replace(".", " ").split())
    return cleaned[3:] if cleaned.startswith("dr ") else cleaned


def is_active_work(text: str) -> bool:
    """A presented case, a note, a talk: more than shadowing (what an observership's stories need one of)."""
    return bool(_ACTIVE_WORK.search(text))


@dataclass(frozen=True)
class Witnessed:
    """What the meter needs of the stories one person witnessed up to today: counts that a query can read, and
    the one story it quotes. ``witnessed`` makes it from the stories themselves."""

    specific: int  # stories the coach judged specific
    visible: int  # of those, made visible to them
    qualities: frozenset[str]  # the qualities the specific ones show
    first_on: date | None  # the first and last days they witnessed something
    last_on: date | None
    unseen: Story | None = None  # the first specific story (in the order given: newest first) not yet made visible
    active_work: bool = False  # one of them is a presented case, a note or a talk


def witnessed(person: Person, stories: Sequence[Story], today: date) -> Witnessed:
    """The meter's view of the ``stories`` ``person`` witnessed up to ``today``."""
    seen = _witnessed(person, stories, today)
    specific = [s for s in seen if _is_specific(s)]
    return Witnessed(
        specific=len(specific),
        visible=sum(s.visible for s in specific),
        qualities=frozenset(q for s in specific for q in _story_qualities(s)),
        first_on=min((s.on for s in seen), default=None),
        last_on=max((s.on for s in seen), default=None),
        unseen=next((s for s in specific if not s.visible), None),
        active_work=any(is_active_work(s.text) for s in seen),
    )


@dataclass(frozen=True)
class FeedbackGiven:
    """What the meter needs of the feedback one person gave up to today: counts that a query can read.
    ``feedback_given`` makes it from the feedback itself."""

    count: int  # feedback they gave
    closed: int  # of those, followed up: the loop is closed
    open_loops: int  # not followed up a week or more after it was given
    newest_open_on: date | None  # the day of the newest open loop: the one to follow up first
    first_on: date | None  # the first and last days of their feedback and of its follow-ups
    last_on: date | None


def feedback_given(person: Person, feedback: Sequence[Feedback], today: date) -> FeedbackGiven:
    """The meter's view of the ``feedback`` ``person`` gave up to ``today``."""
    given = _given_by(person, feedback, today)
    open_days = [f.on for f in given if loop_is_open(f, today)]
    dated = [d for f in given for d in (f.on, f.followed_up_on) if d is not None and d <= today]
    return FeedbackGiven(
        count=len(given),
        closed=sum(f.followed_up_on is not None for f in given),
        open_loops=len(open_days),
        newest_open_on=max(open_days, default=None),
        first_on=min(dated, default=None),
        last_on=max(dated, default=None),
    )


def _is_specific(story: Story) -> bool:
    return story.specific if story.specific is not None else assess(story.text).specific


def _story_qualities(story: Story) -> tuple[str, ...]:
    chosen = story.qualities or assess(story.text).qualities
    return tuple(q for q in chosen if q in BY_KEY)


def _witnessed(person: Person, stories: Sequence[Story], today: date) -> list[Story]:
    name = _key(person.name)
    return [s for s in stories if s.on <= today and any(_key(w) == name for w in s.witnesses)]


def _given_by(person: Person, feedback: Sequence[Feedback], today: date) -> list[Feedback]:
    name = _key(person.name)
    return [f for f in feedback if f.on <= today and _key(f.giver) == name]


def loop_is_open(item: Feedback, today: date) -> bool:
    """Feedback with no follow-up a week after it was given."""
    return item.followed_up_on is None and today - item.on >= LOOP_OPEN_AFTER


def midpoint(rotation: Rotation) -> date:
    return rotation.start + (rotation.end - rotation.start) / 2


def weeks_between(first: date, last: date) -> float:
    return round(max((last - first).days + 1, 0) / 7, 1)


def _weeks_of_contact(rotation: Rotation | None, dated: Sequence[date], today: date) -> float:
    if rotation is not None:
        return weeks_between(rotation.start, min(rotation.end, today))
    past = [d for d in dated if d <= today]
    return weeks_between(min(past), max(past)) if past else 0.0


def _join(words: Sequence[str]) -> str:
    if len(words) <= 2:
        return " and ".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _labels(keys: Sequence[str]) -> str:
    return ", ".join(label(k).lower() for k in keys)  # commas only: some labels contain "and"


def _plural(count: int, word: str) -> str:
    if count == 1:
        return f"{count} {word}"
    return f"{count} {word[:-1]}ies" if word.endswith("y") else f"{count} {word}s"


def writer_strength(
    *,
    person: Person,
    stories: Sequence[Story] = (),
    feedback: Sequence[Feedback] = (),
    today: date,
    rotation: Rotation | None = None,
    help_offers: int = 0,
    letter_stage: str = "candidate",
    seen: Witnessed | None = None,
    given: FeedbackGiven | None = None,
) -> WriterStrength:
    """The strength meter for one potential letter writer (see the module docstring).

    ``letter_stage`` is where their letter stands (``core.letters``): once they have been asked, the
    meter no longer suggests asking; the letter's own timeline gives the next step. ``seen`` and ``given``:
    what they witnessed and the feedback they gave, when a query has counted them; else they are made from
    ``stories`` and ``feedback``.
    """
    seen = seen if seen is not None else witnessed(person, stories, today)
    given = given if given is not None else feedback_given(person, feedback, today)
    closed = given.closed

    shown = set(seen.qualities)
    if closed:
        shown.add("teachability")  # feedback asked for, acted on and reported back is growth they saw
    covered = tuple(k for k in QUALITY_KEYS if k in shown)
    missing = tuple(
        sorted(
            (k for k in QUALITY_KEYS if k not in shown), key=lambda k: (k not in KEY_QUALITIES, QUALITY_KEYS.index(k))
        )
    )
    key_covered = [k for k in KEY_QUALITIES if k in shown]

    dated = [d for d in (seen.first_on, seen.last_on, given.first_on, given.last_on) if d is not None]
    weeks = _weeks_of_contact(rotation, dated, today)

    level = _level(seen.visible, seen.specific, len(key_covered))
    reasons = _reasons(seen.specific, seen.visible, key_covered, closed, given.open_loops, weeks, rotation)
    flags = _person_flags(person, seen, given, rotation, today, help_offers)
    return WriterStrength(
        name=person.name,
        role=person.role,
        specific_stories=seen.specific,
        visible_stories=seen.visible,
        goal=GOAL_STORIES,
        qualities_covered=covered,
        qualities_missing=missing,
        loops_closed=closed,
        loops_open=given.open_loops,
        weeks_of_contact=weeks,
        level=level,
        reasons=reasons,
        next_action=_next_action(person, level, seen, missing, given, rotation, today, letter_stage),
        flags=flags,
    )


def _level(visible: int, specific: int, key_covered: int) -> str:
    if visible >= GOAL_STORIES and key_covered >= KEY_QUALITIES_FOR_STRONG:
        return "strong"
    return "building" if specific else "thin"


def _reasons(
    specific: int,
    visible: int,
    key_covered: Sequence[str],
    closed: int,
    open_loops: int,
    weeks: float,
    rotation: Rotation | None,
) -> tuple[str, ...]:
    reasons = []
    if specific:
        reasons.append(
            f"{_plural(specific, 'specific story')} witnessed, {visible} of them made visible "
            f"(goal: {GOAL_STORIES} visible)."
        )
    else:
        reasons.append(f"No specific story witnessed yet (goal: {GOAL_STORIES} they can recall).")
    if key_covered:
        reasons.append(f"Their stories show: {_labels(key_covered)}.")
    key_missing = [k for k in KEY_QUALITIES if k not in key_covered]
    if key_missing:
        reasons.append(f"Not shown to them yet: {_labels(key_missing)}.")
    if closed:
        reasons.append(f"{_plural(closed, 'feedback loop')} closed: they saw you act on their advice.")
    if open_loops:
        reasons.append(f"{_plural(open_loops, 'feedback loop')} still open after a week.")
    if rotation is not None and weeks < SHORT_CONTACT_WEEKS:
        reasons.append(f"{weeks:g} weeks of contact so far; short contact tends to give thinner letters.")
    return tuple(reasons)


def _first_lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _snippet(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "..."


def _next_action(
    person: Person,
    level: str,
    seen: Witnessed,
    missing: Sequence[str],
    given: FeedbackGiven,
    rotation: Rotation | None,
    today: date,
    letter_stage: str = "candidate",
) -> str:
    name = person.addressed
    if letter_stage not in ("candidate", "seeded"):
        return (
            f"Your letter from {name} is at “{letters.stage(letter_stage).label}”: the Letters page shows "
            "what comes next and when."
        )
    if given.open_loops and (level == "strong" or seen.visible >= GOAL_STORIES):
        return _follow_up(name, given.newest_open_on)
    if level == "strong" and person.role == "resident":
        return (
            f"{name} has seen your best work, and attendings often ask their residents how a student did: "
            "keep them in your updates and ask them for one more point of feedback."
        )
    if level == "strong":
        if rotation is not None and today < rotation.end:
            return (
                f"Keep {name} updated, and 3 to 5 days before your last day ask whether they could write "
                "you a strong letter."
            )
        return (
            f"{name} has seen enough for a strong letter: if you have not asked yet, ask now, and follow "
            "the ask, the materials and the reminders on the Letters page."
        )
    if seen.visible < GOAL_STORIES and seen.unseen is not None:
        return (
            f'Mention "{_snippet(seen.unseen.text)}" to {name} in your next update, briefly and as news '
            "about the patient, so it becomes a story they remember."
        )
    if given.open_loops:
        return _follow_up(name, given.newest_open_on)
    settled_in = rotation is None or today >= rotation.start + timedelta(days=7)
    if not given.count and settled_in:
        return f"Ask {name} for five minutes of feedback this week, write down what they say, and act on it visibly."
    gap = next((k for k in missing if k in KEY_QUALITIES), missing[0] if missing else "clinical_reasoning")
    return f"Build a {label(gap).lower()} story with {name}: {_first_lower(BY_KEY[gap].how_to_show)}"


def _follow_up(name: str, on: date) -> str:
    return (
        f"Tell {name} what you changed after their feedback on {day_text(on)}: "
        '"I have been working on ... as you suggested."'
    )


def _person_flags(
    person: Person,
    seen: Witnessed,
    given: FeedbackGiven,
    rotation: Rotation | None,
    today: date,
    help_offers: int,
) -> tuple[Flag, ...]:
    flags = []
    if (
        rotation is not None
        and person.role in WRITER_ROLES
        and not given.count
        and midpoint(rotation) <= today <= rotation.end
    ):
        flags.append(invisible_flag([person.name]))
    if help_offers >= HOVERING_MIN_OFFERS and help_offers > seen.specific:
        flags.append(
            Flag(
                "hovering",
                f"{_plural(help_offers, 'offer')} of help to {person.name} but only "
                f"{_plural(seen.specific, 'specific story')}: frequent offers can read as noise.",
                "Offer help at natural breaks (after rounds, when tasks are handed out), then own a few tasks "
                "and finish them completely.",
            )
        )
    if rotation is not None and rotation.kind == "observership" and not seen.active_work:
        flags.append(shadowing_flag(person.name))
    return tuple(flags)


def invisible_flag(names: Sequence[str]) -> Flag:
    return Flag(
        "invisible",
        f"Past the midpoint and no feedback asked yet from {_join(list(names))}.",
        "Ask for ten minutes of mid-rotation feedback this week, then change one thing they can see.",
    )


def shadowing_flag(name: str = "") -> Flag:
    who = f" with {name}" if name else ""
    return Flag(
        "shadowing",
        f"No presented case, draft note or short talk recorded{who} on this observership yet.",
        "Ask to present one patient at a huddle, write a draft note for teaching, or offer a ten-minute talk.",
    )


@dataclass(frozen=True)
class TeamSeen:
    """What the team's warnings need of a rotation's stories up to today (``team_seen`` makes it from them)."""

    stories: int  # how many
    witnesses: frozenset[str]  # the names of everyone who witnessed one
    active_work: bool  # one of them is a presented case, a note or a talk


def team_seen(stories: Sequence[Story], today: date) -> TeamSeen:
    past = [s for s in stories if s.on <= today]
    return TeamSeen(
        stories=len(past),
        witnesses=frozenset(w for s in past for w in s.witnesses),
        active_work=any(is_active_work(s.text) for s in past),
    )


def team_flags(
    *,
    people: Sequence[Person],
    stories: Sequence[Story] = (),
    feedback: Sequence[Feedback] = (),
    rotation: Rotation | None,
    today: date,
    seen: TeamSeen | None = None,
    givers: frozenset[str] | None = None,
) -> tuple[Flag, ...]:
    """Rotation-level warnings: residents ignored, writers not asked for feedback by midpoint, shadowing.
    ``seen`` and ``givers``: the rotation's stories and the names of those who gave feedback up to ``today``,
    when a query has read them; else they are made from ``stories`` and ``feedback``."""
    seen = seen if seen is not None else team_seen(stories, today)
    givers = givers if givers is not None else frozenset(f.giver for f in feedback if f.on <= today)
    asked = {_key(giver) for giver in givers}
    flags = []
    residents = {_key(p.name) for p in people if p.role == "resident"}
    involved = {_key(w) for w in seen.witnesses} | asked
    settled_in = rotation is None or today >= rotation.start + timedelta(days=7) or seen.stories >= 3
    if residents and settled_in and not residents & involved:
        flags.append(
            Flag(
                "residents_ignored",
                "No story or feedback involves a resident yet, and attendings often ask the senior how you did.",
                "Help a resident with something concrete (a note, a lab, a family update) and ask them for "
                "one point of feedback.",
            )
        )
    if rotation is not None and midpoint(rotation) <= today <= rotation.end:  # afterwards it is too late
        silent = [p.name for p in people if p.role in WRITER_ROLES and _key(p.name) not in asked]
        if silent:
            flags.append(invisible_flag(silent))
    if rotation is not None and rotation.kind == "observership" and today >= rotation.start and not seen.active_work:
        flags.append(shadowing_flag())
    return tuple(flags)
