"""``lorforge timeline``: every letter's steps in date order, the same steps the pages show."""

from __future__ import annotations

import json

from lorforge.commands._args import USES_DATABASE, account, day, json_output

HELP = "print each letter's steps and dates for an account"
DESCRIPTION = f"""Print, for each rotation and each letter writer (attendings are tracked before you add them to
your letter list), the letter's steps in date order with their status: the ask, the last-day thanks, the materials
email, the reminders and the final ERAS check. {USES_DATABASE}"""


def add_arguments(parser) -> None:
    account(parser)
    day(parser, "--today", help="compute as if today were this day (default: today where the applicant is)")
    json_output(parser)


def run(args) -> int:
    from lorforge.commands._django import setup_django

    setup_django()
    from lorforge import clock
    from lorforge.commands._django import account
    from lorforge.letters.timelines import letter_timelines

    user = account(args.email)
    today = args.today or clock.today(user)
    letters = [_letter(t) for t in letter_timelines(user=user, today=today)]
    if args.json:
        print(json.dumps({"today": today.isoformat(), "letters": letters}, ensure_ascii=False, indent=2))
        return 0
    if not letters:
        print(f"No letters to track yet for {user.email}: add a rotation with its attending.")
    for letter in letters:
        print(
            f"{letter['writer']} · {letter['rotation'] or 'no rotation'} · {letter['stage']} · "
            f"deadline {letter['deadline']} ({letter['deadline_source']})"
        )
        for step in letter["steps"]:
            days = step["starts"] if step["starts"] == step["ends"] else f"{step['starts']} – {step['ends']}"
            print(f"  {days}  {step['title']} [{step['status']}]")
    return 0


def _letter(tracked) -> dict:
    line = tracked.timeline
    rotation = tracked.person.rotation
    return {
        "writer": tracked.person.name,
        "rotation": str(rotation) if rotation else None,
        "stage": line.stage,
        "deadline": line.deadline.on.isoformat(),
        "deadline_source": line.deadline.source,
        "next": line.next_step.id if line.next_step else None,
        "steps": [step.to_dict() for step in line.steps],
    }
