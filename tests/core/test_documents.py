import io
import shutil
import subprocess
import textwrap
from datetime import date, timedelta

import docx
import pytest
from docx.enum.text import WD_LINE_SPACING
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from lorforge.core import coach
from lorforge.core.documents import (
    HEADINGS,
    MAX_ITEM_CHARS,
    HelperContent,
    deidentify,
    helper_content,
    render_docx,
    render_markdown,
    render_pdf,
    same_person,
    shorten,
)
from lorforge.core.records import Applicant, Compliment, Feedback, Person, Rotation, Story

APPLICANT = Applicant("Nguyễn Thị Hương", country="Vietnam", specialty="internal medicine", aamc_id="14567890")
WRITER = Person("Dr. Łukasz Yılmaz", role="attending")
ROTATION = Rotation(
    date(2026, 1, 5), date(2026, 1, 30), "inpatient", "sub_internship", "Internal Medicine", "Peña Community Hospital"
)
DEADLINE = date(2026, 9, 23)
NAMES = ("Nguyễn", "Yılmaz", "Łukasz", "Peña", "Çağlar", "Żółć")


def story(text, day=10, witnesses=("Dr. Yılmaz",), visible=True, qualities=("work_ethic",)):
    return Story(text, date(2026, 1, day), tuple(witnesses), visible, tuple(qualities), True)


def content(items_per_section: int, chars: int) -> HelperContent:
    line = ("Coordinated home oxygen with Çağlar Żółć from case management and called three families " * 40)[:chars]
    items = [f"{i}. {line}" for i in range(items_per_section)]
    sections = {key: list(items) for key in ("patient_care", "initiative", "growth", "compliments")}
    return HelperContent(APPLICANT, WRITER, ROTATION, sections, ["Updated CV", "Personal statement draft"], DEADLINE)


SIZES = [(0, 0), (1, 40), (3, 120), (5, 230), (12, 600), (60, 5000)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Explained the plan to Mr. Johnson in simple words", "Explained the plan to the patient in simple words"),
        ("walked mrs kaur to the bathroom with PT", "walked the patient to the bathroom with PT"),
        ("Presented Dr. Smith's case on rounds", "Presented Dr. Smith's case on rounds"),
        # Anything else the privacy guard finds would leave a gap in the sentence: the line is not sent.
        ("Reviewed Mrs Lee's labs (MRN 00123456) before rounds", None),
        ("Called the family on 01/14/2026 about discharge", None),
        ("Called the family on feb 2nd about discharge", None),
        ("Arranged a ride home to Hialeah for the patient", None),
        ("Called her daughter at 555-0142 after the meeting", None),
    ],
)
def test_deidentify_goes_through_the_privacy_guard(text, expected):
    assert deidentify(text, today=date(2026, 11, 26)) == expected


def test_lines_the_guard_cannot_clean_are_left_out_with_the_reason():
    from lorforge.core.documents import NOT_DEIDENTIFIED

    stories = [
        story("Called the family on 01/14/2026 to explain the discharge plan and answered their questions", day=14),
        story("Explained the insulin plan to Mr. Johnson with teach-back while Dr. Yılmaz watched", day=15),
    ]
    c = helper_content(APPLICANT, WRITER, ROTATION, stories, [], [], DEADLINE, today=date(2026, 1, 30))
    sent = [item for items in c.sections.values() for item in items]
    assert not any("01/14/2026" in item for item in sent)
    assert any("to the patient with teach-back" in item for item in sent)
    assert [(o.kind, o.reason) for o in c.left_out if "discharge plan" in o.text] == [("story", NOT_DEIDENTIFIED)]
    # A word the applicant chose to keep is not an identifier.
    kept = helper_content(APPLICANT, WRITER, ROTATION, stories[1:], [], [], DEADLINE, allow=["Johnson"])
    assert any("Mr. Johnson" in item for items in kept.sections.values() for item in items)


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Dr. Smith", "Dr. Sarah Smith", True),
        ("Sarah Smith, MD", "dr sarah smith", True),
        ("Dr. Yılmaz", "Dr. Łukasz Yılmaz", True),
        ("Dr. Smith", "Dr. Jones", False),
        ("", "Dr. Smith", False),
    ],
)
def test_same_person(a, b, same):
    assert same_person(a, b) == same


@pytest.mark.parametrize(
    "text, limit, expected",
    [
        ("short", 10, "short"),
        ("called three families personally", 20, "called three…"),
        ("x" * 30, 10, "xxxxxxxxx…"),
    ],
)
def test_shorten(text, limit, expected):
    assert shorten(text, limit) == expected
    assert len(shorten(text, limit)) <= limit


