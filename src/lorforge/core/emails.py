"""The three emails to a letter writer, and how they leave the app.

1. ``materials_email``: within a day of the yes — thanks, what they taught,
   the materials, the one-page helper attached.
2. ``reminder_email``: a gentle check-in 3–4 weeks before the deadline,
   naming the (estimated) ERAS dates. At most two are sent: see ``reminders``.
3. ``final_note_email``: one last polite note, only if the letter is still
   missing near the deadline.

Each draft can be copied, opened in a mail app (``mailto_url``; a link cannot
carry files, so the body then starts with a line listing what to attach) or
downloaded as a ready-to-send .eml (``to_eml``, marked ``X-Unsent: 1`` so mail
apps open it as a draft). ``notes`` are for the applicant and are never sent.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from urllib.parse import quote

from lorforge.core.documents import HelperContent, format_day, format_range, render_docx, render_pdf
from lorforge.core.letters import join_phrases, salutation
from lorforge.core.records import Applicant, Person, Rotation
from lorforge.core.season import SeasonDates
from lorforge.core.specialties import specialty_for

PDF_MIMETYPE = "application/pdf"
DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ESTIMATE_NOTE = "The ERAS dates are estimates: check them against the current ERAS timeline before sending."


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str


@dataclass(frozen=True)
class EmailDraft:
    to: str  # "Dr. Sarah Smith <sarah.smith@example.org>", or "" when the address is not known
    subject: str
    body: str
    attachments: tuple[Attachment, ...] = ()
    notes: tuple[str, ...] = ()  # for the applicant only: what to check or add before sending


def recipient(person: Person) -> str:
    """The writer as an address line, or "" when their email is not known."""
    email = person.email.strip()
    return f"{_one_line(person.name)} <{email}>" if email and person.name.strip() else email


def helper_attachment(content: HelperContent, fmt: str = "pdf") -> Attachment:
    """The one-page helper, rendered and named for attaching."""
    stem = f"LOR-helper-{ascii_filename(content.applicant.name)}"
    if fmt == "pdf":
        return Attachment(f"{stem}.pdf", render_pdf(content), PDF_MIMETYPE)
    if fmt == "docx":
        return Attachment(f"{stem}.docx", render_docx(content), DOCX_MIMETYPE)
    raise ValueError(f"Unknown helper format {fmt!r}; use 'pdf' or 'docx'.")


# --- The drafts ---------------------------------------------------------------------------

def materials_email(*, applicant: Applicant, writer: Person, rotation: Rotation | None, taught: Sequence[str],
                    helper: Attachment, cv: Attachment | None = None, statement: Attachment | None = None,
                    deadline: date | None = None) -> EmailDraft:
    """Email #1, the day they say yes: thanks, the teaching remembered, the materials, the helper attached."""
    name = _one_line(applicant.name)
    subject = "Thank you and LOR materials – " + name
    if rotation:
        subject += f", {format_range(rotation.start, rotation.end)}"
    lessons = join_phrases([_one_line(t) for t in taught])
    learned = (f"I learned a great deal on your team, especially {lessons}." if lessons
               else "I learned a great deal on your team.")
    items = [
        f"My CV{' (attached)' if cv else ', which I will send separately'}",
        f"A draft of my personal statement{' (attached)' if statement else ', which I will send separately'}",
    ]
    notes = []
    if applicant.aamc_id.strip():
        items.append(f"My AAMC ID: {applicant.aamc_id.strip()}")
    else:
        notes.append("Add your AAMC ID to your profile so it appears in this email.")
    if deadline:
        items.append(f"The date I would need the letter by: {format_day(deadline)}")
    else:
        notes.append("Add your letter deadline so the writer knows when the letter is needed.")
    items.append("A one-page summary of my work on the rotation (attached): patients I followed, examples "
                 "of initiative and the feedback you gave me. Please use or ignore any of it.")
    body = "\n".join([
        f"Dear {salutation(writer)},",
        "",
        f"Thank you again for agreeing to write a letter of recommendation for my {_residency(applicant)} "
        f"applications. {learned}",
        "",
        "To make the letter as easy as possible, here is everything in one place:",
        *(f"- {item}" for item in items),
        "",
        "If anything else would help, I would be glad to send it.",
        "",
        "With many thanks,",
        name,
    ])
    attachments = tuple(a for a in (helper, cv, statement) if a)
    return EmailDraft(recipient(writer), subject, body, attachments, tuple(notes))


