"""``lorforge email``: write a ready-to-send .eml to one of an account's letter writers."""

from __future__ import annotations

import sys

from lorforge.commands._args import USES_DATABASE, account

KINDS = ("materials", "reminder", "final")


HELP = "write a ready-to-send email (.eml) to a letter writer"
DESCRIPTION = f"""Write the thank-you email with materials (with the helper, CV and statement attached), the gentle
reminder or the final note as an .eml file your mail app opens as a draft. {USES_DATABASE}"""


def add_arguments(parser) -> None:
    account(parser, writer=True)
    parser.add_argument("--kind", choices=KINDS, required=True, help="which email")
    parser.add_argument("--out", required=True, metavar="PATH.eml", help="the file to write")


def run(args) -> int:
    from lorforge.commands._django import setup_django

    setup_django()
    from lorforge import clock
    from lorforge.commands.helper import find_writer, warn_about_privacy, write_output
    from lorforge.letters import services

    writer = find_writer(args.email, args.writer)
    today = clock.today(writer.user)
    helper = services.helper_for(writer=writer, today=today, with_taught=True)
    warn_about_privacy(helper.flagged)
    decision = _policy(writer, args.kind, today)
    if decision is not None and not decision.allowed:
        print(f"lorforge: note: {decision.reason}", file=sys.stderr)
    draft = services.email_build(writer=writer, kind=args.kind, today=today, helper=helper)
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
