"""Queries per page (issue 13): at most 12 on every page, and the same number at 10 and at 500 entries.

Each page reads one kind of row in one query for the whole page (prefetch, plain rows, subqueries for counts)
and passes what it has read down: nothing is read once per entry, per person or per letter, nor twice.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

import pytest

from lorforge import clock

MAX_QUERIES = 12  # the target for every signed-in page and download (BENCHMARKS.md)
REQUEST_QUERIES = 3  # the session, the user and the profile (the user's time zone): every signed-in request


def _bench_data():
    path = Path(__file__).resolve().parents[2] / "bench" / "data.py"
    spec = importlib.util.spec_from_file_location("lorforge_bench_data", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


def _pages(user, rotation, team) -> list[str]:
    writer = team[0].writer
    return [
        "/today/",
        f"/rotations/{rotation.pk}/",
        f"/rotations/{rotation.pk}/plan/",
        f"/rotations/{rotation.pk}/today/",
        "/evidence/",
        "/evidence/?page=2",
        f"/people/{team[0].pk}/",
        "/letters/",
        f"/letters/writers/{writer.pk}/",
        "/settings/export/",
        "/settings/export/?download=1",
    ]


def _export_ceiling() -> int:
    """The zip reads each exported table once and each many-to-many link table once, and nothing else."""
    from lorforge.accounts.portability import exported_models

    models = exported_models()
    return REQUEST_QUERIES + len(models) + sum(len(m._meta.many_to_many) for m in models)


def _ceiling(url: str) -> int:
    return _export_ceiling() if url.endswith("download=1") else MAX_QUERIES


def _count(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # the first request fills per-process caches (sessions, word lists)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def test_queries_per_page_do_not_grow_with_the_entries(client, db):
    """Every page runs the same number of queries at 500 entries as at 10 (page 2 of the evidence list is
    empty at 10 entries: it is held to the ceiling only)."""
    data = _bench_data()
    small = data.build_user(email="q10@example.com", entries=10, today=clock.today())
    client.force_login(small[0])
    at_ten = [_count(client, url) for url in _pages(*small)]
    big = data.build_user(email="q500@example.com", entries=500, today=clock.today())
    client.force_login(big[0])
    at_500 = [_count(client, url) for url in _pages(*big)]
    grew = {
        url: (ten, many)
        for url, ten, many in zip(_pages(*big), at_ten, at_500, strict=True)
        if many > (_ceiling(url) if "page=" in url else ten)
    }
    assert not grew, f"queries at 10 → 500 entries: {grew}"


@pytest.mark.parametrize("entries", [10, 500])
def test_each_page_stays_under_its_query_ceiling(client, db, entries, django_assert_max_num_queries):
    user, rotation, team = _bench_data().build_user(
        email=f"c{entries}@example.com", entries=entries, today=clock.today()
    )
    client.force_login(user)
    for url in _pages(user, rotation, team):
        client.get(url)
        with django_assert_max_num_queries(_ceiling(url), info=url):
            response = client.get(url)
        assert response.status_code == 200, url


def test_the_export_reads_each_table_once(client, db):
    """One query per table (about 17) and per link table, at any size: the one page above 12."""
    assert _export_ceiling() <= 24


# The page of a writer who said yes also shows the helper's left-out entries and the privacy review of its sources
# (both from one reading of the helper's entries: letters.services.helper_for), the ERAS card and the private page
# card; the helper download builds the same helper. Both are held to the same target.
AGREED_WRITER_PAGES = ("", "helper.pdf?go=1")


@pytest.mark.parametrize("entries", [10, 500])
def test_an_agreed_writers_pages_do_not_grow_with_the_entries(client, db, entries, django_assert_max_num_queries):
    today = clock.today()
    user, rotation, team = _bench_data().build_user(
        email=f"a{entries}@example.com", entries=entries, today=today, agreed=True
    )
    writer = team[0].writer
    client.force_login(user)
    for page in AGREED_WRITER_PAGES:
        url = f"/letters/writers/{writer.pk}/{page}"
        client.get(url)
        with django_assert_max_num_queries(MAX_QUERIES, info=url):
            assert client.get(url).status_code == 200, url


def _second_rotation(user, today):
    """Another rotation running today, besides the one the bench's user has."""
    from lorforge.rotations.services import rotation_create

    return rotation_create(
        user=user,
        site="County Clinic",
        specialty="Family Medicine",
        kind="clerkship",
        setting="outpatient",
        start_date=today - dt.timedelta(days=3),
        end_date=today + dt.timedelta(days=24),
        attending_name="Dr. Omar Haddad",
    )


def test_today_reads_each_kind_of_row_once_for_every_current_rotation(client, db):
    """A second current rotation adds only the query that lists its team in the story capture form."""
    data = _bench_data()
    today = clock.today()
    user, rotation, team = data.build_user(email="two@example.com", entries=50, today=today)
    client.force_login(user)
    one = _count(client, "/today/")
    _second_rotation(user, today)
    assert _count(client, "/today/") == one + 1


