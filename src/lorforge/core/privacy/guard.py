"""The public entry points: find_phi, redact and highlight_segments."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from . import names, patterns
from .findings import Finding, settle

_DETECTORS = (
    patterns.emails,
    patterns.urls,
    patterns.numbers,
    patterns.dates,
    patterns.ages,
    patterns.addresses,
    names.names,
)
_TITLE = re.compile(r"(?i)^(?:(?:mrs?|ms|mx|mstr|mister)\.?|miss)(?:\s+(?:and|&)\s+(?:mrs?|ms|mx|miss)\.?)?\s+")


def find_phi(text: str, *, allow: Iterable[str] = (), today: date | None = None) -> list[Finding]:
    """Identifiers in ``text``, sorted and non-overlapping. Words in ``allow`` (any case) are never reported.

    ``today`` dates the text (a birth year that makes the patient 90 or older is an identifier); without
    it the year is taken as ``patterns.REFERENCE_YEAR``, which only under-reports as the years pass.
    """
    if not text:
        return []
    low = _lower_same_length(text)
    year = today.year if today is not None else patterns.REFERENCE_YEAR
    candidates = [cand for detect in _DETECTORS for cand in detect(text, low)]
    candidates += list(patterns.birth_years(low, year))
    findings = settle(text, candidates)
    allowed = {_normal(word) for word in allow}
    if allowed:
        findings = [f for f in findings if not _is_allowed(f, allowed)]
    return findings


def _lower_same_length(text: str) -> str:
    """``text.lower()``, except characters whose lower case is longer ("İ") stay as they are."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _normal(word: str) -> str:
    return " ".join(word.casefold().split())


def _is_allowed(finding: Finding, allowed: set[str]) -> bool:
    text = _normal(finding.text)
    return text in allowed or (finding.kind == "name" and _TITLE.sub("", text) in allowed)


def redact(text: str, findings: Iterable[Finding] | None = None, *, allow: Iterable[str] = ()) -> str:
    """``text`` with each finding replaced by its placeholder (findings are searched anew when None)."""
    chosen = find_phi(text, allow=allow) if findings is None else sorted(findings, key=lambda f: f.start)
    pieces: list[str] = []
    cursor = 0
    for finding in chosen:
        if finding.start < cursor:  # overlapping input: keep the first
            continue
        start, end, replacement = _replacement(text, finding)
        if start < cursor:
            start = cursor
        pieces.append(text[cursor:start])
        pieces.append(replacement)
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _replacement(text: str, finding: Finding) -> tuple[int, int, str]:
    """(start, end, new text); a name that is dropped takes its commas or one space with it."""
    start, end, placeholder = finding.start, finding.end, finding.placeholder
    if placeholder:
        if _at_sentence_start(text, start) and placeholder[0].isalpha():
            placeholder = placeholder[0].upper() + placeholder[1:]
        return start, end, placeholder
    blank = _skip_back(text, start, " \t")
    if blank > 0 and text[blank - 1] == "," and text[end : end + 1] in (",", ""):  # "the patient, Rahul Mehta, came"
        return _skip_back(text, blank - 1, " \t"), end + (1 if text[end : end + 1] == "," else 0), ""
    return blank, end, ""  # "his wife Maria asked" -> "his wife asked"


def _skip_back(text: str, index: int, chars: str) -> int:
    """The index after the last character before ``index`` that is not one of ``chars``."""
    while index > 0 and text[index - 1] in chars:
        index -= 1
    return index


def _at_sentence_start(text: str, start: int) -> bool:
    index = _skip_back(text, start, " \t\"'“‘(")
    return index == 0 or text[index - 1] in ".!?\n"


def highlight_segments(text: str, findings: Iterable[Finding]) -> list[tuple[str, Finding | None]]:
    """``text`` cut into consecutive pieces: (plain text, None) and (flagged text, its Finding)."""
    segments: list[tuple[str, Finding | None]] = []
    cursor = 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.start < cursor:
            continue
        if finding.start > cursor:
            segments.append((text[cursor : finding.start], None))
        segments.append((text[finding.start : finding.end], finding))
        cursor = finding.end
    if cursor < len(text):
        segments.append((text[cursor:], None))
    return segments
