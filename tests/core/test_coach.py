import json
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lorforge.core.coach import THRESHOLD, assess, is_help_offer, suggest_qualities
from lorforge.core.qualities import QUALITY_KEYS


def load_labelled() -> list[dict]:
    text = resources.files("lorforge").joinpath("data/coach_labelled.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize(
    "text",
    [
        "hard-working",
        "good team player",
        "helped a lot",
        "was proactive",
        "Worked 12 hour days and was hard-working.",
        "Very reliable and punctual, always on time.",
        "Showed excellent clinical reasoning throughout the rotation.",
        "Helped out on the floor whenever needed.",
        "Asked if there was anything I could do.",
        "Presented patients on rounds.",
        "Learned a lot about heart failure this month.",
        "Got exposure to many cases like sepsis, DKA and pneumonia.",
        "Came in every day at 5am and stayed until 7pm.",
        "I am a very caring and empathetic person who always puts patients first, communicates well with the "
        "team and families, and works hard every day to learn as much as possible during the rotation.",
        "",
        "ok",
    ],
)
def test_generic_entries_are_not_specific(text):
    assert assess(text).specific is False


@pytest.mark.parametrize(
    "text",
    [
        "Stayed late to call three families personally and updated them.",
        "Called cardiology at 4 pm with an SBAR about the rising troponin; they saw him within the hour.",
        "Reviewed UpToDate on hyponatremia and suggested checking urine osmolality; the attending agreed.",
        "Spoke with case management and arranged home oxygen so the patient could go home on Friday.",
        "Noticed a penicillin allergy before the first dose of ceftriaxone and told the nurse.",
        "explained the biopsy results to the patient's son in plain words after the attending left",
        "Asked for feedback on my notes; I rewrote the next three as problem-based and she said they were clear.",
        "Placed my first IV on a dehydrated toddler with the nurse guiding me.",
        "I was explain to patient about his new diabetes and how to check sugar at home, he understand now",
    ],
)
def test_specific_stories_are_specific(text):
    assert assess(text).specific is True


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("Called three families after rounds.", "number"),
        ("Called the daughter at 6 pm about the CT.", "time"),
        ("Updated the charge nurse about the new plan.", "person"),
        ("Explained the plan so that the family could decide.", "result"),
        ("Very hard-working and dedicated.", "generic_adjective"),
        ("Reconciled the meds for a new admission.", "action"),
        ("Asked the resident if there was anything I could do.", "help_offer"),
        ("Helped out.", "vague_verb"),
    ],
)
def test_signals_explain_the_verdict(text, signal):
    assert signal in assess(text).signals


@pytest.mark.parametrize(
    ("text", "quality"),
    [
        (
            "Read the guideline on hyponatremia and suggested a workup with urine osm; my differential was right.",
            "clinical_reasoning",
        ),
        ("Caught a duplicate anticoagulant on the med list and flagged it before the dose.", "patient_safety"),
        (
            "Asked for feedback, worked on being more concise and shortened my presentations the next week.",
            "teachability",
        ),
        ("Followed up every pending lab and closed the loop on my tasks without reminders.", "reliability"),
        ("Explained the diagnosis to the family in plain language and updated the nurse.", "communication"),
        ("Stayed late until 9 pm and came in early on the weekend to pre-round.", "work_ethic"),
        ("Calmed a crying child with a sticker game so the nurse could start the IV.", "fit"),
    ],
)
def test_suggests_the_quality_first_or_among_the_top(text, quality):
    assert quality in assess(text).qualities[:2]
    assert suggest_qualities(text) == assess(text).qualities


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("hard-working", '"hard-working"'),
        ("Very proactive.", '"proactive"'),
        ("good team player", '"team player"'),
    ],
)
def test_hint_names_the_trait_as_written(text, quoted):
    assert quoted in assess(text).hint


@pytest.mark.parametrize(
    "text",
    [
        "hard-working",
        "",
        "Called cardiology.",
        "Asked if there was anything I could do.",
        "Called the family at 6 pm to explain the CT; they were relieved.",
        "explained the plan to the family",
    ],
)
def test_hint_is_one_sentence(text):
    hint = assess(text).hint
    assert hint.endswith(".")
    assert ". " not in hint and "? " not in hint


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("asked if there was anything I could do", True),
        ("Asked the resident if there was anything else I could help with.", True),
        ("Offered to help the nurses again", True),
        ("Asked the attending how I could help.", True),
        (
            "asked the intern if there was anything I could do after rounds, she gave me the med recs for 2 "
            "admissions and I finished them by 10",
            False,
        ),
        ("Called cardiology at 4 pm about the troponin.", False),
        ("hard-working", False),
        ("", False),
    ],
)
def test_is_help_offer(text, expected):
    assert is_help_offer(text) is expected


