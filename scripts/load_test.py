#!/usr/bin/env python
"""Bounded load test of `lorforge serve`, on 127.0.0.1 only.

Starts its own server (a throwaway data folder and SQLite database) and measures:

1. idle connections: opens --idle silent sockets (more than workers × threads would be needed to
   starve sync workers), then times GET /healthz/ — it must still answer;
2. throughput: --clients concurrent clients GET /healthz/ and a signed-in page for --seconds;
3. sign-up race: --signups simultaneous sign-ups with one email — one account, no 500;
4. story posts: concurrent story posts, each with its own one-time token, then the same token
   re-sent concurrently — every 302 is one row, the duplicates create nothing.

Everything is bounded (counts and time) and local; nothing is sent anywhere else.
    .venv/bin/python scripts/load_test.py            # full run (~30 s)
    .venv/bin/python scripts/load_test.py --short    # CI form (~10 s)
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
PASSWORD = "load-test-password-42"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Server:
    """`lorforge serve` in a subprocess with its own data folder; stopped on exit."""

    def __init__(self, *, workers: int, threads: int | None, env: dict | None = None):
        self.port = free_port()
        self.data = tempfile.mkdtemp(prefix="lorforge-load-")
        self.env = {
            **os.environ,
            "LORFORGE_DATA_DIR": self.data,
            "ALLOWED_HOSTS": HOST,
            "DEBUG": "false",
            "AXES_ENABLED": "false",
            "LOG_LEVEL": "ERROR",
            **(env or {}),
        }
        for name in ("LORFORGE_ENV", "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "SECRET_KEY"):  # its own, always
            self.env.pop(name, None)
        args = [
            str(ROOT / ".venv" / "bin" / "lorforge"),
            "serve",
            "--host",
            HOST,
            "--port",
            str(self.port),
            "--workers",
            str(workers),
        ]
        if threads:
            args += ["--threads", str(threads)]
        self.log = open(Path(self.data) / "server.log", "w")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            args, env=self.env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self._wait_ready()

    def _wait_ready(self, timeout: float = 60) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.process.poll() is not None:
                raise SystemExit(f"server exited: {(Path(self.data) / 'server.log').read_text()[-2000:]}")
            try:
                if get(self.port, "/healthz/", timeout=1)[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise SystemExit("server did not start within 60 s")

    def worker_pids(self) -> list[int]:
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(self.process.pid)], capture_output=True, text=True)
        return [int(p) for p in out.stdout.split()]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()

    def manage(self, *args: str) -> str:
        return subprocess.run(
            [str(ROOT / ".venv" / "bin" / "lorforge"), "manage", *args, "--no-imports"],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout


def get(port: int, path: str, *, timeout: float = 10, cookies: str = "") -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Cookie": cookies} if cookies else {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def post(port: int, path: str, data: dict, *, cookies: str, csrf: str, timeout: float = 30) -> int:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": csrf}, doseq=True)
        conn.request(
            "POST",
            path,
            body=body,
            headers={
                "Cookie": cookies,
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://{HOST}:{port}{path}",
                "Origin": f"http://{HOST}:{port}",
            },
        )
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def session(port: int, email: str) -> tuple[str, str]:
    """Sign up (or log in) through the forms; (cookie header, csrf token)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    conn.request("GET", "/signup/")
    response = conn.getresponse()
    page = response.read().decode()
    csrf_cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", "")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode(
        {"email": email, "password1": PASSWORD, "password2": PASSWORD, "csrfmiddlewaretoken": token}
    )
    conn.request(
        "POST",
        "/signup/",
        body=body,
        headers={
            "Cookie": f"csrftoken={csrf_cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://{HOST}:{port}/signup/",
            "Origin": f"http://{HOST}:{port}",
        },
    )
    response = conn.getresponse()
    response.read()
    conn.close()
    cookies = {"csrftoken": csrf_cookie}
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            cookies[name] = rest.split(";")[0]
    return "; ".join(f"{k}={v}" for k, v in cookies.items()), cookies["csrftoken"]  # rotated at log-in


def idle_connections(port: int, count: int, hold: float) -> dict:
    sockets = []
    for _ in range(count):
        s = socket.create_connection((HOST, port), timeout=5)
        sockets.append(s)
    time.sleep(0.3)
    timings = []
    failures = 0
    for _ in range(5):
        start = time.perf_counter()
        try:
            status, _ = get(port, "/healthz/", timeout=hold)
            failures += status != 200
        except OSError:
            failures += 1
        timings.append(time.perf_counter() - start)
    for s in sockets:
        s.close()
    return {"idle": count, "healthz_ms_max": round(max(timings) * 1000, 1), "healthz_failures": failures}


