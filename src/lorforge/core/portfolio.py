"""The letter portfolio: the set of letters as a whole, and when each one should arrive.

Target (playbook): two or three strong US clinical letters from attendings in
the target specialty, plus one more from another clinician (or a research
mentor, if the letter is truly strong). ERAS lets an applicant assign at most
four letters to each program.

Priority of writers (playbook order, lower is better):
1 inpatient attending in the specialty, 2 outpatient attending in the
specialty, 3 research mentor with clinical overlap, 4 attending of another
specialty (only when they know the applicant well), 5 resident, 6 anyone else.
An observership letter is inherently weaker, so it ranks one place lower.
Fellows count as attendings.

Timing (playbook curve): the share of letters written 0, 2, 4 and 8 weeks
after the rotation ends is about 0, 40, 75 and 95 percent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from lorforge.core import dates
from lorforge.core.letters import AGREED_STAGES, STEPPED_BACK_STAGES, stage
from lorforge.core.specialties import specialty_for

TARGET_SPECIALTY_LETTERS = (2, 3)  # strong US clinical letters in the specialty
TARGET_TOTAL = (3, 4)  # the above plus one more
MAX_LETTERS_PER_PROGRAM = 4
BIG_NAME_MIN_WEEKS = 3.0  # less contact than a standard rotation block = "barely knows you"

CLINICAL_ROLES = ("attending", "fellow")
LOWEST_PRIORITY = 6

# (weeks after the rotation's last day, share of letters written)
TIMING_CURVE: tuple[tuple[float, float], ...] = ((0.0, 0.0), (2.0, 0.40), (4.0, 0.75), (8.0, 0.95))


def priority(role: str, setting: str, specialty_match: bool, kind: str = "clerkship") -> int:
    """1 (ask first) to 6, in the playbook's order."""
    if role in CLINICAL_ROLES:
        rank = (1 if setting == "inpatient" else 2) if specialty_match else 4
    elif role == "research_mentor":
        rank = 3 if specialty_match else 4
    elif role == "resident":
        rank = 5
    else:
        rank = LOWEST_PRIORITY
    if kind == "observership":
        rank += 1
    return min(rank, LOWEST_PRIORITY)


def is_strong_specialty_letter(role: str, specialty_match: bool, kind: str) -> bool:
    """A letter that counts towards the 2–3 strong US clinical letters in the specialty."""
    return role in CLINICAL_ROLES and specialty_match and kind != "observership"


# --- Timing -------------------------------------------------------------------------------


def share_written(weeks_after: float) -> float:
    """Share of letters written ``weeks_after`` the rotation ended (piecewise linear, held at the ends)."""
    first_weeks, first_share = TIMING_CURVE[0]
    if weeks_after <= first_weeks:
        return first_share
    for (w0, s0), (w1, s1) in zip(TIMING_CURVE, TIMING_CURVE[1:]):
        if weeks_after <= w1:
            return s0 + (s1 - s0) * (weeks_after - w0) / (w1 - w0)
    return TIMING_CURVE[-1][1]


def weeks_for_share(share: float) -> float:
    """The inverse of ``share_written``; shares above the curve's top map to its last point."""
    if not 0.0 <= share <= 1.0:
        raise ValueError(f"share must be between 0 and 1, not {share}")
    for (w0, s0), (w1, s1) in zip(TIMING_CURVE, TIMING_CURVE[1:]):
        if share <= s1:
            return w0 + (w1 - w0) * (share - s0) / (s1 - s0)
    return TIMING_CURVE[-1][0]


def expected_letter_date(rotation_end: date, share: float = 0.75) -> date:
    """The day by which ``share`` of letters are usually written (by default three in four)."""
    return rotation_end + timedelta(days=round(weeks_for_share(share) * 7))


@dataclass(frozen=True)
class ChartPoint:
    on: date
    weeks_after: float
    share: float  # 0..1
    label: str
    is_today: bool = False


def timing_chart(rotation_end: date, today: date) -> list[ChartPoint]:
    """The curve's points as dates, plus today's position when it falls within the curve."""
    points = [
        ChartPoint(
            on=rotation_end + timedelta(days=round(w * 7)),
            weeks_after=w,
            share=s,
            label="Last day" if w == 0 else f"{w:g} weeks",
        )
        for w, s in TIMING_CURVE
    ]
    weeks_now = (today - rotation_end).days / 7
    if 0 <= weeks_now <= TIMING_CURVE[-1][0]:
        points.append(
            ChartPoint(on=today, weeks_after=weeks_now, share=share_written(weeks_now), label="Today", is_today=True)
        )
        points.sort(key=lambda p: (p.weeks_after, p.is_today))
    return points


