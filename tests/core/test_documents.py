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

from lorforge.core.documents import (
    HelperContent, deidentify, format_range, helper_content, render_docx, render_markdown, render_pdf, same_person,
    shorten,
)
from lorforge.core.records import Applicant, Compliment, Feedback, Person, Rotation, Story

APPLICANT = Applicant("Nguyễn Thị Hương", country="Vietnam", specialty="internal medicine", aamc_id="14567890")
WRITER = Person("Dr. Łukasz Yılmaz", role="attending")
ROTATION = Rotation(date(2026, 1, 5), date(2026, 1, 30), "inpatient", "sub_internship", "Internal Medicine",
                    "Peña Community Hospital")
DEADLINE = date(2026, 9, 23)
NAMES = ("Nguyễn", "Yılmaz", "Łukasz", "Peña", "Çağlar", "Żółć")


def story(text, day=10, witnesses=("Dr. Yılmaz",), visible=True, qualities=("work_ethic",)):
    return Story(text, date(2026, 1, day), tuple(witnesses), visible, tuple(qualities), True)


def content(items_per_section: int, chars: int) -> HelperContent:
    line = ("Coordinated home oxygen with Çağlar Żółć from case management and called three families " * 40)[:chars]
    items = [f"{i}. {line}" for i in range(items_per_section)]
    return HelperContent(APPLICANT, WRITER, ROTATION, list(items), list(items), list(items), list(items),
                         ["Updated CV", "Personal statement draft"], DEADLINE)


SIZES = [(0, 0), (1, 40), (3, 120), (5, 230), (12, 600), (60, 5000)]


@pytest.mark.parametrize("start, end, expected", [
    (date(2026, 1, 5), date(2026, 1, 30), "Jan 5–30, 2026"),
    (date(2025, 12, 29), date(2026, 1, 23), "Dec 29, 2025 – Jan 23, 2026"),
    (date(2026, 1, 26), date(2026, 2, 20), "Jan 26 – Feb 20, 2026"),
    (date(2026, 3, 2), date(2026, 3, 2), "Mar 2, 2026"),
])
def test_format_range(start, end, expected):
    assert format_range(start, end) == expected


@pytest.mark.parametrize("text, expected", [
    ("Explained the plan to Mr. Johnson in simple words", "Explained the plan to a patient in simple words"),
    ("Reviewed Mrs Lee's labs (MRN 00123456) in room 12B", "Reviewed a patient's labs in the room"),
    ("Paged for Ms. O'Neil, 78-year-old, MRN: A-99812", "Paged for a patient, 78-year-old"),
    ("Called the family on 01/14/2026 about discharge", "Called the family on about discharge"),
    ("Presented Dr. Smith's case on rounds", "Presented Dr. Smith's case on rounds"),
])
def test_deidentify(text, expected):
    assert deidentify(text) == expected


@pytest.mark.parametrize("a, b, same", [
    ("Dr. Smith", "Dr. Sarah Smith", True),
    ("Sarah Smith, MD", "dr sarah smith", True),
    ("Dr. Yılmaz", "Dr. Łukasz Yılmaz", True),
    ("Dr. Smith", "Dr. Jones", False),
    ("", "Dr. Smith", False),
])
def test_same_person(a, b, same):
    assert same_person(a, b) == same


@pytest.mark.parametrize("text, limit, expected", [
    ("short", 10, "short"),
    ("called three families personally", 20, "called three…"),
    ("x" * 30, 10, "xxxxxxxxx…"),
])
def test_shorten(text, limit, expected):
    assert shorten(text, limit) == expected
    assert len(shorten(text, limit)) <= limit


def test_helper_content_chooses_and_sorts_the_records():
    stories = [
        story("Reviewed guidelines and suggested confirming serum osmolality for Mr. Johnson", 12,
              qualities=("clinical_reasoning",)),
        story("Stayed late to call three families and update them", 14),
        story("Coordinated home oxygen with case management", 8, witnesses=("Dr. Resident",), visible=False,
              qualities=("communication",)),
        story("Helped on a different rotation, seen by someone else", 28, witnesses=("Dr. Other",)),
        Story("Old story from another month", date(2025, 6, 1), ("Dr. Other",), True, ("fit",), True),
        Story("Old story Dr. Yılmaz saw in clinic", date(2025, 6, 1), ("Łukasz Yılmaz",), True, (), True),
    ]
    feedback = [
        Feedback("Dr. Resident", date(2026, 1, 9), "Update nurses sooner", "tell the nurse after each plan change"),
        Feedback("Dr. Łukasz Yılmaz", date(2026, 1, 12), "Be more concise", "Keep presentations under 3 minutes",
                 date(2026, 1, 19), "Much better"),
    ]
    compliments = [Compliment("Dr. Resident", date(2026, 1, 20), "Great with families"),
                   Compliment("Dr. Yılmaz", date(2026, 1, 22), "Excellent presentation today")]
    c = helper_content(APPLICANT, WRITER, ROTATION, stories, feedback, compliments, DEADLINE)
    assert c.patients_followed == ["Reviewed guidelines and suggested confirming serum osmolality for a patient"]
    # what the writer saw comes first (more qualities first), then what others on the rotation saw
    assert c.initiative[:2] == ["Stayed late to call three families and update them", "Old story Dr. Yılmaz saw in clinic"]
    assert "Coordinated home oxygen with case management" in c.initiative
    assert not any("Old story from another month" in i for i in c.initiative)
    assert c.feedback_and_growth[0] == ("Your advice (Jan 12): “Be more concise.” What I changed: keep presentations "
                                        "under 3 minutes. Checked back with you on Jan 19: “Much better.”")
    assert c.feedback_and_growth[1].startswith("Dr. Resident (Jan 9): “Update nurses sooner.”")
    assert c.compliments == ["“Excellent presentation today.” (you, Jan 22)", "“Great with families.” (Dr. Resident, Jan 20)"]
    assert c.materials == ["Updated CV", "Personal statement draft"] and c.deadline == DEADLINE


