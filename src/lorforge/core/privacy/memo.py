"""The guard's answers kept for the texts it read last: pages and documents read the same entries again and again
(a writer's page, its helper, the helper's review), so each text is read once while it stays the same."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from .findings import Finding
from .guard import find_phi

SIZE = 4096  # texts kept: a few megabytes at the most (an entry holds at most 1,500 characters)


@lru_cache(maxsize=SIZE)
def _found(text: str, allow: frozenset[str], today: date | None) -> tuple[Finding, ...]:
    return tuple(find_phi(text, allow=allow, today=today))


def find_phi_memo(text: str, *, allow: Iterable[str] = (), today: date | None = None) -> list[Finding]:
    """``find_phi``'s answer, from memory when the same text was read with the same kept words and day."""
    return list(_found(text, frozenset(allow), today))
