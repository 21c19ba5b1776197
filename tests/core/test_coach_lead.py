"""The coach's main quality: the act a story is about comes first, whatever else the story mentions.
The lines are written for these tests (not taken from the labelled set)."""

from __future__ import annotations

import pytest

from lorforge.core.coach import assess

# (main quality, story)
LEADS = [
    # a feedback loop is teachability, whatever skill the change was about
    (
        "teachability",
        "my senior pointed out I forgot to check allergies; since then I check the allergy tab first and last week "
        "I caught a sulfa allergy",
    ),
    ("teachability", "asked the intern how I could present faster, she said skip the ROS; next day I took 3 min"),
    ("teachability", "attending said I jump to tests too fast; on my next 3 pts I gave a pretest probability first"),
    ("teachability", "she said own the pager, so from monday I carried it and answered every page within 5 min"),
    # noticing: a hazard stopped is safety, a pattern turned into a proposal is reasoning
    ("patient_safety", "noticed the NPO order hadn't been entered before her EGD, told the nurse and it was fixed"),
    ("patient_safety", "pt's o2 sat was 86% on the walk, I sat her down, put her back on 2L and told the nurse"),
    ("patient_safety", "told the resident I wasn't sure how to convert the home methadone and asked before ordering"),
    ("patient_safety", "looked up the interaction between clarithromycin and simvastatin and the team held the statin"),
    ("patient_safety", "confirmed the side and site with the patient during the time-out before the case"),
    ("clinical_reasoning", "noticed the hgb drifted 10.2 -> 8.1 over two days, suggested iron studies and a guaiac"),
    ("clinical_reasoning", "identified that the rash began after the new antibiotic; the team switched it"),
    ("clinical_reasoning", "interpreted the ABG on rounds as a mixed disorder, which the fellow confirmed"),
    # calling: to explain is communication, to get something done is reliability
    ("communication", "called the pt's daughter to explain why her mom moved to the ICU, she finally understood"),
    ("reliability", "called the outside clinic to get the colonoscopy report so GI didn't repeat it"),
    ("reliability", "emailed the pt's oncologist to request the chemo dates and had them on the chart before rounds"),
    ("reliability", "gave the night intern a handoff with the two pending cultures and what to do if they turned"),
    ("communication", "rewrote the discharge instructions in plain language; he read them back to me"),
    # effort framing, hands-on work and kindness to the team
    ("work_ethic", "stayed late to phone three families and update each of them on the plan"),
    ("work_ethic", "removed the staples for 6 post-op pts in clinic and dressed each wound"),
    ("work_ethic", "came in at 5 on christmas day to pre-round on the 6 pts so the residents could be home"),
    ("fit", "the unit clerk was swamped so I answered the phones for an hour; she thanked me at the huddle"),
    ("fit", "picked up lunch for the team on a day with 20 pts on the list"),
    # hours beyond the job lead when the act itself is reading or a visit
    (
        "work_ethic",
        "read up on hepatorenal syndrome for two hours after my shift so I could present it the next morning",
    ),
    ("work_ethic", "came in sun to check my post-op pt's drain output, it was down to 40 and I told the senior"),
    (
        "work_ethic",
        "our intern went home sick so I carried 5 of her pts until sign-out with the senior checking my notes",
    ),
    # a colleague's hard moment or their break, rapport with a patient, company after a death: fit
    (
        "fit",
        "my co-student was in tears after a code, so I walked her to the cafeteria and held her pager for 20 minutes",
    ),
    ("fit", "watched the night nurse's patients for 15 min so she could eat, she saved me a chair at the next huddle"),
    (
        "fit",
        "the pt loved cricket, so I printed him the scores of the final; he showed them to every nurse who came in",
    ),
    ("fit", "sat with the son in the quiet room after his father died until the chaplain came"),
    # a value written as a number and acted on, a duplicate stopped: safety
    ("patient_safety", "k 6.4 on the am bmp, paged the senior, ekg done and calcium given before rounds"),
    ("patient_safety", "found 2 anticoagulants on her med list, asked the resident to d/c the enoxaparin, done"),
    # weighing causes in other words than "suggested"
    ("clinical_reasoning", "traced his new tremor to the lithium level of 1.6 and the team held the next dose"),
    (
        "clinical_reasoning",
        "made the case for a pulmonary embolism over pneumonia because of the clear lungs and the tachycardia; the CTA "
        "showed a PE",
    ),
    (
        "clinical_reasoning",
        "asked whether the rash could be a drug reaction since it came a week after the new antibiotic; it was stopped "
        "and the rash faded",
    ),
    # loops closed and promises kept
    ("reliability", "texted the night intern the two troponins to check at 11 and got a reply that both were flat"),
    (
        "reliability",
        "promised the daughter a call when the echo was read, got it at 5 and rang her at 5:15 like i said i would",
    ),
    (
        "teachability",
        "my senior said I hide the plan at the end; the next day I opened with it and she said it was much clearer",
    ),
    # feedback in the passive, and a change dated from a weekday
    ("teachability", "I was told my handoffs skipped the code status; from then on I opened each one with it"),
    (
        "teachability",
        "the fellow said my plans were vague; since wednesday I give a dose and a stop date for each drug",
    ),
    # a test that confirms is not the applicant's act; the applicant confirming something is
    (
        "clinical_reasoning",
        "listed four causes of his hypercalcemia and asked for a PTH, which confirmed primary hyperparathyroidism",
    ),
    ("reliability", "called the clinic and confirmed her follow-up for Tuesday at 9"),
    # a newcomer helped to settle in; a promise with its object first; a table of findings
    ("fit", "showed the new sub-I where the supply room and our order sets were on her first morning"),
    ("reliability", "promised my patient to print her med list in large font and brought it at 7 am the next day"),
    (
        "clinical_reasoning",
        "made a table with the pt's ferritin, TSAT and retic count that showed iron deficiency behind the anemia",
    ),
    (
        "clinical_reasoning",
        "attending asked why the pt was hypokalemic, I said maybe the new albuterol nebs and we checked a mag too",
    ),
    # told in the present, as many applicants write: "i tell the nurse" is read as "i told the nurse"
    ("communication", "I call the daughter and tell her the biopsy result with the attending"),
    ("patient_safety", "I find the wrong name sticker on the blood tube and I tell the nurse to redraw"),
    ("communication", "I translate the discharge plan for the Farsi speaking husband and he repeat it back"),
    ("work_ethic", "I come at 5 am to pre round on my 6 patients before the team"),
    ("teachability", "resident say my notes are too long so from next day I write one line per problem"),
    ("clinical_reasoning", "in morning report I explain why I think it is Gitelman and not vomiting"),
    # a prop that shows a child what will happen is communication; a finding used to show a cause is reasoning
    (
        "communication",
        "used a puppet to show the 4 year old how the nebulizer mask goes on, and he wore it for the whole treatment",
    ),
    ("clinical_reasoning", "used the ferritin and TSAT to show the anemia was iron deficiency, not chronic disease"),
    # a hand held through a hard moment, a phone line covered for a short-staffed team
    ("fit", "held her hand during the bone marrow biopsy because her daughter could not get there in time"),
    ("fit", "covered the clinic phone line for an hour when the front desk was short and took messages for the nurses"),
]


