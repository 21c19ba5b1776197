"""``lorforge coach``: run the specificity coach on evidence entries, without a database.

With ``--jsonl`` it reads one JSON object ``{"text": ...}`` per line on standard
input and writes exactly one JSON line per input line, flushed as it goes, so
it can sit behind another program. A bad line gets ``{"error": ...}`` and the
stream carries on. Without ``--jsonl`` it judges one entry (the argument, or
all of standard input) and prints a short verdict for a person.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import TextIO

from lorforge.cli import CommandError
from lorforge.core.coach import Assessment, assess
from lorforge.core.qualities import label


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "coach", help="say whether an evidence entry is a specific story or a generic claim",
        description="Judge evidence entries: specific story or generic claim, with a hint and likely qualities.")
    parser.add_argument("text", nargs="*", help="the entry to judge (default: read standard input)")
    parser.add_argument("--jsonl", action="store_true",
                        help='read {"text": ...} lines on standard input, write one JSON verdict per line')
    parser.set_defaults(func=run)


def run(args) -> int:
    if args.jsonl:
        if args.text:
            raise CommandError("--jsonl reads standard input; do not also pass text as an argument.")
        stream_jsonl(sys.stdin.buffer, sys.stdout)
        return 0
    text = " ".join(args.text) if args.text else sys.stdin.read()
    if not text.strip():
        raise CommandError("give the entry as an argument or on standard input.")
    print(describe(assess(text)))
    return 0


def verdict_for_line(line: str | bytes) -> dict:
    """The JSON verdict for one input line, or {"error": ...} when the line is not usable."""
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError:
            return {"error": "not valid UTF-8"}
    line = line.lstrip("\ufeff")
    if not line.strip():
        return {"error": "empty line: expected a JSON object with a \"text\" string"}
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        return {"error": f"not valid JSON: {exc}"[:200]}
    if not isinstance(record, dict):
        return {"error": "expected a JSON object with a \"text\" string"}
    text = record.get("text")
    if not isinstance(text, str):
        return {"error": "missing \"text\" string" if text is None else "\"text\" must be a string"}
    verdict = assess(text)
    return {"specific": verdict.specific, "score": verdict.score, "qualities": list(verdict.qualities),
            "hint": verdict.hint}


def stream_jsonl(source: Iterable[str | bytes], sink: TextIO) -> None:
    """One verdict line per input line, in order; bytes are decoded line by line so one bad line stays local."""
    for line in source:
        sink.write(json.dumps(verdict_for_line(line)) + "\n")  # ASCII-safe whatever the locale
        sink.flush()  # a caller reading line by line gets each answer as soon as it exists


def describe(verdict: Assessment) -> str:
    heading = "Specific story" if verdict.specific else "Generic so far"
    lines = [f"{heading} (score {verdict.score:.2f})", verdict.hint]
    if verdict.qualities:
        lines.append("Shows: " + ", ".join(label(q) for q in verdict.qualities))
    if verdict.signals:
        lines.append("Found: " + ", ".join(s.replace("_", " ") for s in verdict.signals))
    return "\n".join(lines)
