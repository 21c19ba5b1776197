#!/usr/bin/env python
"""Bounded worker-kill test of `lorforge serve`, on 127.0.0.1 only.

Starts its own server (2 workers, a throwaway data folder), keeps 8 clients posting stories (each
with its own one-time token) and reading /healthz/ for --seconds, and kills one gunicorn worker with
SIGKILL halfway (--kills times, spread out). Then it checks:

- the server answers again (gunicorn restarts the worker) — how long it took;
- no acknowledged write is lost: every story answered with 302 is in the database;
- requests cut by the kill are counted (a client sees a reset connection; a retry with the same
  token is safe, the token makes it one story).

    .venv/bin/python scripts/kill_test.py            # 12 s, 2 kills
    .venv/bin/python scripts/kill_test.py --short    # CI form: 4 s, 1 kill
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_test import Server, get, post, session


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--short", action="store_true")
    args = parser.parse_args()
    seconds, kills = (4, 1) if args.short else (12, 2)
    server = Server(workers=2, threads=None)
    stats = {
        "posts sent": 0,
        "posts saved (302)": 0,
        "retried after a cut": 0,
        "cut connections": 0,
        "5xx": 0,
        "reads": 0,
        "failed reads": 0,
    }
    lock = threading.Lock()
    saved_tokens: list[str] = []
    try:
        cookies, csrf = session(server.port, "kill@example.com")
        yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
        end = time.monotonic() + seconds

        def writer():
            while time.monotonic() < end:
                token = os.urandom(16).hex()
                data = {
                    "text": "Stayed late to update the family with the resident.",
                    "happened_on": yesterday,
                    "once": token,
                }
                for _attempt in range(3):  # what a browser user does after an error: send again
                    try:
                        status = post(server.port, "/evidence/stories/new/", data, cookies=cookies, csrf=csrf)
                    except OSError:
                        with lock:
                            stats["cut connections"] += 1
                            stats["retried after a cut"] += 1
                        time.sleep(0.2)
                        continue
                    with lock:
                        stats["posts sent"] += 1
                        stats["5xx"] += status >= 500
                        if status == 302:
                            stats["posts saved (302)"] += 1
                            saved_tokens.append(token)
                    break

        def reader():
            while time.monotonic() < end:
                try:
                    status, _ = get(server.port, "/healthz/", timeout=5)
                    ok = status == 200
                except OSError:
                    ok = False
                with lock:
                    stats["reads"] += 1
                    stats["failed reads"] += not ok

        threads = [threading.Thread(target=writer) for _ in range(4)] + [
            threading.Thread(target=reader) for _ in range(4)
        ]
        for t in threads:
            t.start()
        killed = []
        for _ in range(kills):
            time.sleep(seconds / (kills + 1))
            pids = server.worker_pids()
            if pids:
                os.kill(pids[0], signal.SIGKILL)
                killed.append(pids[0])
        for t in threads:
            t.join()
        start = time.monotonic()
        while True:
            try:
                if get(server.port, "/healthz/", timeout=2)[0] == 200 and len(server.worker_pids()) == 2:
                    break
            except OSError:
                pass
            if time.monotonic() - start > 30:
                break
            time.sleep(0.1)
        stats["workers killed"] = len(killed)
        stats["back to 2 workers after (s)"] = round(time.monotonic() - start, 2)
        count = server.manage(
            "shell", "-c", "from lorforge.evidence.models import Story; print(Story.objects.count())"
        ).strip()
        stats["stories in the database"] = int(count or -1)
    finally:
        server.stop()
    stats["acknowledged posts lost"] = max(0, stats["posts saved (302)"] - stats["stories in the database"])
    stats["duplicate stories"] = max(
        0, stats["stories in the database"] - stats["posts saved (302)"] - stats["cut connections"]
    )
    print(json.dumps(stats, indent=2))
    ok = (
        stats["acknowledged posts lost"] == 0
        and stats["5xx"] == 0
        and stats["back to 2 workers after (s)"] < 30
        and stats["duplicate stories"] == 0
    )
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
