"""The pages that show the plan (Today, a rotation, its plan, a person) and the actions on its steps."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from lorforge import clock
from lorforge.accounts.privacy import guard_kwargs, remember_kept_words
from lorforge.core import calendar, dates
from lorforge.evidence.forms import quick_capture_form
from lorforge.rotations.forms import CheckpointDoneForm, DailyCheckForm
from lorforge.rotations.models import Outcome, Person, Rotation
from lorforge.rotations.services import rotation_lead
from lorforge.web.navigation import next_or

from . import selectors, services

# Where a page shows the messages of an action: next to the form the applicant used (?at=<place>),
# not at the top of a long page. Each page names the places it has; any other value is ignored.
TODAY_PLACES = ("focus", "capture", "checklist", "tasks")


def _place(request, allowed) -> str:
    place = request.GET.get("at", "")
    return place if place in allowed else ""


def _today_places(rotations) -> set[str]:
    return {f"{kind}-{rotation.pk}" for rotation in rotations for kind in TODAY_PLACES}


def _rotation_for(request, pk: int) -> Rotation:
    """The signed-in user's rotation; anyone else's is a 404, never a 403 that confirms it exists. Its user is
    the signed-in one, already read (with the profile ``clock.today`` reads): not read again."""
    rotation = get_object_or_404(Rotation, pk=pk, user=request.user)
    rotation.user = request.user
    return rotation


def _person_for(request, pk: int) -> Person:
    """The signed-in user's person, with their rotation, their place on the letter list and its history."""
    person = get_object_or_404(
        Person.objects.select_related("rotation", "writer").prefetch_related("writer__stage_changes"),
        pk=pk,
        user=request.user,
    )
    person.user = request.user
    return person


def rotation_detail(request, pk: int):
    rotation = _rotation_for(request, pk)
    context = selectors.rotation_page(rotation=rotation, today=clock.today(request.user))
    context["message_place"] = _place(request, {f"focus-{rotation.pk}"})
    return render(request, "rotations/rotation_detail.html", context)


def person_detail(request, pk: int):
    person = _person_for(request, pk)
    return render(
        request, "rotations/person_detail.html", selectors.person_page(person=person, today=clock.today(request.user))
    )


def _with_forms(day: dict) -> dict:
    """A rotation's day on Today with its two forms: the end-of-day checklist and the quick story capture."""
    day["checklist_form"] = DailyCheckForm.with_answers(day["checklist_answers"])
    day["evidence"]["capture_form"] = quick_capture_form(rotation=day["rotation"], today=day["today"])
    return day


def today(request):
    context = selectors.today_page(user=request.user, today=clock.today(request.user))
    context["current"] = [_with_forms(day) for day in context["current"]]
    context["message_place"] = _place(request, _today_places(day["rotation"] for day in context["current"]))
    return render(request, "rotations/today.html", context)


def rotation_plan(request, pk: int):
    rotation = _rotation_for(request, pk)
    context = selectors.plan_page(rotation=rotation, today=clock.today(request.user))
    context["message_place"] = _place(request, {f"step-{step.checkpoint.id}" for step, _ in context["steps"]})
    return render(request, "rotations/plan.html", context)


def rotation_today(request, pk: int):
    rotation = _rotation_for(request, pk)
    day = _with_forms(selectors.rotation_today(rotation=rotation, today=clock.today(request.user)))
    return render(
        request,
        "rotations/rotation_today.html",
        {"day": day, "message_place": _place(request, _today_places([rotation]))},
    )


@require_http_methods(["GET", "POST"])
def checkpoint_done(request, pk: int, checkpoint_id: str):
    """One tap from Today; on a problem (or without JavaScript) a page of its own keeps what was typed."""
    rotation = _rotation_for(request, pk)
    try:
        checkpoint = services.rotation_checkpoint(
            rotation=rotation, checkpoint_id=checkpoint_id, today=clock.today(request.user)
        )
    except services.StepNotInPlan:
        raise Http404("That step is not in this rotation's plan any more.") from None
    if checkpoint.key in services.RECORDED_ON_THE_LETTER_PAGE:
        messages.info(
            request,
            "The ask, the materials and the reminders are recorded on the letter page, "
            "so every page shows the same next step.",
        )
        return redirect(selectors.letter_url(rotation=rotation))
    form = CheckpointDoneForm(request.POST or None, **guard_kwargs(request))
    if request.method == "POST" and form.is_valid():
        remember_kept_words(request, form)
        today = clock.today(request.user)
        services.checkpoint_mark_done(
            rotation=rotation, checkpoint_id=checkpoint.id, done_on=today, **form.cleaned_data
        )
        messages.success(request, _done_message(rotation, form.cleaned_data, today))
        return redirect(_back(request, rotation))
    return render(
        request,
        "rotations/checkpoint_done.html",
        {"rotation": rotation, "checkpoint": checkpoint, "form": form, "next": _back(request, rotation)},
    )


@require_POST
def checkpoint_undo(request, pk: int, checkpoint_id: str):
    rotation = _rotation_for(request, pk)
    services.checkpoint_undo(rotation=rotation, checkpoint_id=checkpoint_id)
    messages.success(request, "Marked as not done.")
    return redirect(_back(request, rotation))


@require_POST
def daily_check(request, pk: int):
    rotation = _rotation_for(request, pk)
    form = DailyCheckForm(request.POST)
    if form.is_valid():
        services.daily_check_save(rotation=rotation, day=clock.today(request.user), answers=form.answers())
        messages.success(request, "Checklist saved for today.")
    else:
        messages.error(request, "Answer each question with yes or not today.")
    return redirect(_back(request, rotation))


def _done_message(rotation: Rotation, data: dict, today) -> str:
    """What was recorded, and the step that now comes first (the same one every page shows)."""
    if data["outcome"] == Outcome.DID_NOT_HAPPEN:
        said = "Noted: it did not happen. It is off your list."
    elif data.get("feedback"):
        said = "Marked as done, and what they said is in your feedback log."
    else:
        said = "Marked as done. Well done for having that conversation."
    plan_progress = services.rotation_progress(rotation=rotation, today=today)
    step = selectors.focus_step(plan_progress)
    if step is None:
        upcoming = plan_progress.next
        return (
            f"{said} Next, from {dates.day(upcoming.checkpoint.starts)}: {upcoming.checkpoint.title}."
            if upcoming
            else said
        )
    return f"{said} Now: {step.checkpoint.title}."


def _back(request, rotation: Rotation) -> str:
    """Return to the page the form was on (Today, the rotation's day or its plan)."""
    return next_or(request, reverse("rotation_today", args=[rotation.pk]))


def rotation_calendar(request, pk: int):
    rotation = _rotation_for(request, pk)
    lead = rotation_lead(rotation=rotation)
    page = settings.SITE_URL.rstrip("/") + reverse("rotation_plan", args=[rotation.pk])
    # The same events, UIDs and alarms as the private feed (lorforge.planner.calendar): one builder in the core.
    body = calendar.plan_calendar(
        services.rotation_plan(rotation=rotation, today=clock.today(request.user)),
        uid_prefix=f"rotation-{rotation.pk}",
        letter_uid_prefix=f"letter-{lead.pk}" if lead else None,
        url_for=lambda c: f"{page}#step-{c.id}",
        location=rotation.site,
        name=f"LORforge: {rotation.specialty} at {rotation.site}",
        now=clock.now(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="lorforge-plan-{rotation.start_date}.ics"'
    return response
