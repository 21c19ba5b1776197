"""Every page, from the URL resolver: a page added tomorrow is checked without anyone listing it.

For each URL pattern: another user gets 404 (GET and POST) and sees nothing of the owner's; an
anonymous visitor is sent to log in (unless the page is public); the owner's page has one <h1>,
labelled inputs, a strict CSP and ``Cache-Control: no-store, private``.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.test_guards import audit

TODAY = dt.date(2026, 3, 10)
PUBLIC = {
    "home",
    "healthz",
    "signup",
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "calendar_feed",
    "digest_unsubscribe",
    "writer_page",
    "writer_page_helper",
    "writer_page_document",
    "writer_page_uploaded",
}
TOKEN_PAGES = {
    "password_reset_confirm",
    "calendar_feed",
    "digest_unsubscribe",  # the token in the URL is the key
    "writer_page",
    "writer_page_helper",
    "writer_page_document",
    "writer_page_uploaded",
}
POST_ONLY_OK = {"logout"}


def url_patterns(patterns=None, prefix="") -> list[tuple[str, URLPattern]]:
    """(name, pattern) of every named URL, includes followed."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            found += url_patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        elif pattern.name:
            found.append((pattern.name, pattern))
    return found


def build_account(user, today: dt.date = TODAY) -> dict:
    """The demo's full account for ``user``, plus what the demo leaves out; ids of one of each."""
    from lorforge import demo
    from lorforge.accounts.services import kept_words_add
    from lorforge.evidence.models import (
        Compliment,
        Feedback,
        PresentationDraft,
        Story,
        Task,
    )
    from lorforge.evidence.services import presentation_save
    from lorforge.letters.models import Material, Program, Writer
    from lorforge.letters.services import program_add
    from lorforge.planner.services import rotation_plan

    result = demo.demo_load(today=today)
    owner = result.user
    if user is not None and user != owner:  # move it over (the demo always uses its own email)
        raise ValueError("build_account works on the demo user")
    presentation_save(user=owner, kind="oral", values={"one_liner": "A 60-year-old with chest pain."}, draft=None)
    if not Program.objects.filter(user=owner).exists():
        program_add(user=owner, name="Mercy General Internal Medicine", deadline=today + dt.timedelta(days=120))
    kept_words_add(user=owner, words=["Kowalski"])
    rotation = owner.rotations.order_by("-start_date").first()
    writer = Writer.objects.filter(user=owner).first()
    return {
        "user": owner,
        "password": result.password,
        "rotation": rotation,
        "checkpoint": rotation_plan(rotation=rotation)[0].id,
        "ids": {
            "rotation": rotation.pk,
            "person": owner.people.first().pk,
            "story": Story.objects.filter(user=owner).first().pk,
            "feedback": Feedback.objects.filter(user=owner).first().pk,
            "compliment": Compliment.objects.filter(user=owner).first().pk,
            "task": Task.objects.filter(user=owner).first().pk,
            "presentation": PresentationDraft.objects.filter(user=owner).first().pk,
            "writer": writer.pk,
            "material": Material.objects.filter(user=owner).first().pk,
            "program": Program.objects.filter(user=owner).first().pk,
        },
    }


# url name -> (kind of object its pk is, other kwargs). A new URL with arguments must be added here:
# the test below fails until it is, so no page escapes the checks.
ARGS = {
    "rotation_detail": "rotation",
    "rotation_edit": "rotation",
    "rotation_delete": "rotation",
    "rotation_lead": "rotation",
    "rotation_plan": "rotation",
    "rotation_calendar": "rotation",
    "rotation_today": "rotation",
    "daily_check": "rotation",
    "checkpoint_done": "rotation",
    "checkpoint_undo": "rotation",
    "rotation_tasks": "rotation",
    "person_detail": "person",
    "person_edit": "person",
    "person_delete": "person",
    "story_edit": "story",
    "story_delete": "story",
    "feedback_edit": "feedback",
    "feedback_follow_up": "feedback",
    "feedback_delete": "feedback",
    "compliment_edit": "compliment",
    "compliment_delete": "compliment",
    "task_status": "task",
    "task_delete": "task",
    "presentation_edit": "presentation",
    "presentation_delete": "presentation",
    "writer_detail": "writer",
    "writer_edit": "writer",
    "writer_move": "writer",
    "writer_answer": "writer",
    "writer_helper": "writer",
    "writer_email_eml": "writer",
    "writer_email": "writer",
    "writer_email_sent": "writer",
    "material_download": "material",
    "material_delete": "material",
    "program_delete": "program",
    "program_edit": "program",
    "program_assign": "program",
    "program_unassign": "program",
    "program_suggested": "program",
    "program_applied": "program",
    "eras_entry": "writer",
    "request_form": "writer",
    "writer_link_new": "writer",
    "writer_link_revoke": "writer",
    "writer_share": "writer",
    "writer_page": None,
    "writer_page_helper": None,
    "writer_page_document": None,
    "writer_page_uploaded": None,
    "presentation_create": None,
    "password_reset_confirm": None,
    "calendar_feed": None,
    "digest_unsubscribe": None,
}
EXTRA = {
    "fmt": "pdf",
    "uidb64": "MQ",
    "token": "set-password",
    "feed_token": "not-the-token",
    "signed": "not-signed",
    "link": "1.not-the-nonce:not-signed",
    "what": "cv",
}


