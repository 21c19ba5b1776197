"""Rotation and people lists and forms: owner check → form → service → redirect or render."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from lorforge import clock
from lorforge.accounts.forms import SPECIALTY_SUGGESTIONS
from lorforge.accounts.once import save_once
from lorforge.accounts.services import profile_for
from lorforge.web.owner import confirm_delete, owned

from . import selectors, services
from .forms import LeadForm, NewPersonForm, NewRotationForm, PersonForm, RotationForm
from .models import Person, Rotation


def _rotation_for(request, pk: int) -> Rotation:
    return owned(request, Rotation, pk)


def _person_for(request, pk: int) -> Person:
    return owned(request, Person.objects.select_related("rotation"), pk)


def rotation_list(request):
    return render(
        request,
        "rotations/rotation_list.html",
        {"groups": selectors.rotations_by_time(user=request.user, today=clock.today(request.user))},
    )


@require_http_methods(["GET", "POST"])
def rotation_create(request):
    # The specialty the applicant is applying to is the usual rotation specialty: filled in, easy to change.
    form = NewRotationForm(request.POST or None, initial={"specialty": profile_for(user=request.user).target_specialty})
    if request.method == "POST" and form.is_valid():
        rotation = save_once(request, form, lambda: services.rotation_create(user=request.user, **form.cleaned_data))
        if rotation is None:  # Back then Save, or a double tap: the rotation exists already
            return redirect("rotation_list")
        messages.success(request, "Rotation added. Your plan is ready below.")
        return redirect("rotation_detail", pk=rotation.pk)
    return render(request, "rotations/rotation_form.html", {"form": form, "specialties": SPECIALTY_SUGGESTIONS})


@require_http_methods(["GET", "POST"])
def rotation_edit(request, pk: int):
    rotation = _rotation_for(request, pk)
    form = RotationForm(request.POST or None, instance=rotation)
    if request.method == "POST" and form.is_valid():
        services.rotation_update(rotation=rotation, **form.cleaned_data)
        messages.success(request, "Rotation saved.")
        return redirect("rotation_detail", pk=rotation.pk)
    return render(
        request,
        "rotations/rotation_form.html",
        {"form": form, "rotation": rotation, "specialties": SPECIALTY_SUGGESTIONS},
    )


@require_POST
def rotation_lead(request, pk: int):
    rotation = _rotation_for(request, pk)
    form = LeadForm(request.POST, rotation=rotation)
    if form.is_valid():
        services.rotation_set_lead(rotation=rotation, lead=form.cleaned_data["lead"])
        messages.success(request, f"Your plan is now built around {form.cleaned_data['lead']}.")
    else:
        messages.error(request, form.errors["lead"][0])
    return redirect("rotation_detail", pk=rotation.pk)


def person_list(request):
    return render(request, "rotations/person_list.html", {"groups": selectors.people_by_rotation(user=request.user)})


@require_http_methods(["GET", "POST"])
def person_create(request):
    initial = {"rotation": request.GET.get("rotation"), "role": request.GET.get("role") or "attending"}
    form = NewPersonForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        person = save_once(request, form, lambda: services.person_create(user=request.user, **form.cleaned_data))
        if person is None:  # Back then Save, or a double tap: they were added already
            return redirect("person_list")
        messages.success(request, f"Added {person.name}.")
        if person.rotation:
            return redirect("rotation_detail", pk=person.rotation.pk)
        return redirect("person_detail", pk=person.pk)
    return render(request, "rotations/person_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def person_edit(request, pk: int):
    person = _person_for(request, pk)
    form = PersonForm(request.POST or None, user=request.user, instance=person)
    if request.method == "POST" and form.is_valid():
        services.person_update(person=person, **form.cleaned_data)
        messages.success(request, f"Saved {person.name}.")
        return redirect("person_detail", pk=person.pk)
    return render(request, "rotations/person_form.html", {"form": form, "person": person})


@require_http_methods(["GET", "POST"])
def record_delete(request, kind: str, pk: int):
    """Ask before deleting a rotation or a person (``kind``): back to its page if kept, to the list once deleted."""
    if kind == "rotation":
        record = _rotation_for(request, pk)
        warning = (
            "This deletes the rotation, its plan, its team and everything recorded on it (stories, feedback, tasks)."
        )
        done = f"Deleted the rotation “{record}”."
        delete = partial(services.rotation_delete, rotation=record)
    else:
        record = _person_for(request, pk)
        warning = (
            f"This removes {record} and what you recorded about them: stories they witnessed stay, but lose their name."
        )
        done = f"Removed {record.name}."
        delete = partial(services.person_delete, person=record)
    return confirm_delete(
        request,
        title=f"Delete “{record}”?",
        warning=f"{warning} It cannot be undone.",
        delete=delete,
        done=done,
        after=reverse(f"{kind}_list"),
        cancel=reverse(f"{kind}_detail", args=[record.pk]),
    )
