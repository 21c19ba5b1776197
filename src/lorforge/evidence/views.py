"""Evidence pages: owner check → form → service → redirect or render."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from lorforge import clock
from lorforge.core import coach, scripts
from lorforge.rotations.models import Rotation
from lorforge.web.navigation import next_or
from lorforge.web.once import ALREADY_SAVED, submit_once
from lorforge.web.privacy import guard_kwargs, remember_kept_words

from . import selectors, services
from .forms import (PRESENTATION_TEMPLATES, ComplimentForm, EvidenceFilterForm, FeedbackForm, FollowUpForm,
                    PresentationForm, StoryForm, TaskForm, TaskStatusForm)
from .models import Compliment, Feedback, PresentationDraft, Story, Task


def _initial_from_query(request) -> dict:
    """?rotation=…&person=… pre-fill a form from the page it was opened on."""
    initial = {}
    if rotation := request.GET.get("rotation"):
        initial["rotation"] = rotation
    if person := request.GET.get("person"):
        initial["giver"] = person
        initial["witnesses"] = [person]
    return initial


def _confirm_delete(request, obj, kind: str, delete):
    """GET asks to confirm; POST deletes and goes back where the applicant came from."""
    if request.method == "POST":
        delete(obj)
        messages.success(request, f"{kind.capitalize()} deleted.")
        return redirect(next_or(request, reverse("evidence_list")))
    return render(request, "evidence/confirm_delete.html", {"object": obj, "kind": kind})


def _edit(request, form_class, instance, *, template: str, save, message: str, **context):
    """The create-or-edit flow shared by feedback and compliments: guarded form → service → back."""
    form = form_class(request.POST or None, instance=instance, user=request.user, **guard_kwargs(request),
                      initial=None if instance else _initial_from_query(request))
    if request.method == "POST" and form.is_valid():
        with submit_once(user=request.user, form=form) as first:
            if first:
                remember_kept_words(request, form)
                save(form.cleaned_data)
        messages.success(request, message if first else ALREADY_SAVED)
        return redirect(next_or(request, reverse("evidence_list")))
    return render(request, template, {"form": form, "next": next_or(request, ""), **context})


def evidence_list(request):
    form = EvidenceFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    results = selectors.evidence_list(user=request.user, **{k: v for k, v in filters.items() if v})
    return render(request, "evidence/evidence_list.html", {"form": form, "filtered": any(filters.values()), **results})


@require_http_methods(["GET", "POST"])
def story_edit(request, pk: int | None = None):
    story = get_object_or_404(Story, pk=pk, user=request.user) if pk else None
    form = StoryForm(request.POST or None, instance=story, user=request.user, **guard_kwargs(request),
                     initial=None if story else _initial_from_query(request))
    if request.method == "POST" and form.is_valid():
        with submit_once(user=request.user, form=form) as first:
            if first:
                remember_kept_words(request, form)
                saved = services.story_save(user=request.user, story=story, **form.cleaned_data)
        messages.success(request, _story_saved_message(saved, chosen=bool(form.cleaned_data["qualities"]))
                         if first else ALREADY_SAVED)
        return redirect(next_or(request, reverse("evidence_list")))
    return render(request, "evidence/story_form.html", {"form": form, "story": story,
                                                        "next": next_or(request, "")})


def _story_saved_message(story: Story, *, chosen: bool) -> str:
    from lorforge.core.qualities import label

    verdict = coach.assess(story.text)
    shows = ", ".join(label(k).lower() for k in story.qualities)
    tagged = f" Tagged as {shows}{'' if chosen else ' (change it if that is wrong)'}." if shows else ""
    if story.specific:
        return f"Story saved: specific enough to quote.{tagged}"
    return f"Story saved. {verdict.hint}{tagged}"


@require_http_methods(["GET", "POST"])
def story_delete(request, pk: int):
    return _confirm_delete(request, get_object_or_404(Story, pk=pk, user=request.user), "story",
                           lambda obj: services.story_delete(story=obj))


@require_http_methods(["GET", "POST"])
def feedback_edit(request, pk: int | None = None):
    feedback = get_object_or_404(Feedback, pk=pk, user=request.user) if pk else None
    return _edit(request, FeedbackForm, feedback, template="evidence/feedback_form.html", feedback=feedback,
                 save=lambda data: services.feedback_save(user=request.user, feedback=feedback, **data),
                 message="Feedback saved. In about a week, tell them how you worked on it.")


@require_http_methods(["GET", "POST"])
def feedback_follow_up(request, pk: int):
    feedback = get_object_or_404(Feedback.objects.select_related("giver"), pk=pk, user=request.user)
    form = FollowUpForm(request.POST or None, instance=feedback, **guard_kwargs(request))
    if request.method == "POST" and form.is_valid():
        remember_kept_words(request, form)
        services.feedback_save(user=request.user, feedback=feedback, **form.cleaned_data)
        messages.success(request, "Loop closed: that before-and-after is exactly what letters quote.")
        return redirect(next_or(request, reverse("evidence_list")))
    # The applicant's own words, used as typed: never lower-cased into a sentence.
    say = scripts.followup_line(writer=feedback.giver.to_record() if feedback.giver else None, change=feedback.change)
    return render(request, "evidence/follow_up_form.html", {"form": form, "feedback": feedback, "say": say,
                                                            "next": next_or(request, "")})


@require_http_methods(["GET", "POST"])
def feedback_delete(request, pk: int):
    return _confirm_delete(request, get_object_or_404(Feedback, pk=pk, user=request.user), "feedback",
                           lambda obj: services.feedback_delete(feedback=obj))


@require_http_methods(["GET", "POST"])
def compliment_edit(request, pk: int | None = None):
    compliment = get_object_or_404(Compliment, pk=pk, user=request.user) if pk else None
    return _edit(request, ComplimentForm, compliment, template="evidence/compliment_form.html", compliment=compliment,
                 save=lambda data: services.compliment_save(user=request.user, compliment=compliment, **data),
                 message="Compliment saved. It can go on the one-page helper for your writer.")


@require_http_methods(["GET", "POST"])
def compliment_delete(request, pk: int):
    return _confirm_delete(request, get_object_or_404(Compliment, pk=pk, user=request.user), "compliment",
                           lambda obj: services.compliment_delete(compliment=obj))


@require_POST
def coach_check(request):
    """Live coaching while typing a story: JSON for the page's script."""
    verdict = coach.assess(request.POST.get("text", "")[:coach.MAX_CHARS])
    return JsonResponse({"specific": verdict.specific, "score": round(verdict.score, 2),
                         "qualities": list(verdict.qualities), "hint": verdict.hint})


