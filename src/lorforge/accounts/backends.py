"""Log-in by email and password (Django's own backend), reading a signed-in user with their profile."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class ProfileBackend(ModelBackend):
    """Every signed-in page needs the profile (the applicant's time zone, name, season): it comes with the user in
    the one query Django makes for the session's user, instead of a second one."""

    def get_user(self, user_id):
        user = get_user_model()._default_manager.select_related("profile").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
