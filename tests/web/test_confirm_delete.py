"""Deleting the applicant's own records: one confirm page for every kind, for the owner only."""

from __future__ import annotations

from html import unescape

import pytest

from lorforge.evidence.models import Story
from lorforge.rotations.models import Person, Rotation

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(owner, rotation, today):
    return Story.objects.create(
        user=owner, rotation=rotation, text="Called the lab about a critical potassium.", happened_on=today
    )


def test_the_owner_confirms_then_deletes_a_story_and_returns_where_they_came_from(owner_client, story, rotation):
    page = unescape(
        owner_client.get(f"/evidence/stories/{story.pk}/delete/?next=/rotations/{rotation.pk}/").content.decode()
    )
    assert "Delete this story?" in page and "Called the lab about a critical potassium." in page
    assert f'href="/rotations/{rotation.pk}/">Keep it' in page
    response = owner_client.post(f"/evidence/stories/{story.pk}/delete/", {"next": f"/rotations/{rotation.pk}/"})
    assert response.status_code == 302 and response.url == f"/rotations/{rotation.pk}/"
    assert not Story.objects.filter(pk=story.pk).exists()


def test_an_off_site_or_script_next_is_never_a_link(owner_client, story):
    for target in ("javascript:alert(1)", "https://evil.example/", "//evil.example/"):
        page = owner_client.get(f"/evidence/stories/{story.pk}/delete/", {"next": target}).content.decode()
        assert "evil.example" not in page and "javascript:" not in page
        assert 'href="/evidence/">Keep it' in page


def test_a_rotation_and_a_person_are_confirmed_then_deleted(owner_client, rotation):
    person = rotation.people.first()
    page = unescape(owner_client.get(f"/people/{person.pk}/delete/").content.decode())
    assert f"Delete “{person}”?" in page and f'href="/people/{person.pk}/">Keep it' in page
    assert owner_client.post(f"/people/{person.pk}/delete/").url == "/people/"
    assert not Person.objects.filter(pk=person.pk).exists()
    page = unescape(owner_client.get(f"/rotations/{rotation.pk}/delete/").content.decode())
    assert "everything recorded on it" in page
    assert owner_client.post(f"/rotations/{rotation.pk}/delete/").url == "/rotations/"
    assert not Rotation.objects.filter(pk=rotation.pk).exists()


@pytest.mark.parametrize("persona", ["other_client", "anon_client"])
def test_nobody_else_can_see_or_delete(request, persona, story, rotation):
    client = request.getfixturevalue(persona)
    for url in (f"/evidence/stories/{story.pk}/delete/", f"/rotations/{rotation.pk}/delete/"):
        get, post = client.get(url), client.post(url)
        if persona == "anon_client":
            assert get.status_code == post.status_code == 302 and "/login/" in get.url
        else:
            assert get.status_code == post.status_code == 404
    assert Story.objects.filter(pk=story.pk).exists() and Rotation.objects.filter(pk=rotation.pk).exists()
