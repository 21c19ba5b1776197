"""JSON Lines in, JSON Lines out: shared by ``lorforge coach --jsonl`` and ``lorforge phi --jsonl``.

Each input line is ``{"text": ...}``; each output line answers it, or is
``{"error": ...}`` when that line is unusable, so one bad line never stops
the stream.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TextIO


def answer_line(line: str | bytes, answer: Callable[[str], dict]) -> dict:
    """``answer(text)`` for a well-formed line, else an error naming what is wrong with it."""
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
    return answer(text)


def stream(source: Iterable[str | bytes], sink: TextIO, answer: Callable[[str], dict]) -> None:
    """One output line per input line, in order, flushed at once for callers reading line by line.

    Bytes are decoded line by line so a bad line stays local; the JSON is ASCII-escaped so any
    input (even lone surrogates) prints whatever the locale.
    """
    for line in source:
        sink.write(json.dumps(answer_line(line, answer)) + "\n")
        sink.flush()
