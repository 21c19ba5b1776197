"""Rotations and people: the three personas, bad input and database state."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest

from lorforge import clock
from lorforge.rotations.models import Person, Rotation

pytestmark = pytest.mark.django_db


def _rotation_data(**overrides):
    """The form's fields; an int override is a day counted from the (frozen) today, resolved when the test runs."""
    start = clock.today()
    overrides = {
        k: (start + dt.timedelta(days=v)).isoformat() if isinstance(v, int) else v for k, v in overrides.items()
    }
    data = {
        "site": "Mercy General",
        "specialty": "Internal Medicine",
        "kind": "sub_internship",
        "setting": "inpatient",
        "start_date": start.isoformat(),
        "end_date": (start + dt.timedelta(days=27)).isoformat(),
        "attending_name": "Dr. Ana Peña",
        "attending_email": "ana@example.org",
    }
    data.update(overrides)
    return data


def test_owner_adds_a_rotation_with_its_attending(owner_client, owner):
    response = owner_client.post("/rotations/new/", _rotation_data())
    rotation = Rotation.objects.get(user=owner)
    assert response.status_code == 302 and response.url == f"/rotations/{rotation.pk}/"
    person = Person.objects.get(rotation=rotation)
    assert (person.name, person.role, person.email, person.user) == (
        "Dr. Ana Peña",
        "attending",
        "ana@example.org",
        owner,
    )
    listing = owner_client.get("/rotations/").content.decode()
    assert "Mercy General" in listing and "Dr. Ana Peña" in listing


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"end_date": -1}, "cannot be before the first day"),
        ({"start_date": "2190-01-01", "end_date": "2190-01-20"}, "more than three years away"),
        ({"end_date": 400}, "longer than six months"),
        ({"site": "   "}, "Enter the hospital or clinic"),
        ({"specialty": "x" * 101}, "at most 100 characters"),
        ({"start_date": "31/02/2026"}, "Enter a valid date"),
        ({"kind": "vacation"}, "Select a valid choice"),
        ({"attending_email": "ana@"}, "valid email"),
        ({"attending_name": "", "attending_email": "ana@example.org"}, "Add the attending's name"),
    ],
)
def test_rotation_form_rejects_bad_input_and_keeps_what_was_typed(owner_client, overrides, message):
    data = _rotation_data(**overrides)
    response = owner_client.post("/rotations/new/", data)
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert message in html
    assert not Rotation.objects.exists()
    if data["site"].strip():
        assert f'value="{data["site"]}"' in html


def test_other_users_cannot_see_edit_or_delete_a_rotation(other_client, anon_client, rotation):
    for url in (f"/rotations/{rotation.pk}/", f"/rotations/{rotation.pk}/edit/", f"/rotations/{rotation.pk}/delete/"):
        assert other_client.get(url).status_code == 404
        assert anon_client.get(url).status_code == 302
    assert other_client.post(f"/rotations/{rotation.pk}/delete/").status_code == 404
    assert other_client.post(f"/rotations/{rotation.pk}/edit/", _rotation_data(site="Hacked")).status_code == 404
    rotation.refresh_from_db()
    assert rotation.site == "Mercy General"
    assert "Mercy General" not in other_client.get("/rotations/").content.decode()


def test_owner_edits_and_deletes_a_rotation(owner_client, rotation):
    data = _rotation_data(
        site="Mercy General Hospital",
        start_date=rotation.start_date.isoformat(),
        end_date=rotation.end_date.isoformat(),
    )
    assert owner_client.post(f"/rotations/{rotation.pk}/edit/", data).status_code == 302
    rotation.refresh_from_db()
    assert rotation.site == "Mercy General Hospital"
    assert owner_client.post(f"/rotations/{rotation.pk}/delete/").status_code == 302
    assert not Rotation.objects.exists()
    assert not Person.objects.exists()  # the team goes with the rotation


def test_owner_adds_edits_and_removes_a_person(owner_client, owner, rotation):
    response = owner_client.post(
        "/people/new/",
        {
            "name": "Dr. Ming Li",
            "role": "resident",
            "rotation": rotation.pk,
            "email": "",
            "specialty": "Internal Medicine",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(name="Dr. Ming Li")
    assert person.user == owner and person.rotation == rotation
    detail = owner_client.get(f"/people/{person.pk}/").content.decode()
    assert "Dr. Ming Li" in detail and "Resident" in detail
    owner_client.post(
        f"/people/{person.pk}/edit/",
        {
            "name": "Dr. Ming Li",
            "role": "fellow",
            "rotation": rotation.pk,
            "email": "ming@example.org",
            "specialty": "",
        },
    )
    person.refresh_from_db()
    assert (person.role, person.email) == ("fellow", "ming@example.org")
    owner_client.post(f"/people/{person.pk}/delete/")
    assert not Person.objects.filter(pk=person.pk).exists()


def test_a_person_cannot_be_attached_to_another_users_rotation(other_client, other, rotation):
    response = other_client.post("/people/new/", {"name": "Dr. Sneaky", "role": "attending", "rotation": rotation.pk})
    assert response.status_code == 200
    assert "Choose one of your own rotations" in response.content.decode()
    assert not Person.objects.filter(user=other).exists()


def test_a_research_mentor_needs_no_rotation(owner_client, owner):
    owner_client.post("/people/new/", {"name": "Prof. Ines Duarte", "role": "research_mentor", "rotation": ""})
    person = Person.objects.get(user=owner)
    assert person.rotation is None
    assert "Not on a rotation" in owner_client.get("/people/").content.decode()


def test_other_users_cannot_see_or_change_a_person(other_client, rotation):
    person = rotation.people.get()
    for url in (f"/people/{person.pk}/", f"/people/{person.pk}/edit/", f"/people/{person.pk}/delete/"):
        assert other_client.get(url).status_code == 404
    assert other_client.post(f"/people/{person.pk}/delete/").status_code == 404
    assert Person.objects.filter(pk=person.pk).exists()


def test_people_form_rejects_empty_and_malformed_input(owner_client, rotation):
    response = owner_client.post(
        "/people/new/", {"name": " ", "role": "attending", "email": "bad@", "rotation": rotation.pk}
    )
    html = unescape(response.content.decode())
    assert "Enter the person's name" in html and "valid email" in html


def test_choosing_the_lead_attending(owner_client, other_client, rotation, owner):
    from lorforge.rotations.services import person_create

    second = person_create(user=owner, rotation=rotation, name="Dr. Omar Haddad", role="attending")
    assert owner_client.post(f"/rotations/{rotation.pk}/lead/", {"lead": second.pk}).status_code == 302
    rotation.refresh_from_db()
    assert rotation.lead == second
    assert other_client.post(f"/rotations/{rotation.pk}/lead/", {"lead": second.pk}).status_code == 404


def test_empty_states_say_what_to_do(owner_client):
    assert "Add your first rotation" in owner_client.get("/rotations/").content.decode()
    assert "Add your attending" in owner_client.get("/people/").content.decode()
    assert "Add your rotation to get today" in owner_client.get("/today/").content.decode()
