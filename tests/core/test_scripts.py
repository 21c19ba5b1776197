"""Scripts: filled with the applicant's details, adapted to the field, setting and kind, no fill-in brackets."""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta

import pytest

from lorforge.core import scripts, timeline
from lorforge.core.plan import Checkpoint, build_plan
from lorforge.core.records import KINDS, SETTINGS, Applicant, Person, Rotation

START, END = date(2025, 6, 2), date(2025, 6, 27)


def plan(
    specialty="Internal Medicine",
    *,
    setting="inpatient",
    kind="clerkship",
    target=None,
    name="Nguyễn Thị Hương",
    country="Việt Nam",
    people=(Person("José Müller"),),  # noqa: B008 (a frozen dataclass, never mutated)
    **kwargs,
) -> dict:
    rotation = Rotation(START, END, setting=setting, kind=kind, specialty=specialty)
    applicant = Applicant(name, country=country, specialty=specialty if target is None else target)
    checkpoints = build_plan(rotation=rotation, applicant=applicant, people=people, **kwargs)
    return {c.id: c for c in checkpoints}


def text_of(c: Checkpoint) -> str:
    return "\n".join((c.title, c.why, c.script, *c.tips))


# --- Filled in and natural ---------------------------------------------------------------------------


def test_setup_introduces_the_applicant_their_goals_and_asks_for_direct_feedback():
    setup = plan()["setup"].script
    assert setup.startswith("Dr. Müller, thank you for having me on the team.")
    assert "I'm Nguyễn Thị Hương." in setup
    assert "I trained in Việt Nam, and I'm applying to internal medicine residency this coming season." in setup
    assert "I'm working on three things:" in setup
    assert "Direct feedback is what helps me most" in setup
    assert "this month" in setup  # a four-week rotation


def test_names_with_diacritics_and_titles_pass_through_untouched():
    checkpoints = plan(people=(Person("Dr. Zoë Ångström"),))
    everything = "\n".join(text_of(c) for c in checkpoints.values())
    assert "Dr. Ångström" in everything
    assert "Zoë" not in everything and "Dr. Dr." not in everything  # never the full name in speech
    assert checkpoints["materials_email"].script.rstrip().endswith("Nguyễn Thị Hương")
    assert "Dear Dr. Ångström," in checkpoints["reminder-1"].script


def test_pre_ask_uses_strong_and_says_what_to_do_with_each_answer():
    pre_ask = plan()["pre_ask"]
    assert "strong letter of recommendation" in pre_ask.script
    assert "If they say yes with confidence:" in pre_ask.script
    assert "CV" in pre_ask.script and "personal statement" in pre_ask.script
    assert "hesitant" in pre_ask.script and "step back" in pre_ask.script
    assert "I'm applying to internal medicine residency this coming season." in pre_ask.script
    assert any("never on your last" in tip for tip in pre_ask.tips)


def test_midpoint_feedback_has_the_targeted_questions_and_closes_the_loop():
    midpoint = plan()["midpoint_feedback"].script
    assert "middle of my clerkship" in midpoint
    assert midpoint.count('   - "') == 3
    assert "closing the loop" in midpoint


def test_emails_carry_the_dates_the_deadline_and_the_aamc_id():
    checkpoints = plan(deadline=date(2025, 9, 20))
    materials = checkpoints["materials_email"].script
    assert "Subject: Thank you and LOR materials – Nguyễn Thị Hương, Jun 2–27, 2025" in materials
    assert "by Sep 20, 2025" in materials
    assert any("AAMC ID" in tip for tip in checkpoints["materials_email"].tips)
    rotation = Rotation(START, END, specialty="Pediatrics")
    with_id = build_plan(rotation=rotation, applicant=Applicant("A", specialty="Pediatrics", aamc_id="12345678"))
    email = next(c for c in with_id if c.key == "materials_email")
    assert "My AAMC ID: 12345678" in email.script
    assert not any("AAMC ID" in tip for tip in email.tips)


def test_the_second_reminder_reads_as_a_follow_up():
    checkpoints = plan()
    assert "once more" not in checkpoints["reminder-1"].script
    assert "once more" in checkpoints["reminder-2"].script


