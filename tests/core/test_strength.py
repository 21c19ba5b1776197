from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lorforge.core import strength
from lorforge.core.qualities import QUALITY_KEYS
from lorforge.core.records import Feedback, Person, Rotation, Story
from lorforge.core.strength import GOAL_STORIES, team_flags, writer_strength

SMITH = Person("Dr. Sarah Smith", role="attending")
KHAN = Person("Ali Khan", role="resident")
ROTATION = Rotation(start=date(2025, 3, 3), end=date(2025, 3, 28))  # midpoint: March 15
OBSERVERSHIP = Rotation(start=date(2025, 3, 3), end=date(2025, 3, 28), kind="observership", setting="outpatient")

REASONING = (
    "Read UpToDate on hyponatremia and suggested urine osm before fluids; the attending agreed.",
    ("clinical_reasoning",),
)
SAFETY = ("Noticed a penicillin allergy before the first ceftriaxone dose and told the nurse.", ("patient_safety",))
WORK = ("Stayed until 9 pm to finish four discharge summaries for the intern.", ("work_ethic",))
UPDATE = ("Updated the charge nurse about the new fluid plan after rounds.", ("communication",))


def story(
    text_and_qualities,
    *,
    on=date(2025, 3, 5),
    witnesses=("Dr. Sarah Smith",),
    visible=True,
    specific=None,
    qualities=None,
):
    text, default_qualities = text_and_qualities
    return Story(
        text=text,
        on=on,
        witnesses=tuple(witnesses),
        visible=visible,
        qualities=default_qualities if qualities is None else qualities,
        specific=specific,
    )


def meter(stories=(), feedback=(), *, today=date(2025, 3, 12), rotation=ROTATION, person=SMITH, help_offers=0):
    return writer_strength(
        person=person,
        stories=list(stories),
        feedback=list(feedback),
        today=today,
        rotation=rotation,
        help_offers=help_offers,
    )


@pytest.mark.parametrize(
    ("stories", "specific", "visible", "level"),
    [
        ([], 0, 0, "thin"),
        ([story(REASONING)], 1, 1, "building"),
        ([story(REASONING, visible=False)], 1, 0, "building"),
        ([story(REASONING), story(SAFETY), story(WORK)], 3, 3, "strong"),
        # three visible stories but all about one outcome: not yet strong
        (
            [story(REASONING), story(REASONING, qualities=("clinical_reasoning",), on=date(2025, 3, 6)), story(UPDATE)],
            3,
            3,
            "building",
        ),
        ([story(REASONING), story(SAFETY), story(WORK, visible=False)], 3, 2, "building"),
        # the coach decides when the story has no verdict yet; a generic claim does not count
        ([story(("hard-working and always helpful", ()))], 0, 0, "thin"),
        # an explicit verdict wins over the coach
        ([story(("hard-working and always helpful", ("work_ethic",)), specific=True)], 1, 1, "building"),
        ([story(REASONING, specific=False)], 0, 0, "thin"),
        # other witnesses, future stories and name spellings
        ([story(REASONING, witnesses=("Ali Khan",))], 0, 0, "thin"),
        ([story(REASONING, witnesses=("sarah  smith",))], 1, 1, "building"),
        ([story(REASONING, on=date(2025, 3, 20))], 0, 0, "thin"),
    ],
)
def test_counts_and_level(stories, specific, visible, level):
    result = meter(stories)
    assert (result.specific_stories, result.visible_stories, result.level) == (specific, visible, level)
    assert result.goal == GOAL_STORIES
    assert result.reasons and result.next_action


def test_qualities_covered_and_missing_partition_the_keys_with_key_outcomes_first():
    result = meter([story(REASONING), story(UPDATE)])
    assert result.qualities_covered == ("clinical_reasoning", "communication")
    assert set(result.qualities_covered) | set(result.qualities_missing) == set(QUALITY_KEYS)
    assert result.qualities_missing[:3] == ("work_ethic", "patient_safety", "fit")


