"""What every page about the applicant's own records does: fetch their row, and confirm before deleting it."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404, redirect, render

from lorforge.web.navigation import next_or


def owned[M: Model](request, rows: type[M] | QuerySet[M], pk: int) -> M:
    """The signed-in applicant's row with this id, from a model or a queryset (for its ``select_related``).

    Anyone else's row, or none, is a 404: never a 403 that would confirm it exists.
    """
    row = get_object_or_404(rows, pk=pk, user=request.user)
    row.user = request.user  # the same object: what the request has read of the user (its profile) is reused
    return row


def confirm_delete(
    request,
    *,
    title: str,
    warning: str,
    delete: Callable[[], object],
    done: str,
    after: str,
    cancel: str,
    excerpt: str = "",
):
    """GET asks to confirm (``title``, what is lost in ``warning``; "Keep it" goes to ``cancel``); POST calls
    ``delete``, says ``done`` and goes back where the applicant came from (a ``next`` path on this site) or to
    ``after``."""
    if request.method == "POST":
        delete()
        messages.success(request, done)
        return redirect(next_or(request, after))
    context = {"title": title, "warning": warning, "excerpt": excerpt, "cancel_url": next_or(request, cancel)}
    return render(request, "web/confirm_delete.html", {**context, "next": next_or(request, "")})
