import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lorforge.core.portfolio import (
    ProgramLetter,
    WriterSummary,
    build_portfolio,
    chart_svg,
    expected_letter_date,
    priority,
    program_plan,
    same_specialty,
    share_written,
    suggested_set,
    timing_chart,
    weeks_for_share,
)

END = date(2026, 1, 30)


@pytest.mark.parametrize(
    "role, setting, match, kind, expected",
    [
        ("attending", "inpatient", True, "clerkship", 1),
        ("attending", "outpatient", True, "clerkship", 2),
        ("fellow", "inpatient", True, "sub_internship", 1),
        ("research_mentor", "outpatient", True, "clerkship", 3),
        ("attending", "inpatient", False, "clerkship", 4),
        ("research_mentor", "inpatient", False, "clerkship", 4),
        ("resident", "inpatient", True, "clerkship", 5),
        ("nurse", "inpatient", True, "clerkship", 6),
        ("attending", "inpatient", True, "observership", 2),
        ("other", "inpatient", True, "observership", 6),
    ],
)
def test_priority_follows_the_playbook_order(role, setting, match, kind, expected):
    assert priority(role, setting, match, kind) == expected


@pytest.mark.parametrize(
    "weeks, share",
    [
        (-3, 0.0),
        (0, 0.0),
        (1, 0.20),
        (2, 0.40),
        (3, 0.575),
        (4, 0.75),
        (6, 0.85),
        (8, 0.95),
        (20, 0.95),
    ],
)
def test_share_written_curve(weeks, share):
    assert share_written(weeks) == pytest.approx(share)


@given(st.floats(-50, 100, allow_nan=False), st.floats(-50, 100, allow_nan=False))
def test_share_written_is_monotonic_and_within_0_and_1(a, b):
    lo, hi = sorted((a, b))
    assert 0.0 <= share_written(lo) <= share_written(hi) <= 1.0


@given(st.floats(0, 0.95))
def test_weeks_for_share_inverts_the_curve(share):
    assert share_written(weeks_for_share(share)) == pytest.approx(share, abs=1e-9)


@pytest.mark.parametrize(
    "share, expected",
    [
        (0.75, END + timedelta(weeks=4)),
        (0.40, END + timedelta(weeks=2)),
        (0.95, END + timedelta(weeks=8)),
        (1.0, END + timedelta(weeks=8)),  # the curve never reaches 100%: its last point
        (0.0, END),
    ],
)
def test_expected_letter_date(share, expected):
    assert expected_letter_date(END, share) == expected


def test_expected_letter_date_rejects_a_share_outside_0_1():
    with pytest.raises(ValueError):
        expected_letter_date(END, 1.5)


@pytest.mark.parametrize(
    "today, has_today",
    [(END + timedelta(days=10), True), (END - timedelta(days=3), False), (END + timedelta(weeks=9), False)],
)
def test_timing_chart(today, has_today):
    points = timing_chart(END, today)
    curve = [p for p in points if not p.is_today]
    assert [p.share for p in curve] == [0.0, 0.40, 0.75, 0.95]
    assert [p.on for p in curve] == [END, END + timedelta(weeks=2), END + timedelta(weeks=4), END + timedelta(weeks=8)]
    assert any(p.is_today for p in points) == has_today
    assert [p.weeks_after for p in points] == sorted(p.weeks_after for p in points)


def test_chart_svg_is_small_accessible_and_self_contained():
    svg = chart_svg(timing_chart(END, END + timedelta(days=10)), 300, 150)
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg" and root.get("role") == "img"
    assert root.find(f"{ns}title").text
    assert "75%" in root.find(f"{ns}desc").text
    assert "href" not in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    assert len(root.findall(f"{ns}circle")) == 4
    assert "Today" in svg


def writer(name, stage, role="attending", setting="inpatient", match=True, **kw) -> WriterSummary:
    return WriterSummary(name=name, role=role, setting=setting, specialty_match=match, stage=stage, **kw)