def test_helper_content_caps_each_section():
    stories = [story(f"Specific story number {i}", 5 + i % 20) for i in range(40)]
    c = helper_content(APPLICANT, WRITER, ROTATION, stories, [], [], None)
    assert len(c.initiative) == 5 and c.patients_followed == []


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
    assert "use or ignore any of it" in text
    assert meta.title == "LOR helper – Nguyễn Thị Hương" and meta.author == "Nguyễn Thị Hương"


def test_pdf_keeps_what_fits_and_shortens_the_rest():
    _, small, _ = pdf_text(render_pdf(content(3, 80)))
    _, huge, _ = pdf_text(render_pdf(content(60, 5000)))
    assert small.count("•") == 3 * 4 + 2
    assert 5 <= huge.count("•") < 3 * 4 + 2
    assert "…" in huge and "…" not in small


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(min_size=0, max_size=400), max_size=8), st.text(max_size=120))
def test_pdf_any_text_stays_on_one_page(items, name):
    c = HelperContent(Applicant(name or "A"), Person(name), None, items, items[::-1], items, [], items, None)
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
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    assert len(PdfReader(tmp_path / "helper.pdf").pages) == 1


def test_docx_bullets_are_list_paragraphs():
    document = docx.Document(io.BytesIO(render_docx(content(2, 60))))
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert len(bullets) == 2 * 4 + 2


def test_markdown_has_header_sections_and_bullets_only():
    md = render_markdown(content(2, 60))
    assert md.startswith("# Nguyễn Thị Hương\n")
    assert "AAMC ID: 14567890" in md and "Prepared for: Dr. Łukasz Yılmaz" in md
    for heading in ("Patients I followed closely", "Examples of initiative", "Your feedback and what I changed",
                    "Kind words during the rotation", "Materials with this email"):
        assert f"## {heading}" in md
    body = md.split("## ", 1)[1]
    paragraph_lines = [ln for ln in body.splitlines() if ln and not ln.startswith(("- ", "## ", "*"))]
    assert all(ln in ("Patients I followed closely", "Examples of initiative", "Your feedback and what I changed",
                      "Kind words during the rotation", "Materials with this email") for ln in paragraph_lines)


def test_empty_sections_are_left_out():
    c = HelperContent(APPLICANT, WRITER, None, [], ["Led the family meeting"], [], [], [], None)
    md = render_markdown(c)
    assert "## Examples of initiative" in md and "## Patients" not in md and "Rotation:" not in md
    assert "Letter needed by" not in md


def test_rotation_dates_across_a_year_in_the_header():
    rotation = Rotation(date(2025, 12, 29), date(2025, 12, 29) + timedelta(days=25), site="Mercy")
    c = HelperContent(APPLICANT, WRITER, rotation, [], [], [], [], [], None)
    assert "Dec 29, 2025 – Jan 23, 2026" in render_markdown(c)


@pytest.mark.parametrize("fb, expected", [
    (Feedback("Dr. Yılmaz", date(2026, 1, 12), "Speak up more on rounds!", "I now give the overnight update",
              date(2026, 1, 16), "Great improvement!"),
     "Your advice (Jan 12): “Speak up more on rounds!” What I changed: I now give the overnight update. "
     "Checked back with you on Jan 16: “Great improvement!”"),
    (Feedback("Dr. Yılmaz", date(2026, 1, 12), "Read about your patients", "SBAR for every consult call", None),
     "Your advice (Jan 12): “Read about your patients.” What I changed: SBAR for every consult call."),
    (Feedback("Dr. Rae", date(2026, 1, 20), "Check on Mr. Brown's potassium first", "", date(2026, 1, 22)),
     "Dr. Rae (Jan 20): “Check on a patient's potassium first.” Checked back with them on Jan 22."),
])
def test_feedback_lines(fb, expected):
    c = helper_content(APPLICANT, WRITER, ROTATION, [], [fb], [], None)
    assert c.feedback_and_growth == [expected]


@pytest.mark.parametrize(("text", "qualities", "section"), [
    ("Caught a duplicate anticoagulant order during med reconciliation.", ("patient_safety",), "patients"),
    ("Gave a 10-minute talk to the team on the new heart failure guideline.", ("clinical_reasoning",), "initiative"),
    ("Stayed until 7 pm to call three families after the team meeting ran late.", ("work_ethic",), "initiative"),
    ("Presented a new admission with a four-item differential for hyponatremia.", (), "patients"),
    ("Suggested checking a lactate before fluids; the attending agreed.", ("clinical_reasoning",), "patients"),
])
def test_stories_go_to_patient_care_or_initiative_by_what_they_describe(text, qualities, section):
    writer = Person("Dr. Ana Peña")
    story = Story(text=text, on=date(2026, 1, 10), witnesses=("Dr. Ana Peña",), visible=True, qualities=qualities)
    content = helper_content(Applicant("Łukasz Żółć"), writer, None, [story], [], [], None)
    placed = "patients" if content.patients_followed else "initiative" if content.initiative else None
    assert placed == section
