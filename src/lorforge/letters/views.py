"""Letters pages: owner check → form → service → redirect or render."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from lorforge import clock
from lorforge.accounts.privacy import guard_kwargs, remember_kept_words
from lorforge.accounts.services import profile_for
from lorforge.core import dates, eras
from lorforge.core.letters import StageError
from lorforge.web.owner import owned
from lorforge.web.queries import split

from . import selectors, services
from .forms import AnswerForm, MaterialForm, ProgramForm, SentForm, StageMoveForm, WriterAddForm, WriterForm
from .models import Material, Program, Writer
from .program_views import warn_if_deadline_is_early, writer_for, writer_page_panel


def _download(download: services.Download) -> HttpResponse:
    response = HttpResponse(download.content, content_type=download.mimetype)
    response["Content-Disposition"] = f'attachment; filename="{download.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _first_error(form) -> str:
    return next(iter(form.errors.values()))[0]


def portfolio(request):
    today = clock.today(request.user)
    context = selectors.portfolio_page(user=request.user, today=today)
    from . import writer_page

    return render(
        request,
        "letters/portfolio.html",
        {
            **context,
            "add_form": WriterAddForm(user=request.user),
            "recent_uploads": writer_page.recent_uploads(user=request.user, today=today),
            "standardized": eras.standardized_letter(context["profile"].target_specialty),
            "program_count": Program.objects.filter(user=request.user).count(),
        },
    )


@require_POST
def writer_add(request):
    form = WriterAddForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return redirect("letters")
    try:
        writer = services.writer_add(
            user=request.user, person=form.cleaned_data["person"], on=clock.today(request.user)
        )
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("letters")
    messages.success(request, f"{writer.person.name} is on your letter list. Check below how close a strong letter is.")
    return redirect("writer_detail", pk=writer.pk)


def writer_detail(request, pk: int, move_form=None):
    writer = writer_for(request, pk)
    today = clock.today(request.user)
    context = selectors.writer_page(writer=writer, today=today)
    # Once they said yes: what the helper leaves out (generic or too long, with the coach's hint) and the cards.
    helper = None
    if context["agreed"]:
        helper = services.helper_for(writer=writer, today=today, deadline=context["deadline"].on)
    return render(
        request,
        "letters/writer_detail.html",
        {
            **context,
            "left_out": helper.content.left_out if helper else (),
            "answer_form": AnswerForm(auto_id="answer_%s"),
            "move_form": move_form or StageMoveForm(auto_id="move_%s"),
            **(_eras_context(writer, helper) if helper else {}),
        },
    )


def _eras_context(writer: Writer, helper: services.Helper) -> dict:
    """The ERAS entry card and the private-page card of an agreed writer's letter page."""
    return {
        "eras_waiver": eras.waiver_sentence(writer.eras_waiver),
        "private_page": writer_page_panel(writer=writer),
        "helper_held_back": writer.share_helper and bool(helper.flagged),
        "assigned_programs": split(writer.program_names),
    }


@require_http_methods(["GET", "POST"])
def writer_edit(request, pk: int):
    writer = writer_for(request, pk)
    form = WriterForm(request.POST or None, instance=writer, **guard_kwargs(request))
    if request.method == "POST" and form.is_valid():
        remember_kept_words(request, form)
        services.writer_update(writer=writer, **form.cleaned_data)
        messages.success(request, f"Saved the details for {writer.person.name}.")
        return redirect("writer_detail", pk=writer.pk)
    return render(request, "letters/writer_form.html", {"form": form, "writer": writer})


@require_POST
def writer_move(request, pk: int):
    writer = writer_for(request, pk)
    form = StageMoveForm(request.POST, auto_id="move_%s", **guard_kwargs(request))
    if not form.is_valid():  # shown again on the writer's page, with the note as typed
        return writer_detail(request, pk, move_form=form)
    remember_kept_words(request, form)
    try:
        change = services.writer_move(
            writer=writer, to=form.cleaned_data["stage"], on=form.cleaned_data["on"], note=form.cleaned_data["note"]
        )
    except (StageError, services.PolicyRefused) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{writer.person.name} is now at “{change.get_stage_display()}”.")
    return redirect("writer_detail", pk=writer.pk)


