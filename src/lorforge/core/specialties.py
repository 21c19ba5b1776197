"""Target specialties: recognising what the applicant typed, and what each one values.

Weights come from the playbook: on a 1-10 scale, how much good US letters
change an IMG's odds in that specialty. Specialties the playbook does not rate
have no weight (``None``) rather than an invented one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Specialty:
    key: str
    name: str
    lor_weight: int | None  # 1-10, None when the playbook gives no figure
    aliases: tuple[str, ...] = ()


SPECIALTIES: tuple[Specialty, ...] = (
    Specialty(
        "internal_medicine",
        "Internal Medicine",
        9,
        ("internal medicine", "im", "medicine", "general medicine", "hospital medicine", "internal med"),
    ),
    Specialty(
        "family_medicine",
        "Family Medicine",
        8,
        ("family medicine", "fm", "family practice", "family med", "primary care"),
    ),
    Specialty("pediatrics", "Pediatrics", 8, ("pediatrics", "paediatrics", "peds", "paeds", "pediatric", "paediatric")),
    Specialty("psychiatry", "Psychiatry", 7, ("psychiatry", "psych", "psychiatric")),
    Specialty(
        "surgery",
        "Surgery",
        9,
        (
            "surgery",
            "general surgery",
            "gen surg",
            "surgical",
            "orthopedic surgery",
            "orthopaedics",
            "orthopedics",
            "neurosurgery",
            "vascular surgery",
            "plastic surgery",
            "urology",
            "otolaryngology",
            "ent",
            "cardiothoracic surgery",
            "trauma surgery",
        ),
    ),
    # Recognised so that "Emergency Medicine" is not read as internal medicine; the playbook rates none of them.
    Specialty("emergency_medicine", "Emergency Medicine", None, ("emergency medicine", "emergency", "em")),
    Specialty("neurology", "Neurology", None, ("neurology", "neuro", "child neurology")),
    Specialty(
        "obstetrics_gynecology",
        "Obstetrics and Gynecology",
        None,
        ("obstetrics and gynecology", "obstetrics and gynaecology", "ob gyn", "obgyn", "obstetrics", "gynecology"),
    ),
    Specialty(
        "anesthesiology", "Anesthesiology", None, ("anesthesiology", "anaesthesiology", "anesthesia", "anaesthesia")
    ),
    Specialty("radiology", "Radiology", None, ("radiology", "diagnostic radiology", "interventional radiology")),
    Specialty("pathology", "Pathology", None, ("pathology", "anatomic pathology", "clinical pathology")),
    Specialty("dermatology", "Dermatology", None, ("dermatology", "derm")),
    Specialty(
        "physical_medicine",
        "Physical Medicine and Rehabilitation",
        None,
        ("physical medicine and rehabilitation", "pm r", "pmr", "physiatry", "rehabilitation medicine"),
    ),
    Specialty("ophthalmology", "Ophthalmology", None, ("ophthalmology",)),
)

OTHER = Specialty("other", "", None)
BY_KEY: dict[str, Specialty] = {s.key: s for s in SPECIALTIES}


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z]+", " ", text).strip()


def specialty_for(text: str) -> Specialty:
    """The specialty an applicant means by ``text``; ``OTHER`` (named as typed) when unknown."""
    cleaned = _normalise(text or "")
    if not cleaned:
        return OTHER
    for specialty in SPECIALTIES:
        if cleaned == specialty.key.replace("_", " ") or cleaned in specialty.aliases:
            return specialty
    # "surgery sub-internship", "emergency medicine clerkship": the longest name found wins, so the "medicine"
    # of internal medicine never claims emergency or family medicine.
    found = [
        (len(alias), specialty)
        for specialty in SPECIALTIES
        for alias in specialty.aliases
        if len(alias) > 3 and re.search(rf"\b{re.escape(alias)}\b", cleaned)
    ]
    if found:
        return max(found, key=lambda pair: pair[0])[1]
    return Specialty("other", (text or "").strip(), None)


def display_name(text: str) -> str:
    """A tidy name for ``text``: the canonical name when known, else the applicant's words."""
    return specialty_for(text).name or (text or "").strip()


# --- Per-specialty nuance: what letters in each field value, and example updates ---------------
#
# The scripts adapt to the applicant's field: the goals named in the setup
# conversation, the order in which the short updates rotate their focus, and
# one example update per focus and setting the applicant can adapt.

