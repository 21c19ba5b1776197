"""Names and forms of address: "Dr. Whitfield" in speech, the full name where a full name belongs."""

from __future__ import annotations

import pytest

from lorforge.core import names
from lorforge.core.records import Applicant, Person


@pytest.mark.parametrize(
    "name, role, title, surname",
    [
        ("Sarah Whitfield", "attending", "Dr.", "Whitfield"),
        ("Dr. Sarah Whitfield", "attending", "Dr.", "Whitfield"),
        ("Sarah Smith, MD", "attending", "Dr.", "Smith"),
        ("Souza, Ana", "attending", "Dr.", "Souza"),
        ("Nguyễn Văn An", "attending", "Dr.", "Nguyễn"),  # Vietnamese: the family name comes first
        ("Prof. Ana Peña", "attending", "Dr.", "Peña"),
        ("Mary-Jane O'Neil DO", "attending", "Dr.", "O'Neil"),
        ("José María García-López", "resident", "Dr.", "García-López"),
        ("Dr. Juan Carlos de la Cruz", "attending", "Dr.", "de la Cruz"),
        ("Madonna", "attending", "Dr.", "Madonna"),
        ("ليلى حداد", "attending", "Dr.", "حداد"),
        ("Maria Lopez, RN", "nurse", "", "Lopez"),
        ("Ms. Aisha Bello", "nurse", "Ms.", "Bello"),
        ("Dr. Mark Evans <someone@else.example>", "attending", "Dr.", "Evans"),
        ("  Dr.   Ayşe  Yılmaz ", "resident", "Dr.", "Yılmaz"),
    ],
)
def test_address_parts_from_the_full_name(name, role, title, surname):
    assert names.address_parts(name, role) == (title, surname)


@pytest.mark.parametrize(
    "person, expected",
    [
        (Person("Sarah Whitfield"), "Dr. Whitfield"),
        (Person("Sarah Smith, MD"), "Dr. Smith"),
        (Person("Maria Lopez, RN", role="nurse"), "Maria Lopez"),  # no title: the full name, never "Dear Lopez,"
        (Person("Kwame Mensah-Bonsu", title="Dr.", surname="Mensah"), "Dr. Mensah"),  # the stored form wins
        (Person("Aisha Bello", role="nurse", title="Ms.", surname="Bello"), "Ms. Bello"),
        (Person("Aisha Bello", role="attending", title="", surname="Bello"), "Aisha Bello"),
    ],
)
def test_addressed(person, expected):
    assert names.of(person) == expected == person.addressed


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Souza, Ana", "Ana Souza"),
        ("Sarah Smith, MD", "Sarah Smith, MD"),
        ("  Nguyễn   Thị Hương ", "Nguyễn Thị Hương"),
        ("Dr. Mark Evans <someone@else.example>", "Dr. Mark Evans"),
        ("Ne\u0301stor", "Néstor"),  # composed
    ],
)
def test_full_name(name, expected):
    assert names.full_name(name) == expected


@pytest.mark.parametrize(
    "applicant, expected",
    [
        (Applicant("Nguyễn Thị Hương", introduce_as="Dr. Nguyễn"), "Dr. Nguyễn"),
        (Applicant("Aarav Shah", introduce_as="Aarav"), "Aarav"),
        (Applicant("Souza, Ana"), "Ana Souza"),
    ],
)
def test_the_applicant_introduces_themselves_as_they_chose(applicant, expected):
    assert names.introduction(applicant) == expected


@pytest.mark.parametrize(
    "person, expected",
    [
        (Person("Sarah Smith, MD"), "Sarah Smith, MD"),  # a full name is written as typed
        (Person("Souza, Ana"), "Ana Souza"),
        (Person("Dr. Łukasz Kowalski"), "Dr. Łukasz Kowalski"),
        (Person("Nguyễn Văn An"), "Nguyễn Văn An"),
        (Person("ليلى حداد"), "ليلى حداد"),
        (Person("Whitfield"), "Dr. Whitfield"),  # a bare single name gets its form of address
        (Person("Whitfield", role="nurse"), "Whitfield"),  # no title to add
        (Person("Whitfield", role="nurse", title="Ms.", surname="Whitfield"), "Ms. Whitfield"),
        (Person("Whitfield, MD"), "Whitfield, MD"),
        (Person("Dr. Whitfield <w@example.org>"), "Dr. Whitfield"),
        (Person(""), ""),
    ],
)
def test_written_name_on_documents_and_address_lines(person, expected):
    assert names.written_name(person) == expected
