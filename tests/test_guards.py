"""Project-wide guards: database under test, migrations, the pure core, privacy of assets, page structure."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

SRC = Path(__file__).resolve().parent.parent / "src" / "lorforge"


@pytest.mark.django_db
def test_the_suite_runs_on_the_database_it_was_asked_for():
    expected = {"sqlite": "sqlite", "postgres": "postgresql"}[os.environ.get("LORFORGE_TEST_DB", "sqlite")]
    assert connection.vendor == expected


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_the_core_never_imports_django():
    offenders = [
        str(path.relative_to(SRC))
        for path in (SRC / "core").rglob("*.py")
        if re.search(r"^\s*(from|import)\s+django\b", path.read_text(), re.MULTILINE)
    ]
    assert offenders == []


def test_every_asset_is_served_by_the_app_itself():
    """No CDN or external font: hospital networks block them and they leak who uses the app."""
    external = re.compile(r"""<(script|link|img|iframe)[^>]+(src|href)=["'](https?:)?//""", re.IGNORECASE)
    css_external = re.compile(r"""url\(\s*["']?(https?:)?//|@import""", re.IGNORECASE)
    offenders = [str(p.relative_to(SRC)) for p in SRC.rglob("*.html") if external.search(p.read_text())]
    offenders += [str(p.relative_to(SRC)) for p in SRC.rglob("*.css") if css_external.search(p.read_text())]
    assert offenders == []


class PageAudit(HTMLParser):
    """Collects what the structure checks need: h1 count, form controls and their labels."""

    def __init__(self):
        super().__init__()
        self.h1 = 0
        self.label_for: set[str] = set()
        self.controls: list[dict] = []
        self._label_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h1":
            self.h1 += 1
        elif tag == "label":
            self._label_depth += 1
            if attrs.get("for"):
                self.label_for.add(attrs["for"])
        elif tag in {"input", "select", "textarea"} and attrs.get("type") not in {"hidden", "submit", "button"}:
            self.controls.append({**attrs, "_wrapped": self._label_depth > 0})

    def handle_endtag(self, tag):
        if tag == "label":
            self._label_depth -= 1

    def unlabelled(self) -> list[str]:
        return [
            c.get("name", "?")
            for c in self.controls
            if not (c["_wrapped"] or c.get("id") in self.label_for or c.get("aria-label") or c.get("aria-labelledby"))
        ]


def audit(html: str) -> PageAudit:
    parser = PageAudit()
    parser.feed(html)
    return parser


def signed_in_pages(rotation) -> list[str]:
    person = rotation.people.first()
    return [
        "/today/",
        "/rotations/",
        "/rotations/new/",
        f"/rotations/{rotation.pk}/",
        f"/rotations/{rotation.pk}/edit/",
        f"/rotations/{rotation.pk}/delete/",
        "/people/",
        "/people/new/",
        f"/people/{person.pk}/",
        f"/people/{person.pk}/edit/",
        "/settings/",
        "/settings/profile/",
        "/settings/season/",
        "/settings/delete/",
        "/password/change/",
        f"/rotations/{rotation.pk}/plan/",
        f"/rotations/{rotation.pk}/today/",
        f"/rotations/{rotation.pk}/tasks/",
        "/evidence/",
        "/evidence/stories/new/",
        "/evidence/feedback/new/",
        "/evidence/compliments/new/",
        "/evidence/presentations/",
        "/evidence/presentations/new/oral/",
        "/evidence/presentations/new/sbar/",
    ]


PUBLIC_PAGES = ["/", "/login/", "/signup/", "/password/reset/", "/password/reset/sent/"]


@pytest.mark.django_db
def test_every_page_has_one_h1_and_labelled_inputs(owner_client, anon_client, rotation):
    pages = [(owner_client, url) for url in signed_in_pages(rotation)] + [(anon_client, url) for url in PUBLIC_PAGES]
    for client, url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        page = audit(response.content.decode())
        assert page.h1 == 1, f"{url} has {page.h1} <h1>"
        assert page.unlabelled() == [], f"{url} has unlabelled inputs"


@pytest.mark.django_db
def test_unknown_pages_get_a_friendly_404(owner_client):
    response = owner_client.get("/rotations/999999/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_no_test_reads_the_clock_while_tests_are_collected():
    """A day read outside a test function (a module constant, a parametrize list, a default argument) is the real
    day, not the frozen one: the test then depends on the day it runs. Only the clock's own tests may."""
    import ast

    clock_calls = {
        ("clock", "today"),
        ("clock", "now"),
        ("date", "today"),
        ("datetime", "now"),
        ("timezone", "now"),
        ("timezone", "localdate"),
    }
    problems = []
    for path in sorted(Path(__file__).parent.rglob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        inside = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                body = node.body if isinstance(node.body, list) else [node.body]
                inside.update(id(n) for stmt in body for n in ast.walk(stmt))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and (node.func.value.id, node.func.attr) in clock_calls
                and node.func.attr in {"today", "now", "localdate"}
                and id(node) not in inside
            ):
                problems.append(f"{path.relative_to(Path(__file__).parent)}:{node.lineno}")
    assert not problems, "the clock read at collection time: " + ", ".join(problems)
