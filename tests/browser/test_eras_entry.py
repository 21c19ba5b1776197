"""An ERAS letter entry in a browser: the guard where the materials are sent, the entry with its Letter Request
Form, and the form found in the downloaded .eml."""

from __future__ import annotations

import datetime as dt
import re
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def form_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(dt.datetime(2026, 6, 1, tzinfo=dt.UTC))  # the same bytes every time
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "ERAS Letter Request Form - Letter ID YL2027-0042")
    return bytes(pdf.output())


def test_an_entry_with_its_form_goes_out_with_the_materials(live_server, page, screenshot):
    from lorforge.demo import demo_load

    demo = demo_load()
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Email").fill(demo.email)
    page.get_by_label("Password").fill(demo.password)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/letters/")
    page.get_by_role("link", name=re.compile("Dr. Ayşe Yılmaz")).click()
    page.get_by_label("A confident yes").check()
    page.get_by_role("button", name="Record the answer").click()

    # Where the materials are sent: the missing Letter ID is said plainly.
    expect(page.locator("#letter-id-missing")).to_contain_text("Add the Letter ID before sending the materials")
    page.wait_for_load_state("load")
    screenshot("eras-letter-id-missing-phone")
    page.get_by_role("link", name="add its Letter ID and Letter Request Form").click()
    expect(page.get_by_role("heading", level=1, name="ERAS letter entry for Dr. Ayşe Yılmaz")).to_be_visible()
    page.get_by_label("Letter ID").fill("yl2027-0042")
    page.get_by_label("Author's title or department").fill("Attending Physician, Internal Medicine")
    page.get_by_label("I waived my right to view this letter").check()
    page.get_by_label("Letter Request Form (PDF)").set_input_files(
        {"name": "Letter Request Form.pdf", "mimeType": "application/pdf", "buffer": form_pdf()}
    )
    page.wait_for_load_state("load")
    screenshot("eras-entry-form-phone")
    page.get_by_role("button", name="Save the entry").click()
    expect(page.get_by_text("Saved the ERAS entry for Dr. Ayşe Yılmaz")).to_be_visible()
    expect(page.locator("#eras-letter-id")).to_have_text("YL2027-0042")

    page.goto(page.url + "emails/materials/")
    expect(page.locator("#letter-id-missing")).to_have_count(0)
    expect(page.locator("#email-body")).to_contain_text("My ERAS Letter ID for your letter: YL2027-0042")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download .eml with attachments").click()
    message = BytesParser(policy=policy.default).parsebytes(Path(info.value.path()).read_bytes())
    attachments = {part.get_filename(): part for part in message.iter_attachments()}
    form = attachments["ERAS-Letter-Request-Form-Nguyen-Thi-Huong.pdf"]
    assert form.get_content_type() == "application/pdf" and form.get_content() == form_pdf()
    body = message.get_body(("plain",)).get_content()
    assert "YL2027-0042" in body and "I have waived my right to view this letter." in body and "14783920" in body


def test_the_program_grid_shows_one_program_at_a_time_on_a_phone(live_server, page, screenshot):
    from lorforge.demo import demo_load
    from lorforge.letters import services
    from lorforge.letters.models import Writer

    demo = demo_load()
    ward = Writer.objects.get(user=demo.user, person__name="Dr. Łukasz Kowalski")
    services.writer_move(writer=ward, to="submitted", on=ward.stage_changes.last().on)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Email").fill(demo.email)
    page.get_by_label("Password").fill(demo.password)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/letters/programs/")
    rows = page.locator("tr.program-row")
    expect(rows).to_have_count(3)
    page.wait_for_load_state("load")  # the stylesheet applied before anything is measured
    first, second = rows.nth(0).bounding_box(), rows.nth(1).bounding_box()
    assert first["x"] >= 0 and first["x"] + first["width"] <= PHONE["width"]  # one whole program on screen
    assert second["x"] >= PHONE["width"]  # the next one is a swipe away
    expect(rows.nth(0)).to_contain_text("Program 1 of 3")
    screenshot("programs-grid-phone")
    rows.nth(0).get_by_role("button", name=re.compile("Use the suggested set")).click()
    expect(page.locator(".message-success")).to_contain_text("Dr. Łukasz Kowalski")
    page.wait_for_load_state("load")
    page.set_viewport_size({"width": 1280, "height": 800})
    # A laptop shows the whole grid, a row per program (waits for the new layout, at most 5 s).
    page.wait_for_function(
        """() => { const rows = document.querySelectorAll("tr.program-row");
                   return rows.length === 3 && rows[1].getBoundingClientRect().top > rows[0].getBoundingClientRect().top
                          && rows[0].getBoundingClientRect().left === rows[1].getBoundingClientRect().left; }""",
        timeout=5000,
    )
    screenshot("programs-grid-laptop")
