"""Programs and the letters assigned to each (the grid, the CSV), and each letter's ERAS entry."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import OuterRef
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from lorforge import clock
from lorforge.accounts.privacy import guard_kwargs, remember_kept_words
from lorforge.accounts.services import profile_for
from lorforge.core import dates, eras
from lorforge.web.owner import owned
from lorforge.web.queries import joined

from . import programs as program_selectors
from . import selectors, services, writer_page
from .forms import AppliedForm, ErasEntryForm, ProgramForm
from .models import Assignment, Program, Writer


def _program_for(request, pk: int) -> Program:
    return owned(request, Program, pk)


def writer_for(request, pk: int) -> Writer:
    """The signed-in user's writer (anyone else's is a 404), with the names of the programs it is assigned to."""
    programs = joined(Assignment.objects.filter(writer=OuterRef("pk")), by="writer_id", field="program__name")
    return owned(request, Writer.objects.select_related("person__rotation").annotate(program_names=programs), pk)


def _back(program: Program | None = None) -> str:
    return reverse("programs") + (f"#program-{program.pk}" if program else "")


def programs(request, form: ProgramForm | None = None):
    today = clock.today(request.user)
    context = program_selectors.grid(user=request.user, today=today)
    return render(
        request,
        "letters/programs.html",
        {**context, "program_form": form or ProgramForm(user=request.user), "applied_form": AppliedForm()},
    )


def warn_if_deadline_is_early(request, program: Program) -> None:
    """After a program is saved: say so when its deadline comes before one of the applicant's rotations ends."""
    if warning := selectors.program_deadline_warning(user=request.user, deadline=program.deadline):
        messages.warning(request, warning)


@require_POST
def program_create(request):
    form = ProgramForm(request.POST, user=request.user)
    if not form.is_valid():
        return programs(request, form=form)
    program = services.program_add(user=request.user, **form.cleaned_data)
    messages.success(request, f"Added {program.name}. Assign up to {eras.MAX_LETTERS_PER_PROGRAM} letters below.")
    warn_if_deadline_is_early(request, program)
    return redirect(_back(program))


