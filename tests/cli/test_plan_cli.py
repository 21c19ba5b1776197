"""``lorforge plan``: the dated plan on the command line, without an account or a database."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lorforge.cli import main

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = {"key", "title", "starts", "ends", "script"}


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    """Run the command in-process; argparse errors arrive as SystemExit."""
    try:
        status = main(argv)
    except SystemExit as exc:
        status = exc.code
    out, err = capsys.readouterr()
    return status, out, err


def test_json_lists_every_checkpoint_sorted_by_start(capsys):
    status, out, err = run(
        [
            "plan",
            "--start",
            "2025-06-02",
            "--end",
            "2025-06-27",
            "--specialty",
            "Pediatrics",
            "--attending",
            "Zoë Ångström",
            "--name",
            "Nguyễn Thị Hương",
            "--country",
            "Việt Nam",
            "--json",
        ],
        capsys,
    )
    assert status == 0 and err == ""
    checkpoints = json.loads(out)["checkpoints"]
    assert all(set(c) >= REQUIRED for c in checkpoints)
    assert [c["starts"] for c in checkpoints] == sorted(c["starts"] for c in checkpoints)
    assert checkpoints[0]["key"] == "setup" and checkpoints[0]["starts"] == "2025-06-02"
    assert {c["key"] for c in checkpoints} >= {
        "feedback_seed",
        "midpoint_feedback",
        "pre_ask",
        "reminder",
        "confirm_submission",
    }
    setup = checkpoints[0]["script"]
    assert "Dr. Ångström" in setup and "Nguyễn Thị Hương" in setup and "Việt Nam" in setup
    assert "children and to their parents" in setup


@pytest.mark.parametrize(
    "options, expected",
    [
        (["--kind", "sub-internship"], "strong sub-intern"),
        (["--kind", "observership", "--setting", "outpatient"], "practice notes"),
        (["--setting", "outpatient"], "in clinic"),
    ],
)
def test_kind_and_setting_shape_the_scripts(options, expected, capsys):
    status, out, _ = run(["plan", "--start", "2025-06-02", "--end", "2025-06-27", "--json", *options], capsys)
    assert status == 0
    assert expected in "\n".join(c["script"] for c in json.loads(out)["checkpoints"])


def test_the_deadline_sets_the_reminders(capsys):
    status, out, _ = run(
        ["plan", "--start", "2025-06-02", "--end", "2025-06-27", "--deadline", "2025-10-01", "--json"], capsys
    )
    assert status == 0
    checkpoints = json.loads(out)["checkpoints"]
    assert checkpoints[-1]["key"] == "confirm_submission" and checkpoints[-1]["ends"] == "2025-10-01"
    assert [c["starts"] for c in checkpoints if c["key"] == "reminder"] == ["2025-09-03", "2025-09-17"]


def test_human_output_is_a_readable_dated_plan(capsys):
    status, out, _ = run(["plan", "--start", "2025-12-29", "--end", "2026-01-09", "--attending", "Dr. Lee"], capsys)
    assert status == 0
    assert out.startswith("Rotation plan: Mon, Dec 29, 2025 – Fri, Jan 9, 2026 (12 days")
    assert "(an estimate: check the current ERAS timeline)" in out
    assert "1. Mon, Dec 29, 2025 – Tue, Dec 30, 2025: Introduce yourself and set your goals with Dr. Lee" in out
    assert "Ask Dr. Lee about a strong letter" in out
    assert "Dr. Dr." not in out
    assert max(len(line) for line in out.splitlines()) <= 100


@pytest.mark.parametrize(
    "options, message",
    [
        (["--start", "2025-06-31", "--end", "2025-07-20"], "'2025-06-31' is not a valid date"),
        (["--start", "02/06/2025", "--end", "2025-07-20"], "is not a valid date (use YYYY-MM-DD)"),
        (["--start", "20250602", "--end", "2025-07-20"], "is not a valid date"),
        (["--start", "2025-06-27", "--end", "2025-06-02"], "ends (2025-06-02) before it starts (2025-06-27)"),
        (["--start", "2025-06-02", "--end", "2025-06-02"], "at least two days"),
        (["--start", "2025-01-06", "--end", "2025-12-19"], "up to 26 weeks"),
        (["--start", "2025-06-02", "--end", "2025-06-27", "--kind", "residency"], "invalid choice"),
        (["--start", "2025-06-02", "--end", "2025-06-27", "--setting", "icu"], "invalid choice"),
        (["--start", "2025-06-02", "--end", "2025-06-27", "--deadline", "2031-01-01"], "two years after its end"),
        (["--start", "2025-06-02", "--end", "2025-06-27", "--deadline", "2025-05-01"], "between the rotation's start"),
        (["--end", "2025-06-27"], "--start"),
    ],
)
def test_bad_input_gives_one_line_and_status_2(options, message, capsys):
    status, out, err = run(["plan", *options], capsys)
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("lorforge")
    assert message in err


def test_the_installed_command_runs_without_a_database(tmp_path):
    lorforge = ROOT / ".venv" / "bin" / "lorforge"
    if not lorforge.exists():  # another environment: the script next to this interpreter
        lorforge = Path(sys.executable).parent / "lorforge"
    result = subprocess.run(
        [
            str(lorforge),
            "plan",
            "--start",
            "2026-02-23",
            "--end",
            "2026-03-06",
            "--kind",
            "sub-internship",
            "--specialty",
            "surgery",
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "does.not.exist"},
    )
    assert result.returncode == 0, result.stderr
    checkpoints = json.loads(result.stdout)["checkpoints"]
    assert checkpoints[0]["key"] == "setup" and checkpoints[0]["starts"] == "2026-02-23"
    assert all(c["starts"] >= "2026-02-23" for c in checkpoints)
    pre_ask = next(c for c in checkpoints if c["key"] == "pre_ask")
    assert pre_ask["ends"] < "2026-03-06"
