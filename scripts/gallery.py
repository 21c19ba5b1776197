"""Render every script, email and helper for a matrix of rotations and names, to read as an attending would.

    .venv/bin/python scripts/gallery.py [--out build/gallery] [--today 2026-11-24] [--small]

Writes ``index.html`` (one browsable page), the helper PDFs under ``pdf/`` and the emails as ``.eml`` under
``eml/``, and prints every broken invariant (unfilled placeholders, doubled punctuation, full-name
salutations, past dates to meet, generic stories on a helper, wrong .eml recipients). The day is passed in,
never read from the clock. ``tests/test_gallery.py`` runs the ``--small`` matrix; ``make gallery`` the full one.
"""

from __future__ import annotations

import argparse
import html
import io
import re
import sys
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email import policy
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lorforge.core import coach, dates, documents, emails, names, scripts, timeline
from lorforge.core.plan import build_plan
from lorforge.core.records import Applicant, Compliment, Feedback, Person, Rotation, Story
from lorforge.core.season import default_season_dates

SPECIALTIES = ("Internal Medicine", "Family Medicine", "Pediatrics", "Psychiatry", "Surgery", "Neurology")
KINDS = ("clerkship", "sub_internship", "externship", "observership")
SETTINGS = ("inpatient", "outpatient")

APPLICANTS = (
    Applicant(
        "Nguyễn Thị Hương",
        country="Việt Nam",
        medical_school="Hanoi Medical University",
        aamc_id="14567890",
        introduce_as="Dr. Nguyễn",
    ),
    Applicant(
        "Souza, Ana", country="Brazil", medical_school="Universidade Federal de Minas Gerais", introduce_as="Dr. Souza"
    ),
    Applicant("Çağlar Yılmaz", country="Türkiye", aamc_id="13579246"),
    Applicant("Aarav", medical_school="Kasturba Medical College", country="India", introduce_as="Aarav"),
    Applicant("Łukasz Żółć", medical_school="Jagiellonian University", aamc_id="12345678"),
    Applicant("Layla Haddad", country="Lebanon", medical_school="", introduce_as="Dr. Haddad"),
)
WRITERS = (
    Person("Sarah Smith, MD", email="sarah.smith@example.org"),
    Person("Dr. Łukasz Kowalski", email="l.kowalski@example.org"),
    Person("Nguyễn Văn An", email="an.nguyen@example.org"),
    Person("Dr. Mark Evans <someone@else.example>", email="mark.evans@example.org"),
    Person('Sarah "Sally" O\'Brien, DO', email="sobrien@example.org"),
    Person("ليلى حداد", email="layla.haddad@example.org"),
    Person("Whitfield", email="whitfield@example.org"),
    Person("Kwame Mensah-Bonsu, PhD", email="kmb@example.org", title="Dr.", surname="Mensah-Bonsu"),
)
RESIDENTS = (Person("José Peña", role="resident"), Person("Aisha Bello, MD", role="resident"), None)

GENERIC_STORIES = (
    "I was very hard-working and a great team player this week.",
    "Helped the team a lot and learned many things.",
)


@dataclass
class Item:
    section: str  # the combination it belongs to
    kind: str  # "script", "pre-ask", "email", "helper"
    title: str
    text: str
    as_of: date  # the day it would be said or sent
    writer: Person | None = None
    eml: bytes | None = None
    mailto: str = ""
    pdf: bytes | None = None
    helper: documents.HelperContent | None = None
    files: list[str] = field(default_factory=list)
    setting: str = ""  # the rotation's, for the words that would contradict it


@dataclass(frozen=True)
class Combo:
    specialty: str
    kind: str
    setting: str
    applicant: Applicant
    writer: Person
    resident: Person | None
    weeks: int

    @property
    def key(self) -> str:
        slug = re.sub(r"[^a-z]+", "-", f"{self.specialty} {self.kind} {self.setting}".lower()).strip("-")
        writer = emails.ascii_filename(names.full_name(self.writer.name)).lower()
        return f"{slug}-{writer if writer != 'applicant' else 'writer'}"


