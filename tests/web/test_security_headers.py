"""Headers and the production switch: no caching of personal pages, a strict CSP, one LORFORGE_ENV."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "lorforge"
ROOT = SRC.parents[1]


def _no_store(response) -> bool:
    directives = {d.strip().split("=")[0] for d in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives and "public" not in directives


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/today/", "/evidence/", "/people/", "/settings/", "/settings/export/", "/letters/", "/rotations/"]
)
def test_signed_in_pages_are_never_stored(owner_client, rotation, url):
    response = owner_client.get(url)
    assert response.status_code == 200
    assert _no_store(response), (url, response.get("Cache-Control"))


@pytest.mark.django_db
def test_downloads_are_never_stored(owner_client, rotation):
    for url in ["/settings/export/?download=1", f"/rotations/{rotation.pk}/plan.ics"]:
        response = owner_client.get(url)
        assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
        assert _no_store(response), (url, response.get("Cache-Control"))


@pytest.mark.django_db
def test_redirects_and_errors_for_a_signed_in_user_are_never_stored(owner_client):
    assert _no_store(owner_client.get("/"))  # redirect to Today
    assert _no_store(owner_client.get("/rotations/999999/"))


@pytest.mark.django_db
def test_every_response_has_a_strict_content_security_policy(anon_client, owner_client):
    for client, url in [
        (anon_client, "/"),
        (anon_client, "/login/"),
        (owner_client, "/today/"),
        (anon_client, "/no-such-page/"),
    ]:
        policy = client.get(url)["Content-Security-Policy"]
        directives = dict((d.split(" ", 1) + [""])[:2] for d in (p.strip() for p in policy.split(";")) if d)
        assert directives["default-src"] == "'self'"
        assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
        assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_no_template_has_inline_script_or_style():
    """The CSP blocks them: every script and style comes from a static file."""
    inline = re.compile(
        r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle\s*=|\son[a-z]+\s*=\s*[\"']|javascript:", re.IGNORECASE
    )
    offenders = [
        f"{p.relative_to(SRC)}: {m.group(0)}" for p in SRC.rglob("*.html") for m in inline.finditer(p.read_text())
    ]
    assert offenders == []


# --- The production switch --------------------------------------------------------------------------

COHORT = {  # the README's cohort server, with SMTP mail
    "LORFORGE_ENV": "production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "lorforge.example.org",
    "SECURE_COOKIES": "true",
    "BEHIND_PROXY": "true",
    "CSRF_TRUSTED_ORIGINS": "https://lorforge.example.org",
    "EMAIL_HOST": "smtp.example.org",
    "EMAIL_HOST_USER": "lorforge",
    "EMAIL_HOST_PASSWORD": "x",
}


def _run(args: list[str], tmp_path, **env) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(
            (
                "SECURE_",
                "EMAIL_",
                "LORFORGE_",
                "DJANGO_",
                "DEBUG",
                "BEHIND_PROXY",
                "SECRET_KEY",
                "ALLOWED_HOSTS",
                "DATABASE_URL",
                "CSRF_",
            )
        )
    }
    clean.update(LORFORGE_DATA_DIR=str(tmp_path), **env)
    return subprocess.run(args, env=clean, capture_output=True, text=True, timeout=120, cwd=ROOT, check=False)


LORFORGE = [str(Path(sys.executable).with_name("lorforge"))]


def test_check_deploy_passes_in_production_mode_with_the_cohort_settings(tmp_path):
    result = _run([*LORFORGE, "manage", "check", "--deploy", "--fail-level", "WARNING"], tmp_path, **COHORT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_without_the_switch_warns(tmp_path):
    env = {k: v for k, v in COHORT.items() if k not in {"LORFORGE_ENV", "SECURE_COOKIES"}}
    result = _run([*LORFORGE, "manage", "check", "--deploy", "--fail-level", "WARNING"], tmp_path, **env)
    assert result.returncode != 0 and "HSTS" in result.stderr + result.stdout


SHOW = (
    "import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'lorforge.settings'); "
    "from django.conf import settings as s; "
    "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0, s.SECURE_SSL_REDIRECT, "
    "s.SECURE_PROXY_SSL_HEADER is not None)"
)


@pytest.mark.parametrize(
    ("behind_proxy", "expected"),
    [
        ("true", "True True True False True"),  # the proxy terminates TLS and redirects
        ("false", "True True True True False"),  # the app itself redirects http to https
    ],
)
def test_one_switch_turns_on_every_https_protection(tmp_path, behind_proxy, expected):
    env = {k: v for k, v in COHORT.items() if k != "SECURE_COOKIES"} | {"BEHIND_PROXY": behind_proxy}
    result = _run([sys.executable, "-c", SHOW], tmp_path, **env)
    assert result.stdout.strip() == expected, result.stderr


def test_development_mode_keeps_plain_http_for_a_laptop(tmp_path):
    result = _run([sys.executable, "-c", SHOW], tmp_path)
    assert result.stdout.strip() == "False False False False False", result.stderr


@pytest.mark.parametrize(
    ("env", "names"),
    [
        ({"LORFORGE_ENV": "production", "SECRET_KEY": "x" * 60}, "EMAIL_HOST"),  # console mail refused
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"LORFORGE_ENV": "staging"}, "LORFORGE_ENV"),
        ({"AXES_FAILURE_LIMIT": "eight"}, "AXES_FAILURE_LIMIT"),
        ({"DATABASE_URL": "mysql://x@y/z"}, "DATABASE_URL"),
        ({"SECURE_COOKIES": "sometimes"}, "SECURE_COOKIES"),
        ({**COHORT, "DEBUG": "true"}, "DEBUG"),
    ],
)
def test_a_bad_setting_stops_with_one_line_naming_it(tmp_path, env, names):
    for command in (["manage", "check"], ["demo"], ["serve", "--port", "1"]):
        result = _run([*LORFORGE, *command], tmp_path, **env)
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and names in lines[0] and "Traceback" not in result.stderr, (command, result.stderr)
