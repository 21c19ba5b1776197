"""Privacy guard: find patient identifiers (HIPAA Safe Harbor) in free clinical text.

    >>> [f.text for f in find_phi("for Mr. Johnson's hyponatremia, admitted 3/14")]
    ['Mr. Johnson', '3/14']
    >>> redact("for Mr. Johnson's hyponatremia, admitted 3/14")
    "for the patient's hyponatremia, admitted [date]"

Rules, not a model: shapes (emails, links, numbers, dates, ages over 89, addresses) and
names found through cues and curated name lists. Pure Python, no network.
"""

from __future__ import annotations

from .findings import KINDS, Finding
from .guard import find_phi, highlight_segments, redact

__all__ = ["KINDS", "Finding", "find_phi", "highlight_segments", "redact"]
