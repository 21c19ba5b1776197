"""``lorforge plan``: print a rotation's dated conversation plan, without an account or a database."""

from __future__ import annotations

import json
import re
import textwrap
from datetime import date, timedelta

from lorforge.cli import CommandError
from lorforge.commands._args import day, json_output
from lorforge.core import dates, specialties
from lorforge.core.plan import Checkpoint, build_plan, check_rotation_dates, default_deadline
from lorforge.core.records import SETTINGS, Applicant, Person, Rotation

KIND_CHOICES = {
    "clerkship": "clerkship",
    "sub-internship": "sub_internship",
    "externship": "externship",
    "observership": "observership",
}
MAX_DEADLINE_AFTER_END = timedelta(days=2 * 365)  # further away than this is surely a typo
WIDTH = 100  # characters per printed line


HELP = "print the dated conversation plan for a rotation"
DESCRIPTION = """Print the conversations that turn a rotation into a strong letter of recommendation, each with its
dates, why it matters and a script to adapt. Needs no account or database."""


def add_arguments(parser) -> None:
    day(parser, "--start", required=True, help="first day")
    day(parser, "--end", required=True, help="last day")
    parser.add_argument("--setting", choices=SETTINGS, default="inpatient", help="default: inpatient")
    parser.add_argument("--kind", choices=tuple(KIND_CHOICES), default="clerkship", help="default: clerkship")
    parser.add_argument("--specialty", default="", metavar="NAME", help='the field, e.g. "internal medicine"')
    parser.add_argument("--attending", default="", metavar="NAME", help="the attending you hope will write")
    day(parser, "--deadline", help="letter deadline (default: an estimate for your ERAS season)")
    parser.add_argument("--name", default="", help="your name, as on your documents")
    parser.add_argument("--country", default="", help="the country where you trained")
    json_output(parser, help='print JSON: {"checkpoints": [...]}')


def run(args) -> int:
    try:
        check_rotation_dates(args.start, args.end)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    rotation = Rotation(
        start=args.start,
        end=args.end,
        setting=args.setting,
        kind=KIND_CHOICES[args.kind],
        specialty=args.specialty.strip(),
    )
    applicant = Applicant(name=args.name.strip(), country=args.country.strip(), specialty=args.specialty.strip())
    deadline = args.deadline or default_deadline(rotation, applicant)
    if not args.start <= deadline <= args.end + MAX_DEADLINE_AFTER_END:
        raise CommandError(
            f"the deadline {deadline.isoformat()} should fall between the rotation's start and two years after its end"
        )
    people = [Person(args.attending.strip())] if args.attending.strip() else []
    checkpoints = build_plan(rotation=rotation, applicant=applicant, people=people, deadline=deadline)
    if args.json:
        print(json.dumps({"checkpoints": [c.to_dict() for c in checkpoints]}, ensure_ascii=False, indent=2))
    else:
        print(_human(rotation, checkpoints, deadline, estimated=args.deadline is None))
    return 0


def _window(c: Checkpoint) -> str:
    return dates.date_range(c.starts, c.ends, year=True, weekdays=True)


def _human(rotation: Rotation, checkpoints: list[Checkpoint], deadline: date, *, estimated: bool) -> str:
    days = (rotation.end - rotation.start).days + 1
    field = specialties.display_name(rotation.specialty)
    about = ", ".join(part for part in (field, rotation.setting, rotation.kind.replace("_", "-")) if part)
    note = " (an estimate: check the current ERAS timeline)" if estimated else ""
    lines = [
        f"Rotation plan: {dates.date_range(rotation.start, rotation.end, year=True, weekdays=True)} "
        f"({days} days; {about})",
        f"Letter deadline: {dates.weekday(deadline, short=True, year=True)}{note}",
    ]
    for number, checkpoint in enumerate(checkpoints, start=1):
        lines += [
            "",
            f"{number}. {_window(checkpoint)}: {checkpoint.title}",
            f"   With: {', '.join(checkpoint.with_)}",
            *_wrapped("Why: " + checkpoint.why),
            "   Script:",
            *(_wrapped_script_line(line) for line in checkpoint.script.splitlines()),
        ]
        if checkpoint.tips:
            lines.append("   Tips:")
            lines += [
                textwrap.fill(tip, width=WIDTH, initial_indent="   - ", subsequent_indent="     ")
                for tip in checkpoint.tips
            ]
    return "\n".join(lines)


def _wrapped(text: str) -> list[str]:
    return textwrap.wrap(text, width=WIDTH, initial_indent="   ", subsequent_indent="   ")


def _wrapped_script_line(line: str) -> str:
    """One script line, wrapped so that bullets and numbered items keep their hanging indent."""
    if not line.strip():
        return ""
    hanging = " " * len(re.match(r"\s*(?:- |\d+\. )?", line).group(0))
    return "\n".join(textwrap.wrap(line, width=WIDTH, initial_indent="      ", subsequent_indent="      " + hanging))
