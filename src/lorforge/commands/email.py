"""``lorforge email``: write a ready-to-send .eml to one of an account's letter writers."""

from __future__ import annotations

import sys

KINDS = ("materials", "reminder", "final")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "email",
        help="write a ready-to-send email (.eml) to a letter writer",
        description="Write the thank-you email with materials (with the helper, CV and statement attached), the "
        "gentle reminder or the final note as an .eml file your mail app opens as a draft. Uses the "
        "database named by DATABASE_URL, or the default SQLite one.",
    )
    parser.add_argument("--email", required=True, metavar="ACCOUNT", help="the account's email address")
    parser.add_argument("--writer", required=True, metavar="NAME", help="the letter writer's name")
    parser.add_argument("--kind", choices=KINDS, required=True, help="which email")
    parser.add_argument("--out", required=True, metavar="PATH.eml", help="the file to write")
    parser.set_defaults(func=run)


def run(args) -> int:
    from lorforge.commands._django import setup_django

    setup_django()
    from lorforge import clock
    from lorforge.commands.helper import find_writer, warn_about_privacy, write_output
    from lorforge.letters import services

    writer = find_writer(args.email, args.writer)
    today = clock.today(writer.user)
    warn_about_privacy(writer, with_taught=True)
    decision = _policy(writer, args.kind, today)
    if decision is not None and not decision.allowed:
        print(f"lorforge: note: {decision.reason}", file=sys.stderr)
    draft = services.email_build(writer=writer, kind=args.kind, today=today)
    write_output(args.out, services.email_eml(writer=writer, draft=draft).content)
    attached = ", ".join(a.filename for a in draft.attachments) or "no attachments"
    print(f"Wrote the {args.kind} email to {writer.person.name} to {args.out} ({attached})")
    return 0


def _policy(writer, kind: str, today):
    """The reminder policy's view of sending this email today (None for the materials email)."""
    from lorforge.letters import selectors

    stage = selectors.current_stage(writer=writer)
    deadline = selectors.writer_timeline(writer=writer, today=today).deadline.on
    if kind == "reminder":
        return selectors.reminder_decision(writer=writer, stage=stage, deadline=deadline, today=today)
    if kind == "final":
        return selectors.final_note_decision(writer=writer, stage=stage, deadline=deadline, today=today)
    return None
