"""Start Django for commands that need the database."""

import os


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lorforge.settings")
    import django

    django.setup()


def account(email: str):
    """The account with this email, or a one-line ``CommandError`` naming it."""
    from lorforge.accounts.selectors import user_with_email
    from lorforge.cli import CommandError

    user = user_with_email(email)
    if user is None:
        raise CommandError(f"no account with the email {email!r}.")
    return user
