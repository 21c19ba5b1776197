"""The one-page "LOR helper": bite-sized stories a busy writer can reuse.

``helper_content`` picks, from the applicant's records, what goes on the page
for one writer; the renderers turn it into Markdown, PDF or DOCX. The page is
bullets only, under a short header, and always exactly one US Letter page:
items are first capped (``MAX_ITEMS_PER_SECTION``, ``MAX_ITEM_CHARS``), then,
while the page is too full, the fullest section loses its last (lowest-ranked)
item, then every item is shortened with an ellipsis, then whole sections go,
least useful first. The writer never logs in, so nothing says "more online".

PDF: measured exactly with fpdf2's own line breaking (Open Sans from the
``ttf-opensans`` package, which covers Vietnamese, Turkish, Polish and other
Latin scripts).
DOCX: Word lays out pages itself, so the page is kept to a budget instead.
Every paragraph has an exact line height and fixed spacing (see ``STYLES``);
text is wrapped at a deliberately low characters-per-line count (a character
is taken as ``DOCX_CHAR_WIDTH_EM`` of the font size, wider than Calibri's or
Arial's average); and the total must stay within the page's writable height
minus ``DOCX_SAFETY_PT``. Real text therefore wraps into fewer lines than budgeted.
"""

from __future__ import annotations

import io
import re
import textwrap
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from lorforge.core.letters import salutation
from lorforge.core.records import Applicant, Compliment, Feedback, Person, Rotation, Story
from lorforge.core.specialties import display_name

MAX_ITEMS_PER_SECTION = 5
MAX_ITEM_CHARS = 230
MIN_ITEM_CHARS = 70
MAX_HEADER_CHARS = 90

PAGE_WIDTH_PT, PAGE_HEIGHT_PT = 612.0, 792.0  # US Letter
MARGIN_X_PT, MARGIN_Y_PT = 54.0, 50.0
BULLET_INDENT_PT = 14.0
DOCX_FONT = "Calibri"
DOCX_CHAR_WIDTH_EM = 0.55
DOCX_SAFETY_PT = 36.0

PATIENT_QUALITIES = frozenset({"clinical_reasoning", "patient_safety"})
# Care of a particular patient, as opposed to initiative for the team ("gave a talk", "stayed late").
_PATIENT_WORDS = re.compile(
    r"\b(patients?|pt|mr|mrs|ms|admi(?:t|tted|ssion)|diagnos\w*|differential|labs?|exam|"
    r"discharge\w*|consult\w*|doses?|medications?|meds|reconciliation|orders?)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Style:
    size: float  # font size, pt
    line: float  # exact line height, pt
    before: float = 0.0  # space before, pt
    after: float = 0.0  # space after, pt
    bold: bool = False
    italic: bool = False
    indent: float = 0.0  # left indent of the text, pt


STYLES: dict[str, Style] = {
    "title": Style(16, 20, after=2, bold=True),
    "meta": Style(10, 13, after=1),
    "intro": Style(10, 13, before=5, after=2, italic=True),
    "heading": Style(11.5, 15, before=8, after=2, bold=True),
    "bullet": Style(10, 13, after=2, indent=BULLET_INDENT_PT),
    "closing": Style(10, 13, before=9, italic=True),
}


@dataclass(frozen=True)
class HelperContent:
    applicant: Applicant
    writer: Person
    rotation: Rotation | None
    patients_followed: list[str]
    initiative: list[str]
    feedback_and_growth: list[str]
    compliments: list[str]
    materials: list[str]
    deadline: date | None = None


# Section field, heading; listed from most to least useful to a writer, which is also the
# order in which whole sections are given up when even one short item each does not fit.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("initiative", "Examples of initiative"),
    ("patients_followed", "Patients I followed closely"),
    ("feedback_and_growth", "Your feedback and what I changed"),
    ("compliments", "Kind words during the rotation"),
    ("materials", "Materials with this email"),
)
_PAGE_ORDER = ("patients_followed", "initiative", "feedback_and_growth", "compliments", "materials")


# --- Dates as shown to writers ------------------------------------------------------------

def format_day(d: date) -> str:
    return f"{d:%b} {d.day}, {d.year}"


