"""The privacy guard's findings stored with an entry when it is saved, and whether they still hold.

What an entry stores (``check``) names the guard's edition (a fingerprint of its rules and word lists) and the
year it was checked in (a birth year counts from it): findings of another edition or year are stale and are
checked again (``current``). Words the applicant chose to keep are left out when the findings are read
(``reported``), not when they are stored, so keeping a word later needs no new check.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache
from pathlib import Path

from lorforge.core.fingerprint import fingerprint

from .findings import Finding
from .guard import _is_allowed, _normal, find_phi  # the same rule as find_phi's own allow list

_HERE = Path(__file__).resolve().parent


@cache
def edition() -> str:
    """A fingerprint of the guard: every rule and word list it reads. It changes when any of them changes."""
    return fingerprint((p for p in _HERE.rglob("*") if p.is_file() and p.suffix in (".py", ".txt", ".gz")), root=_HERE)


def check(texts: Mapping[str, str], *, today: date) -> dict:
    """What an entry stores: the findings in each of its ``texts`` (field name → text), no word allowed away."""
    return {
        "edition": edition(),
        "year": today.year,
        "found": [
            {"field": field, **finding.to_dict()}
            for field, text in texts.items()
            for finding in find_phi(text or "", today=today)
        ],
    }


def current(stored: object, *, today: date) -> bool:
    """Whether ``stored`` (as ``check`` made it) still holds: this edition of the guard, this year."""
    return isinstance(stored, dict) and stored.get("edition") == edition() and stored.get("year") == today.year


def reported(stored: dict, *, allow: Iterable[str] = ()) -> list[tuple[str, Finding]]:
    """(field, finding) for each stored finding, except the words in ``allow`` (any case)."""
    allowed = {_normal(word) for word in allow}
    found = [
        (item["field"], Finding(item["start"], item["end"], item["kind"], item["text"])) for item in stored["found"]
    ]
    return [(field, finding) for field, finding in found if not _is_allowed(finding, allowed)]
