import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lorforge.core.tasks import STATUSES, TaskItem, end_of_day_summary, join_items


def T(text, status="open", reason=""):
    return TaskItem(text, status, reason)


@pytest.mark.parametrize(
    ("tasks", "expected"),
    [
        (
            [
                T("Call cardiology", "done"),
                T("Update the family.", "done"),
                T("Reconcile meds", "done"),
                T("Potassium recheck", "blocked", "It results tonight."),
            ],
            "I called cardiology, updated the family and reconciled meds. "
            "The only pending item is potassium recheck, because it results tonight.",
        ),
        ([T("Call cardiology", "done")], "I called cardiology. Nothing is pending from my list."),
        (
            [T("Call cardiology", "done"), T("Write the discharge summary", "done")],
            "I called cardiology and wrote the discharge summary. Nothing is pending from my list.",
        ),
        (
            [
                T("Stop the heparin", "done"),
                T("called the daughter", "done"),
                T("Plan the family meeting", "blocked", "because the son lands tomorrow"),
            ],
            "I stopped the heparin and called the daughter. "
            "The only pending item is planning the family meeting, because the son lands tomorrow.",
        ),
        (
            [T("Chase the echo"), T("Admit the new patient"), T("Fax records to the PCP")],
            "Still pending: chasing the echo, admitting the new patient and faxing records to the PCP.",
        ),
        (
            [
                T("Call cardiology", "done"),
                T("Discharge summary for bed 4", "done"),
                T("Chase the echo"),
                T("PT note", "blocked", "PT has not seen her"),
            ],
            "I called cardiology. Also done: discharge summary for bed 4. "
            "Still pending: PT note, because PT has not seen her; and chasing the echo.",
        ),
        ([T("MRI read", "blocked")], "The only pending item is MRI read, which is blocked."),
        ([T("- Follow up cultures.")], "The only pending item is following up cultures."),
        (
            [T("Discharge summary", "done"), T("Med rec", "done")],
            "Done: discharge summary and med rec. Nothing is pending from my list.",
        ),
    ],
)
def test_end_of_day_summary(tasks, expected):
    assert end_of_day_summary(tasks) == expected


def test_done_items_come_first_then_blocked_then_open():
    summary = end_of_day_summary(
        [T("Chase the echo"), T("CT read", "blocked", "radiology is behind"), T("Page the resident", "done")]
    )
    assert summary.index("paged the resident") < summary.index("CT read") < summary.index("chasing the echo")


@pytest.mark.parametrize("tasks", [[], [T("   "), T("")], [T(". ", "done")]])
def test_empty_list_gets_a_helpful_sentence(tasks):
    summary = end_of_day_summary(tasks)
    assert summary.startswith("No tasks on the list yet")


@pytest.mark.parametrize(
    ("items", "separator", "expected"),
    [
        ([], ",", ""),
        (["a"], ",", "a"),
        (["a", "b"], ",", "a and b"),
        (["a", "b", "c"], ",", "a, b and c"),
        (["a, x", "b"], ";", "a, x; and b"),
    ],
)
def test_join_items(items, separator, expected):
    assert join_items(items, separator=separator) == expected


def test_unknown_status_is_rejected():
    with pytest.raises(ValueError):
        TaskItem("Call cardiology", "finished")


task_strategy = st.builds(
    TaskItem, text=st.text(max_size=80), status=st.sampled_from(STATUSES), reason=st.text(max_size=40)
)


@settings(max_examples=300, deadline=None)
@given(st.lists(task_strategy, max_size=12))
def test_summary_never_raises(tasks):
    summary = end_of_day_summary(tasks)
    assert isinstance(summary, str) and summary.endswith(".")
