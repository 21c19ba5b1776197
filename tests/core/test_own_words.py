"""Own words: no run of eight consecutive words of the playbook appears in the source or in anything generated.

Facts and rules carry over from the playbook; its sentences do not. Words are compared case-insensitively with
punctuation ignored (an apostrophe joins: "I'm" is "im"), so a copied sentence cannot hide behind a changed
comma or curly quote.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLAYBOOK = ROOT.parent / "shared" / "seed" / "usce-to-lor-playbook.txt"
RUN = 8


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"['’‘`]", "", text)
    return re.findall(r"[^\W_]+", text)


def runs(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + RUN]) for i in range(len(w) - RUN + 1)}


@pytest.fixture(scope="module")
def playbook_runs() -> set[tuple[str, ...]]:
    if not PLAYBOOK.is_file():
        pytest.skip(f"the playbook is not at {PLAYBOOK}")
    return runs(PLAYBOOK.read_text(encoding="utf-8"))


def copied(text: str, playbook_runs) -> list[str]:
    return sorted(" ".join(r) for r in runs(text) & playbook_runs)


def test_the_comparison_ignores_case_and_punctuation(playbook_runs):
    sample = "IF YOUR attending can't — recall at least 3 specific things you did well!"
    assert copied(sample, playbook_runs)
    assert not copied("If your attending remembers three things you did, good.", playbook_runs)


def test_no_source_file_repeats_the_playbook(playbook_runs):
    sources = [p for p in (ROOT / "src").rglob("*") if p.suffix in (".py", ".html") and p.is_file()]
    assert sources
    found = {
        str(p.relative_to(ROOT)): hits
        for p in sources
        if (hits := copied(p.read_text(encoding="utf-8"), playbook_runs))
    }
    assert not found, found


def test_nothing_generated_repeats_the_playbook(playbook_runs, gallery_items):
    found = {f"{i.section} · {i.title}": hits for i in gallery_items if (hits := copied(i.text, playbook_runs))}
    assert not found, found
