"""Sign-up, log-in, profile, passwords and account deletion."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.core import mail

from lorforge import clock
from lorforge.accounts.models import Profile, User
from lorforge.core.season import season_for
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_sign_up_creates_account_and_profile_then_asks_for_profile(client):
    response = client.post("/signup/", {"email": "Amara@Example.com", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302 and response.url == "/settings/profile/"
    user = User.objects.get()
    assert user.email == "amara@example.com"
    assert Profile.objects.filter(user=user).exists()
    assert client.get("/today/").status_code == 200


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "not-an-email", "password1": PASSWORD, "password2": PASSWORD}, "email", "valid email"),
        ({"email": "a@example.com", "password1": PASSWORD, "password2": PASSWORD + "x"}, "password2", "didn’t match"),
        ({"email": "a@example.com", "password1": "short", "password2": "short"}, "password2", "too short"),
        ({"email": "", "password1": PASSWORD, "password2": PASSWORD}, "email", "required"),
    ],
)
def test_sign_up_rejects_bad_input_and_keeps_the_email(client, data, field, message):
    response = client.post("/signup/", data)
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert not User.objects.exists()
    if data["email"]:
        assert f'value="{data["email"]}"' in response.content.decode()


def test_sign_up_refuses_an_existing_email_whatever_the_case(client, owner):
    response = client.post("/signup/", {"email": "OWNER@example.com", "password1": PASSWORD, "password2": PASSWORD})
    assert "already exists" in response.content.decode()
    assert User.objects.count() == 1


def test_log_in_with_email_and_log_out(client, owner):
    response = client.post("/login/", {"username": "owner@example.com", "password": PASSWORD})
    assert response.status_code == 302 and response.url == "/today/"
    assert client.post("/logout/").status_code == 302
    assert client.get("/today/").status_code == 302


def test_wrong_password_gives_a_clear_message(client, owner):
    response = client.post("/login/", {"username": "owner@example.com", "password": "nope"})
    assert response.status_code == 200
    assert "do not match an account" in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/today/", "/rotations/", "/people/", "/settings/", "/settings/profile/", "/rotations/new/", "/people/new/"]
)
def test_private_pages_send_anonymous_visitors_to_log_in(anon_client, url):
    response = anon_client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/login/?next=")


@pytest.mark.parametrize("url", ["/", "/login/", "/signup/", "/password/reset/", "/healthz/"])
def test_public_pages_open_without_log_in(anon_client, url):
    assert anon_client.get(url).status_code == 200


def test_profile_saves_and_first_save_leads_to_adding_a_rotation(client, db):
    from lorforge.accounts.services import user_sign_up

    user = user_sign_up(email="new@example.com", password=PASSWORD)
    client.force_login(user)
    response = client.post(
        "/settings/profile/",
        {
            "display_name": "  Nguyễn   Thị Hương ",
            "medical_school": "Hanoi Medical University",
            "country": "Vietnam",
            "target_specialty": "Internal Medicine",
            "aamc_id": "1234 5678",
            "season": str(season_for(clock.today())),
        },
    )
    assert response.status_code == 302 and response.url == "/rotations/new/"
    profile = Profile.objects.get(user=user)
    assert profile.display_name == "Nguyễn Thị Hương"
    assert profile.aamc_id == "12345678"


@pytest.mark.today("2026-11-25")
@pytest.mark.parametrize(
    "season, late, error",
    [
        (2027, False, "started reviewing applications on Sep 23, 2026"),  # programs already reviewing: say so
        (2027, True, None),  # ... and accept it when the applicant says they are applying now
        (2028, False, None),  # the season still ahead
    ],
)
def test_a_season_already_reviewing_is_explained_and_needs_a_yes(client, db, season, late, error):
    from lorforge.accounts.services import user_sign_up

    user = user_sign_up(email="late@example.com", password=PASSWORD)
    client.force_login(user)
    data = {"display_name": "Ana Souza", "target_specialty": "Family Medicine", "season": str(season)}
    if late:
        data["apply_late"] = "on"
    response = client.post("/settings/profile/", data)
    profile = Profile.objects.get(user=user)
    if error:
        assert response.status_code == 200 and error in unescape(response.content.decode())
        assert "choose the 2028 match" in unescape(response.content.decode())
        assert profile.season is None and profile.display_name != "Ana Souza"  # nothing saved
    else:
        assert response.status_code == 302 and profile.season == season


def test_the_profile_form_suggests_the_season_still_ahead(client, db):
    from lorforge.accounts.services import user_sign_up

    client.force_login(user_sign_up(email="fresh@example.com", password=PASSWORD))
    assert f'value="{season_for(clock.today())}"' in client.get("/settings/profile/").content.decode()


def _year() -> int:

    return clock.today().year


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("display_name", "   ", "Enter your name"),
        ("aamc_id", "12ab", "8 digits"),
        ("season", "1999", "match year between"),
        ("display_name", "x" * 121, "at most 120 characters"),
    ],
)
def test_profile_rejects_bad_input_and_keeps_the_rest(owner_client, field, value, message):
    data = {
        "display_name": "Çağlar Yılmaz",
        "medical_school": "Ankara University",
        "country": "Türkiye",
        "target_specialty": "Internal Medicine",
        "aamc_id": "",
        "season": str(_year() + 1),
        field: value,
    }
    response = owner_client.post("/settings/profile/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'value="Ankara University"' in response.content.decode()


def test_password_reset_sends_a_working_link(client, owner):
    client.post("/password/reset/", {"email": "owner@example.com"})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/password/reset/\S+/)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    assert "Choose a new password" in response.content.decode()
    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": "brand-new-pass-42", "new_password2": "brand-new-pass-42"}
    )
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password("brand-new-pass-42")


def test_password_reset_for_unknown_email_reveals_nothing(client, db):
    response = client.post("/password/reset/", {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_change(owner_client, owner):
    response = owner_client.post(
        "/password/change/",
        {"old_password": PASSWORD, "new_password1": "another-long-pass-7", "new_password2": "another-long-pass-7"},
    )
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password("another-long-pass-7")


def test_season_dates_reject_impossible_order(owner_client):
    response = owner_client.post(
        "/settings/season/",
        {"applications_open": f"{_year()}-06-04", "submission_opens": f"{_year()}-05-01", "programs_review": ""},
    )
    assert response.status_code == 200
    assert "Submission cannot open before ERAS opens" in response.content.decode()


def test_delete_account_needs_the_password_and_removes_everything(owner_client, owner, rotation):
    response = owner_client.post("/settings/delete/", {"password": "wrong"})
    assert "not your current password" in response.content.decode()
    assert User.objects.filter(pk=owner.pk).exists()
    response = owner_client.post("/settings/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=owner.pk).exists()
    from lorforge.rotations.models import Person, Rotation

    assert not Rotation.objects.exists() and not Person.objects.exists()


def test_repeated_wrong_passwords_lock_log_in_for_a_while(client, owner, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": "owner@example.com", "password": "wrong"})
    response = client.post("/login/", {"username": "owner@example.com", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


def test_export_holds_everything_of_the_owner_and_nothing_of_others(owner_client, other, rotation):
    import json

    from lorforge.rotations.services import rotation_create

    rotation_create(
        user=other,
        site="Secret Hospital",
        specialty="Surgery",
        kind="clerkship",
        setting="inpatient",
        start_date=rotation.start_date,
        end_date=rotation.end_date,
    )
    assert "No patient details found" in owner_client.get("/settings/export/").content.decode()
    response = owner_client.get("/settings/export/?download=1")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="lorforge-export-')
    assert response["Content-Disposition"].endswith('.zip"')
    import io
    import zipfile

    assert response.streaming  # sent piece by piece, never held whole in memory
    text = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).read("lorforge.json").decode()
    data = json.loads(text)
    assert data["format"] == "lorforge-export" and data["version"] == 1
    assert data["account"] == "owner@example.com"
    assert [r["site"] for r in data["records"]["rotations.rotation"]] == ["Mercy General"]
    assert data["records"]["accounts.profile"][0]["display_name"] == "Çağlar Yılmaz"
    assert "Secret Hospital" not in text


def test_export_needs_log_in(anon_client):
    assert anon_client.get("/settings/export/").status_code == 302


def test_export_warns_about_patient_details_before_download(owner_client, owner, rotation):
    from lorforge.evidence.models import Story

    Story.objects.create(
        user=owner, rotation=rotation, text="Sat with Mr. Johnson for an hour.", happened_on=rotation.start_date
    )
    page = owner_client.get("/settings/export/").content.decode()
    assert "1 possible patient detail" in page and "Johnson" in page and "Download anyway" in page


def test_the_export_check_reads_the_findings_stored_with_entries_and_refreshes_the_stale(
    owner_client, owner, other, rotation
):
    """Entries saved through the app store the guard's findings; rows stored before (or by another edition of
    the guard) are checked again once and stored; kept words and other accounts' rows never show."""
    from lorforge.accounts.services import kept_words_add
    from lorforge.core.privacy import stored
    from lorforge.evidence.models import Story
    from lorforge.evidence.services import story_save

    story_save(user=owner, rotation=rotation, text="Walked Mrs. Delgado to CT.", happened_on=rotation.start_date)
    old = Story.objects.create(  # as imported or saved by an older LORforge: no current findings
        user=owner, rotation=rotation, text="Called her daughter at 555-201-7788.", happened_on=rotation.start_date
    )
    Story.objects.create(user=other, text="Sat with Mr. Johnson.", happened_on=rotation.start_date)
    page = unescape(owner_client.get("/settings/export/").content.decode())
    assert "2 possible patient details" in page and "Delgado" in page and "555-201-7788" in page
    assert "Johnson" not in page
    old.refresh_from_db()
    assert stored.current(old.findings, today=clock.today(owner))  # stored: the next check reads it
    kept_words_add(user=owner, words=["Mrs. Delgado"])
    page = unescape(owner_client.get("/settings/export/").content.decode())
    assert "1 possible patient detail" in page and "Delgado" not in page


def test_a_task_stores_the_guards_findings_and_the_export_check_reads_them(owner_client, owner, rotation):
    """Tasks are checked when they are added or blocked, like the evidence: the export check reads what they
    stored instead of running the guard over every task of the account on each visit."""
    from lorforge.core.privacy import stored
    from lorforge.evidence.services import task_add, task_set_status

    today = clock.today(owner)
    task = task_add(rotation=rotation, day=today, text="Call Mrs. Delgado's daughter back")
    assert stored.current(task.findings, today=today)
    assert [f["text"] for f in task.findings["found"]] == ["Mrs. Delgado"]
    task = task_set_status(task=task, status="blocked", reason="her number 555-201-7788 is busy")
    assert {f["field"] for f in task.findings["found"]} == {"text", "reason"}

    page = unescape(owner_client.get("/settings/export/").content.decode())
    assert "2 possible patient details" in page and "Delgado" in page and "555-201-7788" in page

    task_set_status(task=task, status="open")  # the reason is cleared, and with it what was found in it
    page = unescape(owner_client.get("/settings/export/").content.decode())
    assert "1 possible patient detail" in page and "555-201-7788" not in page
