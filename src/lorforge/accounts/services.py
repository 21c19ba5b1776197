"""Account services: sign-up, profile, season dates, account deletion."""

from __future__ import annotations

from django.db import transaction

from lorforge.core.season import SeasonDates, default_season_dates, season_for

from .models import Profile, User


@transaction.atomic
def user_sign_up(*, email: str, password: str) -> User:
    user = User.objects.create_user(email=email, password=password)
    Profile.objects.create(user=user, display_name="")
    return user


def profile_for(*, user: User) -> Profile:
    """The user's profile; created empty for accounts made outside sign-up (e.g. createsuperuser)."""
    profile, _ = Profile.objects.get_or_create(user=user, defaults={"display_name": ""})
    return profile


def profile_update(*, profile: Profile, **fields) -> Profile:
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.save()
    return profile


def season_dates(*, profile: Profile, today) -> SeasonDates:
    """The applicant's own dates where given, the usual estimates elsewhere."""
    estimate = default_season_dates(profile.season or season_for(today))
    return SeasonDates(
        applications_open=profile.applications_open or estimate.applications_open,
        submission_opens=profile.submission_opens or estimate.submission_opens,
        programs_review=profile.programs_review or estimate.programs_review,
    )


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete the account and everything in it, uploaded files included."""
    from django.apps import apps

    for model in apps.get_models():  # files first: deleting rows does not remove them
        file_fields = [f for f in model._meta.fields if f.get_internal_type() == "FileField"]
        if not file_fields or not any(f.name == "user" for f in model._meta.fields):
            continue
        for obj in model.objects.filter(user=user):
            for field in file_fields:
                stored = getattr(obj, field.name)
                if stored:
                    stored.delete(save=False)
    user.delete()
