"""How fast the main pages answer for the demo account, against a bare page measured in the same run.

Usage: .venv/bin/python bench/bench_pages.py [--rounds N]
Runs on a throwaway SQLite database. Prints milliseconds per request and SQL
queries per page, and the ratio to /healthz/ (one query, no template). Exits 1
when a page is slower than BUDGET_MS, so a regression is visible in one run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

BUDGET_MS = 150  # per page, on the 2-core reference machine; a phone on hospital wifi adds its own latency


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    os.environ["LORFORGE_DATA_DIR"] = tempfile.mkdtemp(prefix="lorforge-bench-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lorforge.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from lorforge.demo import demo_load

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # as `lorforge serve` does
    demo = demo_load()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(demo.user)
    rotation = demo.user.rotations.order_by("-start_date").first()
    person = demo.user.people.first()
    pages = [
        "/healthz/",
        "/today/",
        f"/rotations/{rotation.pk}/",
        f"/rotations/{rotation.pk}/plan/",
        f"/people/{person.pk}/",
        "/evidence/",
        "/letters/",
    ]
    results = {}
    for url in pages:
        client.get(url)  # warm caches (templates, word lists)
        reset_queries()  # migrate and the demo filled the query log, which would hide new entries
        with CaptureQueriesContext(connection) as queries:
            status = client.get(url).status_code
        assert status == 200, url
        query_count = len(queries)  # now: the next request empties the log
        timings = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        results[url] = (statistics.median(timings), query_count)
    baseline = results["/healthz/"][0]
    print(f"{'page':32} {'median ms':>10} {'x bare':>8} {'queries':>8}")
    slow = []
    for url, (ms, count) in results.items():
        print(f"{url:32} {ms:10.1f} {ms / baseline:8.1f} {count:8d}")
        if ms > BUDGET_MS:
            slow.append(url)
    if slow:
        print(f"Over the {BUDGET_MS} ms budget: {', '.join(slow)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
