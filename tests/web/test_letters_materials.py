"""Materials (CV, statement, deadlines), the one-page helper, the .eml and the privacy guard before download."""

from __future__ import annotations

import datetime as dt
import io
import re
from email import policy
from email.parser import BytesParser
from html import unescape

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from lorforge.accounts.services import profile_for, profile_update
from lorforge.core.files import MAX_UPLOAD_BYTES
from lorforge.evidence.services import compliment_save, feedback_save, story_save
from lorforge.letters import selectors, services
from lorforge.letters.models import Material, Program
from tests.conftest import TEST_TODAY

pytestmark = pytest.mark.django_db

TODAY = TEST_TODAY  # the day every test here runs on (tests/conftest.py)
NAMES = ("Nguyễn Thị Hương", "Dr. Łukasz Yılmaz-Peña")


def pdf_bytes(text: str = "My CV") -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, text)
    return bytes(pdf.output())


def docx_bytes(text: str = "My personal statement") -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(client, kind: str, name: str, data: bytes):
    return client.post("/letters/materials/", {"kind": kind, "file": SimpleUploadedFile(name, data)})


@pytest.fixture
def writer(owner, rotation):
    """Dr. Łukasz Yılmaz-Peña agreed; the applicant's name has Vietnamese diacritics; evidence is recorded."""
    profile_update(profile=profile_for(user=owner), display_name=NAMES[0], aamc_id="14783920")
    person = rotation.people.get()
    person.name = NAMES[1]
    person.save()
    day = rotation.start_date
    for text in (
        "Presented a structured plan for new hyponatremia with a three-item differential; "
        "the attending adopted it on rounds.",
        "Stayed after sign-out to call three families and handed over the pending echo to nights.",
    ):
        story_save(user=owner, text=text, happened_on=day, rotation=rotation, witnesses=[person], visible=True)
    feedback_save(
        user=owner,
        giver=person,
        rotation=rotation,
        given_on=day,
        said="Lead with your assessment.",
        change="Open with a one-line assessment.",
    )
    compliment_save(user=owner, giver=person, rotation=rotation, received_on=day, text="Great family meeting.")
    writer = services.writer_add(user=owner, person=person, on=day - dt.timedelta(days=1))
    services.writer_record_answer(writer=writer, answer="confident_yes", on=day)
    return writer


# --- Uploads -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind, name, data, file_type",
    [
        ("cv", "CV Nguyễn.pdf", pdf_bytes(), "pdf"),
        ("statement", "statement.docx", docx_bytes(), "docx"),
        ("cv", "cv-without-extension", pdf_bytes(), "pdf"),  # judged by content, not by name
    ],
)
def test_owner_uploads_pdf_or_docx_and_downloads_it_back(
    owner_client, other_client, anon_client, owner, kind, name, data, file_type
):
    response = upload(owner_client, kind, name, data)
    assert response.status_code == 302 and response.url == "/letters/materials/"
    material = Material.objects.get(user=owner, kind=kind)
    assert (material.file_type, material.original_name, material.size) == (file_type, name, len(data))
    stored = material.file.name
    assert stored.startswith("materials/") and name not in stored and len(stored) > 40  # random, not guessable
    download = owner_client.get(f"/letters/materials/{material.pk}/download/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == data
    assert "attachment" in download["Content-Disposition"] and download["Cache-Control"] == "private, no-store"
    assert other_client.get(f"/letters/materials/{material.pk}/download/").status_code == 404
    assert anon_client.get(f"/letters/materials/{material.pk}/download/").status_code == 302
    assert name in unescape(owner_client.get("/letters/materials/").content.decode())


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("cv.pdf", b"This is plain text pretending to be a PDF.\n", "is not a PDF or a Word (.docx) file"),
        ("cv.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, "is not a PDF or a Word (.docx) file"),
        ("statement.docx", b"PK\x03\x04" + b"\x00" * 100, "not a Word document"),
        ("cv.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Word .doc file"),
        ("cv.pdf", b"%PDF-1.7\n" + b"0" * (MAX_UPLOAD_BYTES + 10) + b"\n%%EOF", "the limit is 5 MB"),
        ("cv.pdf", b"", "That file is empty"),
    ],
)
def test_bad_uploads_are_refused_with_a_clear_message(owner_client, owner, name, data, message):
    response = upload(owner_client, "cv", name, data)
    html = unescape(response.content.decode())
    assert response.status_code == 200 and message in html
    assert re.search(r'<input type="radio" name="kind" value="cv"[^>]*checked', html)  # the choice is kept
    assert not Material.objects.filter(user=owner).exists()


def test_an_upload_without_a_file_or_kind_says_what_is_missing(owner_client):
    html = unescape(owner_client.post("/letters/materials/", {}).content.decode())
    assert "Choose a PDF or Word (.docx) file to upload" in html and "Choose whether this is your CV" in html


