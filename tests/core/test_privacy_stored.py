"""Findings stored with an entry (core.privacy.stored): what is stored, when it is stale, what is reported."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from lorforge.core.privacy import find_phi, stored

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    "texts",
    [
        {"text": "Sat with Mr. Johnson for an hour after his 3/14 scan."},
        {"said": "Call the family at 555-201-7788 before noon.", "change": "", "reaction": "She is 97 today."},
        {"text": "Presented a clean case on rounds."},
    ],
)
def test_what_is_stored_is_what_the_guard_finds_field_by_field(texts):
    record = stored.check(texts, today=TODAY)
    expected = [(field, f.to_dict()) for field, text in texts.items() for f in find_phi(text, today=TODAY)]
    assert [(field, f.to_dict()) for field, f in stored.reported(record)] == expected
    assert stored.current(record, today=TODAY)


@pytest.mark.parametrize(
    ("record", "today", "holds"),
    [
        ([], TODAY, False),  # stored before findings named their edition
        ([{"field": "text", "start": 0, "end": 3, "kind": "name", "text": "Ann"}], TODAY, False),
        ({"edition": "another", "year": 2026, "found": []}, TODAY, False),  # the guard's rules changed
        ({"edition": None, "year": 2026, "found": []}, TODAY, False),
        (None, TODAY, False),
        ("current", date(2027, 1, 1), False),  # a new year: a birth year may now make someone 90
        ("current", TODAY, True),
    ],
)
def test_findings_of_another_edition_or_year_are_stale(record, today, holds):
    if record == "current":
        record = stored.check({"text": "born 1937"}, today=TODAY)
    assert stored.current(record, today=today) is holds


def test_the_edition_changes_when_a_rule_or_word_list_changes(tmp_path, monkeypatch):
    package = Path(stored.__file__).parent
    copy = tmp_path / "privacy"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(stored, "_HERE", copy)
    stored.edition.cache_clear()
    try:
        same = stored.edition()
        assert same == stored.__dict__["edition"].__wrapped__()  # the same files, the same fingerprint
        with (copy / "data" / "eponyms.txt").open("a", encoding="utf-8") as words:
            words.write("\nwhitfield\n")
        assert stored.__dict__["edition"].__wrapped__() != same
    finally:
        stored.edition.cache_clear()


@pytest.mark.parametrize(
    ("allow", "left"),
    [
        ((), ["Mr. Johnson", "Maria"]),
        (("Mr. Johnson",), ["Maria"]),
        (("JOHNSON", "maria"), []),  # any case; a title before a kept name does not bring it back
    ],
)
def test_kept_words_are_left_out_when_read_as_the_guard_leaves_them_out(allow, left):
    text = "Mr. Johnson and his wife Maria came in."
    record = stored.check({"text": text}, today=TODAY)
    assert [f.text for _, f in stored.reported(record, allow=allow)] == left
    assert [f.text for f in find_phi(text, allow=allow)] == left
    assert len(record["found"]) == 2  # stored whole: keeping a word later needs no new check
