"""Recognising the specialty an applicant typed: the longest name found wins."""

import pytest

from lorforge.core.specialties import display_name, specialty_for


@pytest.mark.parametrize(
    "typed, key",
    [
        ("Internal Medicine", "internal_medicine"),
        ("IM", "internal_medicine"),
        ("medicine sub-internship", "internal_medicine"),
        ("Emergency Medicine", "emergency_medicine"),
        ("emergency medicine clerkship", "emergency_medicine"),
        ("EM", "emergency_medicine"),
        ("Family medicine residency", "family_medicine"),
        ("Physical Medicine and Rehabilitation", "physical_medicine"),
        ("PM&R", "physical_medicine"),
        ("OB/GYN", "obstetrics_gynecology"),
        ("Orthopedic surgery sub-I", "surgery"),
        ("Peds", "pediatrics"),
        ("Neuro", "neurology"),
        ("Urology", "surgery"),
        ("Nuclear physics", "other"),
        ("", "other"),
    ],
)
def test_the_specialty_typed_is_recognised(typed, key):
    assert specialty_for(typed).key == key


def test_only_the_playbook_rates_specialties():
    assert specialty_for("Internal Medicine").lor_weight == 9
    assert specialty_for("Emergency Medicine").lor_weight is None  # the playbook gives no figure


def test_an_unknown_field_keeps_the_applicants_words():
    assert display_name("  Nuclear physics ") == "Nuclear physics"
    assert display_name("emergency medicine") == "Emergency Medicine"
