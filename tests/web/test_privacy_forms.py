"""The privacy guard in every free-text form: warn, highlight, replace or keep, and remember."""

from __future__ import annotations

from html import unescape

import pytest

from lorforge import clock
from lorforge.accounts.models import KeptWord
from lorforge.evidence.models import Compliment, Feedback, PresentationDraft, Story, Task
from lorforge.rotations.models import CheckpointLog

pytestmark = pytest.mark.django_db

NOTE = "Explained the new insulin plan to Mr. Johnson after his admission on 03/14/2026, using teach-back."


def _text(response) -> str:
    return unescape(response.content.decode())


def _story(client, rotation, text=NOTE, **extra):
    return client.post(
        "/evidence/stories/new/",
        {"text": text, "rotation": rotation.pk, "happened_on": clock.today().isoformat(), **extra},
    )


def test_a_story_naming_a_patient_is_not_saved_and_the_findings_are_highlighted(owner_client, rotation):
    response = _story(owner_client, rotation)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Possible patient details" in html
    assert html.count('<mark class="phi"') >= 2  # the name and the date
    assert "Johnson" in html and "03/14/2026" in html
    assert NOTE in _text(response)  # nothing the applicant typed is lost
    assert not Story.objects.exists()


def test_replace_swaps_findings_for_neutral_words_and_saves(owner_client, rotation):
    response = _story(owner_client, rotation, privacy_action="replace")
    assert response.status_code == 302
    story = Story.objects.get()
    assert "Johnson" not in story.text and "03/14/2026" not in story.text
    assert "teach-back" in story.text and "[date]" in story.text


def test_keeping_the_flagged_words_saves_and_remembers_them(owner_client, owner, rotation):
    from lorforge.core.privacy import find_phi

    flagged = [f.text for f in find_phi(NOTE)]
    assert _story(owner_client, rotation).status_code == 200
    response = _story(owner_client, rotation, privacy_action="keep", privacy_keep=flagged)
    assert response.status_code == 302
    assert Story.objects.get().text == NOTE
    assert set(KeptWord.objects.filter(user=owner).values_list("word", flat=True)) == set(flagged)
    assert _story(owner_client, rotation).status_code == 302  # not flagged again


def test_keeping_one_word_does_not_let_the_others_through(owner_client, rotation):
    response = _story(owner_client, rotation, privacy_action="keep", privacy_keep=["Johnson"])
    assert response.status_code == 200
    assert "03/14/2026" in response.content.decode()
    assert not Story.objects.exists()


def test_kept_words_belong_to_one_user_only(owner_client, other_client, owner, other, rotation):
    KeptWord.objects.create(user=owner, word="Johnson")
    from lorforge.rotations.services import rotation_create

    theirs = rotation_create(
        user=other,
        site="Elsewhere",
        specialty="Surgery",
        kind="clerkship",
        setting="inpatient",
        start_date=rotation.start_date,
        end_date=rotation.end_date,
    )
    response = _story(other_client, theirs, text="Sat with Mr. Johnson's family for twenty minutes.")
    assert response.status_code == 200 and "Possible patient details" in response.content.decode()


@pytest.mark.parametrize(
    ("url", "data", "model"),
    [
        (
            "/evidence/feedback/new/",
            {"said": "Good job with Mrs. Alvarez, but present faster.", "giver": "ATTENDING", "given_on": "TODAY"},
            Feedback,
        ),
        (
            "/evidence/compliments/new/",
            {
                "text": "Thanks for calling Maria Gonzalez's daughter at 555-867-5309.",
                "giver": "ATTENDING",
                "received_on": "TODAY",
            },
            Compliment,
        ),
        ("TASKS", {"text": "Call the family of Mr. Okafor at (312) 555-0147"}, Task),
        (
            "/evidence/presentations/new/sbar/",
            {
                "situation": "Calling about Mr. Brennan, MRN 00482913, potassium 6.4",
                "background": "CKD stage 4",
                "assessment": "Hyperkalemia",
                "recommendation": "Please see today",
            },
            PresentationDraft,
        ),
    ],
)
def test_every_free_text_form_is_guarded(owner_client, rotation, url, data, model):
    attending = rotation.people.get(role="attending")
    url = f"/rotations/{rotation.pk}/tasks/" if url == "TASKS" else url
    data = {k: {"ATTENDING": attending.pk, "TODAY": clock.today().isoformat()}.get(v, v) for k, v in data.items()}
    response = owner_client.post(url, data)
    assert response.status_code == 200, url
    assert "Possible patient details" in response.content.decode()
    assert not model.objects.exists()
    assert owner_client.post(url, {**data, "privacy_action": "replace"}).status_code == 302
    assert model.objects.count() == 1


def test_the_checkpoint_note_is_guarded_and_keeps_the_note(owner_client, rotation):
    response = owner_client.post(
        f"/rotations/{rotation.pk}/steps/setup/done/",
        {"outcome": "went_well", "note": "Talked about Mr. Johnson's discharge."},
    )
    assert response.status_code == 200
    assert "Possible patient details" in response.content.decode()
    assert "Mr. Johnson" in _text(response)
    assert not CheckpointLog.objects.exists()


def test_the_blocked_reason_is_guarded(owner_client, rotation):
    task = Task.objects.create(user=rotation.user, rotation=rotation, day=clock.today(), text="Call GI")
    response = owner_client.post(
        f"/evidence/tasks/{task.pk}/status/", {"status": "blocked", "reason": "waiting for Mrs. Kowalczyk's CT"}
    )
    assert response.status_code == 200 and "Possible patient details" in response.content.decode()
    task.refresh_from_db()
    assert task.status == "open"


def test_clinicians_and_eponyms_pass_without_a_warning(owner_client, rotation):
    text = (
        "Dr. Patel asked me to calculate the Wells score and the Glasgow Coma Scale; I presented "
        "the Parkinson's differential on rounds at 7 am."
    )
    assert _story(owner_client, rotation, text=text).status_code == 302


def test_kept_words_are_listed_in_settings_and_can_be_flagged_again(owner_client, owner, other_client):
    KeptWord.objects.create(user=owner, word="Parkland")
    assert "Parkland" in owner_client.get("/settings/").content.decode()
    other_client.post("/settings/kept-words/remove/", {"word": "Parkland"})
    assert KeptWord.objects.filter(user=owner).exists()  # another user cannot remove it
    owner_client.post("/settings/kept-words/remove/", {"word": "Parkland"})
    assert not KeptWord.objects.filter(user=owner).exists()
