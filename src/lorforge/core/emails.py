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

import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import quote

from lorforge.core import dates, eras, names
from lorforge.core.records import Applicant, Person, Rotation
from lorforge.core.scripts import field_words, join_phrases
from lorforge.core.season import SeasonDates

# The email package (about 10 ms to import) and hashlib load when an address, a file or an .eml is made, not when
# a script or the plan (`lorforge plan`) only needs an email's words; ``typing`` is not imported for this flag.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from email.headerregistry import Address

    from lorforge.core.documents import HelperContent

PDF_MIMETYPE = "application/pdf"
DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ESTIMATE_NOTE = "The ERAS dates are estimates: check them against the current ERAS timeline before sending."


@dataclass(frozen=True)
class Attachment:
    """A file: attached to an email here, and what the app's downloads send back (``letters.services``)."""

    filename: str  # as the writer's mail app or the browser saves it
    content: bytes
    mimetype: str  # e.g. PDF_MIMETYPE


@dataclass(frozen=True)
class EmailDraft:
    to: Address | None  # built with email.headerregistry, so the display name can never change the address
    subject: str
    body: str
    attachments: tuple[Attachment, ...] = ()
    notes: tuple[str, ...] = ()  # for the applicant only: what to check or add before sending

    @property
    def to_display(self) -> str:
        """ "Sarah Smith, MD <sarah@example.org>" for a page; "" without an address."""
        if self.to is None:
            return ""
        return f"{self.to.display_name} <{self.to.addr_spec}>" if self.to.display_name else self.to.addr_spec


@dataclass(frozen=True)
class ErasDetails:
    """The letter's ERAS entry, as the writer needs it to upload (``core.eras``)."""

    letter_id: str = ""
    waiver: str = ""  # eras.WAIVED, eras.NOT_WAIVED or "" (not chosen yet)
    aamc_id: str = ""
    has_form: bool = False  # the Letter Request Form PDF is attached / shared


def eras_lines(details: ErasDetails, *, writer_page_url: str = "") -> list[str]:
    """The ERAS part of an email: the Letter ID, the waiver and the portal steps, in plain words."""
    lines = []
    if details.letter_id:
        form = " (the Letter Request Form is attached)" if details.has_form else ""
        lines.append(f"- My ERAS Letter ID for your letter: {details.letter_id}{form}")
    if sentence := eras.waiver_sentence(details.waiver):
        lines.append(f"- {sentence}")
    if details.letter_id:
        lines += ["", "Uploading in ERAS takes a few minutes:"]
        lines += [f"{n}. {step}" for n, step in enumerate(eras.portal_steps(letter_id=details.letter_id), start=1)]
    if writer_page_url:
        lines += [
            "",
            "Everything above, in one private page (no log-in needed; please do not forward it):",
            writer_page_url,
        ]
    return lines


def eras_notes(details: ErasDetails) -> list[str]:
    notes = []
    if not details.letter_id:
        notes.append(
            "Add the Letter ID before sending the materials: without it the writer cannot upload the "
            "letter to ERAS. Confirm the entry in MyERAS and copy the ID from its Letter Request Form."
        )
    elif not details.has_form:
        notes.append("Upload the Letter Request Form (PDF) on the writer's letter page so it goes with this email.")
    if not details.waiver:
        notes.append(
            "Choose whether you waived your right to view this letter (on the writer's letter page): "
            "writers say so in the letter."
        )
    return notes


def make_address(name: str, email: str) -> Address:
    """An address whose display name is only ever a name: commas, quotes, brackets and any script are
    quoted or encoded by the email package, and a pasted "<other@example>" in the name is dropped."""
    email = names.clean(email).strip("<>")
    display = names.clean(name).replace("<", "").replace(">", "") if names.clean(name) else ""
    display = " ".join(w for w in display.split() if "@" not in w)
    from email.headerregistry import Address

    try:
        return Address(display_name=display, addr_spec=email)
    except (ValueError, IndexError, TypeError):
        username, _, domain = email.rpartition("@")
        return Address(display_name=display, username=username, domain=domain)


def recipient(person: Person) -> Address | None:
    """The writer as an address (their written name as display name: "Sarah Smith, MD", or "Dr. Whitfield" for
    a single name), or None when their email is not known."""
    email = names.clean(person.email)
    if "@" not in email:
        return None
    return make_address(names.written_name(person), email)


