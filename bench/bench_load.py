"""`bench/run --load` and `bench/run --startup`: the app served by `lorforge serve` (gunicorn, two workers) on
127.0.0.1, driven by standard-library threads with http.client; the bench and the server share one data folder.

--load: 16 connections request the baseline view, then Today, as fast as they can (keep-alive), alternating
twice, and Today's requests per second are given as a share of the baseline's (target ≥ 0.25); then 50 users
with think time (0.5-2 s) walk the signed-in pages, and their p95 is compared with the median of the same pages
requested one at a time (target ≤ 5×, no errors). --startup: from starting `lorforge serve` to the first
answered request (target ≤ 1 s), on a new data folder and restarted on a migrated one.
"""

from __future__ import annotations

import http.client
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HOST = "127.0.0.1"
BENCH = Path(__file__).resolve().parent
LORFORGE = str(Path(sys.executable).parent / "lorforge")


def _percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


class Server:
    """`lorforge serve --workers 2` (by default) in its own session; ``ready`` is the time from starting it to its first
    answer (GET /healthz/). ``bench_urls``: with bench's URLconf (the baseline view) through bench_settings."""

    def __init__(self, *, bench_urls: bool = False, data_dir: str | None = None, workers: int = 2):
        with socket.socket() as s:
            s.bind((HOST, 0))
            self.port = s.getsockname()[1]
        env = {**os.environ, "ALLOWED_HOSTS": HOST, "DEBUG": "false", "LOG_LEVEL": "ERROR"}
        env["DJANGO_SETTINGS_MODULE"] = "bench_settings" if bench_urls else "lorforge.settings"
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(BENCH), env.get("PYTHONPATH")]))
        if data_dir:
            env["LORFORGE_DATA_DIR"] = data_dir
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in stop())
        start = time.perf_counter()
        args = [LORFORGE, "serve", "--host", HOST, "--port", str(self.port), "--workers", str(workers)]
        self.process = subprocess.Popen(
            args, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.printed = None  # when "LORforge is running" was printed (migrate and collectstatic done)
        while True:
            if self.process.poll() is not None:
                self.log.seek(0)
                raise SystemExit(f"lorforge serve exited:\n{self.log.read().decode()[-3000:]}")
            if self.printed is None and b"is running" in self._log():
                self.printed = time.perf_counter() - start
            conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
            try:
                if fetch(conn, "/healthz/") == 200:
                    self.ready = time.perf_counter() - start
                    self.printed = self.printed or self.ready
                    return
            except OSError:
                time.sleep(0.01)
            finally:
                conn.close()
            if time.perf_counter() - start > 120:
                self.stop()
                raise SystemExit("lorforge serve did not answer within 120 s")

    def _log(self) -> bytes:
        self.log.seek(0)
        return self.log.read()

    def worker_cpu(self) -> float:
        """CPU seconds used so far by the server's processes (master and workers), from /proc."""
        pids = [self.process.pid]
        for children in Path(f"/proc/{self.process.pid}/task").glob("*/children"):
            pids += [int(pid) for pid in children.read_text().split()]
        total = 0
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # utime, stime
            except (OSError, IndexError):
                pass
        return total / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # gunicorn's master stops its workers
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)  # the session this bench started, no other
                self.process.wait()
        self.log.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def _cpu(server: Server) -> tuple[float, float, float]:
    """CPU seconds so far: the server's processes, this bench process, and every process on the machine."""
    with open("/proc/stat") as stat:
        fields = [int(x) for x in stat.readline().split()[1:9]]
    machine = (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")  # all but idle and iowait
    return server.worker_cpu(), time.process_time(), machine


def _cpu_since(server: Server, before: tuple[float, float, float]) -> tuple[float, float, float]:
    """CPU seconds since ``before``: the server's, this bench's, and the other processes'."""
    server_cpu, bench, machine = (a - b for a, b in zip(_cpu(server), before, strict=True))
    return server_cpu, bench, machine - server_cpu - bench


def fetch(conn: http.client.HTTPConnection, path: str, cookie: str = "") -> int:
    conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = conn.getresponse()
    response.read()
    return response.status


def signed_in(user) -> str:
    """A Cookie header for ``user``: a session made with Django's session engine, as logging in would, and a
    CSRF cookie so that pages do not set a new one on every request."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, load_backend
    from django.utils.crypto import get_random_string

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    # the first backend that reads a session's user, as Django's test client's force_login chooses it
    session[BACKEND_SESSION_KEY] = next(
        p for p in settings.AUTHENTICATION_BACKENDS if hasattr(load_backend(p), "get_user")
    )
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {settings.CSRF_COOKIE_NAME}={get_random_string(32)}"


def _warm(port: int, path: str, cookie: str) -> None:
    """A few requests, each on a new connection so that both workers get some, checking the page answers."""
    for _ in range(8):
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        status = fetch(conn, path, cookie)
        conn.close()
        assert status == 200, (path, status)


def _run(threads: int, work) -> None:
    pool = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()


def hammer(port: int, path: str, cookie: str, connections: int, seconds: float) -> tuple[list[float], int]:
    """``connections`` keep-alive clients requesting ``path`` back to back for ``seconds``: (latencies, errors)."""
    latencies, errors, lock = [], [0], threading.Lock()
    end = time.perf_counter() + seconds

    def client(_):
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        while (start := time.perf_counter()) < end:
            try:
                ok = fetch(conn, path, cookie) == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
            with lock:
                latencies.append(time.perf_counter() - start)
                errors[0] += not ok
        conn.close()

    _run(connections, client)
    return latencies, errors[0]


def load(seconds: float) -> None:
    import data

    from lorforge import clock

    today = clock.today()
    user, _, _ = data.build_user(email="load@example.com", entries=500, today=today)
    cookie = signed_in(user)
    pages = {"baseline": "/bench/baseline/", "Today": "/today/"}
    print(
        f"throughput: gunicorn, 2 workers × 16 threads; 16 keep-alive connections; 500 entries; {seconds:.0f} s in all"
    )
    with Server(bench_urls=True) as server:
        for path in pages.values():
            _warm(server.port, path, cookie)
        timings = {name: [] for name in pages}
        errors = dict.fromkeys(pages, 0)
        cpu = {name: [0.0, 0.0, 0.0] for name in pages}  # CPU seconds: the server, this bench, other processes
        for _ in range(2):  # alternate, so that a change in the machine's load falls on both
            for name, path in pages.items():
                before = _cpu(server)
                latencies, failed = hammer(server.port, path, cookie, 16, seconds / 4)
                cpu[name] = [a + b for a, b in zip(cpu[name], _cpu_since(server, before), strict=True)]
                timings[name] += latencies
                errors[name] += failed
    rate = {name: len(t) / (seconds / 2) for name, t in timings.items()}
    print(
        f"{'page':10} {'req/s':>6} {'median ms':>10} {'p95 ms':>7} {'errors':>6} "
        f"{'CPU s: server':>13} {'bench':>5} {'others':>6}"
    )
    for name, t in timings.items():
        print(
            f"{name:10} {rate[name]:6.0f} {statistics.median(t) * 1000:10.1f} {_percentile(t, 0.95) * 1000:7.1f} "
            f"{errors[name]:6d} {cpu[name][0]:13.1f} {cpu[name][1]:5.1f} {cpu[name][2]:6.1f}"
        )
    share = rate["Today"] / rate["baseline"]
    print(f"Today / baseline requests per second: {share:.2f} (target ≥ 0.25: {'met' if share >= 0.25 else 'NOT met'})")
    walk(today, seconds)


def walk(today, seconds: float, users: int = 50) -> None:
    """``users`` signed-in users, each with 100 entries, walking their pages with 0.5-2 s of think time."""
    import data

    from lorforge.accounts.models import User

    walkers = []
    for i in range(users):
        user, rotation, team = data.build_user(email=f"walker{i}@example.com", entries=100, today=today)
        paths = {
            "today": "/today/",
            "rotation": f"/rotations/{rotation.pk}/",
            "rotation's day": f"/rotations/{rotation.pk}/today/",
            "plan timeline": f"/rotations/{rotation.pk}/plan/",
            "evidence": "/evidence/",
            "person": f"/people/{team[1].pk}/",
            "letters": "/letters/",
            "writer": f"/letters/writers/{team[0].writer.pk}/",
        }
        walkers.append((signed_in(user), paths))
    print(
        f"\n{users} users with think time: `lorforge serve` (2 workers × 16 threads), {User.objects.count()} accounts"
    )
    with Server() as server:
        cookie, paths = walkers[0]
        for path in paths.values():
            _warm(server.port, path, cookie)
        conn = http.client.HTTPConnection(HOST, server.port, timeout=30)
        single: dict[str, list[float]] = {name: [] for name in paths}
        for _ in range(20):  # one request at a time
            for name, path in paths.items():
                start = time.perf_counter()
                status = fetch(conn, path, cookie)
                assert status == 200, (path, status)
                single[name].append(time.perf_counter() - start)
        conn.close()
        under_load: dict[str, list[float]] = {name: [] for name in paths}
        failures: list[str] = []
        lock = threading.Lock()
        end = time.perf_counter() + seconds

        def user(i):
            rng = random.Random(i)
            cookie, paths = walkers[i]
            conn = http.client.HTTPConnection(HOST, server.port, timeout=30)
            time.sleep(rng.uniform(0, 2))  # users arrive at different moments
            while time.perf_counter() < end:
                name = rng.choice(list(paths))
                start = time.perf_counter()
                try:
                    status = fetch(conn, paths[name], cookie)
                except (OSError, http.client.HTTPException) as exc:
                    status = type(exc).__name__
                    conn.close()
                took = time.perf_counter() - start
                with lock:
                    under_load[name].append(took)
                    if status != 200:
                        failures.append(f"{name}: {status}")
                time.sleep(rng.uniform(0.5, 2.0))
            conn.close()

        before = _cpu(server)
        _run(users, user)
        cpu = _cpu_since(server, before)
    every_single = [t for ts in single.values() for t in ts]
    every_load = [t for ts in under_load.values() for t in ts]
    print(
        f"{'page':16} {'alone median ms':>15} {'loaded median ms':>16} {'loaded p95 ms':>13} {'p95/alone':>9} {'n':>5}"
    )
    for name in paths:
        alone, loaded = statistics.median(single[name]), under_load[name]
        p95 = _percentile(loaded, 0.95)
        print(
            f"{name:16} {alone * 1000:15.1f} {statistics.median(loaded) * 1000:16.1f} {p95 * 1000:13.1f} "
            f"{p95 / alone:9.1f} {len(loaded):5d}"
        )
    alone, p95 = statistics.median(every_single), _percentile(every_load, 0.95)
    print(
        f"{'all pages':16} {alone * 1000:15.1f} {statistics.median(every_load) * 1000:16.1f} {p95 * 1000:13.1f} "
        f"{p95 / alone:9.1f} {len(every_load):5d}"
    )
    print(
        f"{len(every_load) / seconds:.1f} requests/s; CPU seconds in {seconds:.0f} s on {os.cpu_count()} cores: "
        f"the server {cpu[0]:.1f}, this bench {cpu[1]:.1f}, other processes on the machine {cpu[2]:.1f}"
    )
    print(f"p95 / single-request median: {p95 / alone:.1f} (target ≤ 5: {'met' if p95 / alone <= 5 else 'NOT met'})")
    print(f"errors: {len(failures)} (target 0){''.join(f'; {f}' for f in sorted(set(failures))[:5])}")


def serve_startup(restarts: int = 3) -> None:
    """Seconds from starting `lorforge serve` to its first answer: on a new data folder (every migration and
    collectstatic), then restarted on the migrated one."""
    folder = tempfile.mkdtemp(prefix="lorforge-bench-serve-")
    runs = []
    for i in range(1 + restarts):
        with Server(data_dir=folder) as server:
            conn = http.client.HTTPConnection(HOST, server.port, timeout=30)
            start = time.perf_counter()
            assert fetch(conn, "/login/") == 200
            first_page = time.perf_counter() - start
            conn.close()
            runs.append((server.printed, server.ready, first_page))
        label = "new data folder" if i == 0 else f"restart {i}"
        print(
            f"`lorforge serve`, {label:15}: address printed at {server.printed:4.2f} s (set-up, migrate, "
            f"collectstatic), first answer at {server.ready:4.2f} s; then /login/ in {first_page * 1000:.0f} ms"
        )
    shutil.rmtree(folder, ignore_errors=True)
    ready = statistics.median(r[1] for r in runs[1:])
    print(f"first answer after a restart: {ready:.2f} s median (target ≤ 1 s: {'met' if ready <= 1 else 'NOT met'})")