def test_helper_content_chooses_sorts_and_groups_by_quality():
    stories = [
        story(
            "Reviewed the guidelines and suggested confirming serum osmolality for Mr. Johnson before fluids; "
            "the team agreed",
            12,
            qualities=("clinical_reasoning",),
        ),
        story("Stayed until 7 pm to call three families with their test results", 14),
        story(
            "Coordinated home oxygen with case management so the patient went home on Friday",
            8,
            witnesses=("Dr. Resident",),
            visible=False,
            qualities=("communication",),
        ),
        story(
            "Presented a patient with new atrial fibrillation on another rotation, seen by someone else",
            28,
            witnesses=("Dr. Other",),
        ),
        Story(
            "Old story from another month about a patient I presented",
            date(2025, 6, 1),
            ("Dr. Other",),
            True,
            ("fit",),
            True,
        ),
        Story(
            "Called the family of a patient Dr. Yılmaz admitted in clinic and booked the follow-up visit",
            date(2025, 6, 1),
            ("Łukasz Yılmaz",),
            True,
            (),
            True,
        ),
    ]
    feedback = [
        Feedback("Dr. Resident", date(2026, 1, 9), "Update nurses sooner", "tell the nurse after each plan change"),
        Feedback(
            "Dr. Łukasz Yılmaz",
            date(2026, 1, 12),
            "Be more concise",
            "Keep presentations under 3 minutes",
            date(2026, 1, 19),
            "Much better",
        ),
    ]
    compliments = [
        Compliment("Dr. Resident", date(2026, 1, 20), "Great with families"),
        Compliment("Dr. Yılmaz", date(2026, 1, 22), "Excellent presentation today"),
    ]
    c = helper_content(APPLICANT, WRITER, ROTATION, stories, feedback, compliments, DEADLINE)
    assert c.sections["patient_care"] == [
        "Reviewed the guidelines and suggested confirming serum osmolality for the patient before fluids; "
        "the team agreed"
    ]
    assert c.sections["initiative"][0] == "Stayed until 7 pm to call three families with their test results"
    on_page = [i for items in c.sections.values() for i in items]
    assert any("Dr. Yılmaz admitted" in i for i in on_page)  # what this writer saw, even outside the rotation
    assert c.sections["communication"] == [
        "Coordinated home oxygen with case management so the patient went home on Friday"
    ]
    assert not any("another month" in i for items in c.sections.values() for i in items)
    assert c.sections["growth"][0] == (
        "Your advice on Jan 12: “Be more concise” — what I changed: Keep "
        "presentations under 3 minutes. I showed you the change on Jan 19, and you "
        "said “Much better.”"
    )
    assert c.sections["growth"][1].startswith("Advice from Dr. Resident on Jan 9: “Update nurses sooner”")
    assert c.sections["compliments"] == [
        "You said on Jan 22: “Excellent presentation today.”",
        "Dr. Resident, on Jan 20: “Great with families.”",
    ]
    assert c.materials == ["Updated CV", "Personal statement draft"] and c.deadline == DEADLINE


def test_only_specific_stories_reach_the_page_and_the_rest_are_explained():
    generic = story("I was very hard-working and a great team player this week", 12)
    long = story("Called three families and arranged the follow-up visits " * 12, 13)
    good = story("Called three families with test results before 7 pm so no one waited overnight", 14)
    c = helper_content(APPLICANT, WRITER, ROTATION, [generic, long, good], [], [], None)
    on_page = [i for items in c.sections.values() for i in items]
    assert on_page == [good.text]
    reasons = {x.text: x.reason for x in c.left_out}
    assert reasons[generic.text] == coach.assess(generic.text).hint
    assert "Too long" in reasons[" ".join(long.text.split())]


def test_helper_content_caps_each_section():
    stories = [
        story(f"Called family number {i} with the discharge plan and booked their follow-up", 5 + i % 20)
        for i in range(40)
    ]
    c = helper_content(APPLICANT, WRITER, ROTATION, stories, [], [], None)
    assert len(c.sections["initiative"]) == 5 and c.sections["patient_care"] == []


def pdf_text(data: bytes) -> tuple[int, str, dict]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages), reader.metadata


@pytest.mark.parametrize("items, chars", SIZES)
def test_pdf_is_exactly_one_page_with_the_names(items, chars):
    pages, text, meta = pdf_text(render_pdf(content(items, chars)))
    assert pages == 1
    for name in NAMES[:4]:
        assert name in text
    if items:
        assert "Çağlar Żółć" in text
    assert "AAMC ID: 14567890" in text and "Jan 5–30, 2026" in text
    assert "use as much or as little as helps" in text
    assert meta.title == "LOR helper – Nguyễn Thị Hương" and meta.author == "Nguyễn Thị Hương"