def combos(*, small: bool = False) -> list[Combo]:
    """The full matrix, names rotating through it; ``small`` keeps one combination per specialty that still
    covers every kind, setting, applicant and writer name."""
    out = []
    i = 0
    for specialty in SPECIALTIES:
        for kind in KINDS:
            for setting in SETTINGS:
                out.append(
                    Combo(
                        specialty,
                        kind,
                        setting,
                        APPLICANTS[i % len(APPLICANTS)],
                        WRITERS[i % len(WRITERS)],
                        RESIDENTS[i % len(RESIDENTS)],
                        (2, 4, 6, 4)[i % 4],
                    )
                )
                i += 1
    if not small:
        return out
    picked, seen = [], set()
    for combo in out:  # greedy: keep a combination when it brings something not yet covered
        values = {
            ("specialty", combo.specialty),
            ("kind", combo.kind),
            ("setting", combo.setting),
            ("writer", combo.writer),
            ("applicant", combo.applicant),
            ("pair", combo.kind, combo.setting),
        }
        if values - seen:
            picked.append(combo)
            seen |= values
    return picked


TAUGHT = {
    "inpatient": ("running efficient rounds", "managing inpatient diabetes."),
    "outpatient": ("keeping a clinic on time", "adjusting diabetes medicines between visits."),
}


def _next_monday(d: date) -> date:
    return d + timedelta(days=(7 - d.weekday()) % 7 or 7)


def _stories(combo: Combo, rotation: Rotation) -> list[Story]:
    who = (combo.writer.name,)
    day = lambda n: rotation.start + timedelta(days=n)  # noqa: E731
    return [
        Story(
            "Presented a patient with new atrial fibrillation on rounds with a three-item differential and a "
            "rate-control plan the team adopted.",
            day(2),
            who,
            True,
            ("clinical_reasoning",),
        ),
        Story(
            "Stayed until 7 pm to call three families with test results, so no one waited overnight.",
            day(3),
            who,
            True,
            ("work_ethic",),
        ),
        Story(
            "Explained the new insulin plan to a patient with teach-back; she showed me the pen technique "
            "correctly before discharge.",
            day(5),
            who,
            True,
            ("communication",),
        ),
        Story(
            "Caught a duplicate anticoagulant order during medication reconciliation and told the resident "
            "before the evening dose.",
            day(6),
            who,
            True,
            ("patient_safety",),
        ),
        Story(
            "Gave a ten-minute talk to the team on the new heart failure guideline and shared a one-page "
            "summary afterwards.",
            day(8),
            who,
            True,
            (),
        ),
        Story(GENERIC_STORIES[0], day(4), who, True, ("work_ethic",)),
        Story(GENERIC_STORIES[1], day(9), who, False, ()),
        Story(
            "Coordinated with case management and the pharmacy so that " + "the home oxygen, the new inhaler, "
            "the follow-up appointment and the transport were all arranged " * 3 + "before discharge.",
            day(7),
            who,
            True,
            ("reliability",),
        ),
    ]


def _feedback(combo: Combo, rotation: Rotation) -> list[Feedback]:
    day = lambda n: rotation.start + timedelta(days=n)  # noqa: E731
    return [
        Feedback(
            combo.writer.name,
            day(4),
            "start every presentation with a one-line assessment and plan; keep it under 2 minutes.",
            change="I start each presentation with a one-line assessment.",
            followed_up_on=day(9),
            reaction="Much better, keep it up",
        ),
        Feedback(
            combo.writer.name,
            day(10),
            "Read about your patients the night before.",
            change="reading the next day's admissions before I leave",
        ),
        Feedback("Dr. Ana Lee", day(6), "Call the nurse back when you change an order"),
    ]


def _compliments(combo: Combo, rotation: Rotation) -> list[Compliment]:
    return [
        Compliment(combo.writer.name, rotation.start + timedelta(days=8), "That was a really clear presentation."),
        Compliment(
            "Maria Lopez, RN", rotation.start + timedelta(days=9), "Thanks for closing the loop on the discharge meds!"
        ),
    ]


SENDER_EMAIL = "applicant@example.com"


