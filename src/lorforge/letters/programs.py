"""Read-only: the programs, the letters assigned to each and the per-program plan (``core.portfolio``).

Used by the Programs page, its CSV export, the Letters page and ``lorforge programs``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from lorforge.accounts.services import profile_for
from lorforge.core import eras, letters, portfolio
from lorforge.evidence.selectors import person_strength

from . import selectors
from .models import Assignment, Program, Writer


def _letter(writer: Writer, today: dt.date, with_strength: bool = True) -> portfolio.ProgramLetter:
    person, rotation = writer.person, writer.person.rotation
    strength = person_strength(person=person, today=today).level if with_strength else None
    return portfolio.ProgramLetter(
        key=str(writer.pk),
        name=person.name,
        role=person.role,
        setting=rotation.setting if rotation else "outpatient",
        kind=rotation.kind if rotation else "clerkship",
        specialty=person.specialty or (rotation.specialty if rotation else ""),
        stage=selectors.current_stage(writer=writer),
        uploaded_on=selectors.uploaded_on(writer=writer),
        rotation_end=rotation.end_date if rotation else None,
        strength=strength,
    )


def letters_of(
    *, user, today: dt.date, with_strength: bool = True
) -> tuple[list[portfolio.ProgramLetter], dict[str, Writer]]:
    """Every writer who agreed (the letters that can go to programs), as the grid sees them."""
    writers = [w for w in selectors.writers_of(user=user) if selectors.current_stage(writer=w) in letters.AGREED_STAGES]
    return [_letter(w, today, with_strength) for w in writers], {str(w.pk): w for w in writers}


def _assigned(*, programs) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {p.pk: [] for p in programs}
    for program_id, writer_id in Assignment.objects.filter(program__in=programs).values_list("program_id", "writer_id"):
        found[program_id].append(str(writer_id))
    return found


def _plan(program: Program, letters_: list, assigned: list[str], today: dt.date, target: str):
    return portfolio.program_plan(
        name=program.name,
        specialty=program.specialty or target,
        deadline=program.deadline,
        applied_on=program.applied_on,
        letters=letters_,
        assigned=assigned,
        today=today,
    )


def program_plan_of(*, program: Program, today: dt.date) -> tuple[portfolio.ProgramPlan, dict[str, Writer]]:
    letters_, writers = letters_of(user=program.user, today=today)
    target = profile_for(user=program.user).target_specialty
    return _plan(program, letters_, _assigned(programs=[program])[program.pk], today, target), writers


@dataclass(frozen=True)
class Cell:
    writer: Writer
    letter: portfolio.ProgramLetter
    assigned: bool
    suggested: bool
    can_assign: bool
    reason: str  # why not, or what happens (the lock)
    locked: bool
    expected: portfolio.ExpectedLetter | None
    in_specialty: bool


@dataclass(frozen=True)
class ProgramRow:
    program: Program
    plan: portfolio.ProgramPlan
    cells: tuple[Cell, ...]
    number: int  # 1-based, for "Program 2 of 5" on a phone

    @property
    def assigned_cells(self) -> list[Cell]:
        return [c for c in self.cells if c.assigned]


def grid(*, user, today: dt.date) -> dict:
    """Programs × letters: every cell with what ERAS allows there now."""
    programs = list(Program.objects.filter(user=user))
    letters_, writers = letters_of(user=user, today=today)
    assigned = _assigned(programs=programs)
    target = profile_for(user=user).target_specialty
    rows = []
    for number, program in enumerate(programs, start=1):
        plan = _plan(program, letters_, assigned[program.pk], today, target)
        expected = {e.key: e for e in plan.expected}
        cells = []
        for letter in letters_:
            is_assigned = letter.key in plan.assigned
            if is_assigned:
                check = eras.unassign_check(author=letter.name, program=program.name, applied_on=program.applied_on)
                can, reason, locked = check.allowed, check.reason, not check.allowed
            else:
                check = eras.assign_check(
                    author=letter.name,
                    uploaded=letter.uploaded_on is not None,
                    assigned=len(plan.assigned),
                    already=False,
                    program=program.name,
                    applied_on=program.applied_on,
                )
                can, reason, locked = check.allowed, check.reason, False
            cells.append(
                Cell(
                    writer=writers[letter.key],
                    letter=letter,
                    assigned=is_assigned,
                    suggested=letter.key in plan.suggested,
                    can_assign=can,
                    reason=reason,
                    locked=locked,
                    expected=expected.get(letter.key),
                    in_specialty=portfolio.same_specialty(letter.specialty, plan.specialty),
                )
            )
        rows.append(ProgramRow(program, plan, tuple(cells), number))
    return {
        "rows": rows,
        "letters": letters_,
        "writers": writers,
        "today": today,
        "max_per_program": eras.MAX_LETTERS_PER_PROGRAM,
        "target": target,
        "standardized": eras.standardized_letter(target),
    }


def assignments_by_program(*, user) -> dict[str, list[str]]:
    """Program name → the names of the writers assigned to it (for the portfolio's warnings)."""
    out: dict[str, list[str]] = {}
    for name, writer in Assignment.objects.filter(user=user).values_list("program__name", "writer__person__name"):
        out.setdefault(name, []).append(writer)
    return out


# --- CSV and the command line ------------------------------------------------------------------------------

CSV_HEADER = (
    "program",
    "specialty",
    "eras_program_code",
    "letters_needed_by",
    "applied_on",
    "letter_writer",
    "letter_id",
    "uploaded_on",
    "assigned",
    "locked",
    "suggested",
)


def _cell(value) -> str:
    """Text safe to open in a spreadsheet: a leading =, +, -, @ or control character cannot become a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export_rows(*, user, today: dt.date) -> list[dict]:
    """One row per program and letter (assigned or suggested), and one for a program with neither."""
    page = grid(user=user, today=today)
    rows = []
    for row in page["rows"]:
        program = row.program
        base = {
            "program": program.name,
            "specialty": row.plan.specialty,
            "eras_program_code": program.eras_code,
            "letters_needed_by": program.deadline.isoformat(),
            "applied_on": program.applied_on.isoformat() if program.applied_on else "",
        }
        cells = [c for c in row.cells if c.assigned or c.suggested]
        if not cells:
            rows.append(
                {
                    **base,
                    "letter_writer": "",
                    "letter_id": "",
                    "uploaded_on": "",
                    "assigned": "",
                    "locked": "",
                    "suggested": "",
                }
            )
        for cell in cells:
            rows.append(
                {
                    **base,
                    "letter_writer": cell.writer.person.name,
                    "letter_id": cell.writer.eras_letter_id,
                    "uploaded_on": cell.letter.uploaded_on.isoformat() if cell.letter.uploaded_on else "",
                    "assigned": "yes" if cell.assigned else "no",
                    "locked": "yes" if cell.locked else "no",
                    "suggested": "yes" if cell.suggested else "no",
                }
            )
    return rows


def export_csv(*, user, today: dt.date) -> bytes:
    buffer = io.StringIO()
    out = csv.DictWriter(buffer, fieldnames=CSV_HEADER, lineterminator="\r\n")
    out.writeheader()
    for row in export_rows(user=user, today=today):
        out.writerow({k: _cell(v) for k, v in row.items()})
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM lets spreadsheet apps read the accents


def programs_json(*, user, today: dt.date) -> list[dict]:
    """Each program with its letters and their states (``lorforge programs --json``)."""
    page = grid(user=user, today=today)
    out = []
    for row in page["rows"]:
        program, plan = row.program, row.plan
        expected = {e.key: e for e in plan.expected}
        out.append(
            {
                "program": program.name,
                "specialty": plan.specialty,
                "eras_program_code": program.eras_code,
                "letters_needed_by": program.deadline.isoformat(),
                "applied_on": program.applied_on.isoformat() if program.applied_on else None,
                "locked": plan.locked,
                "full": plan.full,
                "has_specialty_letter": plan.specialty_letter,
                "letters": [
                    {
                        "writer": c.writer.person.name,
                        "letter_id": c.writer.eras_letter_id or None,
                        "stage": c.letter.stage,
                        "uploaded_on": c.letter.uploaded_on.isoformat() if c.letter.uploaded_on else None,
                        "assigned": c.assigned,
                        "suggested": c.suggested,
                        "locked": c.locked,
                        "in_specialty": c.in_specialty,
                        "expected_by": expected[c.letter.key].on.isoformat() if c.letter.key in expected else None,
                    }
                    for c in row.cells
                    if c.assigned or c.suggested
                ],
                "flags": list(plan.flags),
            }
        )
    return out
