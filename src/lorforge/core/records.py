"""Small, immutable records the core works on.

The Django shell converts its models into these before calling the core, so
everything in ``lorforge.core`` can be tested with plain values and no
database. Keys (roles, kinds, settings, qualities) are stable strings that are
also stored in the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Each key with its label: the key is stored, the label is what forms and pages show.
ROLE_LABELS = {
    "attending": "Attending",
    "resident": "Resident",
    "fellow": "Fellow",
    "nurse": "Nurse",
    "other": "Other",
    "research_mentor": "Research mentor",
}
KIND_LABELS = {
    "clerkship": "Clerkship",
    "sub_internship": "Sub-internship (sub-I)",
    "externship": "Externship",
    "observership": "Observership",
}
SETTING_LABELS = {"inpatient": "Inpatient ward", "outpatient": "Outpatient clinic"}
SETTINGS, KINDS, ROLES = tuple(SETTING_LABELS), tuple(KIND_LABELS), tuple(ROLE_LABELS)
# Who can write (or stand behind) a residency letter; nurses and others are witnesses instead.
WRITER_ROLES = ("attending", "fellow", "resident", "research_mentor")
# Physicians whose letter counts in full; a resident's counts for less (see core.portfolio's priority).
PHYSICIAN_ROLES = ("attending", "fellow", "research_mentor")


@dataclass(frozen=True)
class Applicant:
    name: str  # as it should appear on documents, e.g. "Nguyễn Thị Hương"
    country: str = ""
    medical_school: str = ""
    specialty: str = ""  # target specialty, free text ("Internal Medicine")
    aamc_id: str = ""
    season: int | None = None  # the match year the applicant applies for
    introduce_as: str = ""  # how they say their own name: "Dr. Nguyễn", "Ana"; "" = the full name


@dataclass(frozen=True)
class Rotation:
    start: date
    end: date  # inclusive: the last day on the rotation
    setting: str = "inpatient"  # one of SETTINGS
    kind: str = "clerkship"  # one of KINDS
    specialty: str = ""
    site: str = ""


@dataclass(frozen=True)
class Person:
    name: str  # the full name as typed: "Sarah Whitfield", "Sarah Smith, MD", "Souza, Ana"
    role: str = "attending"  # one of ROLES
    email: str = ""
    specialty: str = ""
    title: str = ""  # how they are addressed: "Dr.", "Mr.", "Ms.", "Mx." or ""
    surname: str = ""  # "" = derive title and surname from the name (see core.names)

    @property
    def addressed(self) -> str:
        """ "Dr. Whitfield": for speech and salutations."""
        from lorforge.core import names

        return names.of(self)


@dataclass(frozen=True)
class Story:
    """One evidence entry: something the applicant did that a writer may quote."""

    text: str
    on: date
    witnesses: tuple[str, ...] = ()  # names of the people who saw it
    visible: bool = False  # the applicant made it visible to them (rounds, an update)
    qualities: tuple[str, ...] = ()  # keys from lorforge.core.qualities
    specific: bool | None = None  # the coach's verdict; None = not judged yet


@dataclass(frozen=True)
class Feedback:
    giver: str
    on: date
    said: str
    change: str = ""  # what the applicant will change
    followed_up_on: date | None = None  # when "I have been working on ..." was said
    reaction: str = ""


@dataclass(frozen=True)
class Compliment:
    giver: str  # the name of who said it; "" when not recorded
    on: date
    text: str  # what they said


@dataclass(frozen=True)
class Flag:
    """A named warning with one sentence of what to do about it."""

    key: str
    message: str
    fix: str = ""


@dataclass(frozen=True)
class WriterStrength:
    """How much letter content one potential writer has seen (the strength meter)."""

    name: str
    role: str
    specific_stories: int  # specific stories this person witnessed
    visible_stories: int  # of those, the ones made visible to them
    goal: int
    qualities_covered: tuple[str, ...]
    qualities_missing: tuple[str, ...]
    loops_closed: int  # feedback from them that was followed up
    loops_open: int
    weeks_of_contact: float
    level: str  # "strong", "building" or "thin"
    reasons: tuple[str, ...] = ()
    next_action: str = ""
    flags: tuple[Flag, ...] = field(default_factory=tuple)
