"""The load and worker-kill scripts, in their short form: idle connections cannot starve `lorforge serve`,
a killed worker loses no acknowledged write, concurrent sign-ups and re-sent forms stay single."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.own_sqlite
@pytest.mark.parametrize("script", ["load_test.py", "kill_test.py"])
def test_script_short_form_passes(script):
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / script), "--short"],
        capture_output=True,
        check=False,
        text=True,
        timeout=240,
        cwd=ROOT,
    )
    assert result.returncode == 0 and result.stdout.strip().endswith("OK"), (
        result.stdout[-3000:] + result.stderr[-3000:]
    )


def test_serve_uses_threaded_workers(monkeypatch):
    """The gunicorn configuration itself: gthread, several threads, the idle hand-off shortened."""
    from gunicorn.app.base import BaseApplication
    from gunicorn.workers import gthread

    from lorforge.commands import serve

    seen = {}
    monkeypatch.setattr(
        BaseApplication,
        "run",
        lambda self: seen.update(
            worker_class=self.cfg.worker_class_str, threads=self.cfg.threads, workers=self.cfg.workers
        ),
    )
    monkeypatch.setattr(gthread, "DEFAULT_WORKER_DATA_TIMEOUT", 5.0)
    serve._gunicorn(bind="127.0.0.1:0", workers=2, threads=16)
    assert seen == {"worker_class": "gthread", "threads": 16, "workers": 2}
    assert gthread.DEFAULT_WORKER_DATA_TIMEOUT <= 1