FOCUSES: tuple[str, ...] = ("clinical_reasoning", "systems_teamwork", "communication_empathy")


@dataclass(frozen=True)
class Highlights:
    """One example 30–60 second update per focus, for one setting (wards or clinic)."""

    clinical_reasoning: str
    systems_teamwork: str
    communication_empathy: str

    def for_focus(self, focus: str) -> str:
        if focus not in FOCUSES:
            raise ValueError(f"Unknown focus {focus!r}; expected one of: {', '.join(FOCUSES)}.")
        return getattr(self, focus)


@dataclass(frozen=True)
class Nuance:
    emphasis: str  # one sentence: what a strong letter in this field shows
    goals: tuple[str, str, str]  # rotation goals for the setup conversation
    focus_order: tuple[str, str, str]  # the focus the short updates start with comes first
    ward: Highlights
    clinic: Highlights
    improved: str  # a typical "I have improved at ..." for the mid-rotation talk
    working_on: str  # a typical "I am still working on ..."
    learned: str  # what the applicant learned from the writer, for the pre-ask and thanks
    change_shown: str  # a typical change to show at the follow-up


NUANCES: dict[str, Nuance] = {
    "internal_medicine": Nuance(
        emphasis=(
            "Internal medicine programs lean heavily on US letters that say you already work like an "
            "intern: you own your patients, build clear plans and follow through."
        ),
        goals=(
            "presenting my patients clearly and efficiently",
            "understanding how you build a differential and settle on a plan",
            "learning how a strong intern works on your service",
        ),
        focus_order=("clinical_reasoning", "systems_teamwork", "communication_empathy"),
        ward=Highlights(
            clinical_reasoning=(
                "For our patient with the new low sodium, I read up on the current approach last night. It "
                "favors sorting out volume status and urine studies before we correct, so I'd like to send "
                "those first. Does that fit your plan?"
            ),
            systems_teamwork=(
                "Case management and I sorted out her home oxygen today: it can be delivered on Thursday. "
                "If she stays stable, are you comfortable with discharge that day?"
            ),
            communication_empathy=(
                "After rounds I went back and walked our patient through his new insulin plan in plain words. "
                "He was worried about the injections; he's practicing with the pen now, and his nurse will "
                "check his technique tonight."
            ),
        ),
        clinic=Highlights(
            clinical_reasoning=(
                "For the patient with poorly controlled diabetes we saw this morning, I checked the current guidance "
                "after the visit. Since his kidney function is reduced, I'd suggest adding a kidney-protective "
                "medication rather than raising his current dose. Would you agree?"
            ),
            systems_teamwork=(
                "I called the patient's pharmacy about the cost of her new inhaler. There is a cheaper "
                "equivalent on her plan, and I've queued the change for you to sign."
            ),
            communication_empathy=(
                "The patient who was upset about his new blood pressure diagnosis had a lot of questions, so I "
                "went through the plan with him in plain words. He explained it back to me and agreed to keep "
                "a home log."
            ),
        ),
        improved="presenting my patients and keeping track of three or four of them",
        working_on="making my assessments shorter and more focused",
        learned="how you work through a broad differential and still keep rounds moving",
        change_shown="leading with my assessment and cutting my presentations to the essentials",
    ),
    "family_medicine": Nuance(
        emphasis=(
            "Family medicine values letters that show you caring for patients of every age over time, "
            "in clinic and on the wards, with warmth and reliable follow-up."
        ),
        goals=(
            "running focused visits that end with a clear plan",
            "following up my patients' results without needing reminders",
            "learning what a strong family medicine intern does well in your clinic",
        ),
        focus_order=("clinical_reasoning", "communication_empathy", "systems_teamwork"),
        ward=Highlights(
            clinical_reasoning=(
                "For our patient admitted with a COPD flare, I reviewed the current guidance last night. He has "
                "needed steroids twice this year, so I'd suggest we step up his inhalers before discharge. "
                "Would you agree?"
            ),
            systems_teamwork=(
                "Case management confirmed his home nursing visit for the day after discharge, and "
                "his clinic follow-up is booked for next week."
            ),
            communication_empathy=(
                "His daughter was worried about handling his medications at home, so I went through the list "
                "with her and wrote out a simple daily schedule. She said she feels much more confident now."
            ),
        ),
        clinic=Highlights(
            clinical_reasoning=(
                "For the patient with high blood pressure we saw today, I checked the current guideline "
                "after the visit. "
                "Her home readings are high as well, so I'd suggest starting one medication and rechecking in "
                "four weeks. Does that fit your plan?"
            ),
            systems_teamwork=(
                "I called the pharmacy about the prior authorization for his inhaler. It's approved, and I've "
                "booked a nurse visit so he can learn to use the spacer."
            ),
            communication_empathy=(
                "The patient who was anxious about her new diabetes diagnosis had many questions, so I used "
                "teach-back to go over the plan. She explained it clearly in her own words and asked to see "
                "the dietitian."
            ),
        ),
        improved="running visits on time and closing each one with a clear plan",
        working_on="keeping my notes shorter",
        learned="how you handle several problems in one short visit and keep patients coming back",
        change_shown="setting the agenda at the start of each visit so we finish on time",
    ),
    "pediatrics": Nuance(
        emphasis=(
            "Pediatrics letters carry weight when they describe you speaking calmly and clearly with "
            "children and with their parents."
        ),
        goals=(
            "explaining plans clearly to children and to their parents",
            "presenting my patients concisely, with weight-based doses double-checked",
            "learning what a strong pediatric intern does well on your team",
        ),
        focus_order=("communication_empathy", "clinical_reasoning", "systems_teamwork"),
        ward=Highlights(
            clinical_reasoning=(
                "For the toddler with fever and no clear source, I read the current guidance last night. At his "
                "age it supports checking a urine sample before starting antibiotics, so I'd like to send that "
                "first. Is that how you would approach it?"
            ),
            systems_teamwork=(
                "I asked child life to be there for her IV placement this afternoon, and I confirmed with her "
                "nurse that a parent can stay in the room."
            ),
            communication_empathy=(
                "Before discharge I went over the inhaler and spacer with the boy and his mother together. He "
                "practiced while she asked questions, and by the end both showed me the technique correctly."
            ),
        ),
        clinic=Highlights(
            clinical_reasoning=(
                "The baby at her four-month visit has dropped across two weight percentiles, so I reviewed the "
                "feeding guidance. I'd suggest a detailed feeding history and a weight check in two weeks "
                "before any tests. Would you agree?"
            ),
            systems_teamwork=(
                "The mother asked about school, so I filled in the asthma action plan form for you to sign, "
                "and the front desk will fax it to the school nurse."
            ),
            communication_empathy=(
                "The father was worried about vaccines, so I listened to his concerns first, then went through "
                "the common side effects in plain words. He agreed to today's shots and took the handout."
            ),
        ),
        improved="talking with parents and explaining plans at their level",
        working_on="making my presentations shorter",
        learned="how you explain a plan to a worried parent while still involving the child",
        change_shown="speaking to the child first before turning to the parents",
    ),
    "psychiatry": Nuance(
        emphasis=(
            "Psychiatry letters stand out when they describe trust built with hard-to-reach patients and close "
            "teamwork with social work and case management."
        ),
        goals=(
            "building rapport with patients who are hard to engage",
            "presenting a clear mental status exam and risk assessment",
            "working closely with social work and case management on each plan",
        ),
        focus_order=("communication_empathy", "systems_teamwork", "clinical_reasoning"),
        ward=Highlights(
            clinical_reasoning=(
                "For the patient admitted with low mood, I went through his history against the current "
                "approach to risk assessment. He still has no safety plan for home, so I'd suggest we build "
                "one with him before we discuss discharge. What do you think?"
            ),
            systems_teamwork=(
                "I met with social work this afternoon: a shelter bed is held for him from Friday, and his first "
                "outpatient appointment is booked for the week after."
            ),
            communication_empathy=(
                "The patient who wouldn't talk yesterday spoke with me for fifteen minutes today once I sat "
                "down and let her lead. She agreed to a family meeting with the team."
            ),
        ),
        clinic=Highlights(
            clinical_reasoning=(
                "For the patient whose anxiety hasn't improved yet, I reviewed the dosing guidance. She has "
                "only been on this dose for three weeks, so I'd suggest giving it two more weeks before a "
                "change. Does that sound right?"
            ),
            systems_teamwork=(
                "With his consent, I called his therapist so our plans line up, and the case manager will help "
                "him arrange transport to his next visit."
            ),
            communication_empathy=(
                "The new patient was guarded at first, so I started with what mattered most to him before the "
                "symptom questions. He opened up about his sleep and his job and agreed to come back in two "
                "weeks."
            ),
        ),
        improved="keeping interviews focused while still building rapport",
        working_on="making my risk assessments more structured",
        learned="how you build trust with patients who arrive guarded or angry",
        change_shown="structuring my risk assessment the way you showed me",
    ),
    "surgery": Nuance(
        emphasis=(
            "Surgical letters count most when a surgeon can describe how you behave in the OR, your "
            "stamina and grit, and that you stay courteous at the end of a long day."
        ),
        goals=(
            "being prepared and useful in the OR for every case I scrub",
            "giving short, focused presentations on morning rounds",
            "learning what sets a strong surgical intern apart on your service",
        ),
        focus_order=("clinical_reasoning", "systems_teamwork", "communication_empathy"),
        ward=Highlights(
            clinical_reasoning=(
                "For our patient with a fever on the second day after surgery, I went through the usual causes "
                "by timing. Her wound looks clean and her chest is clear, so I'd suggest pushing the breathing "
                "exercises and checking a urine sample before a wider workup. Does that sound right?"
            ),
            systems_teamwork=(
                "For tomorrow's first case, the consent, type and screen and site marking are done, and I let "
                "the OR nurse know about the patient's latex allergy."
            ),
            communication_empathy=(
                "His family was anxious while he was in the OR, so afterwards I answered their questions about "
                "the drain and the recovery plan and told them you'd stop by this evening."
            ),
        ),
        clinic=Highlights(
            clinical_reasoning=(
                "For the patient with gallbladder pain, I read up on when to operate after repeated attacks. "
                "She has had three episodes and normal liver tests, so I'd suggest booking an elective "
                "operation rather than waiting. Would you agree?"
            ),
            systems_teamwork=(
                "For next week's hernia repair, the pre-op labs and the anesthesia visit are booked, and his "
                "blood thinner plan is in the note for you to confirm."
            ),
            communication_empathy=(
                "The patient was scared about her operation, so I walked her through what the day of surgery "
                "will look like, step by step. She said it made her much calmer."
            ),
        ),
        improved="having my patients' overnight events ready before rounds",
        working_on="asking brief, well-timed questions in the OR",
        learned="how you think a case through before the first incision and keep a busy list calm",
        change_shown="reading the next day's cases in advance so I can answer the anatomy questions",
    ),
}