def build(today: date, *, small: bool = False, out: Path | None = None) -> list[Item]:
    """Every item for the matrix, as of ``today``; with ``out``, also the files (PDFs and .eml)."""
    items: list[Item] = []
    for n, combo in enumerate(combos(small=small)):
        applicant = Applicant(
            **{
                **combo.applicant.__dict__,
                "specialty": combo.specialty,
                "season": date(today.year + 2, 1, 1).year if today.month >= 10 else today.year + 1,
            }
        )
        start = _next_monday(today) + timedelta(weeks=n % 3)
        rotation = Rotation(
            start,
            start + timedelta(days=combo.weeks * 7 - 3),
            combo.setting,
            combo.kind,
            combo.specialty,
            "Mercy General Hospital",
        )
        season = default_season_dates(applicant.season)
        deadline = season.letter_deadline
        people = [combo.writer, *([combo.resident] if combo.resident else [])]
        section = (
            f"{combo.specialty} · {scripts.KIND_LABELS[combo.kind]} · {combo.setting} · "
            f"{combo.weeks} weeks · {names.full_name(combo.applicant.name)} → "
            f"{names.full_name(combo.writer.name)}"
        )
        for c in build_plan(rotation=rotation, applicant=applicant, people=people, deadline=deadline):
            items.append(
                Item(
                    section,
                    "script",
                    f"{dates.date_range(c.starts, c.ends)} · {c.title}",
                    "\n".join([c.script, "", *(f"Tip: {t}" for t in c.tips)]),
                    c.starts,
                    combo.writer,
                    setting=combo.setting,
                )
            )
        taught = TAUGHT[combo.setting]
        shown = set()
        for as_of in (
            rotation.start + timedelta(days=7),
            rotation.end - timedelta(days=3),
            rotation.end + timedelta(weeks=4),
        ):
            timing = timeline.pre_ask_timing(rotation, as_of).key  # as the writer page decides it
            if timing in shown:  # a short rotation has no early ask
                continue
            shown.add(timing)
            text = scripts.pre_ask_script(
                writer=combo.writer,
                applicant=applicant,
                rotation=rotation,
                learned=taught[1:] if n % 2 else [],
                timing=timing,
                highlights=[s.text for s in _stories(combo, rotation) if coach.assess(s.text).specific][:3],
            )
            caution = scripts.pre_ask_caution(timing)
            items.append(
                Item(
                    section,
                    "pre-ask",
                    f"Pre-ask ({timing.replace('_', ' ')})",
                    text + (f"\n\nCaution shown: {caution}" if caution else ""),
                    as_of,
                    combo.writer,
                    setting=combo.setting,
                )
            )

        sent = rotation.end + timedelta(days=1)
        content = documents.helper_content(
            applicant,
            combo.writer,
            rotation,
            _stories(combo, rotation),
            _feedback(combo, rotation),
            _compliments(combo, rotation),
            deadline,
            materials=["CV (attached)"],  # what the materials email below attaches, as the app lists it
        )
        helper = emails.helper_attachment(content, "pdf")
        stem = f"{n:02d}-{combo.key}"
        items.append(
            Item(
                section,
                "helper",
                "One-page helper (PDF)",
                _helper_text(content),
                sent,
                combo.writer,
                pdf=helper.content,
                helper=content,
                files=[f"pdf/{stem}.pdf"],
            )
        )
        drafts = [
            (
                "materials",
                sent,
                emails.materials_email(
                    applicant=applicant,
                    writer=combo.writer,
                    rotation=rotation,
                    taught=taught[: n % 3],
                    helper=helper,
                    cv=emails.Attachment("CV.pdf", b"%PDF-1.4\n%%EOF", emails.PDF_MIMETYPE),
                    deadline=deadline,
                    today=sent,
                ),
            ),
            (
                "reminder",
                deadline - timedelta(weeks=4),
                emails.reminder_email(
                    applicant=applicant,
                    writer=combo.writer,
                    season=season,
                    today=deadline - timedelta(weeks=4),
                    rotation=rotation,
                    deadline=deadline,
                ),
            ),
            (
                "reminder-2",
                deadline - timedelta(weeks=2),
                emails.reminder_email(
                    applicant=applicant,
                    writer=combo.writer,
                    season=season,
                    today=deadline - timedelta(weeks=2),
                    rotation=rotation,
                    deadline=deadline,
                    number=2,
                ),
            ),
            (
                "final",
                deadline - timedelta(days=5),
                emails.final_note_email(
                    applicant=applicant, writer=combo.writer, deadline=deadline, today=deadline - timedelta(days=5)
                ),
            ),
        ]
        sender = emails.sender_address(applicant.name, SENDER_EMAIL)
        now = datetime(today.year, today.month, today.day, 9, tzinfo=UTC)
        for name, as_of, draft in drafts:
            eml = emails.to_eml(draft, sender, now=now)
            text = "\n".join(
                [
                    f"To: {draft.to_display}",
                    f"Subject: {draft.subject}",
                    "",
                    draft.body,
                    *(f"\nNote for the applicant: {note}" for note in draft.notes),
                ]
            )
            items.append(
                Item(
                    section,
                    "email",
                    f"Email: {name}",
                    text,
                    as_of,
                    combo.writer,
                    eml=eml,
                    mailto=emails.mailto_url(draft),
                    files=[f"eml/{stem}-{name}.eml"],
                )
            )
    if out is not None:
        write(items, out, today)
    return items


