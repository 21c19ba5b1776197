"""``lorforge serve``: migrate, collect static files and serve the app with gunicorn."""

from __future__ import annotations

import argparse
import os
import sys

from lorforge.cli import CommandError

HELP = "start the web app (applies migrations first)"
DESCRIPTION = "Apply migrations, collect static files, and serve LORforge with gunicorn."


def add_arguments(parser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    parser.add_argument(
        "--workers", type=_whole_number, default=None, help="gunicorn worker processes (default 2, or WEB_CONCURRENCY)"
    )
    parser.add_argument(
        "--threads",
        type=_whole_number,
        default=None,
        help="threads per worker (default 16, or LORFORGE_THREADS): an idle or slow client holds "
        "one thread, never a whole worker",
    )


IDLE_HANDOFF_SECONDS = 0.5


def _whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def _from_env(variable: str, default: int) -> int:
    raw = os.environ.get(variable, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise CommandError(f"{variable}={raw!r} is not a whole number.") from None


def run(args) -> int:
    workers = args.workers if args.workers is not None else _from_env("WEB_CONCURRENCY", 2)
    threads = args.threads if args.threads is not None else _from_env("LORFORGE_THREADS", 16)
    if not 0 < args.port < 65536:
        raise CommandError(f"--port must be between 1 and 65535, not {args.port}.")
    if not 1 <= workers <= 64:
        raise CommandError(f"--workers (or WEB_CONCURRENCY) must be between 1 and 64, not {workers}.")
    if not 1 <= threads <= 256:
        raise CommandError(f"--threads (or LORFORGE_THREADS) must be between 1 and 256, not {threads}.")
    from ._django import setup_django

    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    _rejudge_stories()
    from django.db import connections

    connections.close_all()  # the workers are forked from this process: each opens its own connections
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(
        f"LORforge is running at http://{host}:{args.port}/  (data in {settings.DATA_DIR}; Ctrl+C stops it)", flush=True
    )
    _gunicorn(bind=f"{host}:{args.port}", workers=workers, threads=threads)
    return 0


def _rejudge_stories() -> int:
    """Stories an older coach judged are judged again before the app serves (one query when there are none)."""
    from lorforge.evidence.services import stories_rejudge

    judged = 0
    while count := stories_rejudge():
        judged += count
    if judged:
        print(f"Judged {judged} {'story' if judged == 1 else 'stories'} again with this version's coach.", flush=True)
    return judged


def _gunicorn(*, bind: str, workers: int, threads: int) -> None:
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self):
            # gthread keeps a new connection's thread up to 5 s waiting for its first bytes before handing it to
            # the poller; with many silent connections that starves the pool. 0.5 s: a slow client just waits
            # in the poller (nothing is dropped), and the threads stay free for the others.
            from gunicorn.workers import gthread

            if hasattr(gthread, "DEFAULT_WORKER_DATA_TIMEOUT"):
                gthread.DEFAULT_WORKER_DATA_TIMEOUT = IDLE_HANDOFF_SECONDS

            # Threaded workers: a connection that is idle (keep-alive) or slow holds one thread, not a
            # whole worker; measured with scripts/load_test.py (two sync workers stalled on two idle sockets).
            for key, value in {
                "bind": bind,
                "workers": workers,
                "threads": threads,
                "worker_class": "gthread",
                "keepalive": 5,
                "timeout": 30,
                "graceful_timeout": 20,
                "accesslog": "-",
                "worker_tmp_dir": "/dev/shm" if os.path.isdir("/dev/shm") else None,
                # The app (views, word lists) is loaded once, before the workers are forked: the first request
                # finds it ready instead of importing it.
                "preload_app": True,
            }.items():
                if value is not None:
                    self.cfg.set(key, value)

        def load(self):
            import gc

            from lorforge.wsgi import application

            # What the app loaded (modules, views, word lists) stays alive for good: moved out of the collector's
            # sight, the workers' garbage collections scan only what requests make, and the forked pages stay
            # shared instead of being copied when the collector touches them.
            gc.freeze()
            return application

    sys.argv = ["lorforge serve"]  # gunicorn reads sys.argv for its own options
    Server().run()