# --- Tasks ----------------------------------------------------------------------------------------

MAX_DAYS_AWAY = 3 * 366  # ?day=9999-12-31 (or 0001-01-01) is a typo or a probe, not a rotation day


def _day_from(request) -> dt.date:
    today = clock.today(request.user)
    try:
        day = dt.date.fromisoformat(request.GET.get("day") or request.POST.get("day") or "")
    except ValueError:
        return today
    return day if abs((day - today).days) <= MAX_DAYS_AWAY else today


@require_http_methods(["GET", "POST"])
def rotation_tasks(request, pk: int):
    rotation = get_object_or_404(Rotation, pk=pk, user=request.user)
    day = _day_from(request)
    form = TaskForm(request.POST or None, **guard_kwargs(request))
    if request.method == "POST" and form.is_valid():
        remember_kept_words(request, form)
        services.task_add(rotation=rotation, day=day, text=form.cleaned_data["text"])
        return redirect(next_or(request, f"{reverse('rotation_tasks', args=[pk])}?day={day.isoformat()}"))
    return render(request, "evidence/tasks.html", {**selectors.tasks_page(rotation=rotation, day=day, today=clock.today(request.user)), "form": form})


@require_POST
def task_status(request, pk: int):
    task = get_object_or_404(Task, pk=pk, user=request.user)
    form = TaskStatusForm(request.POST, **guard_kwargs(request))
    if not form.is_valid():  # a page of its own, so the reason typed is not lost
        return render(request, "evidence/task_status.html", {"form": form, "task": task,
                                                             "next": next_or(request, "")})
    remember_kept_words(request, form)
    services.task_set_status(task=task, **form.cleaned_data)
    return redirect(next_or(request, f"{reverse('rotation_tasks', args=[task.rotation_id])}?day={task.day}"))


@require_POST
def task_delete(request, pk: int):
    task = get_object_or_404(Task, pk=pk, user=request.user)
    services.task_delete(task=task)
    return redirect(next_or(request, f"{reverse('rotation_tasks', args=[task.rotation_id])}?day={task.day}"))


# --- Presentation helpers ---------------------------------------------------------------------------

def presentation_list(request):
    drafts = PresentationDraft.objects.filter(user=request.user).select_related("rotation")
    return render(request, "evidence/presentation_list.html", {"drafts": drafts})


@require_http_methods(["GET", "POST"])
def presentation_edit(request, kind: str = "", pk: int | None = None):
    draft = get_object_or_404(PresentationDraft, pk=pk, user=request.user) if pk else None
    kind = draft.kind if draft else kind
    if kind not in PRESENTATION_TEMPLATES:
        raise Http404("No such template.")
    form = PresentationForm(request.POST or None, kind=kind, initial=draft.values if draft else None,
                            **guard_kwargs(request))
    if request.method == "POST" and form.is_valid():
        remember_kept_words(request, form)
        saved = services.presentation_save(user=request.user, kind=kind, values=form.cleaned_data, draft=draft)
        messages.success(request, "Saved. Read it aloud once or twice before rounds.")
        return redirect("presentation_edit", pk=saved.pk)
    return render(request, "evidence/presentation_form.html", {
        "form": form, "draft": draft, "kind": kind, "rendered": selectors.presentation_text(draft) if draft else ""})


@require_POST
def presentation_delete(request, pk: int):
    draft = get_object_or_404(PresentationDraft, pk=pk, user=request.user)
    services.presentation_delete(draft=draft)
    messages.success(request, "Draft deleted.")
    return redirect("presentation_list")
