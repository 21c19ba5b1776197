"""The one-page "LOR helper": bite-sized, specific stories a busy writer can reuse.

``helper_content`` picks, from the applicant's records, what goes on the page
for one writer:

- only stories the specificity coach (``core.coach``) judges specific; the rest
  are listed in ``left_out`` with the coach's hint, for the applicant to see;
- stories are grouped by what they show (their first quality: patient care and
  reasoning, initiative and reliability, communication and teamwork, growth);
- feedback is written to the writer in the second person ("Your advice on Jan 12:
  “…” — what I changed: …"), compliments likewise;
- items are never cut: an item too long for a one-page list is left out (and
  listed, so it can be shortened), and a full page drops whole items, the
  lowest-ranked first, then whole sections, least useful first.

The page is bullets only, under a short header, and always exactly one US Letter
page. The writer never logs in, so nothing says "more online".

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
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from lorforge.core import coach, dates, names, privacy
from lorforge.core.privacy.memo import find_phi_memo
from lorforge.core.records import Applicant, Compliment, Feedback, Person, Rotation, Story
from lorforge.core.specialties import display_name

# The coach's verdicts kept for the texts it read last: the helper reads the same stories on every page that shows
# it (a verdict is a frozen record; the coach's answer depends on the text alone).
_assess = lru_cache(maxsize=4096)(coach.assess)

MAX_ITEMS_PER_SECTION = 5
MAX_ITEM_CHARS = 320  # longer entries are left out (and listed), never cut
MAX_HEADER_CHARS = 90

PAGE_WIDTH_PT, PAGE_HEIGHT_PT = 612.0, 792.0  # US Letter
MARGIN_X_PT, MARGIN_Y_PT = 54.0, 50.0
BULLET_INDENT_PT = 14.0
DOCX_FONT = "Calibri"
DOCX_CHAR_WIDTH_EM = 0.55
DOCX_SAFETY_PT = 36.0


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

# Section key, heading, in page order.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("patient_care", "Patient care and clinical reasoning"),
    ("initiative", "Initiative and reliability"),
    ("communication", "Communication and teamwork"),
    ("growth", "Your feedback and what I changed"),
    ("other", "More from the rotation"),
    ("compliments", "Kind words during the rotation"),
    ("materials", "Materials with this email"),
)
HEADINGS: dict[str, str] = dict(SECTIONS)
# Whole sections are given up in this order when even one item each does not fit.
DROP_ORDER: tuple[str, ...] = (
    "materials",
    "other",
    "compliments",
    "communication",
    "initiative",
    "growth",
    "patient_care",
)
# A story goes to the section of its first quality.
QUALITY_SECTION: dict[str, str] = {
    "clinical_reasoning": "patient_care",
    "patient_safety": "patient_care",
    "work_ethic": "initiative",
    "reliability": "initiative",
    "communication": "communication",
    "fit": "communication",
    "teachability": "growth",
}


@dataclass(frozen=True)
class LeftOut:
    """An entry kept off the page, with why and what would get it on."""

    kind: str  # "story", "feedback" or "compliment"
    text: str
    reason: str


@dataclass(frozen=True)
class HelperContent:
    applicant: Applicant
    writer: Person
    rotation: Rotation | None
    sections: dict[str, list[str]]  # section key -> items, best first
    materials: list[str] = field(default_factory=list)
    deadline: date | None = None
    left_out: tuple[LeftOut, ...] = ()
    letter_id: str = ""  # the ERAS Letter ID for this writer's letter
    waiver: str = ""  # core.eras.WAIVED / NOT_WAIVED / "" (not chosen yet)

    def items(self, key: str) -> list[str]:
        return list(self.materials) if key == "materials" else list(self.sections.get(key, ()))


# --- Choosing the content -----------------------------------------------------------------


def helper_content(
    applicant: Applicant,
    writer: Person,
    rotation: Rotation | None,
    stories: Sequence[Story],
    feedback: Sequence[Feedback],
    compliments: Sequence[Compliment],
    deadline: date | None,
    *,
    materials: Sequence[str] | None = None,
    today: date | None = None,
    allow: Sequence[str] = (),
) -> HelperContent:
    """What goes on the page for ``writer``: what they saw first, then the rest of the rotation; only
    specific stories, each in the section of what it shows."""

    def relevant(who: Sequence[str], on: date) -> bool:
        return any(same_person(name, writer.name) for name in who) or _during(rotation, on)

    sections: dict[str, list[str]] = {key: [] for key, _ in SECTIONS if key != "materials"}
    left_out: list[LeftOut] = []
    for story in _ranked_stories([s for s in stories if relevant(s.witnesses, s.on)], writer):
        text = _clean(story.text)
        if not text:
            continue
        verdict = _assess(text)
        if not verdict.specific:
            left_out.append(LeftOut("story", text, verdict.hint))
            continue
        line = deidentify(text, today=today, allow=allow)
        if line is None:
            left_out.append(LeftOut("story", text, NOT_DEIDENTIFIED))
            continue
        if len(line) > MAX_ITEM_CHARS:
            left_out.append(LeftOut("story", text, _too_long()))
            continue
        sections[_section_of(text, tuple(story.qualities) or verdict.qualities)].append(line)

    chosen_feedback = sorted(
        (f for f in feedback if relevant((f.giver,), f.on) and f.said.strip()),
        key=lambda f: (not same_person(f.giver, writer.name), f.followed_up_on is None, f.on),
    )
    for f in chosen_feedback:
        line = _feedback_line(f, writer, today=today, allow=allow)
        if line is None:
            left_out.append(LeftOut("feedback", _clean(f.said), NOT_DEIDENTIFIED))
        elif len(line) > MAX_ITEM_CHARS + 80:
            left_out.append(LeftOut("feedback", _clean(f.said), _too_long()))
        else:
            sections["growth"].append(line)
    chosen_compliments = sorted(
        (c for c in compliments if relevant((c.giver,), c.on) and c.text.strip()),
        key=lambda c: (not same_person(c.giver, writer.name), c.on),
    )
    for c in chosen_compliments:
        line = _compliment_line(c, writer, today=today, allow=allow)
        if line is None:
            left_out.append(LeftOut("compliment", _clean(c.text), NOT_DEIDENTIFIED))
        elif len(line) > MAX_ITEM_CHARS:
            left_out.append(LeftOut("compliment", _clean(c.text), _too_long()))
        else:
            sections["compliments"].append(line)
    return HelperContent(
        applicant=applicant,
        writer=writer,
        rotation=rotation,
        sections={key: _dedupe(items)[:MAX_ITEMS_PER_SECTION] for key, items in sections.items()},
        materials=list(materials) if materials is not None else ["Updated CV", "Personal statement draft"],
        deadline=deadline,
        left_out=tuple(left_out),
    )


_TEAM_WORDS = re.compile(r"\b(talk|lecture|taught|teach\w*|journal club|noon conference)\b", re.IGNORECASE)


def _section_of(text: str, qualities: tuple[str, ...]) -> str:
    """The section of the story's first quality; a talk or teaching for the team is never patient care."""
    section = QUALITY_SECTION.get(qualities[0], "other") if qualities else "other"
    if section == "patient_care" and _TEAM_WORDS.search(text):
        return "initiative"
    return section


