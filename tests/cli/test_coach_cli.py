"""``lorforge coach``: the specificity coach on the command line, without a database."""

from __future__ import annotations

import io
import json
import select
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lorforge.cli import main
from lorforge.commands.coach import verdict_for_line
from lorforge.core.qualities import QUALITY_KEYS

VERDICT_KEYS = {"specific", "score", "qualities", "hint"}


def run(argv: list[str], capsys, monkeypatch, stdin: bytes = b"") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    try:
        status = main(argv)
    except SystemExit as exc:
        status = exc.code
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('{"text": "hard-working"}', {"specific": False}),
        ('{"text": "Called the family at 6 pm to explain the CT; they were relieved."}', {"specific": True}),
        ('{"text": ""}', {"specific": False}),
        ('{"text": "good team player", "extra": [1, 2]}', {"specific": False}),
        ("", "error"),
        ("   ", "error"),
        ("not json", "error"),
        ("[1, 2]", "error"),
        ('"just a string"', "error"),
        ("null", "error"),
        ('{"text": 5}', "error"),
        ('{"text": null}', "error"),
        ('{"txt": "x"}', "error"),
        ('{"text": "x"', "error"),
        ("[" * 100_000, "error"),
        (b"\xff\xfe{}", "error"),
    ],
)
def test_verdict_for_line(line, expected):
    verdict = verdict_for_line(line)
    if expected == "error":
        assert set(verdict) == {"error"} and verdict["error"]
    else:
        assert set(verdict) == VERDICT_KEYS
        assert verdict["specific"] is expected["specific"]
        assert 0 <= verdict["score"] <= 1
        assert set(verdict["qualities"]) <= set(QUALITY_KEYS)


def test_jsonl_writes_one_line_per_input_line_and_keeps_going(capsys, monkeypatch):
    lines = [
        '{"text": "hard-working"}',
        "",
        "{broken",
        '{"text": "Noticed a penicillin allergy before the first ceftriaxone dose and told the nurse."}',
        '{"text": 42}',
        '\ufeff{"text": "Stayed late to call three families personally and updated them."}',
    ]
    stdin = ("\n".join(lines) + "\n").encode() + b"\xc3\x28\n" + b'{"text": "helped a lot"}'
    status, out, err = run(["coach", "--jsonl"], capsys, monkeypatch, stdin)
    assert status == 0 and err == ""
    results = [json.loads(line) for line in out.splitlines()]
    assert len(results) == len(lines) + 2
    assert ["error" in r for r in results] == [False, True, True, False, True, False, True, False]
    assert [r.get("specific") for r in results] == [False, None, None, True, None, True, None, False]
    assert "patient_safety" in results[3]["qualities"]


def test_jsonl_refuses_text_arguments(capsys, monkeypatch):
    status, _, err = run(["coach", "--jsonl", "hard-working"], capsys, monkeypatch)
    assert status == 2 and err.startswith("lorforge: error:")


@pytest.mark.parametrize(
    ("argv", "stdin", "heading"),
    [
        (["coach", "hard-working"], b"", "Generic so far"),
        (
            ["coach", "Called", "cardiology", "at", "4", "pm", "about", "the", "troponin;", "they", "agreed."],
            b"",
            "Specific story",
        ),
        (["coach"], b"Explained the plan to the patient's wife so that she could decide.", "Specific story"),
    ],
)
def test_human_readable_verdict(argv, stdin, heading, capsys, monkeypatch):
    status, out, err = run(argv, capsys, monkeypatch, stdin)
    assert status == 0 and err == ""
    assert out.startswith(heading)


def test_empty_input_is_a_clear_error(capsys, monkeypatch):
    status, out, err = run(["coach"], capsys, monkeypatch, b"  \n")
    assert status == 2 and out == ""
    assert err.startswith("lorforge: error:")


def test_jsonl_answers_each_line_before_the_next_arrives():
    """The output is flushed per line, so a caller can talk to the coach as a co-process."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "lorforge.cli", "coach", "--jsonl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        for text, specific in (("hard-working", False), ("Paged the resident at 2 am about a BP of 70/40.", True)):
            proc.stdin.write(json.dumps({"text": text}).encode() + b"\n")
            proc.stdin.flush()
            ready, _, _ = select.select([proc.stdout], [], [], 20)
            assert ready, "no answer before the next line was sent"
            assert json.loads(proc.stdout.readline())["specific"] is specific
        proc.stdin.close()
        assert proc.wait(timeout=20) == 0
    finally:
        proc.kill()


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), st.binary()))
def test_any_line_gets_exactly_one_json_answer(line):
    verdict = verdict_for_line(line)
    assert isinstance(verdict, dict)
    assert set(verdict) in ({"error"}, VERDICT_KEYS)
    json.dumps(verdict)
