"""Start Django for commands that need the database."""

import os


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lorforge.settings")
    import django

    django.setup()
