"""Letter services: the only place that writes writers, stage changes, materials and programs,
and the builders of what leaves the app (the one-page helper and the emails)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, replace

from django.core.files.base import ContentFile
from django.db import transaction

from lorforge import clock
from lorforge.accounts.services import kept_words_for, profile_for, season_dates
from lorforge.core import documents, emails, letters, reminders
from lorforge.core.privacy.memo import find_phi_memo
from lorforge.evidence.selectors import witness_names
from lorforge.rotations.models import Person

from . import selectors
from .models import Material, MaterialKind, Program, StageChange, Writer


class PolicyRefused(ValueError):
    """The reminder policy says no (too many, too early, too late): the message says why and when."""


Download = emails.Attachment  # what a download sends back: the same file name, bytes and type as an attachment


HELPER_FORMATS = {"pdf": emails.PDF_MIMETYPE, "docx": emails.DOCX_MIMETYPE, "md": "text/markdown; charset=utf-8"}
MATERIAL_MIMETYPES = {"pdf": emails.PDF_MIMETYPE, "docx": emails.DOCX_MIMETYPE}


# --- Writers and their stages --------------------------------------------------------------


@transaction.atomic
def writer_add(*, user, person: Person, on: dt.date) -> Writer:
    """Put a person on the letter list as a candidate (once; adding again returns the same writer)."""
    if person.user_id != user.id:
        raise PermissionError("That person belongs to someone else.")
    if person.role not in selectors.WRITER_ROLES:
        raise ValueError(
            f"{person.name} is a {person.get_role_display().lower()}: programs expect letters from "
            "physicians who supervised you, so keep them as a witness to your work instead."
        )
    writer, created = Writer.objects.get_or_create(person=person, defaults={"user": user})
    if created:
        StageChange.objects.create(user=user, writer=writer, stage="candidate", on=on, note="Added to your letter plan")
    return writer


def writer_update(*, writer: Writer, senior_title: bool, taught: str) -> Writer:
    writer.senior_title, writer.taught = senior_title, taught
    writer.save(update_fields=["senior_title", "taught"])
    return writer


@transaction.atomic
def writer_move(*, writer: Writer, to: str, on: dt.date, note: str = "") -> StageChange:
    """Record a stage change; ``StageError`` for a move that cannot happen, ``PolicyRefused`` for a reminder
    the policy does not allow."""
    locked = Writer.objects.select_for_update().get(pk=writer.pk)  # one change at a time per writer
    history = [c.to_record() for c in locked.stage_changes.all()]
    change = letters.advance(history, to, on, note)
    if to == "reminded":
        deadline = selectors.writer_timeline(writer=writer, today=on).deadline.on
        decision = reminders.reminder_check(
            sent=[c.on for c in history if c.stage == "reminded"],
            today=on,
            deadline=deadline,
            submitted=False,
            materials_sent_on=max((c.on for c in history if c.stage == "materials_sent"), default=None),
        )
        if not decision.allowed:
            raise PolicyRefused(decision.reason)
    return StageChange.objects.create(
        user=locked.user, writer=locked, stage=change.stage, on=change.on, note=change.note
    )


@transaction.atomic
def writer_record_answer(*, writer: Writer, answer: str, on: dt.date) -> letters.Guidance:
    """The answer to the pre-ask; recording it also records the ask itself when that was not done yet."""
    guidance = letters.answer_guidance(answer)
    if selectors.current_stage(writer=writer) in ("candidate", "seeded"):
        writer_move(writer=writer, to="asked", on=on, note="Asked with the pre-ask script")
    labels = {"confident_yes": "A confident yes", "hesitant": "A hesitant yes", "declined": "Said no"}
    writer_move(writer=writer, to=guidance.next_stage, on=on, note=labels[answer])
    return guidance


@transaction.atomic
def email_mark_sent(*, writer: Writer, kind: str, on: dt.date) -> None:
    """The applicant sent an email: materials and reminders move the stage, the final note is dated."""
    if kind == "materials":
        writer_move(writer=writer, to="materials_sent", on=on, note="Thank-you email with materials")
    elif kind == "reminder":
        writer_move(writer=writer, to="reminded", on=on, note="Gentle reminder")
    elif kind == "final":
        writer = Writer.objects.select_for_update().get(pk=writer.pk)
        stage = selectors.current_stage(writer=writer)
        if stage not in letters.AGREED_STAGES or stage == "agreed":
            raise letters.StageError(
                "The final note is for a writer who has your materials and whose letter "
                "is still missing; send the materials email first."
            )
        deadline = selectors.writer_timeline(writer=writer, today=on).deadline.on
        decision = selectors.final_note_decision(writer=writer, stage=stage, deadline=deadline, today=on)
        if not decision.allowed:
            raise PolicyRefused(decision.reason)
        writer.final_note_sent_on = on
        writer.save(update_fields=["final_note_sent_on"])
    else:
        raise ValueError(f"Unknown email {kind!r}.")


# --- The one-page helper -------------------------------------------------------------------


@dataclass(frozen=True)
class Flagged:
    source: selectors.Source
    findings: list


@dataclass(frozen=True)
class Helper:
    """A writer's one-page helper and the privacy guard's review of the entries it is made of, built from one
    reading of those entries (``helper_for``)."""

    content: documents.HelperContent
    flagged: list[Flagged]  # the entries the guard flags, the applicant's kept words aside: [] when none


def helper_for(*, writer: Writer, today: dt.date, with_taught: bool = False, deadline: dt.date | None = None) -> Helper:
    """What goes on this writer's page, from the applicant's own evidence records (the best few of each kind,
    chosen in the query, never every entry), with the review of those records (``with_taught``: and of what the
    writer taught, which the materials email quotes). ``deadline``: the letter's, when the page already has it."""
    user, person = writer.user, writer.person
    profile = profile_for(user=user)
    entries = selectors.helper_entries(writer=writer)
    allow = kept_words_for(user=user)
    facts = selectors.person_facts(person=person, profile=profile)
    uploaded = set(Material.objects.filter(user=user).values_list("kind", flat=True))
    if deadline is None:
        deadline = selectors.writer_timeline(writer=writer, today=today).deadline.on
    content = documents.helper_content(
        profile.to_record(),
        facts.person,
        facts.rotation,
        [s.to_record(witnesses=witness_names(s)) for s in entries.stories],
        [f.to_record() for f in entries.feedback],
        [c.to_record() for c in entries.compliments],
        deadline,
        materials=[f"{label} (attached)" for kind, label in MaterialKind.choices if kind in uploaded],
        today=today,
        allow=allow,
    )
    sources = selectors.helper_sources(writer=writer, with_taught=with_taught, entries=entries)
    return Helper(
        replace(content, letter_id=writer.eras_letter_id, waiver=writer.eras_waiver),
        _flagged(sources, allow=allow, today=today),
    )