def test_labelled_set_is_large_balanced_and_valid():
    rows = load_labelled()
    assert len(rows) >= 200
    share_specific = sum(r["specific"] for r in rows) / len(rows)
    assert 0.35 <= share_specific <= 0.65
    for row in rows:
        assert isinstance(row["text"], str) and row["text"].strip()
        assert isinstance(row["specific"], bool)
        assert set(row["qualities"]) <= set(QUALITY_KEYS)
        assert row["split"] in ("dev", "test")
    assert len({r["text"] for r in rows}) == len(rows)


@pytest.mark.parametrize("split", ["dev", "test"])
def test_accuracy_on_labelled_split(split):
    rows = [r for r in load_labelled() if r["split"] == split]
    correct = sum(assess(r["text"]).specific == r["specific"] for r in rows)
    assert correct / len(rows) >= 0.95


# Issue 14 targets 0.85 for the main quality on the held-out test half. The main quality is the first labelled
# one; the coach must name it first. The test half holds 82 entries written blind and was never tuned on: 0.857
# there, so its floor sits at the target and guards against regressions.
@pytest.mark.parametrize(("split", "floor"), [("dev", 0.95), ("test", 0.85)])
def test_main_quality_on_labelled_split(split, floor):
    rows = [r for r in load_labelled() if r["split"] == split and r["specific"] and r["qualities"]]
    named_first = sum(assess(r["text"]).qualities[:1] == tuple(r["qualities"][:1]) for r in rows)
    assert named_first / len(rows) >= floor


def test_new_entries_cover_teachability_and_hard_generic_cases():
    rows = [r for r in load_labelled() if r.get("family", "core") != "core"]
    assert len(rows) >= 120
    assert sum(r["family"] == "specific-teachability" for r in rows) >= 15
    assert sum(r["family"] == "generic-hard" for r in rows) >= 50


@pytest.mark.parametrize(
    "text",
    [
        (
            "the attending said my one-liner was buried, so from the next day I opened every presentation with it and he "
            "stopped cutting in"
        ),
        (
            "Asked the senior what to improve after my first week; she said I should own the plan. The next three patients "
            "I presented, I gave my plan before she asked."
        ),
        (
            "nurse told me my pages were unclear, I started writing SBAR before every page and she said the next ones were "
            "perfect"
        ),
        (
            "feedback on wed: check the med list against the pharmacy fill history. did it for my next 2 admissions and "
            "found a missing anticoagulant"
        ),
    ],
)
def test_feedback_then_a_change_is_teachability_first(text):
    verdict = assess(text)
    assert verdict.specific and verdict.qualities[0] == "teachability"


@pytest.mark.parametrize(
    "text",
    [
        "saw a lot of great pathology: HHS, TTP, cirrhosis, endocarditis",
        "read 25+ review articles this rotation",
        "showed strong clinical reasoning by giving a differential for every patient",
        "managed 8-10 complex patients a day",
        "always took feedback well and improved",
        "did 15 H&Ps and 40 progress notes",
    ],
)
def test_generic_claims_in_clinical_words_or_numbers_stay_generic(text):
    assert assess(text).specific is False


@pytest.mark.parametrize(
    "text",
    [
        "pre-rounded on 4 pts by 6:20, caught a glucose of 42 and gave D50 with the nurse",
        "k 2.8 on my pt's am labs, told the intern at 6:30 and repleted before rounds",
        "sats 84% on the walk, sat him down, back on 2L, paged senior",
        "took 2 extra admits on sat when the other student was out, wrote both H&Ps by 9pm",
        "calculated her corrected calcium with an albumin of 1.9 and showed it was 12.4, not normal",
    ],
)
def test_short_abbreviated_stories_are_specific(text):
    assert assess(text).specific is True


def test_very_long_input_stays_generic():  # its speed is measured in bench/, not here
    text = "I was very hard-working and always helpful to everyone on the team. " * 2000
    verdict = assess(text)
    assert verdict.specific is False


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_assess_never_raises_and_stays_in_range(text):
    verdict = assess(text)
    assert 0.0 <= verdict.score <= 1.0
    assert verdict.specific == (verdict.score >= THRESHOLD)
    assert set(verdict.qualities) <= set(QUALITY_KEYS)
    assert len(set(verdict.qualities)) == len(verdict.qualities)
    assert isinstance(verdict.hint, str) and verdict.hint
    assert all(isinstance(s, str) for s in verdict.signals)
    assert isinstance(is_help_offer(text), bool)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "hard-working",
                "dedicated",
                "very",
                "always",
                "team player",
                "helpful",
                "great",
                "proactive",
                "and",
                "was",
                "a lot",
            ]
        ),
        max_size=40,
    )
)
def test_any_pile_of_trait_words_is_generic(words):
    assert assess(" ".join(words)).specific is False
