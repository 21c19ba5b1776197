"""WSGI entry point, for gunicorn: ``gunicorn lorforge.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lorforge.settings")
application = get_wsgi_application()

# Load the privacy guard's word lists now (about half a second) rather than in a user's first request.
from lorforge.core.privacy import find_phi  # noqa: E402

find_phi("warm-up")
