"""The coach's fast patterns give exactly the matches of the plain regexes they stand for."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lorforge.core import coach
from lorforge.core.coach_scan import AnyOf, Phrases, PlainPattern, Text, WordPattern, alternation


def _labelled_dev_texts() -> list[str]:
    source = resources.files("lorforge").joinpath("data/coach_labelled.jsonl").read_text(encoding="utf-8")
    rows = [json.loads(line) for line in source.splitlines() if line.strip()]
    return [row["text"] for row in rows if row.get("split", "dev") == "dev"]


def _word_patterns() -> dict[str, WordPattern]:
    found: dict[str, WordPattern] = {}
    for name, value in vars(coach).items():
        if isinstance(value, WordPattern):
            found[name] = value
        elif isinstance(value, Phrases):
            found[name] = value.pattern
    for key, pattern in coach.LEAD_ACTS.items():
        found[f"LEAD_ACTS[{key}]"] = pattern
    for key, (pattern, _weight) in coach.EXTRA_CUES.items():
        parts = pattern.patterns if isinstance(pattern, AnyOf) else (pattern,)
        for index, part in enumerate(parts):
            if isinstance(part, WordPattern):
                found[f"EXTRA_CUES[{key}][{index}]"] = part
    for key, families in coach.QUALITY_CUES.items():
        for index, (pattern, _weight) in enumerate(families):
            found[f"QUALITY_CUES[{key}][{index}]"] = pattern.pattern if isinstance(pattern, Phrases) else pattern
    return found


def _phrase_sets() -> dict[str, Phrases]:
    found = {name: value for name, value in vars(coach).items() if isinstance(value, Phrases)}
    for key, families in coach.QUALITY_CUES.items():
        for index, (pattern, _weight) in enumerate(families):
            if isinstance(pattern, Phrases):
                found[f"QUALITY_CUES[{key}][{index}]"] = pattern
    return found


WORD_PATTERNS = _word_patterns()
PHRASE_SETS = _phrase_sets()
TEXTS = [coach._normalise(text) for text in _labelled_dev_texts()]
# Places where a word does not follow a space, a match that ends in a space, "^" at the start, "&" inside words.
EDGES = [
    "conference.called the family (re the k/cr) and went over it;then stayed late",
    "the pt's son said i'd call back. called 3 families at 5:30 pm so they went home",
    "nurse asked me to fax the records.i said i would and i did",
    '"explained" the plan to her,then caught a duplicate heparin order—then m&m and h&p',
    "k 3.2->4.1 after 40 meq; suspected hypokalemia, proposed mg first",
    "said i'd  call back the family",
]


def _plain_findall(pattern: WordPattern, text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in pattern.regex.finditer(text)]


def _fast_findall(pattern: WordPattern, text: Text) -> list[tuple[int, int, str]]:
    return [(hit.start(), hit.end(), hit.group()) for hit in pattern.iter(text)]


def _check_text(text: str) -> None:
    prepared = Text(text)
    for name, pattern in WORD_PATTERNS.items():
        plain = _plain_findall(pattern, text)
        assert _fast_findall(pattern, prepared) == plain, name
        assert pattern.found(prepared) == bool(plain), name
        if not pattern.regex.groups:
            assert pattern.findall(prepared) == [found for _, _, found in plain], name
    for name, phrases in PHRASE_SETS.items():
        plain = phrases.pattern.regex.findall(text)
        assert phrases.distinct(prepared) == set(plain), name
        assert phrases.found(prepared) == bool(plain), name


@pytest.mark.parametrize("text", EDGES)
def test_fast_patterns_match_the_plain_ones_on_edge_cases(text):
    _check_text(coach._normalise(text))


def test_fast_patterns_match_the_plain_ones_on_the_labelled_dev_entries():
    assert len(TEXTS) > 100
    for text in TEXTS:
        _check_text(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(TEXTS + EDGES), min_size=1, max_size=3), st.text("., ;/(&'-\"x9", max_size=6))
def test_fast_patterns_match_the_plain_ones_on_spliced_texts(parts, glue):
    _check_text(coach._normalise(glue.join(parts)))


def test_a_wrapped_pattern_that_starts_inside_a_word_is_caught():
    # the contract the fast form relies on: a pattern that can start mid-word must stay a PlainPattern
    loose = WordPattern(re.compile(r"\d+ ?-> ?\d+"))
    text = Text("k4->5")
    assert loose.regex.findall(text.text) == ["4->5"]
    assert loose.findall(text) == []
    assert PlainPattern(loose.regex).findall(text) == ["4->5"]


def test_alternation_prefers_the_longest_phrase_like_a_plain_alternation():
    phrases = ("chest compressions", "compressions", "chest", "ch")
    plain = re.compile(
        r"(?<![\w&])(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) + r")(?![\w&])"
    )
    trie = re.compile(r"(?<![\w&])" + alternation(phrases) + r"(?![\w&])")
    text = "chest compressions, then chest and compressions and ch chestx"
    assert trie.findall(text) == plain.findall(text) == ["chest compressions", "chest", "compressions", "ch"]