def test_closed_feedback_loop_counts_as_teachability():
    feedback = [Feedback("Dr. Sarah Smith", date(2025, 3, 4), "Be more concise", followed_up_on=date(2025, 3, 10))]
    result = meter([story(REASONING)], feedback)
    assert result.loops_closed == 1
    assert "teachability" in result.qualities_covered


@pytest.mark.parametrize(
    ("given_on", "followed_up_on", "today", "closed", "open_"),
    [
        (date(2025, 3, 4), None, date(2025, 3, 10), 0, 0),  # six days: not overdue yet
        (date(2025, 3, 4), None, date(2025, 3, 11), 0, 1),  # a week without follow-up
        (date(2025, 3, 4), date(2025, 3, 9), date(2025, 3, 20), 1, 0),
        (date(2025, 3, 25), None, date(2025, 3, 20), 0, 0),  # dated in the future: ignored
    ],
)
def test_feedback_loops(given_on, followed_up_on, today, closed, open_):
    feedback = [
        Feedback("Dr. Sarah Smith", given_on, "Commit to a plan", followed_up_on=followed_up_on),
        Feedback("Ali Khan", date(2025, 3, 4), "Someone else's feedback"),
    ]
    result = meter([], feedback, today=today)
    assert (result.loops_closed, result.loops_open) == (closed, open_)


@pytest.mark.parametrize(
    ("rotation", "today", "stories", "weeks"),
    [
        (ROTATION, date(2025, 3, 16), [], 2.0),  # 14 days in
        (ROTATION, date(2025, 4, 30), [], 3.7),  # clipped to the last day (26 days)
        (ROTATION, date(2025, 3, 1), [], 0.0),  # not started
        (None, date(2025, 3, 30), [story(REASONING, on=date(2025, 3, 3)), story(SAFETY, on=date(2025, 3, 16))], 2.0),
        (None, date(2025, 3, 30), [], 0.0),
    ],
)
def test_weeks_of_contact(rotation, today, stories, weeks):
    assert meter(stories, today=today, rotation=rotation).weeks_of_contact == weeks


@pytest.mark.parametrize(
    ("today", "feedback", "role", "flagged"),
    [
        (date(2025, 3, 14), [], "attending", False),  # before the midpoint
        (date(2025, 3, 15), [], "attending", True),
        (date(2025, 3, 20), [Feedback("Dr. Sarah Smith", date(2025, 3, 18), "Good")], "attending", False),
        (date(2025, 3, 20), [], "nurse", False),  # not a letter writer
    ],
)
def test_invisible_flag(today, feedback, role, flagged):
    person = Person("Dr. Sarah Smith", role=role)
    keys = [f.key for f in meter([], feedback, today=today, person=person).flags]
    assert ("invisible" in keys) is flagged


@pytest.mark.parametrize(
    ("offers", "stories", "flagged"),
    [
        (0, [], False),
        (2, [], False),
        (3, [story(REASONING)], True),
        (4, [story(REASONING), story(SAFETY), story(WORK), story(UPDATE)], False),
    ],
)
def test_hovering_flag(offers, stories, flagged):
    keys = [f.key for f in meter(stories, help_offers=offers).flags]
    assert ("hovering" in keys) is flagged


@pytest.mark.parametrize(
    ("rotation", "text", "flagged"),
    [
        (OBSERVERSHIP, "Watched the attending examine a patient with gout.", True),
        (OBSERVERSHIP, "Presented a patient with gout at the clinic huddle.", False),
        (OBSERVERSHIP, "Wrote a draft note on the hypertensive patient for teaching.", False),
        (ROTATION, "Watched the attending examine a patient with gout.", False),
    ],
)
def test_shadowing_flag(rotation, text, flagged):
    keys = [f.key for f in meter([story((text, ()))], rotation=rotation).flags]
    assert ("shadowing" in keys) is flagged