def helper_build(*, content: documents.HelperContent, fmt: str) -> Download:
    if fmt == "md":
        name = f"LOR-helper-{emails.ascii_filename(content.applicant.name)}.md"
        return Download(name, documents.render_markdown(content).encode(), HELPER_FORMATS["md"])
    return emails.helper_attachment(content, fmt)


def privacy_review(sources: list[selectors.Source], *, user) -> list[Flagged]:
    """The sources the privacy guard flags, ignoring the words the applicant chose to keep."""
    return _flagged(sources, allow=kept_words_for(user=user), today=clock.today(user))


def _flagged(sources: list[selectors.Source], *, allow: set[str], today: dt.date) -> list[Flagged]:
    """The typed entries are checked rather than the rendered page, whose header and dates are written by the app
    itself (the applicant's name, AAMC ID, the dates feedback was given)."""
    flagged = [Flagged(source, find_phi_memo(source.text, allow=allow, today=today)) for source in sources]
    return [item for item in flagged if item.findings]


# --- Emails --------------------------------------------------------------------------------


def _material_attachment(material: Material | None, applicant_name: str) -> emails.Attachment | None:
    if material is None:
        return None
    with material.file.open("rb") as handle:
        content = handle.read()
    return emails.Attachment(
        material_filename(material, applicant_name), content, MATERIAL_MIMETYPES[material.file_type]
    )


def material_filename(material: Material, applicant_name: str) -> str:
    stem = "CV" if material.kind == MaterialKind.CV else "Personal-statement-draft"
    return f"{stem}-{emails.ascii_filename(applicant_name)}.{material.file_type}"