@pytest.mark.parametrize(("quality", "text"), LEADS, ids=[f"{q}:{t[:30]}" for q, t in LEADS])
def test_the_act_a_story_is_about_comes_first(quality: str, text: str) -> None:
    verdict = assess(text)
    assert verdict.qualities[:1] == (quality,), verdict.qualities


@pytest.mark.parametrize(
    "text",
    [
        "read 50+ articles and UpToDate reviews on all my patients",
        "took care of many complex patients with sepsis, AKI and GI bleeds",
        "saw many interesting cases: sepsis, DKA, PE",
    ],
)
def test_exposure_and_counts_stay_generic(text: str) -> None:
    assert assess(text).specific is False


def test_a_patient_showing_back_is_not_feedback() -> None:
    verdict = assess("explained the new insulin pen with teach-back; she showed me the steps twice before she left")
    assert verdict.qualities[0] == "communication"


@pytest.mark.parametrize(
    ("text", "specific"),
    [
        # a habit pinned to a clock time, with the task it was for, is something a writer can quote
        ("came in at 5:30 every day this week to pre-round on all 6 of my patients before the team arrived", True),
        ("showed up at 4:45 am every morning of the surgery month to check the drains of my 5 post-op pts", True),
        # the hours alone, or "every day" without a time, stay a claim
        ("came in every day at 5am and stayed until 7pm", False),
        ("was there at 5:30 every morning", False),
        ("pre-rounded on my patients every day", False),
    ],
)
def test_a_daily_habit_pinned_to_a_clock_time(text: str, specific: bool) -> None:
    assert assess(text).specific is specific


def test_a_couple_or_the_ob_is_someone_the_story_is_with() -> None:
    verdict = assess(
        "Explained the birth plan options to a Haitian couple in Creole and wrote their questions for the OB"
    )
    assert verdict.specific and verdict.qualities[0] == "communication"