def sender_address(name: str, email: str) -> Address:
    """The applicant as the sender: the name as on their documents, their account address."""
    return make_address(names.full_name(name), email)


def helper_attachment(content: HelperContent, fmt: str = "pdf") -> Attachment:
    """The one-page helper, rendered and named for attaching."""
    # The documents (fonts, the privacy guard, the coach) load only when an attachment is rendered: the plan's
    # copy of the materials email needs none of them.
    from lorforge.core.documents import render_docx, render_pdf

    stem = f"LOR-helper-{ascii_filename(content.applicant.name)}"
    if fmt == "pdf":
        return Attachment(f"{stem}.pdf", _rendered(content, fmt, render_pdf), PDF_MIMETYPE)
    if fmt == "docx":
        return Attachment(f"{stem}.docx", _rendered(content, fmt, render_docx), DOCX_MIMETYPE)
    raise ValueError(f"Unknown helper format {fmt!r}; use 'pdf' or 'docx'.")


_RENDERED: dict[bytes, bytes] = {}  # the helpers rendered last, by what they hold: the same content, the same file
RENDERED_KEPT = 32  # about 50 KB each
_RENDERED_LOCK = threading.Lock()


def _rendered(content, fmt: str, render) -> bytes:
    """``render(content)``, kept while the content stays the same (a page of text takes a PDF library a tenth of
    a second to lay out; the helper changes only when the applicant's entries do)."""
    import hashlib

    key = hashlib.sha256(f"{fmt}\n{content!r}".encode()).digest()
    with _RENDERED_LOCK:  # ``lorforge serve`` answers in threads
        made = _RENDERED.pop(key, None)
    if made is None:
        made = render(content)
    with _RENDERED_LOCK:
        _RENDERED[key] = made  # the newest last
        while len(_RENDERED) > RENDERED_KEPT:
            del _RENDERED[next(iter(_RENDERED))]
    return made


def dear(person: Person | None) -> str:
    """ "Dear Dr. Whitfield," or, when no writer is named, "Dear Doctor,"."""
    addressed = names.of(person) if person is not None and names.clean(person.name) else ""
    return f"Dear {addressed}," if addressed else "Dear Doctor,"


# --- The drafts ---------------------------------------------------------------------------


def materials_email(
    *,
    applicant: Applicant,
    writer: Person,
    rotation: Rotation | None,
    taught: Sequence[str],
    helper: Attachment | None = None,
    cv: Attachment | None = None,
    statement: Attachment | None = None,
    deadline: date | None = None,
    today: date | None = None,
    will_attach: bool = False,
    eras_entry: ErasDetails | None = None,
    request_form: Attachment | None = None,
    writer_page_url: str = "",
) -> EmailDraft:
    """Email #1, the day they say yes: thanks, the teaching remembered, the materials, the helper attached.

    ``will_attach``: the applicant attaches the files themselves (the plan's copy of this email), so every
    item reads "(attached)". A deadline before ``today`` is left out, with a note to fix it.
    ``eras_entry``: the letter's ERAS entry (Letter ID, waiver, the portal steps, ``request_form`` attached);
    ``writer_page_url``: the writer's private page.
    """
    name = names.full_name(applicant.name)
    subject = "Thank you and LOR materials" + (f" – {name}" if name else "")
    if rotation:
        subject += f" ({dates.date_range(rotation.start, rotation.end, year=True)})"
    lessons = join_phrases(taught)
    learned = (
        f"I learned a great deal on your team, especially about {lessons}."
        if lessons
        else "I learned a great deal on your team."
    )
    notes = []
    if not lessons:
        notes.append(
            "Add one or two things they taught you (on the writer's letter page): a specific line "
            "reads far better than a general thank-you."
        )
    attached = " (attached)"
    items = [
        "My CV" + (attached if cv or will_attach else ", which I will send separately"),
        "A draft of my personal statement"
        + (attached if statement or will_attach else ", which I will send separately"),
    ]
    if names.clean(applicant.aamc_id):
        items.append(f"My AAMC ID: {names.clean(applicant.aamc_id)}")
    else:
        notes.append("Add your AAMC ID to your profile so it appears in this email.")
    if deadline and (today is None or deadline >= today):
        items.append(f"When I need the letter: by {dates.day(deadline, year=True)}")
    elif deadline:
        notes.append("Your letter deadline has passed: update it under Materials before sending.")
    else:
        notes.append("Add your letter deadline so the writer knows when the letter is needed.")
    summary = "A one-page summary of what I did on your team, with your feedback and what I changed"
    items.append(summary + (attached if helper or will_attach else "") + ". Use whatever helps and skip the rest.")
    extra = (
        eras_lines(eras_entry, writer_page_url=writer_page_url)
        if eras_entry
        else (
            ["", "Everything above, in one private page (no log-in needed; please do not forward it):", writer_page_url]
            if writer_page_url
            else []
        )
    )
    if eras_entry:
        notes.extend(eras_notes(eras_entry))
    body = "\n".join(
        [
            dear(writer),
            "",
            f"Thank you for agreeing to write a letter of recommendation for my {_residency(applicant)} "
            f"applications. {learned}",
            "",
            "So that everything is in one place:",
            *(f"- {item}" for item in items),
            *extra,
            "",
            "If anything else would help, just let me know.",
            "",
            "With many thanks,",
            *([name] if name else []),
        ]
    )
    attachments = tuple(a for a in (request_form, helper, cv, statement) if a)
    return EmailDraft(recipient(writer), subject, body, attachments, tuple(notes))


