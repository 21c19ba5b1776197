"""Evidence pages: owner check → form → service → redirect or render."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from lorforge import clock
from lorforge.accounts.once import save_once
from lorforge.accounts.privacy import guard_kwargs, remember_kept_words
from lorforge.core import coach, scripts
from lorforge.core.qualities import label
from lorforge.rotations.models import Rotation
from lorforge.web.navigation import next_or
from lorforge.web.owner import confirm_delete, owned

from . import selectors, services
from .forms import (
    ENTRY_FORMS,
    PRESENTATION_TEMPLATES,
    EvidenceFilterForm,
    FollowUpForm,
    PresentationForm,
    TaskForm,
    TaskStatusForm,
)
from .models import Feedback, PresentationDraft, Story, Task


def _initial_from_query(request) -> dict:
    """?rotation=…&person=… pre-fill a form from the page it was opened on."""
    initial = {}
    if rotation := request.GET.get("rotation"):
        initial["rotation"] = rotation
    if person := request.GET.get("person"):
        initial["giver"] = person
        initial["witnesses"] = [person]
    return initial


def evidence_list(request):
    form = EvidenceFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    results = selectors.evidence_list(
        user=request.user, page=_page_number(request), **{k: v for k, v in filters.items() if v}
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "evidence/evidence_list.html",
        {"form": form, "filtered": any(filters.values()), "query": query.urlencode(), **results},
    )


def _page_number(request) -> int:
    try:
        return min(max(int(request.GET.get("page") or 1), 1), 10_000)
    except ValueError:
        return 1


@dataclass(frozen=True)
class EntryPage:
    """What the one entry page says for each kind of evidence (the template reads it as data)."""

    new_title: str
    edit_title: str
    intro: str
    saved: str  # the message after saving (a story's comes from the coach instead)
    coached: bool = False  # live coaching while typing


ENTRY_PAGES = {
    "story": EntryPage(
        "Add a story",
        "Edit story",
        "Write what you did, for whom or with whom, and what came of it. A number or a time helps: "
        "“called 3 families before 5 pm”. Keep patients anonymous: “a patient”, “the family”.",
        "Story saved.",
        coached=True,
    ),
    "feedback": EntryPage(
        "Log feedback",
        "Edit feedback",
        "Write down what they said while it is fresh, and the one or two things you will change. "
        "A week from now, show them the change.",
        "Feedback saved. In about a week, tell them how you worked on it.",
    ),
    "compliment": EntryPage(
        "Log a compliment",
        "Edit compliment",
        "Write it in their words, the same day. Compliments can go on the one-page helper for your letter writer.",
        "Compliment saved. It can go on the one-page helper for your writer.",
    ),
}


def _entry_for(request, kind: str, pk: int | None):
    """The signed-in user's own entry of this kind (anyone else's is a 404), or None for a new one."""
    return owned(request, services.ENTRY_KINDS[kind].model, pk) if pk else None


@require_http_methods(["GET", "POST"])
def entry_edit(request, kind: str, pk: int | None = None):
    """Create or edit a story, feedback or compliment: guarded form → the one save service → back."""
    entry, page = _entry_for(request, kind, pk), ENTRY_PAGES[kind]
    form = ENTRY_FORMS[kind](
        request.POST or None,
        instance=entry,
        user=request.user,
        **guard_kwargs(request),
        initial=None if entry else _initial_from_query(request),
    )
    if request.method == "POST" and form.is_valid():

        def save():
            remember_kept_words(request, form)
            return services.entry_save(kind=kind, user=request.user, entry=entry, **form.cleaned_data)

        saved = save_once(request, form, save)
        if saved is not None and kind == "story":
            messages.success(request, _story_saved_message(saved, chosen=bool(form.cleaned_data["qualities"])))
        elif saved is not None:
            messages.success(request, page.saved)
        return redirect(next_or(request, reverse("evidence_list")))
    return render(
        request,
        "evidence/entry_form.html",
        {
            "form": form,
            "kind": kind,
            kind: entry,
            "entry": entry,
            "page": page,
            "title": page.edit_title if entry else page.new_title,
            "next": next_or(request, ""),
        },
    )


def _story_saved_message(story: Story, *, chosen: bool) -> str:
    shows = ", ".join(label(k).lower() for k in story.qualities)
    tagged = f" Tagged as {shows}{'' if chosen else ' (change it if that is wrong)'}." if shows else ""
    if story.specific:
        return f"Story saved: specific enough to quote.{tagged}"
    return f"Story saved. {story.hint}{tagged}"


@require_http_methods(["GET", "POST"])
def entry_delete(request, kind: str, pk: int):
    entry = _entry_for(request, kind, pk)
    return confirm_delete(
        request,
        title=f"Delete this {kind}?",
        excerpt=getattr(entry, services.ENTRY_KINDS[kind].text_fields[0]),
        warning="It will no longer count towards your letter strength or appear on the one-page helper. "
        "This cannot be undone.",
        delete=lambda: services.entry_delete(entry=entry),
        done=f"{kind.capitalize()} deleted.",
        after=reverse("evidence_list"),
        cancel=reverse("evidence_list"),
    )


@require_http_methods(["GET", "POST"])
def feedback_follow_up(request, pk: int):
    feedback = owned(request, Feedback.objects.select_related("giver"), pk)
    form = FollowUpForm(request.POST or None, instance=feedback, **guard_kwargs(request))
    if request.method == "POST" and form.is_valid():
        remember_kept_words(request, form)
        services.entry_save(kind="feedback", user=request.user, entry=feedback, **form.cleaned_data)
        messages.success(request, "Loop closed: that before-and-after is exactly what letters quote.")
        return redirect(next_or(request, reverse("evidence_list")))
    # The applicant's own words, used as typed: never lower-cased into a sentence.
    say = scripts.followup_line(writer=feedback.giver.to_record() if feedback.giver else None, change=feedback.change)
    return render(
        request,
        "evidence/follow_up_form.html",
        {"form": form, "feedback": feedback, "say": say, "next": next_or(request, "")},
    )


@require_POST
def coach_check(request):
    """Live coaching while typing a story: JSON for the page's script."""
    verdict = coach.assess(request.POST.get("text", "")[: coach.MAX_CHARS])
    return JsonResponse(
        {
            "specific": verdict.specific,
            "score": round(verdict.score, 2),
            "qualities": list(verdict.qualities),
            "hint": verdict.hint,
        }
    )


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
    rotation = owned(request, Rotation, pk)
    day = _day_from(request)
    form = TaskForm(request.POST or None, **guard_kwargs(request))
    if request.method == "POST" and form.is_valid():
        remember_kept_words(request, form)
        services.task_add(rotation=rotation, day=day, text=form.cleaned_data["text"])
        return redirect(next_or(request, f"{reverse('rotation_tasks', args=[pk])}?day={day.isoformat()}"))
    return render(
        request,
        "evidence/tasks.html",
        {**selectors.tasks_page(rotation=rotation, day=day, today=clock.today(request.user)), "form": form},
    )