def test_every_flag_says_what_to_do():
    result = meter([story(REASONING)], today=date(2025, 3, 20), rotation=OBSERVERSHIP, help_offers=5)
    assert {f.key for f in result.flags} == {"invisible", "hovering", "shadowing"}
    assert all(f.message and f.fix for f in result.flags)


@pytest.mark.parametrize(
    ("stories", "feedback", "today", "expected_start"),
    [
        ([story(REASONING, visible=False)], [], date(2025, 3, 12), "Mention"),
        (
            [story(REASONING), story(SAFETY), story(WORK)],
            [Feedback("Dr. Sarah Smith", date(2025, 3, 4), "x")],
            date(2025, 3, 12),
            "Tell Dr. Smith what you changed",
        ),
        ([story(REASONING)], [], date(2025, 3, 12), "Ask Dr. Smith for five minutes of feedback"),
        (
            [story(REASONING)],
            [Feedback("Dr. Sarah Smith", date(2025, 3, 10), "x")],
            date(2025, 3, 12),
            "Build a work ethic story",
        ),
        ([], [], date(2025, 3, 5), "Build a work ethic story"),
        (
            [story(REASONING), story(SAFETY), story(WORK)],
            [Feedback("Dr. Smith", date(2025, 3, 4), "x", followed_up_on=date(2025, 3, 8))],
            date(2025, 3, 20),
            "Keep Dr. Smith updated",
        ),
        ([story(REASONING), story(SAFETY), story(WORK)], [], date(2025, 4, 2), "Dr. Smith has seen enough"),
    ],
)
def test_next_action(stories, feedback, today, expected_start):
    action = meter(stories, feedback, today=today).next_action
    assert action.startswith(expected_start)
    assert action.endswith((".", '"'))


def test_team_flags():
    people = [SMITH, KHAN, Person("Pat Lee", role="nurse")]
    early = team_flags(
        people=people, stories=[story(REASONING)], feedback=[], rotation=ROTATION, today=date(2025, 3, 5)
    )
    assert early == ()
    late = team_flags(
        people=people, stories=[story(REASONING)], feedback=[], rotation=ROTATION, today=date(2025, 3, 17)
    )
    assert [f.key for f in late] == ["residents_ignored", "invisible"]
    assert "Dr. Sarah Smith" in late[1].message and "Pat Lee" not in late[1].message


@pytest.mark.parametrize(
    ("stories", "feedback", "rotation", "today", "keys"),
    [
        (
            [story(REASONING, witnesses=("Ali Khan",))],
            [Feedback("Dr. Sarah Smith", date(2025, 3, 6), "x"), Feedback("Ali Khan", date(2025, 3, 6), "x")],
            ROTATION,
            date(2025, 3, 20),
            [],
        ),
        (
            [],
            [Feedback("Ali Khan", date(2025, 3, 6), "x"), Feedback("Dr. Sarah Smith", date(2025, 3, 6), "x")],
            OBSERVERSHIP,
            date(2025, 3, 10),
            ["shadowing"],
        ),
        (
            [story(("Presented a case of gout at the huddle.", ()), witnesses=("Ali Khan",))],
            [Feedback("Dr. Sarah Smith", date(2025, 3, 6), "x")],
            OBSERVERSHIP,
            date(2025, 3, 10),
            [],
        ),
        # without a rotation: residents ignored once a few stories exist, no midpoint checks
        ([story(REASONING), story(SAFETY), story(WORK)], [], None, date(2025, 3, 10), ["residents_ignored"]),
    ],
)
def test_team_flag_table(stories, feedback, rotation, today, keys):
    flags = team_flags(people=[SMITH, KHAN], stories=stories, feedback=feedback, rotation=rotation, today=today)
    assert [f.key for f in flags] == keys


