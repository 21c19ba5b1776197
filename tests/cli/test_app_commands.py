"""The Django-backed commands: --help, manage, demo, serve's argument checks, and settings from the environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lorforge import cli

LORFORGE = Path(sys.executable).parent / "lorforge"


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in cli.COMMANDS:
        assert command in out


@pytest.mark.django_db(transaction=True)
def test_demo_twice_resets_instead_of_duplicating(capsys):
    from lorforge.accounts.models import User
    from lorforge.evidence.models import Story
    from lorforge.rotations.models import Person, Rotation

    assert cli.main(["demo"]) == 0
    first = capsys.readouterr().out
    counts = (Rotation.objects.count(), Person.objects.count(), Story.objects.count())
    assert cli.main(["demo"]) == 0
    second = capsys.readouterr().out
    assert (Rotation.objects.count(), Person.objects.count(), Story.objects.count()) == counts
    assert User.objects.filter(email="demo@example.com").count() == 1
    user = User.objects.get(email="demo@example.com")
    password = second.split("with password ")[1].split()[0]
    assert user.check_password(password) and password not in first
    assert user.profile.display_name == "Nguyễn Thị Hương" and user.profile.target_specialty == "Internal Medicine"
    assert Rotation.objects.filter(user=user).count() == 2


@pytest.mark.django_db
def test_manage_passes_through_to_django(capsys):
    assert cli.main(["manage", "check"]) == 0
    assert "no issues" in capsys.readouterr().out


@pytest.mark.parametrize("args", [["serve", "--port", "0"], ["serve", "--port", "70000"], ["serve", "--workers", "0"]])
def test_serve_refuses_bad_arguments(args, capsys):
    assert cli.main(args) == 2
    assert "error" in capsys.readouterr().err


def test_unknown_command_is_a_clear_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["fly"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def _run(args: list[str], tmp_path: Path, **env) -> subprocess.CompletedProcess:
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "SECRET_KEY"}
    }
    environment.update(LORFORGE_DATA_DIR=str(tmp_path / "data"), **env)
    return subprocess.run([str(LORFORGE), *args], capture_output=True, text=True, env=environment, timeout=120)


def test_the_installed_command_works_on_the_database_url_it_is_given(tmp_path):
    database = tmp_path / "elsewhere.sqlite3"
    result = _run(["demo"], tmp_path, DATABASE_URL=f"sqlite:///{database}")
    assert result.returncode == 0, result.stderr
    assert "demo@example.com" in result.stdout
    assert database.exists() and not (tmp_path / "data" / "lorforge.sqlite3").exists()
    result = _run(
        ["manage", "check", "--deploy", "--fail-level", "CRITICAL"], tmp_path, DATABASE_URL=f"sqlite:///{database}"
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.own_sqlite
def test_the_secret_key_is_generated_once_and_kept(tmp_path):
    _run(["manage", "check"], tmp_path)
    key_file = tmp_path / "data" / "secret_key"
    first = key_file.read_text()
    _run(["manage", "check"], tmp_path)
    assert key_file.read_text() == first and len(first) > 40
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "perhaps"}, "DEBUG='perhaps' is not a yes/no value"),
        (
            {"EMAIL_HOST": "smtp.example.org", "EMAIL_PORT": "twenty-five"},
            "EMAIL_PORT='twenty-five' is not a whole number",
        ),
        ({"DATABASE_URL": "mysql://u:p@h/db"}, "DATABASE_URL must be sqlite"),
    ],
)
def test_bad_settings_fail_loudly_naming_the_variable(tmp_path, env, message):
    result = _run(["manage", "check"], tmp_path, **env)
    assert result.returncode != 0
    assert message in result.stderr