@pytest.mark.parametrize("limit", [1, 3, 50])
def test_the_first_rows_of_one_rotation_are_the_same_alone_or_with_others(db, limit):
    """Today reads each rotation's first rows with a window over several rotations, or with a plain LIMIT for one:
    both give a rotation the same rows in the same order, and no more than ``limit``."""
    from lorforge.evidence.models import Task
    from lorforge.evidence.selectors import first_per_rotation

    data = _bench_data()
    today = clock.today()
    user, rotation, _ = data.build_user(email="rows@example.com", entries=60, today=today)
    other = _second_rotation(user, today)
    for text in ("Call the family", "Write the discharge note", "Follow up the echo", "Chase the MRI"):
        Task.objects.create(user=user, rotation=rotation, day=today, text=text)
        Task.objects.create(user=user, rotation=other, day=today, text=text)
    order = ("day", "created_at", "id")
    every = list(Task.objects.filter(rotation=rotation, day=today).order_by(*order))
    assert len(every) > 3

    alone = first_per_rotation(Task.objects.filter(day=today), ids=[rotation.pk], order_by=order, limit=limit)
    both = first_per_rotation(Task.objects.filter(day=today), ids=[rotation.pk, other.pk], order_by=order, limit=limit)

    assert alone == {rotation.pk: every[:limit]}
    assert both[rotation.pk] == every[:limit]
    assert [t.text for t in both[other.pk]] == [t.text for t in other.tasks.filter(day=today).order_by(*order)][:limit]
    assert (
        first_per_rotation(
            Task.objects.filter(day=today + dt.timedelta(days=400)), ids=[rotation.pk], order_by=order, limit=limit
        )
        == {}
    )


def test_the_helper_reads_a_bounded_choice_of_entries(db):
    """The helper is made of the writer's best specific stories, chosen in the query, not every story."""
    from lorforge.evidence.selectors import HELPER_ROWS, helper_stories

    today = clock.today()
    user, rotation, team = _bench_data().build_user(email="helper@example.com", entries=500, today=today)
    chosen = helper_stories(user=user, person=team[0], rotation=rotation)
    assert len(chosen) == HELPER_ROWS
    assert all(story.specific for story in chosen)  # 60% of the bench's stories are specific: the generic wait
    seen = [team[0].pk in {p.pk for p in story.witnesses.all()} for story in chosen]
    assert seen == sorted(seen, reverse=True)  # what the writer saw first


def test_the_evidence_list_is_cut_in_the_query_with_a_way_to_the_rest(client, db):
    user, rotation, team = _bench_data().build_user(email="pages@example.com", entries=500, today=clock.today())
    client.force_login(user)
    first = client.get("/evidence/").content.decode()
    assert "Page 1 of" in first and "page=2" in first
    assert first.count('class="coach-note"') + first.count("badge-ok") <= 3 * 25 + 5  # one page, not 300 stories
    last = client.get("/evidence/?page=12").content.decode()
    assert "Page 12 of 12" in last and "page=11" in last


@pytest.mark.parametrize("kind", ["clerkship", "observership"])
def test_the_meters_counted_in_the_query_agree_with_the_meters_made_from_every_story(db, kind):
    """The rotation page's meters and warnings are counted in the query (evidence.selectors._witnessed_by): the
    same meter, next step and flags as the core makes from every story and every feedback as records."""
    from lorforge.core import strength
    from lorforge.evidence.models import Feedback, Story
    from lorforge.evidence.selectors import team_evidence
    from lorforge.rotations.models import Rotation

    today = clock.today()
    user, rotation, team = _bench_data().build_user(email=f"meter-{kind}@example.com", entries=300, today=today)
    Rotation.objects.filter(pk=rotation.pk).update(kind=kind)
    rotation.refresh_from_db()
    rows = list(Story.objects.filter(user=user).prefetch_related("witnesses"))
    stories = [s.to_record() for s in rows]
    feedback = [f.to_record() for f in Feedback.objects.filter(user=user).select_related("giver")]
    assert any(s.specific and not s.visible for s in stories) and any(not s.specific for s in stories)
    evidence = team_evidence(rotation=rotation, today=today)
    assert evidence.strengths
    for person, meter in evidence.strengths:
        offers = sum(s.help_offer for s in rows if person in s.witnesses.all())
        expected = strength.writer_strength(
            person=person.to_record(),
            stories=stories,
            feedback=feedback,
            today=today,
            rotation=rotation.to_record(),
            help_offers=offers,
        )
        assert meter == expected, person.name
    expected_flags = strength.team_flags(
        people=[p.to_record() for p in rotation.people.all()],
        stories=[s.to_record() for s in rows if s.rotation_id == rotation.pk],
        feedback=[f for f, row in zip(feedback, Feedback.objects.filter(user=user)) if row.rotation_id == rotation.pk],
        rotation=rotation.to_record(),
        today=today,
    )
    assert evidence.flags == expected_flags