story_strategy = st.builds(
    Story,
    text=st.text(max_size=200),
    on=st.dates(min_value=date(2025, 2, 20), max_value=date(2025, 4, 10)),
    witnesses=st.lists(st.sampled_from(["Dr. Sarah Smith", "Ali Khan", "sarah smith", ""]), max_size=3).map(tuple),
    visible=st.booleans(),
    qualities=st.lists(st.sampled_from(QUALITY_KEYS), max_size=3).map(tuple),
    specific=st.sampled_from([None, True, False]),
)
feedback_strategy = st.builds(
    Feedback,
    giver=st.sampled_from(["Dr. Sarah Smith", "Ali Khan"]),
    on=st.dates(min_value=date(2025, 2, 20), max_value=date(2025, 4, 10)),
    said=st.text(max_size=50),
    followed_up_on=st.one_of(st.none(), st.dates(min_value=date(2025, 2, 20), max_value=date(2025, 4, 10))),
)


@settings(max_examples=150, deadline=None)
@given(
    stories=st.lists(story_strategy, max_size=8),
    feedback=st.lists(feedback_strategy, max_size=4),
    offset=st.integers(min_value=-10, max_value=60),
    offers=st.integers(min_value=0, max_value=10),
    with_rotation=st.booleans(),
)
def test_meter_invariants(stories, feedback, offset, offers, with_rotation):
    today = ROTATION.start + timedelta(days=offset)
    rotation = ROTATION if with_rotation else None
    result = meter(stories, feedback, today=today, rotation=rotation, help_offers=offers)
    assert 0 <= result.visible_stories <= result.specific_stories
    assert sorted(result.qualities_covered + result.qualities_missing) == sorted(QUALITY_KEYS)
    assert result.level in ("strong", "building", "thin")
    assert (result.level == "thin") == (result.specific_stories == 0)
    assert result.weeks_of_contact >= 0
    assert result.next_action
    team_flags(people=[SMITH, KHAN], stories=stories, feedback=feedback, rotation=rotation, today=today)


# --- What a person witnessed, as counts (what a query reads for the meter) ----------------------------------

TODAY = date(2025, 3, 12)


@pytest.mark.parametrize(
    ("stories", "expected"),
    [
        ([], (0, 0, frozenset(), None, None, None, False)),
        (  # a story dated after today is not counted yet; one witnessed by someone else never is
            [story(REASONING, on=date(2025, 3, 20)), story(WORK, witnesses=("Ali Khan",))],
            (0, 0, frozenset(), None, None, None, False),
        ),
        (  # the first specific story not yet visible, in the order given (newest first from the database)
            [
                story(SAFETY, on=date(2025, 3, 10), visible=False, specific=True),
                story(WORK, on=date(2025, 3, 7), visible=False, specific=True),
                story(REASONING, on=date(2025, 3, 4), visible=True, specific=True),
                story(("Helped out a lot.", ()), on=date(2025, 3, 3), visible=True, specific=False),
            ],
            (
                3,
                1,
                frozenset({"patient_safety", "work_ethic", "clinical_reasoning"}),
                date(2025, 3, 3),
                date(2025, 3, 10),
                SAFETY[0],
                False,
            ),
        ),
        (  # a presented case is active work, whatever the coach said of it
            [story(("Presented a new admission at the huddle.", ()), specific=False)],
            (0, 0, frozenset(), date(2025, 3, 5), date(2025, 3, 5), None, True),
        ),
    ],
)
def test_what_a_person_witnessed_as_counts(stories, expected):
    seen = strength.witnessed(SMITH, stories, TODAY)
    unseen = seen.unseen.text if seen.unseen else None
    assert (seen.specific, seen.visible, seen.qualities, seen.first_on, seen.last_on, unseen, seen.active_work) == (
        expected
    )
    assert writer_strength(person=SMITH, seen=seen, feedback=[], today=TODAY) == writer_strength(
        person=SMITH, stories=stories, feedback=[], today=TODAY
    )


