"""WSGI entry point, for gunicorn: ``gunicorn lorforge.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lorforge.settings")
application = get_wsgi_application()

# Load now, not in a user's first request: every view (the URLconf imports them, about 0.3 s) and the privacy
# guard's word lists (about half a second). ``lorforge serve`` does this once, before its workers are forked.
from django.urls import get_resolver  # noqa: E402

from lorforge.core.privacy import find_phi  # noqa: E402

get_resolver().url_patterns  # noqa: B018 (reading it imports the views)
find_phi("warm-up")
