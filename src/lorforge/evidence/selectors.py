"""Read-only queries over the evidence, for the Today, rotation and people pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q

from lorforge.core import presentations, records, strength
from lorforge.rotations.models import CheckpointLog, Person, Role, Rotation

from .models import Compliment, Feedback, Story

LOOP_DAYS = 7  # feedback older than this, without a follow-up, is an open loop
FEEDBACK_CHECKPOINTS = ("feedback_seed", "midpoint_feedback", "feedback_followup")


@dataclass(frozen=True)
class RotationSignals:
    """Counts the common-mistakes guidance needs (core.guidance.common_mistakes)."""

    feedback_asked: int
    resident_interactions: int
    team_has_residents: bool
    entry_texts: tuple[str, ...]


def rotation_signals(*, rotation: Rotation) -> RotationSignals:
    residents = Q(role=Role.RESIDENT) | Q(role=Role.FELLOW)
    resident_ids = rotation.people.filter(residents).values("id")
    counts = {"residents": resident_ids.count(), "feedback": Feedback.objects.filter(rotation=rotation).count()}
    feedback_asked = (
        counts["feedback"] + CheckpointLog.objects.filter(rotation=rotation, key__in=FEEDBACK_CHECKPOINTS).count()
    )
    resident_interactions = (
        (
            Story.objects.filter(rotation=rotation, witnesses__in=resident_ids).values("pk").distinct().count()
            + Feedback.objects.filter(rotation=rotation, giver__in=resident_ids).count()
            + Compliment.objects.filter(rotation=rotation, giver__in=resident_ids).count()
        )
        if counts["residents"]
        else 0
    )
    # The texts only matter on an observership (core.guidance.observership_flag reads them).
    texts = (
        tuple(Story.objects.filter(rotation=rotation).values_list("text", flat=True))
        if rotation.kind == "observership"
        else ()
    )
    return RotationSignals(
        feedback_asked=feedback_asked,
        resident_interactions=resident_interactions,
        team_has_residents=bool(counts["residents"]),
        entry_texts=texts,
    )


# --- Lists, search and filters ------------------------------------------------------------------

PAGE_SIZE = 25  # entries of each kind per page of the Evidence list


@dataclass(frozen=True)
class Page:
    """One page of a list cut in the query: the rows, how many there are in all, and where the rest is."""

    number: int
    size: int
    total: int

    @property
    def has_next(self) -> bool:
        return self.number * self.size < self.total

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def previous_number(self) -> int:
        return self.number - 1

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))


def evidence_list(
    *,
    user,
    q: str = "",
    kind: str = "",
    rotation=None,
    person=None,
    quality: str = "",
    page: int = 1,
    size: int = PAGE_SIZE,
) -> dict:
    """Stories, feedback and compliments matching the filters, newest first: one page of each, cut in the
    query, with the number of each in all (the search, the filters and the page links reach the rest)."""
    stories = (
        Story.objects.filter(user=user)
        .select_related("rotation")
        .prefetch_related(Prefetch("witnesses", queryset=Person.objects.only("id", "name")))
    )
    feedback = Feedback.objects.filter(user=user).select_related("giver", "rotation")
    compliments = Compliment.objects.filter(user=user).select_related("giver", "rotation")
    if q:
        stories = stories.filter(text__icontains=q)
        feedback = feedback.filter(Q(said__icontains=q) | Q(change__icontains=q) | Q(follow_up__icontains=q))
        compliments = compliments.filter(text__icontains=q)
    if rotation:
        stories, feedback, compliments = (qs.filter(rotation=rotation) for qs in (stories, feedback, compliments))
    if person:
        stories = stories.filter(witnesses=person)
        feedback, compliments = feedback.filter(giver=person), compliments.filter(giver=person)
    if quality:
        # The stored list is JSON text on every database: look for the quoted key (keys are plain words).
        stories = stories.filter(qualities__icontains=f'"{quality}"')
        feedback, compliments = feedback.none(), compliments.none()
    shown = {
        "story": kind in ("", "story"),
        "feedback": kind in ("", "feedback"),
        "compliment": kind in ("", "compliment"),
    }
    totals = {
        name: (qs.count() if shown[name] else 0)
        for name, qs in (("story", stories), ("feedback", feedback), ("compliment", compliments))
    }
    page = max(1, page)
    cut = slice((page - 1) * size, page * size)

    def rows(name, qs):
        return list(qs[cut]) if shown[name] and totals[name] > cut.start else []

    return {
        "stories": rows("story", stories),
        "feedback": rows("feedback", feedback),
        "compliments": rows("compliment", compliments),
        "story_count": totals["story"],
        "feedback_count": totals["feedback"],
        "compliment_count": totals["compliment"],
        "page": Page(number=page, size=size, total=max(totals.values())),
    }


OPEN_LOOPS_SHOWN = 5  # on Today: the oldest few; the Evidence list has them all


def open_loops(*, user, today: dt.date, rotation=None, limit: int | None = None) -> list[Feedback]:
    """Feedback from over a week ago that has not been followed up yet: time to show the change."""
    loops = Feedback.objects.filter(
        user=user, followed_up_on__isnull=True, given_on__lte=today - dt.timedelta(days=LOOP_DAYS)
    ).select_related("giver")
    if rotation is not None:
        loops = loops.filter(rotation=rotation)
    loops = loops.order_by("given_on", "id")
    return list(loops[:limit] if limit else loops)


# --- The strength meter ---------------------------------------------------------------------------
# The core's meter (core.strength) reads records. They are built here from plain rows, one query per kind of
# row for every person at once, with the coach's verdict and the help-offer flag stored on each story when it
# was saved: no page judges a story again, and no query runs per person or per story.


def _stories_by_witness(people_ids: list[int], *, with_texts: bool) -> dict[int, list[records.Story]]:
    """Each person's witnessed stories as core records (newest first, as the model orders them)."""
    through = Story.witnesses.through
    rows = (
        through.objects.filter(person_id__in=people_ids)
        .order_by("-story__happened_on", "-story__id")
        .values_list(
            "person_id",
            "person__name",
            "story__happened_on",
            "story__visible",
            "story__qualities",
            "story__specific",
            "story__help_offer",
            "story__text" if with_texts else "story__specific",
        )
    )
    out: dict[int, list[records.Story]] = {pid: [] for pid in people_ids}
    offers: dict[int, int] = dict.fromkeys(people_ids, 0)
    for pid, name, on, visible, qualities, specific, help_offer, text in rows:
        out[pid].append(
            records.Story(
                text=text if with_texts else "",
                on=on,
                witnesses=(name,),
                visible=visible,
                qualities=tuple(qualities or ()),
                specific=specific,
            )
        )
        offers[pid] += bool(help_offer)
    return out, offers


