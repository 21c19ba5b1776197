"""The writer's private link in a browser: opened without logging in, the helper downloaded, "I have uploaded
the letter" pressed, and the applicant's page showing the letter as submitted."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def shoot(page, name: str) -> None:
    from tests.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_load_state("load")
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_the_writer_opens_the_link_downloads_the_helper_and_says_uploaded(live_server, browser):
    from django.core.cache import cache

    from lorforge.demo import demo_load
    from lorforge.letters import writer_page
    from lorforge.letters.models import Writer, WriterPageView

    cache.clear()
    demo = demo_load()
    writer = Writer.objects.get(user=demo.user, person__name="Dr. Łukasz Kowalski")
    path = writer_page.path_for(writer_page.link_new(writer=writer))

    # The writer: a fresh browser with no session at all.
    context = browser.new_context(viewport=PHONE, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1, name="Letter of recommendation for Nguyễn Thị Hương")).to_be_visible()
    expect(page.locator("#letter-id")).to_contain_text("DEMO2027-0001")
    expect(page.locator("#aamc-id")).to_have_text("14783920")
    expect(page.get_by_text("Log in")).to_have_count(0)
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex, nofollow"
    shoot(page, "writer-page-phone")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the one-page helper (PDF)").click()
    helper = PdfReader(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert len(helper.pages) == 1 and "Nguyễn Thị Hương" in helper.pages[0].extract_text()
    page.get_by_role("button", name="I have uploaded the letter").click()
    expect(page.locator("#confirmed")).to_contain_text("has been told that the letter is uploaded")
    expect(page.locator("#already-uploaded")).to_be_visible()
    shoot(page, "writer-page-uploaded-phone")
    context.close()
    assert list(WriterPageView.objects.filter(writer=writer).order_by("at", "id").values_list("what", flat=True)) == [
        "page",
        "helper_pdf",
        "uploaded",
    ]

    # The applicant: the stage changed, the visits are listed, the Letters page says so.
    applicant = browser.new_context(viewport=PHONE)
    page = applicant.new_page()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Email").fill(demo.email)
    page.get_by_label("Password").fill(demo.password)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/letters/")
    expect(page.get_by_text("Dr. Łukasz Kowalski uploaded your letter")).to_be_visible()
    expect(page.locator(".writer-list > li").filter(has_text="Dr. Łukasz Kowalski")).to_contain_text("Submitted")
    page.goto(f"{live_server.url}/letters/writers/{writer.pk}/")
    expect(page.locator("#page-visits")).to_contain_text("Said the letter is uploaded")
    expect(page.locator("#eras-uploaded")).to_contain_text("Uploaded")
    shoot(page, "writer-private-page-card-phone")
    applicant.close()
