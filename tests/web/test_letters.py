"""Letters: writers and their stages, the ask, reminders, the portfolio, and the three personas."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest

from lorforge.letters import services
from lorforge.letters.models import StageChange, Writer
from lorforge.rotations.services import person_create
from tests.conftest import TEST_TODAY
from tests.test_guards import audit

pytestmark = pytest.mark.django_db

TODAY = TEST_TODAY  # the day every test here runs on (tests/conftest.py)


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


@pytest.fixture
def rotation(owner):
    """A rotation that ended five weeks ago: its letter is past the ask, in the weeks of materials and reminders."""
    from lorforge.rotations.services import rotation_create

    return rotation_create(
        user=owner,
        site="Mercy General",
        specialty="Internal Medicine",
        kind="clerkship",
        setting="inpatient",
        start_date=days(-62),
        end_date=days(-35),
        attending_name="Dr. Sarah Smith",
        attending_email="s.smith@mercy.example.org",
    )


@pytest.fixture
def attending(rotation):
    return rotation.people.get(role="attending")


@pytest.fixture
def writer(owner, attending):
    return services.writer_add(user=owner, person=attending, on=days(-60))


def at_stage(writer, *stages: str, start: int = -40) -> Writer:
    """Walk ``writer`` through ``stages`` on consecutive days from ``start`` days ago."""
    for i, stage in enumerate(stages):
        services.writer_move(writer=writer, to=stage, on=days(start + i))
    return writer


def stages(writer) -> list[str]:
    return list(writer.stage_changes.values_list("stage", flat=True))


def page_text(response) -> str:
    return unescape(response.content.decode())


# --- Who can see what ------------------------------------------------------------------------


def writer_urls(w) -> list[str]:
    base = f"/letters/writers/{w.pk}"
    return [
        f"{base}/",
        f"{base}/edit/",
        f"{base}/helper.pdf",
        f"{base}/helper.docx",
        f"{base}/helper.md",
        f"{base}/emails/materials/",
        f"{base}/emails/reminder/",
        f"{base}/emails/final/",
        f"{base}/emails/materials.eml",
        f"{base}/emails/reminder.eml",
    ]


def test_owner_sees_every_writer_page_others_get_404_and_anonymous_log_in(
    owner_client, other_client, anon_client, writer
):
    for url in writer_urls(writer):
        assert owner_client.get(url).status_code == 200, url
        assert other_client.get(url).status_code == 404, url
        response = anon_client.get(url)
        assert response.status_code == 302 and response.url.startswith("/login/"), url


@pytest.mark.parametrize(
    "suffix, data",
    [
        ("stage/", {"stage": "seeded", "on": TODAY.isoformat()}),
        ("answer/", {"answer": "confident_yes", "on": TODAY.isoformat()}),
        ("emails/materials/sent/", {"on": TODAY.isoformat()}),
        ("edit/", {"taught": "hacked", "senior_title": "on"}),
    ],
)
def test_other_users_cannot_change_a_writer(other_client, anon_client, writer, suffix, data):
    url = f"/letters/writers/{writer.pk}/{suffix}"
    assert other_client.post(url, data).status_code == 404
    assert anon_client.post(url, data).status_code == 302
    writer.refresh_from_db()
    assert stages(writer) == ["candidate"] and writer.taught == ""


@pytest.mark.parametrize("url", ["/letters/", "/letters/materials/"])
def test_letters_pages_need_a_log_in(anon_client, url):
    response = anon_client.get(url)
    assert response.status_code == 302 and response.url.startswith("/login/")


def test_letters_pages_have_one_h1_and_labelled_inputs(owner_client, writer):
    at_stage(writer, "asked", "agreed")
    for url in (
        ["/letters/", "/letters/materials/", "/settings/", f"/people/{writer.person.pk}/"]
        + writer_urls(writer)[:2]
        + writer_urls(writer)[5:8]
    ):
        page = audit(owner_client.get(url).content.decode())
        assert page.h1 == 1, url
        assert page.unlabelled() == [], url


def test_unknown_formats_and_emails_are_404(owner_client, writer):
    for url in (
        f"/letters/writers/{writer.pk}/helper.exe",
        f"/letters/writers/{writer.pk}/emails/spam/",
        f"/letters/writers/{writer.pk}/emails/spam.eml",
        "/letters/writers/999999/",
    ):
        assert owner_client.get(url).status_code == 404, url
    assert owner_client.post(f"/letters/writers/{writer.pk}/emails/spam/sent/", {"on": TODAY}).status_code == 404


# --- Adding writers --------------------------------------------------------------------------


def test_portfolio_empty_state_says_how_to_add_a_first_writer(owner_client):
    html = page_text(owner_client.get("/letters/"))
    assert "No letter writers yet" in html and "Add your attending" in html


def test_adding_a_writer_from_the_person_page(owner_client, owner, attending):
    person_page = page_text(owner_client.get(f"/people/{attending.pk}/"))
    assert "Add as a possible letter writer" in person_page
    response = owner_client.post("/letters/writers/add/", {"person": attending.pk})
    writer = Writer.objects.get(person=attending)
    assert response.status_code == 302 and response.url == f"/letters/writers/{writer.pk}/"
    assert writer.user == owner and stages(writer) == ["candidate"]
    assert writer.stage_changes.get().on == TODAY
    assert "Candidate" in page_text(owner_client.get(f"/people/{attending.pk}/"))
    owner_client.post("/letters/writers/add/", {"person": attending.pk})  # twice is still one writer
    assert Writer.objects.filter(person=attending).count() == 1


def test_the_empty_portfolio_offers_the_people_already_added(owner_client, attending):
    html = page_text(owner_client.get("/letters/"))
    assert f'<option value="{attending.pk}">' in html and "Add to my letter list" in html


def test_another_users_person_or_a_nurse_cannot_be_added(owner_client, other_client, owner, rotation, attending):
    response = other_client.post("/letters/writers/add/", {"person": attending.pk}, follow=True)
    assert "Choose someone from your own people" in page_text(response)
    nurse = person_create(user=owner, rotation=rotation, name="Kim Nguyễn", role="nurse")
    response = owner_client.post("/letters/writers/add/", {"person": nurse.pk}, follow=True)
    assert "Choose someone from your own people" in page_text(response)
    assert not Writer.objects.exists()
    with pytest.raises(ValueError, match="programs expect letters from physicians"):
        services.writer_add(user=owner, person=nurse, on=TODAY)


# --- The ask -----------------------------------------------------------------------------


def test_writer_page_shows_readiness_with_reasons_the_script_and_the_answer_form(owner_client, writer):
    html = page_text(owner_client.get(f"/letters/writers/{writer.pk}/"))
    assert "Ready to ask?" in html and "Next step:" in html
    assert any(label in html for label in ("Ready to ask", "Almost ready", "Not yet"))
    assert "specific stor" in html  # a reason, not a bare number
    assert "strong letter of recommendation" in html and "Dr. Smith," in html and "Dr. Sarah Smith," not in html
    assert "Record the answer" in html


def test_a_confident_yes_goes_straight_to_the_materials(owner_client, writer):
    response = owner_client.post(
        f"/letters/writers/{writer.pk}/answer/", {"answer": "confident_yes", "on": TODAY.isoformat()}
    )
    assert response.status_code == 302 and response.url == f"/letters/writers/{writer.pk}/emails/materials/"
    assert stages(writer) == ["candidate", "asked", "agreed"]  # the ask is recorded with the answer
    html = page_text(owner_client.get(response.url))
    assert "Thank you and LOR materials – Çağlar Yılmaz" in html and "within 24 hours" in html


@pytest.mark.parametrize(
    "answer, stage, words",
    [
        ("hesitant", "hesitant", "fewer strong letters help you more than extra weak ones"),
        ("declined", "declined", "A clear no is useful information"),
    ],
)
def test_a_hesitant_yes_or_a_no_leads_to_a_polite_step_back(owner_client, writer, answer, stage, words):
    at_stage(writer, "asked")
    response = owner_client.post(f"/letters/writers/{writer.pk}/answer/", {"answer": answer, "on": TODAY.isoformat()})
    assert response.url == f"/letters/writers/{writer.pk}/"
    assert stages(writer)[-1] == stage
    html = page_text(owner_client.get(response.url))
    assert "Step back politely" in html and words in html
    assert "Send the thank-you email" not in html


@pytest.mark.parametrize(
    "data, message",
    [
        ({"answer": "maybe", "on": TODAY.isoformat()}, "Choose one of the three answers"),
        ({"on": TODAY.isoformat()}, "Choose the answer they gave"),
        ({"answer": "confident_yes", "on": days(3).isoformat()}, "That date is in the future"),
        ({"answer": "confident_yes", "on": "31/02/2026"}, "Enter a valid date"),
    ],
)
def test_bad_answers_are_refused_with_a_message(owner_client, writer, data, message):
    response = owner_client.post(f"/letters/writers/{writer.pk}/answer/", data, follow=True)
    assert message in page_text(response)
    assert stages(writer) == ["candidate"]


# --- Stage moves ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "before, to, on, message",
    [
        ((), "submitted", 0, "Submitted comes only after the writer has agreed"),
        ((), "materials_sent", 0, "Materials sent comes only after the writer has agreed"),
        (("seeded",), "agreed", 0, "cannot move to “Agreed (strong)”"),
        (("asked", "declined"), "agreed", 0, "next can be “Candidate”"),
        (("asked", "agreed", "materials_sent", "submitted"), "reminded", 0, "already submitted"),
        (("seeded",), "asked", -60, "before the last change"),
        ((), "on_holiday", 0, "Choose one of the stages in the list"),
        ((), "seeded", 2, "That date is in the future"),
    ],
)
def test_impossible_moves_are_refused_with_a_clear_message(owner_client, writer, before, to, on, message):
    at_stage(writer, *before)
    count = writer.stage_changes.count()
    response = owner_client.post(
        f"/letters/writers/{writer.pk}/stage/", {"stage": to, "on": days(on).isoformat()}, follow=True
    )
    assert message in page_text(response)
    assert writer.stage_changes.count() == count


def test_possible_moves_are_dated_and_the_history_is_kept(owner_client, writer):
    for stage, note in (("seeded", "feedback check-in"), ("asked", "")):
        response = owner_client.post(
            f"/letters/writers/{writer.pk}/stage/", {"stage": stage, "on": TODAY.isoformat(), "note": note}
        )
        assert response.status_code == 302
    assert stages(writer) == ["candidate", "seeded", "asked"]
    assert writer.stage_changes.get(stage="seeded").note == "feedback check-in"
    html = page_text(owner_client.get(f"/letters/writers/{writer.pk}/"))
    assert "Seed planted" in html and "feedback check-in" in html


# --- Emails and the reminder policy ----------------------------------------------------------


@pytest.fixture
def deadline_soon(owner):
    return services.program_add(user=owner, name="Mercy IM Residency", deadline=days(20))


def mark_sent(client, writer, kind: str, on: dt.date):
    return client.post(f"/letters/writers/{writer.pk}/emails/{kind}/sent/", {"on": on.isoformat()}, follow=True)


def test_marking_the_materials_email_sent_moves_the_stage(owner_client, writer):
    at_stage(writer, "asked", "agreed")
    response = mark_sent(owner_client, writer, "materials", TODAY)
    assert stages(writer)[-1] == "materials_sent"
    assert "Marked as sent" in page_text(response)
    again = mark_sent(owner_client, writer, "materials", TODAY)
    assert "cannot move to “Materials sent”" in page_text(again)


def test_materials_cannot_be_marked_sent_before_a_yes(owner_client, writer):
    response = mark_sent(owner_client, writer, "materials", TODAY)
    assert "comes only after the writer has agreed" in page_text(response)
    assert stages(writer) == ["candidate"]


@pytest.mark.parametrize(
    "earlier, today_allowed, words",
    [
        ((), True, "Marked as sent"),
        ((-15,), True, "Marked as sent"),
        ((-3,), False, "give them a few weeks"),
        ((-30, -15), False, "You have already sent 2 reminders"),
    ],
)
def test_reminder_policy_allows_two_spaced_reminders_and_refuses_a_third(
    owner_client, writer, deadline_soon, earlier, today_allowed, words
):
    at_stage(writer, "asked", "agreed", "materials_sent", start=-45)
    for offset in earlier:
        StageChange.objects.create(
            user=writer.user, writer=writer, stage="reminded", on=days(offset)
        )  # history as it was
    response = mark_sent(owner_client, writer, "reminder", TODAY)
    assert words in page_text(response)
    assert stages(writer).count("reminded") == len(earlier) + today_allowed


def test_the_first_reminder_waits_for_the_window_before_the_deadline(owner_client, owner, writer):
    services.program_add(user=owner, name="Far Away IM", deadline=days(60))
    at_stage(writer, "asked", "agreed", "materials_sent")
    page = page_text(owner_client.get(f"/letters/writers/{writer.pk}/emails/reminder/"))
    assert "Not now" in page and "3–4 weeks before your deadline" in page
    response = mark_sent(owner_client, writer, "reminder", TODAY)
    assert "It is early" in page_text(response)
    assert "reminded" not in stages(writer)


def test_the_reminder_names_the_eras_dates_and_the_deadline(owner_client, writer, deadline_soon):
    at_stage(writer, "asked", "agreed", "materials_sent")
    html = page_text(owner_client.get(f"/letters/writers/{writer.pk}/emails/reminder/"))
    assert "Good timing" in html and "short note about the letter" in html and "ERAS" in html
    assert f"{deadline_soon.deadline:%B} {deadline_soon.deadline.day}" in html
    assert "mailto:s.smith@mercy.example.org?subject=" in html


@pytest.mark.parametrize("deadline_in, allowed", [(5, True), (20, False)])
def test_the_final_note_only_near_the_deadline_and_only_once(owner_client, owner, writer, deadline_in, allowed):
    services.program_add(user=owner, name="Mercy IM", deadline=days(deadline_in))
    at_stage(writer, "asked", "agreed", "materials_sent")
    response = mark_sent(owner_client, writer, "final", TODAY)
    writer.refresh_from_db()
    assert (writer.final_note_sent_on == TODAY) is allowed
    assert ("Marked as sent" if allowed else "check ERAS again from") in page_text(response)
    if allowed:
        assert "You sent the final note" in page_text(mark_sent(owner_client, writer, "final", TODAY))


def test_after_submission_no_more_reminders(owner_client, writer, deadline_soon):
    at_stage(writer, "asked", "agreed", "materials_sent")
    assert "I see it in ERAS: mark as submitted" in page_text(owner_client.get(f"/letters/writers/{writer.pk}/"))
    owner_client.post(f"/letters/writers/{writer.pk}/stage/", {"stage": "submitted", "on": TODAY.isoformat()})
    assert stages(writer)[-1] == "submitted"
    assert "already submitted" in page_text(mark_sent(owner_client, writer, "reminder", TODAY))
    assert "already submitted" in page_text(mark_sent(owner_client, writer, "final", TODAY))


# --- The portfolio -------------------------------------------------------------------------


def test_portfolio_counts_orders_and_warns(owner_client, owner, rotation, writer, deadline_soon):
    resident = person_create(user=owner, rotation=rotation, name="Dr. José Peña", role="resident")
    chair = person_create(user=owner, name="Prof. Zoë Ångström", role="attending", specialty="Internal Medicine")
    services.writer_add(user=owner, person=resident, on=TODAY)
    big = services.writer_add(user=owner, person=chair, on=TODAY)
    services.writer_update(writer=big, senior_title=True, taught="")
    at_stage(writer, "asked", "agreed", start=-2)

    html = page_text(owner_client.get("/letters/"))
    assert "2–3 strong US clinical letters" in html and "at most 4" in html
    assert "1<small> of 2–3</small>" in html  # strong specialty letters agreed
    assert "Internal Medicine: 9/10" in html
    assert "Prof. Zoë Ångström has an impressive title but little contact" in html
    writers = html[html.index("Your writers") :]
    order = [writers.index(name) for name in ("Dr. Sarah Smith", "Prof. Zoë Ångström", "Dr. José Peña")]
    assert order == sorted(order)  # inpatient attending, then the other attending, then the resident
    assert "Usually written by" in html and "<svg" in html
    assert "Mercy IM Residency" in html


def test_portfolio_shows_a_reminder_due_and_updates_when_sent(owner_client, owner, writer):
    services.program_add(user=owner, name="Lakeside IM", deadline=days(25))  # room for a second reminder
    at_stage(writer, "asked", "agreed", "materials_sent")
    assert "Reminder due" in page_text(owner_client.get("/letters/"))
    mark_sent(owner_client, writer, "reminder", TODAY)
    html = page_text(owner_client.get("/letters/"))
    assert "Reminder due" not in html and "Reminded" in html
    # The next step shown is the letter timeline's: the second reminder, with its dates.
    from lorforge.letters.selectors import writer_timeline
    from lorforge.web.templatetags.web import date_range

    step = writer_timeline(writer=writer, today=TODAY).next_step
    assert step.id == "reminder-2" and step.status == "upcoming"
    assert f"Next: {step.title} · {date_range(step.starts, step.ends)}" in html


def test_writer_details_are_saved_and_used_in_the_script(owner_client, writer):
    response = owner_client.post(
        f"/letters/writers/{writer.pk}/edit/",
        {"taught": "  managing  inpatient diabetes\n\nrunning efficient rounds ", "senior_title": "on"},
    )
    assert response.status_code == 302
    writer.refresh_from_db()
    assert writer.taught == "managing inpatient diabetes\nrunning efficient rounds" and writer.senior_title
    html = page_text(owner_client.get(f"/letters/writers/{writer.pk}/"))
    assert "about managing inpatient diabetes and running efficient rounds" in html  # on time or late: both name it


def test_the_account_export_holds_the_letter_history(owner, writer):
    from lorforge.accounts.services import account_export

    at_stage(writer, "asked", "agreed")
    records = account_export(user=owner)["records"]
    assert [r["stage"] for r in records["stage changes"]] == ["candidate", "asked", "agreed"]
    assert records["writers"][0]["person"] == writer.person.pk