def format_range(start: date, end: date) -> str:
    """ "Jan 5–30, 2026", "Jan 26 – Feb 20, 2026" or "Dec 29, 2025 – Jan 23, 2026"."""
    if start == end:
        return format_day(start)
    if start.year != end.year:
        return f"{format_day(start)} – {format_day(end)}"
    if start.month != end.month:
        return f"{start:%b} {start.day} – {end:%b} {end.day}, {end.year}"
    return f"{start:%b} {start.day}–{end.day}, {end.year}"


# --- Choosing the content -----------------------------------------------------------------

def helper_content(applicant: Applicant, writer: Person, rotation: Rotation | None, stories: Sequence[Story],
                   feedback: Sequence[Feedback], compliments: Sequence[Compliment], deadline: date | None,
                   *, materials: Sequence[str] | None = None) -> HelperContent:
    """What goes on the page for ``writer``: what they saw first, then the rest of the rotation."""
    def relevant(who: Sequence[str], on: date) -> bool:
        return any(same_person(name, writer.name) for name in who) or _during(rotation, on)

    patients: list[str] = []
    initiative: list[str] = []
    for story in _ranked_stories([s for s in stories if relevant(s.witnesses, s.on)], writer):
        line = deidentify(_clean(story.text))
        if line:
            (patients if _about_a_patient(story) else initiative).append(line)

    chosen_feedback = sorted(
        (f for f in feedback if relevant((f.giver,), f.on) and f.said.strip()),
        key=lambda f: (not same_person(f.giver, writer.name), f.followed_up_on is None, f.on))
    chosen_compliments = sorted(
        (c for c in compliments if relevant((c.giver,), c.on) and c.text.strip()),
        key=lambda c: (not same_person(c.giver, writer.name), c.on))
    return HelperContent(
        applicant=applicant,
        writer=writer,
        rotation=rotation,
        patients_followed=_dedupe(patients)[:MAX_ITEMS_PER_SECTION],
        initiative=_dedupe(initiative)[:MAX_ITEMS_PER_SECTION],
        feedback_and_growth=_dedupe(_feedback_line(f, writer) for f in chosen_feedback)[:MAX_ITEMS_PER_SECTION],
        compliments=_dedupe(_compliment_line(c, writer) for c in chosen_compliments)[:MAX_ITEMS_PER_SECTION],
        materials=list(materials) if materials is not None else ["Updated CV", "Personal statement draft"],
        deadline=deadline,
    )


def same_person(a: str, b: str) -> bool:
    """ "Dr. Smith", "Sarah Smith, MD" and "dr sarah smith" are the same person."""
    ta, tb = _name_tokens(a), _name_tokens(b)
    return bool(ta and tb) and (ta <= tb or tb <= ta)


def _name_tokens(name: str) -> set[str]:
    name = unicodedata.normalize("NFC", name.split(",")[0]).casefold()
    words = re.findall(r"\w+", name)
    return {w for w in words if w not in ("dr", "prof", "professor", "mr", "mrs", "ms", "md")}


def _during(rotation: Rotation | None, on: date) -> bool:
    return rotation is not None and rotation.start <= on <= rotation.end


def _ranked_stories(stories: Sequence[Story], writer: Person) -> list[Story]:
    def rank(s: Story) -> tuple:
        saw = any(same_person(name, writer.name) for name in s.witnesses)
        return (not saw, not s.visible, s.specific is False, -len(s.qualities), s.on)
    return sorted(stories, key=rank)


def _about_a_patient(story: Story) -> bool:
    """Patient care when the text is about a patient's care, or is tagged as reasoning or safety without
    a word that says otherwise ("talk", "teach"): a talk to the team is initiative whatever its tags."""
    if _PATIENT_WORDS.search(story.text):
        return True
    return bool(story.qualities) and story.qualities[0] in PATIENT_QUALITIES and not _TEAM_WORDS.search(story.text)


_TEAM_WORDS = re.compile(r"\b(talk|lecture|taught|teach\w*|presentation|journal club|noon conference)\b",
                         re.IGNORECASE)