@require_POST
def task_status(request, pk: int):
    task = owned(request, Task, pk)
    form = TaskStatusForm(request.POST, **guard_kwargs(request))
    if not form.is_valid():  # a page of its own, so the reason typed is not lost
        return render(request, "evidence/task_status.html", {"form": form, "task": task, "next": next_or(request, "")})
    remember_kept_words(request, form)
    services.task_set_status(task=task, **form.cleaned_data)
    return redirect(next_or(request, f"{reverse('rotation_tasks', args=[task.rotation_id])}?day={task.day}"))


@require_POST
def task_delete(request, pk: int):
    task = owned(request, Task, pk)
    services.task_delete(task=task)
    return redirect(next_or(request, f"{reverse('rotation_tasks', args=[task.rotation_id])}?day={task.day}"))


# --- Presentation helpers ---------------------------------------------------------------------------


def presentation_list(request):
    drafts = PresentationDraft.objects.filter(user=request.user).select_related("rotation")
    return render(request, "evidence/presentation_list.html", {"drafts": drafts})


@require_http_methods(["GET", "POST"])
def presentation_edit(request, kind: str = "", pk: int | None = None):
    draft = owned(request, PresentationDraft, pk) if pk else None
    kind = draft.kind if draft else kind
    if kind not in PRESENTATION_TEMPLATES:
        raise Http404("No such template.")
    form = PresentationForm(
        request.POST or None, kind=kind, initial=draft.values if draft else None, **guard_kwargs(request)
    )
    if request.method == "POST" and form.is_valid():
        remember_kept_words(request, form)
        saved = services.presentation_save(user=request.user, kind=kind, values=form.cleaned_data, draft=draft)
        messages.success(request, "Saved. Read it aloud once or twice before rounds.")
        return redirect("presentation_edit", pk=saved.pk)
    return render(
        request,
        "evidence/presentation_form.html",
        {"form": form, "draft": draft, "kind": kind, "rendered": selectors.presentation_text(draft) if draft else ""},
    )


@require_POST
def presentation_delete(request, pk: int):
    draft = owned(request, PresentationDraft, pk)
    services.presentation_delete(draft=draft)
    messages.success(request, "Draft deleted.")
    return redirect("presentation_list")
