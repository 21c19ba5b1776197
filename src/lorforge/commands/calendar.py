"""``lorforge calendar``: write an account's calendar feed (the same as its private link) to a .ics file."""

from __future__ import annotations

from pathlib import Path

from lorforge.cli import CommandError
from lorforge.commands._args import USES_DATABASE, account

HELP = "write an account's calendar (conversations, letter steps, deadlines) as .ics"
DESCRIPTION = f"""Write the same iCalendar feed as the account's private calendar link: every conversation of its
current and upcoming rotations, every letter step and the program deadlines, each with a reminder. {USES_DATABASE}"""


def add_arguments(parser) -> None:
    account(parser)
    parser.add_argument("--out", required=True, metavar="PATH.ics", help="the file to write ('-' for stdout)")


def run(args) -> int:
    from lorforge.commands._django import setup_django

    setup_django()
    from lorforge.commands._django import account
    from lorforge.planner.calendar import feed_ics

    user = account(args.email)
    data = feed_ics(user=user)
    if args.out == "-":
        import sys

        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    path = Path(args.out)
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise CommandError(f"cannot write {args.out}: {exc.strerror or exc}.") from None
    events = data.count(b"BEGIN:VEVENT")
    print(f"Wrote {events} event{'s' if events != 1 else ''} for {user.email} to {args.out}")
    return 0
