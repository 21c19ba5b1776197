"""Issue 13's benchmark: every signed-in page and download against a signed-in baseline view, same run.

Usage: bench/run [--full] [--rounds N]
Builds users with 10 and 500 entries (and 5,000 with --full) on a throwaway SQLite database, signs in,
and for each page prints the median and p95 time as a ratio to the baseline view (a signed-in view that
renders a three-line template, mounted only in bench's own URLconf), and the queries. Then the privacy
guard and the coach in MB/s on one core, and start-up (`lorforge plan --json` against `import django`).
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


def pages(args) -> None:

    import data
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from lorforge import clock

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # as `lorforge serve` does
    sizes = [10, 500] + ([5000] if args.full else [])
    today = clock.today()
    print(f"{'page':34} " + " ".join(f"{f'{n} med×':>9} {'p95×':>6} {'q':>3}" for n in sizes))
    results: dict[str, list[str]] = {}
    with override_settings(ROOT_URLCONF="bench_urls", DEBUG=False):
        for n in sizes:
            user, rotation, team = data.build_user(email=f"bench{n}@example.com", entries=n, today=today)
            agreed = data.build_user(email=f"agreed{n}@example.com", entries=n, today=today, agreed=True)
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(user)
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
                "writer (agreed)": ("agreed", f"/letters/writers/{agreed[2][0].writer.pk}/"),
                "helper PDF": ("agreed", f"/letters/writers/{agreed[2][0].writer.pk}/helper.pdf?go=1"),
                "export check": "/settings/export/",
                "JSON export": "/settings/export/?download=1",
            }
            agreed_client = Client(HTTP_HOST="127.0.0.1")
            agreed_client.force_login(agreed[0])
            base_med, base_p95 = _time(client, urls["baseline"], args.rounds)
            for name, url in urls.items():
                who = agreed_client if isinstance(url, tuple) else client  # the helper needs a writer who said yes
                url = url[1] if isinstance(url, tuple) else url
                try:
                    med, p95 = _time(who, url, args.rounds if "export" not in name else max(5, args.rounds // 4))
                    with CaptureQueriesContext(connection) as q:
                        who.get(url)
                    cell = f"{med / base_med:9.1f} {p95 / base_med:6.1f} {len(q):3d}"
                except AssertionError as exc:
                    cell = f"{'error ' + str(exc.args[0][1]):>20}"
                results.setdefault(name, []).append(cell)
            results.setdefault("(baseline ms)", []).append(f"{base_med:9.2f} {base_p95:6.2f} {'':3}")
    for name, cells in results.items():
        print(f"{name:34} " + " ".join(cells))


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
    args = parser.parse_args()
    os.environ["LORFORGE_DATA_DIR"] = tempfile.mkdtemp(prefix="lorforge-bench-")
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "lorforge.settings"
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    import django

    django.setup()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, Django {django.get_version()}, SQLite")
    pages(args)
    throughput()
    startup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
