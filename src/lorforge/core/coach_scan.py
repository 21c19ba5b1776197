"""Whole-word patterns run fast over one text, with exactly the matches of the plain regex.

The coach runs some fifty patterns over every entry, and nearly all of them start at a word boundary
(``\\b...`` or ``(?<![\\w&])...``). Python's ``re`` cannot skip ahead to such a start: it tries the pattern at
every character, which made the coach slow on long entries. Written as ``" (...)"`` and run over the text with
a space in front, the same pattern starts with a literal space, which ``re`` finds with a fast scan, and it is
then tried only where a word follows a space. The few words that follow something else ("conference.called",
"(bp", "k/cr") are tried one by one with the plain pattern, so the result is the same match for match: same
starts, same ends, same groups, in the same order, without overlaps.

A pattern may be wrapped only when every match it can make starts with a word character right after a
non-word character (or at the start of the text); ``tests/core/test_coach_scan.py`` checks the wrapped
patterns against the plain ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lorforge.core.phrases import trie

# A word start that does not follow a space: "conference.called", "(bp", "k/cr", "m&m". It may also find places
# inside a word ("Ab", "é1"), where the plain pattern then finds nothing; it is written so for speed.
_ODD_START = re.compile(r"[^a-z0-9 ](?=\w)")
_RUN = re.compile(r"[\w&]+")
_ASCII_RUN = re.compile(r"[a-zA-Z0-9_&]+")  # the same in ASCII text, found faster
_ANCHOR = re.compile(r"(?<![\[\\])\^")
_LEADING_BOUNDARIES = (r"\b", r"(?<![\w&])")


def _without_leading_boundaries(source: str) -> str:
    """``source`` without the word-boundary check that opens each of its top-level alternatives.

    After a space, that check always holds (every match starts with a word character), and without it ``re`` can
    rule most alternatives out by their first letter.
    """
    out: list[str] = []
    depth, index, in_class, at_start = 0, 0, False, True
    while index < len(source):
        if at_start and depth == 0:
            boundary = next((b for b in _LEADING_BOUNDARIES if source.startswith(b, index)), None)
            if boundary:
                index += len(boundary)
                continue
        at_start = False
        char = source[index]
        if char == "\\":
            out.append(source[index : index + 2])
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            at_start = True
        out.append(char)
        index += 1
    return "".join(out)


def alternation(phrases: tuple[str, ...]) -> str:
    """A regex matching any of ``phrases``, longest first, as one group (``core.phrases.trie``)."""
    return "(?:" + trie(phrases) + ")"


class Text:
    """One text, prepared once for all the patterns run over it."""

    __slots__ = ("text", "spaced", "odd", "runs")

    def __init__(self, text: str) -> None:
        self.text = text
        self.spaced = " " + text
        self.odd = tuple(m.end() for m in _ODD_START.finditer(text))
        self.runs = frozenset(
            (_ASCII_RUN if text.isascii() else _RUN).findall(text)
        )  # the words, "&" included ("h&p"), for quick look-ups


class Hit:
    """A match of a ``WordPattern``, in the coordinates of the text (not of the spaced copy)."""

    __slots__ = ("_match", "_shift")

    def __init__(self, match: re.Match[str], shift: int) -> None:
        self._match = match
        self._shift = shift  # 1 when found in the spaced copy: group 1 is the pattern's whole match

    def start(self, group: int | str = 0) -> int:
        return self._match.start(group or self._shift) - self._shift

    def end(self, group: int | str = 0) -> int:
        return self._match.end(group or self._shift) - self._shift

    def group(self, group: int | str = 0) -> str:
        return self._match.group(group or self._shift)

    def groupdict(self) -> dict[str, str | None]:
        return self._match.groupdict()


class WordPattern:
    """A regex whose matches all start at the start of a word, run fast (see the module's docstring)."""

    __slots__ = ("regex", "_fast")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        # "^" is the start of the text, which in the spaced copy is the place right after the first space.
        source = _ANCHOR.sub(r"(?<=\\A )", _without_leading_boundaries(regex.pattern))
        self._fast = re.compile(" (" + source + ")", regex.flags)

    def search(self, text: Text, pos: int = 0, endpos: int | None = None) -> Hit | None:
        """The first match starting at or after ``pos``, as ``regex.search(text, pos, endpos)`` finds it."""
        end = len(text.text) if endpos is None else endpos
        # In the spaced copy, index i holds the character before text[i]: a word at i >= pos follows it.
        match = self._fast.search(text.spaced, pos, end + 1)
        start = match.start() if match else end + 1
        for odd in text.odd:
            if odd >= start:
                break
            if odd >= pos and (plain := self.regex.match(text.text, odd, end)):
                return Hit(plain, 0)
        return Hit(match, 1) if match else None

    def found(self, text: Text) -> bool:
        if self._fast.search(text.spaced):
            return True
        return any(self.regex.match(text.text, odd) for odd in text.odd)

    def iter(self, text: Text, endpos: int | None = None) -> Iterator[Hit]:
        """The matches one by one, as ``regex.finditer(text, 0, endpos)`` gives them."""
        pos = 0
        while hit := self.search(text, pos, endpos):
            yield hit
            pos = max(hit.end(), pos + 1)

    def findall(self, text: Text) -> list[str]:
        """The matched strings, as ``regex.findall(text)`` gives them for a pattern without groups."""
        fast = [(m.start(), m.end() - 1, m.group(1)) for m in self._fast.finditer(text.spaced)]
        if any(found.endswith(" ") for _, _, found in fast):
            # a match that ends in a space hides that space from the next word in the spaced copy
            return [hit.group() for hit in self.iter(text)]
        odd = [(m.start(), m.end(), m.group()) for q in text.odd if (m := self.regex.match(text.text, q))]
        if not odd:
            return [found for _, _, found in fast]
        kept: list[str] = []
        end = 0
        for start, stop, found in sorted(fast + odd):
            if start < end:
                if (start, stop, found) in fast:
                    # a spaced-copy match inside a plain one: the next ones may differ, go one by one
                    return [hit.group() for hit in self.iter(text)]
                continue
            kept.append(found)
            end = stop
        return kept

    def distinct(self, text: Text) -> set[str]:
        return set(self.findall(text))


class PlainPattern:
    """A regex that may start inside a word ("k4.1->5.0"), run as it is, with ``WordPattern``'s methods."""

    __slots__ = ("regex",)

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex

    def found(self, text: Text) -> bool:
        return self.regex.search(text.text) is not None

    def findall(self, text: Text) -> list[str]:
        return self.regex.findall(text.text)

    def distinct(self, text: Text) -> set[str]:
        return set(self.regex.findall(text.text))


class Phrases:
    """Whole-word phrases, longest first: ``(?<![\\w&])(?:longest|...|shortest)(?![\\w&])``, answered quickly.

    Most phrases are one word that no longer phrase contains ("sepsis", "huddle"): such a phrase is found exactly
    when the word is in the text, which a set look-up answers. The regex runs only for the others, and only when
    all the words of one of them are there.
    """

    __slots__ = ("pattern", "_single", "_rest", "_rest_words")

    def __init__(self, phrases: tuple[str, ...]) -> None:
        self.pattern = WordPattern(re.compile(r"(?<![\w&])" + alternation(phrases) + r"(?![\w&])"))
        runs = {phrase: _RUN.findall(phrase) for phrase in phrases}
        if any(not _RUN.match(phrase) for phrase in phrases):
            raise ValueError("every phrase starts with a word")
        inside = {run for phrase in phrases if len(runs[phrase]) > 1 for run in runs[phrase]}
        self._single = frozenset(p for p in phrases if runs[p] == [p] and p not in inside)
        rest = tuple(p for p in phrases if p not in self._single)
        self._rest = WordPattern(re.compile(r"(?<![\w&])" + alternation(rest) + r"(?![\w&])")) if rest else None
        self._rest_words = tuple(frozenset(runs[p]) for p in rest)

    def _rest_may_match(self, text: Text) -> bool:
        """Whether every word of one of the longer phrases is in the text; if not, none of them can match."""
        return any(words <= text.runs for words in self._rest_words)

    def found(self, text: Text) -> bool:
        if not self._single.isdisjoint(text.runs):
            return True
        return bool(self._rest and self._rest_may_match(text) and self._rest.found(text))

    def distinct(self, text: Text) -> set[str]:
        """``set(pattern.findall(text))``: a one-word phrase that no other phrase contains is never hidden inside
        a longer match, so the words found and the longer phrases found add up to the same set."""
        found = set(self._single.intersection(text.runs))
        if self._rest and self._rest_may_match(text):
            found.update(self._rest.findall(text))
        return found

    def findall(self, text: Text) -> list[str]:
        return self.pattern.findall(text)

    def iter(self, text: Text) -> Iterator[Hit]:
        return self.pattern.iter(text)


class AnyOf:
    """Several patterns read as one family: the distinct strings any of them finds."""

    __slots__ = ("patterns",)

    def __init__(self, *patterns: WordPattern | PlainPattern) -> None:
        self.patterns = patterns

    def found(self, text: Text) -> bool:
        return any(pattern.found(text) for pattern in self.patterns)

    def distinct(self, text: Text) -> set[str]:
        return set().union(*(pattern.distinct(text) for pattern in self.patterns))
