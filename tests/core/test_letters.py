from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lorforge.core.letters import (
    ANSWERS,
    STAGE_KEYS,
    STAGES,
    StageChange,
    StageError,
    advance,
    allowed_next,
    answer_guidance,
    current_stage,
)

DAY = date(2026, 1, 26)


def history(*stages: str) -> list[StageChange]:
    return [StageChange(s, DAY + timedelta(days=i)) for i, s in enumerate(stages)]


def test_stages_have_stable_keys_labels_and_one_sentence_guidance():
    assert STAGE_KEYS == (
        "candidate",
        "seeded",
        "asked",
        "agreed",
        "hesitant",
        "declined",
        "materials_sent",
        "reminded",
        "submitted",
    )
    for s in STAGES:
        assert s.label and s.meaning.endswith(".")
        assert s.meaning.count(". ") == 0  # one sentence


@pytest.mark.parametrize(
    "path",
    [
        ("candidate", "seeded", "asked", "agreed", "materials_sent", "reminded", "reminded", "submitted"),
        ("candidate", "asked", "hesitant"),
        ("candidate", "seeded", "asked", "declined", "candidate", "asked", "agreed"),
        ("candidate", "asked", "hesitant", "agreed", "materials_sent", "submitted"),
        ("candidate", "asked", "agreed", "declined"),
        ("asked", "agreed"),  # a new writer may start at any stage a candidate can reach
    ],
)
def test_possible_paths(path):
    done: list[StageChange] = []
    for i, to in enumerate(path):
        done.append(advance(done, to, DAY + timedelta(days=i)))
    assert current_stage(done) == path[-1]


@pytest.mark.parametrize(
    "before, to, words",
    [
        (("candidate",), "materials_sent", "after the writer has agreed"),
        (("candidate", "asked"), "submitted", "after the writer has agreed"),
        (("candidate", "asked", "hesitant"), "reminded", "after the writer has agreed"),
        (("candidate", "asked", "declined"), "agreed", "Declined"),
        (("candidate", "asked", "declined"), "materials_sent", "after the writer has agreed"),
        (("candidate", "asked", "agreed", "materials_sent", "submitted"), "reminded", "already submitted"),
        (("candidate", "seeded"), "agreed", "Seed planted"),
        (("candidate",), "agreed", "Candidate"),
        ((), "submitted", "after the writer has agreed"),
        (("candidate",), "no_such_stage", "Unknown stage"),
    ],
)
def test_impossible_moves_raise_with_a_clear_message(before, to, words):
    with pytest.raises(StageError, match=words):
        advance(history(*before), to, DAY + timedelta(days=30))


def test_dates_must_not_go_backwards():
    with pytest.raises(StageError, match="before the last change"):
        advance(history("candidate", "asked"), "agreed", DAY - timedelta(days=1))


def test_advance_returns_a_dated_change_with_a_tidy_note():
    change = advance(history("candidate", "asked"), "agreed", DAY + timedelta(days=5), note="  said yes  ")
    assert change == StageChange("agreed", DAY + timedelta(days=5), "said yes")


@pytest.mark.parametrize(
    "stage, expected",
    [
        ("candidate", ("seeded", "asked")),
        ("asked", ("agreed", "hesitant", "declined")),
        ("declined", ("candidate",)),
        ("submitted", ()),
    ],
)
def test_allowed_next(stage, expected):
    assert allowed_next(stage) == expected


@given(st.lists(st.sampled_from(STAGE_KEYS), max_size=12))
def test_no_sequence_of_moves_reaches_materials_without_an_agreement(moves):
    done: list[StageChange] = []
    for to in moves:
        try:
            done.append(advance(done, to, DAY))
        except StageError:
            continue
        if to in ("materials_sent", "reminded", "submitted"):
            assert "agreed" in [c.stage for c in done]


@pytest.mark.parametrize(
    "answer, stage, must_mention",
    [
        ("confident_yes", "agreed", "24 hours"),
        ("hesitant", "hesitant", "fewer strong letters"),
        ("declined", "declined", "thank"),
    ],
)
def test_answer_guidance(answer, stage, must_mention):
    guidance = answer_guidance(answer)
    assert guidance.next_stage == stage
    text = " ".join((guidance.message, *guidance.next_steps, guidance.say)).lower()
    assert must_mention.lower() in text
    assert guidance.say and guidance.next_steps


def test_confident_yes_leads_straight_to_the_materials():
    steps = " ".join(answer_guidance("confident_yes").next_steps)
    for item in ("CV", "personal statement", "AAMC ID", "one-page helper"):
        assert item in steps


def test_unknown_answer_is_refused():
    with pytest.raises(ValueError, match="confident_yes"):
        answer_guidance("maybe")
    assert set(ANSWERS) == {"confident_yes", "hesitant", "declined"}
