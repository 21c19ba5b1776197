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
    assert "Subject: Thank you and LOR materials – Nguyễn Thị Hương (Jun 2–27, 2025)" in materials
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
    ("IM", "outpatient", "build a differential", "diabetes", "about 9 on a scale of 1 to 10"),
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
    assert any("about 8 on a scale of 1 to 10" in tip for tip in plan("Pediatrics")["setup"].tips)
    assert not any("scale of 1 to 10" in tip for tip in plan("Dermatology")["setup"].tips)
    assert not any("out of 10" in tip for tip in plan("Pediatrics")["setup"].tips)  # not a 90% chance


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
    assert "(Jun 2–27, 2025)" in late and "weeks have passed" in late
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


# --- Read as the attending and the applicant: words that fit the rotation ------------------------------------

ONLY_ON_THE_WARDS = re.compile(
    r"\b(?:on|before|after) (?:morning )?rounds\b|\bthe wards\b|rounds moving|\bon your service\b"
)
ONLY_IN_CLINIC = re.compile(r"\bin (?:your |the )?clinic\b|\bbetween (?:visits|patients)\b|\bshort visit\b")
FIELDS = [
    "Internal Medicine",
    "Family Medicine",
    "Pediatrics",
    "Psychiatry",
    "Surgery",
    "Neurology",
    "Orthopedic Surgery",
]


@pytest.mark.parametrize("specialty", FIELDS)
@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize("kind", KINDS)
def test_no_line_contradicts_the_setting(specialty, setting, kind):
    """Goals, updates, the midpoint talk, what they taught: "keep rounds moving" is never said in a clinic and
    "a short visit" never on the wards (the field's own emphasis tip, about the field, may name both)."""
    from lorforge.core.specialties import nuance_for

    checkpoints = plan(
        specialty, setting=setting, kind=kind, people=(Person("Ana Lee"), Person("Bo Kim", role="resident"))
    )
    wrong = ONLY_ON_THE_WARDS if setting == "outpatient" else ONLY_IN_CLINIC
    emphasis = nuance_for(specialty).emphasis
    for c in checkpoints.values():
        for text in (c.script, *(t for t in c.tips if t != emphasis)):
            assert not wrong.search(text), (c.id, wrong.search(text).group(0), text)


@pytest.mark.parametrize(
    "specialty, setting, said, never",
    [
        ("Internal Medicine", "outpatient", "runs a visit in your clinic", "on your service"),
        ("Internal Medicine", "inpatient", "on your service", "in your clinic"),
        ("Family Medicine", "inpatient", "on your service", "focused visits"),
        ("Family Medicine", "outpatient", "focused visits", "on your service"),
        ("Surgery", "outpatient", "in your clinic", "in the OR"),
        ("Surgery", "inpatient", "in the OR", "in your clinic"),
    ],
)
def test_goals_fit_the_setting(specialty, setting, said, never):
    setup = plan(specialty, setting=setting)["setup"].script
    assert said in setup and never not in setup


@pytest.mark.parametrize(
    "specialty, setting, learned",
    [
        ("Internal Medicine", "inpatient", "keep rounds moving"),
        ("Internal Medicine", "outpatient", "keep the clinic on time"),
        ("Family Medicine", "outpatient", "one short visit"),
        ("Family Medicine", "inpatient", "discharge around the patient's life at home"),
        ("Surgery", "inpatient", "before the first incision"),
        ("Surgery", "outpatient", "who needs an operation"),
        ("Pediatrics", "outpatient", "worried parent"),  # fits both settings: unchanged
    ],
)
def test_what_they_taught_fits_the_setting_in_the_thanks_and_the_pre_ask_tip(specialty, setting, learned):
    checkpoints = plan(specialty, setting=setting)
    assert learned in checkpoints["last_day_thanks"].script
    assert any(learned in tip for tip in checkpoints["pre_ask"].tips)