def test_pdf_keeps_whole_items_and_drops_the_rest():
    _, small, _ = pdf_text(render_pdf(content(3, 80)))
    _, full, _ = pdf_text(render_pdf(content(5, MAX_ITEM_CHARS)))
    assert small.count("•") == 3 * 4 + 2
    assert 4 <= full.count("•") < 5 * 4 + 2
    assert "…" not in full and "…" not in small


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(min_size=0, max_size=400), max_size=8), st.text(max_size=120))
def test_pdf_any_text_stays_on_one_page(items, name):
    c = HelperContent(
        Applicant(name or "A"),
        Person(name),
        None,
        {"patient_care": items, "initiative": items[::-1], "growth": items},
        items,
        None,
    )
    assert pdf_text(render_pdf(c))[0] == 1


def docx_height_estimate(document) -> tuple[float, float]:
    """(estimated text height, writable page height) in points, read back from the document."""
    section = document.sections[0]
    writable = (section.page_height - section.top_margin - section.bottom_margin) / 12700
    text_width = (section.page_width - section.left_margin - section.right_margin) / 12700
    total = 0.0
    for p in document.paragraphs:
        fmt = p.paragraph_format
        assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
        size = max(r.font.size.pt for r in p.runs)
        indent = (fmt.left_indent or 0) / 12700
        per_line = int((text_width - indent) / (size * 0.55))  # wide characters: a conservative count
        lines = max(1, len(textwrap.wrap(p.text, per_line)))
        total += fmt.space_before.pt + fmt.space_after.pt + lines * fmt.line_spacing.pt
    return total, writable


@pytest.mark.parametrize("items, chars", SIZES)
def test_docx_fits_one_page_with_the_names(items, chars):
    document = docx.Document(io.BytesIO(render_docx(content(items, chars))))
    text = "\n".join(p.text for p in document.paragraphs)
    for name in NAMES[:4]:
        assert name in text
    height, writable = docx_height_estimate(document)
    assert height <= writable
    assert document.core_properties.title == "LOR helper – Nguyễn Thị Hương"
    assert document.core_properties.author == "Nguyễn Thị Hương"
    assert not any(p.text.strip() == "" for p in document.paragraphs)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_docx_is_one_page_when_laid_out_by_libreoffice(tmp_path):
    source = tmp_path / "helper.docx"
    source.write_bytes(render_docx(content(60, 5000)))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert len(PdfReader(tmp_path / "helper.pdf").pages) == 1


def test_docx_bullets_are_list_paragraphs():
    document = docx.Document(io.BytesIO(render_docx(content(2, 60))))
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert len(bullets) == 2 * 4 + 2


def test_markdown_has_header_sections_and_bullets_only():
    md = render_markdown(content(2, 60))
    assert md.startswith("# Nguyễn Thị Hương\n")
    assert "AAMC ID: 14567890" in md and "Prepared for: Dr. Łukasz Yılmaz" in md
    headings = [HEADINGS[k] for k in ("patient_care", "initiative", "growth", "compliments", "materials")]
    for heading in headings:
        assert f"## {heading}" in md
    body = md.split("## ", 1)[1]
    paragraph_lines = [ln for ln in body.splitlines() if ln and not ln.startswith(("- ", "## ", "*"))]
    assert all(ln in headings for ln in paragraph_lines)


def test_empty_sections_are_left_out():
    c = HelperContent(APPLICANT, WRITER, None, {"initiative": ["Led the family meeting"]}, [], None)
    md = render_markdown(c)
    assert "## Initiative and reliability" in md and "## Patient care" not in md and "Rotation:" not in md
    assert "Letter needed by" not in md


def test_rotation_dates_across_a_year_in_the_header():
    rotation = Rotation(date(2025, 12, 29), date(2025, 12, 29) + timedelta(days=25), site="Mercy")
    c = HelperContent(APPLICANT, WRITER, rotation, {}, [], None)
    assert "Dec 29, 2025 – Jan 23, 2026" in render_markdown(c)


@pytest.mark.parametrize(
    "fb, expected",
    [
        (
            Feedback(
                "Dr. Yılmaz",
                date(2026, 1, 12),
                "Speak up more on rounds!",
                "I now give the overnight update",
                date(2026, 1, 16),
                "Great improvement!",
            ),
            "Your advice on Jan 12: “Speak up more on rounds!” — what I changed: I now give the overnight update. "
            "I showed you the change on Jan 16, and you said “Great improvement!”",
        ),
        (
            Feedback(
                "Dr. Yılmaz",
                date(2026, 1, 12),
                "start every presentation with a one-line assessment and plan; keep it under 2 minutes.",
                "SBAR for every consult call",
                None,
            ),
            "Your advice on Jan 12: “start every presentation with a one-line assessment and plan; keep it under 2 "
            "minutes.” — what I changed: SBAR for every consult call.",
        ),
        (
            Feedback("Dr. Rae", date(2026, 1, 20), "Check on Mr. Brown's potassium first", "", date(2026, 1, 22)),
            "Advice from Dr. Rae on Jan 20: “Check on the patient's potassium first.” I checked back with Dr. Rae on "
            "Jan 22.",
        ),
    ],
)
def test_feedback_lines_speak_to_the_writer_and_keep_typed_text_whole(fb, expected):
    c = helper_content(APPLICANT, WRITER, ROTATION, [], [fb], [], None)
    assert c.sections["growth"] == [expected]
    assert ".." not in expected


