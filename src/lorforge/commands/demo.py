"""``lorforge demo``: load (or reset) the demo account and print how to log in."""

from __future__ import annotations

HELP = "load the demo account (demo@example.com) and print its password"
DESCRIPTION = (
    "Create or reset a realistic demo account. Running it again resets the demo data instead of duplicating it."
)


def add_arguments(parser) -> None:
    """No options: the demo account is always the same one."""


def run(args) -> int:
    from ._django import setup_django

    setup_django()
    from django.core.management import call_command

    from lorforge.demo import demo_load

    call_command("migrate", interactive=False, verbosity=0)
    result = demo_load()
    print(f"Demo account ready: log in as {result.email} with password {result.password}")
    print(f"It holds {result.summary}.")
    return 0