@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize("specialty", FIELDS)
def test_an_observer_is_never_told_to_speak_on_rounds_in_a_clinic_or_after_a_visit_on_the_wards(specialty, setting):
    checkpoints = plan(specialty, setting=setting, kind="observership")
    updates = [c for c in checkpoints.values() if c.key == "micro_highlight"]
    assert updates
    for c in updates:
        moment = c.script.split("say it ", 1)[1].split(".")[0]
        assert ("patients" in moment) == (setting == "outpatient"), moment
        assert "visit" not in moment or setting == "outpatient"
        assert not any(t.startswith("Say it") for t in c.tips)  # the tip never names another moment


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("setting", SETTINGS)
def test_an_update_tip_never_repeats_or_contradicts_the_moment_in_the_script(kind, setting):
    checkpoints = plan(setting=setting, kind=kind)
    update = checkpoints["micro_highlight-1"]
    assert "Keep it to 30–60 seconds and say it " in update.script
    assert not any("on rounds" in t or "between visits" in t for t in update.tips)


@pytest.mark.parametrize(
    "specialty, setting",
    [(s, setting) for s in ("Family Medicine", "Pediatrics", "Surgery", "Neurology") for setting in SETTINGS],
)
def test_an_observers_first_reasoning_update_fits_the_setting_and_reads_as_one_question(specialty, setting):
    example = next(
        line
        for line in plan(specialty, setting=setting, kind="observership")["micro_highlight-1"].script.splitlines()
        if line.startswith('"')
    )
    assert "and you tell me" not in example  # "Could I present …, and you tell me…?" does not parse
    if setting == "inpatient":
        assert not ONLY_IN_CLINIC.search(example) and "visit" not in example
    else:
        assert "rounds" not in example and "first case" not in example


@pytest.mark.parametrize(
    "kind, setting, resident_line",
    [
        ("observership", "inpatient", "anything I could prepare or look up for the team tomorrow"),
        ("observership", "outpatient", "anything I could prepare or look up for the team tomorrow"),
        ("clerkship", "inpatient", "take off your plate"),
        ("sub_internship", "outpatient", "take off your plate"),
    ],
)
def test_the_resident_is_offered_only_what_the_applicant_may_do(kind, setting, resident_line):
    seed = plan(setting=setting, kind=kind, people=(Person("Ana Lee"), Person("Bo Kim", role="resident")))
    assert resident_line in seed["feedback_seed"].script


@pytest.mark.parametrize("setting", SETTINGS)
def test_the_observer_setup_asks_once_about_the_plan_right_after_it(setting):
    setup = plan(setting=setting, kind="observership")["setup"].script
    assert "now and then" not in setup  # no second, vaguer version of the goals
    paragraphs = setup.split("\n\n")
    goals = next(i for i, p in enumerate(paragraphs) if "three things" in p)
    assert paragraphs[goals + 1].endswith("Would that plan work for you?")
    assert "Direct feedback" in paragraphs[-1]


@pytest.mark.parametrize(
    "weeks, ahead, soon",
    [
        (2, "a day or two ahead", "ten minutes soon"),
        (4, "a few days ahead", "in the next few days"),
        (6, "a few days ahead", "in the next few days"),
    ],
)
def test_booking_the_midpoint_talk_fits_the_rotation_length(weeks, ahead, soon):
    rotation = Rotation(START, START + timedelta(days=weeks * 7 - 3))
    checkpoints = {c.id: c for c in build_plan(rotation=rotation, applicant=APPLICANT, people=(WRITER,))}
    midpoint = checkpoints["midpoint_feedback"]
    assert f"To book it, {ahead}:" in midpoint.script and soon in midpoint.script
    assert "this week" not in midpoint.script  # booked days ahead, the talk may fall in the next week
    assert not any("a week later" in t for t in midpoint.tips)  # short rotations follow up sooner


