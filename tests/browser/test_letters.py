"""From the demo account: a confident yes, the helper and the .eml, reminders, and the portfolio that follows."""

from __future__ import annotations

import datetime as dt
import io
import re
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from lorforge import clock

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}


def statement_docx() -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph("Why internal medicine: a draft of my personal statement.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def download(page, link_name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).first.click()
    return Path(info.value.path()).read_bytes()


@pytest.fixture
def shot(page, screenshot):
    """A screenshot once the page has fully loaded (a heading can show before the rest is parsed)."""

    def take(name: str) -> None:
        page.wait_for_load_state("load")
        screenshot(name)

    return take


def log_in(page, live_server) -> None:
    from lorforge.demo import demo_load

    demo = demo_load()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Email").fill(demo.email)
    page.get_by_label("Password").fill(demo.password)
    page.get_by_role("button", name="Log in").click()


def test_yes_helper_eml_reminders_and_portfolio(live_server, page, shot):
    page.set_viewport_size(PHONE)
    log_in(page, live_server)
    page.get_by_role("navigation", name="Main (phone)").get_by_role("link", name="Letters").click()
    expect(page.get_by_role("heading", level=1, name="Letters")).to_be_visible()
    expect(page.get_by_text("Prof. Mehmet Öztürk has an impressive title")).to_be_visible()
    shot("letters-portfolio-phone")

    # The current attending was asked: record a confident yes and land on the materials email.
    page.get_by_role("link", name=re.compile("Dr. Ayşe Yılmaz")).click()
    expect(page.get_by_role("heading", level=1, name="Dr. Ayşe Yılmaz")).to_be_visible()
    expect(page.get_by_text("strong letter of recommendation")).to_be_visible()
    shot("letters-writer-asked-phone")
    page.get_by_label("A confident yes").check()
    page.get_by_role("button", name="Record the answer").click()
    expect(page.get_by_role("heading", level=1, name="Thank-you and materials (email #1)")).to_be_visible()
    expect(page.get_by_text("A confident yes: go straight to the materials")).to_be_visible()
    shot("letters-materials-email-phone")

    # The helper PDF: one page, the names with their diacritics.
    helper = PdfReader(io.BytesIO(download(page, "Look at the helper (PDF)")))
    assert len(helper.pages) == 1
    text = helper.pages[0].extract_text()
    assert "Nguyễn Thị Hương" in text and "Dr. Ayşe Yılmaz" in text
    assert "Communication and teamwork" in text and "Dr. Yılmaz sat in." in text  # the demo's specific story

    # Upload the statement draft, then download the ready-to-send .eml with everything attached.
    page.get_by_role("link", name="Upload them").click()
    page.get_by_label("Personal statement draft").check()
    page.get_by_label("File").set_input_files(
        {"name": "statement.docx", "buffer": statement_docx(), "mimeType": "application/octet-stream"}
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("Uploaded “statement.docx”")).to_be_visible()
    shot("letters-materials-page-phone")
    page.go_back()
    page.go_back()
    page.reload()
    message = BytesParser(policy=policy.default).parsebytes(download(page, "Download .eml with attachments"))
    assert message["Subject"].startswith("Thank you and LOR materials – Nguyễn Thị Hương (")
    assert {part.get_filename() for part in message.iter_attachments()} == {
        "LOR-helper-Nguyen-Thi-Huong.pdf",
        "CV-Nguyen-Thi-Huong.pdf",
        "Personal-statement-draft-Nguyen-Thi-Huong.docx",
    }
    page.get_by_role("button", name="Mark as sent").click()
    expect(page.get_by_text("Marked as sent to Dr. Ayşe Yılmaz")).to_be_visible()
    expect(page.get_by_text("Materials sent").first).to_be_visible()

    # Today, the Letters page and the writer page name the same next step with the same dates.
    from lorforge.accounts.models import User
    from lorforge.letters.timelines import letter_timelines
    from lorforge.web.templatetags.web import date_range

    user = User.objects.get(email="demo@example.com")
    line = next(
        t.timeline for t in letter_timelines(user=user, today=clock.today()) if t.person.name == "Dr. Ayşe Yılmaz"
    )
    step = line.next_step
    when = f"Next: {step.title} · {date_range(step.starts, step.ends)}"
    assert step.key in ("last_day_thanks", "reminder")
    expect(page.get_by_text(when)).to_be_visible()
    shot("letters-writer-materials-sent-phone")
    page.goto(f"{live_server.url}/letters/")
    writers = page.locator(".writer-list > li")
    expect(writers.filter(has_text="Dr. Ayşe Yılmaz")).to_contain_text("Materials sent")
    expect(writers.filter(has_text="Dr. Ayşe Yılmaz")).to_contain_text(when)
    reminder = line.step("reminder-1")
    expect(writers.filter(has_text="Dr. Łukasz Kowalski")).to_contain_text(
        f"Next: {reminder.title.replace('Yılmaz', 'Kowalski')} · {date_range(reminder.starts, reminder.ends)}"
    )
    expect(page.locator(".tally-item").nth(2)).to_contain_text("2")
    expect(page.get_by_text("Reminder due")).to_have_count(0)
    expect(page.locator(".chart svg")).to_be_visible()
    shot("letters-portfolio-after-phone")
    page.set_viewport_size(LAPTOP)
    shot("letters-portfolio-laptop")

    # A reminder now would come months early: the email page says when it will be well timed.
    page.get_by_role("link", name=re.compile("Dr. Łukasz Kowalski")).click()
    shot("letters-writer-laptop")
    page.goto(page.url + "emails/reminder/")
    expect(page.get_by_text("Not now")).to_be_visible()
    page.get_by_role("button", name="Mark as sent").click()
    expect(page.locator(".message-error")).to_contain_text(f"wait until {reminder.starts:%b} {reminder.starts.day}")
    shot("letters-early-reminder-refused-laptop")
    page.set_viewport_size(PHONE)
    shot("letters-early-reminder-refused-phone")


def test_a_yes_shows_the_materials_on_today_and_then_the_same_reminder_everywhere(live_server, page, shot, today):
    """The timeline issue's walk: record a yes, see the materials step on Today; send them, and Today and the
    Letters page show the same next reminder date."""
    from lorforge.letters import services
    from lorforge.letters.models import Writer
    from lorforge.rotations.services import rotation_create
    from lorforge.web.templatetags.web import date_range
    from tests.conftest import browser_login, make_user

    user = make_user("yes@example.com", name="Ana Souza")
    rotation = rotation_create(
        user=user,
        site="Lakeside Hospital",
        specialty="Internal Medicine",
        kind="clerkship",
        setting="inpatient",
        start_date=today - dt.timedelta(days=24),
        end_date=today + dt.timedelta(days=3),
        attending_name="Dr. Mei Chen",
        attending_email="mei.chen@lakeside.example.org",
    )
    writer = services.writer_add(user=user, person=rotation.people.get(), on=rotation.start_date)
    page.set_viewport_size(PHONE)
    browser_login(page, live_server.url, "yes@example.com")
    page.goto(f"{live_server.url}/letters/writers/{writer.pk}/")
    page.get_by_label("A confident yes").check()
    page.get_by_role("button", name="Record the answer").click()
    page.goto(f"{live_server.url}/today/")
    # The rotation's focus card is the letter step (it is not repeated in the letters list above it).
    expect(page.locator("section.focus")).to_contain_text("Email Dr. Chen your materials")
    shot("today-materials-due-phone")

    page.goto(f"{live_server.url}/letters/writers/{writer.pk}/emails/materials/")
    page.get_by_role("button", name="Mark as sent").click()
    expect(page.get_by_text("Marked as sent to Dr. Mei Chen")).to_be_visible()
    writer = Writer.objects.get(pk=writer.pk)
    from lorforge.letters.selectors import writer_timeline

    line = writer_timeline(writer=writer, today=today)
    step, reminder = line.next_step, line.step("reminder-1")
    when = date_range(reminder.starts, reminder.ends)
    page.goto(f"{live_server.url}/letters/")
    expect(page.locator(".writer-list")).to_contain_text(f"Next: {step.title} · {date_range(step.starts, step.ends)}")
    page.goto(f"{live_server.url}/letters/writers/{writer.pk}/")
    page.get_by_text("Every step of this letter").click()
    expect(page.locator(".letter-steps")).to_contain_text(f"{reminder.title}{when}")
    page.goto(f"{live_server.url}/rotations/{rotation.pk}/plan/")
    expect(page.locator(f"#step-{reminder.id}")).to_contain_text(when)
    page.goto(f"{live_server.url}/today/")
    expect(page.locator(".today-letters")).to_have_count(0)  # nothing left to do today for this letter
    expect(page.get_by_text("Email Dr. Chen your materials")).to_have_count(0)
    shot("today-after-materials-phone")


def test_bad_upload_is_refused_next_to_the_field(live_server, page, shot):
    page.set_viewport_size(PHONE)
    log_in(page, live_server)
    page.goto(f"{live_server.url}/letters/materials/")
    page.get_by_label("CV", exact=True).check()
    page.get_by_label("File").set_input_files(
        {"name": "cv.pdf", "buffer": b"just text, not a PDF", "mimeType": "application/pdf"}
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.locator("#field-file .errorlist")).to_contain_text("is not a PDF or a Word (.docx) file")
    expect(page.get_by_label("CV", exact=True)).to_be_checked()
    shot("letters-upload-error-phone")


def test_a_first_writer_is_added_from_the_person_page(live_server, page, shot):
    import datetime as dt

    from lorforge.rotations.services import rotation_create
    from tests.conftest import PASSWORD, make_user

    user = make_user("first@example.com", name="Ana Peña")
    start = clock.today() - dt.timedelta(days=20)
    rotation_create(
        user=user,
        site="Mercy General",
        specialty="Internal Medicine",
        kind="sub_internship",
        setting="inpatient",
        start_date=start,
        end_date=start + dt.timedelta(days=27),
        attending_name="Dr. Nguyễn Văn An",
    )
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Email").fill("first@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/letters/")
    expect(page.get_by_role("heading", name="No letter writers yet")).to_be_visible()
    shot("letters-empty-phone")

    page.goto(f"{live_server.url}/people/")
    page.get_by_role("link", name=re.compile("Dr. Nguyễn Văn An")).click()
    shot("letters-person-panel-phone")
    page.get_by_role("button", name="Add as a possible letter writer").click()
    expect(page.get_by_role("heading", level=1, name="Dr. Nguyễn Văn An")).to_be_visible()
    expect(page.get_by_text("is on your letter list")).to_be_visible()
    expect(page.get_by_text("Ready to ask?")).to_be_visible()
    shot("letters-first-writer-phone")
    page.set_viewport_size(LAPTOP)
    shot("letters-first-writer-laptop")
