import pytest

from lorforge.core.readiness import ask_readiness
from lorforge.core.records import Flag, WriterStrength

ALL = ("work_ethic", "clinical_reasoning", "communication", "reliability", "teachability", "patient_safety", "fit")


def strength(*, specific=4, visible=4, covered=4, closed=1, open_=0, weeks=4.0, flags=()) -> WriterStrength:
    return WriterStrength(
        name="Dr. Smith",
        role="attending",
        specific_stories=specific,
        visible_stories=visible,
        goal=3,
        qualities_covered=ALL[:covered],
        qualities_missing=ALL[covered:],
        loops_closed=closed,
        loops_open=open_,
        weeks_of_contact=weeks,
        level="strong",
        flags=tuple(flags),
    )


IN_SPECIALTY = dict(role="attending", setting="inpatient", kind="clerkship", specialty_match=True)


@pytest.mark.parametrize(
    "changes, who, level, step_words",
    [
        ({}, {}, "ready", "strong"),
        ({"visible": 3, "specific": 3}, {}, "ready", "strong"),
        ({"visible": 2, "specific": 4}, {}, "almost", "never mentioned"),
        ({"visible": 2, "specific": 2}, {}, "almost", "1 more specific moment"),
        ({"visible": 0, "specific": 0}, {}, "not_yet", "3 more specific moments"),
        ({"covered": 2}, {}, "almost", "show communication and teamwork"),
        ({"covered": 0}, {}, "not_yet", "show work ethic"),
        ({"closed": 0}, {}, "almost", "one specific point"),
        ({"open_": 1}, {}, "almost", "open feedback loop"),
        ({"weeks": 2.0}, {}, "almost", "at least 3 weeks"),
        ({"weeks": 1.0}, {}, "not_yet", "at least 3 weeks"),
        ({"weeks": 3.0}, {"specialty_match": False}, "almost", "at least 4 weeks"),
        ({"weeks": 5.0}, {"specialty_match": False}, "ready", "strong"),
        ({}, {"setting": "outpatient"}, "ready", "strong"),
        ({}, {"role": "fellow"}, "ready", "strong"),
        ({}, {"role": "research_mentor"}, "ready", "strong"),
        ({}, {"role": "resident"}, "almost", "attending"),
        ({}, {"role": "nurse"}, "not_yet", "attending"),
        ({"visible": 2, "specific": 2, "closed": 0, "weeks": 2.0}, {}, "not_yet", "specific moment"),
    ],
)
def test_levels_and_next_steps(changes, who, level, step_words):
    result = ask_readiness(strength=strength(**changes), **{**IN_SPECIALTY, **who})
    assert result.level == level
    assert step_words.lower() in result.next_step.lower()
    assert result.label and result.reasons


def test_never_a_bare_number_reasons_are_sentences():
    result = ask_readiness(strength=strength(), **IN_SPECIALTY)
    assert len(result.reasons) >= 5
    assert all(r.endswith(".") and len(r.split()) > 3 for r in result.reasons)
    assert any("Inpatient attending in your specialty" in r for r in result.reasons)


def test_observership_is_honest_even_when_ready():
    result = ask_readiness(strength=strength(), **{**IN_SPECIALTY, "kind": "observership"})
    assert result.level == "ready"
    assert "observership" in result.label.lower()
    assert any("Observership" in r and "less weight" in r for r in result.reasons)


def test_observership_does_not_rescue_a_thin_record():
    result = ask_readiness(
        strength=strength(visible=1, specific=1, closed=0), **{**IN_SPECIALTY, "kind": "observership"}
    )
    assert result.level != "ready"


def test_meter_flags_are_passed_on_as_reasons():
    flag = Flag("hovering", "Many offers of help but few stories.", "Own a patient instead.")
    result = ask_readiness(strength=strength(flags=[flag]), **IN_SPECIALTY)
    assert "Many offers of help but few stories." in result.reasons


def test_missing_qualities_are_named():
    result = ask_readiness(strength=strength(covered=2), **IN_SPECIALTY)
    assert any("not yet: Communication and teamwork, Reliability" in r for r in result.reasons)