def test_a_new_upload_replaces_the_old_one_and_delete_removes_the_file(
    owner_client, other_client, owner, django_capture_on_commit_callbacks
):
    upload(owner_client, "cv", "old.pdf", pdf_bytes("old"))
    old = Material.objects.get(user=owner)
    old_name = old.file.name
    with django_capture_on_commit_callbacks(execute=True):  # files go once the database change is committed
        upload(owner_client, "cv", "new.pdf", pdf_bytes("new"))
    new = Material.objects.get(user=owner)
    assert new.original_name == "new.pdf" and not default_storage.exists(old_name)
    assert other_client.post(f"/letters/materials/{new.pk}/delete/").status_code == 404
    assert default_storage.exists(new.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        assert owner_client.post(f"/letters/materials/{new.pk}/delete/").status_code == 302
    assert not Material.objects.exists() and not default_storage.exists(new.file.name)


def test_deleting_the_account_removes_uploaded_files(owner_client, owner):
    upload(owner_client, "cv", "cv.pdf", pdf_bytes())
    stored = Material.objects.get(user=owner).file.name
    from lorforge.accounts.services import account_delete

    account_delete(user=owner)
    assert not default_storage.exists(stored)


# --- Programs and deadlines --------------------------------------------------------------------


def _review_day(owner) -> dt.date:
    """When programs of the owner's season start reviewing: program deadlines fall around it."""
    from lorforge.accounts.services import profile_for, season_dates

    return season_dates(profile=profile_for(user=owner), today=TODAY).programs_review


def test_programs_set_the_earliest_deadline(owner_client, owner):
    review = _review_day(owner)
    for name, days in (("Lakeside IM", 40), ("Mercy IM", 12)):
        response = owner_client.post(
            "/letters/programs/add/", {"name": name, "deadline": (review + dt.timedelta(days=days)).isoformat()}
        )
        assert response.status_code == 302
    earliest = review + dt.timedelta(days=12)
    html = unescape(owner_client.get("/letters/materials/").content.decode())
    assert f"Letters needed by <strong>{earliest:%b} {earliest.day}, {earliest.year}</strong>" in html
    assert "Mercy IM, your earliest" in html


@pytest.mark.parametrize(
    "data, message",
    [
        ({"name": "Mercy IM", "deadline": (TODAY - dt.timedelta(days=1)).isoformat()}, "already passed"),
        ({"name": "Mercy IM", "deadline": "2199-01-01"}, "more than three years away"),
        ({"name": "  ", "deadline": (TODAY + dt.timedelta(days=5)).isoformat()}, "Enter the program's name"),
        ({"name": "Mercy IM", "deadline": "soon"}, "Enter a valid date"),
        (
            {"name": "Mercy IM", "deadline": (TODAY + dt.timedelta(days=20)).isoformat()},
            "outside the",
        ),  # not this season
        ({"name": "mercy im", "deadline": (TODAY + dt.timedelta(days=5)).isoformat()}, "You already added mercy im"),
    ],
)
def test_bad_programs_are_refused_next_to_the_field_and_keep_the_input(owner_client, owner, data, message):
    services.program_add(user=owner, name="Mercy IM", deadline=TODAY + dt.timedelta(days=30))
    response = owner_client.post("/letters/programs/add/", data)
    html = unescape(response.content.decode())
    assert response.status_code == 200 and message in html
    if data["name"].strip():
        assert f'value="{data["name"]}"' in html
    assert Program.objects.filter(user=owner).count() == 1


def test_other_users_cannot_remove_a_program(owner_client, other_client, owner):
    program = services.program_add(user=owner, name="Mercy IM", deadline=TODAY + dt.timedelta(days=30))
    assert other_client.post(f"/letters/programs/{program.pk}/delete/").status_code == 404
    assert owner_client.post(f"/letters/programs/{program.pk}/delete/").status_code == 302
    assert not Program.objects.exists()


def test_settings_shows_the_materials_card(owner_client):
    upload(owner_client, "cv", "cv.pdf", pdf_bytes())
    html = unescape(owner_client.get("/settings/").content.decode())
    assert "Materials" in html and "cv.pdf" in html and "/letters/materials/" in html


# --- The one-page helper -----------------------------------------------------------------------


def test_helper_pdf_is_one_page_with_the_diacritics(owner_client, writer):
    response = owner_client.get(f"/letters/writers/{writer.pk}/helper.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert "LOR-helper-Nguyen-Thi-Huong.pdf" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for name in NAMES:
        assert name in text
    assert "three-item differential" in text and "Lead with your assessment" in text


def test_helper_stays_one_page_with_a_month_of_long_stories(owner_client, owner, writer):
    person = writer.person
    for i in range(25):
        story_save(
            user=owner,
            text=f"Story {i}: " + "coordinated the discharge plan with the team and family " * 6,
            happened_on=person.rotation.start_date,
            rotation=person.rotation,
            witnesses=[person],
            visible=True,
        )
    reader = PdfReader(io.BytesIO(owner_client.get(f"/letters/writers/{writer.pk}/helper.pdf").content))
    assert len(reader.pages) == 1


def test_helper_docx_and_markdown_carry_the_same_names(owner_client, writer):
    from docx import Document

    docx = owner_client.get(f"/letters/writers/{writer.pk}/helper.docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    markdown = owner_client.get(f"/letters/writers/{writer.pk}/helper.md")
    assert markdown["Content-Type"].startswith("text/markdown")
    for name in NAMES:
        assert name in text and name in markdown.content.decode()


# --- The emails ----------------------------------------------------------------------------


def parse(eml: bytes):
    return BytesParser(policy=policy.default).parsebytes(eml)


def test_materials_eml_parses_and_carries_the_helper_cv_and_statement(owner_client, writer):
    cv = pdf_bytes()
    upload(owner_client, "cv", "cv.pdf", cv)
    upload(owner_client, "statement", "ps.docx", docx_bytes())
    response = owner_client.get(f"/letters/writers/{writer.pk}/emails/materials.eml")
    assert response["Content-Type"] == "message/rfc822"
    message = parse(response.content)
    assert message["Subject"].startswith(f"Thank you and LOR materials – {NAMES[0]} (")
    assert message["To"].addresses[0].addr_spec == "s.smith@mercy.example.org"
    assert message["From"].addresses[0].addr_spec == "owner@example.com"
    files = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
    assert set(files) == {
        "LOR-helper-Nguyen-Thi-Huong.pdf",
        "CV-Nguyen-Thi-Huong.pdf",
        "Personal-statement-draft-Nguyen-Thi-Huong.docx",
    }
    assert files["CV-Nguyen-Thi-Huong.pdf"] == cv
    assert len(PdfReader(io.BytesIO(files["LOR-helper-Nguyen-Thi-Huong.pdf"])).pages) == 1
    body = message.get_body(("plain",)).get_content()
    assert "My AAMC ID: 14783920" in body and "CV (attached)" in body


def test_the_email_page_offers_copy_mailto_and_eml(owner_client, writer):
    html = unescape(owner_client.get(f"/letters/writers/{writer.pk}/emails/materials/").content.decode())
    assert 'data-copy="#email-body"' in html and 'href="mailto:s.smith@mercy.example.org?subject=' in html
    assert f"/letters/writers/{writer.pk}/emails/materials.eml" in html
    assert "LOR-helper-Nguyen-Thi-Huong.pdf" in html and "not uploaded yet" in html


# --- The privacy guard before download ---------------------------------------------------------


def test_flagged_entries_are_shown_before_download_with_a_way_to_go_on(owner_client, owner, writer):
    person = writer.person
    story = story_save(
        user=owner,
        text="Followed Mr. Johnson, MRN 12345678, closely through his DKA admission.",
        happened_on=person.rotation.start_date,
        rotation=person.rotation,
        witnesses=[person],
    )
    for url in (f"/letters/writers/{writer.pk}/helper.pdf", f"/letters/writers/{writer.pk}/emails/materials.eml"):
        review = owner_client.get(url)
        html = unescape(review.content.decode())
        assert review.status_code == 200 and review["Content-Type"].startswith("text/html")
        assert "Check before you download" in html and '<mark class="phi"' in html and "Johnson" in html
        assert f"/evidence/stories/{story.pk}/edit/?next=/letters/writers/{writer.pk}/" in html
        assert f'href="{url}?anyway=1"' in html
        assert owner_client.get(url + "?anyway=1")["Content-Type"] in ("application/pdf", "message/rfc822")


def test_words_the_applicant_kept_do_not_stop_the_download(owner_client, owner, writer):
    from lorforge.accounts.models import KeptWord

    story_save(
        user=owner,
        text="Taught the team how Brennan approaches sepsis fluids, with the notes from Dr. Smith's lecture.",
        happened_on=TODAY,
        rotation=writer.person.rotation,
        witnesses=[writer.person],
    )
    flagged = services.privacy_review(selectors.helper_sources(writer=writer, with_taught=False), user=owner)
    assert flagged, "a colleague's surname looks like a patient's to the guard"
    for item in flagged:
        for finding in item.findings:
            KeptWord.objects.get_or_create(user=owner, word=finding.text)
    assert services.privacy_review(selectors.helper_sources(writer=writer, with_taught=False), user=owner) == []
    assert owner_client.get(f"/letters/writers/{writer.pk}/helper.pdf")["Content-Type"] == "application/pdf"


def test_a_clean_helper_downloads_straight_away(owner_client, writer):
    story_save(
        user=writer.user,
        text="Presented a plan for a DKA admission on rounds.",
        happened_on=TODAY,
        rotation=writer.person.rotation,
        witnesses=[writer.person],
    )
    assert owner_client.get(f"/letters/writers/{writer.pk}/helper.pdf")["Content-Type"] == "application/pdf"