@pytest.mark.parametrize("deadline", [None, date(2025, 9, 15)])
def test_reminders_point_to_the_current_eras_timeline(deadline):
    checkpoints = plan(deadline=deadline)
    for key in ("reminder-1", "confirm_submission"):
        assert any("check the current ERAS timeline" in tip for tip in checkpoints[key].tips)


def test_without_names_the_scripts_still_read_naturally():
    checkpoints = plan(name="", country="", people=())
    assert checkpoints["setup"].script.startswith("Thank you for having me on the team.")
    assert "I trained outside the US" in checkpoints["setup"].script
    assert "Dear Doctor," in checkpoints["reminder-1"].script
    assert checkpoints["pre_ask"].title == "Ask your attending about a strong letter"


# --- Adapted to the field --------------------------------------------------------------------------------

SPECIALTY_CASES = [
    # typed specialty, setting, in the setup, in the first micro-highlight, in the setup tips
    ("Internal Medicine", "inpatient", "build a differential", "low sodium", "work like an intern"),
    ("IM", "outpatient", "build a differential", "diabetes", "9 out of 10"),
    ("Family Medicine", "outpatient", "focused visits", "blood pressure", "patients of every age"),
    (
        "Pediatrics",
        "inpatient",
        "children and to their parents",
        "inhaler and spacer",
        "children and with their parents",
    ),
    ("Psychiatry", "inpatient", "social work and case management", "wouldn't talk", "hard-to-reach patients"),
    ("Surgery", "inpatient", "in the OR", "second day after surgery", "how you behave in the OR"),
    ("Orthopedic Surgery", "outpatient", "Orthopedic Surgery residency", "gallbladder", "stamina and grit"),
    ("Neurology", "inpatient", "neurology residency", "abnormal result", "beats one full of adjectives"),
    (
        "Emergency Medicine",
        "inpatient",
        "emergency medicine residency",
        "abnormal result",
        "beats one full of adjectives",
    ),
]


@pytest.mark.parametrize("specialty, setting, in_setup, in_update, in_tips", SPECIALTY_CASES)
def test_scripts_adapt_to_the_field(specialty, setting, in_setup, in_update, in_tips):
    checkpoints = plan(specialty, setting=setting)
    assert in_setup in checkpoints["setup"].script
    assert in_update in checkpoints["micro_highlight-1"].script
    assert any(in_tips in tip for tip in checkpoints["setup"].tips)


def test_the_field_weight_appears_only_where_the_playbook_gives_one():
    assert any("8 out of 10" in tip for tip in plan("Pediatrics")["setup"].tips)
    assert not any("out of 10" in tip for tip in plan("Dermatology")["setup"].tips)


def test_updates_follow_the_rotation_while_goals_follow_the_target():
    checkpoints = plan("Surgery", target="Internal Medicine")
    assert "build a differential" in checkpoints["setup"].script  # the applicant's goals
    updates = "\n".join(c.script for c in checkpoints.values() if c.key == "micro_highlight")
    assert "OR" in updates and "low sodium" not in updates  # the rotation's world


@pytest.mark.parametrize(
    "kind, level",
    [("sub_internship", "strong sub-intern"), ("clerkship", "strong intern"), ("observership", "observer")],
)
def test_the_check_in_speaks_to_the_rotation_kind(kind, level):
    assert level in plan(kind=kind)["feedback_seed"].script


# --- Observerships and clinics ---------------------------------------------------------------------


def test_observerships_get_the_advice_and_the_honest_caution():
    checkpoints = plan(kind="observership")
    setup = text_of(checkpoints["setup"])
    assert "practice notes" in setup and "present" in setup and "talk" in setup
    assert any("count for less" in tip for tip in checkpoints["pre_ask"].tips)
    assert any("draft notes" in tip for tip in checkpoints["midpoint_feedback"].tips)
    clerkship = plan(kind="clerkship")
    assert not any("count for less" in tip for tip in clerkship["pre_ask"].tips)
    assert "practice notes" not in clerkship["setup"].script


def test_outpatient_wording_is_about_clinic_not_wards():
    checkpoints = plan("Internal Medicine", setting="outpatient")
    in_person = [c for c in checkpoints.values() if c.key not in ("materials_email", "reminder", "confirm_submission")]
    words = "\n".join(text_of(c) for c in in_person)
    assert "in clinic" in checkpoints["setup"].script
    assert "wards" not in words and "on rounds" not in words
    assert "in clinic" in checkpoints["feedback_followup"].script


