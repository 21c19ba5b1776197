"""Malformed input on the command line: one clear line, exit status 2 (or a clean answer), never a traceback."""

from __future__ import annotations

import io
import json
import sys

import pytest

from lorforge.cli import main

BIG = str(2**70)
RTL = "مستشفى الملك فيصل"  # right-to-left text is welcome where text is expected


def run(argv, capsys, stdin: str | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(
            sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8", "surrogatepass")), encoding="utf-8")
        )
    try:
        status = main(argv)
    except SystemExit as exc:  # argparse
        status = exc.code
    out, err = capsys.readouterr()
    return status, out, err


PLAN = ["plan", "--start", "2026-03-02", "--end", "2026-03-29"]

REFUSED = [  # (argv, words the one-line message must contain)
    (["plan", "--start", "9999-12-01", "--end", "9999-12-31"], "out of range"),
    (["plan", "--start", "0001-01-01", "--end", "0001-01-28"], "out of range"),
    (["plan", "--start", "2026-02-30", "--end", "2026-03-30"], "not a valid date"),
    (["plan", "--start", "2026-13-01", "--end", "2026-03-30"], "not a valid date"),
    (["plan", "--start", "", "--end", "2026-03-30"], "not a valid date"),
    (["plan", "--start", "tomorrow", "--end", "2026-03-30"], "not a valid date"),
    (["plan", "--start", BIG, "--end", "2026-03-30"], "not a valid date"),
    (["plan", "--start", "2026-03-01\x00", "--end", "2026-03-30"], "not a valid date"),
    (["plan", "--start", "٢٠٢٦-٠٣-٠١", "--end", "2026-03-30"], "not a valid date"),
    (["plan", "--start", "2026-03-30", "--end", "2026-03-01"], "before it starts"),
    (["plan", "--start", "2026-03-01", "--end", "2027-03-01"], "check the dates"),
    ([*PLAN, "--deadline", "9999-12-31"], "out of range"),
    ([*PLAN, "--deadline", "2020-01-01"], "deadline"),
    ([*PLAN, "--kind", "spaceship"], "invalid choice"),
    ([*PLAN, "--setting", ""], "invalid choice"),
    (["plan", "--start", "2026-03-02"], "required"),
    (["serve", "--port", "0"], "between 1 and 65535"),
    (["serve", "--port", "70000"], "between 1 and 65535"),
    (["serve", "--port", "eighty"], "invalid int value"),
    (["serve", "--workers", "0"], "between 1 and 64"),
    (["serve", "--workers", BIG], "between 1 and 64"),
    (["serve", "--threads", "lots"], "not a whole number"),
    (["serve", "--threads", "-1"], "between 1 and 256"),
    (["nonsense"], "invalid choice"),
    (["coach", "--nope"], "unrecognized arguments"),
]


@pytest.mark.parametrize(("argv", "words"), REFUSED, ids=[" ".join(a)[:60] for a, _ in REFUSED])
def test_bad_arguments_get_one_clear_line(capsys, argv, words):
    status, out, err = run(argv, capsys)
    assert status == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], err
    assert "Traceback" not in out + err


ODD_BUT_FINE = [
    [*PLAN, "--name", RTL, "--country", "السعودية", "--attending", "Dr. \u202eevil"],
    [*PLAN, "--specialty", "x" * 100_000],
    [*PLAN, "--attending", "Dr. Smith\x1b[2J\x07"],
    [*PLAN, "--json", "--name", "\x00\x01"],
    ["coach", "I \x00 did \x1b[31m something " * 50],
    ["coach", RTL],
    ["phi", "Mr. " + "\u0000" * 10 + " Johnson, MRN " + BIG],
    ["phi", "", ""],
]


@pytest.mark.parametrize("argv", ODD_BUT_FINE, ids=range(len(ODD_BUT_FINE)))
def test_odd_text_is_handled_without_a_traceback(capsys, argv):
    status, out, err = run(argv, capsys)
    assert status in (0, 1, 2) and "Traceback" not in out + err
    assert "\x1b" not in out + err and "\x07" not in out + err  # no command echoes an escape to the terminal


JSONL = [
    "not json\n",
    '{"text": 5}\n',
    "[]\n",
    '{"no_text": "x"}\n',
    '{"text": "' + "a" * 300_000 + '"}\n',
    '{"text": null}\n',
    "\n\n\n",
    '{"text": "\\u0000\\u001b[2J"}\n',
    '{"text": "' + RTL + '"}\n',
    '{"text": "x"}' * 3 + "\n",
    "\ufeff" + '{"text": "with a byte-order mark"}\n',
    '{"text": "\\ud800 lone surrogate"}\n',
    "{" * 100_000 + "\n",
]


@pytest.mark.parametrize("command", ["coach", "phi"])
@pytest.mark.parametrize("stdin", JSONL, ids=range(len(JSONL)))
def test_malformed_jsonl_lines_get_an_error_line_not_a_traceback(capsys, monkeypatch, command, stdin):
    status, out, err = run([command, "--jsonl"], capsys, stdin=stdin, monkeypatch=monkeypatch)
    assert status in (0, 1, 2) and "Traceback" not in out + err
    for line in out.splitlines():
        json.loads(line)  # whatever comes out is still JSON Lines


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (
            ["helper", "--email", "nobody@example.com", "--writer", "Dr. Smith", "--out", "OUT/x.pdf"],
            "nobody@example.com",
        ),
        (["helper", "--email", "", "--writer", "Dr. Smith", "--out", "OUT/x.pdf"], ""),
        (["helper", "--email", "owner@example.com", "--writer", "Nobody", "--out", "OUT/x.pdf"], "Nobody"),
        (
            ["helper", "--email", "owner@example.com", "--writer", "Dr. Smith", "--format", "exe", "--out", "OUT/x"],
            "invalid choice",
        ),
        (["helper", "--email", "owner@example.com", "--writer", "Dr. Smith", "--out", "/nonexistent/dir/x.pdf"], ""),
        (
            ["email", "--email", "owner@example.com", "--writer", "Dr. Smith", "--kind", "spam", "--out", "OUT/x.eml"],
            "invalid choice",
        ),
        (
            [
                "email",
                "--email",
                "owner@example.com\x00",
                "--writer",
                "Dr. Smith",
                "--kind",
                "final",
                "--out",
                "OUT/x.eml",
            ],
            "",
        ),
        (["email", "--email", BIG, "--writer", "\x1b[2J", "--kind", "final", "--out", "OUT/x.eml"], ""),
    ],
)
def test_database_commands_refuse_bad_input_with_one_line(capsys, tmp_path, owner, argv, words):
    argv = [a.replace("OUT", str(tmp_path)) for a in argv]
    status, out, err = run(argv, capsys)
    assert status == 2, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and "Traceback" not in out + err, err
    assert "\x1b" not in out + err
