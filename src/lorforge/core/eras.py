"""ERAS's rules for letters, as the applicant meets them in MyERAS (AAMC's guide for applicants).

- Each letter is its own entry: the author's name and title or department, an optional specialty label
  (seen by the applicant and the author, never by programs), optional program-director and
  department-chair flags, and a required choice about the right to view the letter.
- Confirming an entry makes a Letter Request Form (a PDF) holding a Letter ID. The ID is for one
  author and works once in the Letter of Recommendation Portal; AAMC describes it only as a series
  of letters and numbers, so the check here is deliberately loose (``letter_id_problem``).
- A letter can be assigned to a program only once it has been uploaded, at most four to a program,
  and an assignment is locked from the moment the applicant has applied to that program.
- A few specialties expect a standardized letter (emergency medicine's SLOE above all).

Plain Python, no Django: the letters app calls it with plain values.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from lorforge.core.dates import day as day_text

MAX_LETTERS_PER_PROGRAM = 4
LETTER_ID_MIN, LETTER_ID_MAX = 6, 24
_LETTER_ID = re.compile(r"[A-Z0-9]+(?:-[A-Z0-9]+)*")
_PROGRAM_CODE = re.compile(r"[A-Z0-9]+(?:-[A-Z0-9]+)*")

WAIVED, NOT_WAIVED = "waived", "not_waived"
WAIVER_CHOICES = (
    (WAIVED, "I waived my right to view this letter"),
    (NOT_WAIVED, "I kept my right to view this letter"),
)
WAIVER_EXPLANATION = (
    "Programs read a waived letter as candid, because the writer knew you would never see it; an unwaived "
    "letter is often read as more guarded, and some writers decline to write one. Waiving is your choice, "
    "and ERAS asks it for every letter. Once waived, you cannot see that letter at all."
)


# --- The Letter ID ----------------------------------------------------------------------------------


def normalize_letter_id(text: str) -> str:
    """What the applicant typed, as ERAS prints it: upper case, no spaces, dashes kept."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(ch for ch in text if not ch.isspace())
    text = re.sub(r"[‐‑‒–—−]", "-", text)  # dashes pasted from a PDF
    return text.upper()


def letter_id_problem(text: str, *, aamc_id: str = "") -> str | None:
    """None for a Letter ID that can be right; else what is wrong, in one sentence."""
    value = normalize_letter_id(text)
    if not value:
        return "Enter the Letter ID printed on the Letter Request Form."
    if not value.isascii() or not _LETTER_ID.fullmatch(value):
        return "A Letter ID has only letters and digits (sometimes with a dash): copy it from the Letter Request Form."
    plain = value.replace("-", "")
    if not LETTER_ID_MIN <= len(plain) <= LETTER_ID_MAX:
        return (
            f"That is {len(plain)} characters; a Letter ID is between {LETTER_ID_MIN} and {LETTER_ID_MAX}. "
            "Check it against the Letter Request Form."
        )
    if not any(ch.isdigit() for ch in plain):
        return "A Letter ID always has digits in it: check it against the Letter Request Form."
    if len(set(plain)) == 1:
        return "That does not look like a real Letter ID: copy it from the Letter Request Form."
    if aamc_id and plain == normalize_letter_id(aamc_id).replace("-", ""):
        return (
            "That is your AAMC ID. The Letter ID is a different code, one per letter, printed on the Letter "
            "Request Form that ERAS makes when you confirm the entry."
        )
    return None


def letter_id_clash(value: str, others: Sequence[tuple[str, str]]) -> str | None:
    """One author per Letter ID: ``others`` are (Letter ID, author) of the applicant's other letters."""
    wanted = normalize_letter_id(value)
    for letter_id, author in others:
        if normalize_letter_id(letter_id) == wanted:
            return (
                f"That Letter ID is already on your letter from {author}. Each Letter ID is for one author "
                "and works once: make a separate ERAS entry for this writer."
            )
    return None


def normalize_program_code(text: str) -> str:
    return normalize_letter_id(text)


def program_code_problem(text: str) -> str | None:
    """The optional ERAS program code (ACGME program number, with or without the track's letter)."""
    value = normalize_program_code(text)
    if not value:
        return None
    if not value.isascii() or not _PROGRAM_CODE.fullmatch(value) or not 4 <= len(value) <= 20:
        return (
            "Enter the program's code as ERAS shows it: 4 to 20 letters and digits, e.g. 1403521102. "
            "Leave it empty if you do not have it."
        )
    return None