def reminder_email(
    *,
    applicant: Applicant,
    writer: Person,
    season: SeasonDates,
    today: date,
    rotation: Rotation | None = None,
    deadline: date | None = None,
    number: int = 1,
    letter_id: str = "",
    writer_page_url: str = "",
) -> EmailDraft:
    """Email #2, the gentle check-in, naming when applications reach programs and when review starts.
    ``number`` 2 reads as a second, last reminder."""
    name = names.full_name(applicant.name)
    # Months after the rotation, often in another year: its dates carry their year.
    together = (
        f", after my {_kind(rotation)} on your team ({dates.date_range(rotation.start, rotation.end, year=True)})"
        if rotation
        else ""
    )
    opening = "I'm following up once more, briefly, about" if number > 1 else "I'm writing with a short note about"
    sentences = [
        f"I hope all is well with you. {opening} the letter of recommendation you were kind enough to take on "
        f"for my {_residency(applicant)} applications{together}.",
        _season_sentence(season, today),
    ]
    if deadline and deadline >= today:
        if deadline == season.programs_review and season.programs_review > today:
            sentences[-1] = (
                sentences[-1].removesuffix(".") + ", so having the letter in ERAS by then would help me most."
            )
        elif deadline != season.programs_review:
            sentences.append(f"If you can, having the letter in ERAS by {_long_day(deadline)} would help me most.")
    body = "\n".join(
        [
            dear(writer),
            "",
            " ".join(sentences),
            "",
            "Should anything from me help, such as my CV, statement draft or the one-page summary again, I'll send "
            "it right away. Thank you again for your support.",
            *_reminder_links(letter_id, writer_page_url),
            "",
            "Best wishes,",
            *([name] if name else []),
        ]
    )
    subject = "Checking in about my letter of recommendation" + (f" – {name}" if name else "")
    return EmailDraft(recipient(writer), subject, body, (), (ESTIMATE_NOTE,))


def _reminder_links(letter_id: str, writer_page_url: str) -> list[str]:
    lines = []
    if letter_id:
        lines += ["", f"My ERAS Letter ID for your letter is {letter_id}."]
    if writer_page_url:
        lines += [
            "",
            "Your private page has my materials, the Letter ID and the upload steps (no log-in needed):",
            writer_page_url,
        ]
    return lines


def _season_sentence(season: SeasonDates, today: date) -> str:
    opens, review = _long_day(season.submission_opens), _long_day(season.programs_review)
    if season.programs_review <= today:
        return (
            f"Programs began reviewing applications around {review}, so a letter that arrives soon still "
            "helps a great deal."
        )
    if season.submission_opens <= today:
        return (
            f"Applications have been going to programs since around {opens}, and programs begin reviewing "
            f"them around {review}."
        )
    return (
        f"This season, applications go to programs from around {opens}, and programs begin reviewing them "
        f"around {review}."
    )


