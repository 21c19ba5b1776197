"""Browser tests only: Playwright's sync API runs an event loop in the test thread."""

import os

import pytest

_SWITCH = "DJANGO_ALLOW_ASYNC_UNSAFE"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    # Django refuses ORM calls from a thread with a running event loop, and Playwright's sync API keeps one.
    # Only browser tests need the exception (set-up, call and teardown), so it is switched on around each of
    # them rather than for the whole run.
    os.environ[_SWITCH] = "true"
    try:
        return (yield)
    finally:
        os.environ.pop(_SWITCH, None)