def test_counts_and_order():
    writers = [
        writer("Resident Rae", "agreed", role="resident"),
        writer("Dr. Out", "materials_sent", setting="outpatient", rotation_end=END),
        writer("Dr. In", "submitted", rotation_end=END),
        writer("Dr. Maybe", "hesitant"),
        writer("Dr. Research", "asked", role="research_mentor"),
    ]
    p = build_portfolio(writers, specialty="IM")
    assert (p.planned, p.agreed, p.submitted, p.specialty_agreed) == (4, 3, 1, 2)
    assert [w.summary.name for w in p.writers] == ["Dr. In", "Dr. Out", "Dr. Research", "Resident Rae", "Dr. Maybe"]
    assert p.writers[1].expected_by == END + timedelta(weeks=4)
    assert p.writers[0].expected_by is None  # already submitted
    assert (p.specialty_name, p.lor_weight) == ("Internal Medicine", 9)
    assert "9/10" in p.weight_note


@pytest.mark.parametrize(
    "writers, gap_words",
    [
        ([], ["0 of the 2–3", "Only 0 attendings", "0 writers"]),
        ([writer("A", "agreed"), writer("B", "asked")], ["1 of the 2–3", "2 writers"]),
        ([writer("A", "agreed"), writer("B", "agreed")], ["One more letter", "2 writers"]),
        (
            [writer("A", "agreed"), writer("B", "agreed"), writer("C", "asked", role="research_mentor")],
            ["One more letter"],
        ),
        (
            [writer("A", "agreed", kind="observership"), writer("B", "agreed"), writer("C", "agreed", role="resident")],
            ["1 of the 2–3"],
        ),
    ],
)
def test_gaps(writers, gap_words):
    gaps = " ".join(build_portfolio(writers, specialty="Pediatrics").gaps)
    for words in gap_words:
        assert words in gaps


def test_a_complete_portfolio_has_no_gaps_or_warnings():
    writers = [
        writer("A", "submitted"),
        writer("B", "agreed", setting="outpatient"),
        writer("C", "agreed", role="research_mentor"),
    ]
    p = build_portfolio(writers, specialty="Psychiatry")
    assert p.gaps == () and p.warnings == ()
    assert p.lor_weight == 7


@pytest.mark.parametrize(
    "big, weeks, strength, warned",
    [
        (True, 0.5, "strong", True),
        (True, 4, None, True),
        (True, 4, "thin", True),
        (True, 4, "strong", False),
        (False, 0.5, None, False),
    ],
)
def test_big_name_who_barely_knows_you(big, weeks, strength, warned):
    w = writer("Dr. Chair", "candidate", big_name=big, weeks_known=weeks, strength=strength)
    warnings = build_portfolio([w], specialty="Surgery").warnings
    assert any("Dr. Chair" in x and "title" in x for x in warnings) == warned


def test_more_than_four_letters_warns_overall_and_per_program():
    writers = [writer(f"Dr. {c}", "agreed") for c in "ABCDE"]
    p = build_portfolio(
        writers, specialty="FM", assignments={"Mercy IM": [w.name for w in writers], "City IM": ["Dr. A", "Dr. B"]}
    )
    assert any("at most 4 to each program" in w for w in p.warnings)
    assert any(w.startswith("Mercy IM: 5 letters") for w in p.warnings)
    assert not any(w.startswith("City IM") for w in p.warnings)


def test_unrated_specialty_has_no_invented_weight():
    p = build_portfolio([], specialty="Dermatology")
    assert p.lor_weight is None and p.specialty_name == "Dermatology"
    assert "No rating" in p.weight_note


# --- Letters per program ------------------------------------------------------------------


def _letter(
    key,
    role="attending",
    setting="inpatient",
    specialty="Internal Medicine",
    stage="submitted",
    uploaded=date(2026, 10, 1),
    end=date(2026, 8, 28),
    kind="clerkship",
    strength="strong",
):
    return ProgramLetter(
        key=key,
        name=f"Dr. {key}",
        role=role,
        setting=setting,
        kind=kind,
        specialty=specialty,
        stage=stage,
        uploaded_on=uploaded,
        rotation_end=end,
        strength=strength,
    )


