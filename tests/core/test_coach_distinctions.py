"""The coach's close calls: fit or communication, reliability or work ethic, reasoning or safety, and long entries
that still say nothing. The lines are written for these tests (not taken from the labelled set)."""

from __future__ import annotations

import pytest

from lorforge.core.coach import assess

# (main quality, story)
DISTINCTIONS = [
    # fit: kindness and rapport; communication: something was conveyed
    (
        "fit",
        "the housekeeper on 5 South was alone on a holiday so I helped her bag the linens; she greets me by name now",
    ),
    ("fit", "stopped by each afternoon to chat with Mrs D about her garden; she asked the nurse when I was coming"),
    ("fit", "sat with a scared old man before his scope and sang a song from his village; he laughed and relaxed"),
    (
        "fit",
        "our senior had a rough night on call, so I took her pager for an hour to let her eat; the team thanked me",
    ),
    ("fit", "brought him a crossword book from the gift shop since he had no visitors; he finished it by friday"),
    ("communication", "sat with the wife and explained why he needed the ICU; she said she finally understood"),
    ("communication", "gave the CT tech a heads up that the pt was deaf and wrote the instructions on a card"),
    ("communication", "translated the discharge plan into Urdu for the son, who read it back to me correctly"),
    # reliability: a task owned and closed; work ethic: hours and load taken on
    ("reliability", "the attending asked me to find out if the sleep study was booked; I called and had a date by 2pm"),
    ("reliability", "told the daughter I'd call her when the biopsy came back; it did on friday and I called her at 4"),
    (
        "reliability",
        "call back the 3 pts with pending cultures was my job; I reached all three before the clinic closed",
    ),
    ("reliability", "checked the pending troponins for my 3 pts at 6pm and wrote the results into the sign out"),
    (
        "work_ethic",
        "worked a double on sunday when the team was down a student and admitted 4 pts with the night senior",
    ),
    ("work_ethic", "went in on Eid morning to pre-round on my 5 pts so the resident could be with his kids"),
    ("work_ethic", "did my co-student's pre-rounds as well as mine the day she was sick, 8 pts by 6:15"),
    # reasoning: a diagnosis argued for; safety: a harm stopped or escalated
    (
        "clinical_reasoning",
        "put the new ataxia and the phenytoin level together and said toxicity before the MRI; it was 32",
    ),
    (
        "clinical_reasoning",
        "wondered if her cough was from the lisinopril, suggested a switch to losartan and it stopped",
    ),
    (
        "clinical_reasoning",
        "explained my reasoning for a PERC-negative workup on rounds and the attending skipped the CTA",
    ),
    (
        "patient_safety",
        "her potassium went from 3.9 to 6.2 overnight and I paged the resident; an EKG showed peaked T waves",
    ),
    ("patient_safety", "clinic pt had chest pain and a BP of 200/115; I did not let him leave and got the attending"),
    ("patient_safety", "found the pt had eaten breakfast despite the NPO order for his scope and told the nurse"),
    ("patient_safety", "the heparin was ordered as 18000 units instead of 1800; I caught it and the order was fixed"),
    (
        "patient_safety",
        "told my senior I'd never placed an NG tube and asked her to watch; she stopped me at the right depth",
    ),
]


@pytest.mark.parametrize(("quality", "story"), DISTINCTIONS)
def test_main_quality_in_close_calls(quality: str, story: str) -> None:
    result = assess(story)
    assert result.specific, story
    assert result.qualities[0] == quality, (story, result.qualities)


# Someone else's act sets the scene; the applicant's act is the story.
@pytest.mark.parametrize(
    ("quality", "story"),
    [
        ("fit", "the MA stayed late cleaning rooms, so I started wiping down my rooms after each pt; we left on time"),
        ("fit", "a pt's grandkids drew her cards, so I taped them up where she could see them; she smiled all morning"),
    ],
)
def test_others_acts_do_not_lead(quality: str, story: str) -> None:
    assert assess(story).qualities[0] == quality


HARD_GENERIC = [
    # long but empty
    "Over the month I always made myself available to the team and to every patient, and I believe the residents "
    "valued my presence and initiative in every situation.",
    # numbers without a moment
    "took 3 call shifts per week and admitted new patients",
    "placed orders under supervision and wrote progress notes for 6 patients",
    # clinical words without a story
    "formulated differentials and plans for patients with syncope, chest pain and AKI",
    "interpreted labs, EKGs and imaging and suggested next steps in the workup",
    "made sure every patient had follow up booked before discharge",
    # vague teachability and standing
    "In week 3 my attending gave me feedback and I took it on board",
    "was trusted to write notes, call consults and update families on 5 patients",
    "caught medication errors and escalated concerns when needed",
    # counts, rates and breadth dressed in clinical words
    "reviewed over 200 chest x-rays with the radiology resident",
    "worked 70 hours a week and took 2 calls a week",
    "cared for 12-14 patients a day with conditions like heart failure and COPD",
    "saw a wide range of pathology, including TTP, DKA and SJS",
    "read 30+ articles on UpToDate during the rotation",
    "demonstrated sound clinical judgment by presenting a plan for every patient",
    "evaluated patients presenting with syncope, chest pain and dyspnea",
]


@pytest.mark.parametrize("entry", HARD_GENERIC)
def test_hard_generic_entries_are_generic(entry: str) -> None:
    assert not assess(entry).specific, entry
