"""The demo account's letters: one writer with the materials, one just asked, programs, a CV.

One consistent story, told the same way by every page (``core.timeline``):
- The attending of the finished rotation agreed at its end and got the materials
  the next day; the reminders come 3–4 weeks before the first program deadline.
- The attending of the current rotation (in its last week) was asked today: the
  answer is left for the applicant (or a browser test) to record.
- The resident of the finished rotation is a candidate, and a research mentor
  with a senior title but little contact shows the portfolio's warning.
- The program deadlines fall in the applicant's season: the first on the day
  programs usually start reviewing, the others two and four weeks later.
The writers' stories, feedback and compliments are the rotations' own (``lorforge.demo``), loaded first.
"""

from __future__ import annotations

import datetime as dt

from lorforge.accounts.services import profile_for, season_dates
from lorforge.rotations.models import Person, Role
from lorforge.rotations.services import person_create

from . import services
from .models import Material, MaterialKind, Program

# Days after the season's "programs start reviewing" date.
PROGRAMS = (
    ("Mercy General Internal Medicine Residency", 0),
    ("Lakeside University Internal Medicine", 14),
    ("Riverside Community Internal Medicine Program", 28),
)


def letters_demo_load(*, user, today: dt.date) -> None:
    """Letter writers, programs and a CV for the demo account (run after its rotations and people exist)."""
    _reset(user)
    review = season_dates(profile=profile_for(user=user), today=today).programs_review
    specialty = profile_for(user=user).target_specialty
    for name, days in PROGRAMS:
        services.program_add(user=user, name=name, deadline=review + dt.timedelta(days=days), specialty=specialty)
    _add_cv(user)

    people = Person.objects.filter(user=user).select_related("rotation")
    past = [p for p in people if p.rotation and p.rotation.end_date < today]
    current = [p for p in people if p.rotation and p.rotation.start_date <= today <= p.rotation.end_date]
    ward_attending = next((p for p in past if p.role == Role.ATTENDING), None)
    ward_resident = next((p for p in past if p.role == Role.RESIDENT), None)
    clinic_attending = next((p for p in current if p.role == Role.ATTENDING), None)

    if ward_attending:
        _agreed_with_materials(user, ward_attending, today)
    if clinic_attending:
        _asked(user, clinic_attending, today)
    if ward_resident:
        services.writer_add(user=user, person=ward_resident, on=ward_resident.rotation.start_date)
    mentor = person_create(
        user=user,
        name="Prof. Mehmet Öztürk",
        role=Role.RESEARCH_MENTOR,
        email="m.ozturk@university.example.org",
        specialty="Internal Medicine",
    )
    services.writer_update(
        writer=services.writer_add(user=user, person=mentor, on=today - dt.timedelta(days=30)),
        senior_title=True,
        taught="",
    )


def _reset(user) -> None:
    for material in Material.objects.filter(user=user):
        services.material_delete(material=material)
    Program.objects.filter(user=user).delete()


def _add_cv(user) -> None:
    name = profile_for(user=user).display_name
    services.material_upload(user=user, kind=MaterialKind.CV, name="CV.pdf", data=_cv_pdf(name), file_type="pdf")


def _cv_pdf(name: str) -> bytes:
    """A short one-page CV, so the demo's thank-you email has a real attachment."""
    import ttf_opensans
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="letter")
    pdf.add_font("OpenSans", "", str(ttf_opensans.OPENSANS_REGULAR.path))
    pdf.add_font("OpenSans", "B", str(ttf_opensans.OPENSANS_BOLD.path))
    pdf.add_page()
    pdf.set_font("OpenSans", "B", 18)
    pdf.cell(0, 26, name, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("OpenSans", "", 11)
    for line in (
        "MD, Hanoi Medical University",
        "US clinical experience: Internal Medicine sub-internship, "
        "St. Agnes Medical Center; Internal Medicine clerkship, Riverside Community Clinic",
        "USMLE Step 1: Pass · Step 2 CK: 251",
        "Languages: Vietnamese, English, French",
    ):
        pdf.multi_cell(0, 16, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_title(f"CV – {name}")
    return bytes(pdf.output())


DEMO_LETTER_ID = "DEMO2027-0001"


def _request_form_pdf(applicant: str, author: str) -> bytes:
    """A stand-in for the Letter Request Form ERAS makes (marked as a demo, so nobody mistakes it)."""
    import ttf_opensans
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="letter")
    pdf.add_font("OpenSans", "", str(ttf_opensans.OPENSANS_REGULAR.path))
    pdf.add_page()
    pdf.set_font("OpenSans", "", 12)
    for line in (
        "DEMO - not a real ERAS document",
        "Letter Request Form",
        f"Applicant: {applicant}",
        f"Letter author: {author}",
        f"Letter ID: {DEMO_LETTER_ID}",
    ):
        pdf.cell(0, 20, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _agreed_with_materials(user, attending: Person, today: dt.date) -> None:
    """Agreed three days before the end of the rotation, materials the next day."""
    end = attending.rotation.end_date
    writer = services.writer_add(user=user, person=attending, on=attending.rotation.start_date)
    services.writer_update(
        writer=writer,
        senior_title=False,
        taught="managing complex inpatient diabetes\nrunning a calm, efficient family meeting",
    )
    services.writer_move(
        writer=writer,
        to="seeded",
        on=attending.rotation.start_date + dt.timedelta(days=6),
        note="Asked for feedback at the end of week 1",
    )
    services.writer_record_answer(writer=writer, answer="confident_yes", on=end - dt.timedelta(days=3))
    services.eras_entry_save(
        writer=writer,
        letter_id=DEMO_LETTER_ID,
        author_title="Attending Physician, Department of Medicine",
        specialty="Internal Medicine",
        waiver="waived",
        program_director=False,
        department_chair=False,
        form_pdf=_request_form_pdf(profile_for(user=user).display_name, attending.name),
        form_name="Letter Request Form.pdf",
    )
    services.email_mark_sent(writer=writer, kind="materials", on=min(end - dt.timedelta(days=2), today))


def _asked(user, attending: Person, today: dt.date) -> None:
    start = attending.rotation.start_date
    writer = services.writer_add(user=user, person=attending, on=start)
    services.writer_update(writer=writer, senior_title=False, taught="managing type 2 diabetes in a busy clinic")
    services.writer_move(
        writer=writer, to="seeded", on=min(start + dt.timedelta(days=6), today), note="Quick feedback check-in"
    )
    services.writer_move(writer=writer, to="asked", on=today, note="Asked after clinic")