def _feedback_line(f: Feedback, writer: Person) -> str:
    own = same_person(f.giver, writer.name)
    line = f"{'Your advice' if own else _clean(f.giver)} ({_short_day(f.on)}): “{_sentence(f.said)}”"
    if f.change.strip():
        line += f" What I changed: {_sentence(_lower_first(_clean(f.change)))}"
    if f.followed_up_on:
        line += f" Checked back with {'you' if own else 'them'} on {_short_day(f.followed_up_on)}"
        line += f": “{_sentence(f.reaction)}”" if f.reaction.strip() else "."
    return deidentify(line)


def _sentence(text: str) -> str:
    """``text`` as one tidy sentence ending in a full stop, unless it already ends in punctuation."""
    text = _clean(text)
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def _lower_first(text: str) -> str:
    """ "Keep it short" → "keep it short", but "ICU" and "SBAR" stay as they are."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _compliment_line(c: Compliment, writer: Person) -> str:
    who = "you" if same_person(c.giver, writer.name) else _clean(c.giver)
    return deidentify(f"“{_sentence(c.text)}” ({who}, {_short_day(c.on)})")


def _short_day(d: date) -> str:
    return f"{d:%b} {d.day}"


def _dedupe(lines) -> list[str]:
    seen: set[str] = set()
    out = []
    for line in lines:
        key = line.casefold()
        if line and key not in seen:
            seen.add(key)
            out.append(line)
    return out


_PATIENT_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+[A-Z][\w-]*(?:['’][A-Z][\w-]*)?")  # O'Neil, not Lee's
_RECORD_NUMBER = re.compile(r"\b(?:MRN|medical record(?: number)?)\s*#?:?\s*[\w-]+|\b\d{6,}\b", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b")
_ROOM = re.compile(r"\b(?:room|rm|bed)\s*#?\s*\d+[A-Za-z]?\b", re.IGNORECASE)


def deidentify(text: str) -> str:
    """Remove the identifiers that slip into notes most often: patient names, record numbers, dates, rooms.

    A light pass for this page; the application's privacy guard is the real check before download.
    """
    text = _PATIENT_NAME.sub("a patient", text)
    text = _RECORD_NUMBER.sub("", text)
    text = _NUMERIC_DATE.sub("", text)
    text = _ROOM.sub("the room", text)
    text = re.sub(r"\(\s*\)|\[\s*\]", "", text)  # brackets left empty
    return re.sub(r"\s+([,.;:)])", r"\1", re.sub(r"\s{2,}", " ", text)).strip().rstrip(",;:").strip()


def _clean(text: str) -> str:
    """One tidy line: NFC-composed (so "ễ" is one glyph), no control characters, single spaces."""
    text = unicodedata.normalize("NFC", text or "")
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cs", "Co") else ch for ch in text)
    return re.sub(r"\s+", " ", text).strip()


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, ending with "…" when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–—") + "…"


# --- Fitting one page ---------------------------------------------------------------------

@dataclass(frozen=True)
class Block:
    kind: str  # a key of STYLES
    text: str


def page_blocks(content: HelperContent) -> list[Block]:
    """The page from top to bottom; empty sections are left out."""
    a, rot = content.applicant, content.rotation
    header = shorten(_clean(a.name), MAX_HEADER_CHARS) or "Applicant"
    meta = []
    ids = [f"AAMC ID: {_clean(a.aamc_id)}" if a.aamc_id.strip() else "",
           f"Applying to: {display_name(a.specialty)}" if a.specialty.strip() else ""]
    if any(ids):
        meta.append(shorten(" · ".join(i for i in ids if i), 2 * MAX_HEADER_CHARS))
    if rot:
        place = ", ".join(p for p in (_rotation_name(rot), _clean(rot.site)) if p)
        meta.append(shorten(f"Rotation: {place} · {format_range(rot.start, rot.end)}", 2 * MAX_HEADER_CHARS))
    writer = f"Prepared for: {shorten(_clean(content.writer.name), MAX_HEADER_CHARS)}"
    if content.deadline:
        writer += f" · Letter needed by {format_day(content.deadline)}"
    meta.append(writer)

    addressed = shorten(_clean(salutation(content.writer)), MAX_HEADER_CHARS)
    blocks = [Block("title", header), *(Block("meta", m) for m in meta),
              Block("intro", f"A short summary of my work with {addressed}, to save time when you write.")]
    for field in _PAGE_ORDER:
        items = [i for i in (_clean(x) for x in getattr(content, field)) if i]
        if items:
            blocks.append(Block("heading", dict(SECTIONS)[field]))
            blocks.extend(Block("bullet", item) for item in items)
    blocks.append(Block("closing", "Thank you for your teaching. These notes are only here to help: "
                                   "please use or ignore any of it."))
    return blocks


def _rotation_name(rot: Rotation) -> str:
    kind = rot.kind.replace("_", "-")
    return f"{display_name(rot.specialty)} {kind}".strip() if rot.specialty.strip() else kind.capitalize()


def fit_to_page(content: HelperContent, fits: Callable[[HelperContent], bool]) -> HelperContent:
    """``content`` trimmed, step by step, until ``fits`` says it fits on the page."""
    limit = MAX_ITEM_CHARS
    content = _limit_items(content, limit)
    while not fits(content):
        fullest = max((f for f, _ in SECTIONS), key=lambda f: (len(getattr(content, f)), _drop_rank(f)))
        if len(getattr(content, fullest)) > 1:
            content = replace(content, **{fullest: getattr(content, fullest)[:-1]})
        elif limit > MIN_ITEM_CHARS:
            limit = max(MIN_ITEM_CHARS, limit - 40)
            content = _limit_items(content, limit)
        else:
            least = next((f for f, _ in reversed(SECTIONS) if getattr(content, f)), None)
            if least is None:
                break  # only the header is left, and it is kept short enough to fit
            content = replace(content, **{least: []})
    return content


def _drop_rank(field: str) -> int:
    """Ties between equally full sections go to the less useful one."""
    return [f for f, _ in SECTIONS].index(field)


def _limit_items(content: HelperContent, limit: int) -> HelperContent:
    def limited(items: Sequence[str]) -> list[str]:
        out: list[str] = []
        for item in items:
            if len(out) == MAX_ITEMS_PER_SECTION:
                break
            if text := _clean(item):
                out.append(shorten(text, limit))
        return out

    return replace(content, **{field: limited(getattr(content, field)) for field, _ in SECTIONS})


# --- Markdown -----------------------------------------------------------------------------

def render_markdown(content: HelperContent) -> str:
    """The same page as Markdown, trimmed to the DOCX budget so all formats say the same."""
    content = fit_to_page(content, _fits_docx_budget)
    out: list[str] = []
    for block in page_blocks(content):
        text = _md_escape(block.text)
        if block.kind == "title":
            out.append(f"# {text}\n")
        elif block.kind == "meta":
            out.append(f"{text}  ")
        elif block.kind == "intro":
            out.append(f"\n*{text}*")
        elif block.kind == "heading":
            out.append(f"\n## {text}\n")
        elif block.kind == "bullet":
            out.append(f"- {text}")
        else:
            out.append(f"\n*{text}*")
    return "\n".join(out).rstrip() + "\n"


def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#])", r"\\\1", text)


# --- PDF ----------------------------------------------------------------------------------

def render_pdf(content: HelperContent) -> bytes:
    """A one-page US Letter PDF with embedded Open Sans and title/author metadata."""
    # fpdf2 and python-docx are imported where used: they are slow to import, and the
    # date helpers above are needed by modules that never render a document.
    from fpdf import FPDF
    from fpdf.enums import MethodReturnValue, XPos, YPos

    pdf = FPDF(unit="pt", format="letter")
    _add_fonts(pdf)
    pdf.set_margins(MARGIN_X_PT, MARGIN_Y_PT, MARGIN_X_PT)
    pdf.set_auto_page_break(True, margin=MARGIN_Y_PT)
    pdf.add_page()
    width = PAGE_WIDTH_PT - 2 * MARGIN_X_PT
    available = PAGE_HEIGHT_PT - 2 * MARGIN_Y_PT

    measured: dict[Block, int] = {}  # fitting re-measures the same blocks many times

    def lines(block: Block) -> int:
        if block not in measured:
            style = STYLES[block.kind]
            pdf.set_font("OpenSans", _font_style(style), style.size)
            measured[block] = len(pdf.multi_cell(width - style.indent, style.line, block.text, dry_run=True,
                                                 output=MethodReturnValue.LINES))
        return measured[block]

    def fits(candidate: HelperContent) -> bool:
        return _height(page_blocks(candidate), lines) <= available

    content = fit_to_page(content, fits)
    a = content.applicant
    pdf.set_title(f"LOR helper – {_clean(a.name)}")
    pdf.set_author(_clean(a.name))
    pdf.set_subject(f"Summary for {_clean(content.writer.name)}")
    pdf.set_creator("LORforge")
    pdf.set_lang("en")
    for block in page_blocks(content):
        style = STYLES[block.kind]
        pdf.set_font("OpenSans", _font_style(style), style.size)
        if pdf.get_y() > MARGIN_Y_PT:
            pdf.set_y(pdf.get_y() + style.before)
        if block.kind == "bullet":
            pdf.set_x(MARGIN_X_PT + 2)
            pdf.cell(style.indent - 2, style.line, "•")
        pdf.set_x(MARGIN_X_PT + style.indent)
        pdf.multi_cell(width - style.indent, style.line, block.text, align="L",
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_y(pdf.get_y() + style.after)
    return bytes(pdf.output())


def _height(blocks: Sequence[Block], lines: Callable[[Block], int]) -> float:
    total = 0.0
    for i, block in enumerate(blocks):
        style = STYLES[block.kind]
        total += (style.before if i else 0.0) + lines(block) * style.line + style.after
    return total


def _font_style(style: Style) -> str:
    return ("B" if style.bold else "") + ("I" if style.italic else "")


def _add_fonts(pdf) -> None:
    import ttf_opensans

    for style, font in (("", ttf_opensans.OPENSANS_REGULAR), ("B", ttf_opensans.OPENSANS_BOLD),
                        ("I", ttf_opensans.OPENSANS_ITALIC), ("BI", ttf_opensans.OPENSANS_BOLDITALIC)):
        pdf.add_font("OpenSans", style, str(font.path))


# --- DOCX ---------------------------------------------------------------------------------

def docx_chars_per_line(style: Style) -> int:
    """A deliberately low estimate of how many characters Word fits on one line."""
    width = PAGE_WIDTH_PT - 2 * MARGIN_X_PT - style.indent
    return int(width / (style.size * DOCX_CHAR_WIDTH_EM))


def docx_budget_pt() -> float:
    return PAGE_HEIGHT_PT - 2 * MARGIN_Y_PT - DOCX_SAFETY_PT


def _docx_lines(block: Block) -> int:
    wrapped = textwrap.wrap(block.text, docx_chars_per_line(STYLES[block.kind]), break_long_words=True)
    return max(1, len(wrapped))


def _fits_docx_budget(content: HelperContent) -> bool:
    return _height(page_blocks(content), _docx_lines) <= docx_budget_pt()


def render_docx(content: HelperContent) -> bytes:
    """A one-page Word document, kept to the line budget described at the top of this module."""
    from docx import Document
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    content = fit_to_page(content, _fits_docx_budget)
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Pt(PAGE_WIDTH_PT), Pt(PAGE_HEIGHT_PT)
    section.left_margin = section.right_margin = Pt(MARGIN_X_PT)
    section.top_margin = section.bottom_margin = Pt(MARGIN_Y_PT)
    section.header_distance = section.footer_distance = Pt(MARGIN_Y_PT / 2)
    doc.styles["Normal"].font.name = DOCX_FONT

    for block in page_blocks(content):
        style = STYLES[block.kind]
        paragraph = doc.add_paragraph(style="List Bullet" if block.kind == "bullet" else None)
        fmt = paragraph.paragraph_format
        fmt.line_spacing = Pt(style.line)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.space_before, fmt.space_after = Pt(style.before), Pt(style.after)
        fmt.keep_together = True
        if block.kind == "bullet":
            fmt.left_indent, fmt.first_line_indent = Pt(style.indent), Pt(-style.indent)
        run = paragraph.add_run(block.text)
        run.font.name, run.font.size = DOCX_FONT, Pt(style.size)
        run.font.bold, run.font.italic = style.bold, style.italic

    a = content.applicant
    doc.core_properties.title = f"LOR helper – {_clean(a.name)}"
    doc.core_properties.author = _clean(a.name)
    doc.core_properties.subject = f"Summary for {_clean(content.writer.name)}"
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()