# --- No fill-in brackets, anywhere -------------------------------------------------------------------


@pytest.mark.parametrize(
    "specialty, setting, kind, named",
    list(
        itertools.product(
            ["Internal Medicine", "Family Medicine", "Pediatrics", "Psychiatry", "Surgery", "Neurology", ""],
            SETTINGS,
            KINDS,
            [True, False],
        )
    ),
)
def test_no_placeholders_are_left(specialty, setting, kind, named):
    people = (Person("Sarah Smith"), Person("Ana Lee", role="resident")) if named else ()
    checkpoints = plan(
        specialty,
        setting=setting,
        kind=kind,
        people=people,
        name="Nguyễn Thị Hương" if named else "",
        country="Việt Nam" if named else "",
    )
    for c in checkpoints.values():
        text = text_of(c)
        assert not re.search(r"[\[\]{}]|None|\bTODO\b|___", text), (c.id, text)
        for line in text.splitlines():
            assert "  " not in line.strip(), (c.id, line)
            assert " ," not in line and " ." not in line and ",," not in line, (c.id, line)


def test_script_for_refuses_unknown_keys_and_missing_focus():
    ctx = scripts.script_context(
        rotation=Rotation(START, END), applicant=Applicant("A"), writer="", resident="", deadline=date(2025, 9, 24)
    )
    with pytest.raises(ValueError):
        scripts.script_for("lunch", ctx)
    with pytest.raises(ValueError):
        scripts.script_for("micro_highlight", ctx)
    assert scripts.script_for("micro_highlight", ctx, "systems_teamwork")


# --- Repetition, context and the applicant's own words -------------------------------------------------


def examples_in(checkpoints) -> list[str]:
    return [
        line
        for c in checkpoints.values()
        for line in c.script.splitlines()
        if c.key == "micro_highlight" and line.startswith('"')
    ]


@pytest.mark.parametrize("weeks", [2, 4, 8])
@pytest.mark.parametrize("kind", KINDS)
def test_no_example_or_script_repeats_within_a_plan(weeks, kind):
    rotation = Rotation(START, START + timedelta(days=weeks * 7 - 3), kind=kind, specialty="Pediatrics")
    checkpoints = build_plan(
        rotation=rotation, applicant=Applicant("Ana", specialty="Pediatrics"), people=(Person("Ana Lee"),)
    )
    examples = examples_in({c.id: c for c in checkpoints})
    assert len(examples) == len(set(examples))
    repeated = [c.key for c in checkpoints if c.key != "reminder"]
    scripts_ = [c.script for c in checkpoints if c.key in repeated]
    assert len(scripts_) == len(set(scripts_))


@pytest.mark.parametrize("specialty", ["Surgery", "Pediatrics", "Family Medicine", "Psychiatry", "Internal Medicine"])
def test_inpatient_follow_ups_never_ask_about_clinic(specialty):
    followup = plan(specialty, setting="inpatient")["feedback_followup"].script
    assert "clinic" not in followup


def test_surgery_follow_up_asks_about_the_or():
    assert "OR" in plan("Surgery")["feedback_followup"].script


@pytest.mark.parametrize(
    "specialty", ["Internal Medicine", "Family Medicine", "Pediatrics", "Psychiatry", "Surgery", "Neurology"]
)
@pytest.mark.parametrize("setting", SETTINGS)
def test_observership_scripts_fit_what_an_observer_may_do(specialty, setting):
    words = "\n".join(c.script for c in plan(specialty, setting=setting, kind="observership").values())
    for claim in ("for you to sign", "queued", "intern tomorrow", "your intern", "I've booked", "I called"):
        assert claim not in words, claim
    assert "huddle" in words or "practice note" in words


def test_self_introduction_uses_the_chosen_form_the_school_and_the_target():
    rotation = Rotation(START, END, specialty="Pediatrics")
    applicant = Applicant(
        "Nguyễn Thị Hương",
        country="Việt Nam",
        medical_school="Hanoi Medical University",
        specialty="Pediatrics",
        introduce_as="Dr. Nguyễn",
    )
    setup = next(c for c in build_plan(rotation=rotation, applicant=applicant) if c.key == "setup").script
    assert (
        "I'm Dr. Nguyễn. I graduated from Hanoi Medical University in Việt Nam, and I'm applying to "
        "pediatrics residency this coming season."
    ) in setup
    assert setup.index("I graduated") < setup.index("three things") < setup.index("Direct feedback")


