"""Read-only queries over the evidence, for the Today, rotation and people pages."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    Max,
    Min,
    OrderBy,
    OuterRef,
    Prefetch,
    Q,
    StringAgg,
    Subquery,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, Coalesce, RowNumber

from lorforge.core import presentations, records, strength
from lorforge.core.qualities import QUALITY_KEYS
from lorforge.rotations.models import CheckpointLog, Person, Role, Rotation
from lorforge.web.queries import joined, split

from .models import Compliment, Feedback, Story, Task, TaskStatus

FEEDBACK_CHECKPOINTS = ("feedback_seed", "midpoint_feedback", "feedback_followup")


@dataclass(frozen=True)
class RotationSignals:
    """Counts the common-mistakes guidance needs (core.guidance.common_mistakes)."""

    feedback_asked: int
    resident_interactions: int
    team_has_residents: bool
    entry_texts: tuple[str, ...]


def _count(queryset, *, distinct: bool = False) -> Coalesce:
    """How many rows ``queryset`` (correlated with ``OuterRef``) has, as a subquery: no GROUP BY, one number."""
    template = "COUNT(DISTINCT %(expressions)s)" if distinct else "COUNT(%(expressions)s)"
    counted = queryset.order_by().annotate(n=Func(F("pk"), template=template, output_field=IntegerField()))
    return Coalesce(Subquery(counted.values("n")[:1]), 0)


def rotation_counts(*, today: dt.date) -> dict[str, Coalesce]:
    """The figures of a rotation that Today and the guidance show, as subqueries on the rotation's row:
    ``Rotation.objects.filter(…).annotate(**rotation_counts(today=…))`` reads them for every rotation of a
    page in one query (``signals_from`` turns a row into ``RotationSignals``)."""
    here = OuterRef("pk")
    residents = (Role.RESIDENT, Role.FELLOW)
    return {
        "n_residents": _count(Person.objects.filter(rotation=here, role__in=residents)),
        "n_feedback": _count(Feedback.objects.filter(rotation=here)),
        "n_feedback_steps": _count(CheckpointLog.objects.filter(rotation=here, key__in=FEEDBACK_CHECKPOINTS)),
        "n_resident_stories": _count(
            Story.objects.filter(rotation=here, witnesses__rotation=here, witnesses__role__in=residents),
            distinct=True,
        ),
        "n_resident_feedback": _count(
            Feedback.objects.filter(rotation=here, giver__rotation=here, giver__role__in=residents)
        ),
        "n_resident_compliments": _count(
            Compliment.objects.filter(rotation=here, giver__rotation=here, giver__role__in=residents)
        ),
        "n_stories_this_week": _count(
            Story.objects.filter(rotation=here, happened_on__gt=today - dt.timedelta(days=7))
        ),
    }


def observership_texts(rotations) -> dict[int, tuple[str, ...]]:
    """The story texts of the observerships among ``rotations`` (core.guidance.observership_flag reads them);
    no query when there is none."""
    ids = [r.pk for r in rotations if r.kind == "observership"]
    texts: dict[int, list[str]] = {pk: [] for pk in ids}
    if ids:
        for rotation_id, text in Story.objects.filter(rotation__in=ids).values_list("rotation_id", "text"):
            texts[rotation_id].append(text)
    return {pk: tuple(found) for pk, found in texts.items()}


def signals_from(row: Rotation, *, texts: tuple[str, ...] = ()) -> RotationSignals:
    """The guidance's counts from a rotation annotated with ``rotation_counts``."""
    return RotationSignals(
        feedback_asked=row.n_feedback + row.n_feedback_steps,
        resident_interactions=(
            row.n_resident_stories + row.n_resident_feedback + row.n_resident_compliments if row.n_residents else 0
        ),
        team_has_residents=bool(row.n_residents),
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


def _open_loop(today: dt.date) -> Q:
    """Feedback with no follow-up a week after it was given (``core.strength.loop_is_open``), as a filter."""
    return Q(followed_up_on__isnull=True, given_on__lte=today - strength.LOOP_OPEN_AFTER)


def _open_loops(*, user, today: dt.date):
    return Feedback.objects.filter(_open_loop(today), user=user).select_related("giver")


def open_loops(*, user, today: dt.date, rotation=None, limit: int | None = None) -> list[Feedback]:
    """Feedback from over a week ago that has not been followed up yet: time to show the change."""
    loops = _open_loops(user=user, today=today)
    if rotation is not None:
        loops = loops.filter(rotation=rotation)
    loops = loops.order_by("given_on", "id")
    return list(loops[:limit] if limit else loops)


# --- The strength meter ---------------------------------------------------------------------------
# The core's meter (core.strength) reads what each person witnessed and the feedback they gave as counts
# (Witnessed, FeedbackGiven): one query per kind of row for every person at once, counted in the database from
# the coach's verdict and the help-offer flag stored on each story when it was saved. No page judges a story
# again, reads every story or feedback, or runs a query per person or per story.


_QUALITY_KEY = re.compile(r'"(\w+)"')
_QUALITIES = frozenset(QUALITY_KEYS)


class _Seen(NamedTuple):
    witnessed: strength.Witnessed
    offers: int  # offers of help they witnessed
    here: int  # stories of the rotation asked about that they witnessed


def _witnessed_by(people: list[Person], *, today: dt.date, rotation: Rotation | None = None) -> dict[int, _Seen]:
    """What each of ``people`` witnessed up to ``today``, counted in one query whatever the number of stories:
    the meter's counts, the qualities the specific ones show (stored on each story when it was saved), the first
    and last days, the newest specific story not yet made visible, and their offers of help. Only for the people
    whose rotation is an observership are the texts read (one query), to look for a presented case, a note or a
    talk. With ``rotation``: also how many of its stories each witnessed (``here``), for the team's warnings."""
    seen = "stories_witnessed"
    past = Q(**{f"{seen}__happened_on__lte": today})
    specific = past & Q(**{f"{seen}__specific": True})
    unseen = Story.objects.filter(witnesses=OuterRef("pk"), happened_on__lte=today, specific=True, visible=False)
    unseen = unseen.order_by("-happened_on", "-id")
    figures = {
        "n_specific": Count(seen, filter=specific),
        "n_visible": Count(seen, filter=specific & Q(**{f"{seen}__visible": True})),
        "first_on": Min(f"{seen}__happened_on", filter=past),
        "last_on": Max(f"{seen}__happened_on", filter=past),
        "n_offers": Count(seen, filter=Q(**{f"{seen}__help_offer": True})),
        "unseen_text": Subquery(unseen.values("text")[:1]),
        # That story's day: the newest day of a specific story not made visible (no second subquery to sort).
        "unseen_on": Max(f"{seen}__happened_on", filter=specific & Q(**{f"{seen}__visible": False})),
        # The distinct quality lists of the specific ones (a few, however many stories), in one text: the union
        # is read from it below.
        "qualities_seen": StringAgg(
            Cast(f"{seen}__qualities", TextField()), delimiter=Value(","), distinct=True, filter=specific
        ),
    }
    if rotation is not None:
        figures["here"] = Count(seen, filter=past & Q(**{f"{seen}__rotation": rotation}))
    rows = Person.objects.filter(pk__in=[p.pk for p in people]).order_by().annotate(**figures)
    found = {row.pk: row for row in rows}
    observers = [p.pk for p in people if p.rotation is not None and p.rotation.kind == "observership"]
    active = set()
    if observers:
        witnessed = Story.witnesses.through.objects.filter(person_id__in=observers, story__happened_on__lte=today)
        active = {
            pid for pid, text in witnessed.values_list("person_id", "story__text") if strength.is_active_work(text)
        }
    out = {}
    for person in people:
        row = found[person.pk]
        unseen_story = None
        if row.unseen_text is not None:
            unseen_story = records.Story(
                text=row.unseen_text, on=row.unseen_on, witnesses=(person.name,), visible=False, specific=True
            )
        out[person.pk] = _Seen(
            strength.Witnessed(
                specific=row.n_specific,
                visible=row.n_visible,
                qualities=frozenset(_QUALITY_KEY.findall(row.qualities_seen or "")) & _QUALITIES,
                first_on=row.first_on,
                last_on=row.last_on,
                unseen=unseen_story,
                active_work=person.pk in active,
            ),
            row.n_offers,
            getattr(row, "here", 0),
        )
    return out


class _Given(NamedTuple):
    by: dict[int, strength.FeedbackGiven]  # what each person gave (none: nothing)
    here: frozenset[str]  # the names of those who gave feedback on the rotation asked about


_NONE_GIVEN = strength.FeedbackGiven(0, 0, 0, None, None, None)


def _feedback_given(people_ids: list[int], *, today: dt.date, rotation: Rotation | None = None) -> _Given:
    """The feedback these people gave up to ``today``, counted by giver in one query whatever the number of
    entries: the meter's loops and days (``core.strength.FeedbackGiven``) and, with ``rotation``, who gave
    feedback on it (the team's warnings)."""
    wanted = Q(giver_id__in=people_ids)
    if rotation is not None:
        wanted = Q(user_id=rotation.user_id) & (wanted | Q(rotation=rotation))
    open_loop = _open_loop(today)
    followed = Q(followed_up_on__lte=today)
    figures = {
        "n": Count("pk"),
        "closed": Count("pk", filter=Q(followed_up_on__isnull=False)),
        "open": Count("pk", filter=open_loop),
        "newest_open": Max("given_on", filter=open_loop),
        "first_on": Min("given_on"),
        "last_on": Max("given_on"),
        "first_follow": Min("followed_up_on", filter=followed),
        "last_follow": Max("followed_up_on", filter=followed),
    }
    if rotation is not None:
        figures["here"] = Count("pk", filter=Q(rotation=rotation))
    rows = Feedback.objects.filter(wanted, given_on__lte=today).order_by().values("giver_id", "giver__name")
    by, here = {}, set()
    for row in rows.annotate(**figures):
        if row.get("here"):
            here.add(row["giver__name"] or "")
        if row["giver_id"] in people_ids:
            dated = [d for d in (row["first_on"], row["last_on"], row["first_follow"], row["last_follow"]) if d]
            by[row["giver_id"]] = strength.FeedbackGiven(
                count=row["n"],
                closed=row["closed"],
                open_loops=row["open"],
                newest_open_on=row["newest_open"],
                first_on=min(dated),
                last_on=max(dated),
            )
    return _Given(by, frozenset(here))


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


def strengths_for(
    *,
    people: list[Person],
    today: dt.date,
    stages: dict[int, str] | None = None,
    seen: dict | None = None,
    given: _Given | None = None,
) -> dict[int, object]:
    """The meter for each of ``people`` (with their rotation selected): two queries (and one for the texts of
    observers' stories), three without ``stages`` (person id → their letter's stage, when the page has read the
    letters already); none with ``seen`` and ``given`` (``_witnessed_by`` and ``_feedback_given``, read for
    more than the meters)."""
    ids = [p.pk for p in people]
    if not ids:
        return {}
    seen = seen if seen is not None else _witnessed_by(people, today=today)
    given = given if given is not None else _feedback_given(ids, today=today)
    stages = _letter_stages(ids) if stages is None else stages
    return {
        p.pk: strength.writer_strength(
            person=p.to_record(),
            seen=seen[p.pk].witnessed,
            given=given.by.get(p.pk, _NONE_GIVEN),
            today=today,
            rotation=p.rotation.to_record() if p.rotation else None,
            help_offers=seen[p.pk].offers,
            letter_stage=stages.get(p.pk) or "candidate",
        )
        for p in people
    }


def person_strength(*, person: Person, today: dt.date, stage: str | None = None):
    """One person's meter (``stage``: their letter's stage, when already read)."""
    stages = None if stage is None else {person.pk: stage}
    return strengths_for(people=[person], today=today, stages=stages)[person.pk]


WRITER_ROLES_ON_A_TEAM = (Role.ATTENDING, Role.FELLOW, Role.RESIDENT)


@dataclass(frozen=True)
class TeamEvidence:
    """The rotation page's evidence: each possible writer's meter, strongest first, and the team's warnings."""

    strengths: list[tuple[Person, object]]
    flags: tuple


def team_evidence(
    *, rotation: Rotation, today: dt.date, team: list[Person] | None = None, stages: dict[int, str] | None = None
) -> TeamEvidence:
    """The meters and the warnings from one query for the stories and one for the feedback (``team``: the
    rotation's people when already read; ``stages``: their letters' stages, likewise)."""
    team = list(rotation.people.all()) if team is None else team
    for person in team:
        person.rotation = rotation  # already loaded: no query per person
    writers = [p for p in team if p.role in WRITER_ROLES_ON_A_TEAM]
    ids = [p.pk for p in writers]
    seen = _witnessed_by(team, today=today, rotation=rotation)  # the whole team: the warnings name who saw what
    given = _feedback_given(ids, today=today, rotation=rotation)
    found = strengths_for(people=writers, today=today, stages=stages, seen=seen, given=given)
    order = {"strong": 0, "building": 1, "thin": 2}
    meters = sorted(
        ((person, found[person.pk]) for person in writers),
        key=lambda pm: (order.get(pm[1].level, 3), pm[0].role != Role.ATTENDING, pm[0].name),
    )
    return TeamEvidence(strengths=meters, flags=_team_flags(rotation, team, seen, given, today))


def _team_flags(rotation: Rotation, team: list[Person], seen: dict, given: _Given, today: dt.date):
    """Rotation-level warnings, from what the team witnessed of the rotation's stories (counted by
    ``_witnessed_by``), who gave feedback on it (``_feedback_given``), its number of stories and, on an
    observership only, their texts."""
    stories = Story.objects.filter(rotation=rotation, happened_on__lte=today)
    observership = rotation.kind == "observership"
    texts = list(stories.values_list("text", flat=True)) if observership else []
    return strength.team_flags(
        people=[p.to_record() for p in team],
        givers=given.here,
        rotation=rotation.to_record(),
        today=today,
        seen=strength.TeamSeen(
            stories=len(texts) if observership else stories.count(),
            witnesses=frozenset(p.name for p in team if seen[p.pk].here),
            active_work=any(strength.is_active_work(text) for text in texts),
        ),
    )


# --- The one-page helper ----------------------------------------------------------------------------

HELPER_ROWS = 24  # of each kind: more than the helper's sections can hold (core.documents keeps the best few)
# Who an entry is about and its day, for each kind the helper draws on.
HELPER_FIELDS = {
    Story: ("witnesses", "happened_on"),
    Feedback: ("giver", "given_on"),
    Compliment: ("giver", "received_on"),
}


def helper_relevant(model, *, person: Person, rotation: Rotation | None) -> Q:
    """The entries of ``model`` the helper for ``person`` draws on: what they witnessed or gave, and anything
    dated during their rotation (core.documents.helper_content makes the same choice from records)."""
    who, day = HELPER_FIELDS[model]
    relevant = Q(**{who: person})
    if rotation is not None:
        relevant |= Q(**{f"{day}__range": (rotation.start_date, rotation.end_date)})
    return relevant


def _theirs(field: str, person: Person) -> Case:
    """0 for an entry this person witnessed or gave, else 1: theirs come first."""
    if field == "witnesses":
        seen = Story.witnesses.through.objects.filter(story_id=OuterRef("pk"), person_id=person.pk)
        return Case(When(Exists(seen), then=0), default=1, output_field=IntegerField())
    return Case(When(**{field: person}, then=0), default=1, output_field=IntegerField())


def helper_stories(
    *, user, person: Person, rotation: Rotation | None, limit: int = HELPER_ROWS, witnesses: bool = True
) -> list[Story]:
    """The stories the helper is made of, chosen in the query: the coach's specific ones first (its verdict is
    stored on each story), then in the helper's own order (core.documents: what they saw first, then what they
    were shown, oldest first). Two queries whatever the number of stories, one without the ``witnesses``."""
    ids = Story.objects.filter(helper_relevant(Story, person=person, rotation=rotation), user=user).values("pk")
    chosen = (
        Story.objects.filter(pk__in=ids)
        .annotate(theirs=_theirs("witnesses", person))
        .order_by("-specific", "theirs", "-visible", "happened_on", "-id")
    )
    if witnesses:
        chosen = chosen.annotate(witness_names=_witness_names())
    return list(chosen[:limit])


def _witness_names() -> Subquery:
    """The names of a story's witnesses in one text, read with the story (``witness_names`` splits it)."""
    return joined(Story.witnesses.through.objects.filter(story_id=OuterRef("pk")), by="story_id", field="person__name")


def witness_names(story: Story) -> tuple[str, ...]:
    """The witnesses of a story that ``helper_stories`` read, by name."""
    return split(story.witness_names)


def helper_feedback(*, user, person: Person, rotation: Rotation | None, limit: int = HELPER_ROWS) -> list[Feedback]:
    """The feedback the helper is made of, in its own order (theirs first, followed up first, oldest first)."""
    open_loop = Case(When(followed_up_on__isnull=True, then=1), default=0, output_field=IntegerField())
    return list(
        Feedback.objects.filter(helper_relevant(Feedback, person=person, rotation=rotation), user=user)
        .exclude(said="")
        .select_related("giver")
        .annotate(theirs=_theirs("giver", person), open_loop=open_loop)
        .order_by("theirs", "open_loop", "given_on", "-id")[:limit]
    )


def helper_compliments(
    *, user, person: Person, rotation: Rotation | None, limit: int = HELPER_ROWS
) -> list[Compliment]:
    """The compliments the helper is made of, in its own order (theirs first, oldest first)."""
    return list(
        Compliment.objects.filter(helper_relevant(Compliment, person=person, rotation=rotation), user=user)
        .exclude(text="")
        .select_related("giver")
        .annotate(theirs=_theirs("giver", person))
        .order_by("theirs", "received_on", "-id")[:limit]
    )


# --- Tasks and the Today panels -----------------------------------------------------------------

TASKS_SHOWN = 50  # a rotation day's list; more is a typo loop, not a day's work (the rest stay in the database)
TODAY_TASKS_SHOWN = 10  # Today's fold lists what is left first; the day's task list page holds the rest


def tasks_page(*, rotation: Rotation, day: dt.date, today: dt.date, tasks: list | None = None) -> dict:
    """A day's task list (``tasks``: up to ``TASKS_SHOWN + 1`` of them, when already read)."""
    from . import services

    tasks = list(rotation.tasks.filter(day=day)[: TASKS_SHOWN + 1]) if tasks is None else tasks
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


def first_per_rotation(queryset, *, ids: list[int], order_by: tuple, limit: int) -> dict[int, list]:
    """The first ``limit`` rows of ``queryset`` for each of the rotations ``ids``, in one query: a window per
    rotation, or for one rotation (the usual day) a plain ``LIMIT``, which Django builds in a third of the time."""
    if len(ids) == 1:
        rows = list(queryset.filter(rotation_id=ids[0]).order_by(*order_by)[:limit])
        return {ids[0]: rows} if rows else {}
    numbered = (
        queryset.filter(rotation__in=ids)
        .annotate(
            row_number=Window(
                RowNumber(),
                partition_by=F("rotation_id"),
                order_by=[OrderBy(F(f.lstrip("-")), descending=f.startswith("-")) for f in order_by],
            )
        )
        .filter(row_number__lte=limit)
    )
    found: dict[int, list] = {}
    for row in numbered.order_by("rotation_id", *order_by):
        found.setdefault(row.rotation_id, []).append(row)
    return found


def today_panels(*, rotations: list[Rotation], today: dt.date, stories_this_week: dict[int, int]) -> dict[int, dict]:
    """What the Today page shows from the evidence for each of ``rotations``: quick capture, open loops, today's
    tasks. One query for the loops and one for the tasks of every rotation (the capture form lists its team when
    the page is drawn)."""
    if not rotations:
        return {}
    ids = [r.pk for r in rotations]
    loops = first_per_rotation(
        _open_loops(user=rotations[0].user, today=today),
        ids=ids,
        order_by=("given_on", "id"),
        limit=OPEN_LOOPS_SHOWN + 1,
    )
    tasks = first_per_rotation(
        Task.objects.filter(day=today), ids=ids, order_by=("day", "created_at", "id"), limit=TASKS_SHOWN + 1
    )
    panels = {}
    for rotation in rotations:
        rotation_loops = loops.get(rotation.pk, [])
        page = tasks_page(rotation=rotation, day=today, today=today, tasks=tasks.get(rotation.pk, []))
        left = [t for t in page["tasks"] if t.status != TaskStatus.DONE]
        panels[rotation.pk] = {
            "open_loops": rotation_loops[:OPEN_LOOPS_SHOWN],
            "more_open_loops": len(rotation_loops) > OPEN_LOOPS_SHOWN,
            # What is left first, then what is done, up to TODAY_TASKS_SHOWN; the count and the end-of-day
            # update are made from the whole day's list.
            "tasks": (left + [t for t in page["tasks"] if t.status == TaskStatus.DONE])[:TODAY_TASKS_SHOWN],
            "open_tasks": len(left),  # not done yet: to do or blocked
            "tasks_not_shown": max(len(page["tasks"]) - TODAY_TASKS_SHOWN, 0),
            "more_tasks": page["more_tasks"],
            "summary": page["summary"],
            "stories_this_week": stories_this_week.get(rotation.pk, 0),
        }
    return panels


def presentation_text(draft) -> str:
    """The saved template as text to read aloud."""
    render = presentations.render_presentation if draft.kind == "oral" else presentations.render_sbar
    return render(draft.values)
