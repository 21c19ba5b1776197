"""``lorforge serve``: migrate, collect static files and serve the app with gunicorn."""

from __future__ import annotations

import os
import sys

from lorforge.cli import CommandError


def register(subparsers) -> None:
    parser = subparsers.add_parser("serve", help="start the web app (applies migrations first)",
                                   description="Apply migrations, collect static files, and serve LORforge with gunicorn.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 2)),
                        help="gunicorn worker processes (default 2, or WEB_CONCURRENCY)")
    parser.set_defaults(func=run)


def run(args) -> int:
    if not 0 < args.port < 65536:
        raise CommandError(f"--port must be between 1 and 65535, not {args.port}.")
    if args.workers < 1:
        raise CommandError("--workers must be at least 1.")
    from ._django import setup_django

    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"LORforge is running at http://{host}:{args.port}/  (data in {settings.DATA_DIR}; Ctrl+C stops it)",
          flush=True)
    _gunicorn(bind=f"{host}:{args.port}", workers=args.workers)
    return 0


def _gunicorn(*, bind: str, workers: int) -> None:
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self):
            for key, value in {"bind": bind, "workers": workers, "accesslog": "-",
                               "worker_tmp_dir": "/dev/shm" if os.path.isdir("/dev/shm") else None}.items():
                if value is not None:
                    self.cfg.set(key, value)

        def load(self):
            from lorforge.wsgi import application

            return application

    sys.argv = ["lorforge serve"]  # gunicorn reads sys.argv for its own options
    Server().run()
