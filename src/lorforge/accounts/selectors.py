"""Reading accounts."""

from __future__ import annotations

from lorforge.accounts.models import User
from lorforge.accounts.security import normalise_email


def user_with_email(email: str) -> User | None:
    """The account whose log-in email this is (any case, surrounding space ignored), or ``None``.

    An address no account can have (a NUL byte, longer than the column) is simply unknown, never a database error.
    """
    email = normalise_email(email)
    if not email or "\x00" in email or len(email) > 254:
        return None
    return User.objects.filter(email__iexact=email).first()
