"""The privacy guard on the rules added for the weakest families of issue 14 (second round): lower-case
surname-first lists, towns and streets typed in lower case or before a state, relatives who are doctors
described in other words, foreign titles with a surname, lower-case titles before a surname that is also a
word, ordinal ranges and bare ages after a title. One table of hits and one of look-alikes; the lines are
written for these tests, not taken from the evaluation set."""

from __future__ import annotations

import pytest

from lorforge.core.privacy import find_phi


def found(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in find_phi(text)]


# (class, kind, expected text of the finding, line)
HITS = [
    ("name-surname-first", "name", "garcia, maria", "census: garcia, maria bed 7"),
    ("name-surname-first", "name", "nguyen, thanh", "pre-rounded on nguyen, thanh before 6"),
    ("name-surname-first", "name", "Reyes, Miguel", "handoff: the plan for Reyes, Miguel is a CT"),
    ("name-surname-first", "name", "Fofana, Awa", "list: Fofana, Awa; Reyes, Miguel A."),
    ("name-surname-first", "name", "ADEBAYO, FOLA", "saw OKAFOR, CHIDI A. and ADEBAYO, FOLA on rounds"),
    ("name-surname-first", "name", "Park, Ji-hoon", "sign-out: Park, Ji-hoon (12B) needs a BMP"),
    ("name-relative-doctor", "name", "Dr. Kim", "her son (a doctor) Dr. Kim asked about the scan"),
    ("name-relative-doctor", "name", "Dr. Shah", "pt's son is a dr, Dr. Shah, and wants the report"),
    ("name-relative-doctor", "name", "Dr. Roy", "her nephew the cardiologist, Dr. Roy, called"),
    ("name-relative-doctor", "name", "Dr. Fox", "pt's daughter who is an MD (Dr. Fox) asked for labs"),
    ("name-relative-doctor", "name", "Dr. Kaplan", "his wife Dr. Kaplan brought outside records"),
    ("name-foreign-title", "name", "Herr Müller", "Herr Müller refused the NG tube"),
    ("name-foreign-title", "name", "Monsieur Laurent", "explained the cath to Monsieur Laurent"),
    ("name-foreign-title", "name", "dona maria", "dona maria brought tamales"),
    ("name-lower", "name", "mr park", "mr park said thank you after the tap"),
    ("name-lower", "name", "ms king", "ms king refused her meds again"),
    ("place-town", "address", "hialeah", "moved here from hialeah 2 yrs ago"),
    ("place-town", "address", "washington heights", "pt lives in washington heights w her son"),
    ("place-town", "address", "kendall", "lives in kendall with her mom"),
    ("place-town", "address", "Cicero", "pt from Cicero, IL with chest pain"),
    ("place-town", "address", "East Harlem", "she lives in East Harlem in a walkup"),
    ("place-town", "address", "Elmhurst", "lives in Elmhurst with her sister"),
    ("place-town", "address", "Newark", "works in Newark at a warehouse"),
    ("place-town", "address", "Houston", "her son lives in Houston and calls daily"),
    ("place-street", "address", "willow lane", "lives on willow lane w her cats"),
    ("place-street", "address", "125th st", "lives on 125th st near the park"),
    ("date-range", "date", "3rd-7th june", "in hospital 3rd-7th june"),
    ("date-range", "date", "jan 4-11", "jan 4-11 in the icu"),
    ("date-lower-ordinal", "date", "5th may", "seen 5th may in clinic"),
    ("date-lower-ordinal", "date", "3rd", "admitted the 3rd, still here"),
    ("age-bare-90", "age", "98", "mr k is 98 and sharper than me"),
    ("age-bare-90", "age", "93y F", "93y F with hip fracture"),
    ("age-bare-90", "age", "100th bday", "her 100th bday is next week"),
    ("date-lower-ordinal", "date", "march the 3rd", "died march the 3rd per the family"),
    ("date-lower-ordinal", "date", "first of march", "admitted the first of march"),
    ("name-surname-first", "name", "nwosu, chidi", "sign out: nwosu, chidi needs AM labs"),
    ("name-foreign-title", "name", "frau meyer", "frau meyer wants to go home"),
    ("name-foreign-title", "name", "Frau Dr. Schulz", "Frau Dr. Schulz is a retired teacher"),
    ("name-foreign-title", "name", "Pani Kowalska", "Pani Kowalska only speaks polish"),
    ("name-relative-doctor", "name", "Dr. Bell", "husband, a retired surgeon (Dr. Bell), asked"),
    ("place-street", "address", "Maple", "she lives on Maple, next to the church"),
    ("place-street", "address", "n broad st", "lives on n broad st with her son"),
    ("place-town", "address", "Pilsen", "resident of Pilsen, walks to clinic"),
]

# (class, line): nothing may be found
TRAPS = [
    ("trap-place", "we moved here from Manila in 2022"),
    ("trap-place", "relocated from the ICU to be near the nurses station"),
    ("trap-place", "lives in poverty with her kids"),
    ("trap-place", "stays in touch with her son"),
    ("trap-place", "lives on disability and social security"),
    ("trap-place", "my rotation in Chicago was fun"),
    ("trap-place", "she lives near the grandkids"),
    ("trap-staff", "Dr. Ray, MD, taught us the exam"),
    ("trap-staff", "her son asked Dr. Smith, the attending, about the plan"),
    ("trap-name-word", "Max dose of tylenol given"),
    ("trap-name-word", "daughter drove in this morning"),
    ("trap-name-word", "explained insulin to his granddaughter, drew a chart of the doses"),
    ("trap-eponym-city", "Richmond agitation sedation scale -2"),
    ("trap-eponym-city", "the Sister Mary Joseph nodule was on my exam"),
    ("trap-date", "the 5th may be late"),
    ("trap-date", "she is on 4-5 L"),
    ("trap-general", "however, maria said the plan was fine"),
    ("trap-general", "dx: pna, aki, copd"),
    ("trap-place", "lives on Social Security and food stamps"),
    ("trap-date", "first of all, the plan is good"),
]


@pytest.mark.parametrize(("family", "kind", "expected", "text"), HITS, ids=[f"{h[0]}:{h[3][:30]}" for h in HITS])
def test_each_shape_is_found(family: str, kind: str, expected: str, text: str) -> None:
    assert (kind, expected) in found(text), found(text)


@pytest.mark.parametrize(("family", "text"), TRAPS, ids=[f"{t[0]}:{t[1][:30]}" for t in TRAPS])
def test_look_alikes_are_left_alone(family: str, text: str) -> None:
    assert found(text) == []


def test_a_list_of_wristband_names_is_found_whole() -> None:
    text = "pre-rounded on KOWALSKI, PIOTR and OYELARAN, TOLU before 6"
    assert [t for _, t in found(text)] == ["KOWALSKI, PIOTR", "OYELARAN, TOLU"]
