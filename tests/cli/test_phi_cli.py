"""``lorforge phi``: the JSON-lines contract and the readable output."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lorforge import cli
from lorforge.commands.phi import result_for_line, stream_jsonl

LORFORGE = Path(sys.executable).parent / "lorforge"


def run_jsonl(lines: list[str | bytes]) -> list[dict]:
    sink = io.StringIO()
    stream_jsonl([line if isinstance(line, bytes) else line.encode() for line in lines], sink)
    return [json.loads(out) for out in sink.getvalue().splitlines()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("saw mrs lopez in bed 4", [("name", "mrs lopez")]),
        ("DOB 02/11/1958, MRN 00123456", [("date", "02/11/1958"), ("id", "00123456")]),
        ("call 312-555-0187 or email a.b@example.org", [("phone", "312-555-0187"), ("email", "a.b@example.org")]),
        ("Nguyễn Văn An's troponin rose", [("name", "Nguyễn Văn An")]),
        ("a 92-year-old from Springfield", [("age", "92-year-old"), ("address", "Springfield")]),
        ("see www.example.com/x", [("url", "www.example.com/x")]),
        ("Dr. Smith liked the Wells score", []),
    ],
)
def test_jsonl_findings_per_kind(text: str, expected: list[tuple[str, str]]) -> None:
    (result,) = run_jsonl([json.dumps({"text": text}, ensure_ascii=False)])
    assert [(f["kind"], f["text"]) for f in result["findings"]] == expected
    for f in result["findings"]:
        assert text[f["start"] : f["end"]] == f["text"]
        assert set(f) == {"start", "end", "kind", "text"}


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ("not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"txt": "x"}', 'missing "text"'),
        ('{"text": 5}', '"text" must be a string'),
        ("", "empty line"),
        (b"\xff\xfe{", "not valid UTF-8"),
    ],
)
def test_malformed_line_gets_an_error_and_the_stream_goes_on(line: str | bytes, error: str) -> None:
    results = run_jsonl([line, '{"text": "MRN 00123456"}'])
    assert error in results[0]["error"]
    assert results[1]["findings"][0]["kind"] == "id"


def test_offsets_are_python_string_indices_beyond_the_basic_plane() -> None:
    text = "😀 pt Zoë Fischer"
    (result,) = run_jsonl([json.dumps({"text": text})])
    (finding,) = result["findings"]
    assert text[finding["start"] : finding["end"]] == "Zoë Fischer"


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80))
def test_one_output_line_per_input_line(text: str) -> None:
    line = json.dumps({"text": text})
    result = result_for_line(line)
    for f in result["findings"]:
        assert text[f["start"] : f["end"]] == f["text"]


def test_command_line_jsonl_round_trip() -> None:
    lines = ['{"text": "pt José Peña admitted 3/14"}', "garbage", '{"text": "nothing here"}']
    done = subprocess.run(
        [str(LORFORGE), "phi", "--jsonl"], input="\n".join(lines) + "\n", capture_output=True, text=True, check=True
    )
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(out) == 3
    assert [f["kind"] for f in out[0]["findings"]] == ["name", "date"]
    assert "error" in out[1] and out[2] == {"findings": []}


def test_readable_output_lists_findings_and_a_redacted_version(capsys) -> None:
    assert cli.main(["phi", "for Mr. Johnson's hyponatremia, admitted 3/14"]) == 0
    out = capsys.readouterr().out
    assert "'Mr. Johnson'" in out and "'3/14'" in out
    assert "for the patient's hyponatremia, admitted [date]" in out


def test_readable_output_with_nothing_found(capsys) -> None:
    assert cli.main(["phi", "Dr. Smith liked my presentation"]) == 0
    assert "No patient identifiers found." in capsys.readouterr().out


def test_allow_option_keeps_a_word(capsys) -> None:
    assert cli.main(["phi", "--allow", "amara", "Saw Amara in bed 4"]) == 0
    assert "No patient identifiers found." in capsys.readouterr().out


def test_text_with_jsonl_is_an_error(capsys) -> None:
    assert cli.main(["phi", "--jsonl", "some text"]) == 2
    assert "--jsonl reads standard input" in capsys.readouterr().err