@require_POST
def writer_answer(request, pk: int):
    writer = writer_for(request, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return redirect("writer_detail", pk=writer.pk)
    try:
        guidance = services.writer_record_answer(writer=writer, **form.cleaned_data)
    except StageError as exc:
        messages.error(request, str(exc))
        return redirect("writer_detail", pk=writer.pk)
    messages.success(request, guidance.message)
    if guidance.next_stage == "agreed":  # straight to the materials while the yes is fresh
        return redirect("writer_email", pk=writer.pk, kind="materials")
    return redirect("writer_detail", pk=writer.pk)


def writer_helper(request, pk: int, fmt: str):
    writer = writer_for(request, pk)
    if fmt not in services.HELPER_FORMATS:
        raise Http404("No such format")
    helper = services.helper_for(writer=writer, today=clock.today(request.user))
    if review := _privacy_review(request, writer, helper, "the one-page helper"):
        return review
    return _download(services.helper_build(content=helper.content, fmt=fmt))


def _privacy_review(request, writer: Writer, helper: services.Helper, what: str) -> HttpResponse | None:
    """The page listing what the privacy guard flagged, unless nothing was or the applicant chose to go on."""
    if request.GET.get("anyway") or not helper.flagged:
        return None
    return render(
        request,
        "letters/privacy_review.html",
        {"writer": writer, "flagged": helper.flagged, "what": what, "anyway_url": f"{request.path}?anyway=1"},
    )


def _email_writer(request, pk: int, kind: str) -> Writer:
    """The signed-in user's writer, for one of the three emails (any other kind is a 404)."""
    if kind not in selectors.EMAIL_KINDS:
        raise Http404("No such email")
    return writer_for(request, pk)


def writer_email(request, pk: int, kind: str):
    writer = _email_writer(request, pk, kind)
    today = clock.today(request.user)
    draft = services.email_build(writer=writer, kind=kind, today=today)
    context = selectors.email_page(writer=writer, kind=kind, draft=draft, today=today)
    return render(request, "letters/email.html", {**context, "sent_form": SentForm()})


def writer_email_eml(request, pk: int, kind: str):
    writer = _email_writer(request, pk, kind)
    today = clock.today(request.user)
    helper = services.helper_for(writer=writer, today=today, with_taught=True)
    if review := _privacy_review(request, writer, helper, "this email and its helper"):
        return review
    draft = services.email_build(writer=writer, kind=kind, today=today, helper=helper)
    return _download(services.email_eml(writer=writer, draft=draft))


@require_POST
def writer_email_sent(request, pk: int, kind: str):
    writer = _email_writer(request, pk, kind)
    form = SentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return redirect("writer_email", pk=writer.pk, kind=kind)
    try:
        services.email_mark_sent(writer=writer, kind=kind, on=form.cleaned_data["on"])
    except (StageError, services.PolicyRefused) as exc:
        messages.error(request, str(exc))
        return redirect("writer_email", pk=writer.pk, kind=kind)
    sent = form.cleaned_data["on"]
    messages.success(request, f"Marked as sent to {writer.person.name} on {dates.day(sent)}.")
    return redirect("writer_detail", pk=writer.pk)


def _materials_page(request, *, form: MaterialForm | None = None, program_form: ProgramForm | None = None):
    context = selectors.materials_page(user=request.user, today=clock.today(request.user))
    return render(
        request,
        "letters/materials.html",
        {**context, "form": form or MaterialForm(), "program_form": program_form or ProgramForm(user=request.user)},
    )


@require_http_methods(["GET", "POST"])
def materials(request):
    posted = request.method == "POST"  # an empty POST must still show what is missing
    form = MaterialForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        services.material_upload(
            user=request.user,
            kind=form.cleaned_data["kind"],
            name=upload.name,
            data=upload.data,
            file_type=upload.file_type,
        )
        messages.success(request, f"Uploaded “{upload.name}”. It is attached to your thank-you emails.")
        return redirect("materials")
    return _materials_page(request, form=form)


def material_download(request, pk: int):
    material = owned(request, Material, pk)
    name = services.material_filename(material, profile_for(user=request.user).display_name)
    response = FileResponse(
        material.file.open("rb"),
        as_attachment=True,
        filename=name,
        content_type=services.MATERIAL_MIMETYPES[material.file_type],
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def material_delete(request, pk: int):
    material = owned(request, Material, pk)
    services.material_delete(material=material)
    messages.success(request, f"Deleted your {material.get_kind_display()}.")
    return redirect("materials")


@require_POST
def program_add(request):
    form = ProgramForm(request.POST, user=request.user)
    if not form.is_valid():
        return _materials_page(request, program_form=form)  # the errors, next to what was typed
    program = services.program_add(user=request.user, **form.cleaned_data)
    messages.success(request, f"Added {program.name}, letters needed by {dates.day(program.deadline, year=True)}.")
    warn_if_deadline_is_early(request, program)
    return redirect(reverse("materials") + "#programs")


@require_POST
def program_delete(request, pk: int):
    program = owned(request, Program, pk)
    services.program_delete(program=program)
    messages.success(request, f"Removed {program.name}.")
    return redirect(reverse("materials") + "#programs")
