"""Malformed input on every form, query parameter and upload: a clear answer, the database unchanged,
never a server error. (Command-line and environment inputs: tests/cli/test_bad_input.py and
tests/web/test_security_headers.py.)"""

from __future__ import annotations

import io
import zipfile

import pytest
import time_machine
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile

BIG = str(2**70)
RTL = "مستشفى الملك فيصل"
TODAY = "2026-03-10"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_day():
    with time_machine.travel(f"{TODAY} 12:00:00-05:00", tick=False):
        yield


@pytest.fixture
def world(owner, rotation):
    """The owner's rotation with its attending, a task and a writer: something for each id to point at."""
    from lorforge.evidence.services import task_add
    from lorforge.letters.services import writer_add

    attending = rotation.people.get()
    task = task_add(rotation=rotation, day=rotation.start_date, text="Call cardiology")
    writer = writer_add(user=owner, person=attending, on=rotation.start_date)
    return {"rotation": rotation.pk, "person": attending.pk, "task": task.pk, "writer": writer.pk}


def snapshot() -> dict[str, int]:
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label in {"accounts", "rotations", "evidence", "letters"}
        and m._meta.model_name != "submittedform"
    }


def pdf_in_name_only() -> bytes:
    return b"%PDF-1.4\n" + b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 4000 + b"\n%%EOF\n"


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", f'<Types><Override ContentType="{main}"/></Types>')
        archive.writestr("word/document.xml", b"<w:document>" + b" " * (100 * 1024 * 1024) + b"</w:document>")
    return buffer.getvalue()