def _too_long() -> str:
    return (
        f"Too long for a one-page list: shorten it to one or two sentences (under {MAX_ITEM_CHARS} "
        "characters) and it goes on the page."
    )


def same_person(a: str, b: str) -> bool:
    """ "Dr. Smith", "Sarah Smith, MD" and "dr sarah smith" are the same person."""
    ta, tb = _name_tokens(a), _name_tokens(b)
    return bool(ta and tb) and (ta <= tb or tb <= ta)


@lru_cache(maxsize=1024)
def _name_tokens(name: str) -> frozenset[str]:
    name = unicodedata.normalize("NFC", names.full_name(name)).casefold()
    words = re.findall(r"\w+", name.split(",")[0])
    return frozenset(w for w in words if w not in ("dr", "prof", "professor", "mr", "mrs", "ms", "mx", "md"))


def _during(rotation: Rotation | None, on: date) -> bool:
    return rotation is not None and rotation.start <= on <= rotation.end


def _ranked_stories(stories: Sequence[Story], writer: Person) -> list[Story]:
    def rank(s: Story) -> tuple:
        saw = any(same_person(name, writer.name) for name in s.witnesses)
        return (not saw, not s.visible, -len(s.qualities), s.on)

    return sorted(stories, key=rank)


def _quoted(text: str) -> str:
    return f"“{_clean(text)}”"