def email_build(*, writer: Writer, kind: str, today: dt.date, helper: Helper | None = None) -> emails.EmailDraft:
    """The draft of one of the three emails to ``writer``; the materials email carries its attachments
    (``helper``: the writer's helper, when already built)."""
    profile = profile_for(user=writer.user)
    facts = selectors.person_facts(person=writer.person, profile=profile)
    applicant = profile.to_record()
    deadline = selectors.writer_timeline(writer=writer, today=today).deadline.on
    from . import writer_page

    page_url = writer_page.url_for_emails(writer=writer)  # the writer's private page, made when first needed
    # What every email is written from; each kind adds what it mentions.
    facts_of_all = {
        "applicant": applicant,
        "writer": facts.person,
        "deadline": deadline,
        "today": today,
        "writer_page_url": page_url,
    }
    if kind == "materials":
        content = (helper or helper_for(writer=writer, today=today, deadline=deadline)).content
        uploaded = {m.kind: m for m in Material.objects.filter(user=writer.user)}
        return emails.materials_email(
            **facts_of_all,
            rotation=facts.rotation,
            taught=writer.taught_list,
            helper=emails.helper_attachment(content, "pdf"),
            cv=_material_attachment(uploaded.get(MaterialKind.CV), applicant.name),
            statement=_material_attachment(uploaded.get(MaterialKind.STATEMENT), applicant.name),
            eras_entry=eras_details(writer, aamc_id=applicant.aamc_id),
            request_form=request_form_attachment(writer, applicant.name),
        )
    if kind == "reminder":
        season = season_dates(profile=profile, today=today)
        return emails.reminder_email(
            **facts_of_all, rotation=facts.rotation, season=season, letter_id=writer.eras_letter_id
        )
    if kind == "final":
        return emails.final_note_email(**facts_of_all, letter_id=writer.eras_letter_id)
    raise ValueError(f"Unknown email {kind!r}; use one of: {', '.join(selectors.EMAIL_KINDS)}.")


def email_eml(*, writer: Writer, draft: emails.EmailDraft) -> Download:
    """The draft as a ready-to-send .eml from the applicant's own address."""
    profile = profile_for(user=writer.user)
    sender = emails.sender_address(profile.display_name, writer.user.email)  # a comma in the name stays a name
    stem = emails.ascii_filename(writer.person.name)
    return Download(f"email-to-{stem}.eml", emails.to_eml(draft, sender, now=clock.now()), "message/rfc822")


# --- Materials and programs ----------------------------------------------------------------


def _tidy_name(name: str) -> str:
    name = unicodedata.normalize("NFC", name or "")
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    return " ".join(name.split())[:200] or "upload"


@transaction.atomic
def material_upload(*, user, kind: str, name: str, data: bytes, file_type: str) -> Material:
    """Store a checked PDF or DOCX under a random name, replacing the earlier file of the same kind."""
    old = Material.objects.filter(user=user, kind=kind).first()
    if old is not None:
        material_delete(material=old)
    material = Material(user=user, kind=kind, file_type=file_type, original_name=_tidy_name(name), size=len(data))
    material.file.save(f"upload.{file_type}", ContentFile(data), save=False)
    try:
        material.save()
    except Exception:
        material.file.delete(save=False)  # no row, no file
        raise
    return material


def material_delete(*, material: Material) -> None:
    stored = material.file.name
    storage = material.file.storage
    material.delete()
    transaction.on_commit(lambda: storage.delete(stored))  # the file goes once the row is really gone


def program_add(*, user, name: str, deadline: dt.date, specialty: str = "", eras_code: str = "") -> Program:
    return Program.objects.create(user=user, name=name, deadline=deadline, specialty=specialty, eras_code=eras_code)


def program_delete(*, program: Program) -> None:
    program.delete()


# --- Programs and the letters assigned to them (ERAS rules: ``core.eras``) ----------------------


class AssignRefused(ValueError):
    """ERAS would not allow it (not uploaded, a fifth letter, a locked program): the message says why."""


def program_update(
    *, program: Program, name: str, deadline: dt.date, specialty: str = "", eras_code: str = ""
) -> Program:
    program.name, program.deadline, program.specialty, program.eras_code = name, deadline, specialty, eras_code
    program.save(update_fields=["name", "deadline", "specialty", "eras_code"])
    return program


def program_mark_applied(*, program: Program, on: dt.date | None) -> Program:
    """The day the applicant applied to the program in ERAS (None: not applied); assignments lock from then."""
    program.applied_on = on
    program.save(update_fields=["applied_on"])
    return program


