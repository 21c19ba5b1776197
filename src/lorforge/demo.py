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
    past_start = _monday_on_or_before(today - dt.timedelta(days=63))
    ward = rotation_create(
        user=user,
        site="St. Agnes Medical Center, Baltimore",
        specialty="Internal Medicine",
        kind=Kind.SUB_INTERNSHIP,
        setting=Setting.INPATIENT,
        start_date=past_start,
        end_date=past_start + dt.timedelta(days=25),
    )
    kowalski = person_create(
        user=user,
        rotation=ward,
        name="Dr. Łukasz Kowalski",
        role=Role.ATTENDING,
        email="l.kowalski@stagnes.example.org",
        specialty="Internal Medicine",
    )
    pena = person_create(
        user=user,
        rotation=ward,
        name="Dr. José Peña",
        role=Role.RESIDENT,
        email="jose.pena@stagnes.example.org",
        specialty="Internal Medicine",
    )
    _ward_evidence(user, ward, kowalski, pena)

    # A four-week outpatient clerkship in its last week: the attending was asked today.
    clinic_start = today - dt.timedelta(days=23)
    clinic = rotation_create(
        user=user,
        site="Riverside Community Clinic, Columbus",
        specialty="Internal Medicine",
        kind=Kind.CLERKSHIP,
        setting=Setting.OUTPATIENT,
        start_date=clinic_start,
        end_date=clinic_start + dt.timedelta(days=27),
    )
    yilmaz = person_create(
        user=user,
        rotation=clinic,
        name="Dr. Ayşe Yılmaz",
        role=Role.ATTENDING,
        email="ayse.yilmaz@riverside.example.org",
        specialty="Internal Medicine",
    )
    raman = person_create(
        user=user,
        rotation=clinic,
        name="Dr. Priya Raman",
        role=Role.RESIDENT,
        email="priya.raman@riverside.example.org",
        specialty="Internal Medicine",
    )
    _clinic_evidence(user, clinic, yilmaz, raman, today)
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


def _ward_evidence(user, ward, attending, resident) -> None:
    """A rotation done well: specific visible stories, feedback acted on, compliments written down."""
    stories = [
        (
            2,
            "Presented a new admission with a four-item differential for hyponatremia and argued for checking "
            "urine osmolality before fluids; Dr. Kowalski agreed and we held the saline.",
            ["clinical_reasoning"],
        ),
        (
            6,
            "Stayed until 7 pm to call three families with the day's plan after the team meeting ran late.",
            ["work_ethic", "communication"],
        ),
        (
            9,
            "Coordinated home oxygen with case management so a COPD patient could go home on Friday as planned.",
            ["communication", "reliability"],
        ),
        (
            16,
            "Caught a duplicate anticoagulant order during med reconciliation and flagged it to the resident "
            "before the evening dose.",
            ["patient_safety", "reliability"],
        ),
        (
            20,
            "Gave a 10-minute talk to the team on the new heart failure guideline and answered questions from "
            "two interns.",
            ["clinical_reasoning", "teachability"],
        ),
    ]
    for offset, text, qualities in stories:
        story_save(
            user=user,
            rotation=ward,
            text=text,
            happened_on=_day(ward, offset),
            witnesses=[attending, resident],
            visible=True,
            qualities=qualities,
        )
    feedback_save(
        user=user,
        rotation=ward,
        giver=attending,
        given_on=_day(ward, 5),
        said="Your presentations are thorough but too long; lead with the assessment.",
        change="Open each presentation with a one-line assessment and keep it under three minutes.",
        followed_up_on=_day(ward, 12),
        follow_up="I have been leading with my assessment and timing myself on rounds.",
        reaction="Said the presentations were much tighter this week.",
    )
    compliment_save(
        user=user,
        rotation=ward,
        giver=attending,
        received_on=_day(ward, 19),
        text="You run your patients like an intern already.",
    )
    compliment_save(
        user=user,
        rotation=ward,
        giver=resident,
        received_on=_day(ward, 22),
        text="Thanks for always closing the loop on labs; I never had to chase you.",
    )


def _clinic_evidence(user, clinic, attending, resident, today) -> None:
    """A rotation in progress: a good start, one feedback loop still open, today's tasks."""
    story_save(
        user=user,
        rotation=clinic,
        text="Explained a new diabetes diagnosis and insulin plan to an "
        "anxious patient in simpler terms, using teach-back; Dr. Yılmaz sat in.",
        happened_on=_day(clinic, 2),
        witnesses=[attending],
        visible=True,
        qualities=["communication"],
    )
    story_save(
        user=user,
        rotation=clinic,
        text="Helped out in clinic and was very proactive.",
        happened_on=_day(clinic, 4),
        witnesses=[attending],
        visible=False,
        qualities=[],
    )
    feedback_save(
        user=user,
        rotation=clinic,
        giver=attending,
        given_on=_day(clinic, 1),
        said="Try to finish your notes before the next patient instead of at the end of the day.",
        change="Write the assessment and plan right after each visit.",
    )
    for text in ("Call the pharmacy about the prior authorization", "Update the problem list for the 2 pm visit"):
        task_add(rotation=clinic, day=today, text=text)
