"""ERAS's letter rules: the Letter ID, one author per ID, assigning (uploaded first, four at most, locked once
applied), the standardized-letter note, and the words the writer gets."""

from __future__ import annotations

from datetime import date

import pytest

from lorforge.core import eras
from lorforge.core.documents import HelperContent, page_blocks
from lorforge.core.emails import ErasDetails, materials_email, reminder_email
from lorforge.core.records import Applicant, Person, Rotation
from lorforge.core.season import SeasonDates

APPLICANT = Applicant(name="Nguyễn Thị Hương", specialty="Internal Medicine", aamc_id="14783920")
WRITER = Person(name="Dr. Sarah Whitfield", email="s.whitfield@example.org")


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("ab12cd34", "AB12CD34"),
        (" 1234 5678-X9 ", "12345678-X9"),
        ("1234–5678a", "1234-5678A"),
    ],
)
def test_letter_ids_are_stored_as_eras_prints_them(typed, stored):
    assert eras.normalize_letter_id(typed) == stored
    assert eras.letter_id_problem(typed) is None


@pytest.mark.parametrize(
    "typed, words",
    [
        ("", "Enter the Letter ID"),
        ("AB12", "between 6 and 24"),
        ("A" * 10, "digits"),
        ("1111111", "does not look like a real"),
        ("AB12CD34!", "only letters and digits"),
        ("AB12--CD34", "only letters and digits"),
        ("ΑΒ12345", "only letters and digits"),  # Greek capitals that look Latin
        ("12345678901234567890123456", "between 6 and 24"),
        ("14783920", "your AAMC ID"),
    ],
)
def test_a_wrong_letter_id_is_refused_with_a_reason(typed, words):
    assert words in eras.letter_id_problem(typed, aamc_id="14783920")


def test_one_letter_id_belongs_to_one_author():
    others = [("AB12CD34", "Dr. Łukasz Kowalski")]
    assert "Dr. Łukasz Kowalski" in eras.letter_id_clash("ab12 cd34", others)
    assert eras.letter_id_clash("ZZ99YY88", others) is None


def test_a_letter_is_assigned_only_once_uploaded_and_never_as_a_fifth():
    base = dict(author="Dr. Smith", program="Mercy IM", applied_on=None, already=False)
    assert eras.assign_check(uploaded=True, assigned=3, **base).allowed
    refused = eras.assign_check(uploaded=False, assigned=0, **base)
    assert not refused.allowed and "not uploaded in ERAS yet" in refused.reason
    fifth = eras.assign_check(uploaded=True, assigned=4, **base)
    assert not fifth.allowed and "already has 4 letters" in fifth.reason


def test_an_applied_program_locks_its_letters():
    applied = date(2027, 9, 10)
    check = eras.assign_check(
        author="Dr. Smith", program="Mercy IM", applied_on=applied, already=False, uploaded=True, assigned=1
    )
    assert check.allowed and "locks" in check.reason
    remove = eras.unassign_check(author="Dr. Smith", program="Mercy IM", applied_on=applied)
    assert not remove.allowed and "Sep 10, 2027" in remove.reason
    assert eras.unassign_check(author="Dr. Smith", program="Mercy IM", applied_on=None).allowed


@pytest.mark.parametrize(
    "specialty, expected",
    [
        ("Emergency Medicine", "SLOE"),
        ("emergency medicine (categorical)", "SLOE"),
        ("EM", "SLOE"),
        ("Orthopaedic Surgery", "standardized"),
        ("Internal Medicine", None),
        ("", None),
        ("Pediatrics", None),
    ],
)
def test_specialties_that_expect_a_standardized_letter(specialty, expected):
    found = eras.standardized_letter(specialty)
    assert (found is None) if expected is None else expected in found.name


@pytest.mark.parametrize(
    "code, ok",
    [
        ("1403521102", True),
        ("1403521102c", True),
        ("", True),
        ("12", False),
        ("14035 21102", True),
        ("1403/521102", False),
    ],
)
def test_program_codes(code, ok):
    assert (eras.program_code_problem(code) is None) is ok


def test_the_portal_steps_name_the_letter_id_in_plain_words():
    steps = eras.portal_steps(letter_id="AB12CD34")
    assert any("AB12CD34" in s for s in steps) and any("PDF" in s for s in steps)
    assert all(len(s) < 200 for s in steps)


# --- The waiver and the Letter ID in what the writer receives ------------------------------------


def _materials(entry, **kw):
    return materials_email(
        applicant=APPLICANT,
        writer=WRITER,
        rotation=Rotation(date(2026, 1, 5), date(2026, 1, 30)),
        taught=["inpatient diabetes"],
        deadline=date(2027, 9, 24),
        today=date(2026, 11, 25),
        eras_entry=entry,
        **kw,
    )


def test_the_waiver_is_stated_in_the_email_and_the_helper():
    waived = _materials(ErasDetails(letter_id="AB12CD34", waiver=eras.WAIVED, aamc_id="14783920", has_form=True))
    assert "I have waived my right to view this letter." in waived.body
    assert "AB12CD34" in waived.body and "14783920" in waived.body and "Nguyễn Thị Hương" in waived.body
    kept = _materials(ErasDetails(letter_id="AB12CD34", waiver=eras.NOT_WAIVED))
    assert "I have not waived my right to view this letter." in kept.body and "have waived" not in kept.body
    unknown = _materials(ErasDetails(letter_id="AB12CD34"))
    assert "waive" not in unknown.body and any("waived your right" in n for n in unknown.notes)

    content = HelperContent(APPLICANT, WRITER, None, {}, letter_id="AB12CD34", waiver=eras.WAIVED)
    meta = " ".join(b.text for b in page_blocks(content) if b.kind == "meta")
    assert "ERAS Letter ID: AB12CD34" in meta and "I have waived my right to view this letter" in meta
    kept_meta = " ".join(
        b.text
        for b in page_blocks(HelperContent(APPLICANT, WRITER, None, {}, waiver=eras.NOT_WAIVED))
        if b.kind == "meta"
    )
    assert "I have not waived" in kept_meta and "Letter ID" not in kept_meta


def test_a_missing_letter_id_is_never_a_silent_gap():
    draft = _materials(ErasDetails(waiver=eras.WAIVED))
    assert any(n.startswith("Add the Letter ID before sending the materials") for n in draft.notes)
    assert "Letter ID" not in draft.body


def test_the_request_form_is_attached_first_and_the_private_page_linked():
    from lorforge.core.emails import Attachment

    form = Attachment("ERAS-Letter-Request-Form.pdf", b"%PDF-1.4 form", "application/pdf")
    draft = _materials(
        ErasDetails(letter_id="AB12CD34", waiver=eras.WAIVED, has_form=True),
        request_form=form,
        writer_page_url="https://lorforge.example.org/w/abc/",
    )
    assert draft.attachments[0] is form
    assert "(the Letter Request Form is attached)" in draft.body
    assert "https://lorforge.example.org/w/abc/" in draft.body


def test_reminders_carry_the_letter_id_and_the_private_page():
    season = SeasonDates(
        applications_open=date(2027, 6, 4), submission_opens=date(2027, 9, 3), programs_review=date(2027, 9, 24)
    )
    draft = reminder_email(
        applicant=APPLICANT,
        writer=WRITER,
        season=season,
        today=date(2027, 8, 20),
        deadline=date(2027, 9, 24),
        letter_id="AB12CD34",
        writer_page_url="https://lorforge.example.org/w/abc/",
    )
    assert "AB12CD34" in draft.body and "https://lorforge.example.org/w/abc/" in draft.body