def test_same_specialty_by_table_or_name():
    assert same_specialty("internal med", "Internal Medicine")
    assert same_specialty("Emergency Medicine", "emergency medicine")
    assert not same_specialty("Surgery", "Internal Medicine") and not same_specialty("", "Internal Medicine")
    assert not same_specialty("Emergency Medicine", "Internal Medicine")


def test_the_default_set_puts_the_strongest_specialty_letters_first_then_one_more():
    letters = [
        _letter("Outpatient", setting="outpatient"),
        _letter("Surgeon", specialty="Surgery"),
        _letter("Inpatient"),
        _letter("Resident", role="resident"),
        _letter("Mentor", role="research_mentor"),
        _letter("Observer", kind="observership"),
        _letter("Asked", stage="asked"),
        _letter("Second"),
    ]
    chosen = [x.key for x in suggested_set(letters, "Internal Medicine")]
    assert chosen[:3] == ["Inpatient", "Second", "Outpatient"]  # the in-specialty attendings, inpatient first
    # then the best of the rest: an in-specialty observership (priority 2) before the research mentor (3)
    assert len(chosen) == 4 and chosen[3] == "Observer"
    without = [x.key for x in suggested_set([x for x in letters if x.key != "Observer"], "Internal Medicine")]
    assert without[3] == "Mentor"
    assert "Asked" not in chosen  # only letters the writer agreed to
    surgery = [x.key for x in suggested_set(letters, "Surgery")]
    assert surgery[0] == "Surgeon"


def test_a_program_without_a_letter_in_its_specialty_is_flagged():
    letters = [_letter("Smith"), _letter("Jones", specialty="Surgery")]
    plan = program_plan(
        name="Mercy Surgery",
        specialty="Surgery",
        deadline=date(2027, 9, 24),
        applied_on=None,
        letters=letters,
        assigned=["Smith"],
        today=date(2026, 11, 25),
    )
    assert not plan.specialty_letter
    assert any("No letter from Surgery assigned yet" in f for f in plan.flags)
    none = program_plan(
        name="City EM",
        specialty="Emergency Medicine",
        deadline=date(2027, 9, 24),
        applied_on=None,
        letters=letters,
        assigned=[],
        today=date(2026, 11, 25),
    )
    assert any("None of your agreed letters is from Emergency Medicine" in f for f in none.flags)
    assert any("Standardized Letter of Evaluation" in f for f in none.flags)
    ok = program_plan(
        name="Mercy IM",
        specialty="Internal Medicine",
        deadline=date(2027, 9, 24),
        applied_on=None,
        letters=letters,
        assigned=["Smith"],
        today=date(2026, 11, 25),
    )
    assert ok.specialty_letter and not any("No letter" in f for f in ok.flags)


def test_per_program_portfolio_assigned_missing_and_expected_when():
    today = date(2026, 11, 25)
    letters = [
        _letter("Uploaded"),
        _letter("Waiting", stage="materials_sent", uploaded=None, end=date(2026, 11, 20)),
        _letter("Late", stage="reminded", uploaded=None, end=date(2026, 9, 1)),
    ]
    plan = program_plan(
        name="Mercy IM",
        specialty="Internal Medicine",
        deadline=date(2026, 12, 10),
        applied_on=None,
        letters=letters,
        assigned=["Uploaded"],
        today=today,
    )
    assert plan.assigned == ("Uploaded",) and set(plan.missing) == {"Waiting", "Late"}
    expected = {e.key: e for e in plan.expected}
    assert expected["Waiting"].on == date(2026, 12, 18)  # 4 weeks after the last day: three in four are written
    assert expected["Waiting"].after_deadline and not expected["Waiting"].overdue
    assert expected["Late"].overdue  # never named as a date still to meet
    assert any("Dr. Waiting" in f and "after this program's deadline" in f for f in plan.flags)
    assert not plan.full and not plan.locked
