"""Your data, yours: the export zip reads back into an empty account identically; bad files change nothing."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lorforge.accounts.portability import (
    DATA_NAME,
    ImportProblem,
    export_data,
    export_zip,
    import_zip,
)
from tests.web.test_security_bad_input import snapshot

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 17, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _same(a, b) -> None:
    """Two exports hold the same data (only the account's email may differ)."""
    a, b = dict(a), dict(b)
    assert a.pop("account") and b.pop("account")
    assert a == b


def _new_user(email):
    from lorforge.accounts.services import user_sign_up

    return user_sign_up(email=email, password="x-long-password-1")


def test_the_full_demo_account_round_trips_identically(client):
    from lorforge import demo

    source = demo.demo_load(today=NOW.date()).user
    data = export_zip(user=source)
    document, files = export_data(user=source)
    assert {
        "rotations.rotation",
        "rotations.person",
        "evidence.story",
        "letters.writer",
        "letters.material",
        "accounts.profile",
    } <= set(document["records"])
    assert files, "the uploaded CV travels in the zip"
    target = _new_user("copy@example.com")
    counts = import_zip(user=target, data=data)
    assert counts["evidence.story"] == len(document["records"]["evidence.story"])
    again, again_files = export_data(user=target)
    _same(document, again)
    assert again_files == files


def test_import_through_the_page(client):
    from lorforge import demo

    data = export_zip(user=demo.demo_load(today=NOW.date()).user)
    target = _new_user("page@example.com")
    client.force_login(target)
    response = client.post("/settings/import/", {"file": SimpleUploadedFile("export.zip", data)})
    assert response.status_code == 302 and response.url == "/settings/"
    assert target.rotations.count() == 2
    response = client.post("/settings/import/", {"file": SimpleUploadedFile("export.zip", data)})  # not empty now
    assert "Nothing was imported" in response.content.decode() and target.rotations.count() == 2


text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80).filter(str.strip)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    sites=st.lists(text, min_size=1, max_size=3),
    stories=st.lists(st.tuples(text, st.booleans()), max_size=5),
    tasks=st.lists(text, max_size=4),
    kept=st.lists(text, max_size=3),
    name=text,
)
def test_any_account_round_trips_identically(sites, stories, tasks, kept, name):
    from lorforge.accounts.models import User
    from lorforge.accounts.services import kept_words_add, profile_for, profile_update
    from lorforge.evidence.services import story_save, task_add
    from lorforge.rotations.services import person_create, rotation_create

    User.objects.filter(email__in=["prop-a@example.com", "prop-b@example.com"]).delete()
    user = _new_user("prop-a@example.com")
    profile_update(profile=profile_for(user=user), display_name=name[:120], season=2027)
    for site in sites:
        rotation = rotation_create(
            user=user,
            site=site[:200],
            specialty="Surgery",
            kind="clerkship",
            setting="inpatient",
            start_date=dt.date(2026, 3, 2),
            end_date=dt.date(2026, 3, 29),
            attending_name="Dr. Ana Ruiz",
        )
        attending = rotation.people.get()
        for story_text, visible in stories:
            story_save(
                user=user,
                text=story_text,
                happened_on=dt.date(2026, 3, 5),
                rotation=rotation,
                witnesses=[attending],
                visible=visible,
            )
        for task in tasks:
            task_add(rotation=rotation, day=dt.date(2026, 3, 6), text=task[:200])
    person_create(user=user, rotation=None, name=name[:120], role="resident", email="", specialty="")
    kept_words_add(user=user, words=kept)
    before, _ = export_data(user=user)
    target = _new_user("prop-b@example.com")
    import_zip(user=target, data=export_zip(user=user))
    after, _ = export_data(user=target)
    _same(before, after)


def _zip(document=None, files=None, raw: bytes | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if raw is not None:
            archive.writestr(DATA_NAME, raw)
        elif document is not None:
            archive.writestr(DATA_NAME, json.dumps(document))
        for name, data in (files or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _valid_document():
    return {
        "format": "lorforge-export",
        "version": 1,
        "account": "x@example.com",
        "exported_at": NOW.isoformat(),
        "records": {
            "rotations.rotation": [
                {
                    "id": 1,
                    "site": "Mercy",
                    "specialty": "Surgery",
                    "kind": "clerkship",
                    "setting": "inpatient",
                    "start_date": "2026-03-02",
                    "end_date": "2026-03-29",
                    "lead": None,
                    "created_at": NOW.isoformat(),
                }
            ]
        },
    }


def _with(**changes):
    document = _valid_document()
    row = document["records"]["rotations.rotation"][0]
    for key, value in changes.items():
        if key.startswith("row_"):
            row[key[4:]] = value
        else:
            document[key] = value
    return document


BAD_FILES = [
    ("not a zip", b"just text", "not a LORforge export"),
    ("empty", b"", "not a LORforge export"),
    ("truncated zip", _zip(_valid_document())[:40], "damaged"),
    ("zip without data", _zip(files={"hello.txt": b"hi"}), "no lorforge.json"),
    ("not json", _zip(raw=b"{nope"), "not readable JSON"),
    ("not utf-8", _zip(raw=b"\xff\xfe{}"), "not readable JSON"),
    ("json list", _zip(raw=b"[]"), "not a LORforge export"),
    ("other format", _zip(_with(format="something-else")), "not a LORforge export"),
    ("newer version", _zip(_with(version=2)), "newer LORforge"),
    ("version as text", _zip(_with(version="1")), "no readable version"),
    ("unknown model", _zip({**_valid_document(), "records": {"auth.user": []}}), "does not know"),
    ("unknown field", _zip(_with(row_is_superuser=True)), "does not know"),
    ("bad date", _zip(_with(row_start_date="2026-02-30")), "start_date"),
    ("end before start", _zip(_with(row_end_date="2026-01-01")), "rotations.rotation #1"),
    ("date 9999", _zip(_with(row_start_date="9999-12-31")), "rotations.rotation #1"),
    ("id as text", _zip(_with(row_id="1")), "missing or repeated id"),
    ("wrong type", _zip(_with(row_site=["a"])), "site"),
    ("bad choice", _zip(_with(row_kind="vacation")), "kind"),
    ("dangling link", _zip(_with(row_lead=5)), "not in the file"),
    (
        "missing file",
        _zip(
            {
                **_valid_document(),
                "records": {
                    "letters.material": [
                        {
                            "id": 1,
                            "kind": "cv",
                            "file": "files/x/cv.pdf",
                            "original_name": "cv.pdf",
                            "file_type": "pdf",
                            "size": 3,
                            "uploaded_at": NOW.isoformat(),
                        }
                    ]
                },
            }
        ),
        "missing from the zip",
    ),
    ("zip bomb", _zip(_valid_document(), files={"files/bomb": b"\0" * (130 * 1024 * 1024)}), "unpacks to far more"),
]


@pytest.mark.parametrize(("name", "data", "words"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_malformed_or_newer_file_is_refused_and_changes_nothing(client, name, data, words):
    target = _new_user("target@example.com")
    before = snapshot()
    with pytest.raises(ImportProblem) as problem:
        import_zip(user=target, data=data)
    assert words in str(problem.value), str(problem.value)
    assert snapshot() == before
    client.force_login(target)
    response = client.post("/settings/import/", {"file": SimpleUploadedFile("x.zip", data or b"x")})
    assert response.status_code == 200 and "Nothing was imported" in response.content.decode() or not data
    assert snapshot() == before
