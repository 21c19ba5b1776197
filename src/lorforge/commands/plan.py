"""``lorforge plan``: print a rotation's dated conversation plan, without an account or a database."""

from __future__ import annotations

import argparse
import json
import re
import textwrap
from datetime import date, timedelta

from lorforge.cli import CommandError
from lorforge.core import specialties
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
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MIN_YEAR, MAX_YEAR = 1990, 2200


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "plan",
        help="print the dated conversation plan for a rotation",
        description="Print the conversations that turn a rotation into a strong letter of recommendation, "
        "each with its dates, why it matters and a script to adapt. Needs no account or database.",
    )
    parser.add_argument("--start", required=True, type=_iso_date, metavar="YYYY-MM-DD", help="first day")
    parser.add_argument("--end", required=True, type=_iso_date, metavar="YYYY-MM-DD", help="last day")
    parser.add_argument("--setting", choices=SETTINGS, default="inpatient", help="default: inpatient")
    parser.add_argument("--kind", choices=tuple(KIND_CHOICES), default="clerkship", help="default: clerkship")
    parser.add_argument("--specialty", default="", metavar="NAME", help='the field, e.g. "internal medicine"')
    parser.add_argument("--attending", default="", metavar="NAME", help="the attending you hope will write")
    parser.add_argument(
        "--deadline",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="letter deadline (default: an estimate for your ERAS season)",
    )
    parser.add_argument("--name", default="", help="your name, as on your documents")
    parser.add_argument("--country", default="", help="the country where you trained")
    parser.add_argument("--json", action="store_true", help='print JSON: {"checkpoints": [...]}')
    parser.set_defaults(func=run)


def _iso_date(text: str) -> date:
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError
        value = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a valid date (use YYYY-MM-DD)") from None
    if not MIN_YEAR <= value.year <= MAX_YEAR:  # 9999-12-31 would overflow the plan's date arithmetic
        raise argparse.ArgumentTypeError(f"{text!r} is out of range: use a date between {MIN_YEAR} and {MAX_YEAR}")
    return value


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


def _day(d: date) -> str:
    return f"{d:%a}, {d:%b} {d.day}, {d.year}"


def _window(c: Checkpoint) -> str:
    return _day(c.starts) if c.starts == c.ends else f"{_day(c.starts)} – {_day(c.ends)}"


def _human(rotation: Rotation, checkpoints: list[Checkpoint], deadline: date, *, estimated: bool) -> str:
    days = (rotation.end - rotation.start).days + 1
    field = specialties.display_name(rotation.specialty)
    about = ", ".join(part for part in (field, rotation.setting, rotation.kind.replace("_", "-")) if part)
    note = " (an estimate: check the current ERAS timeline)" if estimated else ""
    lines = [
        f"Rotation plan: {_day(rotation.start)} – {_day(rotation.end)} ({days} days; {about})",
        f"Letter deadline: {_day(deadline)}{note}",
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
