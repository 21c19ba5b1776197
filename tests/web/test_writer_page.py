"""The writer's private page: no log-in, only what was shared, every view logged, "I have uploaded" moves the
stage and tells the applicant; tampered, revoked or expired links are 404; nothing of another applicant."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.core import mail
from django.core.cache import cache

from lorforge.accounts.services import profile_for, profile_update
from lorforge.letters import selectors, services, writer_page
from lorforge.letters.models import MaterialKind, WriterPageView
from tests.web.test_letters_materials import pdf_bytes
from tests.web.test_programs import agreed_writer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def writer(owner, today):
    profile_update(profile=profile_for(user=owner), display_name="Nguyễn Thị Hương", aamc_id="14783920")
    writer = agreed_writer(owner, "Dr. Sarah Whitfield", today, uploaded=False, ended_days_ago=2)
    services.eras_entry_save(
        writer=writer,
        letter_id="AB12CD34",
        author_title="",
        specialty="",
        waiver="waived",
        program_director=False,
        department_chair=False,
        form_pdf=pdf_bytes("Request form"),
        form_name="form.pdf",
    )
    services.material_upload(user=owner, kind=MaterialKind.CV, name="cv.pdf", data=pdf_bytes("My CV"), file_type="pdf")
    return writer


@pytest.fixture
def link_path(writer):
    return writer_page.path_for(writer_page.link_new(writer=writer))


def test_the_page_opens_without_logging_in_and_shows_what_the_writer_needs(anon_client, writer, link_path):
    response = anon_client.get(link_path)
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow" and response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"] and "unsafe-inline" not in response["Content-Security-Policy"]
    html = unescape(response.content.decode())
    assert '<meta name="robots" content="noindex, nofollow">' in html
    for needed in (
        "Nguyễn Thị Hương",
        "14783920",
        "AB12CD34",
        "I have waived my right to view this letter.",
        "Letter of Recommendation Portal",
        "I have uploaded the letter",
        "Download the CV",
        "Dr. Whitfield",
    ):
        assert needed in html, needed
    deadline = selectors.writer_timeline(writer=writer, today=writer_page.clock.today(writer.user)).deadline.on
    assert f"{deadline:%B} {deadline.day}, {deadline.year}" in html and deadline >= writer_page.clock.today()
    assert "Download the personal statement draft" not in html  # shared, but none uploaded
    assert WriterPageView.objects.filter(writer=writer, what="page").count() == 1


def test_only_what_the_applicant_chose_is_shared(anon_client, writer, link_path):
    services.writer_share_update(
        writer=writer, share_helper=False, share_cv=False, share_statement=True, share_aamc_id=False
    )
    html = unescape(anon_client.get(link_path).content.decode())
    assert "14783920" not in html and "Download the CV" not in html and "one-page helper" not in html
    assert anon_client.get(link_path + "files/cv/").status_code == 404
    assert anon_client.get(link_path + "helper.pdf").status_code == 404
    assert anon_client.get(link_path + "files/statement/").status_code == 404  # shared, but never uploaded
    assert anon_client.get(link_path + "files/secret/").status_code == 404


def test_documents_download_through_the_link_and_every_view_is_logged(anon_client, owner_client, writer, link_path):
    helper = anon_client.get(link_path + "helper.pdf")
    assert helper.status_code == 200 and helper.content.startswith(b"%PDF-")
    assert "attachment" in helper["Content-Disposition"] and helper["Referrer-Policy"] == "no-referrer"
    form = anon_client.get(link_path + "files/form/")
    assert b"".join(form.streaming_content).startswith(b"%PDF-")
    cv = anon_client.get(link_path + "files/cv/")
    assert cv.status_code == 200
    logged = set(WriterPageView.objects.filter(writer=writer).values_list("what", flat=True))
    assert logged == {"helper_pdf", "form", "cv"}
    page = unescape(owner_client.get(f"/letters/writers/{writer.pk}/").content.decode())
    assert "First opened" in page and "Downloaded the helper" in page
    owner_client.get(link_path)  # the applicant's own preview is not a visit
    assert not WriterPageView.objects.filter(what="page").exists()


def test_i_have_uploaded_moves_the_stage_and_tells_the_applicant(
    anon_client, owner_client, writer, link_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the email leaves once the change is committed
        response = anon_client.post(link_path + "uploaded/")
    html = unescape(response.content.decode())
    assert response.status_code == 200 and "has been told that the letter is uploaded" in html
    writer.refresh_from_db()
    assert selectors.current_stage(writer=writer) == "submitted"
    assert selectors.uploaded_on(writer=writer) == writer_page.clock.today(writer.user)
    assert [m.to for m in mail.outbox] == [["owner@example.com"]]
    assert mail.outbox[0].subject == "Dr. Whitfield uploaded your letter"
    letters_page = unescape(owner_client.get("/letters/").content.decode())
    assert "Dr. Sarah Whitfield uploaded your letter" in letters_page
    timeline = selectors.writer_timeline(writer=writer, today=writer_page.clock.today(writer.user))
    assert not timeline.reminder_allowed and not any(s.key == "reminder" and s.status != "done" for s in timeline.steps)
    with django_capture_on_commit_callbacks(execute=True):  # a second press changes nothing and sends nothing
        again = anon_client.post(link_path + "uploaded/")
    assert "Marked as uploaded" in unescape(again.content.decode()) and len(mail.outbox) == 1


def test_the_link_is_in_the_materials_email_and_every_reminder(owner_client, writer, link_path):
    url = writer_page.url_for(writer_page.link_of(writer=writer))
    for kind in ("materials", "reminder", "final"):
        body = unescape(owner_client.get(f"/letters/writers/{writer.pk}/emails/{kind}/").content.decode())
        assert url in body, kind


def _tampered(path: str) -> list[str]:
    token = path.split("/")[2]
    pk, _, rest = token.partition(".")
    nonce, _, signature = rest.partition(":")
    return [
        f"/w/{token[:-1]}{'A' if token[-1] != 'A' else 'B'}/",
        f"/w/{int(pk) + 1}.{nonce}:{signature}/",
        f"/w/{pk}.{nonce[:-1]}{'x' if nonce[-1] != 'x' else 'y'}:{signature}/",  # never the nonce it already was
        f"/w/{pk}.{nonce}/",
        "/w/x/",
        f"/w/{'a' * 300}/",
    ]


def test_a_tampered_revoked_or_expired_link_is_a_404(anon_client, owner_client, writer, link_path, frozen_clock):
    for bad in _tampered(link_path):
        assert anon_client.get(bad).status_code == 404, bad
        assert anon_client.post(bad + "uploaded/").status_code == 404, bad
    new = owner_client.post(f"/letters/writers/{writer.pk}/private-page/new/")
    assert new.status_code == 302
    assert anon_client.get(link_path).status_code == 404  # regenerating revoked the old one
    fresh = writer_page.path_for(writer_page.link_of(writer=writer))
    assert anon_client.get(fresh).status_code == 200
    owner_client.post(f"/letters/writers/{writer.pk}/private-page/off/")
    assert anon_client.get(fresh).status_code == 404
    body = unescape(owner_client.get(f"/letters/writers/{writer.pk}/emails/reminder/").content.decode())
    assert "/w/" not in body  # a switched-off link is left out of the emails
    link = writer_page.link_new(writer=writer)
    live = writer_page.path_for(link)
    frozen_clock.shift(link.expires_at - writer_page.clock.now() + dt.timedelta(minutes=1))
    assert anon_client.get(live).status_code == 404
    assert selectors.current_stage(writer=writer) == "materials_sent"


def test_no_other_applicants_data_is_reachable_from_a_link(anon_client, other, writer, link_path, today):
    theirs = agreed_writer(other, "Dr. Kim Theirs", today)
    services.eras_entry_save(
        writer=theirs,
        letter_id="ZZ99YY88",
        author_title="",
        specialty="",
        waiver="",
        program_director=False,
        department_chair=False,
        form_pdf=pdf_bytes("Theirs"),
        form_name="theirs.pdf",
    )
    their_link = writer_page.link_new(writer=theirs)
    token = link_path.split("/")[2]
    _, _, rest = token.partition(".")
    nonce, _, signature = rest.partition(":")
    assert anon_client.get(f"/w/{their_link.pk}.{nonce}:{signature}/").status_code == 404
    html = unescape(anon_client.get(link_path).content.decode())
    assert "ZZ99YY88" not in html and "Kim Theirs" not in html and "Other Person" not in html
    assert str(theirs.pk) not in [part for part in html.split('"') if part.isdigit()]
    form = anon_client.get(link_path + "files/form/")
    assert b"Theirs" not in b"".join(form.streaming_content)


def test_links_are_rate_limited(anon_client, writer, link_path, monkeypatch):
    monkeypatch.setattr(writer_page, "PER_LINK_LIMIT", (3, dt.timedelta(minutes=10)))
    statuses = [anon_client.get(link_path).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    monkeypatch.setattr(writer_page, "PER_CLIENT_LIMIT", (2, 600))
    cache.clear()
    guesses = [anon_client.get(f"/w/{n}.guess:sig/").status_code for n in range(4)]
    assert guesses == [404, 404, 429, 429]


def test_the_applicant_sees_and_controls_the_link(owner_client, writer):
    page = unescape(owner_client.get(f"/letters/writers/{writer.pk}/").content.decode())
    assert "Make the private link" in page
    owner_client.post(f"/letters/writers/{writer.pk}/private-page/new/")
    page = unescape(owner_client.get(f"/letters/writers/{writer.pk}/").content.decode())
    assert "/w/" in page and "Not opened yet" in page and "Switch the link off" in page
    owner_client.post(f"/letters/writers/{writer.pk}/private-page/share/", {"share_helper": "on"})
    writer.refresh_from_db()
    assert writer.share_helper and not writer.share_cv and not writer.share_aamc_id
