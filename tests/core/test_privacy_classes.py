"""The privacy guard on the classes of issue 14, one table per class: what each rule finds, and the look-alikes
it must leave alone. The lines are written for these tests (not taken from the evaluation set)."""

from __future__ import annotations

import pytest

from lorforge.core.privacy import find_phi


def found(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in find_phi(text)]


# (class, kind, expected text of the finding, line)
HITS = [
    # names typed in lower case, with or without the title's dot, with particles
    ("name-lower", "name", "mrs kaur", "mrs kaur's son wants to take her home"),
    ("name-lower", "name", "ms.delgado", "ms.delgado pulled her IV again"),
    ("name-lower", "name", "ms whitfield", "ms whitfield's sugars were in the 300s"),
    ("name-lower", "name", "miss farouk", "miss farouk is 17 and wants privacy for the history"),
    ("name-lower", "name", "mrs. de la cruz", "mrs. de la cruz wants the priest before surgery"),
    ("name-lower", "name", "mr van der berg", "mr van der berg desatted on the walk test"),
    ("name-lower", "name", "ms.park", "so ms.park told me she lives alone"),
    ("name-lower", "name", "mr. white", "mr. white coded at 2am, ROSC after one round"),
    ("name-lower", "name", "kateryna", "talked to kateryna's husband about the delirium"),
    ("name-lower", "name", "sr. ortega", "sr. ortega wants his wife to decide"),
    # surname first, as on wristbands and lists
    ("name-surname-first", "name", "MBEKI, THABO", "MBEKI, THABO bed 22 still waiting on MRI"),
    ("name-surname-first", "name", "OKAFOR, GRACE", "OKAFOR, GRACE lives alone, no PCP"),
    ("name-surname-first", "name", "Nakamura, Yuki", "Nakamura, Yuki (rm 8) - dc today"),
    # titles in other languages
    ("name-foreign-title", "name", "Sra. López", "Sra. López no habla inglés, used the interpreter"),
    ("name-foreign-title", "name", "Frau Weber", "Frau Weber asked for a German-speaking doctor"),
    ("name-foreign-title", "name", "Señor Aguilar", "Señor Aguilar walked to the window today"),
    # a relative who is a doctor is family, not a clinician on the team
    ("name-relative-doctor", "name", "Dr. Iyer", "his nephew is a cardiologist, Dr. Iyer, and joined by phone"),
    ("name-relative-doctor", "name", "Dr. Haas", "her sister is a nurse practitioner, Dr. Haas, and called"),
    ("name-relative-doctor", "name", "Dr. Kowalczyk", "her son-in-law, Dr. Kowalczyk, wanted the MRI"),
    ("name-relative-doctor", "name", "Dr. Amari", "her son, Dr. Amari, called from Ohio"),
    # towns and neighbourhoods after a word of residence or travel, with no state
    ("place-town", "address", "Hialeah", "moved here from Hialeah two years ago"),
    ("place-town", "address", "Bronx", "lives in the Bronx with her sister"),
    ("place-town", "address", "Riverhead", "she lives way out in Riverhead, no PCP nearby"),
    ("place-town", "address", "Camden", "was living in a shelter in Camden before admission"),
    ("place-town", "address", "Pawtucket", "stays at her daughter's in Pawtucket most weeks"),
    ("place-town", "address", "Cicero", "drove in from Cicero when the pain got bad"),
    ("place-town", "address", "Passaic", "went back to Passaic and stopped his meds"),
    ("place-town", "address", "Kendall", "she just moved to Kendall last year"),
    ("place-town", "address", "Hamtramck", "home is in Hamtramck, no car"),
    ("place-town", "address", "Sheepshead Bay", "patient resides in Sheepshead Bay"),
    ("place-town", "address", "Fall River", "She's lived in Fall River her whole life."),
    ("place-town", "address", "East New York", "lives in East New York, has an aide"),
    ("place-town", "address", "New Bedford", "moved from Fall River to New Bedford and lost her PCP"),
    ("place-town", "address", "Corona", "they're from Corona, dad works nights"),
    ("place-town", "address", "Bay Ridge", "mrs ahmadi (93) from Bay Ridge, adm 2/11"),
    # streets without a house number
    ("place-street", "address", "Lincoln Ave", "lives off Lincoln Ave, the bus stop is right there"),
    ("place-street", "address", "Cedar Rd", "her house is near Cedar Rd past the gas station"),
    ("place-street", "address", "Grand St", "apartment on Grand St, 3rd floor"),
    ("place-street", "address", "Oak Ave", "corner of Main St and Oak Ave, near the church"),
    ("place-street", "address", "Broadway", "was found wandering on Broadway at 3am"),
    ("place-street", "address", "Grand Concourse", "her apt is on the Grand Concourse"),
    # dates: lower case and ordinal, weekday before, ranges, month and year of an event, birth years
    ("date-lower-ordinal", "date", "feb 2nd", "admitted feb 2nd with cellulitis"),
    ("date-lower-ordinal", "date", "21st", "she fell on the 21st and waited two days"),
    ("date-lower-ordinal", "date", "17th", "planned d/c thurs the 17th if sats hold"),
    ("date-dmy-abbr", "date", "05-Mar-2025", "admitted 05-Mar-2025 per the transfer sheet"),
    ("date-weekday-md", "date", "4/11", "admitted fri 4/11 with pna"),
    ("date-weekday-md", "date", "9/9", "Tues 9/9: pt extubated, following commands"),
    ("date-range", "date", "4/2/25", "hospitalized 4/2/25-4/8/25 for CHF"),
    ("date-range", "date", "4/8/25", "hospitalized 4/2/25-4/8/25 for CHF"),
    ("date-month-year", "date", "jan 2024", "moved from Fall River to New Bedford in jan 2024"),
    ("date-birth-year", "date", "1931", "born 1931 in Jamaica"),
    ("date-birth-year", "date", "1932", "dob yr 1932 per the chart"),
    ("date-birth-year", "date", "1928", "1928 birth year per family"),
    # ages of 90 and over without "year-old"
    ("age-bare-90", "age", "93", "she's about 93 and sharp as a tack"),
    ("age-bare-90", "age", "101", "turns 101 next month"),
    ("age-bare-90", "age", "100", "he will turn 100 in a few weeks"),
    ("age-bare-90", "age", "101", "he's gonna be 101 in march!!"),
    ("age-bare-90", "age", "96", "my pt today was 96!!"),
    ("age-bare-90", "age", "104", "oldest patient I've met, 104"),
    ("age-bare-90", "age", "93", "93 years young per her"),
    ("age-bare-90", "age", "97", "at 97 she still lives alone"),
    ("age-bare-90", "age", "ninety-two", "Mrs. Santos is ninety-two and lives alone."),
    # ids and numbers
    ("id-ssn-last4", "id", "6621", "last 4 ssn 6621 for the pharmacy"),
    ("id-accession", "id", "S24-20931", "path S24-20931 came back adenocarcinoma"),
    ("phone-7digit", "phone", "555-2389", "daughter's cell 555-2389, call after 5"),
]