def urls_for(account) -> list[tuple[str, str]]:
    """(name, url) for every named URL, with the owner's objects filled in."""
    out = []
    for name, pattern in url_patterns():
        params = list(pattern.pattern.converters)
        kwargs = {}
        if params:
            assert name in ARGS, f"URL {name!r} takes {params}: add it to ARGS in {__file__}"
            for param in params:
                if param == "pk":
                    kwargs["pk"] = account["ids"][ARGS[name]]
                elif param == "checkpoint_id":
                    kwargs[param] = account["checkpoint"]
                elif param == "kind":
                    kwargs[param] = "oral" if name == "presentation_create" else "materials"
                else:
                    kwargs[param] = EXTRA[param]
        out.append((name, reverse(name, kwargs=kwargs)))
    return out


@pytest.fixture
def account(db):
    with time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False):
        yield build_account(None)


def _signed_in(account):
    from django.test import Client

    client = Client()
    client.force_login(account["user"])
    return client


@pytest.mark.django_db
def test_every_url_is_covered_by_the_table(account):
    urls = urls_for(account)
    assert len(urls) >= 70 and {"letters", "writer_detail", "materials", "import_data"} <= {n for n, _ in urls}


@pytest.mark.django_db
def test_another_user_gets_404_on_every_object_url_and_sees_nothing(account, other_client):
    owner_words = ["Kowalski", "St. Agnes", "Riverside", "Nguyễn"]
    checked = 0
    for name, url in urls_for(account):
        if name not in ARGS or ARGS[name] is None:
            continue
        get = other_client.get(url)
        assert get.status_code in (404, 405), (url, get.status_code)
        post = other_client.post(url, {"text": "x", "status": "done", "outcome": "went_well", "password": "x"})
        assert post.status_code == 404, (url, post.status_code)
        body = get.content.decode(errors="replace") + post.content.decode(errors="replace")
        assert not any(word in body for word in owner_words), url
        checked += 1
    assert checked >= 35


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in_everywhere_but_public_pages(account, anon_client):
    for name, url in urls_for(account):
        if name in PUBLIC:
            continue
        response = anon_client.get(url)
        assert response.status_code == 302 and response.url.startswith("/login/?next="), (url, response.status_code)
        response = anon_client.post(url, {})
        assert response.status_code == 302 and response.url.startswith("/login/?next="), (url, response.status_code)


@pytest.mark.django_db
def test_every_page_has_one_h1_labelled_inputs_a_csp_and_no_caching(account, anon_client):
    owner = _signed_in(account)
    seen = 0
    with time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False):
        for name, url in urls_for(account):
            client = anon_client if name in PUBLIC else owner
            response = client.get(url)
            if response.status_code in (405, 302):  # POST-only actions; signed-in redirects
                continue
            if name in TOKEN_PAGES and response.status_code in (400, 404):  # a wrong key opens nothing
                continue
            assert response.status_code == 200, (url, response.status_code)
            assert "unsafe-inline" not in response["Content-Security-Policy"], url
            if client is owner or "attachment" in response.get("Content-Disposition", ""):
                cache = response["Cache-Control"]
                assert "no-store" in cache and "private" in cache, (url, cache)
            if response["Content-Type"].startswith("text/html"):
                page = audit(response.content.decode())
                assert page.h1 == 1, f"{url} has {page.h1} <h1>"
                assert page.unlabelled() == [], f"{url} has unlabelled inputs {page.unlabelled()}"
            seen += 1
    assert seen >= 45
