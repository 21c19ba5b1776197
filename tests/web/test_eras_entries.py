"""ERAS letter entries: the Letter ID (format, unique per applicant, one author), the waiver in the helper and the
emails, the Letter Request Form attached to the .eml, the "add the Letter ID" guard, the privacy guard, and the
export and import carrying all of it."""

from __future__ import annotations

import io
from email import policy
from email.parser import BytesParser
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from lorforge.accounts.portability import export_data, export_zip, import_zip
from lorforge.accounts.services import profile_for, profile_update, user_sign_up
from lorforge.letters import services
from lorforge.letters.models import Writer
from tests.web.test_letters_materials import docx_bytes, pdf_bytes
from tests.web.test_programs import agreed_writer, program

pytestmark = pytest.mark.django_db
LETTER_ID = "AB12CD34-5678"


@pytest.fixture
def writer(owner, today):
    profile_update(profile=profile_for(user=owner), display_name="Nguyễn Thị Hương", aamc_id="14783920")
    return agreed_writer(owner, "Dr. Sarah Whitfield", today, uploaded=False, ended_days_ago=2)


def save_entry(client, writer, **overrides):
    data = {
        "eras_letter_id": LETTER_ID,
        "eras_author_title": "Associate Professor of Medicine",
        "eras_specialty": "Internal Medicine",
        "eras_waiver": "waived",
        "eras_program_director": "",
        "eras_department_chair": "on",
    }
    data.update(overrides)
    data = {k: v for k, v in data.items() if v is not None}
    return client.post(f"/letters/writers/{writer.pk}/eras/", data)


def form_upload(text="ERAS Letter Request Form"):
    return SimpleUploadedFile("Letter Request Form.pdf", pdf_bytes(text), content_type="application/pdf")


def parse(eml: bytes):
    return BytesParser(policy=policy.default).parsebytes(eml)


def test_an_entry_with_its_form_is_saved_and_shown(owner_client, writer):
    response = save_entry(owner_client, writer, form_pdf=form_upload(), eras_letter_id=" ab12cd34–5678 ")
    assert response.status_code == 302
    writer.refresh_from_db()
    assert writer.eras_letter_id == LETTER_ID and writer.eras_waiver == "waived"
    assert writer.eras_department_chair and not writer.eras_program_director
    assert writer.request_form and writer.request_form_name == "Letter Request Form.pdf"
    html = unescape(owner_client.get(f"/letters/writers/{writer.pk}/").content.decode())
    assert LETTER_ID in html and "I have waived my right to view this letter." in html
    download = owner_client.get(f"/letters/writers/{writer.pk}/request-form.pdf")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize(
    "letter_id, message",
    [
        ("AB1", "between 6 and 24"),
        ("AB12CD34!", "only letters and digits"),
        ("14783920", "That is your AAMC ID"),
        ("ABCDEFGH", "always has digits"),
    ],
)
def test_a_bad_letter_id_is_refused_next_to_the_field(owner_client, writer, letter_id, message):
    response = save_entry(owner_client, writer, eras_letter_id=letter_id)
    assert response.status_code == 200 and message in unescape(response.content.decode())
    writer.refresh_from_db()
    assert writer.eras_letter_id == ""


def test_a_letter_id_belongs_to_one_author_of_one_applicant(owner_client, owner, other, writer, today):
    second = agreed_writer(owner, "Dr. Omar Second", today)
    assert save_entry(owner_client, writer).status_code == 302
    response = save_entry(owner_client, second, eras_letter_id=LETTER_ID.lower())
    assert "That Letter ID is already on your letter from Dr. Sarah Whitfield" in unescape(response.content.decode())
    theirs = agreed_writer(other, "Dr. Kim Theirs", today)  # unique per applicant, not across applicants
    services.eras_entry_save(
        writer=theirs,
        letter_id=LETTER_ID,
        author_title="",
        specialty="",
        waiver="",
        program_director=False,
        department_chair=False,
    )
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Writer.objects.filter(pk=second.pk).update(eras_letter_id=LETTER_ID)  # the database says so too


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("form.docx", docx_bytes()), "ERAS makes the Letter Request Form as a PDF"),
        (SimpleUploadedFile("form.pdf", b"%PDF-1.4 not really"), "not a complete, readable PDF"),
        (SimpleUploadedFile("form.pdf", b"MZ\x90\x00 an exe"), "not a PDF or a Word"),
    ],
)
def test_the_request_form_is_checked_like_other_uploads(owner_client, writer, upload, message):
    response = save_entry(owner_client, writer, form_pdf=upload)
    assert message in unescape(response.content.decode())
    writer.refresh_from_db()
    assert not writer.request_form


