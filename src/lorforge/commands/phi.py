"""``lorforge phi``: find patient identifiers in text, without a database.

With ``--jsonl`` it reads one JSON object ``{"text": ...}`` per line on standard
input and writes exactly one JSON line per input line, flushed as it goes:
``{"findings": [{"start", "end", "kind", "text"}, ...]}`` with offsets counted in
characters (Python string indices). A bad line gets ``{"error": ...}`` and the
stream carries on. Without ``--jsonl`` it checks one text (the argument, or all
of standard input) and prints what it found and a redacted version.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import TextIO

from lorforge.cli import CommandError
from lorforge.core.privacy import Finding, find_phi, redact


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "phi",
        help="find patient identifiers (names, dates, numbers ...) in text",
        description="Find patient identifiers (HIPAA Safe Harbor) in free text: names, dates, ages over 89, "
        "record and other numbers, phones, emails, links and addresses.",
    )
    parser.add_argument("text", nargs="*", help="the text to check (default: read standard input)")
    parser.add_argument(
        "--jsonl",
        action="store_true",
        help='read {"text": ...} lines on standard input, write one JSON result per line',
    )
    parser.add_argument("--allow", action="append", default=[], metavar="WORD", help="a word to keep (repeatable)")
    parser.set_defaults(func=run)


def run(args) -> int:
    if args.jsonl:
        if args.text:
            raise CommandError("--jsonl reads standard input; do not also pass text as an argument.")
        stream_jsonl(sys.stdin.buffer, sys.stdout, allow=args.allow)
        return 0
    text = " ".join(args.text) if args.text else sys.stdin.read()
    if not text.strip():
        raise CommandError("give the text as an argument or on standard input.")
    print(describe(text, find_phi(text, allow=args.allow)))
    return 0


def result_for_line(line: str | bytes, *, allow: Iterable[str] = ()) -> dict:
    """The JSON result for one input line, or {"error": ...} when the line is not usable."""
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError:
            return {"error": "not valid UTF-8"}
    line = line.lstrip("\ufeff")
    if not line.strip():
        return {"error": 'empty line: expected a JSON object with a "text" string'}
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        return {"error": f"not valid JSON: {exc}"[:200]}
    if not isinstance(record, dict):
        return {"error": 'expected a JSON object with a "text" string'}
    text = record.get("text")
    if not isinstance(text, str):
        return {"error": 'missing "text" string' if text is None else '"text" must be a string'}
    return {"findings": [finding.to_dict() for finding in find_phi(text, allow=allow)]}


def stream_jsonl(source: Iterable[str | bytes], sink: TextIO, *, allow: Iterable[str] = ()) -> None:
    """One result line per input line, in order; ASCII-escaped JSON so any input (even lone surrogates) prints."""
    allow = tuple(allow)
    for line in source:
        sink.write(json.dumps(result_for_line(line, allow=allow)) + "\n")
        sink.flush()


def describe(text: str, findings: list[Finding]) -> str:
    if not findings:
        return "No patient identifiers found."
    lines = [f"{len(findings)} possible patient identifier{'s' if len(findings) != 1 else ''}:"]
    for f in findings:
        replacement = f"-> {f.placeholder!r}" if f.placeholder else "-> (remove)"
        lines.append(f"  {f.kind:8} {f.start:>5}-{f.end:<5} {f.text!r} {replacement}")
    lines += ["", "With placeholders:", redact(text, findings)]
    return "\n".join(lines)