def reminder_email(*, applicant: Applicant, writer: Person, season: SeasonDates, today: date,
                   rotation: Rotation | None = None, deadline: date | None = None) -> EmailDraft:
    """Email #2, the gentle check-in, naming when ERAS opens and when programs start reviewing."""
    name = _one_line(applicant.name)
    together = f", after our rotation together ({format_range(rotation.start, rotation.end)})" if rotation else ""
    opens = _tensed(season.submission_opens, today, "opens", "opened")
    reviews = _tensed(season.programs_review, today, "begin", "began")
    sentences = [
        f"I hope you are doing well. I wanted to check in gently about the letter of recommendation you kindly "
        f"agreed to write for my {_residency(applicant)} applications{together}.",
        f"ERAS {opens} for submissions to programs around {_long_day(season.submission_opens)}, and programs "
        f"{reviews} reviewing applications around {_long_day(season.programs_review)}.",
    ]
    if deadline and deadline >= today and deadline != season.programs_review:
        sentences.append(f"If possible, I would be grateful to have the letter uploaded by {_long_day(deadline)}.")
    body = "\n".join([
        f"Dear {salutation(writer)},",
        "",
        " ".join(sentences),
        "",
        "If you need anything further from me, I am happy to send it. Thank you again for your support.",
        "",
        "Best wishes,",
        name,
    ])
    subject = f"Checking in about my letter of recommendation – {name}"
    return EmailDraft(recipient(writer), subject, body, (), (ESTIMATE_NOTE,))


def final_note_email(*, applicant: Applicant, writer: Person, deadline: date, today: date) -> EmailDraft:
    """The one last, very polite note when the letter is still missing near the deadline."""
    name = _one_line(applicant.name)
    if today <= deadline:
        timing = f"My applications are due by {_long_day(deadline)}."
    else:
        timing = "Programs are already reviewing applications, and the letter can still be added to mine."
    body = "\n".join([
        f"Dear {salutation(writer)},",
        "",
        "I am sorry to write again, and I know how busy you are. When I checked ERAS today, the letter "
        f"of recommendation did not show as received yet. {timing}",
        "",
        "If you are still able to write it, I would be very grateful. If your plans have changed, that is "
        "completely fine; a short reply would help me plan. I am happy to resend any of my materials.",
        "",
        "Thank you for everything,",
        name,
    ])
    subject = f"A last note about my letter of recommendation – {name}"
    notes = ("Send this only after checking ERAS: if the letter is already there, a thank-you is the right note.",)
    return EmailDraft(recipient(writer), subject, body, (), notes)


def _residency(applicant: Applicant) -> str:
    """ "internal medicine residency", as it reads in a sentence; just "residency" when unknown."""
    spec = specialty_for(applicant.specialty)
    specialty = spec.name.lower() if spec.key != "other" else _one_line(applicant.specialty)
    return f"{specialty} residency" if specialty else "residency"


def _tensed(day: date, today: date, future: str, past: str) -> str:
    return past if day <= today else future


def _long_day(d: date) -> str:
    return f"{d:%B} {d.day}, {d.year}"


def _one_line(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


# --- Leaving the app ----------------------------------------------------------------------

def to_eml(draft: EmailDraft, sender: str, *, now: datetime | None = None) -> bytes:
    """A ready-to-send .eml: UTF-8 headers, Date, Message-ID, the attachments, and ``X-Unsent: 1``."""
    sender_name, sender_address = parseaddr(sender)
    if "@" not in sender_address:
        raise ValueError(f"The sender needs an email address, like 'Name <name@example.com>', not {sender!r}.")
    msg = EmailMessage()
    msg["From"] = _address(sender_name, sender_address)
    if draft.to:
        to_name, to_address = parseaddr(draft.to)
        msg["To"] = _address(to_name, to_address)
    msg["Subject"] = draft.subject
    msg["Date"] = format_datetime(now or datetime.now(timezone.utc))
    msg["Message-ID"] = make_msgid(domain=sender_address.rpartition("@")[2])
    msg["X-Unsent"] = "1"
    msg.set_content(draft.body)
    for attachment in draft.attachments:
        maintype, _, subtype = attachment.mimetype.partition("/")
        msg.add_attachment(attachment.content, maintype=maintype or "application",
                           subtype=subtype or "octet-stream", filename=attachment.filename)
    return msg.as_bytes()


def _address(name: str, address: str) -> Address:
    username, _, domain = address.partition("@")
    return Address(display_name=_one_line(name), username=username, domain=domain)


def mailto_url(draft: EmailDraft) -> str:
    """An RFC 6068 mailto: link. Links cannot carry files, so the body then starts by naming them."""
    body = draft.body
    if draft.attachments:
        names = ", ".join(a.filename for a in draft.attachments)
        body = f"[Before sending, attach: {names}. A mail link cannot add files.]\n\n{body}"
    address = parseaddr(draft.to)[1] if draft.to else ""
    crlf_body = "\r\n".join(body.splitlines())  # RFC 6068: line breaks in a body are %0D%0A
    return f"mailto:{quote(address, safe='@')}?subject={_pct(draft.subject)}&body={_pct(crlf_body)}"


def _pct(text: str) -> str:
    return quote(text, safe="")


_ASCII_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ı": "i", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O",
                             "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d"})


def ascii_filename(text: str) -> str:
    """ "Nguyễn Thị Hương" → "Nguyen-Thi-Huong": safe in every mail app and file system."""
    folded = unicodedata.normalize("NFKD", (text or "").translate(_ASCII_FOLD))
    plain = folded.encode("ascii", "ignore").decode()
    words = "".join(ch if ch.isalnum() else " " for ch in plain).split()
    return "-".join(words)[:60].strip("-") or "applicant"
