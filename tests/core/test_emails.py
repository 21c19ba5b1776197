from datetime import UTC, date, datetime
from email import policy
from email.parser import BytesParser
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from lorforge.core.documents import HelperContent
from lorforge.core.emails import (
    DOCX_MIMETYPE,
    ESTIMATE_NOTE,
    PDF_MIMETYPE,
    Attachment,
    EmailDraft,
    ascii_filename,
    final_note_email,
    helper_attachment,
    mailto_url,
    make_address,
    materials_email,
    reminder_email,
    sender_address,
    to_eml,
)
from lorforge.core.records import Applicant, Person, Rotation
from lorforge.core.season import SeasonDates

APPLICANT = Applicant("Nguyễn Thị Hương", specialty="Internal Medicine", aamc_id="14567890")
WRITER = Person("Łukasz Yılmaz", role="attending", email="lukasz.yilmaz@example.org")
ROTATION = Rotation(date(2026, 1, 5), date(2026, 1, 30))
SEASON = SeasonDates(date(2026, 6, 3), date(2026, 9, 2), date(2026, 9, 23))
SENDER = "Nguyễn Thị Hương <huong@example.com>"
HELPER = helper_attachment(
    HelperContent(
        APPLICANT, WRITER, ROTATION, {"patient_care": ["Followed a patient with sepsis"]}, [], date(2026, 9, 23)
    )
)
CV = Attachment("CV Peña.pdf", b"%PDF-1.4 cv %%EOF", PDF_MIMETYPE)

NOW = datetime(2026, 1, 31, 9, 0, tzinfo=UTC)


def materials(**overrides) -> EmailDraft:
    args = dict(
        applicant=APPLICANT,
        writer=WRITER,
        rotation=ROTATION,
        taught=["managing inpatient diabetes"],
        helper=HELPER,
        cv=CV,
        statement=None,
        deadline=date(2026, 9, 23),
    )
    return materials_email(**{**args, **overrides})


@pytest.mark.parametrize(
    "start, end, subject",
    [
        (date(2026, 1, 5), date(2026, 1, 30), "Thank you and LOR materials – Nguyễn Thị Hương (Jan 5–30, 2026)"),
        (
            date(2025, 12, 29),
            date(2026, 1, 23),
            "Thank you and LOR materials – Nguyễn Thị Hương (Dec 29, 2025 – Jan 23, 2026)",
        ),
    ],
)
def test_materials_subject(start, end, subject):
    assert materials(rotation=Rotation(start, end)).subject == subject


def test_materials_body_thanks_lists_and_attaches():
    draft = materials()
    assert draft.body.startswith("Dear Dr. Yılmaz,")
    assert "especially about managing inpatient diabetes." in draft.body
    for item in (
        "My CV (attached)",
        "personal statement, which I will send separately",
        "AAMC ID: 14567890",
        "by Sep 23, 2026",
        "one-page summary",
        "Use whatever helps",
    ):
        assert item in draft.body
    assert [a.filename for a in draft.attachments] == ["LOR-helper-Nguyen-Thi-Huong.pdf", "CV Peña.pdf"]
    assert draft.to_display == "Łukasz Yılmaz <lukasz.yilmaz@example.org>"
    assert draft.notes == ()


def test_materials_body_never_doubles_the_typed_punctuation_or_names_a_past_deadline():
    draft = materials(taught=["managing inpatient diabetes.", "efficient rounds;"], today=date(2026, 10, 1))
    assert "about managing inpatient diabetes and efficient rounds." in draft.body and ".." not in draft.body
    assert "Sep 23, 2026" not in draft.body
    assert any("deadline has passed" in note for note in draft.notes)


@pytest.mark.parametrize(
    "applicant, deadline, note_words",
    [
        (Applicant("Ana Peña", specialty="FM"), date(2026, 9, 23), "AAMC ID"),
        (APPLICANT, None, "deadline"),
    ],
)
def test_materials_notes_say_what_is_missing(applicant, deadline, note_words):
    draft = materials(applicant=applicant, deadline=deadline)
    assert any(note_words in n for n in draft.notes)


@pytest.mark.parametrize(
    "today, words",
    [
        (date(2026, 8, 25), "applications go to programs from around September 2, 2026, and programs begin reviewing"),
        (date(2026, 9, 5), "have been going to programs since around September 2, 2026, and programs begin"),
        (date(2026, 9, 25), "Programs began reviewing applications around September 23, 2026"),
    ],
)
def test_reminder_names_the_season_dates_as_estimates(today, words):
    draft = reminder_email(applicant=APPLICANT, writer=WRITER, season=SEASON, today=today, rotation=ROTATION)
    assert words in draft.body
    assert draft.body.startswith("Dear Dr. Yılmaz,")
    assert "short note about the letter" in draft.body and "internal medicine residency" in draft.body
    assert "(Jan 5–30, 2026)" in draft.body
    assert ESTIMATE_NOTE in draft.notes
    assert draft.attachments == ()


