import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lorforge.core.presentations import (
    PRESENTATION_FIELDS,
    SBAR_FIELDS,
    render_presentation,
    render_sbar,
    split_items,
    validate_presentation,
    validate_sbar,
)

COMPLETE = {
    "hpi": "68-year-old with heart failure, three days of leg swelling",
    "exam_labs": "JVP up to the jaw, crackles at both bases; BNP 1,800",
    "differential": "1. Heart failure exacerbation\n2. ACS\n- Pneumonia\n",
    "justification": "Because the BNP is high and he stopped his furosemide",
    "plan": "IV furosemide 40 mg twice daily\nDaily weights, strict I/O\nEcho",
}
SBAR = {
    "situation": "I'm the student on medicine, calling about a 54-year-old in room 12 with a potassium of 6.4",
    "background": "CKD 3 on lisinopril, admitted for cellulitis",
    "assessment": "Hyperkalemia without ECG changes; she is stable",
    "recommendation": "Could you see her this afternoon?",
}


def test_fields_are_well_formed():
    for fields in (PRESENTATION_FIELDS, SBAR_FIELDS):
        keys = [f.key for f in fields]
        assert len(keys) == len(set(keys))
        assert all(f.label and f.help and f.max_length > 0 for f in fields)
    assert [f.key for f in PRESENTATION_FIELDS] == ["hpi", "exam_labs", "differential", "justification", "plan"]
    assert [f.key for f in SBAR_FIELDS] == ["situation", "background", "assessment", "recommendation"]


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("CHF\nACS\nPneumonia", ["CHF", "ACS", "Pneumonia"]),
        ("1. CHF\n2) ACS\n\n- PE\n• Pneumonia.", ["CHF", "ACS", "PE", "Pneumonia"]),
        ("UTI, meningitis, hypoglycemia", ["UTI", "meningitis", "hypoglycemia"]),
        ("drug reaction; viral exanthem, maybe; vasculitis", ["drug reaction", "viral exanthem, maybe", "vasculitis"]),
        ("", []),
        ("   \n  ", []),
    ],
)
def test_split_items(text, items):
    assert split_items(text) == items


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({}, set()),
        ({"differential": "CHF\nACS"}, {"differential"}),
        ({"differential": "CHF\nACS\nPE\nPneumonia\nCOPD"}, {"differential"}),
        ({"differential": "CHF\nACS\nchf"}, {"differential"}),
        ({"differential": "CHF, ACS, PE, pneumonia"}, set()),
        ({"hpi": "   "}, {"hpi"}),
        ({"plan": None}, {"plan"}),
        ({"hpi": "x" * 601}, {"hpi"}),
    ],
)
def test_validate_presentation(changes, errors):
    values = {**COMPLETE, **changes}
    result = validate_presentation(values)
    assert set(result) == errors
    assert all(message.endswith((".", ")")) for message in result.values())


def test_differential_message_says_how_many():
    assert "now 2" in validate_presentation({**COMPLETE, "differential": "CHF\nACS"})["differential"]


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({}, set()),
        ({"assessment": ""}, {"assessment"}),
        ({"situation": "x" * 301, "recommendation": ""}, {"situation", "recommendation"}),
    ],
)
def test_validate_sbar(changes, errors):
    assert set(validate_sbar({**SBAR, **changes})) == errors


def test_render_presentation_reads_in_order():
    assert render_presentation(COMPLETE) == (
        "HPI: 68-year-old with heart failure, three days of leg swelling.\n\n"
        "Exam and labs: JVP up to the jaw, crackles at both bases; BNP 1,800.\n\n"
        "Differential:\n1. Heart failure exacerbation\n2. ACS\n3. Pneumonia\n\n"
        "Most likely Heart failure exacerbation, because the BNP is high and he stopped his furosemide.\n\n"
        "Plan:\n- IV furosemide 40 mg twice daily\n- Daily weights, strict I/O\n- Echo"
    )


def test_render_skips_empty_sections():
    assert render_presentation({"hpi": "Chest pain", "plan": "Troponin"}) == "HPI: Chest pain.\n\nPlan:\n- Troponin"
    assert render_presentation({}) == ""


def test_render_sbar():
    text = render_sbar({**SBAR, "background": ""})
    assert text.startswith("Situation: I'm the student on medicine")
    assert "Background" not in text
    assert text.endswith("Recommendation: Could you see her this afternoon?")


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from([f.key for f in PRESENTATION_FIELDS + SBAR_FIELDS] + ["other"]),
        st.one_of(st.text(max_size=300), st.none(), st.integers()),
    )
)
def test_helpers_never_raise(values):
    assert isinstance(render_presentation(values), str)
    assert isinstance(render_sbar(values), str)
    assert set(validate_presentation(values)) <= {f.key for f in PRESENTATION_FIELDS}
    assert set(validate_sbar(values)) <= {f.key for f in SBAR_FIELDS}
