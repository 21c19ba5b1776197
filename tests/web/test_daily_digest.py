"""The morning digest: at each applicant's own hour in their own zone, once per local day, only to those who
asked and only when there is something to say; claimed with a conditional UPDATE and sent outside any
transaction, so a failed send is retried and two workers never send one digest twice; unsubscribing works
without logging in, with a signed token."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from django.db import connection

from lorforge import clock
from lorforge.accounts.models import Profile
from lorforge.core.plan import LETTER_KEYS
from lorforge.planner import digest
from lorforge.planner.digest import (
    digest_claim_next,
    digest_send_next,
    unsubscribe_token,
)
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
BROKEN = {"default": {"BACKEND": "tests.web.test_daily_digest.BrokenBackend"}}


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise OSError("SMTP server unreachable")


def _opt_in(user, *, hour: int = 6, zone: str = "", last: dt.date | None = None):
    Profile.objects.filter(user=user).update(daily_email=True, digest_hour=hour, time_zone=zone, last_digest_on=last)
    user.refresh_from_db()  # the user object keeps the profile it read: read it again


def _open_loop(user, given_on: dt.date):
    """Feedback not yet followed up: always something to say in the digest."""
    from lorforge.evidence.services import feedback_save

    return feedback_save(
        user=user, given_on=given_on, said="Present your patients more concisely.", change="One-line summary first."
    )


def _at(frozen_clock, day: dt.date, hour: int, minute: int = 0, zone: str = "America/New_York"):
    frozen_clock.move_to(dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ZoneInfo(zone)))


def _a_day_with_a_conversation_due(rotation, today) -> dt.date:
    from lorforge.planner.services import rotation_plan

    return min(
        c.starts for c in rotation_plan(rotation=rotation, today=today) if c.key not in LETTER_KEYS and c.starts > today
    )


# --- Once a day, only when asked, only with something to say -------------------------------------------


def test_one_call_sends_one_email_and_never_twice_a_day(owner, other, rotation, frozen_clock, today):
    _opt_in(owner)
    day = _a_day_with_a_conversation_due(rotation, today)
    _at(frozen_clock, day, 10)
    claim = digest_send_next()
    assert claim.profile.user == owner and claim.day == day
    assert digest_send_next() is None
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["owner@example.com"]
    assert "Dr. Smith" in mail.outbox[0].body and "/today/" in mail.outbox[0].body
    assert Profile.objects.get(user=owner).last_digest_on == day
    _at(frozen_clock, day + dt.timedelta(days=1), 10)
    assert digest_send_next() is not None  # a new day, a new claim


def test_nobody_is_emailed_without_asking(owner, rotation, today):
    _open_loop(owner, today - dt.timedelta(days=10))
    assert digest_send_next() is None
    assert mail.outbox == []


def test_nothing_to_say_means_no_email_but_the_day_is_handled(owner):
    _opt_in(owner)
    claim = digest_send_next()
    assert claim.profile.user == owner
    assert mail.outbox == []
    assert Profile.objects.get(user=owner).last_digest_on == clock.today(owner)


def test_a_deactivated_account_gets_nothing(owner, today):
    _opt_in(owner)
    _open_loop(owner, today - dt.timedelta(days=10))
    owner.is_active = False
    owner.save()
    assert digest_send_next() is None


# --- What it says -----------------------------------------------------------------------------------


def test_it_says_what_is_due_missed_open_and_the_letter_steps_as_the_pages_do(owner, rotation, frozen_clock, today):
    from lorforge.letters.services import writer_add, writer_record_answer
    from lorforge.letters.timelines import letters_to_act_on
    from lorforge.planner.services import rotation_progress

    _opt_in(owner)
    day = _a_day_with_a_conversation_due(rotation, today)
    _at(frozen_clock, day, 10)
    smith = rotation.people.get()
    loop = _open_loop(owner, day - dt.timedelta(days=8))
    loop.giver = smith
    loop.save()
    writer_record_answer(writer=writer_add(user=owner, person=smith, on=day), answer="confident_yes", on=day)

    digest_send_next()
    body = mail.outbox[0].body
    progress = rotation_progress(rotation=rotation, today=day)
    due = [s.checkpoint for s in progress.due if s.checkpoint.key not in LETTER_KEYS]
    missed = [
        s.checkpoint
        for s in progress.missed
        if s.checkpoint.key not in LETTER_KEYS and s.checkpoint.ends >= day - dt.timedelta(days=7)
    ]
    assert due
    for c in due:
        assert c.title in body.split("Due today", 1)[1]
    for c in missed[:3]:
        assert c.title in body.split("Missed", 1)[1]
    assert "Show Sarah Smith how you worked on their feedback" in body or "Show Dr. Sarah Smith how" in body
    letters = letters_to_act_on(user=owner, today=day)
    assert letters and all(t.timeline.next_step.title in body.split("Letters", 1)[1] for t in letters)
    assert "Email Dr. Smith your materials" in body
    assert "/letters/writers/" in body  # the link to the letter's page
    assert mail.outbox[0].subject.startswith(f"Today, {day:%a}, {day:%b} {day.day}")
    for text in ("Present your patients", "One-line summary"):  # what was said stays out of email
        assert text not in body


def test_missed_steps_are_mentioned_once(owner, rotation, frozen_clock, today):
    from lorforge.planner.services import rotation_progress

    _opt_in(owner)
    _open_loop(owner, today - dt.timedelta(days=30))  # something to say every day
    days = [rotation.start_date + dt.timedelta(days=n) for n in range(12)]
    mentioned: dict[str, int] = {}
    for day in days:
        _at(frozen_clock, day, 10)
        mail.outbox.clear()
        digest_send_next()
        body = mail.outbox[0].body if mail.outbox else ""
        section = body.split("Missed", 1)[1].split("Feedback to follow up", 1)[0] if "\nMissed\n" in body else ""
        for step in rotation_progress(rotation=rotation, today=day).missed:
            if step.checkpoint.key not in LETTER_KEYS and step.checkpoint.title + " (" in section:
                mentioned[step.checkpoint.id] = mentioned.get(step.checkpoint.id, 0) + 1
    assert mentioned and set(mentioned.values()) == {1}


# --- Their own hour, in their own zone -------------------------------------------------------------------


def test_kolkata_and_chicago_get_theirs_at_their_own_hour(frozen_clock, db):
    day = clock.today() + dt.timedelta(days=1)
    kolkata, chicago = make_user("kolkata@example.com"), make_user("chicago@example.com")
    for user, zone in ((kolkata, "Asia/Kolkata"), (chicago, "America/Chicago")):
        _opt_in(user, hour=7, zone=zone, last=day - dt.timedelta(days=1))  # yesterday's went out
        _open_loop(user, day - dt.timedelta(days=20))

    def sent() -> list[str]:
        result = [m.to[0] for m in mail.outbox]
        mail.outbox.clear()
        return result

    def run_all() -> list[str]:
        while digest_send_next():
            pass
        return sent()

    _at(frozen_clock, day, 6, 55, "Asia/Kolkata")
    assert run_all() == []
    _at(frozen_clock, day, 7, 5, "Asia/Kolkata")  # 7:05 in Kolkata is the evening before in Chicago
    assert run_all() == ["kolkata@example.com"]
    assert Profile.objects.get(user=kolkata).last_digest_on == day
    _at(frozen_clock, day, 6, 55, "America/Chicago")  # Kolkata's afternoon: handled already
    assert run_all() == []
    _at(frozen_clock, day, 7, 5, "America/Chicago")
    assert run_all() == ["chicago@example.com"]
    assert Profile.objects.get(user=chicago).last_digest_on == day
    _at(frozen_clock, day, 23, 30, "America/Chicago")  # already the next morning in Kolkata
    assert run_all() == ["kolkata@example.com"]
    assert Profile.objects.get(user=kolkata).last_digest_on == day + dt.timedelta(days=1)


def test_a_digest_speaks_of_the_applicants_own_date(frozen_clock, db):
    day = clock.today() + dt.timedelta(days=1)
    user = make_user("kolkata@example.com")
    _opt_in(user, hour=6, zone="Asia/Kolkata", last=day - dt.timedelta(days=1))
    _open_loop(user, day - dt.timedelta(days=20))
    _at(frozen_clock, day, 6, 30, "Asia/Kolkata")  # still the day before on the server (New York)
    assert clock.today() == day - dt.timedelta(days=1)
    claim = digest_send_next()
    assert claim.day == day and f"{day:%b} {day.day}" in mail.outbox[0].subject


# --- Failures are retried, never lost ------------------------------------------------------------------


def test_a_failing_mail_server_leaves_the_digest_to_be_retried(owner, settings, today):
    _opt_in(owner, last=today - dt.timedelta(days=3))
    _open_loop(owner, today - dt.timedelta(days=10))
    settings.MAILERS = BROKEN
    with pytest.raises(OSError):
        digest_send_next()
    assert Profile.objects.get(user=owner).last_digest_on == today - dt.timedelta(days=3)  # the claim is back
    settings.MAILERS = LOCMEM
    assert digest_send_next().profile.user == owner
    assert [m.to for m in mail.outbox] == [["owner@example.com"]]


def test_the_command_reports_a_failure_goes_on_with_the_others_and_a_later_run_retries(
    owner, other, settings, today, capsys
):
    for user in (owner, other):
        _opt_in(user)
        _open_loop(user, today - dt.timedelta(days=10))
    settings.MAILERS = BROKEN
    with pytest.raises(CommandError, match="2 digests could not be sent"):
        call_command("send_daily_digest", "--all")
    err = capsys.readouterr().err
    assert "owner@example.com" in err and "retried" in err
    assert set(Profile.objects.filter(daily_email=True).values_list("last_digest_on", flat=True)) == {None}
    settings.MAILERS = LOCMEM
    call_command("send_daily_digest", "--all")
    assert "Handled 2 applicants, sent 2 emails." in capsys.readouterr().out
    assert sorted(m.to[0] for m in mail.outbox) == ["other@example.com", "owner@example.com"]


def test_the_command_handles_one_or_all(owner, other, capsys, db):
    third = make_user("third@example.com")
    for user in (owner, other, third):
        _opt_in(user)
    call_command("send_daily_digest")
    assert "Handled 1 applicant, sent 0 emails." in capsys.readouterr().out
    call_command("send_daily_digest", "--all")
    assert "Handled 2 applicants, sent 0 emails." in capsys.readouterr().out
    call_command("send_daily_digest", "--all")
    assert "Handled 0 applicants" in capsys.readouterr().out


def test_the_claim_is_a_conditional_update_that_only_one_caller_wins(owner, today):
    _opt_in(owner)
    first = digest_claim_next()
    Profile.objects.filter(pk=first.profile.pk).update(last_digest_on=first.previous)  # as if not yet claimed…
    stale = digest._candidates(clock.now(), frozenset())  # …two workers read the same candidate
    rows = list(stale)
    assert digest_claim_next() is not None
    # The second worker tries the row it read before the first one claimed it: 0 rows updated, no claim.
    assert Profile.objects.filter(pk=rows[0].pk).filter(digest._not_handled(today)).update(last_digest_on=today) == 0
    assert digest_claim_next() is None


# --- Unsubscribing -----------------------------------------------------------------------------------


def _a_digest(owner, today):
    _opt_in(owner)
    _open_loop(owner, today - dt.timedelta(days=10))
    digest_send_next()
    return mail.outbox[0]


def test_every_digest_has_an_unsubscribe_link_and_the_headers(owner, today, settings):
    settings.SITE_URL = "https://lorforge.example.org"
    message = _a_digest(owner, today)
    link = message.extra_headers["List-Unsubscribe"]
    assert link.startswith("<https://lorforge.example.org/digest/unsubscribe/") and link.endswith("/>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"Stop these emails: {link[1:-1]}" in message.body
    parsed = message.message()
    assert parsed["List-Unsubscribe"] == link and parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_link_works_logged_out_with_one_click_and_a_tampered_one_is_refused(owner, today, settings):
    from django.test import Client

    settings.SITE_URL = "https://lorforge.example.org"
    link = _a_digest(owner, today).extra_headers["List-Unsubscribe"][1:-1]
    path = link.removeprefix("https://lorforge.example.org")
    client = Client(enforce_csrf_checks=True)  # a mail provider's one-click POST has no CSRF token

    page = client.get(path)
    assert page.status_code == 200 and "Stop the daily email" in page.content.decode()
    assert Profile.objects.get(user=owner).daily_email  # a GET (a link scanner) changes nothing

    token = path.rstrip("/").rsplit("/", 1)[1]
    for bad in (
        token[:-2] + ("xy" if not token.endswith("xy") else "zz"),
        token + "A",
        "nonsense",
        unsubscribe_token(owner).replace(":", ".", 1),
    ):
        response = client.post(f"/digest/unsubscribe/{bad}/", {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 400, bad
        assert "not valid" in response.content.decode()
    assert Profile.objects.get(user=owner).daily_email

    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "will not get the daily email" in response.content.decode()
    assert not Profile.objects.get(user=owner).daily_email
    assert "already off" in client.get(path).content.decode()


def test_a_token_is_for_one_account_only(owner, other, today):
    from django.core import signing
    from django.test import Client

    forged = signing.dumps({"u": other.pk, "e": owner.email}, salt=digest.UNSUBSCRIBE_SALT, compress=True)
    wrong_salt = signing.dumps({"u": other.pk, "e": other.email}, compress=True)
    for token in (forged, wrong_salt):
        assert Client().post(f"/digest/unsubscribe/{token}/").status_code == 400
    _opt_in(other)
    Client().post(f"/digest/unsubscribe/{unsubscribe_token(other)}/")
    assert not Profile.objects.get(user=other).daily_email


# --- Two workers at once, against PostgreSQL ---------------------------------------------------------

postgres_only = pytest.mark.skipif(
    os.environ.get("LORFORGE_TEST_DB", "sqlite") != "postgres",
    reason="concurrent claims are tested against PostgreSQL (LORFORGE_TEST_DB=postgres)",
)


def _cohort(n: int, *, given_on: dt.date, hour: int = 6) -> list[str]:
    emails = []
    for i in range(n):
        user = make_user(f"applicant{i:02d}@example.com", name=f"Applicant {i}")
        _opt_in(user, hour=hour)
        _open_loop(user, given_on)
        emails.append(user.email)
    return emails


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_digest_exactly_once_threads(monkeypatch, today):
    emails = _cohort(20, given_on=today - dt.timedelta(days=10))
    barrier = threading.Barrier(2, timeout=30)
    real = digest._candidates
    first_call: dict[int, bool] = {}

    def candidates_then_wait(now, skip):
        rows = list(real(now, skip))
        if threading.get_ident() not in first_call:  # both workers read the same list before either claims
            first_call[threading.get_ident()] = True
            barrier.wait()
        return rows

    monkeypatch.setattr(digest, "_candidates", candidates_then_wait)
    claims: dict[str, list[str]] = {"a": [], "b": []}
    errors: list[BaseException] = []

    def worker(name):
        try:
            while claim := digest_send_next():
                claims[name].append(claim.profile.user.email)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(name,)) for name in claims]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    assert sorted(claims["a"] + claims["b"]) == sorted(emails)  # each applicant claimed exactly once
    assert sorted(m.to[0] for m in mail.outbox) == sorted(emails)  # each digest sent exactly once
    assert claims["a"] and claims["b"]  # both workers did work
    assert set(Profile.objects.values_list("last_digest_on", flat=True)) == {clock.today()}


WORKER = """
import os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "lorforge.settings"
import django
django.setup()
from django.core.management import call_command
from django.test.utils import override_settings
with override_settings(MAILERS={"default": {"BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                                            "OPTIONS": {"file_path": sys.argv[1]}}}):
    call_command("send_daily_digest", "--all")
"""


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_processes_at_once_send_each_digest_exactly_once(tmp_path):
    # Real processes read the real clock: hour 0 and a loop from long ago make everyone due on any day.
    emails = _cohort(30, given_on=dt.date(2000, 1, 3), hour=0)
    from urllib.parse import urlsplit, urlunsplit

    server = urlsplit(os.environ["DATABASE_URL"])  # the same server, the test database
    url = urlunsplit(server._replace(path="/" + connection.settings_dict["NAME"]))
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT / "src")}
    env.pop("TIME_ZONE", None)
    outs = [tmp_path / "a", tmp_path / "b"]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(out)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for out in outs
    ]
    results = [p.communicate(timeout=120) for p in procs]
    for proc, (_out, err) in zip(procs, results):
        assert proc.returncode == 0, err
    handled = [int(out.split("Handled ", 1)[1].split(" ", 1)[0]) for out, _ in results]
    assert sum(handled) == len(emails)
    sent = []
    for out in outs:
        for path in out.glob("*.log") if out.exists() else []:
            sent += [
                line.split(": ", 1)[1].strip() for line in path.read_text().splitlines() if line.startswith("To: ")
            ]
    assert sorted(sent) == sorted(emails)  # every digest exactly once across both processes
    assert Profile.objects.filter(daily_email=True, last_digest_on__isnull=True).count() == 0