def test_reminder_asks_for_an_earlier_own_deadline_only_when_it_differs():
    same = reminder_email(
        applicant=APPLICANT, writer=WRITER, season=SEASON, today=date(2026, 8, 25), deadline=SEASON.programs_review
    )
    earlier = reminder_email(
        applicant=APPLICANT, writer=WRITER, season=SEASON, today=date(2026, 8, 25), deadline=date(2026, 9, 15)
    )
    assert "in ERAS by then would help me most" in same.body  # the review date, named once
    assert same.body.count("September 23, 2026") == 1
    assert "in ERAS by September 15, 2026" in earlier.body


def test_the_second_reminder_reads_as_a_follow_up():
    second = reminder_email(applicant=APPLICANT, writer=WRITER, season=SEASON, today=date(2026, 9, 8), number=2)
    assert "once more" in second.body


@pytest.mark.parametrize(
    "today, words",
    [
        (date(2026, 9, 20), "in ERAS by September 23, 2026"),
        (date(2026, 10, 2), "can still be added"),
    ],
)
def test_final_note(today, words):
    draft = final_note_email(applicant=APPLICANT, writer=WRITER, deadline=date(2026, 9, 23), today=today)
    assert words in draft.body and "completely fine" in draft.body
    assert draft.notes


def test_eml_round_trip_finds_the_attachments_and_headers():
    eml = to_eml(materials(), SENDER, now=datetime(2026, 1, 31, 9, 0, tzinfo=UTC))
    assert eml.isascii()  # every header and part is properly encoded
    msg = BytesParser(policy=policy.default).parsebytes(eml)
    assert msg["Subject"] == "Thank you and LOR materials – Nguyễn Thị Hương (Jan 5–30, 2026)"
    assert msg["From"].addresses[0].display_name == "Nguyễn Thị Hương"
    assert msg["To"].addresses[0].addr_spec == "lukasz.yilmaz@example.org"
    assert msg["X-Unsent"] == "1"
    assert msg["Message-ID"].endswith("@example.com>")
    assert msg["Date"].datetime == datetime(2026, 1, 31, 9, 0, tzinfo=UTC)
    assert "Dear Dr. Yılmaz," in msg.get_body(("plain",)).get_content()
    attachments = {part.get_filename(): part for part in msg.iter_attachments()}
    assert set(attachments) == {"LOR-helper-Nguyen-Thi-Huong.pdf", "CV Peña.pdf"}
    helper = attachments["LOR-helper-Nguyen-Thi-Huong.pdf"]
    assert helper.get_content_type() == PDF_MIMETYPE
    assert helper.get_content() == HELPER.content


def test_eml_without_a_writer_address_leaves_to_empty():
    draft = reminder_email(applicant=APPLICANT, writer=Person("Sarah Smith"), season=SEASON, today=date(2026, 8, 25))
    msg = BytesParser(policy=policy.default).parsebytes(to_eml(draft, SENDER, now=NOW))
    assert msg["To"] is None and msg["From"].addresses[0].addr_spec == "huong@example.com"


def test_eml_needs_a_sender_address():
    with pytest.raises(ValueError, match="email address"):
        to_eml(materials(), "Nguyễn Thị Hương", now=NOW)


@pytest.mark.parametrize(
    "draft, has_attach_line",
    [
        (EmailDraft(make_address("Dr. A", "a+lor@example.org"), "Hi – Peña", "Line one\nLine two"), False),
        (EmailDraft(None, "Hi", "Body", (CV,)), True),
    ],
)
def test_mailto_follows_rfc_6068(draft, has_attach_line):
    url = mailto_url(draft)
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    assert " " not in url and "\n" not in url and "+" not in url.split("?", 1)[1]
    query = parse_qs(parts.query)
    assert query["subject"] == [draft.subject]
    body = query["body"][0]
    assert ("Before sending, attach: CV Peña.pdf" in body) == has_attach_line
    assert body.endswith(draft.body.replace("\n", "\r\n"))
    assert unquote(parts.path) == (draft.to.addr_spec if draft.to else "")


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Nguyễn Thị Hương", "Nguyen-Thi-Huong"),
        ("Łukasz Żółć", "Lukasz-Zolc"),
        ("Çağlar Yılmaz", "Caglar-Yilmaz"),
        ("José Peña", "Jose-Pena"),
        ("王小明", "applicant"),
    ],
)
def test_ascii_filename(name, expected):
    assert ascii_filename(name) == expected


def test_helper_attachment_formats():
    content = HelperContent(APPLICANT, WRITER, None, {}, [], None)
    docx_file = helper_attachment(content, "docx")
    assert docx_file.filename.endswith(".docx") and docx_file.mimetype == DOCX_MIMETYPE
    assert docx_file.content.startswith(b"PK")
    with pytest.raises(ValueError):
        helper_attachment(content, "txt")


# --- Names that used to break the address ----------------------------------------------------------------