LABEL_CHAR_WIDTH = 6.6  # about the width of one character at font-size 12


def chart_svg(points: Sequence[ChartPoint], width: int = 320, height: int = 176, chart_id: str = "lor-timing") -> str:
    """A small, self-contained, accessible SVG line chart of ``timing_chart`` data.

    ``chart_id`` prefixes the title and description ids; give each chart on a page its own.
    """
    curve = [p for p in points if not p.is_today]
    today = next((p for p in points if p.is_today), None)
    max_weeks = max((p.weeks_after for p in points), default=1.0) or 1.0
    pad_left, pad_right, pad_top, pad_bottom = 40, 12, 14, 42
    plot_w, plot_h = width - pad_left - pad_right, height - pad_top - pad_bottom

    def x(weeks: float) -> float:
        return round(pad_left + plot_w * weeks / max_weeks, 1)

    def y(share: float) -> float:
        return round(pad_top + plot_h * (1 - share), 1)

    summary = "; ".join(f"{p.label} ({dates.day(p.on)}): {round(p.share * 100)}%" for p in points)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">Share of letters usually written after the rotation</title>',
        f'<desc id="{chart_id}-desc">{escape(summary)}</desc>',
        f'<line x1="{pad_left}" y1="{y(0)}" x2="{width - pad_right}" y2="{y(0)}" stroke="currentColor" '
        'stroke-opacity="0.4"/>',
        f'<line x1="{pad_left}" y1="{y(0)}" x2="{pad_left}" y2="{y(1)}" stroke="currentColor" stroke-opacity="0.4"/>',
        f'<text x="{pad_left - 4}" y="{y(1) + 5}" text-anchor="end" font-size="12" fill="currentColor">100%</text>',
        f'<text x="{pad_left - 4}" y="{y(0) + 5}" text-anchor="end" font-size="12" fill="currentColor">0%</text>',
    ]
    if curve:
        path = " ".join(f"{x(p.weeks_after)},{y(p.share)}" for p in curve)
        parts.append(f'<polyline points="{path}" fill="none" stroke="currentColor" stroke-width="2"/>')
    right_edge = {0: -1e9, 1: -1e9}  # the end of the last label on each of the two label rows
    for i, p in enumerate(curve):
        anchor = "start" if i == 0 else "end" if i == len(curve) - 1 else "middle"  # keep labels inside
        wide = LABEL_CHAR_WIDTH * len(p.label)
        left = x(p.weeks_after) - {"start": 0, "middle": wide / 2, "end": wide}[anchor]
        row = 0 if left > right_edge[0] + 6 else 1  # a label that would touch its neighbour goes one row down
        right_edge[row] = left + wide
        parts.append(f'<circle cx="{x(p.weeks_after)}" cy="{y(p.share)}" r="3" fill="currentColor"/>')
        parts.append(
            f'<text x="{x(p.weeks_after)}" y="{height - 22 + 14 * row}" text-anchor="{anchor}" font-size="12" '
            f'fill="currentColor">{escape(p.label)}</text>'
        )
    if today:
        left_half = today.weeks_after <= max_weeks / 2
        parts.append(
            f'<line x1="{x(today.weeks_after)}" y1="{y(0)}" x2="{x(today.weeks_after)}" y2="{y(1)}" '
            'stroke="currentColor" stroke-dasharray="3 3"/>'
        )
        parts.append(
            f'<text x="{x(today.weeks_after) + (3 if left_half else -3)}" y="{y(1) + 12}" '
            f'text-anchor="{"start" if left_half else "end"}" font-size="12" fill="currentColor">Today</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


# --- The portfolio ------------------------------------------------------------------------


@dataclass(frozen=True)
class WriterSummary:
    name: str
    role: str
    setting: str
    specialty_match: bool
    stage: str
    strength: str | None = None  # the strength meter's level: "strong", "building", "thin"
    weeks_known: float = 0.0
    rotation_end: date | None = None
    big_name: bool = False  # a chair, dean or chief by title
    kind: str = "clerkship"  # the rotation kind where they saw the applicant


@dataclass(frozen=True)
class PortfolioWriter:
    summary: WriterSummary
    priority: int
    stage_label: str
    expected_by: date | None  # when the letter is likely written (agreed but not submitted)
    counts_for_specialty: bool


@dataclass(frozen=True)
class Portfolio:
    planned: int  # writers still in the plan (not hesitant or declined), agreed ones included
    agreed: int  # said yes to a strong letter (agreed, materials sent, reminded, submitted)
    submitted: int
    specialty_agreed: int  # agreed letters that count as strong US clinical letters in the specialty
    target: str
    gaps: tuple[str, ...]
    warnings: tuple[str, ...]
    writers: tuple[PortfolioWriter, ...]  # best first
    specialty_name: str
    lor_weight: int | None
    weight_note: str


def build_portfolio(
    writers: Sequence[WriterSummary], *, specialty: str, assignments: Mapping[str, Sequence[str]] | None = None
) -> Portfolio:
    """The portfolio for ``writers``; ``assignments`` maps a program to the writers assigned to it."""
    active = [w for w in writers if w.stage not in STEPPED_BACK_STAGES]
    agreed = [w for w in active if w.stage in AGREED_STAGES]
    in_specialty = [w for w in agreed if is_strong_specialty_letter(w.role, w.specialty_match, w.kind)]
    planned_specialty = [w for w in active if is_strong_specialty_letter(w.role, w.specialty_match, w.kind)]
    spec = specialty_for(specialty)
    return Portfolio(
        planned=len(active),
        agreed=len(agreed),
        submitted=sum(w.stage == "submitted" for w in active),
        specialty_agreed=len(in_specialty),
        target=(
            f"{TARGET_SPECIALTY_LETTERS[0]}–{TARGET_SPECIALTY_LETTERS[1]} strong US clinical letters "
            f"in your specialty, plus 1 more (another clinician, or research if truly strong); "
            f"at most {MAX_LETTERS_PER_PROGRAM} per program."
        ),
        gaps=tuple(_gaps(len(in_specialty), len(planned_specialty), len(agreed), len(active))),
        warnings=tuple(_warnings(writers, agreed, assignments or {})),
        writers=tuple(_ordered(writers)),
        specialty_name=spec.name or "your specialty",
        lor_weight=spec.lor_weight,
        weight_note=_weight_note(spec.name, spec.lor_weight),
    )


def _gaps(specialty_agreed: int, specialty_planned: int, agreed: int, planned: int) -> list[str]:
    gaps = []
    need = TARGET_SPECIALTY_LETTERS[0]
    if specialty_agreed < need:
        missing = need - specialty_agreed
        gaps.append(
            f"{specialty_agreed} of the {need}–{TARGET_SPECIALTY_LETTERS[1]} strong letters from "
            f"attendings in your specialty so far; {missing} more would reach the target."
        )
        if specialty_planned < need:
            gaps.append(
                f"Only {specialty_planned} attending{'s' if specialty_planned != 1 else ''} in your "
                "specialty on your list: add one from a current or upcoming rotation, inpatient first."
            )
    if agreed < TARGET_TOTAL[0] and specialty_agreed >= need:
        gaps.append(
            "One more letter would complete the set: another clinician who knows you well, "
            "or a research mentor if that letter can be detailed."
        )
    if planned < TARGET_TOTAL[0]:
        gaps.append(
            f"{planned} writer{'s' if planned != 1 else ''} in your plan; aim for at least "
            f"{TARGET_TOTAL[0]} so one hesitant answer does not leave you short."
        )
    return gaps


def _warnings(
    writers: Sequence[WriterSummary], agreed: Sequence[WriterSummary], assignments: Mapping[str, Sequence[str]]
) -> list[str]:
    warnings = []
    for w in writers:
        if w.big_name and w.stage not in STEPPED_BACK_STAGES and _barely_knows(w):
            warnings.append(
                f"{w.name} has an impressive title but little contact with your work; a detailed "
                "letter from someone who supervised you closely will help you more."
            )
    if len(agreed) > MAX_LETTERS_PER_PROGRAM:
        warnings.append(
            f"{len(agreed)} letters agreed: ERAS lets you assign at most {MAX_LETTERS_PER_PROGRAM} "
            "to each program, so choose the best four for each one."
        )
    for program, names in assignments.items():
        if len(names) > MAX_LETTERS_PER_PROGRAM:
            warnings.append(
                f"{program}: {len(names)} letters assigned, but ERAS allows at most "
                f"{MAX_LETTERS_PER_PROGRAM} per program."
            )
    return warnings


def _barely_knows(w: WriterSummary) -> bool:
    return w.weeks_known < BIG_NAME_MIN_WEEKS or w.strength in (None, "thin")


def _ordered(writers: Sequence[WriterSummary]) -> list[PortfolioWriter]:
    def sort_key(w: WriterSummary) -> tuple:
        stepped_back = w.stage in STEPPED_BACK_STAGES
        return (
            stepped_back,
            priority(w.role, w.setting, w.specialty_match, w.kind),
            -_STAGE_ORDER.get(w.stage, 0),
            w.name.casefold(),
        )

    return [
        PortfolioWriter(
            summary=w,
            priority=priority(w.role, w.setting, w.specialty_match, w.kind),
            stage_label=stage(w.stage).label,
            expected_by=(
                expected_letter_date(w.rotation_end)
                if w.rotation_end and w.stage in AGREED_STAGES and w.stage != "submitted"
                else None
            ),
            counts_for_specialty=is_strong_specialty_letter(w.role, w.specialty_match, w.kind),
        )
        for w in sorted(writers, key=sort_key)
    ]


_STAGE_ORDER = {
    key: i
    for i, key in enumerate(("candidate", "seeded", "asked", "agreed", "materials_sent", "reminded", "submitted"))
}


def _weight_note(name: str, weight: int | None) -> str:
    if weight is None:
        return "No rating for this specialty in our guide; strong, specific US letters help in every field."
    return (
        f"{name}: {weight}/10 for how much strong US letters change an IMG's chances "
        "(a rough rating, not an official figure)."
    )


# --- Letters per program ------------------------------------------------------------------
# ERAS: at most four letters to a program, assigned only once uploaded, locked once applied
# (``core.eras``). The default set for a program follows the playbook's order: the strongest
# letters in the program's specialty first (up to three), then the best of the rest, four at most.

SUGGESTED_IN_SPECIALTY = TARGET_SPECIALTY_LETTERS[1]  # at most three from the specialty, then one more
_STRENGTH_ORDER = {"strong": 0, "building": 1, "thin": 2}


# Fields the specialties table does not rate, whose names contain a word it would otherwise match
# ("Emergency Medicine" is not Internal Medicine, "Neurological Surgery" is surgery, though).
_OWN_FIELDS = (
    "emergency",
    "neurology",
    "anesthesi",
    "anaesthesi",
    "radiology",
    "dermatology",
    "pathology",
    "obstetric",
    "gynecolog",
    "gynaecolog",
    "ophthalmolog",
    "physical medicine",
    "preventive",
    "nuclear",
    "radiation",
    "transitional",
    "medical genetics",
    "child neurology",
)


def _field(text: str) -> tuple[str, str]:
    """(key, name) of a specialty as typed: the table's key, or "other" and the name for the rest."""
    cleaned = " ".join((text or "").casefold().split())
    if any(word in cleaned for word in _OWN_FIELDS):
        return "other", " ".join((text or "").split())
    spec = specialty_for(text)
    return spec.key, spec.name


def same_specialty(theirs: str, target: str) -> bool:
    """Same specialty, by the specialties table or, for others, by name ("" never matches)."""
    if not (theirs or "").strip() or not (target or "").strip():
        return False
    (mine, my_name), (yours, your_name) = _field(target), _field(theirs)
    if mine == "other" or yours == "other":
        return my_name.casefold() == your_name.casefold()
    return mine == yours


@dataclass(frozen=True)
class ProgramLetter:
    """One letter as the program grid sees it; ``key`` is the caller's own id for it."""

    key: str
    name: str
    role: str
    setting: str
    kind: str
    specialty: str  # the writer's specialty (their own, else their rotation's)
    stage: str
    uploaded_on: date | None = None
    rotation_end: date | None = None
    strength: str | None = None


@dataclass(frozen=True)
class ExpectedLetter:
    key: str
    on: date  # when three in four such letters are written (the timing curve)
    overdue: bool  # that day has passed and it is still not uploaded
    after_deadline: bool  # it usually arrives after the program's deadline


@dataclass(frozen=True)
class ProgramPlan:
    name: str
    specialty: str
    deadline: date | None
    applied_on: date | None
    assigned: tuple[str, ...]  # keys, in the order given
    suggested: tuple[str, ...]  # the default set, best first
    missing: tuple[str, ...]  # suggested but not assigned yet (not uploaded, or not assigned in ERAS)
    expected: tuple[ExpectedLetter, ...]  # suggested letters not uploaded yet, with when they usually arrive
    specialty_letter: bool  # an assigned letter is from the program's specialty
    flags: tuple[str, ...]  # what needs attention, one sentence each

    @property
    def full(self) -> bool:
        return len(self.assigned) >= MAX_LETTERS_PER_PROGRAM

    @property
    def locked(self) -> bool:
        return self.applied_on is not None


def _letter_rank(letter: ProgramLetter, specialty: str) -> tuple:
    match = same_specialty(letter.specialty, specialty)
    return (
        priority(letter.role, letter.setting, match, letter.kind),
        letter.uploaded_on is None,
        _STRENGTH_ORDER.get(letter.strength or "", 3),
        letter.name.casefold(),
    )


def suggested_set(letters: Sequence[ProgramLetter], specialty: str) -> list[ProgramLetter]:
    """The default letters for a program of ``specialty``: agreed letters only, strongest in-specialty first."""
    usable = sorted((x for x in letters if x.stage in AGREED_STAGES), key=lambda x: _letter_rank(x, specialty))
    strong = [x for x in usable if is_strong_specialty_letter(x.role, same_specialty(x.specialty, specialty), x.kind)]
    picked = strong[:SUGGESTED_IN_SPECIALTY]
    for letter in usable:
        if len(picked) >= MAX_LETTERS_PER_PROGRAM:
            break
        rank = priority(letter.role, letter.setting, same_specialty(letter.specialty, specialty), letter.kind)
        if letter not in picked and rank < LOWEST_PRIORITY:
            picked.append(letter)
    return picked


def program_plan(
    *,
    name: str,
    specialty: str,
    deadline: date | None,
    applied_on: date | None,
    letters: Sequence[ProgramLetter],
    assigned: Sequence[str],
    today: date,
) -> ProgramPlan:
    """One program's letters: what is assigned, the default set, what is missing and when it should come."""
    from lorforge.core.eras import standardized_letter

    by_key = {x.key: x for x in letters}
    assigned = tuple(k for k in assigned if k in by_key)
    suggested = suggested_set(letters, specialty)
    missing = tuple(x.key for x in suggested if x.key not in assigned)
    expected = []
    for letter in suggested:
        if letter.uploaded_on is None and letter.rotation_end is not None:
            on = expected_letter_date(letter.rotation_end)
            expected.append(
                ExpectedLetter(letter.key, on, overdue=on < today, after_deadline=bool(deadline and on > deadline))
            )
    specialty_letter = any(same_specialty(by_key[k].specialty, specialty) for k in assigned)
    field = display_specialty(specialty)
    flags = []
    if not specialty_letter and not locked_without_room(applied_on, assigned):
        if any(same_specialty(x.specialty, specialty) and x.stage in AGREED_STAGES for x in letters):
            flags.append(
                f"No letter from {field} assigned yet: programs look first for letters in their own specialty."
            )
        else:
            flags.append(
                f"None of your agreed letters is from {field}. A letter from a {field} attending "
                "would help here most; plan one from a current or upcoming rotation."
            )
    if len(assigned) > MAX_LETTERS_PER_PROGRAM:
        flags.append(f"{len(assigned)} letters assigned, but ERAS allows at most {MAX_LETTERS_PER_PROGRAM}.")
    late = [by_key[e.key].name for e in expected if e.after_deadline and not e.overdue]
    if late and deadline and (applied_on is None):
        flags.append(
            f"{', '.join(late)}: usually written after this program's deadline. Keep in touch so it arrives in time."
        )
    if (standard := standardized_letter(specialty)) is not None:
        flags.append(standard.note)
    return ProgramPlan(
        name=name,
        specialty=specialty,
        deadline=deadline,
        applied_on=applied_on,
        assigned=assigned,
        suggested=tuple(x.key for x in suggested),
        missing=missing,
        expected=tuple(expected),
        specialty_letter=specialty_letter,
        flags=tuple(flags),
    )


def locked_without_room(applied_on: date | None, assigned: Sequence[str]) -> bool:
    """Applied with four letters locked in: nothing can change there, so no advice about it either."""
    return applied_on is not None and len(assigned) >= MAX_LETTERS_PER_PROGRAM


def display_specialty(specialty: str) -> str:
    return _field(specialty)[1] or (specialty or "").strip() or "your specialty"