def _helper_text(content: documents.HelperContent) -> str:
    fitted = documents.fit_to_page(content, lambda c: True)
    lines = []
    for block in documents.page_blocks(fitted):
        prefix = {"title": "# ", "heading": "\n## ", "bullet": "- "}.get(block.kind, "")
        lines.append(prefix + block.text)
    if content.left_out:
        lines.append("\n(Shown to the applicant, not on the page) Left out:")
        lines += [
            f"- “{x.text[:90]}…” — {x.reason}" if len(x.text) > 90 else f"- “{x.text}” — {x.reason}"
            for x in content.left_out
        ]
    return "\n".join(lines)


# --- Invariants -------------------------------------------------------------------------------------------

_MONTHS = {
    m: i
    for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)
}
_TO_MEET = re.compile(
    r"\b(?:by|due by|before|until|no later than)\s+(?:[A-Z][a-z]+day,\s+)?"
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2})(?:,\s+(\d{4}))?"
)
_PLACEHOLDER = re.compile(r"[\[\]{}]|\bNone\b|\bTODO\b|___|\bXX+\b")
# Words that belong to one setting: in a plan's spoken lines for the other setting they contradict the rotation
# ("after rounds" in a clinic, "between visits" on the wards).
_WRONG_FOR_SETTING = {
    "outpatient": re.compile(
        r"\b(?:on|before|after) (?:morning )?rounds\b|\bthe wards\b|rounds moving|\bon your service\b"
    ),
    "inpatient": re.compile(
        r"\bin (?:your |the )?clinic\b|\bbetween (?:visits|patients)\b|\bshort visit\b|\bafter clinic\b"
    ),
}
_DOUBLED = re.compile(r"(?<![.])\.\.(?![.])|,,|;;|::|\?\?|!!|\s[,.;:!?](?!\w)|[,;:]\.|\.,|,;|;,")


def _sayable(item: Item) -> str:
    """The part of an item a writer reads or hears (the applicant's tips and notes are left out)."""
    if item.kind == "helper":
        return item.text.split("\n(Shown to the applicant")[0]
    lines = [
        line
        for line in item.text.splitlines()
        if not line.startswith(("Tip:", "Caution shown:", "To:")) and "Note for the applicant" not in line
    ]
    return "\n".join(lines)


def problems(item: Item) -> list[str]:
    """What is wrong with one item; [] when every invariant holds."""
    found = []
    text = item.text
    if m := _PLACEHOLDER.search(text):
        found.append(f"placeholder {m.group(0)!r}")
    for line in text.splitlines():
        if m := _DOUBLED.search(line):
            found.append(f"doubled punctuation {m.group(0)!r} in: {line.strip()[:100]}")
    writer = item.writer
    if writer is not None:
        addressed = names.of(writer)
        for m in re.finditer(r"\bDear ([^,\n]+),", _sayable(item)):
            if m.group(1) not in (addressed, "Doctor"):
                found.append(f"salutation {m.group(0)!r}; expected 'Dear {addressed},'")
        parsed = names.parse(writer.name)
        if parsed.given and parsed.surname:
            for full in (f"{parsed.given} {parsed.surname},", f"Dr. {parsed.given} {parsed.surname}"):
                if item.kind != "helper" and full in _sayable(item):
                    found.append(f"full name in speech: {full!r}")
    if item.kind == "script" and (wrong := _WRONG_FOR_SETTING.get(item.setting)):
        for m in wrong.finditer(_sayable(item)):
            found.append(f"{m.group(0)!r} in a plan for an {item.setting} rotation")
    for m in _TO_MEET.finditer(_sayable(item)):
        month, day_, year = _MONTHS[m.group(1).lower()], int(m.group(2)), m.group(3)
        when = date(int(year) if year else item.as_of.year, month, day_)
        if not year and when < item.as_of - timedelta(days=180):
            when = date(when.year + 1, month, day_)
        if when < item.as_of:
            found.append(f"past date to meet: {m.group(0)!r} on {item.as_of}")
    if item.helper is not None:
        fitted = documents.fit_to_page(item.helper, lambda c: True)
        for key in ("patient_care", "initiative", "communication", "other"):
            for line in fitted.sections.get(key, ()):
                if not coach.assess(line).specific or line in GENERIC_STORIES:
                    found.append(f"generic story on the helper: {line[:80]!r}")
        if item.pdf is not None:
            found += _pdf_problems(item.pdf)
    if item.eml is not None and writer is not None:
        msg = BytesParser(policy=policy.default).parsebytes(item.eml)
        to = [a.addr_spec for a in msg["To"].addresses] if msg["To"] else []
        if to != [writer.email]:
            found.append(f".eml goes to {to}, not {writer.email}")
        if msg["From"].addresses[0].addr_spec != SENDER_EMAIL:
            found.append(f".eml is from {msg['From']}")
        target = unquote(urlsplit(item.mailto).path)
        if target != writer.email:
            found.append(f"mailto goes to {target!r}, not {writer.email}")
    return found


