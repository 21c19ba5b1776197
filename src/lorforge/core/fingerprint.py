"""A fingerprint of the files a set of rules is made from: stored with what those rules computed, so that a result
made by other rules can be told apart and computed again (the privacy guard's findings, the coach's verdicts)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def fingerprint(paths: Iterable[Path], *, root: Path) -> str:
    """16 hex digits that change when any of ``paths`` (named relative to ``root``) changes, is added or is removed."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
