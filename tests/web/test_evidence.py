"""Evidence: stories with the coach, feedback loops, compliments, tasks, search and the meter."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest

from lorforge import clock
from lorforge.evidence.models import Compliment, Feedback, Story, Task

pytestmark = pytest.mark.django_db

SPECIFIC = "Called three families after rounds to explain the discharge plan, so two patients went home before noon."


def _text(response) -> str:
    return unescape(response.content.decode())


@pytest.fixture
def attending(rotation):
    return rotation.people.get(role="attending")


def _story(owner_client, rotation, attending, **overrides):
    data = {
        "text": SPECIFIC,
        "rotation": rotation.pk,
        "witnesses": [attending.pk],
        "visible": "on",
        "happened_on": clock.today().isoformat(),
        "next": "/today/",
    }
    data.update(overrides)
    return owner_client.post("/evidence/stories/new/", data)


def test_capturing_a_specific_story_saves_it_with_suggested_qualities(owner_client, rotation, attending):
    response = _story(owner_client, rotation, attending)
    assert response.status_code == 302 and response.url == "/today/"
    story = Story.objects.get()
    assert story.specific and story.visible and story.rotation == rotation
    assert list(story.witnesses.all()) == [attending]
    assert story.qualities, "the coach suggests qualities when none are chosen"
    message = _text(owner_client.get("/today/"))
    assert "specific enough to quote" in message


def test_a_generic_story_is_saved_with_a_hint(owner_client, rotation, attending):
    _story(owner_client, rotation, attending, text="Was very hard-working and a good team player.")
    story = Story.objects.get()
    assert not story.specific
    assert "Story saved." in _text(owner_client.get("/evidence/"))


def test_chosen_qualities_win_over_suggestions(owner_client, rotation, attending):
    _story(owner_client, rotation, attending, qualities=["fit"])
    assert Story.objects.get().qualities == ["fit"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"text": "   "}, "Write what happened"),
        ({"text": "x" * 1501}, "at most 1500 characters"),
        ({"happened_on": "2099-01-01"}, "in the future"),
        ({"happened_on": "1999-01-01"}, "three years ago"),
        ({"qualities": ["charisma"]}, "Select a valid choice"),
    ],
)
def test_story_form_rejects_bad_input_and_keeps_the_text(owner_client, rotation, attending, overrides, message):
    response = _story(owner_client, rotation, attending, **overrides)
    assert response.status_code == 200
    html = _text(response)
    assert message in html
    assert not Story.objects.exists()
    if overrides.get("text", SPECIFIC).strip() and "text" not in overrides:
        assert SPECIFIC in html


def test_a_story_cannot_name_another_users_person_or_rotation(other_client, rotation, attending):
    response = other_client.post(
        "/evidence/stories/new/",
        {
            "text": SPECIFIC,
            "rotation": rotation.pk,
            "witnesses": [attending.pk],
            "happened_on": clock.today().isoformat(),
        },
    )
    assert response.status_code == 200
    html = _text(response)
    assert "Choose one of your own rotations" in html and "Choose someone from your own people" in html
    assert not Story.objects.exists()


def test_a_witness_from_another_rotation_is_refused(owner_client, owner, rotation, attending):
    from lorforge.rotations.services import rotation_create

    start = clock.today() - dt.timedelta(days=60)
    other_rotation = rotation_create(
        user=owner,
        site="Elsewhere",
        specialty="Surgery",
        kind="clerkship",
        setting="inpatient",
        start_date=start,
        end_date=start + dt.timedelta(days=20),
    )
    response = _story(owner_client, other_rotation, attending)
    assert "different rotation" in _text(response)


def test_other_users_cannot_see_edit_or_delete_evidence(owner, other_client, anon_client, rotation, attending):
    from lorforge.evidence import services

    story = services.story_save(user=owner, text=SPECIFIC, happened_on=clock.today(), rotation=rotation)
    feedback = services.feedback_save(user=owner, giver=attending, given_on=clock.today(), said="Be concise.")
    compliment = services.compliment_save(
        user=owner, giver=attending, received_on=clock.today(), text="Great presentation."
    )
    urls = [
        f"/evidence/stories/{story.pk}/edit/",
        f"/evidence/stories/{story.pk}/delete/",
        f"/evidence/feedback/{feedback.pk}/edit/",
        f"/evidence/feedback/{feedback.pk}/follow-up/",
        f"/evidence/feedback/{feedback.pk}/delete/",
        f"/evidence/compliments/{compliment.pk}/edit/",
        f"/evidence/compliments/{compliment.pk}/delete/",
    ]
    for url in urls:
        assert other_client.get(url).status_code == 404, url
        assert other_client.post(url, {}).status_code == 404, url
        assert anon_client.get(url).status_code == 302, url
    assert "Called three families" not in _text(other_client.get("/evidence/"))
    assert Story.objects.count() == Feedback.objects.count() == Compliment.objects.count() == 1


def test_feedback_loop_opens_after_a_week_and_closes_with_a_follow_up(owner_client, rotation, attending):
    given = clock.today() - dt.timedelta(days=8)
    owner_client.post(
        "/evidence/feedback/new/",
        {
            "giver": attending.pk,
            "rotation": rotation.pk,
            "given_on": given.isoformat(),
            "said": "Lead with your assessment.",
            "change": "Open with a one-line assessment",
        },
    )
    feedback = Feedback.objects.get()
    today = _text(owner_client.get("/today/"))
    assert "Show the change" in today and "Lead with your assessment." in today
    response = owner_client.post(
        f"/evidence/feedback/{feedback.pk}/follow-up/",
        {
            "followed_up_on": clock.today().isoformat(),
            "follow_up": "I have been opening with my assessment.",
            "reaction": "She noticed.",
        },
    )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.followed_up_on == clock.today()
    assert "Show the change" not in _text(owner_client.get("/today/"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"said": ""}, "Write down what they said"),
        ({"giver": ""}, "Choose who gave the feedback"),
        ({"followed_up_on": "2020-01-01"}, "three years ago"),
        ({"follow_up": "I worked on it"}, "Add the date you followed up"),
    ],
)
def test_feedback_form_rejects_bad_input(owner_client, attending, data, message):
    base = {"giver": attending.pk, "given_on": clock.today().isoformat(), "said": "Be concise."}
    response = owner_client.post("/evidence/feedback/new/", {**base, **data})
    assert message in _text(response)
    assert not Feedback.objects.exists()


def test_follow_up_before_the_feedback_is_refused(owner_client, owner, attending):
    from lorforge.evidence import services

    feedback = services.feedback_save(user=owner, giver=attending, given_on=clock.today(), said="Be concise.")
    response = owner_client.post(
        f"/evidence/feedback/{feedback.pk}/follow-up/",
        {"followed_up_on": (clock.today() - dt.timedelta(days=1)).isoformat(), "follow_up": "Did it."},
    )
    assert "cannot come before the feedback" in _text(response)


def test_compliments_are_written_down(owner_client, attending):
    owner_client.post(
        "/evidence/compliments/new/",
        {
            "giver": attending.pk,
            "received_on": clock.today().isoformat(),
            "text": "You run your patients like an intern.",
        },
    )
    assert Compliment.objects.get().rotation == attending.rotation
    assert "like an intern" in _text(owner_client.get(f"/people/{attending.pk}/"))


def test_tasks_add_done_blocked_and_the_end_of_day_sentence(owner_client, rotation):
    url = f"/rotations/{rotation.pk}/tasks/"
    for text in ("Call cardiology", "Update the family", "Follow up the CT report."):
        owner_client.post(url, {"text": text})
    tasks = list(Task.objects.order_by("id"))
    assert [t.text for t in tasks] == ["Call cardiology", "Update the family", "Follow up the CT report"]
    owner_client.post(f"/evidence/tasks/{tasks[0].pk}/status/", {"status": "done"})
    owner_client.post(f"/evidence/tasks/{tasks[1].pk}/status/", {"status": "done"})
    owner_client.post(f"/evidence/tasks/{tasks[2].pk}/status/", {"status": "blocked", "reason": "waiting on radiology"})
    html = _text(owner_client.get(url))
    assert "End-of-day update" in html
    assert "cardiology" in html and "waiting on radiology" in html


def test_blocking_a_task_needs_a_reason(owner_client, rotation):
    task = Task.objects.create(user=rotation.user, rotation=rotation, day=clock.today(), text="Call GI")
    response = owner_client.post(f"/evidence/tasks/{task.pk}/status/", {"status": "blocked"}, follow=True)
    assert "why it is blocked" in _text(response)
    task.refresh_from_db()
    assert task.status == "open"


def test_tasks_of_others_are_out_of_reach(other_client, rotation):
    task = Task.objects.create(user=rotation.user, rotation=rotation, day=clock.today(), text="Call GI")
    assert other_client.get(f"/rotations/{rotation.pk}/tasks/").status_code == 404
    assert other_client.post(f"/evidence/tasks/{task.pk}/status/", {"status": "done"}).status_code == 404
    assert other_client.post(f"/evidence/tasks/{task.pk}/delete/").status_code == 404
    task.refresh_from_db()
    assert task.status == "open"


def test_search_and_filters(owner_client, owner, rotation, attending):
    from lorforge.evidence import services

    services.story_save(
        user=owner,
        text=SPECIFIC,
        happened_on=clock.today(),
        rotation=rotation,
        witnesses=[attending],
        qualities=["communication"],
    )
    services.story_save(
        user=owner,
        text="Read the sepsis guideline and suggested lactate before fluids.",
        happened_on=clock.today(),
        rotation=rotation,
        qualities=["clinical_reasoning"],
    )
    assert "sepsis" in _text(owner_client.get("/evidence/?q=sepsis"))
    assert "three families" not in _text(owner_client.get("/evidence/?q=sepsis"))
    by_quality = _text(owner_client.get("/evidence/?quality=communication"))
    assert "three families" in by_quality and "sepsis" not in by_quality
    by_person = _text(owner_client.get(f"/evidence/?person={attending.pk}"))
    assert "three families" in by_person and "sepsis" not in by_person
    assert "Nothing matches" in _text(owner_client.get("/evidence/?q=zebra"))


def test_the_meter_rises_as_specific_visible_stories_are_added(owner_client, owner, rotation, attending):
    from lorforge.evidence import services

    def meter_text():
        return _text(owner_client.get(f"/people/{attending.pk}/"))

    assert "0 of 3" in meter_text()
    services.story_save(
        user=owner, text=SPECIFIC, happened_on=clock.today(), rotation=rotation, witnesses=[attending], visible=True
    )
    assert "1 of 3" in meter_text()
    assert "1 of 3" in _text(owner_client.get(f"/rotations/{rotation.pk}/"))


def test_coach_endpoint_answers_while_typing(owner_client, anon_client):
    verdict = owner_client.post("/evidence/coach/", {"text": SPECIFIC}).json()
    assert verdict["specific"] is True and 0 <= verdict["score"] <= 1
    assert owner_client.post("/evidence/coach/", {"text": "hard-working"}).json()["specific"] is False
    assert anon_client.post("/evidence/coach/", {"text": SPECIFIC}).status_code == 302


def test_presentation_template_is_validated_saved_and_rendered(owner_client, owner):
    from lorforge.evidence.models import PresentationDraft

    data = {
        "hpi": "68-year-old with heart failure and three days of leg swelling.",
        "exam_labs": "Crackles at both bases; BNP 1,800.",
        "differential": "Heart failure\nPneumonia",
        "justification": "Orthopnea and a high BNP.",
        "plan": "IV diuresis\nDaily weights",
    }
    response = owner_client.post("/evidence/presentations/new/oral/", data)
    assert response.status_code == 200
    assert "3" in _text(response) and not PresentationDraft.objects.exists()  # two items are too few
    data["differential"] = "Heart failure exacerbation\nPneumonia\nNephrotic syndrome"
    response = owner_client.post("/evidence/presentations/new/oral/", data)
    draft = PresentationDraft.objects.get(user=owner)
    assert response.status_code == 302 and response.url == f"/evidence/presentations/{draft.pk}/"
    page = _text(owner_client.get(response.url))
    assert "Read it aloud" in page and "Nephrotic syndrome" in page


def test_presentations_of_others_are_out_of_reach(owner, other_client):
    from lorforge.evidence import services

    draft = services.presentation_save(user=owner, kind="sbar", values={"situation": "Potassium 6.4"})
    assert other_client.get(f"/evidence/presentations/{draft.pk}/").status_code == 404
    assert other_client.post(f"/evidence/presentations/{draft.pk}/delete/").status_code == 404
    assert other_client.get("/evidence/presentations/new/poem/").status_code == 404


def test_a_persons_page_shows_their_newest_entries_and_a_way_to_every_one(owner_client, owner, rotation, attending):
    from lorforge.evidence.services import story_save
    from lorforge.planner.selectors import PERSON_ITEMS

    for n in range(PERSON_ITEMS + 2):
        story_save(
            user=owner,
            rotation=rotation,
            witnesses=[attending],
            text=f"Presented bed {n} on rounds with a plan the team kept.",
            happened_on=rotation.start_date + dt.timedelta(days=n % 3),
        )
    page = _text(owner_client.get(f"/people/{attending.pk}/"))
    listed = page[page.index(f"Stories {attending.name} saw") : page.index(f"Feedback from {attending.name}")]
    assert listed.count("Presented bed ") == PERSON_ITEMS
    link = f"/evidence/?person={attending.pk}&kind=story"
    assert link in page and f"Every story {attending.name} saw" in page
    every = _text(owner_client.get(link))
    assert every.count("Presented bed ") == PERSON_ITEMS + 2
    assert "All feedback from" not in page and "Every compliment from" not in page  # none of those: no link


def test_stories_an_older_coach_judged_are_judged_again_keeping_their_qualities(owner, other, rotation, capsys):
    """A verdict carries the coach's edition; when the coach changes, `lorforge serve` judges the stories again
    before serving, in batches, on every account: the verdict, score and hint change, chosen qualities stay."""
    from lorforge.commands.serve import _rejudge_stories
    from lorforge.core import coach
    from lorforge.evidence.services import stories_rejudge, story_save

    today = clock.today()
    saved = story_save(user=owner, rotation=rotation, text="Helped out on the ward.", happened_on=today)
    assert saved.coached_by == coach.edition() and saved.specific is False
    specific = "Caught a duplicate heparin order during med rec and told the resident, who cancelled it."
    old = [
        Story.objects.create(
            user=user, text=specific, happened_on=today, qualities=["fit"], specific=False, hint="old", coached_by=by
        )
        for user, by in ((owner, ""), (other, "0123456789abcdef"), (other, ""))
    ]

    assert stories_rejudge(limit=2) == 2
    assert _rejudge_stories() == 1
    assert "Judged 1 story again" in capsys.readouterr().out
    for story in old:
        story.refresh_from_db()
        assert story.specific is True and story.hint == coach.assess(specific).hint
        assert story.qualities == ["fit"] and story.coached_by == coach.edition()
    saved_before = Story.objects.get(pk=saved.pk)
    assert stories_rejudge() == 0 and _rejudge_stories() == 0
    assert Story.objects.get(pk=saved.pk).hint == saved_before.hint
