"""``lorforge helper``: write the one-page LOR helper for one of an account's letter writers."""

from __future__ import annotations

import sys
from pathlib import Path

from lorforge.cli import CommandError
from lorforge.commands._args import USES_DATABASE, account

FORMATS = ("pdf", "docx", "md")


HELP = "write the one-page LOR helper for a letter writer"
DESCRIPTION = f"""Write the one-page summary a letter writer receives with your materials: patients followed
(de-identified), initiative, feedback and how you improved, compliments. {USES_DATABASE}"""


def add_arguments(parser) -> None:
    account(parser, writer=True)
    parser.add_argument("--format", choices=FORMATS, default="pdf", help="default: pdf")
    parser.add_argument("--out", required=True, metavar="PATH", help="the file to write")


def run(args) -> int:
    from lorforge.commands._django import setup_django

    setup_django()
    from lorforge import clock
    from lorforge.letters import services

    writer = find_writer(args.email, args.writer)
    helper = services.helper_for(writer=writer, today=clock.today(writer.user))
    warn_about_privacy(helper.flagged)
    download = services.helper_build(content=helper.content, fmt=args.format)
    write_output(args.out, download.content)
    print(f"Wrote the helper for {writer.person.name} to {args.out}")
    return 0


def find_writer(email: str, name: str):
    """The account's writer, or ``CommandError`` naming what is unknown."""
    from lorforge.commands._django import account
    from lorforge.letters.selectors import writer_named

    user = account(email)
    try:
        return writer_named(user=user, name=name)
    except LookupError as exc:
        raise CommandError(str(exc)) from None


def warn_about_privacy(flagged) -> None:
    """The command line has no review page: say on stderr what the privacy guard flagged, then go on."""
    for item in flagged:
        found = ", ".join(f"{f.kind} {f.text!r}" for f in item.findings)
        print(
            f"lorforge: warning: check this {item.source.label.lower()} for patient details ({found}).", file=sys.stderr
        )


def write_output(path: str, data: bytes) -> None:
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise CommandError(f"cannot write {path}: {exc.strerror or exc}.") from None
