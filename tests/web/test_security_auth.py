"""Authentication: one spelling of an email, lock-out per account and per client, reset that tells
nothing, Argon2, and sign-ups that race."""

from __future__ import annotations

import time

import pytest
from django.core import mail
from django.test import Client

from lorforge.accounts.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, email, password=PASSWORD, **extra):
    return client.post("/login/", {"username": email, "password": password}, **extra)


@pytest.mark.parametrize("typed", ["  Amara@Example.COM ", "AMARA@EXAMPLE.COM", "amara@example.com\t"])
def test_sign_up_stores_one_spelling_and_refuses_another(client, typed):
    response = client.post("/signup/", {"email": typed, "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    assert list(User.objects.values_list("email", flat=True)) == ["amara@example.com"]
    again = Client().post("/signup/", {"email": "Amara@example.com ", "password1": PASSWORD, "password2": PASSWORD})
    assert "already exists" in again.content.decode() and User.objects.count() == 1


@pytest.mark.parametrize("typed", ["OWNER@EXAMPLE.COM", " Owner@Example.com ", "owner@example.com"])
def test_log_in_with_any_spelling_of_the_email(client, owner, typed):
    response = _login(client, typed)
    assert response.status_code == 302 and response.url == "/today/"


def test_lock_out_cannot_be_bypassed_by_the_emails_case(client, owner, settings):
    spellings = ["owner@example.com", "Owner@example.com", "OWNER@EXAMPLE.COM", " owner@Example.com"]
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, spellings[attempt % len(spellings)], "wrong")
    for spelling in spellings + ["oWnEr@eXaMpLe.CoM"]:
        response = _login(client, spelling)  # the right password, in any spelling, from anywhere
        assert response.status_code == 429, spelling
        response = _login(Client(REMOTE_ADDR="203.0.113.77"), spelling)
        assert response.status_code == 429, f"{spelling} from another address"


def test_one_client_cannot_guess_across_many_accounts(client, owner, other, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(client, f"someone{n}@example.com", "guess")
    assert _login(client, "owner@example.com").status_code == 429  # this client is locked, whatever the email
    assert _login(Client(REMOTE_ADDR="198.51.100.9"), "other@example.com").status_code == 302  # others are not


def test_a_forwarded_address_is_ignored_unless_behind_a_proxy(owner, settings):
    from django.test import RequestFactory

    from lorforge.accounts.security import client_ip

    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.20")
    settings.BEHIND_PROXY = False
    assert client_ip(request) == "10.0.0.5"
    settings.BEHIND_PROXY = True
    assert client_ip(request) == "198.51.100.20"  # the address the proxy saw, not what the client claimed
    bad = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="not-an-ip")
    assert client_ip(bad) == "10.0.0.5"


def test_without_a_proxy_a_spoofed_header_does_not_escape_the_client_lock_out(owner, other, settings):
    settings.BEHIND_PROXY = False
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(Client(), f"guess{n}@example.com", "guess", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert _login(Client(), "other@example.com", HTTP_X_FORWARDED_FOR="192.0.2.200").status_code == 429


def test_behind_a_proxy_clients_are_told_apart(owner, other, settings):
    settings.BEHIND_PROXY = True
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(Client(), f"guess{n}@example.com", "guess", HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert _login(Client(), "other@example.com", HTTP_X_FORWARDED_FOR="192.0.2.1").status_code == 429
    assert _login(Client(), "other@example.com", HTTP_X_FORWARDED_FOR="192.0.2.2").status_code == 302


def test_reset_gives_the_same_answer_for_known_and_unknown_accounts(client, owner):
    known = client.post("/password/reset/", {"email": " OWNER@example.com "}, follow=True)
    unknown = Client().post("/password/reset/", {"email": "nobody@example.com"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain == [("/password/reset/sent/", 302)]
    assert known.content == unknown.content
    assert [m.to for m in mail.outbox] == [["owner@example.com"]]


class SlowMail:
    """A mail backend that takes 0.4 s per message, like a distant SMTP server."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        time.sleep(0.4)
        mail.outbox.extend(messages)
        return len(messages)


def test_reset_timing_does_not_reveal_an_account(client, owner, settings, django_capture_on_commit_callbacks):
    from lorforge.accounts.services import wait_for_background_mail

    settings.LORFORGE_MAIL_IN_BACKGROUND = True
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.SlowMail"}}

    def timed(email):
        start = time.perf_counter()
        with django_capture_on_commit_callbacks(execute=True):
            response = Client().post("/password/reset/", {"email": email})
        assert response.status_code == 302
        return time.perf_counter() - start

    timed("nobody@example.com"), timed("owner@example.com")  # warm up
    wait_for_background_mail()
    mail.outbox.clear()
    known = min(timed("owner@example.com") for _ in range(3))
    unknown = min(timed("nobody@example.com") for _ in range(3))
    assert known < 0.2 and abs(known - unknown) < 0.1, (known, unknown)  # the 0.4 s send is off the request
    wait_for_background_mail()
    assert len(mail.outbox) == 3 and {tuple(m.to) for m in mail.outbox} == {("owner@example.com",)}


def test_passwords_are_hashed_with_argon2_and_old_hashes_upgrade_at_log_in(client, settings):
    from django.contrib.auth.hashers import make_password

    from lorforge import settings as app_settings

    assert app_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    settings.PASSWORD_HASHERS = app_settings.PASSWORD_HASHERS
    user = User.objects.create_user(email="old@example.com", password=None)
    User.objects.filter(pk=user.pk).update(password=make_password(PASSWORD, hasher="pbkdf2_sha256"))
    assert User.objects.get(pk=user.pk).password.startswith("pbkdf2_sha256$")
    assert _login(client, "old@example.com").status_code == 302
    assert User.objects.get(pk=user.pk).password.startswith("argon2")
    assert User.objects.create_user(email="new@example.com", password=PASSWORD).password.startswith("argon2")


def test_a_sign_up_that_loses_the_race_gets_a_form_error_not_a_server_error(client, monkeypatch):
    """Two sign-ups with one email at once: both pass the form's check, the database keeps one."""
    from lorforge.accounts import forms as account_forms
    from lorforge.accounts.services import user_sign_up

    user_sign_up(email="race@example.com", password=PASSWORD)  # the other request, committed a moment ago
    monkeypatch.setattr(
        account_forms.SignUpForm, "clean_email", lambda self: self.cleaned_data["email"].strip().lower()
    )  # its check ran before that
    response = client.post("/signup/", {"email": "race@example.com", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert User.objects.filter(email="race@example.com").count() == 1


def test_deleting_the_account_forgets_its_log_ins_and_sessions(owner, settings):
    from axes.models import AccessAttempt, AccessLog
    from django.contrib.sessions.models import Session

    browser, phone = Client(), Client()
    _login(browser, "Owner@example.com", "wrong")
    assert _login(browser, "owner@example.com").status_code == 302
    assert _login(phone, "owner@example.com").status_code == 302
    stranger = Client()
    _login(stranger, "stranger@example.com", "nope")
    assert AccessLog.objects.filter(username="owner@example.com").exists()
    sessions_before = Session.objects.count()
    assert browser.post("/settings/delete/", {"password": PASSWORD}).status_code == 302
    assert not AccessLog.objects.filter(username__iexact="owner@example.com").exists()
    assert not AccessAttempt.objects.filter(username__iexact="owner@example.com").exists()
    assert AccessAttempt.objects.filter(username="stranger@example.com").exists()  # others' records stay
    assert Session.objects.count() <= sessions_before - 1
    assert all(s.get_decoded().get("_auth_user_id") != str(owner.pk) for s in Session.objects.all())
    assert phone.get("/today/").status_code == 302  # the other device is signed out too
