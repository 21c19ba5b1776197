"""The demo account: one IMG applying to internal medicine, with two rotations and their teams.

Dates are relative to today so the demo always has a finished rotation and a
current one. Loading again resets the account's data instead of adding to it.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.db import transaction

from lorforge import clock
from lorforge.accounts.models import User
from lorforge.accounts.services import profile_for, profile_update
from lorforge.core.plan import KEY_ORDER
from lorforge.core.season import season_for
from lorforge.evidence.services import compliment_save, feedback_save, story_save, task_add
from lorforge.letters.demo import letters_demo_load
from lorforge.planner.services import checkpoint_mark_done, rotation_plan
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
    today = today or clock.today()
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
        profile=profile_for(user=user),
        display_name="Nguyễn Thị Hương",
        medical_school="Hanoi Medical University",
        country="Vietnam",
        target_specialty="Internal Medicine",
        aamc_id="14783920",
        season=season_for(today),
    )

    # A four-week inpatient sub-internship that ended about six weeks ago.
    ward, (kowalski, pena) = _rotation_with_team(
        user, WARD, WARD_TEAM, start=_monday_on_or_before(today - dt.timedelta(days=63)), days=25
    )
    _ward_evidence(user, ward, kowalski, pena)
    # A four-week outpatient clerkship in its last week: the attending was asked today.
    clinic, (yilmaz, _resident) = _rotation_with_team(
        user, CLINIC, CLINIC_TEAM, start=today - dt.timedelta(days=23), days=27
    )
    _clinic_evidence(user, clinic, yilmaz, today)
    _steps_done(ward, before=ward.end_date + dt.timedelta(days=2))
    _steps_done(clinic, before=today - dt.timedelta(days=4), skip={"micro_highlight-2"})

    letters_demo_load(user=user, today=today)
    return DemoResult(
        email=DEMO_EMAIL,
        password=password,
        user=user,
        summary="2 rotations (one finished, one current) with their attendings, residents, "
        "stories, feedback and compliments",
    )


SPECIALTY = "Internal Medicine"
WARD = {"site": "St. Agnes Medical Center, Baltimore", "kind": Kind.SUB_INTERNSHIP, "setting": Setting.INPATIENT}
CLINIC = {"site": "Riverside Community Clinic, Columbus", "kind": Kind.CLERKSHIP, "setting": Setting.OUTPATIENT}
# Each team: name, role, email; the attending first.
WARD_TEAM = (
    ("Dr. Łukasz Kowalski", Role.ATTENDING, "l.kowalski@stagnes.example.org"),
    ("Dr. José Peña", Role.RESIDENT, "jose.pena@stagnes.example.org"),
)
CLINIC_TEAM = (
    ("Dr. Ayşe Yılmaz", Role.ATTENDING, "ayse.yilmaz@riverside.example.org"),
    ("Dr. Priya Raman", Role.RESIDENT, "priya.raman@riverside.example.org"),
)


def _rotation_with_team(user, rotation: dict, team, *, start: dt.date, days: int):
    """A rotation from ``start`` to ``days`` days later, and the people of its team, in order."""
    created = rotation_create(
        user=user, specialty=SPECIALTY, start_date=start, end_date=start + dt.timedelta(days=days), **rotation
    )
    people = [
        person_create(user=user, rotation=created, name=name, role=role, email=email, specialty=SPECIALTY)
        for name, role, email in team
    ]
    return created, people


def _day(rotation, n: int) -> dt.date:
    return rotation.start_date + dt.timedelta(days=n)


_LOGGED_IN_PLAN = frozenset(
    k for k in KEY_ORDER if k not in ("pre_ask", "materials_email", "reminder", "confirm_submission")
)


def _steps_done(rotation, *, before: dt.date, skip=frozenset()) -> None:
    """Mark the plan's steps that opened before ``before`` as done, on their first day."""
    for checkpoint in rotation_plan(rotation=rotation):
        # The letter's own steps follow the writer's answers and emails (letters/demo.py), not the plan's log.
        if checkpoint.starts < before and checkpoint.id not in skip and checkpoint.key in _LOGGED_IN_PLAN:
            checkpoint_mark_done(rotation=rotation, checkpoint_id=checkpoint.id, done_on=checkpoint.starts)


