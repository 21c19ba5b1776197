"""Programs × letters: the grid (a fifth letter refused, the missing-specialty flag, the default set), ERAS's
upload-before-assign and lock rules, the per-program portfolio and the CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from html import unescape

import pytest

from lorforge.accounts.services import profile_for, season_dates
from lorforge.letters import services
from lorforge.letters.models import Assignment, Program
from lorforge.rotations.services import rotation_create

pytestmark = pytest.mark.django_db


def agreed_writer(
    user,
    name: str,
    today: dt.date,
    *,
    specialty: str = "Internal Medicine",
    setting: str = "inpatient",
    uploaded: bool = True,
    ended_days_ago: int = 40,
):
    """A writer who agreed at the end of a finished rotation and has the materials; uploaded = submitted."""
    end = today - dt.timedelta(days=ended_days_ago)
    start = end - dt.timedelta(days=27)
    rotation = rotation_create(
        user=user,
        site=f"{name} Hospital",
        specialty=specialty,
        kind="clerkship",
        setting=setting,
        start_date=start,
        end_date=end,
        attending_name=name,
        attending_email=f"{name.split()[-1].lower()}@example.org",
    )
    person = rotation.people.get()
    writer = services.writer_add(user=user, person=person, on=start)
    services.writer_record_answer(writer=writer, answer="confident_yes", on=end - dt.timedelta(days=3))
    services.email_mark_sent(writer=writer, kind="materials", on=end - dt.timedelta(days=2))
    if uploaded:
        services.writer_move(writer=writer, to="submitted", on=today - dt.timedelta(days=1))
    return writer


def program(user, name: str, today: dt.date, specialty: str = "Internal Medicine", days: int = 0) -> Program:
    review = season_dates(profile=profile_for(user=user), today=today).programs_review
    return services.program_add(
        user=user, name=name, deadline=max(review, today) + dt.timedelta(days=days), specialty=specialty
    )


def page(client) -> str:
    return unescape(client.get("/letters/programs/").content.decode())


def assign(client, prog: Program, writer):
    return client.post(f"/letters/programs/{prog.pk}/assign/", {"writer": writer.pk}, follow=True)


def test_the_fifth_letter_is_refused_with_a_clear_message(owner_client, owner, today):
    writers = [agreed_writer(owner, f"Dr. Ana Writer{i}", today) for i in range(5)]
    mercy = program(owner, "Mercy IM", today)
    for writer in writers[:4]:
        response = assign(owner_client, mercy, writer)
        assert "Assigned the letter from" in unescape(response.content.decode())
    response = assign(owner_client, mercy, writers[4])
    html = unescape(response.content.decode())
    assert "Mercy IM already has 4 letters, the most ERAS allows for one program" in html
    assert Assignment.objects.filter(program=mercy).count() == 4
    assert "4 of 4" in page(owner_client)


def test_a_letter_is_assigned_only_once_uploaded(owner_client, owner, today):
    waiting = agreed_writer(owner, "Dr. Ben Waiting", today, uploaded=False, ended_days_ago=5)
    mercy = program(owner, "Mercy IM", today)
    html = unescape(assign(owner_client, mercy, waiting).content.decode())
    assert "The letter from Dr. Ben Waiting is not uploaded in ERAS yet" in html
    assert not Assignment.objects.exists()
    grid = page(owner_client)
    expected = today - dt.timedelta(days=5) + dt.timedelta(weeks=4)
    assert f"Usually written by {expected:%b} {expected.day}" in grid  # the timing curve, per program
    services.writer_move(writer=waiting, to="submitted", on=today)
    assert "Assigned the letter from Dr. Ben Waiting" in unescape(assign(owner_client, mercy, waiting).content.decode())


def test_a_program_without_a_letter_in_its_specialty_is_flagged(owner_client, owner, today):
    agreed_writer(owner, "Dr. Carla Internist", today)
    surgery = program(owner, "Valley General Surgery", today, specialty="Surgery")
    program(owner, "Mercy IM", today)
    grid = page(owner_client)
    assert "None of your agreed letters is from Surgery" in grid
    row = grid.split(f'id="program-{surgery.pk}"')[1].split("</tr>")[0]
    assert "None of your agreed letters is from Surgery" in row


def test_an_emergency_medicine_program_says_a_standardized_letter_is_expected(owner_client, owner, today):
    agreed_writer(owner, "Dr. Carla Internist", today)
    program(owner, "City Emergency Medicine", today, specialty="Emergency Medicine")
    grid = page(owner_client)
    assert "Standardized Letter of Evaluation (SLOE)" in grid
    assert "None of your agreed letters is from Emergency Medicine" in grid


def test_the_suggested_set_assigns_the_strongest_specialty_letters_first(owner_client, owner, today):
    surgeon = agreed_writer(owner, "Dr. Omar Surgeon", today, specialty="Surgery")
    clinic = agreed_writer(owner, "Dr. Dana Clinic", today, setting="outpatient")
    ward = agreed_writer(owner, "Dr. Eve Ward", today)
    waiting = agreed_writer(owner, "Dr. Fay Waiting", today, uploaded=False, ended_days_ago=3)
    mercy = program(owner, "Mercy IM", today)
    response = owner_client.post(f"/letters/programs/{mercy.pk}/suggested/", follow=True)
    html = unescape(response.content.decode())
    assigned = list(Assignment.objects.filter(program=mercy).values_list("writer_id", flat=True))
    assert assigned == [ward.pk, clinic.pk, surgeon.pk]  # inpatient in specialty, outpatient, then one more
    assert "The letter from Dr. Fay Waiting is not uploaded in ERAS yet" in html  # planned, not assignable
    assert waiting.pk not in assigned


def test_an_applied_program_locks_its_letters(owner_client, owner, today):
    writer = agreed_writer(owner, "Dr. Gil Locked", today)
    mercy = program(owner, "Mercy IM", today)
    assign(owner_client, mercy, writer)
    response = owner_client.post(f"/letters/programs/{mercy.pk}/applied/", {"on": today.isoformat()}, follow=True)
    assert "its letters are now locked" in unescape(response.content.decode())
    response = owner_client.post(f"/letters/programs/{mercy.pk}/unassign/", {"writer": writer.pk}, follow=True)
    assert "Locked: you applied to Mercy IM" in unescape(response.content.decode())
    assert Assignment.objects.filter(program=mercy, writer=writer).exists()
    assert "Locked: applied" in page(owner_client)
    future = owner_client.post(
        f"/letters/programs/{mercy.pk}/applied/", {"on": (today + dt.timedelta(days=3)).isoformat()}, follow=True
    )
    assert "in the future" in unescape(future.content.decode())


def test_the_per_program_portfolio_and_the_writer_page_agree(owner_client, owner, today):
    writer = agreed_writer(owner, "Dr. Hana Portfolio", today)
    mercy = program(owner, "Mercy IM", today)
    assign(owner_client, mercy, writer)
    html = unescape(owner_client.get(f"/letters/writers/{writer.pk}/").content.decode())
    assert (
        "Mercy IM" in html
        and f"Uploaded {today - dt.timedelta(days=1):%b} {(today - dt.timedelta(days=1)).day}" in html
    )
    assert "Programs and letters" in unescape(owner_client.get("/letters/").content.decode())


def test_the_csv_has_every_program_and_letter_and_cannot_run_formulas(owner_client, owner, today):
    writer = agreed_writer(owner, "Dr. Ida Csv", today)
    mercy = program(owner, '=HYPERLINK("http://evil.example")', today)
    program(owner, "Lakeside IM", today, days=14)
    assign(owner_client, mercy, writer)
    response = owner_client.get("/letters/programs.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"] and "no-store" in response["Cache-Control"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    first = next(r for r in rows if r["letter_writer"] == "Dr. Ida Csv" and r["assigned"] == "yes")
    assert first["program"] == '\'=HYPERLINK("http://evil.example")'
    assert first["uploaded_on"] == (today - dt.timedelta(days=1)).isoformat() and first["locked"] == "no"
    assert {r["program"] for r in rows} == {first["program"], "Lakeside IM"}


def test_programs_have_a_specialty_and_an_optional_eras_code(owner_client, owner, today):
    review = season_dates(profile=profile_for(user=owner), today=today).programs_review
    deadline = max(review, today + dt.timedelta(days=1)).isoformat()
    response = owner_client.post(
        "/letters/programs/new/", {"name": "Mercy IM", "specialty": "", "eras_code": "12", "deadline": deadline}
    )
    assert "4 to 20 letters and digits" in unescape(response.content.decode())
    response = owner_client.post(
        "/letters/programs/new/",
        {"name": "Mercy IM", "specialty": "", "eras_code": "1403521102c", "deadline": deadline},
    )
    assert response.status_code == 302
    mercy = Program.objects.get(user=owner)
    assert mercy.specialty == "Internal Medicine" and mercy.eras_code == "1403521102C"
    response = owner_client.post(
        f"/letters/programs/{mercy.pk}/edit/",
        {"name": "Mercy IM", "specialty": "Internal Medicine (preliminary)", "eras_code": "", "deadline": deadline},
    )
    assert response.status_code == 302
    mercy.refresh_from_db()
    assert mercy.specialty == "Internal Medicine (preliminary)"


def test_no_other_applicants_program_or_letter_is_reachable(owner_client, other_client, owner, other, today):
    writer = agreed_writer(owner, "Dr. Jo Private", today)
    mercy = program(owner, "Mercy IM", today)
    theirs = agreed_writer(other, "Dr. Kim Theirs", today)
    assert other_client.post(f"/letters/programs/{mercy.pk}/assign/", {"writer": theirs.pk}).status_code == 404
    assert owner_client.post(f"/letters/programs/{mercy.pk}/assign/", {"writer": theirs.pk}).status_code == 404
    assert other_client.get(f"/letters/programs/{mercy.pk}/edit/").status_code == 404
    assert "Dr. Jo Private" not in page(other_client)
    assert "Mercy IM" not in other_client.get("/letters/programs.csv").content.decode("utf-8-sig")
    assert not Assignment.objects.exists() and writer.assignments.count() == 0


def test_a_deadline_before_a_rotation_ends_is_saved_with_a_clear_warning(owner, owner_client, today):
    deadline = season_dates(profile=profile_for(user=owner), today=today).programs_review + dt.timedelta(days=5)
    rotation_create(
        user=owner,
        site="Lakeside Hospital",
        specialty="Emergency Medicine",
        kind="clerkship",
        setting="inpatient",
        start_date=deadline - dt.timedelta(days=20),
        end_date=deadline + dt.timedelta(days=7),
        attending_name="Dr. Mei Chen",
    )
    data = {"name": "Mercy EM", "specialty": "Emergency Medicine", "deadline": deadline.isoformat()}
    page = unescape(owner_client.post("/letters/programs/new/", data, follow=True).content.decode())
    assert Program.objects.filter(user=owner, name="Mercy EM", deadline=deadline).exists()
    assert "comes before your Emergency Medicine at Lakeside Hospital rotation ends" in page
    assert "cannot be ready for this program" in page
    # A deadline after every rotation: no warning.
    later = {**data, "name": "Mercy IM", "deadline": (deadline + dt.timedelta(days=14)).isoformat()}
    page = unescape(owner_client.post("/letters/programs/new/", later, follow=True).content.decode())
    assert "Added Mercy IM" in page and "cannot be ready" not in page
