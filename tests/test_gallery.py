"""The gallery (scripts/gallery.py): every script, email and helper for a matrix of rotations and names.

The tests run the reduced matrix (every specialty, kind, setting and name still appears) and check the
invariants on every item; ``make gallery`` runs the full matrix and writes build/gallery/.
"""

from __future__ import annotations

import io
from datetime import date
from email import policy
from email.parser import BytesParser

from pypdf import PdfReader


def test_the_matrix_covers_every_specialty_kind_setting_and_name(gallery):
    combos = gallery.combos(small=True)
    assert {c.specialty for c in combos} == set(gallery.SPECIALTIES)
    assert {c.kind for c in combos} == set(gallery.KINDS)
    assert {c.setting for c in combos} == set(gallery.SETTINGS)
    assert {c.writer for c in combos} == set(gallery.WRITERS)
    assert {c.applicant for c in combos} == set(gallery.APPLICANTS)
    assert len(gallery.combos()) == len(gallery.SPECIALTIES) * len(gallery.KINDS) * len(gallery.SETTINGS)


def test_every_item_keeps_every_invariant(gallery, gallery_items):
    assert {i.kind for i in gallery_items} == {"script", "pre-ask", "email", "helper"}
    broken = {f"{i.section} · {i.title}": gallery.problems(i) for i in gallery_items if gallery.problems(i)}
    assert not broken, broken


def test_every_helper_pdf_is_one_page_without_a_generic_story(gallery, gallery_items):
    helpers = [i for i in gallery_items if i.kind == "helper"]
    assert helpers
    for item in helpers:
        assert len(PdfReader(io.BytesIO(item.pdf)).pages) == 1, item.section
        for generic in gallery.GENERIC_STORIES:
            assert generic not in item.text.split("(Shown to the applicant")[0]
        assert any(generic in x.text for x in item.helper.left_out for generic in gallery.GENERIC_STORIES)


def test_every_eml_parses_and_goes_to_the_typed_address(gallery_items):
    emls = [i for i in gallery_items if i.eml]
    assert emls
    for item in emls:
        msg = BytesParser(policy=policy.default).parsebytes(item.eml)
        assert [a.addr_spec for a in msg["To"].addresses] == [item.writer.email], item.title
        assert msg["X-Unsent"] == "1"


def test_the_invariants_catch_what_they_are_for(gallery):
    from lorforge.core.records import Person

    writer = Person("Sarah Smith, MD", email="sarah@example.org")
    bad = gallery.Item(
        "s",
        "script",
        "t",
        "Dear Dr. Sarah Smith,\nKeep it under 2 minutes.. Thanks\nPlease send it by Jan 3, 2026. [your specialty]",
        date(2026, 2, 1),
        writer,
    )
    found = " ".join(gallery.problems(bad))
    for words in ("salutation", "doubled", "past date", "placeholder", "full name"):
        assert words in found


def test_make_gallery_writes_the_page_and_the_files(gallery, tmp_path):
    built = gallery.build(date(2026, 11, 24), small=True, out=tmp_path)  # the day `make gallery` uses
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "LORforge gallery" in page and "Dear Dr. Smith," in page
    assert len(list((tmp_path / "pdf").glob("*.pdf"))) == sum(1 for i in built if i.pdf)
    assert len(list((tmp_path / "eml").glob("*.eml"))) == sum(1 for i in built if i.eml)
