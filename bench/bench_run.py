"""Issue 13's benchmark: every signed-in page and download against a signed-in baseline view, same run.

Usage: bench/run [--full] [--rounds N]      (under a minute; --full adds 5,000 entries, a minute more)
       bench/run --postgres [--others N]    (about 3 minutes)
       bench/run --load [--seconds S]       (about 2 minutes)
       bench/run --startup                  (about 20 seconds; also part of the default run)
By default: builds users with 10 and 500 entries (and 5,000 with --full) on a throwaway SQLite database, signs
in, and for each page prints the median and p95 time as a ratio to the baseline view (a signed-in view that
renders a three-line template, mounted only in bench's own URLconf), and the queries. Then the privacy guard
and the coach in MB/s on one core, start-up (`lorforge plan --json` against `import django`), and the time
from starting `lorforge serve` to its first answer (the same as --startup).
--postgres: the same pages on a throwaway PostgreSQL server, empty and then with 10,000 other users holding
realistic data, as a ratio of the two (bench_pg.py). --load and --startup: the app under gunicorn on
127.0.0.1 (bench_load.py). Each option runs only its own part; they can be combined.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def _percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def _time(client, url, rounds):
    client.get(url)
    out = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(url)
        out.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(out), _percentile(out, 0.95)


def build(sizes, today) -> list[dict]:
    """For each size, a signed-in client for a user with that many entries (and one whose attending said yes),
    and the URLs to measure."""
    import data
    from django.test import Client

    setups = []
    for n in sizes:
        user, rotation, team = data.build_user(email=f"bench{n}@example.com", entries=n, today=today)
        agreed = data.build_user(email=f"agreed{n}@example.com", entries=n, today=today, agreed=True)
        client, agreed_client = Client(HTTP_HOST="127.0.0.1"), Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        agreed_client.force_login(agreed[0])
        writer = agreed[2][0].writer.pk
        urls = {
            "baseline": "/bench/baseline/",
            "today": "/today/",
            "rotation": f"/rotations/{rotation.pk}/",
            "rotation's day": f"/rotations/{rotation.pk}/today/",
            "plan timeline": f"/rotations/{rotation.pk}/plan/",
            "evidence": "/evidence/",
            "person": f"/people/{team[0].pk}/",
            "letters": "/letters/",
            "writer (candidate)": f"/letters/writers/{team[0].writer.pk}/",
            "writer (agreed)": ("agreed", f"/letters/writers/{writer}/"),
            "helper PDF": ("agreed", f"/letters/writers/{writer}/helper.pdf?go=1"),  # made for a writer who said yes
            "export check": "/settings/export/",
            "JSON export": "/settings/export/?download=1",
        }
        setups.append({"n": n, "client": client, "agreed_client": agreed_client, "urls": urls})
    return setups


def measure(setups, rounds) -> dict[str, list]:
    """{page: [(median ms, p95 ms, queries) or an error text, one per size]}."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    results: dict[str, list] = {}
    for setup in setups:
        for name, url in setup["urls"].items():
            who = setup["agreed_client"] if isinstance(url, tuple) else setup["client"]
            url = url[1] if isinstance(url, tuple) else url
            try:
                med, p95 = _time(who, url, rounds if "export" not in name else max(5, rounds // 4))
                with CaptureQueriesContext(connection) as q:
                    who.get(url)
                results.setdefault(name, []).append((med, p95, len(q)))
            except AssertionError as exc:
                results.setdefault(name, []).append(f"error {exc.args[0][1]}")
    return results


def pages(args) -> None:
    from django.test.utils import override_settings

    from lorforge import clock

    sizes = [10, 500] + ([5000] if args.full else [])
    print(f"{'page':34} " + " ".join(f"{f'{n} med×':>9} {'p95×':>6} {'q':>3}" for n in sizes))
    with override_settings(ROOT_URLCONF="bench_urls", DEBUG=False):
        results = measure(build(sizes, clock.today()), args.rounds)
    for name, cells in results.items():
        row = []
        for cell, base in zip(cells, results["baseline"], strict=True):
            row.append(
                f"{cell:>20}"
                if isinstance(cell, str)
                else f"{cell[0] / base[0]:9.1f} {cell[1] / base[0]:6.1f} {cell[2]:3d}"
            )
        print(f"{name:34} " + " ".join(row))
    print(f"{'(baseline ms)':34} " + " ".join(f"{b[0]:9.2f} {b[1]:6.2f} {'':3}" for b in results["baseline"]))


def pages_postgres(args) -> None:
    """The page table on PostgreSQL, empty and with 10,000 other users, measured side by side: the database is
    copied once the bench's users exist, the others are added to the copy, and the requests alternate between
    the two (the 'default' connection is swapped), so that load from elsewhere falls on both alike. Prints each
    page's median with the others over its median without (target ≤ 1.1), and what the slow queries read."""
    import bench_pg
    from django.db import connection, connections
    from django.test.utils import CaptureQueriesContext, override_settings

    from lorforge import clock

    sizes = [10, 500] + ([5000] if args.full else [])
    today = clock.today()
    results: dict[str, list] = {}
    with override_settings(ROOT_URLCONF="bench_urls", DEBUG=False):
        setups = build(sizes, today)
        bench_pg.analyze()
        states = {"empty": connections["default"], "others": bench_pg.copy_database()}
        connections["default"] = states["others"]
        start = time.perf_counter()
        rows = bench_pg.add_other_users(args.others, today)
        print(f"added {args.others:,} other users ({rows:,} rows) to the copy in {time.perf_counter() - start:.0f} s")
        for setup in setups:
            for name, url in setup["urls"].items():
                who = setup["agreed_client"] if isinstance(url, tuple) else setup["client"]
                url = url[1] if isinstance(url, tuple) else url
                rounds = args.rounds if "export" not in name else max(5, args.rounds // 4)
                times: dict[str, list[float]] = {state: [] for state in states}
                try:
                    for round_ in range(rounds + 1):  # the first round warms both
                        for state, wrapper in states.items():
                            connections["default"] = wrapper
                            start = time.perf_counter()
                            status = who.get(url).status_code
                            assert status == 200, (url, status)
                            if round_:
                                times[state].append((time.perf_counter() - start) * 1000)
                    with CaptureQueriesContext(connection) as queries:  # on the copy with the other users
                        who.get(url)
                    queries = queries.captured_queries  # now: the next request empties the log
                    cell = (statistics.median(times["empty"]), statistics.median(times["others"]), queries)
                except AssertionError as exc:
                    cell = f"error {exc.args[0][1]}"
                results.setdefault(name, []).append(cell)
    print(f"{'page':34} " + " ".join(f"{f'{n}: empty ms':>13} {'others ms':>9} {'ratio':>6} {'q':>3}" for n in sizes))
    misses = []
    for name, cells in results.items():
        row = []
        for n, cell in zip(sizes, cells, strict=True):
            if isinstance(cell, str):
                row.append(f"{cell:>34}")
                continue
            ratio = cell[1] / cell[0]
            row.append(f"{cell[0]:13.2f} {cell[1]:9.2f} {ratio:6.2f} {len(cell[2]):3d}")
            if ratio > 1.1:
                misses.append((f"{name}, {n} entries", cell[2]))
        print(f"{name:34} " + " ".join(row))
    print("ratio: median with the other users / median without them, requests alternating (target ≤ 1.1); q: queries")
    for name, queries in misses:
        scans = bench_pg.table_scans(queries)
        print(f"{name}: {len(scans)} slow queries or large reads" + "".join(f"\n    {s}" for s in scans))
    from lorforge.accounts.models import User

    with CaptureQueriesContext(connection) as queries:  # log-in, sign-up and the CLI find an account this way
        User.objects.get_by_natural_key(f"Other{args.others // 2}@Example.org")
    print("log-in's case-insensitive email lookup: " + "; ".join(bench_pg.table_scans(queries.captured_queries, 0)))
    connections["default"] = states["empty"]
    states["others"].close()


def throughput() -> None:
    import data

    from lorforge.core import coach, privacy

    text = " ".join(data.STORY_TEXTS) * 4
    mb = len(text.encode()) / 1e6
    for name, fn in (
        ("privacy guard", lambda: privacy.find_phi(text)),
        ("coach", lambda: coach.assess(text[: coach.MAX_CHARS])),
    ):
        size = mb if name == "privacy guard" else len(text[: coach.MAX_CHARS].encode()) / 1e6
        fn()
        start, count = time.perf_counter(), 0
        while time.perf_counter() - start < 2:
            fn()
            count += 1
        print(f"{name:34} {size * count / (time.perf_counter() - start):9.2f} MB/s on one core")


def startup() -> None:
    py, cli = sys.executable, str(Path(sys.executable).parent / "lorforge")

    def best(cmd):
        runs = []
        for _ in range(7):
            start = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            runs.append(time.perf_counter() - start)
        return statistics.median(runs)

    django = best([py, "-c", "import django"])
    plan = best([cli, "plan", "--start", "2026-12-01", "--end", "2026-12-28", "--json"])
    print(f"{'import django':34} {django * 1000:9.0f} ms")
    print(f"{'lorforge plan --json':34} {plan * 1000:9.0f} ms = {plan / django:.1f}× import django (target ≤ 3×)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="also 5,000 entries (several minutes)")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--postgres", action="store_true", help="only: the page table on PostgreSQL, empty and full")
    parser.add_argument("--others", type=int, default=10_000, help="other users for --postgres (default 10,000)")
    parser.add_argument("--load", action="store_true", help="only: throughput and 50 users under gunicorn")
    parser.add_argument("--seconds", type=float, default=30, help="length of each --load run (default 30)")
    parser.add_argument("--startup", action="store_true", help="only: `lorforge serve` to its first answer")
    args = parser.parse_args()
    os.environ["LORFORGE_DATA_DIR"] = tempfile.mkdtemp(prefix="lorforge-bench-")
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "lorforge.settings"
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    server = None
    if args.postgres:
        import bench_pg

        server = bench_pg.start_postgres()
    try:
        import django

        django.setup()
        from django.core.management import call_command

        database = "PostgreSQL" if args.postgres else "SQLite"
        print(f"machine: {os.cpu_count()} cores, load average {_load()}, Python {sys.version.split()[0]}, ", end="")
        print(f"Django {django.get_version()}, {database}")
        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)  # as `lorforge serve` does
        if args.postgres or args.load or args.startup:
            import bench_load

            if args.postgres:
                pages_postgres(args)
            if args.load:
                bench_load.load(args.seconds)
            if args.startup:
                bench_load.serve_startup()
        else:
            import bench_load

            pages(args)
            throughput()
            startup()
            bench_load.serve_startup()
        print(f"load average at the end: {_load()}")
    finally:
        if server is not None:
            server.cleanup()
    return 0


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