@pytest.mark.parametrize(
    ("stories", "expected"),
    [
        ([], (0, frozenset(), False)),
        (
            [story(WORK, witnesses=("Ali Khan", "Dr. Sarah Smith")), story(SAFETY, on=date(2025, 3, 30))],
            (1, frozenset({"Ali Khan", "Dr. Sarah Smith"}), False),
        ),
        ([story(("Wrote a draft note for teaching.", ()), witnesses=())], (1, frozenset(), True)),
    ],
)
def test_what_a_rotation_saw_as_counts(stories, expected):
    seen = strength.team_seen(stories, TODAY)
    assert (seen.stories, seen.witnesses, seen.active_work) == expected
    kwargs = {"people": [SMITH, KHAN], "feedback": [], "rotation": OBSERVERSHIP, "today": TODAY}
    assert team_flags(seen=seen, **kwargs) == team_flags(stories=stories, **kwargs)


def feedback(on, *, by="Dr. Sarah Smith", followed=None):
    return Feedback(by, on, "Commit to a plan before rounds.", followed_up_on=followed)


@pytest.mark.parametrize(
    ("items", "today", "expected"),
    [
        ([], date(2025, 3, 20), (0, 0, 0, None, None, None)),
        (  # closed, whenever the follow-up was; a loop a week old is open, a younger one is not yet
            [
                feedback(date(2025, 3, 4), followed=date(2025, 3, 6)),
                feedback(date(2025, 3, 10)),
                feedback(date(2025, 3, 16)),
            ],
            date(2025, 3, 17),
            (3, 1, 1, date(2025, 3, 10), date(2025, 3, 4), date(2025, 3, 16)),
        ),
        (  # the newest open loop is the one to follow up, in whatever order they come
            [feedback(date(2025, 3, 3)), feedback(date(2025, 3, 9)), feedback(date(2025, 3, 5))],
            date(2025, 3, 20),
            (3, 0, 3, date(2025, 3, 9), date(2025, 3, 3), date(2025, 3, 9)),
        ),
        (  # someone else's, and what is dated after today, are left out; "Dr." and case do not matter
            [
                feedback(date(2025, 3, 4), by="Ali Khan"),
                feedback(date(2025, 3, 25)),
                feedback(date(2025, 3, 5), by="sarah  smith", followed=date(2025, 3, 30)),
            ],
            date(2025, 3, 20),
            (1, 1, 0, None, date(2025, 3, 5), date(2025, 3, 5)),
        ),
    ],
)
def test_the_feedback_a_person_gave_as_counts(items, today, expected):
    """The meter reads feedback as counts a query can make (``FeedbackGiven``): the same meter, loops, next step
    and flags as from the feedback itself."""
    given = strength.feedback_given(SMITH, items, today)
    got = (given.count, given.closed, given.open_loops, given.newest_open_on, given.first_on, given.last_on)
    assert got == expected
    for rotation in (ROTATION, None):
        stories = [story(WORK)]
        counted = writer_strength(person=SMITH, stories=stories, given=given, today=today, rotation=rotation)
        assert counted == writer_strength(person=SMITH, stories=stories, feedback=items, today=today, rotation=rotation)
    kwargs = {"people": [SMITH, KHAN], "rotation": ROTATION, "today": today}
    givers = frozenset(f.giver for f in items if f.on <= today)
    assert team_flags(givers=givers, **kwargs) == team_flags(feedback=items, **kwargs)


def test_the_next_step_follows_up_the_newest_open_loop():
    items = [feedback(date(2025, 3, 3)), feedback(date(2025, 3, 9)), feedback(date(2025, 3, 5))]
    strong = [story(WORK, on=date(2025, 3, d)) for d in (4, 5, 6)] + [story(REASONING), story(SAFETY)]
    action = meter(strong, items, today=date(2025, 3, 20)).next_action
    assert "after their feedback on" in action and "Mar 9" in action