@transaction.atomic
def letter_assign(*, program: Program, writer: Writer) -> str:
    """Assign ``writer``'s letter to ``program``; ``AssignRefused`` when ERAS would not. Returns a note ("" or
    the lock warning)."""
    from lorforge.core import eras

    from .models import Assignment

    if program.user_id != writer.user_id:
        raise PermissionError("That letter belongs to someone else.")
    program = Program.objects.select_for_update().get(pk=program.pk)  # one change at a time per program
    assigned = set(Assignment.objects.filter(program=program).values_list("writer_id", flat=True))
    check = eras.assign_check(
        author=writer.person.name,
        uploaded=selectors.uploaded_on(writer=writer) is not None,
        assigned=len(assigned),
        already=writer.pk in assigned,
        program=program.name,
        applied_on=program.applied_on,
    )
    if not check.allowed:
        raise AssignRefused(check.reason)
    Assignment.objects.create(user=program.user, program=program, writer=writer)
    return check.reason


@transaction.atomic
def letter_unassign(*, program: Program, writer: Writer) -> None:
    from lorforge.core import eras

    from .models import Assignment

    check = eras.unassign_check(author=writer.person.name, program=program.name, applied_on=program.applied_on)
    if not check.allowed:
        raise AssignRefused(check.reason)
    Assignment.objects.filter(program=program, writer=writer).delete()


def letters_assign_suggested(*, program: Program, today: dt.date) -> tuple[list[Writer], list[str]]:
    """Assign the program's default set, as far as ERAS allows now: (assigned, why the others were not)."""
    from . import programs as program_selectors

    plan, writers = program_selectors.program_plan_of(program=program, today=today)
    done, skipped = [], []
    for key in plan.suggested:
        writer = writers[key]
        if writer.pk in {int(k) for k in plan.assigned}:
            continue
        try:
            letter_assign(program=program, writer=writer)
        except AssignRefused as exc:
            skipped.append(str(exc))
        else:
            done.append(writer)
    return done, skipped


# --- The ERAS letter entry -------------------------------------------------------------------


@transaction.atomic
def eras_entry_save(
    *,
    writer: Writer,
    letter_id: str,
    author_title: str,
    specialty: str,
    waiver: str,
    program_director: bool,
    department_chair: bool,
    form_pdf: bytes | None = None,
    form_name: str = "",
    remove_form: bool = False,
) -> Writer:
    """Save what the applicant copied from MyERAS; a new form PDF replaces the old one."""
    from lorforge.core import eras

    writer.eras_letter_id = eras.normalize_letter_id(letter_id)
    writer.eras_author_title, writer.eras_specialty = author_title, specialty
    writer.eras_waiver = waiver
    writer.eras_program_director, writer.eras_department_chair = program_director, department_chair
    old = writer.request_form.name if writer.request_form else ""
    if remove_form or form_pdf is not None:
        writer.request_form = None
        writer.request_form_name = ""
    if form_pdf is not None:
        writer.request_form.save("form.pdf", ContentFile(form_pdf), save=False)
        writer.request_form_name = _tidy_name(form_name)
    writer.save()
    if old and (remove_form or form_pdf is not None):
        storage = Writer._meta.get_field("request_form").storage
        transaction.on_commit(lambda: storage.delete(old))
    return writer


def request_form_attachment(writer: Writer, applicant_name: str) -> emails.Attachment | None:
    if not writer.request_form:
        return None
    with writer.request_form.open("rb") as handle:
        content = handle.read()
    stem = f"ERAS-Letter-Request-Form-{emails.ascii_filename(applicant_name)}"
    return emails.Attachment(f"{stem}.pdf", content, emails.PDF_MIMETYPE)


def eras_details(writer: Writer, *, aamc_id: str):
    """What the writer needs to upload, for the emails and the helper (``core.emails.ErasDetails``)."""
    return emails.ErasDetails(
        letter_id=writer.eras_letter_id, waiver=writer.eras_waiver, aamc_id=aamc_id, has_form=bool(writer.request_form)
    )


def writer_share_update(
    *, writer: Writer, share_helper: bool, share_cv: bool, share_statement: bool, share_aamc_id: bool
) -> Writer:
    writer.share_helper, writer.share_cv = share_helper, share_cv
    writer.share_statement, writer.share_aamc_id = share_statement, share_aamc_id
    writer.save(update_fields=["share_helper", "share_cv", "share_statement", "share_aamc_id"])
    return writer