def _feedback_by_giver(people_ids: list[int]) -> dict[int, list[records.Feedback]]:
    out: dict[int, list[records.Feedback]] = {pid: [] for pid in people_ids}
    rows = Feedback.objects.filter(giver_id__in=people_ids).values_list(
        "giver_id", "giver__name", "given_on", "said", "change", "followed_up_on", "reaction"
    )
    for pid, name, on, said, change, followed, reaction in rows:
        out[pid].append(
            records.Feedback(giver=name, on=on, said=said, change=change, followed_up_on=followed, reaction=reaction)
        )
    return out


def _letter_stages(people_ids: list[int]) -> dict[int, str]:
    """The last stage of each person's letter (letters.Writer's dated history), in one query."""
    from django.apps import apps

    change = apps.get_model("letters", "StageChange")
    stages: dict[int, str] = {}
    for pid, stage in (
        change.objects.filter(writer__person_id__in=people_ids)
        .order_by("writer__person_id", "on", "id")
        .values_list("writer__person_id", "stage")
    ):
        stages[pid] = stage  # ordered oldest first: the last one wins
    return stages


def strengths_for(*, people: list[Person], today: dt.date) -> dict[int, object]:
    """The meter for each of ``people`` (with their rotation selected), in a constant number of queries."""
    ids = [p.pk for p in people]
    if not ids:
        return {}
    # The text is read only for the first story not yet made visible and the observership check.
    stories, offers = _stories_by_witness(ids, with_texts=True)
    feedback, stages = _feedback_by_giver(ids), _letter_stages(ids)
    return {
        p.pk: strength.writer_strength(
            person=p.to_record(),
            stories=stories[p.pk],
            feedback=feedback[p.pk],
            today=today,
            rotation=p.rotation.to_record() if p.rotation else None,
            help_offers=offers[p.pk],
            letter_stage=stages.get(p.pk) or "candidate",
        )
        for p in people
    }


def person_strength(*, person: Person, today: dt.date):
    return strengths_for(people=[person], today=today)[person.pk]


