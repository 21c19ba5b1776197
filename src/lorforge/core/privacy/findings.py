"""The Finding record, its placeholder, and how overlapping candidates are settled."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import NamedTuple

KINDS = ("name", "date", "age", "id", "phone", "email", "url", "address")

_PLACEHOLDERS = {
    "date": "[date]",
    "age": "[age over 89]",
    "id": "[number]",
    "phone": "[phone]",
    "email": "[email]",
    "url": "[link]",
    "address": "[address]",
}

# Roles of a name, which decide its placeholder.
PATIENT = "patient"  # "Mr. Johnson's" -> "the patient's"
FAMILY = "family"  # "Maria, his wife," -> "a family member, his wife,"
APPOSITIVE = "appositive"  # "his wife Maria", "patient Hector": the words before already say who


@dataclass(frozen=True)
class Finding:
    """One identifier in a text: ``text[start:end] == finding.text``."""

    start: int
    end: int
    kind: str
    text: str
    role: str = PATIENT  # names only; see PATIENT, FAMILY, APPOSITIVE

    @property
    def placeholder(self) -> str:
        """Neutral replacement. Empty for a name right after "his wife" or "patient": drop the name."""
        if self.kind != "name":
            return _PLACEHOLDERS[self.kind]
        return {FAMILY: "a family member", APPOSITIVE: ""}.get(self.role, "the patient")

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "kind": self.kind, "text": self.text}


class Candidate(NamedTuple):
    """A possible finding; when candidates overlap, the higher ``strength`` wins, then the longer."""

    start: int
    end: int
    kind: str
    strength: int
    role: str = PATIENT


def settle(text: str, candidates: list[Candidate]) -> list[Finding]:
    """Keep the strongest of overlapping candidates; return findings sorted by position."""
    starts: list[int] = []  # starts of the kept candidates, sorted; kept ones never overlap
    kept: dict[int, Candidate] = {}
    for cand in sorted(candidates, key=lambda c: (-c.strength, c.start - c.end, c.start)):
        if cand.end <= cand.start:
            continue
        i = bisect_right(starts, cand.start)
        if i and kept[starts[i - 1]].end > cand.start:  # the kept one starting before reaches into it
            continue
        if i < len(starts) and starts[i] < cand.end:  # the next kept one starts inside it
            continue
        starts.insert(i, cand.start)
        kept[cand.start] = cand
    return [Finding(c.start, c.end, c.kind, text[c.start : c.end], c.role) for c in (kept[s] for s in starts)]