def throughput(port: int, path: str, clients: int, seconds: float, cookies: str = "") -> dict:
    end = time.monotonic() + seconds
    latencies: list[float] = []
    errors = {"5xx": 0, "other": 0}
    lock = threading.Lock()

    def client():
        while time.monotonic() < end:
            start = time.perf_counter()
            try:
                status, _ = get(port, path, cookies=cookies)
            except OSError:
                status = -1
            with lock:
                latencies.append(time.perf_counter() - start)
                if status >= 500:
                    errors["5xx"] += 1
                elif status != 200:
                    errors["other"] += 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()
    return {
        "path": path,
        "clients": clients,
        "requests": len(latencies),
        "rps": round(len(latencies) / seconds),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1] * 1000, 1),
        **errors,
    }


def signup_race(port: int, count: int) -> dict:
    def one(_):
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=30)
            conn.request("GET", "/signup/")
            response = conn.getresponse()
            page = response.read().decode()
            csrf = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", "")).group(1)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
            conn.close()
            return (
                post(
                    port,
                    "/signup/",
                    {"email": "race@example.com", "password1": PASSWORD, "password2": PASSWORD},
                    cookies=f"csrftoken={csrf}",
                    csrf=token,
                )
                if token
                else -1
            )
        except OSError:
            return -1

    with ThreadPoolExecutor(count) as pool:
        statuses = list(pool.map(one, range(count)))
    return {
        "signups": count,
        "created (302)": statuses.count(302),
        "form error (200)": statuses.count(200),
        "5xx": sum(s >= 500 for s in statuses),
        "failed": statuses.count(-1),
    }


def story_posts(port: int, cookies: str, csrf: str, count: int) -> dict:
    tokens = [os.urandom(16).hex() for _ in range(count)]
    yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()  # in every time zone: past

    def one(token):
        try:
            return post(
                port,
                "/evidence/stories/new/",
                {
                    "text": "Called the lab back about a result and told the team.",
                    "happened_on": yesterday,
                    "once": token,
                },
                cookies=cookies,
                csrf=csrf,
            )
        except OSError:
            return -1

    with ThreadPoolExecutor(8) as pool:
        first = list(pool.map(one, tokens))
        again = list(pool.map(one, tokens[: count // 2] * 2))  # every token re-sent twice, concurrently
    return {
        "story posts": count,
        "saved (302)": first.count(302),
        "statuses": sorted(set(first + again)),
        "5xx": sum(s >= 500 for s in first + again),
        "duplicates re-sent": len(again),
        "duplicate answers (302)": again.count(302),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--short", action="store_true", help="CI form: fewer requests, shorter runs")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=None, help="default: lorforge serve's own")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    idle = 12 if args.short else 40
    seconds = 2 if args.short else 8
    server = Server(workers=args.workers, threads=args.threads)
    results: dict = {}
    try:
        results["idle connections"] = idle_connections(server.port, idle, hold=5)
        results["healthz"] = throughput(server.port, "/healthz/", 8, seconds)
        cookies, csrf = session(server.port, "load@example.com")
        results["evidence page"] = throughput(server.port, "/evidence/", 8, seconds, cookies=cookies)
        results["sign-up race"] = signup_race(server.port, 10)
        results["story posts"] = story_posts(server.port, cookies, csrf, 40 if args.short else 200)
        count = server.manage(
            "shell", "-c", "from lorforge.evidence.models import Story; print(Story.objects.count())"
        ).strip()
        results["story posts"]["stories in the database"] = int(count or -1)
        users = server.manage(
            "shell",
            "-c",
            "from lorforge.accounts.models import User; print(User.objects.filter(email='race@example.com').count())",
        ).strip()
        results["sign-up race"]["accounts in the database"] = int(users or -1)
    finally:
        server.stop()
    print(json.dumps(results, indent=2))
    ok = (
        results["idle connections"]["healthz_failures"] == 0
        and results["idle connections"]["healthz_ms_max"] < 1000
        and results["healthz"]["5xx"] == 0
        and results["evidence page"]["5xx"] == 0
        and results["sign-up race"]["5xx"] == 0
        and results["sign-up race"]["accounts in the database"] == 1
        and results["story posts"]["5xx"] == 0
        and results["story posts"]["saved (302)"] == results["story posts"]["story posts"]
        and results["story posts"]["stories in the database"] == results["story posts"]["saved (302)"]
    )
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
