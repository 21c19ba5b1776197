"""``lorforge helper`` and ``lorforge email``: files written from an account's data, clear errors otherwise."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from pypdf import PdfReader

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


@pytest.mark.parametrize(
    "fmt, check",
    [
        (
            "pdf",
            lambda data: (
                len(PdfReader(io.BytesIO(data)).pages) == 1
                and "Nguyễn Thị Hương" in PdfReader(io.BytesIO(data)).pages[0].extract_text()
            ),
        ),
        ("docx", lambda data: data.startswith(b"PK\x03\x04")),
        ("md", lambda data: data.decode().startswith("# Nguyễn Thị Hương") and "Dr. Łukasz Kowalski" in data.decode()),
    ],
)
def test_helper_writes_each_format(demo, tmp_path, capsys, fmt, check):
    out = tmp_path / f"helper.{fmt}"
    status, stdout, err = run(
        ["helper", "--email", "DEMO@example.com", "--writer", "Dr. Kowalski", "--format", fmt, "--out", str(out)],
        capsys,
    )
    assert status == 0, err
    assert "Dr. Łukasz Kowalski" in stdout
    assert check(out.read_bytes())


@pytest.mark.parametrize(
    "kind, subject, attachments",
    [
        (
            "materials",
            "Thank you and LOR materials – Nguyễn Thị Hương",
            {"LOR-helper-Nguyen-Thi-Huong.pdf", "CV-Nguyen-Thi-Huong.pdf"},
        ),
        ("reminder", "Checking in about my letter of recommendation", set()),
        ("final", "A last note about my letter of recommendation", set()),
    ],
)
def test_email_writes_an_eml_that_parses(demo, tmp_path, capsys, kind, subject, attachments):
    out = tmp_path / f"{kind}.eml"
    status, stdout, err = run(
        ["email", "--email", "demo@example.com", "--writer", "Ayşe Yılmaz", "--kind", kind, "--out", str(out)], capsys
    )
    assert status == 0, err
    message = BytesParser(policy=policy.default).parsebytes(out.read_bytes())
    assert message["Subject"].startswith(subject)
    assert message["To"].addresses[0].addr_spec == "ayse.yilmaz@riverside.example.org"
    assert {part.get_filename() for part in message.iter_attachments()} == attachments


def test_email_notes_when_the_policy_says_not_now(demo, tmp_path, capsys):
    out = tmp_path / "final.eml"
    status, _, err = run(
        ["email", "--email", "demo@example.com", "--writer", "Kowalski", "--kind", "final", "--out", str(out)], capsys
    )
    assert status == 0 and out.exists()
    assert "note: The final note is for a letter still missing close to the deadline" in err


@pytest.mark.parametrize(
    "argv, message",
    [
        (["helper", "--email", "nobody@example.com", "--writer", "Dr. Kowalski"], "no account with the email"),
        (["helper", "--email", "demo@example.com", "--writer", "Dr. Nobody"], "no letter writer named 'Dr. Nobody'"),
        (
            ["email", "--email", "demo@example.com", "--writer", "Dr. Priya Raman", "--kind", "materials"],
            "no letter writer named 'Dr. Priya Raman'",
        ),
        (["email", "--email", "nobody@example.com", "--writer", "Kowalski", "--kind", "reminder"], "no account"),
    ],
)
def test_unknown_account_or_writer_is_one_line_and_status_2(demo, tmp_path, capsys, argv, message):
    out = tmp_path / "out.file"
    status, stdout, err = run([*argv, "--out", str(out)], capsys)
    assert status == 2 and stdout == "" and not out.exists()
    assert err.startswith("lorforge: error: ") and message in err and err.count("\n") == 1


def test_an_ambiguous_name_asks_for_the_full_name(demo, tmp_path, capsys):
    from lorforge.letters.services import writer_add
    from lorforge.rotations.services import person_create

    person = person_create(user=demo.user, name="Dr. Anna Kowalski", role="attending")
    writer_add(user=demo.user, person=person, on=person.created_at.date())
    status, _, err = run(
        ["helper", "--email", "demo@example.com", "--writer", "Kowalski", "--out", str(tmp_path / "h.pdf")], capsys
    )
    assert status == 2 and "2 letter writers match 'Kowalski'" in err


def test_bad_options_and_unwritable_paths_exit_2(demo, capsys):
    status, _, err = run(
        ["helper", "--email", "demo@example.com", "--writer", "Kowalski", "--format", "exe", "--out", "/tmp/x"], capsys
    )
    assert status == 2 and "invalid choice" in err
    status, _, err = run(
        ["helper", "--email", "demo@example.com", "--writer", "Kowalski", "--out", "/no/such/folder/h.pdf"], capsys
    )
    assert status == 2 and "cannot write /no/such/folder/h.pdf" in err


@pytest.mark.own_sqlite
def test_the_commands_work_against_the_default_sqlite_database(tmp_path):
    """A real process, as a user runs it: its own data folder, no DATABASE_URL."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(LORFORGE_DATA_DIR=str(tmp_path / "data"), SECRET_KEY="cli-test")
    lorforge = [str(Path(sys.executable).parent / "lorforge")]  # the installed console script
    subprocess.run([*lorforge, "demo"], env=env, check=True, capture_output=True, cwd=ROOT, timeout=300)
    out = tmp_path / "materials.eml"
    done = subprocess.run(
        [
            *lorforge,
            "email",
            "--email",
            "demo@example.com",
            "--writer",
            "Dr. Łukasz Kowalski",
            "--kind",
            "materials",
            "--out",
            str(out),
        ],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "data" / "lorforge.sqlite3").exists()
    message = BytesParser(policy=policy.default).parsebytes(out.read_bytes())
    assert "LOR-helper-Nguyen-Thi-Huong.pdf" in {p.get_filename() for p in message.iter_attachments()}
    missing = subprocess.run(
        [*lorforge, "helper", "--email", "demo@example.com", "--writer", "Nobody", "--out", str(tmp_path / "h.pdf")],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1


def test_email_with_commas_in_both_names_goes_to_the_typed_address(demo, tmp_path, capsys):
    from lorforge.accounts.models import Profile
    from lorforge.letters.models import Writer

    Profile.objects.filter(user__email="demo@example.com").update(display_name="Souza, Ana")
    writer = Writer.objects.get(person__name="Dr. Ayşe Yılmaz")
    writer.person.name, writer.person.surname = "Ayşe Yılmaz, MD", ""
    writer.person.save()
    out = tmp_path / "materials.eml"
    status, _, err = run(
        [
            "email",
            "--email",
            "demo@example.com",
            "--writer",
            "Ayşe Yılmaz, MD",
            "--kind",
            "materials",
            "--out",
            str(out),
        ],
        capsys,
    )
    assert status == 0, err
    message = BytesParser(policy=policy.default).parsebytes(out.read_bytes())
    assert [a.addr_spec for a in message["To"].addresses] == ["ayse.yilmaz@riverside.example.org"]
    assert message["From"].addresses[0].addr_spec == "demo@example.com"
    assert message.get_body(("plain",)).get_content().startswith("Dear Dr. Yılmaz,")


def test_a_stored_terminal_escape_never_reaches_the_terminal(demo, tmp_path, capsys):
    from lorforge.letters.models import Writer

    writer = Writer.objects.get(person__name="Dr. Ayşe Yılmaz")
    writer.person.name = "Dr. Ayşe Yılmaz\x1b]0;owned\x07\x1b[2J"  # stored before input was cleaned
    writer.person.save()
    argv = ["email", "--email", "demo@example.com", "--writer", writer.person.name, "--kind", "materials"]
    status, out, err = run([*argv, "--out", str(tmp_path / "m.eml")], capsys)
    assert status == 0, err
    assert "Dr. Ayşe Yılmaz]0;owned[2J" in out  # the name is still there, its escapes are not
    assert "\x1b" not in out + err and "\x07" not in out + err
