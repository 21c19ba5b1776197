"""``lorforge calendar``: the account's feed written to a file, the same as its private link; a clear error
and exit status 2 for an unknown account."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar

from lorforge.cli import main

pytestmark = pytest.mark.django_db(transaction=True)  # the command opens its own connection

ROOT = Path(__file__).resolve().parents[2]


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    try:
        status = main(argv)
    except SystemExit as exc:
        status = exc.code
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def demo():
    from lorforge.demo import demo_load

    return demo_load()


def test_it_writes_the_same_feed_as_the_private_link(demo, tmp_path, capsys, client):
    from lorforge.planner.calendar import feed_new_token

    out = tmp_path / "lorforge.ics"
    status, stdout, err = run(["calendar", "--email", "DEMO@example.com", "--out", str(out)], capsys)
    assert status == 0, err
    data = out.read_bytes()
    events = Calendar.from_ical(data).walk("VEVENT")
    vevents = vobject.readOne(data.decode("utf-8")).contents["vevent"]
    assert len(events) == len(vevents) > 10
    assert f"Wrote {len(events)} events for demo@example.com to {out}" in stdout
    uids = [str(e["uid"]) for e in events]
    assert uids == [v.uid.value for v in vevents] and len(set(uids)) == len(uids)
    assert {u.split("-", 1)[0] for u in uids} == {"rotation", "letter", "deadline"}
    assert all(e.walk("VALARM") for e in events)
    assert "Nguyễn" in data.decode() or "Yılmaz" in data.decode()

    feed = feed_new_token(user=demo.user)
    served = Calendar.from_ical(client.get(f"/calendar/{feed.token}.ics").content).walk("VEVENT")
    assert [(str(e["uid"]), str(e["summary"]), e.decoded("dtstart")) for e in served] == [
        (str(e["uid"]), str(e["summary"]), e.decoded("dtstart")) for e in events
    ]


def test_an_unknown_account_is_one_line_and_status_2(db, tmp_path, capsys):
    out = tmp_path / "x.ics"
    status, stdout, err = run(["calendar", "--email", "nobody@example.com", "--out", str(out)], capsys)
    assert status == 2 and stdout == ""
    assert err == "lorforge: error: no account with the email 'nobody@example.com'.\n"
    assert not out.exists()


def test_an_unwritable_path_is_one_line_and_status_2(demo, tmp_path, capsys):
    status, _, err = run(["calendar", "--email", "demo@example.com", "--out", str(tmp_path / "no" / "x.ics")], capsys)
    assert status == 2 and err.startswith("lorforge: error: cannot write") and err.count("\n") == 1


def test_missing_arguments_and_help(capsys):
    status, _, err = run(["calendar", "--email", "demo@example.com"], capsys)
    assert status == 2 and "--out" in err and err.count("\n") == 1
    help_text = subprocess.run(
        [sys.executable, "-m", "lorforge.cli", "--help"], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert "calendar" in help_text