@pytest.mark.parametrize(
    ("text", "qualities", "section"),
    [
        (
            "Caught a duplicate anticoagulant order during med reconciliation and told the resident before the dose.",
            ("patient_safety",),
            "patient_care",
        ),
        (
            "Gave a 10-minute talk to the team on the new heart failure guideline and shared a summary.",
            ("communication",),
            "communication",
        ),
        ("Stayed until 7 pm to call three families after the team meeting ran late.", ("work_ethic",), "initiative"),
        (
            "Presented a new admission with a four-item differential for hyponatremia; the team used my plan.",
            (),
            "patient_care",
        ),
    ],
)
def test_stories_go_to_the_section_of_what_they_show(text, qualities, section):
    writer = Person("Dr. Ana Peña")
    story = Story(text=text, on=date(2026, 1, 10), witnesses=("Dr. Ana Peña",), visible=True, qualities=qualities)
    content = helper_content(Applicant("Łukasz Żółć"), writer, None, [story], [], [], None)
    placed = [key for key, items in content.sections.items() if items]
    assert placed == [section]


# --- Read as the writer: whole sentences, a name they recognise --------------------------------------------------


@pytest.mark.parametrize(
    "fb, expected",
    [
        # typed words that end the line get the full stop a sentence needs, inside the closing quote
        (
            Feedback(
                "Dr. Yılmaz", date(2026, 1, 12), "Be more concise", "", date(2026, 1, 19), "Much better, keep it up"
            ),
            "Your advice on Jan 12: “Be more concise.” I showed you the change on Jan 19, and you said "
            "“Much better, keep it up.”",
        ),
        (
            Feedback("Dr. Rae", date(2026, 1, 9), "Call the nurse back when you change an order"),
            "Advice from Dr. Rae on Jan 9: “Call the nurse back when you change an order.”",
        ),
        # typed punctuation is kept, never doubled
        (
            Feedback("Dr. Yılmaz", date(2026, 1, 12), "Why wait?", "", date(2026, 1, 19), "Great!"),
            "Your advice on Jan 12: “Why wait?” I showed you the change on Jan 19, and you said “Great!”",
        ),
        # mid-sentence (a change follows) the quote stays as typed
        (
            Feedback("Dr. Yılmaz", date(2026, 1, 12), "Be more concise", "I present in two minutes"),
            "Your advice on Jan 12: “Be more concise” — what I changed: I present in two minutes.",
        ),
    ],
)
def test_quoted_words_end_a_sentence_with_a_full_stop(fb, expected):
    c = helper_content(APPLICANT, WRITER, ROTATION, [], [fb], [], None)
    assert c.sections["growth"] == [expected]
    assert ".”." not in expected and "..”" not in expected


@pytest.mark.parametrize(
    "compliment, expected",
    [
        (
            Compliment("Dr. Yılmaz", date(2026, 1, 22), "Excellent presentation today"),
            "You said on Jan 22: “Excellent presentation today.”",
        ),
        (
            Compliment("Maria Lopez, RN", date(2026, 1, 20), "Thanks for closing the loop!"),
            "Maria Lopez, RN, on Jan 20: “Thanks for closing the loop!”",
        ),
    ],
)
def test_compliments_read_as_sentences(compliment, expected):
    c = helper_content(APPLICANT, WRITER, ROTATION, [], [], [compliment], None)
    assert c.sections["compliments"] == [expected]


@pytest.mark.parametrize(
    "writer, prepared_for",
    [
        (Person("Whitfield"), "Prepared for: Dr. Whitfield"),  # never "Prepared for: Whitfield"
        (Person("Sarah Smith, MD"), "Prepared for: Sarah Smith, MD"),
        (Person("Souza, Ana"), "Prepared for: Ana Souza"),
        (Person("Maria Lopez, RN", role="nurse"), "Prepared for: Maria Lopez, RN"),
    ],
)
def test_the_page_is_prepared_for_a_name_the_writer_recognises(writer, prepared_for):
    md = render_markdown(HelperContent(APPLICANT, writer, ROTATION, {}, [], DEADLINE))
    assert prepared_for in md


def test_the_closing_line_reads_as_one_sentence_about_the_notes():
    md = render_markdown(content(1, 40))
    assert "These notes are only a memory aid: use as much or as little as helps." in md
    assert "any of it" not in md  # "these notes … any of it" did not agree