@require_http_methods(["GET", "POST"])
def program_edit(request, pk: int):
    program = _program_for(request, pk)
    form = ProgramForm(request.POST or None, instance=program, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.program_update(program=program, **form.cleaned_data)
        messages.success(request, f"Saved {program.name}.")
        warn_if_deadline_is_early(request, program)
        return redirect(_back(program))
    return render(request, "letters/program_form.html", {"form": form, "program": program})


def _posted_writer(request) -> Writer | None:
    """The applicant's own writer chosen in the form (anyone else's is a 404), or None when none was chosen."""
    value = str(request.POST.get("writer", ""))
    return (
        owned(request, Writer.objects.select_related("person"), int(value))
        if value.isdigit() and len(value) < 19
        else None
    )


def _change_posted_letter(request, pk: int, change, *, missing: str):
    """``change(program, writer)`` for the letter chosen in the form: what it returns is the success message, a
    refusal (``AssignRefused``) or no letter chosen (``missing``) the error."""
    program = _program_for(request, pk)
    writer = _posted_writer(request)
    if writer is None:
        messages.error(request, missing)
        return redirect(_back(program))
    try:
        messages.success(request, change(program, writer))
    except services.AssignRefused as exc:
        messages.error(request, str(exc))
    return redirect(_back(program))


@require_POST
def program_assign(request, pk: int):
    def assign(program, writer) -> str:
        note = services.letter_assign(program=program, writer=writer)
        return f"Assigned the letter from {writer.person.name} to {program.name}." + (f" {note}" if note else "")

    return _change_posted_letter(request, pk, assign, missing="Choose one of your letters to assign.")


@require_POST
def program_unassign(request, pk: int):
    def unassign(program, writer) -> str:
        services.letter_unassign(program=program, writer=writer)
        return f"Took the letter from {writer.person.name} off {program.name}."

    return _change_posted_letter(request, pk, unassign, missing="Choose one of your letters to remove.")


@require_POST
def program_suggested(request, pk: int):
    program = _program_for(request, pk)
    done, skipped = services.letters_assign_suggested(program=program, today=clock.today(request.user))
    if done:
        messages.success(request, f"Assigned to {program.name}: {', '.join(w.person.name for w in done)}.")
    for reason in skipped:
        messages.warning(request, reason)
    if not done and not skipped:
        messages.info(request, f"{program.name} already has its suggested letters.")
    return redirect(_back(program))


@require_POST
def program_applied(request, pk: int):
    program = _program_for(request, pk)
    form = AppliedForm(request.POST)
    if not form.is_valid():
        messages.error(request, next(iter(form.errors.values()))[0])
        return redirect(_back(program))
    on = form.cleaned_data["on"]
    services.program_mark_applied(program=program, on=on)
    if on:
        messages.success(
            request, f"Applied to {program.name} on {dates.day(on)}: its letters are now locked, as in ERAS."
        )
    else:
        messages.success(request, f"{program.name} is marked as not applied yet.")
    return redirect(_back(program))


def programs_csv(request):
    data = program_selectors.export_csv(user=request.user, today=clock.today(request.user))
    response = HttpResponse(data, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="lorforge-programs-and-letters.csv"'
    return response


# --- The ERAS letter entry ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def eras_entry(request, pk: int):
    writer = writer_for(request, pk)
    profile = profile_for(user=request.user)
    posted = request.method == "POST"
    form = ErasEntryForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        writer=writer,
        aamc_id=profile.aamc_id,
        **guard_kwargs(request),
    )
    if posted and form.is_valid():
        remember_kept_words(request, form)
        data = form.cleaned_data
        checked = data.get("form_pdf")
        services.eras_entry_save(
            writer=writer,
            letter_id=data["eras_letter_id"],
            author_title=data["eras_author_title"],
            specialty=data["eras_specialty"],
            waiver=data["eras_waiver"] or "",
            program_director=data["eras_program_director"],
            department_chair=data["eras_department_chair"],
            form_pdf=checked.data if checked else None,
            form_name=checked.name if checked else "",
            remove_form=bool(data.get("remove_form")) and not checked,
        )
        messages.success(request, f"Saved the ERAS entry for {writer.person.name}.")
        return redirect("writer_detail", pk=writer.pk)
    writer.refresh_from_db()  # a refused form must not show half-changed values elsewhere on the page
    return render(
        request,
        "letters/eras_entry.html",
        {
            "form": form,
            "writer": writer,
            "person": writer.person,
            "profile": profile,
            "waiver_explanation": eras.WAIVER_EXPLANATION,
            "standardized": eras.standardized_letter(profile.target_specialty),
            "stage": selectors.current_stage(writer=writer),
        },
    )


def request_form_download(request, pk: int):
    writer = writer_for(request, pk)
    if not writer.request_form:
        messages.info(request, "No Letter Request Form uploaded yet for this letter.")
        return redirect("eras_entry", pk=writer.pk)
    attachment = services.request_form_attachment(writer, profile_for(user=request.user).display_name)
    return FileResponse(
        writer.request_form.open("rb"), as_attachment=True, filename=attachment.filename, content_type="application/pdf"
    )


VIEWS_SHOWN = 20  # the newest openings of the private page listed on the writer's letter page


def writer_page_panel(*, writer: Writer) -> dict:
    """The private-page card on the writer's letter page."""
    from .forms import ShareForm

    link = writer_page.link_of(writer=writer)
    live = writer_page.is_live(link)
    views = writer_page.views_of(writer=writer, limit=VIEWS_SHOWN)
    return {
        "link": link,
        "live": live,
        "url": writer_page.url_for(link) if live else "",
        "views": views,
        "first_opened": writer_page.first_opened(writer=writer, views=views, limit=VIEWS_SHOWN),
        "share_form": ShareForm(instance=writer, auto_id="share_%s"),
    }
