"""Sign-up, profile and settings pages. Log-in and passwords use Django's own views."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_not_required
from django.db import IntegrityError
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from lorforge import clock
from lorforge.web.forms import model_data

from . import services
from .forms import (
    SPECIALTY_SUGGESTIONS,
    DeleteAccountForm,
    ImportForm,
    NotificationsForm,
    ProfileForm,
    SeasonDatesForm,
    SignUpForm,
)
from .portability import ImportProblem, export_stream, import_zip, is_empty


@login_not_required
@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("today")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_sign_up(email=form.cleaned_data["email"], password=form.cleaned_data["password1"])
        except IntegrityError:  # the same email signed up a moment ago, in another request
            form.add_error("email", SignUpForm.ALREADY_EXISTS)
            return render(request, "registration/signup.html", {"form": form})
        login(request, user, backend="lorforge.accounts.backends.ProfileBackend")
        messages.success(request, "Welcome to LORforge. Start with your profile: it fills your scripts and documents.")
        return redirect("profile")
    return render(request, "registration/signup.html", {"form": form})


@require_http_methods(["GET", "POST"])
def profile(request):
    profile = services.profile_for(user=request.user)
    first_time = not profile.is_complete
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        services.profile_update(profile=profile, **model_data(form))
        if first_time:
            messages.success(request, "Profile saved. Next, add the rotation you are on (or about to start).")
            return redirect("rotation_create")
        messages.success(request, "Profile saved.")
        return redirect("settings")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "first_time": first_time,
            "specialties": SPECIALTY_SUGGESTIONS,
        },
    )


@require_http_methods(["GET", "POST"])
def season(request):
    profile = services.profile_for(user=request.user)
    form = SeasonDatesForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        services.profile_update(profile=profile, **model_data(form))
        messages.success(request, "Season dates saved.")
        return redirect("settings")
    estimate = services.season_dates(profile=profile, today=clock.today(request.user))
    return render(request, "accounts/season.html", {"form": form, "estimate": estimate})


def settings_page(request):
    profile = services.profile_for(user=request.user)
    dates = services.season_dates(profile=profile, today=clock.today(request.user))
    return render(
        request,
        "accounts/settings.html",
        {
            "profile": profile,
            "dates": dates,
            "notifications_form": NotificationsForm(instance=profile),
            "kept_words": sorted(services.kept_words_for(user=request.user)),
        },
    )


@require_POST
def notifications(request):
    profile = services.profile_for(user=request.user)
    form = NotificationsForm(request.POST, instance=profile)
    if form.is_valid():
        services.profile_update(profile=profile, **model_data(form))
        messages.success(
            request, "Daily email turned on." if form.cleaned_data["daily_email"] else "Daily email turned off."
        )
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("settings")


@require_POST
def kept_word_remove(request):
    services.kept_word_remove(user=request.user, word=request.POST.get("word", ""))
    messages.success(request, "The privacy guard will flag that word again.")
    return redirect("settings")


def export_data(request):
    """The export, checked for patient details first; ?download=1 sends the zip (JSON and uploaded files)."""
    if not request.GET.get("download"):
        findings = services.export_findings(user=request.user)
        return render(request, "accounts/export.html", {"findings": findings[:50], "total": len(findings)})
    response = StreamingHttpResponse(export_stream(user=request.user), content_type="application/zip")
    stamp = clock.today(request.user).isoformat()
    response["Content-Disposition"] = f'attachment; filename="lorforge-export-{stamp}.zip"'
    return response


@require_http_methods(["GET", "POST"])
def import_data(request):
    """Load an export into this account, only when it is still empty; all or nothing."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            counts = import_zip(user=request.user, data=form.cleaned_data["file"])
        except ImportProblem as problem:
            form.add_error("file", f"Nothing was imported. {problem}")
        else:
            total = sum(n for label, n in counts.items() if label != "accounts.profile")
            messages.success(request, f"Imported {total} record{'s' if total != 1 else ''} and your profile.")
            return redirect("settings")
    return render(request, "accounts/import.html", {"form": form, "empty": is_empty(user=request.user)})


@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.account_delete(user=request.user)
        logout(request)
        messages.success(request, "Your account and everything in it have been deleted.")
        return redirect("home")
    return render(request, "accounts/delete.html", {"form": form})