def final_note_email(
    *, applicant: Applicant, writer: Person, deadline: date, today: date, letter_id: str = "", writer_page_url: str = ""
) -> EmailDraft:
    """The one last, very polite note when the letter is still missing near the deadline."""
    name = names.full_name(applicant.name)
    if today <= deadline:
        timing = f"I hope to have all my letters in ERAS by {_long_day(deadline)}."
    else:
        timing = "Programs are already reviewing applications, and the letter can still be added to mine."
    body = "\n".join(
        [
            dear(writer),
            "",
            "I am sorry to write again, and I know how busy you are. When I checked ERAS today, the letter "
            f"of recommendation did not show as received yet. {timing}",
            "",
            "If you are still able to write it, I would be very grateful. If your plans have changed, that is "
            "completely fine; a short reply would help me plan. I am happy to resend any of my materials.",
            *_reminder_links(letter_id, writer_page_url),
            "",
            "Thank you for everything,",
            *([name] if name else []),
        ]
    )
    subject = "A last note about my letter of recommendation" + (f" – {name}" if name else "")
    notes = ("Send this only after checking ERAS: if the letter is already there, a thank-you is the right note.",)
    return EmailDraft(recipient(writer), subject, body, (), notes)


def _residency(applicant: Applicant) -> str:
    """ "internal medicine residency", as it reads in a sentence; just "residency" when unknown."""
    field = field_words(applicant.specialty)
    return f"{field} residency" if field else "residency"


def _kind(rotation: Rotation) -> str:
    kind = rotation.kind.replace("_", "-") if rotation.kind else "rotation"
    field = field_words(rotation.specialty)
    return f"{field} {kind}" if field else kind


def _long_day(d: date) -> str:
    return dates.long_day(d, weekday=False)


def _one_line(text: str) -> str:
    return names.clean(text)


# --- Leaving the app ----------------------------------------------------------------------


def to_eml(draft: EmailDraft, sender: Address | str, *, now: datetime) -> bytes:
    """A ready-to-send .eml: UTF-8 headers, Date, Message-ID, the attachments, and ``X-Unsent: 1``.

    ``sender`` is best an ``Address`` (``sender_address``); a string "Name <address>" is split at its last
    angle brackets, so a comma in the name ("Souza, Ana <ana@example.com>") is kept as part of the name.
    """
    from email.message import EmailMessage
    from email.utils import format_datetime, make_msgid

    sender = _parse_sender(sender)
    msg = EmailMessage()
    msg["From"] = sender
    if draft.to is not None:
        msg["To"] = draft.to
    msg["Subject"] = draft.subject
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = make_msgid(domain=sender.domain or None)
    msg["X-Unsent"] = "1"
    msg.set_content(draft.body)
    for attachment in draft.attachments:
        maintype, _, subtype = attachment.mimetype.partition("/")
        msg.add_attachment(
            attachment.content,
            maintype=maintype or "application",
            subtype=subtype or "octet-stream",
            filename=attachment.filename,
        )
    return msg.as_bytes()


def _parse_sender(sender: Address | str) -> Address:
    from email.headerregistry import Address

    if isinstance(sender, Address):
        if "@" not in sender.addr_spec:
            raise ValueError(f"The sender needs an email address, not {sender!r}.")
        return sender
    text = names.clean(sender)
    if text.endswith(">") and "<" in text:
        name, _, address = text[:-1].rpartition("<")
    else:
        name, address = "", text
    if "@" not in address:
        raise ValueError(f"The sender needs an email address, like 'Name <name@example.com>', not {sender!r}.")
    return make_address(name.strip().strip('"'), address.strip())


def mailto_url(draft: EmailDraft) -> str:
    """An RFC 6068 mailto: link to the address alone (never the display name). Links cannot carry files, so
    the body then starts by naming them."""
    body = draft.body
    if draft.attachments:
        files = ", ".join(a.filename for a in draft.attachments)
        body = f"[Before sending, attach: {files}. A mail link cannot add files.]\n\n{body}"
    address = draft.to.addr_spec if draft.to is not None else ""
    crlf_body = "\r\n".join(body.splitlines())  # RFC 6068: line breaks in a body are %0D%0A
    return f"mailto:{quote(address, safe='@')}?subject={_pct(draft.subject)}&body={_pct(crlf_body)}"


def _pct(text: str) -> str:
    return quote(text, safe="")


_ASCII_FOLD = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ı": "i",
        "đ": "d",
        "Đ": "D",
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "ð": "d",
    }
)


def ascii_filename(text: str) -> str:
    """ "Nguyễn Thị Hương" → "Nguyen-Thi-Huong": safe in every mail app and file system."""
    folded = unicodedata.normalize("NFKD", (text or "").translate(_ASCII_FOLD))
    plain = folded.encode("ascii", "ignore").decode()
    words = "".join(ch if ch.isalnum() else " " for ch in plain).split()
    return "-".join(words)[:60].strip("-") or "applicant"