OTHER_NUANCE = Nuance(
    emphasis=(
        "In any field, a letter that quotes specific moments of your reasoning, teamwork and care beats "
        "one full of adjectives."
    ),
    goals=(
        "presenting my patients clearly and concisely",
        "understanding how you reason through diagnosis and management",
        "learning what a strong first-year resident does well here",
    ),
    focus_order=("clinical_reasoning", "systems_teamwork", "communication_empathy"),
    ward=Highlights(
        clinical_reasoning=(
            "For our patient with the new abnormal result, I read the current guideline last night. It "
            "recommends confirming the finding before treating, so I'd suggest repeating the test first. Does "
            "that fit your plan?"
        ),
        systems_teamwork=(
            "I coordinated with the nurse and case management, so the follow-up appointment and home supplies "
            "are arranged before discharge."
        ),
        communication_empathy=(
            "After rounds I went back and explained the plan to our patient in simpler words. She was worried "
            "about the tests, and it helped her see why we need them."
        ),
    ),
    clinic=Highlights(
        clinical_reasoning=(
            "For the patient we saw this morning, I checked the current guideline on her main problem afterwards. "
            "It changes the first step, so I'd suggest confirming the diagnosis before starting treatment. "
            "Would you agree?"
        ),
        systems_teamwork=(
            "I contacted the referral coordinator, and the specialist appointment is booked before the "
            "patient's next visit here."
        ),
        communication_empathy=(
            "The patient was anxious about her results, so I went over them with her in plain words and checked "
            "she understood the next step. She left with her questions answered."
        ),
    ),
    improved="presenting my patients in a clear, steady structure",
    working_on="being more concise in my assessments",
    learned="how you reason through a difficult case and explain it to the team",
    change_shown="keeping my presentations short and leading with the assessment",
)


def nuance_for(text: str) -> Nuance:
    """The nuance for a specialty the applicant typed; a general one when the field is unknown."""
    return NUANCES.get(specialty_for(text).key, OTHER_NUANCE)
