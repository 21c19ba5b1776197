"""Word lists the detectors consult, loaded once on first use and cached.

Everything ships with the package: given names and surnames in ``lorforge/data/``
(a frozen copy of Faker's person providers, about 80 locales; licence in the README
there), an English word list (SCOWL, see the notice in the file) and our own small
lists in ``data/`` here. Nothing is fetched or collected at run time.

All lookups go through :func:`word_flags`, which returns a bit set for a word.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from importlib import resources

from lorforge.core.phrases import trie

# Bits returned by word_flags().
FIRST = 1  # a given name somewhere in the world
LAST = 2  # a surname
ENGLISH = 4  # an ordinary English word (lower case), unless listed in names_over_words.txt
CLINICAL = 8  # department, role, institution, software, journal, language, calendar word ...
DRUG = 16
EPONYM = 32  # always an eponym unless a strong cue says "person"
EPONYM_IF_HEAD = 64  # an eponym only when a head noun follows ("Murphy's sign")
REGION = 128  # country, US state, continent: never an identifier
CITY = 256  # a large city: not a name on its own; an address when a patient lives there
COMMON = 512  # in the English word list, even when names_over_words.txt makes it a name ("Bill", "Max")


def fold(word: str) -> str:
    """Lower case, accents stripped, typographic apostrophe made plain: "Nguyễn" -> "nguyen"."""
    word = word.lower().replace("’", "'")
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return (
        "".join(c for c in decomposed if not unicodedata.combining(c))
        .replace("đ", "d")
        .replace("ø", "o")
        .replace("ł", "l")
    )


def word_flags(word: str) -> int:
    """Bit set for one word (any case, possessive already removed); 0 when unknown."""
    flags = _seen.get(word)
    if flags is None:
        exact, folded = _tables()
        flags = exact.get(word.lower().replace("’", "'"))
        if flags is None:  # "Nguyen" typed without accents still finds "Nguyễn"
            flags = folded.get(fold(word), 0)
        if not flags and "-" in word.strip("-"):
            flags = _hyphenated_name(word)
        if not word.isascii():
            flags &= ~ENGLISH  # "Văn" is a name, not the English "van"
        if len(_seen) < 200_000:  # words seen so far; bounded so a huge odd input cannot grow it forever
            _seen[word] = flags
    return flags


_seen: dict[str, int] = {}


def _hyphenated_name(word: str) -> int:
    """ "Maria-José", "O'Neil-Brady": a name when every part is a name."""
    parts = [word_flags(part) for part in word.split("-") if part]
    if parts and all(p & (FIRST | LAST) for p in parts):
        return (FIRST if parts[0] & FIRST else 0) | (LAST if parts[-1] & LAST else 0) or FIRST
    return 0


def _data_lines(name: str) -> list[str]:
    text = resources.files("lorforge.core.privacy").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _words(lines: list[str]) -> set[str]:
    return {word for line in lines for word in line.split()}


def _english_words() -> set[str]:
    raw = resources.files("lorforge.core.privacy").joinpath("data", "english_words.txt.gz").read_bytes()
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def _packaged_names() -> tuple[set[str], set[str]]:
    """Given names and surnames shipped in ``lorforge/data`` (a frozen copy of Faker's lists, see its README)."""
    return _gz_words("given_names.txt.gz"), _gz_words("surnames.txt.gz")


def _gz_words(name: str) -> set[str]:
    raw = resources.files("lorforge").joinpath("data", name).read_bytes()
    return {line for line in gzip.decompress(raw).decode("utf-8").splitlines() if line and not line.startswith("#")}


@cache
def _tables() -> tuple[dict[str, int], dict[str, int]]:
    """(flags by lower-case word, flags by accent-free word). Kept apart so that a folded name
    ("Thế" -> "the") never marks an English word as a name."""
    exact: dict[str, int] = {}
    folded: dict[str, int] = {}

    def mark(words: set[str] | list[str], bit: int) -> None:
        for word in words:
            key = word.lower().replace("’", "'")
            exact[key] = exact.get(key, 0) | bit
            loose = fold(word)
            folded[loose] = folded.get(loose, 0) | bit

    first, last = _packaged_names()
    mark(first, FIRST)
    mark(last, LAST)
    overrides = {fold(w) for w in _words(_data_lines("names_over_words.txt"))}
    english = _english_words()
    mark([w for w in english if w not in overrides], ENGLISH)
    mark([w for w in overrides if w in english], COMMON)
    mark(_words(_data_lines("everyday_words.txt")), COMMON)
    mark(overrides, FIRST)
    mark(_words(_data_lines("clinical_terms.txt")), CLINICAL)
    mark(_words(_data_lines("drugs.txt")), DRUG)
    always, in_context = _eponyms()
    mark(always, EPONYM)
    mark(in_context, EPONYM_IF_HEAD)
    for name, bit in (("regions.txt", REGION), ("cities.txt", CITY)):
        mark({entry for entry in _entries(name) if " " not in entry}, bit)
    return exact, folded


def _entries(name: str) -> list[str]:
    """Comma-separated entries of a place list ("New Jersey, Ohio, ...")."""
    return [entry.strip() for line in _data_lines(name) for entry in line.split(",") if entry.strip()]


@cache
def place_phrases() -> dict[str, int]:
    """Every place entry, folded, including multi-word ones: "jersey city" -> CITY."""
    places: dict[str, int] = {}
    for name, bit in (("regions.txt", REGION), ("cities.txt", CITY)):
        for entry in _entries(name):
            places[fold(entry)] = places.get(fold(entry), 0) | bit
    return places


@cache
def city_entries() -> tuple[str, ...]:
    """The large cities as listed ("Houston", "San Antonio")."""
    return tuple(_entries("cities.txt"))


@cache
def institution_phrases() -> frozenset[str]:
    """Folded names of hospitals that look like people or places: "beth israel", "henry ford"."""
    return frozenset(fold(entry) for entry in _entries("institutions.txt"))


def _eponyms() -> tuple[set[str], set[str]]:
    """(always eponyms, eponyms only before a head noun); the file marks where the second list starts."""
    text = resources.files("lorforge.core.privacy").joinpath("data", "eponyms.txt").read_text(encoding="utf-8")
    always_part, _, context_part = text.partition("## in-context-only")
    always = _words([line for line in always_part.splitlines() if not line.startswith("#")])
    in_context = _words([line for line in context_part.splitlines() if not line.startswith("#")])
    context_keys = {fold(w) for w in in_context}
    for entry in list(always):
        if "-" in entry:  # "Stevens-Johnson": the parts count too, unless a part is a common surname
            always.update(p for p in entry.split("-") if fold(p) not in context_keys and len(p) > 2)
    return always, in_context


# A character before which a word starts (\W, written out: a positive class lets the engine skip ahead fast).
_WORD_START_BEFORE = r"[\s!-/:-@\[-^`{-~—–…«»“”‘’•·]"


class WordFinder:
    """Whole words or phrases of a list in a lower-case text, as (start, end, phrase): the same as
    ``re.finditer(word_alternation(phrases), low)``, about twice as fast, because the expression starts with
    the character before the word (a space, mostly) rather than with a word boundary."""

    def __init__(self, phrases: list[str], *, end: str = r"\b") -> None:
        body = trie(phrases)
        self._first = re.compile(rf"(?:{body}){end}")
        self._inside = re.compile(rf"{_WORD_START_BEFORE}(?P<w>{body}){end}")

    def finditer(self, low: str) -> Iterator[tuple[int, int, str]]:
        first = self._first.match(low)
        if first:
            yield 0, first.end(), first.group()
        for m in self._inside.finditer(low, first.end() if first else 0):
            yield m.start("w"), m.end("w"), m.group("w")


_PHRASE_WORDS = re.compile(r"[^\s'’]+")  # the words of a phrase, "son's" being "son" and "s"


class WordLists:
    """Several lists of words and phrases, found in one pass over a lower-case text (one pass costs about as much
    as one list's). ``find(low)[name]`` gives the hits of list ``name`` as (start, end, phrase), as
    ``WordFinder(lists[name]).finditer(low)`` would, except inside a longer phrase of another list."""

    def __init__(self, lists: dict[str, list[str]]) -> None:
        phrases = sorted({phrase for words in lists.values() for phrase in words})
        self._finder = WordFinder(phrases)
        self._names = tuple(lists)
        # For each phrase: the lists it starts with a phrase of, and how many words that phrase has
        # ("daughter lives" is a phrase of one list and starts with "daughter", a phrase of another).
        self._parts: dict[str, tuple[tuple[str, int], ...]] = {}
        for phrase in phrases:
            parts = []
            for name, words in lists.items():
                prefixes = [w for w in words if phrase == w or (phrase.startswith(w) and phrase[len(w)] in " '’")]
                if prefixes:
                    parts.append((name, max(len(_PHRASE_WORDS.findall(w)) for w in prefixes)))
            self._parts[phrase] = tuple(parts)

    def find(self, low: str) -> dict[str, list[tuple[int, int, str]]]:
        found: dict[str, list[tuple[int, int, str]]] = {name: [] for name in self._names}
        for start, end, text in self._finder.finditer(low):
            words = _PHRASE_WORDS.findall(text)
            for name, count in self._parts[" ".join(text.split())]:  # "son's": its first word is "son"
                if count == len(words):
                    found[name].append((start, end, text))
                else:  # the first words only: their end in the text
                    part_end = start
                    for word in _PHRASE_WORDS.findall(text)[:count]:
                        part_end = low.index(word, part_end) + len(word)
                    found[name].append((start, part_end, low[start:part_end]))
        return found


def word_alternation(phrases: list[str]) -> str:
    """A regular expression for any of ``phrases`` (literal words, one space between words) as whole words,
    shaped as a trie so that the engine tries one branch per letter instead of every phrase in turn.

    Capitalised phrases ("Bay", "Heights") are rare in a text: the expression then starts with a character
    class of their first letters, which the engine scans for quickly. Lower-case ones start at a word boundary."""
    by_first: dict[str, list[str]] = {}
    for phrase in phrases:
        by_first.setdefault(phrase[0], []).append(phrase[1:])
    firsts = "".join(re.escape(c) for c in sorted(by_first))
    if all(c.isupper() for c in by_first):
        branches = "|".join(f"(?<={re.escape(c)}){trie(rests)}" for c, rests in sorted(by_first.items()))
        return rf"[{firsts}](?<!\w[{firsts}])(?:{branches})\b"
    return rf"(?=[{firsts}])\b(?:{trie(list(phrases))})\b"
