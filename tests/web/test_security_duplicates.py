"""A form sent twice (Back then Save, a double tap) creates one record."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 10, 17, tzinfo=dt.UTC), tick=False):
        yield


def _token(page: str) -> str:
    return re.search(r'name="once" value="([0-9a-f]{32})"', page).group(1)


@pytest.mark.parametrize(
    ("url", "model", "data"),
    [
        (
            "/evidence/stories/new/",
            "Story",
            {"text": "Called the family back after rounds to explain the plan.", "happened_on": "2026-03-09"},
        ),
        (
            "/evidence/feedback/new/",
            "Feedback",
            {"said": "Present more concisely.", "given_on": "2026-03-09", "giver": "PERSON"},
        ),
        (
            "/evidence/compliments/new/",
            "Compliment",
            {"text": "Great job with that family.", "received_on": "2026-03-09"},
        ),
    ],
)
def test_the_same_form_sent_twice_creates_one_record(owner_client, rotation, url, model, data):
    from django.apps import apps

    Model = apps.get_model("evidence", model)
    person = rotation.people.get()
    data = {k: (str(person.pk) if v == "PERSON" else v) for k, v in data.items()}
    token = _token(owner_client.get(url).content.decode())
    first = owner_client.post(url, {**data, "once": token}, follow=True)
    assert first.status_code == 200 and Model.objects.count() == 1
    again = owner_client.post(url, {**data, "once": token}, follow=True)  # Back, then Save again; or a double tap
    assert again.status_code == 200 and Model.objects.count() == 1
    assert "Already saved" in again.content.decode()
    fresh = _token(owner_client.get(url).content.decode())  # a new form is a new record
    assert fresh != token
    owner_client.post(url, {**data, "once": fresh})
    assert Model.objects.count() == 2


def test_a_form_with_errors_keeps_its_token_so_the_corrected_post_saves_once(owner_client, rotation):
    from lorforge.evidence.models import Story

    token = _token(owner_client.get("/evidence/stories/new/").content.decode())
    page = owner_client.post("/evidence/stories/new/", {"text": "", "happened_on": "2026-03-09", "once": token})
    assert _token(page.content.decode()) == token and not Story.objects.exists()
    good = {"text": "Stayed to update the family.", "happened_on": "2026-03-09", "once": token}
    owner_client.post("/evidence/stories/new/", good)
    owner_client.post("/evidence/stories/new/", good)
    assert Story.objects.count() == 1


def test_the_quick_capture_on_today_carries_a_token(owner_client, rotation):
    assert _token(owner_client.get("/today/").content.decode())


def test_tokens_are_per_user(owner_client, other_client, rotation):
    from lorforge.evidence.models import Story

    token = _token(owner_client.get("/evidence/stories/new/").content.decode())
    data = {"text": "Stayed to update the family.", "happened_on": "2026-03-09", "once": token}
    owner_client.post("/evidence/stories/new/", data)
    other_client.post("/evidence/stories/new/", data)  # someone else's token is not taken for this user
    assert Story.objects.count() == 2


def test_mark_done_with_feedback_tapped_three_times_makes_one_feedback(owner_client, rotation):
    from lorforge.evidence.models import Feedback
    from lorforge.planner.services import rotation_plan
    from lorforge.rotations.models import CheckpointLog

    step = rotation_plan(rotation=rotation)[0]
    url = f"/rotations/{rotation.pk}/steps/{step.id}/done/"
    for _ in range(3):
        response = owner_client.post(url, {"outcome": "went_well", "feedback": "Be more concise on rounds."})
        assert response.status_code == 302
    assert CheckpointLog.objects.filter(rotation=rotation).count() == 1
    assert Feedback.objects.filter(said="Be more concise on rounds.").count() == 1
    owner_client.post(f"/rotations/{rotation.pk}/steps/{step.id}/undo/")
    owner_client.post(url, {"outcome": "went_well", "feedback": "Another conversation, new feedback."})
    assert Feedback.objects.count() == 2  # undone then done again: a new conversation
