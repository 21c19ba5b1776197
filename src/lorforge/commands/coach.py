"""``lorforge coach``: run the specificity coach on evidence entries, without a database.

With ``--jsonl`` it reads one JSON object ``{"text": ...}`` per line on standard
input and writes exactly one JSON line per input line, flushed as it goes, so
it can sit behind another program. A bad line gets ``{"error": ...}`` and the
stream carries on. Without ``--jsonl`` it judges one entry (the argument, or
all of standard input) and prints a short verdict for a person.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from lorforge.cli import CommandError

from ._args import text_or_jsonl
from ._jsonl import answer_line, stream

if TYPE_CHECKING:
    from lorforge.core.coach import Assessment


def assess(text: str):
    from lorforge.core.coach import assess as coach_assess  # imported when a text is judged, not at start-up

    return coach_assess(text)


def label(key: str) -> str:
    from lorforge.core.qualities import label as quality_label

    return quality_label(key)


HELP = "say whether an evidence entry is a specific story or a generic claim"
DESCRIPTION = "Judge evidence entries: specific story or generic claim, with a hint and likely qualities."


def add_arguments(parser) -> None:
    text_or_jsonl(parser, what="entry to judge", answer="verdict")


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


def verdict(text: str) -> dict:
    result = assess(text)
    return {
        "specific": result.specific,
        "score": result.score,
        "qualities": list(result.qualities),
        "hint": result.hint,
    }


def verdict_for_line(line: str | bytes) -> dict:
    """The JSON verdict for one input line, or {"error": ...} when the line is not usable."""
    return answer_line(line, verdict)


def stream_jsonl(source: Iterable[str | bytes], sink: TextIO) -> None:
    stream(source, sink, verdict)


def describe(verdict: Assessment) -> str:
    heading = "Specific story" if verdict.specific else "Generic so far"
    lines = [f"{heading} (score {verdict.score:.2f})", verdict.hint]
    if verdict.qualities:
        lines.append("Shows: " + ", ".join(label(q) for q in verdict.qualities))
    if verdict.signals:
        lines.append("Found: " + ", ".join(s.replace("_", " ") for s in verdict.signals))
    return "\n".join(lines)