def test_typed_entry_text_goes_through_the_privacy_guard(owner_client, writer):
    response = save_entry(owner_client, writer, eras_specialty="for Mr. Johnson's team, MRN 12345678")
    html = unescape(response.content.decode())
    assert response.status_code == 200 and "names a patient" in html


def test_the_materials_eml_attaches_the_form_and_carries_what_the_writer_needs(owner_client, writer):
    save_entry(owner_client, writer, form_pdf=form_upload())
    eml = owner_client.get(f"/letters/writers/{writer.pk}/emails/materials.eml?anyway=1")
    message = parse(eml.content)
    parts = {p.get_filename(): p for p in message.iter_attachments()}
    form = parts["ERAS-Letter-Request-Form-Nguyen-Thi-Huong.pdf"]
    assert form.get_content_type() == "application/pdf"
    assert "ERAS Letter Request Form" in PdfReader(io.BytesIO(form.get_content())).pages[0].extract_text()
    body = message.get_body(("plain",)).get_content()
    for needed in (
        LETTER_ID,
        "Nguyễn Thị Hương",
        "14783920",
        "I have waived my right to view this letter.",
        "Letter of Recommendation Portal",
        "/w/",
    ):
        assert needed in body, needed


def test_the_waiver_changes_the_helper_and_the_email(owner_client, writer):
    save_entry(owner_client, writer, eras_waiver="not_waived")
    helper = PdfReader(io.BytesIO(owner_client.get(f"/letters/writers/{writer.pk}/helper.pdf?anyway=1").content))
    text = " ".join(helper.pages[0].extract_text().split())
    assert "I have not waived my right to view this letter" in text and LETTER_ID in text
    email = unescape(owner_client.get(f"/letters/writers/{writer.pk}/emails/materials/").content.decode())
    assert "I have not waived my right to view this letter." in email
    save_entry(owner_client, writer, eras_waiver="waived")
    email = unescape(owner_client.get(f"/letters/writers/{writer.pk}/emails/materials/").content.decode())
    assert "I have waived my right to view this letter." in email and "have not waived" not in email


def test_without_a_letter_id_the_materials_say_so_where_they_are_sent(owner_client, writer):
    email = unescape(owner_client.get(f"/letters/writers/{writer.pk}/emails/materials/").content.decode())
    assert email.count("Add the Letter ID before sending the materials") >= 2  # the callout and the note
    page = unescape(owner_client.get(f"/letters/writers/{writer.pk}/").content.decode())
    assert "Add the Letter ID before sending the materials" in page
    save_entry(owner_client, writer)
    email = unescape(owner_client.get(f"/letters/writers/{writer.pk}/emails/materials/").content.decode())
    assert "Add the Letter ID before sending the materials" not in email
    assert "Upload the Letter Request Form" in email  # the next gap, named too


def test_other_applicants_cannot_reach_an_entry(owner_client, other_client, writer):
    save_entry(owner_client, writer, form_pdf=form_upload())
    assert other_client.get(f"/letters/writers/{writer.pk}/eras/").status_code == 404
    assert other_client.get(f"/letters/writers/{writer.pk}/request-form.pdf").status_code == 404
    assert save_entry(other_client, writer, eras_letter_id="ZZ99YY88").status_code == 404


def test_export_and_import_carry_entries_forms_programs_and_assignments(owner_client, owner, writer, today):
    save_entry(owner_client, writer, form_pdf=form_upload())
    services.writer_share_update(
        writer=writer, share_helper=True, share_cv=False, share_statement=True, share_aamc_id=False
    )
    services.writer_move(writer=writer, to="submitted", on=today)
    mercy = program(owner, "Mercy IM", today)
    services.letter_assign(program=mercy, writer=writer)
    services.program_mark_applied(program=mercy, on=today)
    from lorforge.letters import writer_page

    writer_page.link_new(writer=writer)
    document, files = export_data(user=owner)
    records = document["records"]
    row = records["letters.writer"][0]
    assert row["eras_letter_id"] == LETTER_ID and row["eras_waiver"] == "waived" and row["share_cv"] is False
    assert row["request_form"] in files and files[row["request_form"]].startswith(b"%PDF-")
    assert records["letters.assignment"] and records["letters.program"][0]["applied_on"] == today.isoformat()
    assert "letters.writerlink" not in records  # the private link is a secret, made anew
    target = user_sign_up(email="copy@example.com", password="x-long-password-1")
    import_zip(user=target, data=export_zip(user=owner))
    again, again_files = export_data(user=target)
    assert again["records"] == records and again_files == files
