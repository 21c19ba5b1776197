"""``lorforge helper``: write the one-page LOR helper for one of an account's letter writers."""

from __future__ import annotations

import sys
from pathlib import Path

from lorforge.cli import CommandError

FORMATS = ("pdf", "docx", "md")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "helper",
        help="write the one-page LOR helper for a letter writer",
        description="Write the one-page summary a letter writer receives with your materials: patients followed "
        "(de-identified), initiative, feedback and how you improved, compliments. Uses the database "
        "named by DATABASE_URL, or the default SQLite one.",
    )
    parser.add_argument("--email", required=True, metavar="ACCOUNT", help="the account's email address")
    parser.add_argument("--writer", required=True, metavar="NAME", help="the letter writer's name")
    parser.add_argument("--format", choices=FORMATS, default="pdf", help="default: pdf")
    parser.add_argument("--out", required=True, metavar="PATH", help="the file to write")
    parser.set_defaults(func=run)


def run(args) -> int:
    from lorforge.commands._django import setup_django

    setup_django()
    from lorforge import clock
    from lorforge.letters import services

    writer = find_writer(args.email, args.writer)
    warn_about_privacy(writer, with_taught=False)
    content = services.helper_content(writer=writer, today=clock.today(writer.user))
    download = services.helper_build(content=content, fmt=args.format)
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


def warn_about_privacy(writer, *, with_taught: bool) -> None:
    """The command line has no review page: say on stderr what the privacy guard flagged, then go on."""
    from lorforge.letters import selectors, services

    flagged = services.privacy_review(
        selectors.helper_sources(writer=writer, with_taught=with_taught), user=writer.user
    )
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
