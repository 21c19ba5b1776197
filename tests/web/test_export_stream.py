"""The export zip is written as it is handed on, from plain rows read once per table (issue 13)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import json
import os
import sys
import zipfile
from pathlib import Path

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st

from lorforge.accounts.portability import DATA_NAME, export_data, export_stream, export_zip, import_zip, json_text

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 17, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _bench_user(email: str, entries: int):
    path = Path(__file__).resolve().parents[2] / "bench" / "data.py"
    spec = importlib.util.spec_from_file_location("lorforge_bench_data", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module.build_user(email=email, entries=entries, today=NOW.date())[0]


def test_the_zip_comes_in_pieces_and_holds_the_same_json_and_files():
    from lorforge import demo

    user = demo.demo_load(today=NOW.date()).user
    pieces = list(export_stream(user=user))
    data = b"".join(pieces)
    document, files = export_data(user=user)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        text = archive.read(DATA_NAME).decode()
        assert json.loads(text) == document
        assert text == "".join(json_text(document))  # one record a line (json_text's shape, tested below)
        assert {name: archive.read(name) for name in archive.namelist() if name != DATA_NAME} == files
    assert files, "the demo's uploaded CV travels in the zip"
    assert data == export_zip(user=user)  # the same zip, in one piece


def test_a_large_account_streams_in_many_pieces_and_reads_back(django_assert_max_num_queries):
    from lorforge.accounts import portability
    from lorforge.accounts.services import user_sign_up
    from lorforge.evidence.models import Story

    user = _bench_user("big-export@example.com", entries=2000)
    stories = list(Story.objects.filter(user=user))
    for story in stories:  # texts that do not compress to nothing, as real ones would not
        story.text = os.urandom(400).hex()
    Story.objects.bulk_update(stories, ["text"])
    models = portability.exported_models()
    tables = len(models) + sum(len(m._meta.many_to_many) for m in models)
    with django_assert_max_num_queries(tables):  # one query per table, whatever the number of rows
        pieces = export_stream(user=user)
    with django_assert_max_num_queries(0):  # read already: the zip is written as it is handed on
        pieces = list(pieces)
    assert len(pieces) > 3 and all(len(p) < 2 * portability.STREAM_CHUNK for p in pieces)
    target = user_sign_up(email="big-copy@example.com", password="x-long-password-1")
    counts = import_zip(user=target, data=b"".join(pieces))
    assert counts["evidence.story"] == 1200 and counts["evidence.task"] == 300


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@given(
    st.dictionaries(
        st.text(max_size=10),
        _JSON_VALUES,
        max_size=4,
    ),
    st.dictionaries(st.text(max_size=10), st.lists(st.dictionaries(st.text(max_size=8), _JSON_VALUES), max_size=4)),
)
def test_the_exported_json_reads_back_as_the_document_whatever_it_holds(fields, tables):
    """One record a line, written piece by piece: still exactly the document, keys sorted."""
    document = {**fields, "records": tables}
    text = "".join(json_text(document))
    assert json.loads(text) == document
    assert text == "".join(json_text(json.loads(text)))  # the same text for the same document
    lines = text.split("\n")  # JSON escapes a newline inside a string; other line breaks stay as they are
    for rows in tables.values():  # one record a line, whole, so a person can read and diff an export
        for row in rows:
            assert any(json.loads(line.strip().rstrip(",")) == row for line in lines if line.startswith("      {"))