@pytest.mark.parametrize("weeks", [2, 4, 6, 8, 12])
def test_timing_tips_never_contradict_the_dates_the_plan_computes(weeks):
    rotation = Rotation(START, START + timedelta(days=weeks * 7 - 3))
    checkpoints = build_plan(rotation=rotation, applicant=APPLICANT, people=(WRITER,))
    tips = "\n".join(t for c in checkpoints for t in c.tips)
    assert "three to five days" not in tips and "a week later" not in tips
    words = "\n".join(c.script for c in checkpoints)
    assert "update number" not in words and "check-in number" not in words  # counted like a robot


@pytest.mark.parametrize("weeks", [6, 8, 12])
def test_late_updates_stay_distinct_and_read_naturally(weeks):
    rotation = Rotation(START, START + timedelta(days=weeks * 7 - 3))
    updates = [
        c.script
        for c in build_plan(rotation=rotation, applicant=APPLICANT, people=(WRITER,))
        if c.key == "micro_highlight"
    ]
    assert len(updates) == len(set(updates))
    late = [u for u in updates if "short updates so far" in u]
    assert all(re.search(r"You have given them (\w+) short updates so far, so pick", u) for u in late)


@pytest.mark.parametrize(
    "specialty, setting",
    [("Psychiatry", "inpatient"), ("Psychiatry", "outpatient"), ("Surgery", "inpatient"), ("Pediatrics", "outpatient")],
)
def test_the_follow_up_credits_their_advice_once(specialty, setting):
    followup = plan(specialty, setting=setting)["feedback_followup"].script
    assert "as you suggested" in followup and "the way you showed me" not in followup


@pytest.mark.parametrize(
    "rotation, today_year, dates_said",
    [
        (
            Rotation(date(2026, 11, 30), date(2026, 12, 11), specialty="Internal Medicine"),
            2027,
            "(Nov 30 – Dec 11, 2026)",
        ),
        (
            Rotation(date(2026, 12, 14), date(2027, 1, 8), specialty="Internal Medicine"),
            2027,
            "(Dec 14, 2026 – Jan 8, 2027)",
        ),
        (Rotation(date(2027, 3, 1), date(2027, 3, 26), kind="observership"), 2027, "(Mar 1–26, 2027)"),
    ],
)
def test_the_late_ask_is_a_whole_email_with_dates_that_cannot_be_misread(rotation, today_year, dates_said):
    late = scripts.pre_ask_script(writer=WRITER, applicant=APPLICANT, rotation=rotation, timing="late")
    assert late.startswith("Dear Dr. Smith,")
    assert dates_said in late and "I was on your team during my " in late
    assert "your internal medicine clerkship" not in late  # the rotation is the applicant's, the team theirs
    assert late.endswith("With many thanks,\nAli Yılmaz")
    unnamed = scripts.pre_ask_script(writer=WRITER, applicant=Applicant(""), rotation=rotation, timing="late")
    assert unnamed.endswith("With many thanks,") and "This is" not in unnamed


def test_the_late_ask_without_dates_claims_no_time_of_year():
    late = scripts.pre_ask_script(writer=WRITER, applicant=APPLICANT, timing="late")
    assert "This is Ali Yılmaz; I rotated with your team." in late and "this year" not in late


def test_the_late_caution_sends_materials_only_after_the_yes():
    caution = scripts.pre_ask_caution("late")
    assert "once they say yes, send your materials the same day" in caution


@pytest.mark.parametrize("aamc_id", ["", "12345678"])
def test_the_materials_tips_get_the_eras_upload_right(aamc_id):
    rotation = Rotation(START, END, specialty="Pediatrics")
    applicant = Applicant("A", specialty="Pediatrics", aamc_id=aamc_id)
    email = next(c for c in build_plan(rotation=rotation, applicant=applicant) if c.key == "materials_email")
    tips = "\n".join(email.tips)
    assert "Letter ID" in tips and "Letter Request Form" in tips  # what the portal asks for
    assert ("AAMC ID" in tips) == (not aamc_id)
    assert "AAMC ID to the email: the writer needs it to upload" not in tips  # the AAMC ID does not upload a letter