# --- The one pre-ask ------------------------------------------------------------------------------------------

WRITER = Person("Sarah Smith, MD")
APPLICANT = Applicant("Ali Yılmaz", specialty="Internal Medicine")
ROTATION = Rotation(START, END, specialty="Internal Medicine")


def test_pre_ask_script_uses_strong_the_surname_and_what_was_taught():
    script = scripts.pre_ask_script(
        writer=WRITER, applicant=APPLICANT, learned=["inpatient diabetes.", "efficient rounds"]
    )
    assert script.startswith("Dr. Smith, thank you")
    assert "strong letter of recommendation" in script
    assert "especially about inpatient diabetes and efficient rounds." in script and ".." not in script
    assert "internal medicine residency" in script


def test_pre_ask_without_what_was_taught_leaves_no_blank():
    script = scripts.pre_ask_script(writer=WRITER, applicant=Applicant("Ali"), learned=["  "])
    assert not re.search(r"[\[\]{}]", script) and "applying to residency" in script


@pytest.mark.parametrize(
    "today, timing",
    [
        (START + timedelta(days=5), "early"),
        (END - timedelta(days=4), "on_time"),
        (END + timedelta(days=14), "on_time"),
        (END + timedelta(days=15), "late"),
    ],
)
def test_pre_ask_timing(today, timing):
    assert timeline.pre_ask_timing(ROTATION, today).key == timing


def test_a_two_week_rotation_is_never_early():
    short = Rotation(START, START + timedelta(days=13))
    assert timeline.pre_ask_timing(short, START + timedelta(days=1)).key == "on_time"


def test_early_adds_only_a_caution_and_late_refreshes_their_memory():
    on_time = scripts.pre_ask_script(writer=WRITER, applicant=APPLICANT, rotation=ROTATION)
    early = scripts.pre_ask_script(writer=WRITER, applicant=APPLICANT, rotation=ROTATION, timing="early")
    assert early == on_time and scripts.pre_ask_caution("early") and not scripts.pre_ask_caution("on_time")
    late = scripts.pre_ask_script(
        writer=WRITER,
        applicant=APPLICANT,
        rotation=ROTATION,
        timing="late",
        highlights=["Presented the new admission with atrial fibrillation."],
    )
    assert late.startswith("Dear Dr. Smith,")
    assert "(Jun 2–27)" in late and "weeks have passed" in late
    assert "- Presented the new admission with atrial fibrillation" in late
    assert "strong letter of recommendation" in late
    with pytest.raises(ValueError):
        scripts.pre_ask_script(writer=WRITER, applicant=APPLICANT, timing="soon")


def test_the_plan_and_the_writer_page_share_the_pre_ask():
    checkpoints = build_plan(rotation=ROTATION, applicant=APPLICANT, people=(WRITER,))
    shared = scripts.pre_ask_script(writer=WRITER, applicant=APPLICANT, rotation=ROTATION)
    assert f'"{shared}"' in next(c for c in checkpoints if c.key == "pre_ask").script


# --- The applicant's words in a sentence ------------------------------------------------------------------


@pytest.mark.parametrize(
    "change, expected",
    [
        (
            "I start every presentation with a one-line assessment",
            "Dr. Smith, since your feedback I've made one change: I start every presentation with a one-line "
            "assessment. Is that closer to what you were looking for?",
        ),
        (
            "start every presentation with a one-line assessment and plan; keep it under 2 minutes.",
            "Dr. Smith, since your feedback I've been working on this: “start every presentation with a one-line "
            "assessment and plan; keep it under 2 minutes”. Is that closer to what you were looking for?",
        ),
        (
            "",
            "Dr. Smith, I've been working on what you suggested in your feedback. Is that closer to what you were "
            "looking for?",
        ),
    ],
)
def test_followup_line_keeps_typed_text_as_typed(change, expected):
    line = scripts.followup_line(writer=WRITER, change=change)
    assert line == expected and ".." not in line


@pytest.mark.parametrize(
    "text, expected",
    [
        ("managing diabetes.", "managing diabetes"),
        ("  ICU handover;  ", "ICU handover"),
        ("What?", "What?"),
    ],
)
def test_phrase_trims_only_the_end(text, expected):
    assert scripts.phrase(text) == expected