def _quoted_sentence(text: str) -> str:
    """Typed words quoted at the end of a sentence: “Much better, keep it up.” The words stay as typed; only a
    missing full stop is added, inside the closing quote as US usage puts it."""
    return _quoted(_sentence(text))


def _feedback_line(f: Feedback, writer: Person, *, today: date | None = None, allow: Sequence[str] = ()) -> str | None:
    """ "Your advice on Jan 12: “Keep it under two minutes.” — what I changed: I start with a one-line
    assessment. I showed you the change on Jan 19, and you said “Much better.”" Typed text is quoted or
    used as typed, through the privacy guard (None when it cannot be sent); only a missing full stop is added
    at the end of a sentence."""
    typed = [deidentify(_clean(t), today=today, allow=allow) for t in (f.said, f.change, f.reaction)]
    if any(t is None for t in typed):
        return None
    said, change, reaction = typed
    own = same_person(f.giver, writer.name)
    giver = names.full_name(f.giver)
    quote = _quoted(said) if change else _quoted_sentence(said)
    head = (
        f"Your advice on {_short_day(f.on)}: {quote}" if own else f"Advice from {giver} on {_short_day(f.on)}: {quote}"
    )
    parts = [head]
    if change:
        parts[0] += f" — what I changed: {_sentence(change)}"
    if f.followed_up_on:
        tail = (
            f"I showed you the change on {_short_day(f.followed_up_on)}"
            if own
            else f"I checked back with {giver} on {_short_day(f.followed_up_on)}"
        )
        if reaction:
            tail += f", and {'you' if own else 'they'} said {_quoted_sentence(reaction)}"
        parts.append(_sentence(tail))
    return " ".join(parts)


def _sentence(text: str) -> str:
    """``text`` as a sentence: a full stop only when it ends without one (or ! ? … or a closing quote)."""
    text = _clean(text)
    if not text or text.endswith((".", "!", "?", "…", "”", '"', ")")):
        return text
    return text.rstrip(",;:") + "."


def _compliment_line(
    c: Compliment, writer: Person, *, today: date | None = None, allow: Sequence[str] = ()
) -> str | None:
    text = deidentify(_clean(c.text), today=today, allow=allow)
    if text is None:
        return None
    if same_person(c.giver, writer.name):
        return f"You said on {_short_day(c.on)}: {_quoted_sentence(text)}"
    return f"{names.full_name(c.giver)}, on {_short_day(c.on)}: {_quoted_sentence(text)}"


def _short_day(d: date) -> str:
    return dates.day(d)


def _dedupe(lines) -> list[str]:
    seen: set[str] = set()
    out = []
    for line in lines:
        key = line.casefold()
        if line and key not in seen:
            seen.add(key)
            out.append(line)
    return out


def deidentify(text: str, *, today: date | None = None, allow: Sequence[str] = ()) -> str | None:
    """``text`` as the privacy guard leaves it for an attending to read, or None when it cannot.

    Patient names become the guard's own words ("the patient"); any other identifier the guard finds (a date,
    a record number, a place, a phone number) would leave a gap in the sentence, so the line is not sent at
    all and the applicant is told why. ``allow`` holds the words the applicant chose to keep.
    """
    findings = find_phi_memo(text, allow=allow, today=today)
    if any(f.kind != "name" for f in findings):
        return None
    return privacy.redact(text, findings)


NOT_DEIDENTIFIED = (
    "It seems to name a date, a number or a place that could identify a patient: "
    "edit it on the Evidence page to send it."
)


def _clean(text: str) -> str:
    """One tidy line: NFC-composed (so "ễ" is one glyph), no control characters, single spaces."""
    return _SPACES.sub(" ", _UNPRINTABLE.sub(" ", unicodedata.normalize("NFC", text or ""))).strip()


