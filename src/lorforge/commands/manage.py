"""``lorforge manage ARGS…``: Django's management commands, against LORforge's database."""

from __future__ import annotations

import os


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "manage",
        help="run a Django management command (e.g. check --deploy, createsuperuser)",
        description="Pass the remaining arguments to Django's manage.py.",
        add_help=False,
    )
    parser.set_defaults(func=run, rest=[])


def run(args) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lorforge.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["lorforge manage", *args.rest])
    return 0
