"""``lorforge phi``: find patient identifiers in text, without a database.

With ``--jsonl`` it reads one JSON object ``{"text": ...}`` per line on standard
input and writes exactly one JSON line per input line, flushed as it goes:
``{"findings": [{"start", "end", "kind", "text"}, ...]}`` with offsets counted in
characters (Python string indices). A bad line gets ``{"error": ...}`` and the
stream carries on. Without ``--jsonl`` it checks one text (the argument, or all
of standard input) and prints what it found and a redacted version.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from lorforge import clock
from lorforge.cli import CommandError
from lorforge.commands._args import text_or_jsonl
from lorforge.commands._jsonl import answer_line, stream

if TYPE_CHECKING:
    from lorforge.core.privacy import Finding


def find_phi(text: str, **kwargs):
    from lorforge.core.privacy import find_phi as guard  # imported when a text is read, not at start-up

    return guard(text, **kwargs)


def redact(text: str, findings):
    from lorforge.core.privacy import redact as guard_redact

    return guard_redact(text, findings)


HELP = "find patient identifiers (names, dates, numbers ...) in text"
DESCRIPTION = """Find patient identifiers (HIPAA Safe Harbor) in free text: names, dates, ages over 89, record and
other numbers, phones, emails, links and addresses."""


def add_arguments(parser) -> None:
    text_or_jsonl(parser, what="text to check", answer="result")
    parser.add_argument("--allow", action="append", default=[], metavar="WORD", help="a word to keep (repeatable)")


def run(args) -> int:
    if args.jsonl:
        if args.text:
            raise CommandError("--jsonl reads standard input; do not also pass text as an argument.")
        stream_jsonl(sys.stdin.buffer, sys.stdout, allow=args.allow)
        return 0
    text = " ".join(args.text) if args.text else sys.stdin.read()
    if not text.strip():
        raise CommandError("give the text as an argument or on standard input.")
    print(describe(text, find_phi(text, allow=args.allow, today=clock.today())))
    return 0


def _findings(allow: Iterable[str]):
    allow = tuple(allow)
    today = clock.today()
    return lambda text: {"findings": [f.to_dict() for f in find_phi(text, allow=allow, today=today)]}


def result_for_line(line: str | bytes, *, allow: Iterable[str] = ()) -> dict:
    """The JSON result for one input line, or {"error": ...} when the line is not usable."""
    return answer_line(line, _findings(allow))


def stream_jsonl(source: Iterable[str | bytes], sink: TextIO, *, allow: Iterable[str] = ()) -> None:
    stream(source, sink, _findings(allow))


def describe(text: str, findings: list[Finding]) -> str:
    if not findings:
        return "No patient identifiers found."
    lines = [f"{len(findings)} possible patient identifier{'s' if len(findings) != 1 else ''}:"]
    for f in findings:
        replacement = f"-> {f.placeholder!r}" if f.placeholder else "-> (remove)"
        lines.append(f"  {f.kind:8} {f.start:>5}-{f.end:<5} {f.text!r} {replacement}")
    lines += ["", "With placeholders:", redact(text, findings)]
    return "\n".join(lines)
