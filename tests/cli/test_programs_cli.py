"""``lorforge programs``: each program with its letters and their states; one clear line and exit status 2 for
an unknown account."""

from __future__ import annotations

import json

import pytest

from lorforge.cli import main

pytestmark = pytest.mark.django_db(transaction=True)  # the command opens its own connection


def run(argv, capsys):
    try:
        status = main(argv)
    except SystemExit as exc:
        status = exc.code
    out, err = capsys.readouterr()
    return status, out, err


def test_json_lists_each_program_with_its_letters(capsys, today):
    from lorforge.demo import demo_load
    from lorforge.letters import services
    from lorforge.letters.models import Program, Writer

    demo = demo_load()
    ward = Writer.objects.get(user=demo.user, person__name="Dr. Łukasz Kowalski")
    services.writer_move(writer=ward, to="submitted", on=today)
    first = Program.objects.filter(user=demo.user).first()
    services.letter_assign(program=first, writer=ward)
    status, out, err = run(["programs", "--email", "DEMO@example.com", "--json"], capsys)
    assert status == 0, err
    data = json.loads(out)
    assert data["account"] == "demo@example.com" and len(data["programs"]) == 3
    program = next(p for p in data["programs"] if p["program"] == first.name)
    letter = next(x for x in program["letters"] if x["writer"] == "Dr. Łukasz Kowalski")
    assert letter == {
        **letter,
        "assigned": True,
        "uploaded_on": today.isoformat(),
        "stage": "submitted",
        "letter_id": "DEMO2027-0001",
        "in_specialty": True,
        "locked": False,
    }
    assert program["specialty"] == "Internal Medicine" and program["locked"] is False
    others = [p for p in data["programs"] if p["program"] != first.name]
    assert all(x["assigned"] is False and x["suggested"] for p in others for x in p["letters"])
    status, text, _ = run(["programs", "--email", "demo@example.com"], capsys)
    assert status == 0 and f"{first.name} (Internal Medicine)" in text and "Dr. Łukasz Kowalski: assigned" in text


def test_an_unknown_account_is_one_line_on_stderr_and_exit_2(capsys):
    status, out, err = run(["programs", "--email", "nobody@example.com", "--json"], capsys)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and "no account with the email 'nobody@example.com'" in err
