"""Names and forms of address: "Dr. Whitfield" in speech, the full name where a full name belongs.

A person is stored with their full name as typed ("Sarah Whitfield, MD", "Souza, Ana",
"Nguyễn Văn An") and, separately, how they are addressed: a title ("Dr.", "Mr.", "Ms.",
"Mx." or none) and a surname. When the applicant leaves those blank, ``address_parts``
derives them from the full name with ``nameparser`` (titles, suffixes such as MD, DO,
PhD, and "Surname, Given" order), plus two things it does not know:

- Vietnamese names put the family name first ("Nguyễn Văn An" is Dr. Nguyễn);
- physicians (attendings, residents, fellows, research mentors) are "Dr." unless the
  name carries another title; nurses and others keep the title they were typed with.

Spoken lines and salutations use ``addressed`` ("Dr. Whitfield"); a person without a
title is addressed by their cleaned full name ("Maria Lopez"), never "Dear Lopez,".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

TITLES = ("Dr.", "Mr.", "Ms.", "Mx.")
DOCTOR_ROLES = frozenset({"attending", "resident", "fellow", "research_mentor"})

# nameparser's titles mapped to the forms of address the app stores.
_TITLE_MAP = {
    "dr": "Dr.",
    "doctor": "Dr.",
    "prof": "Dr.",
    "professor": "Dr.",
    "mr": "Mr.",
    "mister": "Mr.",
    "ms": "Ms.",
    "mrs": "Ms.",
    "miss": "Ms.",
    "mx": "Mx.",
}
_DOCTOR_SUFFIXES = frozenset(
    {
        "md",
        "do",
        "mbbs",
        "mbchb",
        "phd",
        "dphil",
        "dds",
        "dmd",
        "mph md",
        "frcp",
        "frcs",
        "facp",
        "facs",
        "faap",
        "mrcp",
    }
)
# The most common Vietnamese family names: written first, so "Nguyễn Văn An" is Dr. Nguyễn.
_FAMILY_FIRST = frozenset(
    n.casefold()
    for n in (
        "Nguyễn",
        "Trần",
        "Lê",
        "Phạm",
        "Hoàng",
        "Huỳnh",
        "Phan",
        "Vũ",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
        "Đinh",
        "Trương",
        "Lâm",
        "Đoàn",
        "Trịnh",
        "Mai",
        "Tạ",
        "Cao",
        "Lương",
        "Quách",
    )
)
_BRACKETED = re.compile(r"<[^>]*>|\[[^\]]*\]|\S+@\S+")  # an address pasted into a name is not part of it


def clean(text: str) -> str:
    """One tidy line: NFC (so "ễ" is one character), no control characters, single spaces."""
    text = unicodedata.normalize("NFC", text or "")
    text = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") and ch not in "\u200f\u200e" else ch for ch in text
    )
    return " ".join(text.split())


@lru_cache(maxsize=4096)
def _plain_name(name: str) -> str:
    """The name without pasted addresses and stray brackets or quotes around it."""
    return clean(_BRACKETED.sub(" ", clean(name))).strip(" ,;:\"'“”‘’()")


@dataclass(frozen=True)
class ParsedName:
    title: str  # one of TITLES, or "" when the name carries none
    given: str
    surname: str
    suffix: str  # "MD", "PhD, FACP"
    doctor: bool  # the name itself says so (Dr./Prof. or a medical or doctoral degree)


@lru_cache(maxsize=4096)  # a page names the same people many times; the name parser is slow
def parse(name: str) -> ParsedName:
    """Split a full name as typed into its parts."""
    from nameparser import HumanName

    plain = _plain_name(name)
    if not plain:
        return ParsedName("", "", "", "", False)
    human = HumanName(plain)
    typed_title = human.title.replace(".", "").strip().casefold()
    title = _TITLE_MAP.get(typed_title.split()[0], "") if typed_title else ""
    suffixes = [s.replace(".", "").casefold() for s in human.suffix_list]
    doctor = title == "Dr." or any(s in _DOCTOR_SUFFIXES for s in suffixes)
    words = [w for w in (human.first, human.middle, human.last) if w]
    if len(words) >= 2 and human.first.casefold() in _FAMILY_FIRST and "," not in plain:
        given, surname = " ".join(words[1:]), human.first
    elif human.last:
        given, surname = " ".join(w for w in (human.first, human.middle) if w), human.last
    else:  # a single name: "Madonna", "Whitfield"
        given, surname = "", human.first or plain
    return ParsedName(title, given, surname, human.suffix, doctor)


def address_parts(name: str, role: str = "attending") -> tuple[str, str]:
    """The default (title, surname) for a full name: what the person form fills in when left blank."""
    parsed = parse(name)
    title = "Dr." if parsed.doctor or (role in DOCTOR_ROLES and parsed.title in ("", "Dr.")) else parsed.title
    return title, parsed.surname


def full_name(name: str) -> str:
    """The full name without its title and with given names first: "Sarah Whitfield, MD" stays as typed,
    "Souza, Ana" becomes "Ana Souza"; for documents and the display name of an email address."""
    plain = _plain_name(name)
    if "," in plain:
        parsed = parse(plain)
        if not parsed.suffix:  # "Souza, Ana": the comma is the surname-first order
            return " ".join(p for p in (parsed.given, parsed.surname) if p) or plain
    return plain


def addressed(name: str, *, title: str | None = None, surname: str = "", role: str = "attending") -> str:
    """How to address someone in speech and salutations: "Dr. Whitfield".

    ``title`` and ``surname`` are the stored form of address; when the surname is blank both come
    from ``address_parts``. Without a title the cleaned full name is used ("Maria Lopez").
    """
    surname = clean(surname)
    if not surname:
        title, surname = address_parts(name, role)
    title = clean(title or "")
    if title and surname:
        return f"{title} {surname}"
    parsed = parse(name)
    plain = " ".join(p for p in (parsed.given, parsed.surname) if p)
    return plain or surname


def of(person) -> str:
    """``addressed`` for a ``records.Person`` (or anything with name, title, surname and role)."""
    return addressed(
        person.name,
        title=getattr(person, "title", None) or None,
        surname=getattr(person, "surname", ""),
        role=getattr(person, "role", "attending"),
    )


def written_name(person) -> str:
    """A person's name on a document or an address line: the full name as typed ("Sarah Smith, MD",
    "Ana Souza"), except that a bare single name ("Whitfield") is written with its form of address
    ("Dr. Whitfield"), so a page is never "Prepared for: Whitfield"."""
    full = full_name(person.name)
    parsed = parse(person.name)
    if not full or parsed.given or parsed.title or parsed.suffix:
        return full
    return of(person) or full


def introduction(applicant) -> str:
    """How the applicant says their own name: their chosen form ("Dr. Nguyễn", "Ana"), else the full name."""
    return clean(getattr(applicant, "introduce_as", "")) or full_name(applicant.name)