# (class, line): nothing in these lines is a patient identifier
TRAPS = [
    # words that are also names, first in their clause
    ("trap-name-word", "Bill the insurer for the extra day? case manager says no"),
    ("trap-name-word", "Will call back after the CT is read."),
    ("trap-name-word", "Pat dry the wound before the dressing."),
    ("trap-name-word", "i miss rounds on medicine honestly"),
    ("trap-name-word", "didn't miss a single dose of abx this time"),
    ("trap-name-word", "ms flare on the mri, neuro following"),
    ("trap-name-word", "pt with ms, on ocrevus"),
    ("trap-name-word", "mr on the echo, moderate"),
    # staff, said with or without a comma
    ("trap-staff", "Ms. Ortiz the case manager found a SNF bed"),
    ("trap-staff", "Dr. Nguyen (cards fellow) read the echo with me"),
    ("trap-staff", "Sister Agnes, the hospital chaplain, prayed with the family."),
    # eponyms, scores and things named after people or cities
    ("trap-eponym", "Sister Mary Joseph nodule noted on exam."),
    ("trap-eponym", "Stanford type A dissection, to the OR"),
    ("trap-eponym", "the Boston Scientific rep brought the device"),
    ("trap-eponym", "Denver shunt was placed for refractory ascites."),
    ("trap-eponym", "the Boston criteria for CAA, probable"),
    ("trap-eponym", "Dx: Barrett's, on PPI"),
    ("trap-eponym", "the Lake Louise score was 5 on the trek"),
    ("trap-eponym", "read the Harriet Lane section on dosing"),
    # places that are not where a patient lives: units, departments, hospitals, countries, the applicant
    ("trap-place", "moved here from the step-down unit at 2am"),
    ("trap-place", "came from Triage with chest pain"),
    ("trap-place", "came from Cardiology: no need for a cath"),
    ("trap-place", "home on Eliquis, follow up with Cardiology"),
    ("trap-place", "stays in Bed most of the day"),
    ("trap-place", "lives in Spanish mostly, her English is limited"),
    ("trap-place", "outside records from Henry Ford came in"),
    ("trap-place", "transferred from Lenox Hill for the cath"),
    ("trap-place", "she lives in Mexico and came to visit her son"),
    ("trap-place", "I'm from Cairo and did my observership in Chicago"),
    ("trap-place", "on the 5th floor now, telemetry"),
    ("trap-place", "went back to Sleep Medicine clinic"),
    ("trap-place", "Bay 4 is the isolation bay"),
    ("trap-place", "paged Dr. Lee from nephrology about the K"),
    # numbers near ages and dates
    ("trap-age", "his sats were about 93 on 2L"),
    ("trap-age", "chloride was 98, bicarb 18"),
    ("trap-age", "she is 90% sure the pain started after lunch"),
    ("trap-age", "at 95 bpm he's still tachy"),
    ("trap-age", "turns 18 next month"),
    ("trap-date", "strength 4/5 in the left leg"),
    ("trap-date", "pain was 8/10 at 3:15"),
    ("trap-date", "my rotation ends on the 14th"),
    ("trap-date", "ERAS opens june 5th"),
    ("trap-date", "the hospital opened in 1931"),
]


@pytest.mark.parametrize(("family", "kind", "expected", "text"), HITS, ids=[f"{h[0]}:{h[3][:30]}" for h in HITS])
def test_each_class_is_found(family: str, kind: str, expected: str, text: str) -> None:
    assert (kind, expected) in found(text) or any(k == kind and expected in t for k, t in found(text)), (
        family,
        found(text),
    )


@pytest.mark.parametrize(("family", "text"), TRAPS, ids=[f"{t[0]}:{t[1][:30]}" for t in TRAPS])
def test_look_alikes_are_left_alone(family: str, text: str) -> None:
    assert found(text) == [], family


def test_a_relative_who_is_a_doctor_is_redacted_as_family() -> None:
    [finding] = [f for f in find_phi("her son, Dr. Amari, called from Ohio") if f.kind == "name"]
    assert finding.text == "Dr. Amari" and finding.placeholder == ""  # "her son called from Ohio"


def test_two_places_joined_are_both_found() -> None:
    places = [t for k, t in found("moved from Fall River to New Bedford last spring") if k == "address"]
    assert places == ["Fall River", "New Bedford"]
