"""The morning email: one applicant per unit of work, only to those who asked, only when something is due."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from lorforge.accounts.models import Profile
from lorforge.rotations.digest import digest_send_next
from lorforge.rotations.services import rotation_plan
from lorforge import clock

pytestmark = pytest.mark.django_db


def _opt_in(user):
    Profile.objects.filter(user=user).update(daily_email=True)


def _a_day_with_something_due(rotation) -> dt.date:
    return next(c.starts for c in rotation_plan(rotation=rotation) if c.starts >= rotation.start_date)


def test_one_call_sends_one_email_and_never_twice_a_day(owner, other, rotation):
    _opt_in(owner)
    day = _a_day_with_something_due(rotation)
    assert digest_send_next(today=day).user == owner
    assert digest_send_next(today=day) is None
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["owner@example.com"]
    assert "Dr. Sarah Smith" in mail.outbox[0].body and "/today/" in mail.outbox[0].body
    assert digest_send_next(today=day + dt.timedelta(days=1)) is not None  # a new day, a new claim


def test_nobody_is_emailed_without_asking(owner, rotation):
    assert digest_send_next(today=_a_day_with_something_due(rotation)) is None
    assert mail.outbox == []


def test_nothing_due_means_no_email_but_the_day_is_handled(owner):
    _opt_in(owner)
    assert digest_send_next(today=clock.today()).user == owner
    assert mail.outbox == []
    assert Profile.objects.get(user=owner).last_digest_on == clock.today()


def test_a_failed_send_is_retried_later(owner, rotation, settings):
    _opt_in(owner)
    day = _a_day_with_something_due(rotation)
    settings.MAILERS = {"default": {"BACKEND": "tests.web.test_daily_digest.BrokenBackend"}}
    with pytest.raises(OSError):
        digest_send_next(today=day)
    assert Profile.objects.get(user=owner).last_digest_on is None
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert digest_send_next(today=day).user == owner


def test_the_command_handles_one_or_all(owner, other, capsys):
    _opt_in(owner)
    _opt_in(other)
    call_command("send_daily_digest")
    assert "Handled 1 applicant." in capsys.readouterr().out
    call_command("send_daily_digest", "--all")
    assert "Handled 1 applicant." in capsys.readouterr().out
    call_command("send_daily_digest", "--all")
    assert "Handled 0 applicants." in capsys.readouterr().out


def test_settings_turns_the_email_on_and_off(owner_client, owner, other_client):
    owner_client.post("/settings/notifications/", {"daily_email": "on"})
    assert Profile.objects.get(user=owner).daily_email
    owner_client.post("/settings/notifications/", {})
    assert not Profile.objects.get(user=owner).daily_email


from django.core.mail.backends.base import BaseEmailBackend  # noqa: E402


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise OSError("SMTP server unreachable")