def rotation_strengths(*, rotation: Rotation, today: dt.date) -> list[tuple[Person, object]]:
    """The meter for each possible writer on the team (attendings, fellows and residents), strongest first."""
    writers = list(rotation.people.filter(role__in=[Role.ATTENDING, Role.FELLOW, Role.RESIDENT]))
    for person in writers:
        person.rotation = rotation  # already loaded: no query per person
    found = strengths_for(people=writers, today=today)
    meters = [(person, found[person.pk]) for person in writers]
    order = {"strong": 0, "building": 1, "thin": 2}
    return sorted(meters, key=lambda pm: (order.get(pm[1].level, 3), pm[0].role != Role.ATTENDING, pm[0].name))


def team_flags(*, rotation: Rotation, today: dt.date):
    """Rotation-level warnings, from plain rows: who witnessed or gave what, and (on an observership only)
    the story texts."""
    observership = rotation.kind == "observership"
    witnesses: dict[int, list[str]] = {}
    for story_id, name in Story.witnesses.through.objects.filter(story__rotation=rotation).values_list(
        "story_id", "person__name"
    ):
        witnesses.setdefault(story_id, []).append(name)
    rows = Story.objects.filter(rotation=rotation).values_list("pk", "happened_on", "text" if observership else "pk")
    stories = [
        records.Story(text=text if observership else "", on=on, witnesses=tuple(witnesses.get(pk, ())))
        for pk, on, text in rows
    ]
    feedback = [
        records.Feedback(giver=giver or "", on=on, said="")
        for giver, on in Feedback.objects.filter(rotation=rotation).values_list("giver__name", "given_on")
    ]
    return strength.team_flags(
        people=[p.to_record() for p in rotation.people.all()],
        stories=stories,
        feedback=feedback,
        rotation=rotation.to_record(),
        today=today,
    )


# --- The one-page helper ----------------------------------------------------------------------------

HELPER_STORIES = 24  # more than the helper's sections can hold (core.documents keeps the best few)


def helper_stories(*, user, person: Person, rotation: Rotation | None, limit: int = HELPER_STORIES) -> list[Story]:
    """The stories the helper is made of, chosen in the query: those this person witnessed or that happened
    during their rotation, the coach's specific ones first, what they saw first, newest first."""
    relevant = Q(witnesses=person)
    if rotation is not None:
        relevant |= Q(happened_on__range=(rotation.start_date, rotation.end_date))
    seen = Story.witnesses.through.objects.filter(story_id=OuterRef("pk"), person_id=person.pk)
    ids = Story.objects.filter(relevant, user=user).values("pk").distinct()
    return list(
        Story.objects.filter(pk__in=ids)
        .annotate(seen=Exists(seen))
        .order_by("-specific", "-seen", "-happened_on", "-id")
        .prefetch_related(Prefetch("witnesses", queryset=Person.objects.only("id", "name")))[:limit]
    )


# --- Tasks and the Today panels -----------------------------------------------------------------

TASKS_SHOWN = 50  # a rotation day's list; more is a typo loop, not a day's work (the rest stay in the database)


def tasks_page(*, rotation: Rotation, day: dt.date, today: dt.date) -> dict:
    from . import services

    tasks = list(rotation.tasks.filter(day=day)[: TASKS_SHOWN + 1])
    return {
        "rotation": rotation,
        "day": day,
        "tasks": tasks[:TASKS_SHOWN],
        "more_tasks": len(tasks) > TASKS_SHOWN,
        "summary": services.tasks_summary(rotation=rotation, day=day, tasks=tasks) if tasks else "",
        "previous_day": day - dt.timedelta(days=1),
        "next_day": day + dt.timedelta(days=1),
        "is_today": day == today,
    }


def today_panels(*, rotation: Rotation, today: dt.date) -> dict:
    """What the Today page shows from the evidence: quick capture, open loops, today's tasks."""
    from .forms import StoryForm

    form = StoryForm(user=rotation.user, initial={"rotation": rotation.pk, "happened_on": today})
    team = rotation.people.all()
    form.fields["witnesses"].queryset = team
    loops = open_loops(user=rotation.user, today=today, rotation=rotation, limit=OPEN_LOOPS_SHOWN + 1)
    return {
        "capture_form": form,
        "open_loops": loops[:OPEN_LOOPS_SHOWN],
        "more_open_loops": len(loops) > OPEN_LOOPS_SHOWN,
        **{k: v for k, v in tasks_page(rotation=rotation, day=today, today=today).items() if k in ("tasks", "summary")},
        "stories_this_week": Story.objects.filter(
            rotation=rotation, happened_on__gt=today - dt.timedelta(days=7)
        ).count(),
    }


def presentation_text(draft) -> str:
    """The saved template as text to read aloud."""
    render = presentations.render_presentation if draft.kind == "oral" else presentations.render_sbar
    return render(draft.values)
