"""One regex for a list of phrases, shared by the coach and the privacy guard."""

from __future__ import annotations

import re
from collections.abc import Iterable


def trie(phrases: Iterable[str]) -> str:
    """A regex matching any of ``phrases``, written as a trie so that each position is tried once.

    It matches what "longest|...|shortest" matches (one character decides each branch, and an optional tail
    makes the longer phrase win), at a fraction of the cost; a space stands for any run of white space.
    """
    root: dict = {}
    for phrase in phrases:
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [(r"\s+" if c == " " else re.escape(c)) + build(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)
