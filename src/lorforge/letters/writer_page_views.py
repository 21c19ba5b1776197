"""The writer's private page (no log-in: the signed link is the key), and the applicant's controls for it."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from lorforge.accounts.security import client_ip
from lorforge.web.owner import owned

from . import services, writer_page
from .forms import ShareForm
from .models import Writer

PAGE_HEADERS = {
    "X-Robots-Tag": "noindex, nofollow",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "private, no-store",
}


def _private(response: HttpResponse) -> HttpResponse:
    for header, value in PAGE_HEADERS.items():
        response[header] = value
    return response


def writer_link_required(view):
    """Opens the link named by ``link`` or answers 404; 429 when the client or the link asks too often."""

    @wraps(view)
    def wrapped(request, link: str, *args, **kwargs):
        if not writer_page.client_allowed(client_ip(request)):
            return _private(
                HttpResponse(
                    "Too many requests: try again in a few minutes.",
                    status=429,
                    content_type="text/plain; charset=utf-8",
                )
            )
        found = writer_page.link_by_token(link)
        if found is None:
            raise Http404("No such page.")
        if not writer_page.link_allowed(found):
            return _private(
                HttpResponse(
                    "Too many requests: try again in a few minutes.",
                    status=429,
                    content_type="text/plain; charset=utf-8",
                )
            )
        return _private(view(request, found, *args, **kwargs))

    return login_not_required(wrapped)


def _log(request, link, what: str) -> None:
    """Every visit is logged for the applicant, except the applicant's own preview."""
    if not (request.user.is_authenticated and request.user.pk == link.user_id):
        writer_page.log_view(link, what)


@writer_link_required
@require_safe
def page(request, link):
    _log(request, link, "page")
    return render(request, "letters/writer_page.html", writer_page.page_context(link=link))


@writer_link_required
@require_safe
def helper_pdf(request, link):
    data = writer_page.helper_pdf(link=link)
    if data is None:
        raise Http404("Not shared.")
    _log(request, link, "helper_pdf")
    name = f"LOR-helper-{services.emails.ascii_filename(link.user.profile.display_name)}.pdf"
    response = HttpResponse(data, content_type=services.emails.PDF_MIMETYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@writer_link_required
@require_safe
def document(request, link, what: str):
    """The CV, the statement or the Letter Request Form, when shared; anything else is a 404."""
    writer = link.writer
    profile_name = link.user.profile.display_name
    if what == "form":
        if not writer.request_form:
            raise Http404("No form.")
        stored, filename = writer.request_form, services.request_form_attachment(writer, profile_name).filename
        mimetype = services.emails.PDF_MIMETYPE
    elif what in ("cv", "statement"):
        if not getattr(writer, f"share_{what}"):
            raise Http404("Not shared.")
        material = services.Material.objects.filter(user=link.user, kind=what).first()
        if material is None:
            raise Http404("Not uploaded.")
        stored, filename = material.file, services.material_filename(material, profile_name)
        mimetype = services.MATERIAL_MIMETYPES[material.file_type]
    else:
        raise Http404("No such document.")
    _log(request, link, what)
    return FileResponse(stored.open("rb"), as_attachment=True, filename=filename, content_type=mimetype)


@csrf_exempt  # the page sends no referrer, so browsers post with "Origin: null"; the signed link is the key
@writer_link_required
@require_POST
def uploaded(request, link):
    done = writer_page.writer_says_uploaded(link=link)
    context = writer_page.page_context(link=link)
    return render(request, "letters/writer_page.html", {**context, "just_confirmed": done})


# --- The applicant's side (signed in) -----------------------------------------------------------------


def _writer_for(request, pk: int) -> Writer:
    return owned(request, Writer.objects.select_related("person"), pk)


@require_POST
def link_new(request, pk: int):
    writer = _writer_for(request, pk)
    had = writer_page.is_live(writer_page.link_of(writer=writer))
    writer_page.link_new(writer=writer)
    messages.success(
        request,
        "New private link made: the old one no longer opens."
        if had
        else f"Private page ready. It goes in every email to {writer.person.to_record().addressed}.",
    )
    return redirect("writer_detail", pk=writer.pk)


@require_POST
def link_revoke(request, pk: int):
    writer = _writer_for(request, pk)
    link = writer_page.link_of(writer=writer)
    if link is not None:
        writer_page.link_revoke(link=link)
    messages.success(
        request, "Link switched off: it no longer opens, and emails leave it out until you make a new one."
    )
    return redirect("writer_detail", pk=writer.pk)


@require_http_methods(["POST"])
def share_update(request, pk: int):
    writer = _writer_for(request, pk)
    form = ShareForm(request.POST, instance=writer)
    if form.is_valid():
        services.writer_share_update(writer=writer, **form.cleaned_data)
        messages.success(request, "Saved what the private page shows.")
    return redirect("writer_detail", pk=writer.pk)