def _stories(user, rotation, witnesses, stories) -> None:
    """Save (day of the rotation, text, qualities, made visible) stories witnessed by ``witnesses``."""
    for offset, text, qualities, visible in stories:
        story_save(
            user=user,
            rotation=rotation,
            text=text,
            happened_on=_day(rotation, offset),
            witnesses=witnesses,
            visible=visible,
            qualities=qualities,
        )


def _feedback(user, rotation, giver, *, said_on: int, followed_up_on: int | None = None, **words) -> None:
    """Feedback from ``giver`` (``said``, ``change`` and, once followed up, ``follow_up`` and ``reaction``)."""
    if followed_up_on is not None:
        words["followed_up_on"] = _day(rotation, followed_up_on)
    feedback_save(user=user, rotation=rotation, giver=giver, given_on=_day(rotation, said_on), **words)


WARD_STORIES = (
    (
        2,
        "Presented a new admission with a four-item differential for hyponatremia and argued for checking "
        "urine osmolality before fluids; Dr. Kowalski agreed and we held the saline.",
        ["clinical_reasoning"],
        True,
    ),
    (
        6,
        "Stayed until 7 pm to call three families with the day's plan after the team meeting ran late.",
        ["work_ethic", "communication"],
        True,
    ),
    (
        9,
        "Coordinated home oxygen with case management so a COPD patient could go home on Friday as planned.",
        ["communication", "reliability"],
        True,
    ),
    (
        16,
        "Caught a duplicate anticoagulant order during med reconciliation and flagged it to the resident "
        "before the evening dose.",
        ["patient_safety", "reliability"],
        True,
    ),
    (
        20,
        "Gave a 10-minute talk to the team on the new heart failure guideline and answered questions from two interns.",
        ["clinical_reasoning", "teachability"],
        True,
    ),
)
CLINIC_STORIES = (
    (
        2,
        "Explained a new diabetes diagnosis and insulin plan to an "
        "anxious patient in simpler terms, using teach-back; Dr. Yılmaz sat in.",
        ["communication"],
        True,
    ),
    (4, "Helped out in clinic and was very proactive.", [], False),
)


def _ward_evidence(user, ward, attending, resident) -> None:
    """A rotation done well: specific visible stories, feedback acted on, compliments written down."""
    _stories(user, ward, [attending, resident], WARD_STORIES)
    _feedback(
        user,
        ward,
        attending,
        said_on=5,
        followed_up_on=12,
        said="Your presentations are thorough but too long; lead with the assessment.",
        change="Open each presentation with a one-line assessment and keep it under three minutes.",
        follow_up="I have been leading with my assessment and timing myself on rounds.",
        reaction="Said the presentations were much tighter this week.",
    )
    for giver, offset, text in (
        (attending, 19, "You run your patients like an intern already."),
        (resident, 22, "Thanks for always closing the loop on labs; I never had to chase you."),
    ):
        compliment_save(user=user, rotation=ward, giver=giver, received_on=_day(ward, offset), text=text)


def _clinic_evidence(user, clinic, attending, today) -> None:
    """A rotation in progress: a good start, one feedback loop still open, today's tasks."""
    _stories(user, clinic, [attending], CLINIC_STORIES)
    _feedback(
        user,
        clinic,
        attending,
        said_on=1,
        said="Try to finish your notes before the next patient instead of at the end of the day.",
        change="Write the assessment and plan right after each visit.",
    )
    for text in ("Call the pharmacy about the prior authorization", "Update the problem list for the 2 pm visit"):
        task_add(rotation=clinic, day=today, text=text)
