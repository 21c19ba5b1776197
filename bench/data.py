"""Build an applicant with N evidence entries (stories, feedback, compliments, tasks) for the benchmarks and
the query-count tests: one current rotation with a team of four, its stories witnessed by the team."""

from __future__ import annotations

import datetime as dt

STORY_TEXTS = (
    "Called 3 families before 5 pm to update them on the discharge plan, and the attending used my notes on rounds.",
    "Presented a new admission with DKA on rounds with a clear assessment and plan; the senior adopted my fluids plan.",
    "Caught a duplicate heparin order during med reconciliation and told the resident, who cancelled it.",
    "Helped out on the ward and was very proactive.",
    "Gave a ten-minute talk on hyponatremia workup to the students after noon conference.",
)


def build_user(*, email: str, entries: int, today: dt.date, agreed: bool = False):
    """A user with ``entries`` entries in all: about 60% stories, 15% feedback, 10% compliments, 15% tasks;
    the attending is on the letter list (``agreed``: and has said yes, so the helper can be made)."""
    from lorforge.accounts.services import profile_for, profile_update, user_sign_up
    from lorforge.core.season import season_for
    from lorforge.evidence.models import Compliment, Feedback, Story, Task
    from lorforge.letters.services import writer_add
    from lorforge.rotations.models import Person
    from lorforge.rotations.services import rotation_create

    user = user_sign_up(email=email, password="correct-horse-battery-staple")
    profile_update(
        profile=profile_for(user=user),
        display_name="Çağlar Yılmaz",
        country="Türkiye",
        medical_school="Ankara University",
        target_specialty="Internal Medicine",
        season=season_for(today),
    )
    start = today - dt.timedelta(days=14)
    rotation = rotation_create(
        user=user,
        site="Mercy General",
        specialty="Internal Medicine",
        kind="clerkship",
        setting="inpatient",
        start_date=start,
        end_date=start + dt.timedelta(days=27),
        attending_name="Dr. Sarah Smith",
        attending_email="s.smith@mercy.example.org",
    )
    team = [rotation.people.get()] + [
        Person.objects.create(user=user, rotation=rotation, role=role, name=name)
        for role, name in (("resident", "Dr. Ana Souza"), ("fellow", "Dr. Li Wei"), ("nurse", "Maria Lopez"))
    ]
    writer = writer_add(user=user, person=team[0], on=today)
    if agreed:
        from lorforge.letters.services import writer_move

        for stage in ("asked", "agreed"):
            writer_move(writer=writer, to=stage, on=today)
    n_stories, n_feedback, n_compliments = int(entries * 0.6), int(entries * 0.15), int(entries * 0.1)
    n_tasks = max(entries - n_stories - n_feedback - n_compliments, 0)
    # Rows made in bulk with the figures the save service stores (verdict, hint), as the app would have them.
    from lorforge.core import coach

    verdicts = {t: coach.assess(t) for t in STORY_TEXTS}
    stories = Story.objects.bulk_create(
        [
            Story(
                user=user,
                rotation=rotation,
                text=(text := STORY_TEXTS[i % len(STORY_TEXTS)]),
                happened_on=start + dt.timedelta(days=i % 14),
                visible=i % 3 == 0,
                qualities=list(verdicts[text].qualities),
                specific=verdicts[text].specific,
                score=verdicts[text].score,
                hint=verdicts[text].hint,
                help_offer=coach.is_help_offer(text),
                coached_by=coach.edition(),
            )
            for i in range(n_stories)
        ]
    )
    through = Story.witnesses.through
    through.objects.bulk_create([through(story_id=s.pk, person_id=team[i % 3].pk) for i, s in enumerate(stories)])
    Feedback.objects.bulk_create(
        [
            Feedback(
                user=user,
                rotation=rotation,
                giver=team[i % 2],
                given_on=start + dt.timedelta(days=i % 14),
                said="Lead with your assessment.",
                change="I open each presentation with a one-line assessment.",
                followed_up_on=None if i % 2 else start + dt.timedelta(days=i % 14 + 1),
            )
            for i in range(n_feedback)
        ]
    )
    Compliment.objects.bulk_create(
        [
            Compliment(
                user=user,
                rotation=rotation,
                giver=team[i % 2],
                received_on=start + dt.timedelta(days=i % 14),
                text="Great family meeting today.",
            )
            for i in range(n_compliments)
        ]
    )
    Task.objects.bulk_create(
        [
            Task(user=user, rotation=rotation, day=today - dt.timedelta(days=i % 14), text=f"Call cardiology {i}")
            for i in range(n_tasks)
        ]
    )
    return user, rotation, team
