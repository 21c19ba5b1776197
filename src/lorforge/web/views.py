"""Public pages, the health check and error pages."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect, render


@login_not_required
def home(request):
    if request.user.is_authenticated:
        return redirect("today")
    return render(request, "web/home.html")


@login_not_required
def healthz(request):
    """For load balancers: 200 when the app can reach its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
def csrf_failure(request, reason=""):
    return render(
        request,
        "web/error.html",
        {
            "title": "This form has expired",
            "message": (
                "For your safety, forms stop working after a while or when you log in elsewhere. "
                "Go back, reload the page and try again: nothing else was changed."
            ),
        },
        status=403,
    )