def truncated_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="My CV")
    data = bytes(pdf.output())
    return data[: len(data) // 2] + b"\n%%EOF\n"


STORY = {"text": "Called the family back after rounds to explain the plan.", "happened_on": "2026-03-09"}
ROTATION = {
    "site": "Mercy General",
    "specialty": "Internal Medicine",
    "kind": "clerkship",
    "setting": "inpatient",
    "start_date": "2026-04-06",
    "end_date": "2026-05-03",
}
PERSON = {"name": "Dr. Amal Haddad", "role": "resident", "email": "", "specialty": ""}
PROFILE = {
    "display_name": "Çağlar Yılmaz",
    "medical_school": "Ankara University",
    "country": "Türkiye",
    "target_specialty": "Internal Medicine",
    "aamc_id": "",
    "season": "2027",
}
FEEDBACK = {"said": "Present more concisely.", "given_on": "2026-03-09"}
COMPLIMENT = {"text": "Great job with that family.", "received_on": "2026-03-09"}

# (name, url, data) — each a POST the app must refuse with a message, changing nothing
REFUSED_POSTS = [
    ("story witness 2^70", "/evidence/stories/new/", {**STORY, "witnesses": [BIG]}),
    ("story witness -1", "/evidence/stories/new/", {**STORY, "witnesses": ["-1"]}),
    ("story witness text", "/evidence/stories/new/", {**STORY, "witnesses": ["abc"]}),
    ("story rotation 2^70", "/evidence/stories/new/", {**STORY, "rotation": BIG}),
    ("story rotation 1e3", "/evidence/stories/new/", {**STORY, "rotation": "1e3"}),
    ("story empty text", "/evidence/stories/new/", {**STORY, "text": ""}),
    ("story only spaces", "/evidence/stories/new/", {**STORY, "text": " \u00a0\t "}),
    ("story NUL", "/evidence/stories/new/", {**STORY, "text": "Helped\x00 the team"}),
    ("story escape sequence", "/evidence/stories/new/", {**STORY, "text": "Helped \x1b[2J the team"}),
    ("story huge", "/evidence/stories/new/", {**STORY, "text": "x" * 100_000}),
    ("story date 0001-01-01", "/evidence/stories/new/", {**STORY, "happened_on": "0001-01-01"}),
    ("story date 9999-12-31", "/evidence/stories/new/", {**STORY, "happened_on": "9999-12-31"}),
    ("story date 2026-02-30", "/evidence/stories/new/", {**STORY, "happened_on": "2026-02-30"}),
    ("story date 2^70", "/evidence/stories/new/", {**STORY, "happened_on": BIG}),
    ("story quality unknown", "/evidence/stories/new/", {**STORY, "qualities": ["<script>"]}),
    ("feedback giver 2^70", "/evidence/feedback/new/", {**FEEDBACK, "giver": BIG}),
    ("feedback no giver", "/evidence/feedback/new/", {**FEEDBACK}),
    ("feedback date 9999", "/evidence/feedback/new/", {**FEEDBACK, "giver": "PERSON", "given_on": "9999-12-31"}),
    ("compliment giver text", "/evidence/compliments/new/", {**COMPLIMENT, "giver": "'; DROP TABLE"}),
    ("compliment date 0001", "/evidence/compliments/new/", {**COMPLIMENT, "received_on": "0001-01-01"}),
    ("rotation site control chars", "/rotations/new/", {**ROTATION, "site": "Mercy\x1b[2J General"}),
    ("rotation site NUL", "/rotations/new/", {**ROTATION, "site": "Mercy\x00"}),
    ("rotation site bidi override", "/rotations/new/", {**ROTATION, "site": "Mercy \u202eGeneral"}),
    ("rotation site line break", "/rotations/new/", {**ROTATION, "site": "Mercy\nGeneral"}),
    ("rotation site huge", "/rotations/new/", {**ROTATION, "site": "M" * 10_000}),
    ("rotation start 0001-01-01", "/rotations/new/", {**ROTATION, "start_date": "0001-01-01"}),
    ("rotation end 9999-12-31", "/rotations/new/", {**ROTATION, "end_date": "9999-12-31"}),
    ("rotation both 9999", "/rotations/new/", {**ROTATION, "start_date": "9999-12-01", "end_date": "9999-12-31"}),
    ("rotation 2026-02-30", "/rotations/new/", {**ROTATION, "start_date": "2026-02-30"}),
    ("rotation kind unknown", "/rotations/new/", {**ROTATION, "kind": "vacation"}),
    ("rotation attending tab", "/rotations/new/", {**ROTATION, "attending_name": "Dr.\tSmith"}),
    (
        "rotation attending email bad",
        "/rotations/new/",
        {**ROTATION, "attending_name": "Dr. Smith", "attending_email": "not an email"},
    ),
    ("person name escape", "/people/new/", {**PERSON, "name": "Dr. \x07Bell"}),
    ("person rotation 2^70", "/people/new/", {**PERSON, "rotation": BIG}),
    ("person role unknown", "/people/new/", {**PERSON, "role": "king"}),
    ("profile name escape", "/settings/profile/", {**PROFILE, "display_name": "Ana\x1b]0;pwned\x07"}),
    ("profile season 2^70", "/settings/profile/", {**PROFILE, "season": BIG}),
    ("profile season text", "/settings/profile/", {**PROFILE, "season": "next year"}),
    ("profile season negative", "/settings/profile/", {**PROFILE, "season": "-2027"}),
    ("profile aamc letters", "/settings/profile/", {**PROFILE, "aamc_id": "ABCDEFGH"}),
    ("profile school C1 control", "/settings/profile/", {**PROFILE, "medical_school": "Ankara\x85University"}),
    ("season dates 9999", "/settings/season/", {"applications_open": "9999-12-31"}),
    ("season dates 0001", "/settings/season/", {"submission_opens": "0001-01-01"}),
    ("season dates 2026-02-30", "/settings/season/", {"programs_review": "2026-02-30"}),
    ("program name tab", "/letters/programs/add/", {"name": "Mercy\tIM", "deadline": "2026-09-24"}),
    ("program deadline 9999", "/letters/programs/add/", {"name": "Mercy IM", "deadline": "9999-12-31"}),
    ("program deadline 2^70", "/letters/programs/add/", {"name": "Mercy IM", "deadline": BIG}),
    ("writer person 2^70", "/letters/writers/add/", {"person": BIG}),
    ("task text escape", "/rotations/ROTATION/tasks/", {"text": "Call \x1b[31mcardiology"}),
    ("task empty", "/rotations/ROTATION/tasks/", {"text": ""}),
    ("task status unknown", "/evidence/tasks/TASK/status/", {"status": "exploded"}),
    ("lead 2^70", "/rotations/ROTATION/lead/", {"lead": BIG}),
    (
        "sign-up email with NUL",
        "/signup/",
        {"email": "a\x00@example.com", "password1": "x" * 12, "password2": "x" * 12},
    ),
    (
        "sign-up email huge",
        "/signup/",
        {"email": "a" * 300 + "@example.com", "password1": "long-enough-pass-1", "password2": "long-enough-pass-1"},
    ),
    (
        "sign-up email RTL",
        "/signup/",
        {"email": RTL, "password1": "long-enough-pass-1", "password2": "long-enough-pass-1"},
    ),
]

UPLOADS = [
    ("exe wrapped in %PDF-…%%EOF", "cv.pdf", pdf_in_name_only, "not a complete, readable PDF"),
    ("truncated pdf", "cv.pdf", truncated_pdf, "not a complete, readable PDF"),
    ("zip bomb docx", "statement.docx", zip_bomb, "unpacks to far more"),
    ("html named pdf", "cv.pdf", lambda: b"<html><script>alert(1)</script></html>", "is not a PDF or a Word"),
    ("empty file", "cv.pdf", lambda: b"", "empty"),
    ("too large", "cv.pdf", lambda: b"%PDF-1.4\n" + b"0" * (6 * 1024 * 1024), "the limit is 5 MB"),
    ("NUL in the name", "cv\x00.pdf", lambda: b"MZ\x90\x00", "not a PDF"),
]


def _fill(url: str, data: dict, world: dict) -> tuple[str, dict]:
    for key, value in world.items():
        url = url.replace(key.upper(), str(value))
    data = {k: (str(world["person"]) if v == "PERSON" else v) for k, v in data.items()}
    return url, data


@pytest.mark.parametrize(("name", "url", "data"), REFUSED_POSTS, ids=[r[0] for r in REFUSED_POSTS])
def test_malformed_posts_are_refused_and_change_nothing(client, owner_client, world, name, url, data):
    url, data = _fill(url, data, world)
    c = client if url == "/signup/" else owner_client
    if url == "/signup/":
        c.logout()
    before = snapshot()
    response = c.post(url, data)
    assert response.status_code in (200, 302, 400, 404), response.status_code
    assert snapshot() == before, name
    if response.status_code == 302:  # a one-tap form that reports its problem on the next page
        page = c.get(response.url).content.decode()
        assert "message-error" in page or "errorlist" in page, name
    elif response.status_code == 200:
        assert "errorlist" in response.content.decode() or "message-error" in response.content.decode(), name


@pytest.mark.parametrize(("name", "filename", "make", "message"), UPLOADS, ids=[u[0] for u in UPLOADS])
def test_bad_uploads_are_refused_with_a_clear_message(owner_client, world, name, filename, make, message):
    from html import unescape

    before = snapshot()
    response = owner_client.post("/letters/materials/", {"kind": "cv", "file": SimpleUploadedFile(filename, make())})
    assert response.status_code == 200
    assert message in unescape(response.content.decode()), name
    assert snapshot() == before


QUERIES = [
    "/rotations/ROTATION/tasks/?day=9999-12-31",
    "/rotations/ROTATION/tasks/?day=0001-01-01",
    "/rotations/ROTATION/tasks/?day=2026-02-30",
    f"/rotations/ROTATION/tasks/?day={BIG}",
    "/rotations/ROTATION/tasks/?day=%00",
    f"/evidence/?rotation={BIG}",
    "/evidence/?person=abc&quality=%3Cscript%3E",
    "/evidence/?kind=nothing&q=%00%1B%5B2J",
    "/evidence/?q=" + "x" * 5000,
    f"/evidence/stories/new/?rotation={BIG}&person=-1",
    "/evidence/feedback/new/?person=%00",
    "/login/?next=//evil.example.com/",
    "/settings/export/?download=%00",
    f"/rotations/{BIG}/",
    f"/people/{BIG}/edit/",
    f"/letters/writers/{BIG}/helper.pdf",
    "/letters/writers/WRITER/emails/%00/",
    "/evidence/presentations/new/%3Cscript%3E/",
]


@pytest.mark.parametrize("url", QUERIES)
def test_malformed_query_parameters_and_ids_never_break_a_page(owner_client, world, url):
    url, _ = _fill(url, {}, world)
    before = snapshot()
    response = owner_client.get(url)
    assert response.status_code in (200, 302, 400, 404), (url, response.status_code)
    assert snapshot() == before


def test_a_far_day_is_not_stored_and_later_views_of_it_still_work(owner_client, world):
    from lorforge.evidence.models import Task

    url = f"/rotations/{world['rotation']}/tasks/"
    response = owner_client.post(f"{url}?day=9999-12-31", {"text": "Follow up on labs", "day": "9999-12-31"})
    assert response.status_code == 302
    assert not Task.objects.filter(day__year=9999).exists()
    assert owner_client.get(f"{url}?day=9999-12-31").status_code == 200
    assert owner_client.get(response.url).status_code == 200


def test_right_to_left_text_is_welcome(owner_client, world):
    response = owner_client.post("/rotations/new/", {**ROTATION, "site": RTL, "attending_name": "د. أمل حداد"})
    assert response.status_code == 302
    from lorforge.rotations.models import Rotation

    assert Rotation.objects.filter(site=RTL).exists()
