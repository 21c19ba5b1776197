"""Stored XSS: a payload in every text field of a full account, every page loaded in Chromium, no dialog.

The fields come from the models and the pages from the URL resolver, so a field or a page added
later is covered without anyone listing it.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.apps import apps
from django.db import models

from tests.conftest import browser_login
from tests.web.test_security_pages import PUBLIC, build_account, urls_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "'><svg onload=alert(3)>",
    "javascript:alert(4)",
    "</textarea><script>alert(5)</script>",
    "{{7*7}}<iframe srcdoc='<script>parent.alert(6)</script>'>",
    '";alert(7);//',
    "<a href=javascript:alert(8)>x</a>",
]
SKIP = {"email", "checkpoint_id", "key", "file", "original_name", "file_type", "time_zone", "token"}


def poison(user) -> int:
    """Write a payload into every free-text field of every row the user owns; how many fields."""
    written = 0
    n = 0
    for model in apps.get_models():
        if model._meta.app_label not in {"accounts", "rotations", "evidence", "letters"}:
            continue
        if not any(f.name == "user" for f in model._meta.fields):
            continue
        for row in model.objects.filter(user=user):
            changes = {}
            for field in model._meta.fields:
                if field.name in SKIP or field.choices or field.primary_key:
                    continue
                payload = PAYLOADS[n % len(PAYLOADS)]
                n += 1
                if isinstance(field, (models.CharField, models.TextField)) and not isinstance(field, models.EmailField):
                    if field.max_length and field.max_length < len(payload):
                        payload = "<b>x</b>"[: field.max_length]
                    changes[field.name] = f"{payload} {getattr(row, field.name) or ''}"[: field.max_length or 10_000]
                elif isinstance(field, models.JSONField) and isinstance(getattr(row, field.name), dict):
                    changes[field.name] = {
                        k: (f"{payload} {v}" if isinstance(v, str) else v) for k, v in getattr(row, field.name).items()
                    }
            if changes:
                model.objects.filter(pk=row.pk).update(**changes)
                written += len(changes)
    return written


def test_no_payload_runs_on_any_page(live_server, page):
    with time_machine.travel(dt.datetime(2026, 3, 10, 15, tzinfo=dt.UTC), tick=True):
        account = build_account(None)
        user = account["user"]
        assert poison(user) >= 40
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
        browser_login(page, live_server.url, user.email, account["password"])
        from django.test import Client

        probe = Client()
        probe.force_login(user)
        visited = 0
        for name, url in urls_for(account):
            if name in PUBLIC:
                continue
            answer = probe.get(url)
            if answer.status_code != 200 or not answer["Content-Type"].startswith("text/html"):
                continue  # POST-only actions and downloads (no script runs in a PDF or .ics)
            response = page.goto(f"{live_server.url}{url}")
            assert response.status == 200, (url, response.status)
            visited += 1
        # the forms that re-display what was typed: a payload sent back must not run either
        page.goto(f"{live_server.url}/evidence/stories/new/")
        page.locator("textarea[name=text]").fill(PAYLOADS[0] + PAYLOADS[1])
        page.locator("form.capture button[type=submit]").click()
        page.wait_for_load_state()
        page.goto(f"{live_server.url}/evidence/?q={PAYLOADS[1]}")
        assert visited >= 40
        assert dialogs == []