# --- Assigning letters to programs -------------------------------------------------------------------


@dataclass(frozen=True)
class AssignCheck:
    allowed: bool
    reason: str = ""


def assign_check(
    *, author: str, uploaded: bool, assigned: int, already: bool, program: str, applied_on: date | None
) -> AssignCheck:
    """May this letter be assigned to this program now? ``assigned``: letters the program already has."""
    if already:
        return AssignCheck(False, f"The letter from {author} is already assigned to {program}.")
    if not uploaded:
        return AssignCheck(
            False,
            f"The letter from {author} is not uploaded in ERAS yet. ERAS lets you assign "
            "a letter only once it is there; until then, plan it in the suggested set.",
        )
    if assigned >= MAX_LETTERS_PER_PROGRAM:
        return AssignCheck(
            False,
            f"{program} already has {MAX_LETTERS_PER_PROGRAM} letters, the most ERAS "
            "allows for one program. Remove one first if this letter is the better fit.",
        )
    if applied_on is not None:
        return AssignCheck(
            True,
            f"You applied to {program} on {day_text(applied_on, year=True)}: "
            "ERAS locks this assignment as soon as you make it.",
        )
    return AssignCheck(True)


def unassign_check(*, author: str, program: str, applied_on: date | None) -> AssignCheck:
    if applied_on is not None:
        return AssignCheck(
            False,
            f"Locked: you applied to {program} on {day_text(applied_on, year=True)}, and ERAS does not "
            f"let you take the letter from {author} off a program you applied to.",
        )
    return AssignCheck(True)


# --- Specialties that expect a standardized letter ----------------------------------------------------


@dataclass(frozen=True)
class StandardizedLetter:
    name: str  # what the standardized letter is called
    note: str


_STANDARDIZED: tuple[tuple[tuple[str, ...], StandardizedLetter], ...] = (
    (
        ("emergency medicine", "emergency", "em"),
        StandardizedLetter(
            "Standardized Letter of Evaluation (SLOE)",
            "Emergency medicine programs expect a Standardized Letter of Evaluation (SLOE) from an emergency "
            "medicine rotation, usually written by the department after an away rotation, besides or instead of "
            "narrative letters. Plan at least one, and check each program's page for how many it wants.",
        ),
    ),
    (
        ("orthopedic surgery", "orthopaedic surgery", "orthopedics", "orthopaedics"),
        StandardizedLetter(
            "standardized letter of recommendation",
            "Many orthopaedic surgery programs ask for a standardized letter of recommendation from an "
            "orthopaedic rotation: check each program's page and plan for one.",
        ),
    ),
    (
        ("otolaryngology", "ent", "otolaryngology head and neck surgery"),
        StandardizedLetter(
            "standardized letter of recommendation",
            "Many otolaryngology programs ask for a standardized letter of recommendation: check each program's "
            "page and plan for one.",
        ),
    ),
)


def _words(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z]+", " ", text).split())


def standardized_letter(specialty: str) -> StandardizedLetter | None:
    """The standardized letter programs of ``specialty`` expect, or None."""
    cleaned = _words(specialty)
    if not cleaned:
        return None
    for aliases, letter in _STANDARDIZED:
        if cleaned in aliases or any(re.search(rf"\b{re.escape(a)}\b", cleaned) for a in aliases if len(a) > 3):
            return letter
    return None


# --- What the writer needs ---------------------------------------------------------------------------


def waiver_sentence(waived: str) -> str:
    """How the emails, the helper and the writer's page state the waiver ("" when not chosen yet)."""
    if waived == WAIVED:
        return "I have waived my right to view this letter."
    if waived == NOT_WAIVED:
        return "I have not waived my right to view this letter."
    return ""


def portal_steps(*, letter_id: str = "") -> tuple[str, ...]:
    """How a writer uploads a letter through ERAS's Letter of Recommendation Portal, in plain words."""
    code = f"the Letter ID {letter_id}" if letter_id else "the Letter ID from the Letter Request Form"
    return (
        "Save the signed letter, on letterhead, as a PDF (no password or digital signature on the file).",
        "Open the AAMC Letter of Recommendation Portal and sign in with an AAMC account (creating one takes "
        "a few minutes).",
        f"Choose to add a new letter and type {code}; check that my name shows up on the next screen.",
        "Upload the PDF and confirm. ERAS then shows me that a letter arrived, never what it says.",
    )
