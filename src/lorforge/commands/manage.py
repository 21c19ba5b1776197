"""``lorforge manage ARGS…``: Django's management commands, against LORforge's database."""

from __future__ import annotations

import os

HELP = "run a Django management command (e.g. check --deploy, createsuperuser)"
DESCRIPTION = "Pass the remaining arguments to Django's manage.py."
ADD_HELP = False  # --help, like every other argument, goes on to Django


def add_arguments(parser) -> None:
    parser.set_defaults(rest=[])


def run(args) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lorforge.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["lorforge manage", *args.rest])
    return 0
