"""The gallery's read-through as checks: words that contradict the setting, the pre-ask timing the writer page
would show, a helper that lists what the email really attaches, and file names a person can read."""

from __future__ import annotations

from datetime import date

import pytest

from lorforge.core.records import Person


@pytest.mark.parametrize(
    "setting, text, flagged",
    [
        ("outpatient", "Keep it to 30–60 seconds and say it on rounds, when the patient comes up.", "on rounds"),
        ("outpatient", "I learned how you still keep rounds moving.", "rounds moving"),
        ("outpatient", "- learning how a strong intern works on your service", "on your service"),
        ("outpatient", "Pick a calm moment after the clinic session.", None),
        ("inpatient", "- learning what a strong intern does well in your clinic", "in your clinic"),
        ("inpatient", "how you handle several problems in one short visit", "short visit"),
        ("inpatient", "say it at a calm moment between patients", "between patients"),
        ("inpatient", "Case management booked his clinic follow-up for next week.", None),
        ("inpatient", "Was this morning's presentation on rounds closer to what you want?", None),
    ],
)
def test_the_setting_invariant(gallery, setting, text, flagged):
    item = gallery.Item("s", "script", "t", text, date(2026, 12, 1), Person("Sarah Smith, MD"), setting=setting)
    found = " ".join(gallery.problems(item))
    if flagged:
        assert flagged in found and setting in found
    else:
        assert "rotation" not in found, found


def test_tips_and_typed_words_are_not_held_to_the_setting(gallery):
    tip = gallery.Item(
        "s", "script", "t", "Say it.\nTip: letters name you in clinic and on the wards", date(2026, 12, 1)
    )
    typed = gallery.Item("s", "pre-ask", "t", "I presented on rounds", date(2026, 12, 1), setting="outpatient")
    assert not gallery.problems(tip) and not gallery.problems(typed)


def test_every_pre_ask_is_labelled_as_the_writer_page_would_time_it(gallery_items):
    """The writer page asks ``timeline.pre_ask_timing``; a rotation of two weeks is never early."""
    by_section: dict[str, set[str]] = {}
    for item in gallery_items:
        if item.kind == "pre-ask":
            by_section.setdefault(item.section, set()).add(item.title)
            if "(early)" in item.title:
                assert "Caution shown: It is before the last week" in item.text
    assert by_section
    for section, titles in by_section.items():
        assert {"Pre-ask (on time)", "Pre-ask (late)"} <= titles
        assert ("Pre-ask (early)" in titles) == (" · 2 weeks · " not in section), section


def test_the_helper_lists_only_what_the_materials_email_attaches(gallery_items):
    for helper in (i for i in gallery_items if i.kind == "helper"):
        email = next(i for i in gallery_items if i.section == helper.section and i.title == "Email: materials")
        assert helper.helper.materials == ["CV (attached)"]
        assert "My CV (attached)" in email.text
        assert "statement, which I will send separately" in email.text
        assert "Personal statement draft" not in helper.text


def test_file_names_name_the_writer_readably(gallery):
    keys = {c.writer.name: c.key for c in gallery.combos()}
    assert keys["Dr. Mark Evans <someone@else.example>"].endswith("-dr-mark-evans")  # no pasted address
    assert keys["ليلى حداد"].endswith("-writer")  # no Latin letters: named for what it is, not "applicant"
