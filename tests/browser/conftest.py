"""Browser tests only: Playwright's sync API runs an event loop in the test thread."""

import pytest


@pytest.fixture(autouse=True)
def _orm_beside_playwright(monkeypatch):
    # Django refuses ORM calls from a thread with a running event loop; Playwright's sync API has one.
    # Only these tests need the exception, so it is set per test rather than for the whole run.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