def _pdf_problems(pdf: bytes) -> list[str]:
    try:
        from pypdf import PdfReader
    except ImportError:  # make gallery without the test tools: the page count is checked by the tests
        return []
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    return [] if pages == 1 else [f"helper PDF has {pages} pages"]


# --- The page ------------------------------------------------------------------------------------------------

_CSS = """
body{font:15px/1.5 system-ui,sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
h2{margin-top:3rem;border-top:2px solid #ccd;padding-top:1rem;font-size:1.15rem}
h3{font-size:1rem;margin:1.5rem 0 .3rem}
pre{white-space:pre-wrap;background:#f6f7f9;border:1px solid #e1e4e8;border-radius:6px;padding:.8rem;
font:14px/1.5 system-ui,sans-serif}
.meta{color:#57606a;font-size:.85rem}.bad{background:#ffebe9;border-color:#d1242f}
nav li{margin:.1rem 0}
"""


def write(items: list[Item], out: Path, today: date) -> Path:
    (out / "pdf").mkdir(parents=True, exist_ok=True)
    (out / "eml").mkdir(parents=True, exist_ok=True)
    sections: dict[str, list[Item]] = {}
    for item in items:
        sections.setdefault(item.section, []).append(item)
        for path in item.files:
            (out / path).write_bytes(item.pdf if path.endswith(".pdf") else item.eml)
    parts = [
        f"<!doctype html><html lang='en'><meta charset='utf-8'><title>LORforge gallery</title>"
        f"<style>{_CSS}</style><h1>LORforge gallery</h1>"
        f"<p class='meta'>Every script, email and one-page helper for {len(sections)} rotations, as of "
        f"{dates.long_day(today)}. {len(items)} items.</p><nav><ol>"
    ]
    anchors = {name: f"s{i}" for i, name in enumerate(sections)}
    parts += [f"<li><a href='#{anchors[name]}'>{html.escape(name)}</a></li>" for name in sections]
    parts.append("</ol></nav>")
    for name, group in sections.items():
        parts.append(f"<h2 id='{anchors[name]}'>{html.escape(name)}</h2>")
        for item in group:
            bad = problems(item)
            links = " ".join(f"<a href='{html.escape(p)}'>{html.escape(p.split('/')[-1])}</a>" for p in item.files)
            parts.append(
                f"<h3>{html.escape(item.title)}</h3><p class='meta'>{item.kind} · as of "
                f"{dates.day(item.as_of, year=True)} {links}</p>"
            )
            if bad:
                parts.append("<p class='meta bad'>" + html.escape("; ".join(bad)) + "</p>")
            parts.append(f"<pre{' class=bad' if bad else ''}>{html.escape(item.text)}</pre>")
    page = out / "index.html"
    page.write_text("".join(parts) + "</html>\n", encoding="utf-8")
    return page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="build/gallery", type=Path)
    parser.add_argument(
        "--today",
        default="2026-11-24",
        type=date.fromisoformat,
        help="the day the gallery is written for (default: 2026-11-24)",
    )
    parser.add_argument("--small", action="store_true", help="the reduced matrix the tests use")
    args = parser.parse_args(argv)
    items = build(args.today, small=args.small, out=args.out)
    bad = [(item, p) for item in items for p in problems(item)]
    for item, problem in bad:
        print(f"{item.section} · {item.title}: {problem}", file=sys.stderr)
    print(
        f"Wrote {args.out / 'index.html'}: {len(items)} items, "
        f"{sum(1 for i in items if i.pdf)} helper PDFs, {sum(1 for i in items if i.eml)} emails; "
        f"{len(bad)} problems."
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