# Unicode's control (Cc), surrogate (Cs) and private-use (Co) characters, by their fixed code point ranges.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
_SPACES = re.compile(r"\s+")


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, ending with "…" when cut.
    Used for the header's name and rotation only: items are never cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
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
    header = shorten(names.full_name(a.name), MAX_HEADER_CHARS) or "Applicant"
    meta = []
    ids = [
        f"AAMC ID: {_clean(a.aamc_id)}" if a.aamc_id.strip() else "",
        f"Applying to: {display_name(a.specialty)}" if a.specialty.strip() else "",
    ]
    if any(ids):
        meta.append(shorten(" · ".join(i for i in ids if i), 2 * MAX_HEADER_CHARS))
    if rot:
        place = ", ".join(p for p in (_rotation_name(rot), _clean(rot.site)) if p)
        meta.append(
            shorten(f"Rotation: {place} · {dates.date_range(rot.start, rot.end, year=True)}", 2 * MAX_HEADER_CHARS)
        )
    writer = f"Prepared for: {shorten(names.written_name(content.writer), MAX_HEADER_CHARS)}"
    if content.deadline:
        writer += f" · Letter needed by {dates.day(content.deadline, year=True)}"
    meta.append(writer)
    eras_meta = [
        f"ERAS Letter ID: {_clean(content.letter_id)}" if content.letter_id.strip() else "",
        _waiver_words(content.waiver),
    ]
    if any(eras_meta):
        meta.append(shorten(" · ".join(m for m in eras_meta if m), 2 * MAX_HEADER_CHARS))

    blocks = [
        Block("title", header),
        *(Block("meta", m) for m in meta),
        Block("intro", "A short summary of my work on your team, to save you time when you write."),
    ]
    for key, heading in SECTIONS:
        items = [i for i in (_clean(x) for x in content.items(key)) if i]
        if items:
            blocks.append(Block("heading", heading))
            blocks.extend(Block("bullet", item) for item in items)
    blocks.append(
        Block(
            "closing",
            "Thank you for your teaching. These notes are only a memory aid: use as much or as little as helps.",
        )
    )
    return blocks


def _waiver_words(waiver: str) -> str:
    from lorforge.core.eras import waiver_sentence

    return waiver_sentence(waiver).rstrip(".")


def _rotation_name(rot: Rotation) -> str:
    kind = rot.kind.replace("_", "-")
    return f"{display_name(rot.specialty)} {kind}".strip() if rot.specialty.strip() else kind.capitalize()


def _with_items(content: HelperContent, key: str, items: list[str]) -> HelperContent:
    if key == "materials":
        return replace(content, materials=items)
    return replace(content, sections={**content.sections, key: items})


def fit_to_page(content: HelperContent, fits: Callable[[HelperContent], bool]) -> HelperContent:
    """``content`` with whole items, then whole sections, left out until ``fits`` says it fits the page.
    Nothing is ever cut mid-sentence."""
    keys = [k for k, _ in SECTIONS]
    content = replace(
        content,
        sections={k: list(content.sections.get(k, ()))[:MAX_ITEMS_PER_SECTION] for k in keys if k != "materials"},
    )
    while not fits(content):
        fullest = max(keys, key=lambda k: (len(content.items(k)), DROP_ORDER.index(k) * -1))
        if len(content.items(fullest)) > 1:
            content = _with_items(content, fullest, content.items(fullest)[:-1])
            continue
        least = next((k for k in DROP_ORDER if content.items(k)), None)
        if least is None:
            break  # only the header is left, and it is kept short enough to fit
        content = _with_items(content, least, [])
    return content


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
            measured[block] = len(
                pdf.multi_cell(
                    width - style.indent, style.line, block.text, dry_run=True, output=MethodReturnValue.LINES
                )
            )
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
        pdf.multi_cell(width - style.indent, style.line, block.text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
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


# Scripts Open Sans lacks (Arabic, Hebrew, …) fall back to DejaVu Sans when the system has it; right-to-left
# text is shaped only when uharfbuzz is installed (fpdf2's text shaping), else it is drawn unshaped.
FALLBACK_FONTS = (Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),)


def _add_fonts(pdf) -> None:
    import ttf_opensans

    for style, font in (
        ("", ttf_opensans.OPENSANS_REGULAR),
        ("B", ttf_opensans.OPENSANS_BOLD),
        ("I", ttf_opensans.OPENSANS_ITALIC),
        ("BI", ttf_opensans.OPENSANS_BOLDITALIC),
    ):
        pdf.add_font("OpenSans", style, str(font.path))
    fallback = next((path for path in FALLBACK_FONTS if path.is_file()), None)
    if fallback is not None:
        pdf.add_font("Fallback", "", str(fallback))
        pdf.set_fallback_fonts(["Fallback"], exact_match=False)
    try:
        import uharfbuzz  # noqa: F401
    except ImportError:
        return
    pdf.set_text_shaping(True)


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