WEIRD_WRITERS = [
    ("Sarah Smith, MD", "sarah.smith@example.org", "Dear Dr. Smith,"),
    ("Souza, Ana", "ana.souza@example.org", "Dear Dr. Souza,"),
    ("Dr. Mark Evans <someone@else.example>", "mark.evans@example.org", "Dear Dr. Evans,"),
    ('Sarah "Sally" O\'Brien, DO', "sobrien@example.org", "Dear Dr. O'Brien,"),
    ("ليلى حداد", "layla.haddad@example.org", "Dear Dr. حداد,"),
    ("Nguyễn Văn An", "an.nguyen@example.org", "Dear Dr. Nguyễn,"),
    ("Madonna", "m@example.org", "Dear Dr. Madonna,"),
]


@pytest.mark.parametrize("name, address, dear", WEIRD_WRITERS)
def test_any_writer_name_gives_a_correct_eml_and_mailto(name, address, dear):
    draft = materials(writer=Person(name, email=address))
    assert draft.body.startswith(dear)
    msg = BytesParser(policy=policy.default).parsebytes(to_eml(draft, SENDER, now=NOW))
    assert [a.addr_spec for a in msg["To"].addresses] == [address]
    assert "else.example" not in str(msg["To"])
    assert unquote(urlsplit(mailto_url(draft)).path) == address


@pytest.mark.parametrize("sender", [sender_address("Souza, Ana", "ana@example.com"), "Souza, Ana <ana@example.com>"])
def test_a_comma_in_the_applicants_name_stays_in_the_name(sender):
    msg = BytesParser(policy=policy.default).parsebytes(to_eml(materials(), sender, now=NOW))
    assert msg["From"].addresses[0].addr_spec == "ana@example.com"
    assert msg["From"].addresses[0].display_name in ("Ana Souza", "Souza, Ana")


def test_stored_title_and_surname_win_over_the_parsed_name():
    draft = materials(writer=Person("Kwame Mensah-Bonsu", email="k@example.org", title="Dr.", surname="Mensah"))
    assert draft.body.startswith("Dear Dr. Mensah,")


@pytest.mark.parametrize(
    "name, display",
    [
        ("Whitfield", "Dr. Whitfield"),  # a single name is shown with its form of address
        ("Madonna", "Dr. Madonna"),
        ("Sarah Smith, MD", "Sarah Smith, MD"),
        ("Souza, Ana", "Ana Souza"),
        ("ليلى حداد", "ليلى حداد"),
    ],
)
def test_the_address_line_shows_a_name_a_writer_would_recognise(name, display):
    draft = materials(writer=Person(name, email="w@example.org"))
    assert draft.to.display_name == display
    msg = BytesParser(policy=policy.default).parsebytes(to_eml(draft, SENDER, now=NOW))
    assert msg["To"].addresses[0].display_name == display


# --- The reminders, read by the busy writer ------------------------------------------------------------------


@pytest.mark.parametrize(
    "today, deadline, ask",
    [
        # the deadline is the day programs start reviewing: one sentence, the date named once
        (date(2026, 8, 25), SEASON.programs_review, "reviewing them around September 23, 2026, so having the letter"),
        (date(2026, 9, 8), SEASON.programs_review, "reviewing them around September 23, 2026, so having the letter"),
        # an earlier deadline of the applicant's own is named as such
        (date(2026, 8, 25), date(2026, 9, 15), "having the letter in ERAS by September 15, 2026 would help me most"),
        # review has begun: no date to meet, only that a letter still helps
        (date(2026, 9, 25), SEASON.programs_review, None),
    ],
)
def test_a_reminder_says_what_would_help_and_by_when(today, deadline, ask):
    body = reminder_email(
        applicant=APPLICANT, writer=WRITER, season=SEASON, today=today, rotation=ROTATION, deadline=deadline
    ).body
    if ask:
        assert ask in body
    else:
        assert "would help me most" not in body and "still helps a great deal" in body
    assert "offered to write" not in body  # they agreed when asked; they did not offer
    assert "you were kind enough to take on" in body
    assert "(Jan 5–30, 2026)" in body  # months later, the rotation's dates carry their year


@pytest.mark.parametrize(
    "rotation, said",
    [
        (Rotation(date(2026, 1, 5), date(2026, 1, 30)), "(Jan 5–30, 2026)"),
        (Rotation(date(2025, 12, 29), date(2026, 1, 23)), "(Dec 29, 2025 – Jan 23, 2026)"),
        (
            Rotation(date(2025, 11, 3), date(2025, 11, 28), kind="sub_internship"),
            "sub-internship on your team (Nov 3–28, 2025)",
        ),
    ],
)
def test_reminders_date_the_rotation_with_its_year(rotation, said):
    for number in (1, 2):
        body = reminder_email(
            applicant=APPLICANT, writer=WRITER, season=SEASON, today=date(2026, 8, 25), rotation=rotation, number=number
        ).body
        assert said in body
