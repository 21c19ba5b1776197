"""The demo account: one IMG applying to internal medicine, with two rotations and their teams.

Dates are relative to today so the demo always has a finished rotation and a
current one. Loading again resets the account's data instead of adding to it.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from lorforge.accounts.models import User
from lorforge.accounts.services import profile_for, profile_update
from lorforge.core.season import season_for
from lorforge.rotations.models import Kind, Role, Setting
from lorforge.rotations.services import person_create, rotation_create

DEMO_EMAIL = "demo@example.com"


@dataclass(frozen=True)
class DemoResult:
    email: str
    password: str
    summary: str
    user: User


def _monday_on_or_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@transaction.atomic
def demo_load(*, today: dt.date | None = None) -> DemoResult:
    today = today or timezone.localdate()
    password = secrets.token_urlsafe(9)
    user = User.objects.filter(email=DEMO_EMAIL).first()
    if user is None:
        user = User.objects.create_user(email=DEMO_EMAIL, password=password)
    else:
        user.set_password(password)
        user.save(update_fields=["password"])
        user.rotations.all().delete()
        user.people.all().delete()
    profile_update(
        profile=profile_for(user=user), display_name="Nguyễn Thị Hương", medical_school="Hanoi Medical University",
        country="Vietnam", target_specialty="Internal Medicine", aamc_id="14783920", season=season_for(today),
    )

    # A four-week inpatient sub-internship that ended three weeks ago.
    past_start = _monday_on_or_before(today - dt.timedelta(days=49))
    ward = rotation_create(user=user, site="St. Agnes Medical Center, Baltimore", specialty="Internal Medicine",
                           kind=Kind.SUB_INTERNSHIP, setting=Setting.INPATIENT, start_date=past_start,
                           end_date=past_start + dt.timedelta(days=25))
    person_create(user=user, rotation=ward, name="Dr. Łukasz Kowalski", role=Role.ATTENDING,
                  email="l.kowalski@stagnes.example.org", specialty="Internal Medicine")
    person_create(user=user, rotation=ward, name="Dr. José Peña", role=Role.RESIDENT,
                  email="jose.pena@stagnes.example.org", specialty="Internal Medicine")

    # A four-week outpatient clerkship that started ten days ago.
    clinic_start = today - dt.timedelta(days=10)
    clinic = rotation_create(user=user, site="Riverside Community Clinic, Columbus", specialty="Internal Medicine",
                             kind=Kind.CLERKSHIP, setting=Setting.OUTPATIENT, start_date=clinic_start,
                             end_date=clinic_start + dt.timedelta(days=27))
    person_create(user=user, rotation=clinic, name="Dr. Ayşe Yılmaz", role=Role.ATTENDING,
                  email="ayse.yilmaz@riverside.example.org", specialty="Internal Medicine")
    person_create(user=user, rotation=clinic, name="Dr. Priya Raman", role=Role.RESIDENT,
                  email="priya.raman@riverside.example.org", specialty="Internal Medicine")

    return DemoResult(email=DEMO_EMAIL, password=password, user=user,
                      summary="2 rotations (one finished, one current) with their attendings and residents")
