"""The specificity coach: does an evidence entry tell a story a letter writer can quote?

A writer can only quote a moment: what the applicant did, for or with whom, when
or how much, and what came of it. Trait words ("hard-working", "team player") and
vague verbs ("helped", "worked") give them nothing to quote, however long the
entry is. The coach finds those pieces with word lists and a few patterns, adds
them up with fixed weights (no model, no network), and explains its verdict
through ``signals`` and a one-sentence ``hint``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lorforge.core.coach_scan import AnyOf, Hit, Phrases, PlainPattern, Text, WordPattern, alternation
from lorforge.core.qualities import QUALITY_KEYS


@dataclass(frozen=True)
class Assessment:
    specific: bool
    score: float  # 0..1, how quotable the entry is; specific when >= THRESHOLD
    qualities: tuple[str, ...]  # quality keys, most likely first
    hint: str  # one sentence: what to add, or why it already works
    signals: tuple[str, ...]  # what the coach found, for explaining the verdict


THRESHOLD = 0.5
MAIN_ACT_WEIGHT = 0.4  # a clear act of one quality ("came in on my day off", "suggested a cortisol") is a story
MAX_CHARS = 2000  # a story is a few sentences; the cap keeps every keystroke fast
MAX_QUALITIES = 3


# --- building blocks -------------------------------------------------------------


def _verb_parts(spec: str) -> tuple[str, tuple[str, ...], str]:
    """ "call" -> ("call", ("called",), "calling"); "write/wrote|written" spells irregular forms out."""
    parts = spec.split("/")
    lemma = parts[0]
    if lemma.endswith("e"):
        past, ing = lemma + "d", lemma[:-1] + "ing"
    elif len(lemma) > 2 and lemma.endswith("y") and lemma[-2] not in "aeiou":
        past, ing = lemma[:-1] + "ied", lemma + "ing"
    else:
        past, ing = lemma + "ed", lemma + "ing"
    past = parts[1] if len(parts) > 1 else past
    ing = parts[2] if len(parts) > 2 else ing
    return lemma, tuple(past.split("|")), ing


def _verb_forms(spec: str) -> set[str]:
    """ "call" -> call, called, calling.

    The "-s" form is left out on purpose: entries are written in the past tense, and "calls",
    "updates" or "orders" are nearly always nouns there.
    """
    lemma, past, ing = _verb_parts(spec)
    return {lemma, ing, *past}


# The past tense of every listed verb, for entries told in the present ("i call the resident", "i notice the
# order"): many applicants write that way, and the coach's patterns are written in the past.
_PAST: dict[str, str] = {}


def _verbs(*specs: str) -> frozenset[str]:
    for spec in specs:
        lemma, past, _ = _verb_parts(spec)
        _PAST.setdefault(lemma, past[0])
    return frozenset(form for spec in specs for form in _verb_forms(spec))


def _phrase_list(text: str) -> tuple[str, ...]:
    """Comma-separated phrases, longest first, spelled like normalised text (hyphens become spaces)."""
    phrases = {" ".join(p.replace("-", " ").split()) for p in text.split(",")}
    return tuple(sorted(phrases - {""}, key=len, reverse=True))


def _phrases(text: str) -> Phrases:
    """One pattern matching any of the comma-separated phrases as whole words."""
    return Phrases(_phrase_list(text))


def _word_regex(source: str) -> WordPattern:
    """A regex whose every match starts at the start of a word, compiled to run fast (see ``coach_scan``)."""
    return WordPattern(re.compile(source))


def _words_in(*texts: str) -> frozenset[str]:
    return frozenset(word for text in texts for phrase in _phrase_list(text) for word in phrase.split())


# --- verbs -----------------------------------------------------------------------

# Verbs that name a concrete, observable act on the job.
CONCRETE_VERBS = _verbs(
    "call",
    "phone",
    "page/paged",
    "text/texted",
    "email",
    "fax",
    "present",
    "reconcile",
    "coordinate",
    "arrange",
    "explain",
    "draft",
    "write/wrote|written/writing",
    "rewrite/rewrote|rewritten/rewriting",
    "document",
    "summarize",
    "summarise",
    "review",
    "read/read",
    "research",
    "calculate",
    "recalculate",
    "titrate",
    "adjust",
    "order",
    "hold/held",
    "stop/stopped/stopping",
    "discontinue",
    "notice",
    "catch/caught",
    "flag/flagged/flagging",
    "identify",
    "recognize",
    "recognise",
    "spot/spotted/spotting",
    "detect",
    "find/found",
    "discover",
    "escalate",
    "alert",
    "notify",
    "report",
    "tell/told",
    "inform",
    "update",
    "counsel",
    "educate",
    "teach/taught",
    "train",
    "translate",
    "interpret",
    "interview",
    "examine",
    "reexamine",
    "screen",
    "admit/admitted/admitting",
    "consent",
    "suture",
    "scrub/scrubbed/scrubbing",
    "retract",
    "tie/tied/tying",
    "insert",
    "remove",
    "draw/drew|drawn",
    "obtain",
    "collect",
    "measure",
    "weigh",
    "run/ran/running",
    "lead/led",
    "prepare",
    "compile",
    "create",
    "build/built",
    "design",
    "chase",
    "confirm",
    "verify",
    "recheck",
    "clarify",
    "recap/recapped/recapping",
    "propose",
    "suggest",
    "recommend",
    "advocate",
    "request",
    "schedule",
    "book",
    "switch",
    "convert",
    "replace",
    "elicit",
    "uncover",
    "deescalate",
    "calm",
    "reassure",
    "comfort",
    "console",
    "label",
    "sit/sat",
    "walk",
    "fix/fixed",
    "pull",
    "introduce",
    "organize",
    "organise",
    "demonstrate",
    "time",
    "debride",
    "splint",
    "intubate",
    "scan/scanned/scanning",
    "auscultate",
    "palpate",
    "bring/brought",
    "plan/planned/planning",
    "cover",
    "instruct",
    "mentor",
    "orient",
    "negotiate",
    "reach",
    "locate",
    "retrieve",
    "print",
    "chart",
    "highlight",
    "correct",
    "point",
    "deliver",
    "resuscitate",
    "transport",
    "accompany",
    "ambulate",
    "bathe",
    "feed/fed",
    "dress",
    "clean",
    "sedate",
    "inject",
    "vaccinate",
    "swab",
    "biopsy",
    "drain",
    "irrigate",
    "close",
    "place",
    "photograph",
    "simplify",
    "address",
    "solve",
    "resolve",
    "triage",
    "prioritize",
)

# Acts that count, but only with something concrete around them ("stayed late" alone is a trait).
WEAK_VERBS = _verbs(
    "stay",
    "arrive",
    "come/came|come",
    "spend/spent",
    "meet/met",
    "give/gave|given",
    "take/took|taken",
    "make/made",
    "show/showed|shown",
    "ask",
    "talk",
    "speak/spoke|spoken",
    "complete",
    "finish",
    "volunteer",
    "practice",
    "practise",
    "perform",
    "manage",
    "keep/kept",
    "put/put/putting",
    "use",
    "start",
    "change",
    "check",
    "move",
    "send/sent",
    "set/set/setting",
    "sign",
    "answer",
    "offer",
    "discuss",
    "pick/picked",
    "track",
    "look",
    "fill",
    "hand",
    "listen",
    "visit",
    "wait",
    "return",
    "cancel",
    "preround",
)

# Verbs that describe effort in general, not an act a writer can picture.
VAGUE_VERBS = _verbs(
    "help",
    "assist",
    "support",
    "work",
    "do/did|done",
    "participate",
    "contribute",
    "handle",
    "try",
    "learn/learned|learnt",
    "improve",
    "get/got|gotten/getting",
    "go/went|gone",
    "see/saw|seen",
    "observe",
    "shadow",
    "follow",
    "attend",
    "round",
    "enjoy",
    "feel/felt",
    "think/thought",
    "be/was|were|been/being",
    "gain",
    "experience",
    "love",
    "like",
    "care",
    "become/became|become",
    "seem",
    "want",
    "need",
    "have/had",
)

_VERB_FORMS = CONCRETE_VERBS | WEAK_VERBS | VAGUE_VERBS

# "-ed" words that are adjectives, feelings or other people's reactions rather than the applicant's acts.
NOT_ACTIONS = frozenset(
    "dedicated motivated organized organised committed detailed interested experienced skilled talented "
    "engaged focused balanced advanced involved exposed excited tired exhausted stressed scared supposed "
    "based related required expected allowed bored pleased impressed amazed surprised worried concerned "
    "confused needed wanted liked loved enjoyed appreciated seemed tried hundred indeed used unsupervised "
    "supervised trusted respected valued praised rewarded gifted thanked complimented red bed seed need "
    "speed blessed honored honoured privileged grateful satisfied".split()
)

# A participle right after one of these describes the applicant ("was organized", "very prepared");
# a bare verb after "was" is a past tense in the writer's English ("I was explain to the family").
DESCRIBERS = frozenset("was were is am are be been being very so really extremely more most highly well always".split())

IRREGULAR_PARTICIPLES = frozenset(
    "told taught held led made kept found caught brought built sent spent met "
    "run read set put sat shown given taken written drawn".split()
)

# Verbs that are adjectives after "was": "was present", "was calm".
ADJECTIVE_LIKE_VERBS = frozenset("present close clean calm correct free open late early ready".split())

# Trait words that are also verbs: "organized the family meeting" is an act, "very organized" a trait.
TEST_RESULT_WORDS = frozenset(("positive",))
VERB_LIKE_TRAITS = frozenset("organized organised committed engaged dedicated".split())
DETERMINERS = frozenset("a an the my our his her their this that these those all both two three".split())
SUBJECTS = frozenset("i we he she they".split())
# After one of these a verb-looking word is a noun: "on call", "a talk", "my presentation".
NOUN_MARKERS = frozenset("a an the my our his her their your this that these those on each every its".split())

# --- nouns and phrases -------------------------------------------------------------

NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred "
    "dozen half twice".split()
)
COUNT_NOUNS = frozenset(
    "patient patients family families hour hours minute minutes min mins day days week weeks page pages "
    "note notes call calls time times slide slides item items nurse nurses student students question "
    "questions dose doses admission admissions".split()
)

PEOPLE_TERMS = (
    "family, families, daughter, son, wife, husband, mother, mom, mum, father, dad, parent, parents, "
    "grandmother, grandfather, granddaughter, grandson, grandma, grandpa, sister, brother, spouse, partner, "
    "caregiver, caregivers, guardian, nurse, nurses, charge nurse, rn, np, nurse practitioner, pa, ma, "
    "medical assistant, case manager, case management, social worker, social work, pharmacist, pharmacy, "
    "physical therapy, occupational therapy, physical therapist, pt and ot, ot, speech therapy, dietitian, "
    "chaplain, interpreter, translator, resident, residents, intern, interns, senior, chief, attending, "
    "attendings, fellow, consultant, consultants, consult, student, students, ms3, ms3s, ms4, tech, "
    "phlebotomy, respiratory therapist, rt, pcp, surgeon, anesthesia, anesthesiologist, radiologist, "
    "radiology, preceptor, psychiatrist, physician, doctor, dr, program director, pd, cardiology, nephrology, "
    "neurology, gi, gastroenterology, pulmonology, pulm, infectious disease, infectious diseases, "
    "endocrinology, oncology, hematology, psychiatry, ortho, urology, palliative, palliative care, hospice, "
    "rheumatology, derm, dermatology, podiatry, rapid response, code team, night team, day team, "
    "receiving doctor, insurance company, outside hospital, nursing home, the lab, staff, ward clerk, "
    "night intern, cardiologist, neurologist, surgeons, scribe, security, police, teacher, school, "
    "veteran, roommate, friend, coworker, ems, paramedics, transport, midwife, doula, pediatrician, couple, ob, "
    "obgyn, ob gyn, scrub nurse, "
    "hospitalist, oncologist, nephrologist, intensivist, registrar, house officer, consultant's"
)
PATIENT_TERMS = (
    "patient, patients, pt, pts, kid, kids, child, children, baby, infant, newborn, toddler, teenager, "
    "teen, boy, girl, man, woman, he, she, him, her, his, team, the team"
)
PLACE_TERMS = (
    "clinic, ward, unit, floor, icu, micu, nicu, picu, bedside, family room, hallway, nursery, huddle, "
    "noon conference, journal club, grand rounds, rounds, the or, in the or, the ed, the er, "
    "emergency department, operating room, l&d, labor and delivery, waiting room, exam room, nurses station, "
    "whiteboard, the room, morning report, sign out"
)
# Occasions where speaking up is itself notable (unlike presenting on daily rounds).
EVENT_TERMS = (
    "noon conference, journal club, grand rounds, morning report, huddle, team huddle, tumor board, m&m, "
    "case conference, lecture, teaching session, staff meeting, in service"
)
CLINICAL_TERMS = (
    "hyponatremia, hyperkalemia, hypokalemia, sepsis, septic, dka, chf, heart failure, copd, afib, a fib, "
    "atrial fibrillation, pneumonia, uti, stroke, nstemi, stemi, pe, dvt, aki, ckd, cirrhosis, gi bleed, "
    "bleed, bleeding, pancreatitis, cellulitis, asthma, bronchiolitis, seizure, delirium, depression, "
    "suicidal, suicide, psychosis, schizophrenia, bipolar, manic, mania, anxiety, panic attack, withdrawal, "
    "overdose, diabetes, diabetic, hypertension, hypertensive, insulin, warfarin, heparin, enoxaparin, "
    "lovenox, vancomycin, vanc, zosyn, ceftriaxone, metformin, lithium, clozapine, potassium, sodium, "
    "creatinine, troponin, lactate, inr, ptt, a1c, glucose, fingerstick, hemoglobin, cbc, bmp, cmp, ekg, ecg, "
    "echo, ct, cta, mri, x ray, xray, cxr, ultrasound, culture, cultures, biopsy, lp, lumbar puncture, "
    "central line, foley, catheter, ng tube, iv, drip, intubation, suture, laceration, appendicitis, "
    "allergy, "
    "allergies, anaphylaxis, penicillin, mg, ml, "
    "differential, ddx, workup, work up, guideline, guidelines, "
    "uptodate, nejm, jama, article, handout, teach back, inhaler, spacer, vaccine, vaccines, mmr, "
    "immunization, growth chart, fever, rash, chest shortness of breath, abdominal pain, "
    "sats, o2, oxygen, home oxygen, home o2, snf, rehab, prior auth, code status, "
    "dnr, goals of care, comfort care, consent, bp, hr, temp, murmur, antibiotic, antibiotics, "
    "anticoagulant, anticoagulation, opioid, naloxone, ivf, cell count, "
    "paracentesis, thoracentesis, egd, colonoscopy, ect, phq 9, headss, safety plan, restraints, "
    "sbar, pager, drain, staples, port sites, instrument ties, knots, camera, whipple, lap chole, "
    "tremor, ulcer, q waves, crackles, urine output, bladder, ppi, ppis, nebulizer, statin, aspirin, "
    "levothyroxine, furosemide, lasix, diphenhydramine, allopurinol, apixaban, nicotine, smoking, "
    "quit date, mssa, mrsa, anemia, iron, b12, vasculitis, curb 65, alvarado, wells, has bled, "
    "anion gap, osm, ua, urinalysis, fall, falls, isolation, time out, side and site, "
    "glucometer, blood pressure, blood sugar, sugars, pain control, stitches, splint, cast, tumor, cancer, "
    "chemo, chemotherapy, dialysis, transfusion, hernia, fracture, burn, wheezing, cough, headache, "
    "vomiting, diarrhea, dehydration, jaundice, bilirubin, well child, milestones, autism, adhd, "
    "eating disorder, alcohol, cocaine, detox, ciwa, hallucinations, dementia, capacity, pressure injury, "
    "bed sore, walker, npo, tube feeds, thyroid, tsh, cholesterol, flu shot, pap smear, mammogram, "
    "contraception, pregnancy, prenatal, labor, postpartum, preeclampsia, stress test, cath, stent, "
    "pacemaker, chest compressions, compressions, cpr, ventilator, vent, bipap, cpap, "
    "blood cultures, gram stain, troponins, lipase, ammonia, syncope, murmurs, ascites, edema, "
    "hypoglycemia, hyperglycemia, hypotension, tachycardia, bradycardia, pulse, spo2, consent form, "
    "epipen, peak flow, insulin pen, immunizations, ppd, hiv, hepatitis, sti, syphilis, ecg, "
    "potassium level, pain, iv fluids, oral antibiotics, home meds, anticoagulants, beta blocker, "
    "beta blockers, pressors, transplant, stool, sputum, dosing, allergic, sats dropping, alp, ggt, ast, alt, ldh, "
    "bnp, ferritin, albumin, calcium, magnesium, phosphorus, ck, amylase, d dimer, esr, crp, procalcitonin, mrcp, "
    "ercp, eeg, emg, spirometry, pft, pfts, urine sodium, urine osm, tte, tee, holter"
)
# Everyday clinical nouns: they place an entry on the ward but say little on their own.
CLINICAL_GENERIC_TERMS = (
    "labs, lab results, meds, medication, medications, vitals, dose, doses, pain, blood, fluids, urine, wound, "
    "wounds, dressing, imaging, orders, results, tests, scans, exam, exams, history, physical, chart, med rec, "
    "med recs, medication reconciliation, med list, discharge summary, discharge summaries, h&p, h&ps, "
    "progress note, progress notes, soap note, note, notes"
)
# Endings of diseases, procedures and drugs: a word of three letters or more before one of them is clinical.
CLINICAL_SUFFIXES = tuple(
    "itis emia aemia osis ectomy otomy ostomy plasty scopy pathy algia uria penia cytosis pril sartan olol statin "
    "parin cillin mycin floxacin azole prazole tidine dipine xaban gliflozin glutide mab vir cycline azepam zolam "
    "idone oxacin".split()
)
NOT_CLINICAL = frozenset("empathy sympathy apathy telepathy diagnosis prognosis".split())

TRAIT_TERMS = (
    "hard working, hardworking, hard worker, hard work, work ethic, proactive, team player, dedicated, "
    "dedication, motivated, enthusiastic, enthusiasm, eager, diligent, punctual, reliable, dependable, "
    "professional, professionalism, compassionate, compassion, caring, empathetic, empathic, empathy, kind, "
    "friendly, polite, respectful, humble, confident, competent, knowledgeable, smart, intelligent, bright, "
    "talented, skilled, capable, efficient, organized, organised, thorough, detail oriented, meticulous, "
    "conscientious, committed, passionate, energetic, attitude, pleasant, approachable, helpful, helpfull, "
    "supportive, cooperative, flexible, adaptable, resilient, trustworthy, excellent, outstanding, "
    "exceptional, amazing, great, good, awesome, wonderful, fantastic, impressive, strong, above and beyond, "
    "extra mile, the best, best, nice, fast learner, quick learner, fund of knowledge, bedside manner, "
    "people skills, communication skills, clinical skills, leadership, initiative, engaged, careful, "
    "safe with, calm under pressure, liked me, loved me, appreciated me, trusted me, liked working with me, "
    "good job, my best, key member, well prepared, always prepared, available, fast, visible, "
    "asset, superb, brilliant, stellar, incredible, remarkable, valuable, willing, eager to learn, "
    "positive, go getter, self starter, driven, hardest, took initiative"
)
HABIT_TERMS = (
    "always, every day, everyday, each day, daily, consistently, constantly, whenever, all the time, "
    "every time, never, usually, often, throughout, whole rotation, entire rotation, a lot, lots, so much, "
    "many, several, multiple, everything, everyone, everybody, anything, whatever, in many ways, most days, "
    "at all times, very, really, extremely, super, highly, truly, all my, all the, various, numerous, "
    "a variety of, any time, as much as possible, as needed, when needed, if needed, when necessary, whenever needed, "
    "per day, per week, per shift, per month, in every situation, alike, things, stuff, etc, and so on, every morning, "
    "every evening, every night, every week, every shift, each morning, each evening, each night"
)
ACTIVITY_TERMS = (
    "med rec, med recs, medication reconciliation, family meeting, talk, presentation, handout, "
    "discharge summary, h&p, progress note, soap note, sign out, handoff, in service, journal club, "
    "teach back, safety plan, action plan, collateral call, lecture, chest compressions, cpr, case report, "
    "poster, slides, differential, ddx, lumbar puncture, paracentesis, thoracentesis, central line, suture, intubation, "
    "prerounds, prerounding, a double, double shift, extra shift"
)
# Words with no story in them: they neither add nor remove detail.
GENERIC_WORDS = (
    "rotation, month, week, weeks, day, days, today, time, times, work, job, things, thing, lot, care, "
    "medicine, skills, skill, knowledge, experience, hospital, system, cases, case, notes, note, "
    "presentations, tasks, task, feedback, people, doctors, service, shift, shifts, hours, hour, morning, "
    "evening, night, effort, way, ways, part, member, role, goal, goals, level, interest, usa, america, "
    "american, opportunity, learning, able, sure, also, much, more, most, other, others, new, first, last, "
    "next, own, same, whole, entire, quite, still, even, ever, only, interesting, difficult, busy, fun, "
    "rewarding, happy, hard, long, questions, question, exposure, internal, general, us, everything, "
    "possible, needed, needs, need, anything, something, well, better, ok, okay, lots, done, sub, observership, "
    "clerkship, externship, program, residency, match, letter, lor, specialty, field, area, areas, topics, "
    "topic, management, plan, plans, diagnosis, procedures, procedure, surgeries, surgery, clinical, "
    "medical, department, process, patient, care, bit, couple, kind, sort, overall, course, etc, including"
)
RESULTS = _word_regex(
    r"\bso (?:that|the|he|she|they|we|his|her|it|nothing|no one|nobody|i)\b"
    r"|\bwhich (?:showed|meant|led|allowed|let|helped|changed|saved|caught|prevented|avoided|confirmed"
    r"|revealed|the team|turned|made)\b"
    r"|\b(?:led to|leading to|resulted in|resulting in|as a result|turned out|ended up|in time|in the end)\b"
    r"|\b(?:was|were|got|been|being) (?:discharged|removed|corrected|stopped|held|lowered|adjusted|changed"
    r"|started|given|placed|replaced|restarted|approved|delivered|booked|addressed|fixed|treated|put back"
    r"|sent|seen|done|lost|missed|delayed|needed)\b"
    r"|\b(?:went home|go home|going home|discharged (?:on time|home|that|the same)|same day)\b"
    r"|\b(?:avoid|avoided|avoiding|prevent|prevented|saved|spared|switched|adopted|approved)\b"
    r"|\b(?:agreed|confirmed|thanked|understood|understand|understands|relieved|reassured|calmer|finally)\b"
    r"|\b(?:was|were) (?:happy|pleased|impressed|satisfied) with\b"
    r"|\b(?:said|told me|mentioned) (?:it|that|this) (?:helped|made|changed|was clearer|was easier)\b"
    r"|\bcommented\b|\bnoticed the next\b"
    r"|\b(?:read it back|showed me|demonstrated it back|back correctly|on the first try|without (?:sedation"
    r"|restraints|a repeat|delay))\b|\b(?:no|nothing) (?:restraints|was missed|from)\b"
    r"|\b(?:didn't|did not|wasn't|was not|never) (?:have to|need|lost|missed|delayed|sent|miss)\b"
    r"|\bchanged (?:the|our) (?:plan|diagnosis|workup|management|dose)\b"
    r"|\b(?:the team|we|they|she|he|the resident|the attending) (?:used|adopted|kept|started|stopped|switched"
    r"|changed|held|took|gave|placed|ordered|lowered|added|asked me|agreed|decided|chose|noticed|approved)\b"
    r"|\b(?:chose|decided|signed|agreed to|started giving|asked me to)\b"
)
DID_WELL = _word_regex(
    r"\b(?:did|done|do|worked|work|handled|went|performed|communicated|managed|presented|got along|fit in)"
    r" (?:\w+ ){0,3}?(?:really |very |so )?(?:well|fine|great|good)\b"
)
# Routine duties named without any detail: every student on the team did the same.
ROUTINE = _word_regex(
    r"\b(?:presented|presenting|saw|seen|seeing|wrote|writing|did|doing|rounded on|followed|examined|admitted"
    r"|reviewed|checked|followed up on|updated|called|gave|placed|entered|carried out|completed|managed|managing"
    r"|pre ?rounded on|evaluated|interviewed|discharged|took care of|covered|carried)"
    r" (?:on )?(?:(?:a|an|the|my|all|both|\d+|two|three|four|five|six|several|many|some|new|more|our)\s)*"
    r"(?:patients?|pts?|cases?|notes?|h&ps?|progress notes?|admissions?|labs|imaging|vitals|orders|consults"
    r"|results|meds|families|discharges?|discharge summaries|presentations?)\b"
    r"|\b(?:presented|presenting) (?:on|at|during) rounds\b"
)
PHRASAL_ACTIONS = _word_regex(
    r"\b(?:look|looked|looking|read|reading|follow|followed|following|track|tracked|tracking|pick|picked"
    r"|picking|set|setting|put|putting|fill|filled|filling|walk|walked|walking|hand|handed|handing|sign"
    r"|signed|pull|pulled|pulling|work|worked|working|call|called|calling)"
    r" (?:[a-z0-9]+ ){0,2}?(?:up|down|together|through|out|off|back)\b"
    r"|\b(?:made|make|making|created|wrote|drew|put together) (?:a|an|the|my) (?:[a-z0-9]+ ){0,2}?(?:list|table"
    r"|chart|handout|sheet|card|flowsheet|timeline|summary|schedule|call|phone call|poster|video|diagram|drawing"
    r"|spreadsheet|checklist|plan|calendar|template|version|copy|translation|binder|folder|guide|pocket card"
    r"|cheat sheet|quiz|slides|presentation|flyer|map|log|tracker)\b"
)
HELP_OFFERS = _word_regex(
    r"\b(?:anything|something)(?: else)? (?:i|we) (?:can|could|might) (?:do|help)"
    r"|\b(?:offer|offered|offering|offers) (?:to help|help|my help|a hand)"
    r"|\b(?:can|could|may|might) i (?:help|do anything|assist|be of)"
    r"|\b(?:how|where) (?:i|we) (?:can|could|might) help"
    r"|\b(?:needed|need|needs|wanted) (?:any )?(?:help|anything|a hand)"
    r"|\bif (?:i|we) could help"
    r"|\b(?:anything|something) (?:to help|i can help with)"
)

# Claims of uptake or standing that name no content: "took it on board", "was trusted to write notes".
CLAIMS = _word_regex(
    r"\b(?:took (?:it|them|that|this) (?:on board|seriously|to heart)|(?:applied|implemented|incorporated|acted on)"
    r" (?:it|them|the feedback|their feedback|the advice)(?! to\b)|put (?:it|them|that) into practice"
    r"|(?:was|were|got) trusted (?:to|with)|(?:was|were) responsible for|was given (?:more )?responsibility"
    r"|(?:praised|complimented|commended) (?:my|me)|(?:applied|demonstrated|showed|displayed|exhibited|practiced)"
    r" (?:\w+ ){0,3}(?:medicine|skills?|knowledge|judg(?:e)?ment|reasoning|professionalism|leadership|teamwork) by"
    r"|said i (?:think|thought|present|presented|work|worked) like"
    r"|(?:gave me|got|received|asked for|took) (?:some |good |great |positive |useful |helpful |constructive )?feedback"
    r"(?= and\b|[.,;]|$))\b"
)
# One person in the story: "the pt", "her", "a 54M", "the charge nurse". Stories are about someone; claims are
# about "my patients", "families", "labs and imaging".
SOMEONE = _word_regex(
    r"\b(?:he|she|him|her|his|hers|himself|herself)\b|\b\d+ ?(?:yo|y o|m|f|year old|yr old|month old|week old"
    r"|day old)\b"
    r"|\b(?:the|a|an|this|that|one|my|our|their|his|her|\w+'s)(?: \w+)? (?:pt|patient|man|woman|boy|girl|baby|infant"
    r"|newborn|child"
    r"|kid|toddler|teen|teenager|family|mom|mother|dad|father|son|daughter|wife|husband|nurse|resident|intern|attending"
    r"|senior|fellow|pharmacist|consultant|surgeon|tech|clerk|secretary|chief|student|co ?student|pa|np|ma|pca"
    r"|grandmother|grandfather|sister|brother|caregiver|pcp|agency|vendor|insurer|program|lab|admit|receptionist"
    r"|unit clerk|housekeeper|transport|interpreter|social worker|case manager)\b"
    r"|\b(?:night|day|evening|weekend|icu|code|rapid response|\w+ ?\d+) team\b|\bpt(?:'s)?\b|\bdr\.? [a-z]+"
    r"|^(?:the |my |our )?(?:\w+ )?(?:nurse|resident|intern|attending|senior|fellow|pharmacist|doctor)\b"
)
# ... or one thing: "the vancomycin dose", "her potassium", "a swollen leg" (not "the workup", "labs").
# Parts of a body and findings on it: "the swollen knee", "her incision", "the pleural effusion".
BODY_TERMS = (
    "knee, knees, leg, legs, arm, arms, hand, hands, foot, feet, toe, toes, hip, shoulder, chest, abdomen, belly, "
    "back, neck, head, eye, eyes, ear, skin, wound, incision, lesion, mass, lump, effusion, swelling, bruise, "
    "bruises, line, site, tube, trach, stoma, ostomy, fistula, drain, port, mole, nodule, tooth, throat"
)
_ONE_THING_TERMS = ", ".join(
    p
    for p in _phrase_list(CLINICAL_TERMS + ", " + BODY_TERMS)
    if p not in {"differential", "ddx", "workup", "work up", "guideline", "guidelines"}
)
ONE_THING = _word_regex(
    r"\b(?:the|a|an|this|that|his|her|their|\w+'s) (?:\w+ )?(?:" + alternation(_phrase_list(_ONE_THING_TERMS)) + r")\b"
)
GENERIC_PATIENTS = _word_regex(
    r"\b(?:(?:all|each|every one|most|many) of (?:my|our|the) (?:patients|pts)|(?:for|on|with|about"
    r"|to) (?:all )?(?:my|our)"
    r" (?:patients|pts)\b|(?:patients|pts) (?:presenting |admitted |who presented |coming in )?with|every (?:patient"
    r"|pt|admission)|each (?:patient|pt)|new patients"
    r"|(?:patients|pts) (?:a|per) (?:day|week))"
)
# A count of generic things is a volume claim, not a moment: "read 40+ articles", "10+ patients a day".
# ("10-12 patients" reads "10 12 patients" once hyphens are spaces.)
_COUNTED = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty|a hundred)"
VOLUME = _word_regex(
    r"\b\d+(?: ?\+| ?(?:-|to| ) ?\d+ (?:[a-z]+ )?(?:patients|pts|cases|articles|papers|reviews|notes|admissions"
    r"|encounters|hours|hrs)\b| (?:[a-z]+ )?(?:articles|papers|reviews|chapters|cases|encounters)\b)"
    # a rate is a volume too: "3 progress notes a day", "80 hours a week", "15 patients per clinic"
    rf"|\b{_COUNTED} (?:[a-z]+ ){{0,2}}(?:(?:a|per|each|every) (?:day|week|shift|night|month|clinic|session|call)"
    r"|daily|weekly|nightly)\b"
    # an approximate or large count: "over 100 EKGs", "more than 50 notes", "300 patients"
    r"|\b(?:over|more than|nearly|almost|at least|upwards of) \d+ (?:[a-z]+ ){0,2}[a-z]+s\b"
    r"|\b\d{3,} (?:[a-z]+ )?(?:patients|pts|ekgs|ecgs|notes|cases|encounters|images|films|charts|h&ps|procedures"
    r"|surgeries|consults|admissions)\b"
)
# Breadth with no moment in it: "a wide range of pathology", "exposed to ICU care", "cases like sepsis and DKA".
EXPOSURE = _word_regex(
    r"\b(?:wide (?:range|variety|spectrum)|range of|variety of|spectrum of|diverse|diversity of|exposed to|exposure to"
    r"|pathology|pathologies|conditions (?:like|such as|including)|cases (?:like|such as|including|of)"
    r"|patients with (?:conditions|diagnoses|problems) (?:like|such as|including))\b"
)
HELPED_DO = _word_regex(
    r"\bhelp(?:ed|ing)? (?:him|her|them|the \w+|a \w+) (?!with\b|out\b|on\b|in\b|to\b|and\b)[a-z]{3,}\b"
)
PEOPLE = _phrases(PEOPLE_TERMS)
PATIENTS = _phrases(PATIENT_TERMS)
PLACES = _phrases(PLACE_TERMS)
EVENTS = _phrases(EVENT_TERMS)
CLINICAL = _phrases(CLINICAL_TERMS)
CLINICAL_GENERIC = _phrases(CLINICAL_GENERIC_TERMS)
TRAITS = _phrases(TRAIT_TERMS)
HABITS = _phrases(HABIT_TERMS)
ACTIVITIES = _phrases(ACTIVITY_TERMS)
TIMES = _word_regex(
    r"\b\d{1,2}(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}\b"
    r"|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues|thurs|weekend|yesterday|tonight"
    r"|overnight|midnight|noon|lunch|thanksgiving|christmas|new year's|eid|easter|diwali|january|february|april|june"
    r"|july|august|september|october|november"
    r"|december)\b"
    r"|\b(?:this|that|the next|next|one|later that) (?:morning|afternoon|evening|night|day)\b"
    r"|\blast (?:night|week|day|friday|monday)\b|\bthe night before\b|\bon call\b|\bnight (?:float|shift)\b"
    r"|\b(?:after|before|during|pre|at) (?:the )?(?:rounds|clinic|sign ?out|handoff|hand off|the code|a code"
    r"|the case|the procedure|the surgery|discharge|admission|the first dose|the family meeting|huddle)\b"
    r"|\bon (?:admission|discharge)\b"
    # "during her dressing change", not "during the rotation": a whole rotation is no moment
    r"|\bduring (?:her|his|their|the|a|my) (?!(?:rotation|month|clerkship|observership|externship|elective|block|year"
    r"|course|program|stay|time)\b)[a-z]+"
    r"|\bpre ?round(?:s|ing|ed)?\b|\b(?:end of (?:the|my) (?:day|shift))\b|\bafter (?:my|the) shift\b"
    r"|\b(?:day|week|pod|hd) (?:\d+|one|two|three|four)\b|\b(?:first|second|third|last) (?:day|week|morning)\b"
    r"|\b(?:same|next|following) (?:day|week|morning|evening)\b"
    r"|\bwithin (?:the|an|a|\d+|one|two|five|ten|fifteen|twenty|thirty) ?(?:min|mins|minutes|hour|hours|hrs|days)\b"
    r"|\b\d+\s?(?:min|mins|minutes|hr|hrs|hours|h)\b|\b(?:an|one|half an|half a) (?:hour|minute)\b"
    r"|\bin time\b|\bbefore it\b|\bb4 noon\b"
)

STOPWORDS = frozenset(
    "a an the and or but to of in on at for with by from as is was were be been am are i me my we our us "
    "he she him her his they them their it its this that these those so very really just also then than "
    "too up down out over all any some had have has do did done not no about after before into while when "
    "what which who whom how why where there here can could would should will may might must i'm it's "
    "didn't wasn't don't during until while since because through without within onto upon again once "
    "another such either yet away later earlier tomorrow if then there's let's".split()
)
# Words the coach already understands; anything else in an entry is likely a concrete detail.
KNOWN_WORDS = (
    STOPWORDS
    | CONCRETE_VERBS
    | WEAK_VERBS
    | VAGUE_VERBS
    | NOT_ACTIONS
    | NUMBER_WORDS
    | _words_in(
        PEOPLE_TERMS,
        PATIENT_TERMS,
        PLACE_TERMS,
        CLINICAL_TERMS,
        TRAIT_TERMS,
        HABIT_TERMS,
        ACTIVITY_TERMS,
        GENERIC_WORDS,
        CLINICAL_GENERIC_TERMS,
        EVENT_TERMS,
    )
)
WORD = re.compile(r"[a-z0-9]+(?:[&'][a-z0-9]+)*")


# --- quality keyword families ------------------------------------------------

QUALITY_CUES: dict[str, tuple[tuple[Phrases | WordPattern, float], ...]] = {
    "work_ethic": (
        (
            _phrases(
                "stayed late, stay late, stayed after, stayed until, came early, came in early, arrived early, "
                "before the resident, pre rounded, pre rounding, prerounded, overnight, weekend, on call, "
                "night float, lunch break, long hours, extra, volunteered, on my day off, first one in, "
                "last one out, 12 hour, 80 hours, hard working, hardworking, hard worker, work ethic, "
                "worked hard, work hard, hard work, above and beyond, extra mile, dedicated, dedication, "
                "scrubbed, retracted, held the camera, covered, took over, every patient, before 6, 5am, 5 am, "
                "proactive, initiative, eager, fast, patients a day, took on"
            ),
            1.2,
        ),
        (_word_regex(r"\b(?:\d+|eight|ten|twelve|fifteen|twenty) (?:patients|pts|admissions|cases|h&ps)\b"), 0.6),
        (
            _phrases(
                "stayed, early, late, finished, busy, short staffed, motivated, never complained, all day, "
                "after my shift, knew my patients, procedures, several"
            ),
            0.6,
        ),
    ),
    "clinical_reasoning": (
        (
            _phrases(
                "differential, ddx, diagnosis, causes, workup, work up, reasoning, uptodate, guideline, guidelines, "
                "article, literature, nejm, jama, journal club, read up, reading up, looked up, flowsheet, trended, "
                "trends, values, impression, figured out, suggested, proposed, "
                "recommended, top choice, justified, justification, likely, suspected, ruled out, rule out, "
                "score, calculated, worked out, anion gap, interpretation, interpreted, clinical reasoning, "
                "clinical judgement, clinical judgment, fund of knowledge, assessment and plan, "
                "cha2ds2 vasc, curb 65, alvarado, wells, vs, versus, intern level, like an intern, "
                "presented, presentation, presentations, talk on, case of, summarized, timeline, "
                "compared, comparing, trend, changed the diagnosis, plan"
            ),
            1.2,
        ),
        (
            _phrases(
                "because, why, labs, ekg, ecg, echo, ct, mri, x ray, culture, biopsy, knowledge, "
                "pharmacology, physical exam, physical exams, exam, examined, thorough, differentials, "
                "pimp, questions, read, reading, reviewed"
            ),
            0.5,
        ),
    ),
    "communication": (
        (
            _phrases(
                "explained, explaining, explain, updated, update, updates, called the family, family meeting, "
                "talked, spoke, discussed, translated, interpreter, teach back, sbar, handoff, sign out, "
                "recap, recapped, plain language, plain words, simpler terms, simpler words, counseled, "
                "counselled, educated, reassured, comforted, communication, communicated, team player, "
                "teamwork, coordinated, case management, social work, social worker, consultants, "
                "bedside manner, rapport, listener, taught, in service, handout, drew, walked, "
                "de escalated, deescalated, calmed, phone, phoned, by phone, over the phone, "
                "introduced myself, collateral, after visit summary, instructions, family, families, teaching, "
                "discharge teaching, went through, understanding, sbar"
            ),
            1.2,
        ),
        (
            _phrases(
                "nurse, nurses, wife, husband, daughter, son, parents, mom, mother, pharmacy, called, "
                "consult, team, answered, questions, told, asked, empathy, empathetic, compassion, "
                "compassionate, patients, talk, interview, interviewed, arranged"
            ),
            0.45,
        ),
    ),
    "reliability": (
        (
            _phrases(
                "closed the loop, closed loops, close the loop, followed up, follow up, follow ups, "
                "task, tasks, task list, checked off, handed off, hand off, warm handoff, without reminders, "
                "without being reminded, pending, tracked down, chased, by noon, before noon, by 10, by 11am, "
                "ready, discharge summary, completed, finished, reliable, dependable, punctual, on time, "
                "booked, prior auth, faxed, records, list, sign out, pager, trusted, "
                "did everything, never missed, so nothing, wasn't missed, was not missed, ownership, "
                "paperwork, arranged, got the, before discharge, cosign, weekend team, night team"
            ),
            1.0,
        ),
        (
            _phrases(
                "made sure, kept, updated, coordinated, every, all my, called, organized, organised, "
                "responsible, documented, summary, phoned, insurance"
            ),
            0.45,
        ),
    ),
    "teachability": (
        (
            _phrases(
                "feedback, as you suggested, as she suggested, as he suggested, i asked for, worked on, "
                "working on, more concise, concise, corrected, correct, learned, learnt, learn, practiced, "
                "practised, next time, next week, adjusted, improved, improve, improvement, growth, "
                "fast learner, quick learner, eager to learn, taught me, showed me, the next day, "
                "rewrote, edits, one thing to improve, be more, switched to, after the attending told me, "
                "draft notes, with me, do better, what i could do better, went through them"
            ),
            1.2,
        ),
        (
            _phrases(
                "asked, better, format, slides, teachable, changed, week 2, week 3, mid rotation, "
                "observership, went through"
            ),
            0.4,
        ),
    ),
    "patient_safety": (
        (
            _phrases(
                "allergy, allergies, allergic, anaphylaxis, caught, flagged, duplicate, wrong, error, "
                "interaction, held the, hold the, holding, escalated, rapid response, fall, falls, "
                "isolation, hand hygiene, verified, double checked, double check, rechecked, time out, "
                "side and site, near miss, sepsis, septic, hypotension, dropping, desaturation, "
                "deteriorating, safety, safe, careful, unsure, not sure, protocols, protocol, "
                "before the first dose, expired, corrected, lowered, stopped, removed, restraints, "
                "suicide, risk assessment, safety plan, dose, doses, overdose, toxicity, precautions, "
                "fingerstick, nomogram, naloxone, high flow, sats, bleeding, pressure on, rapid, code cart, "
                "ulcer, missed, missing, was missing, dropped, safe sleep, without sedation, on the floor, "
                "called for help, unresponsive, crash cart, chest compressions, not controlled, uncontrolled, "
                "worsening, detail oriented, mix up, wrong patient, mrsa, culture, cultures"
            ),
            1.1,
        ),
        (
            _phrases(
                "insulin, warfarin, heparin, enoxaparin, anticoagulant, anticoagulation, potassium, "
                "inr, vanc, vancomycin, opioid, lithium, meds, med list, med rec, med recs, medication, "
                "reconciled, checked, noticed, pain, delirium, vaccine, mmr, foley, catheter, ppis, "
                "aspirin, levels, lactate, glucose, switched, code, thorough"
            ),
            0.5,
        ),
    ),
    "fit": (
        (
            _phrases(
                "kind, friendly, welcomed, nurses liked, liked working, potluck, thank you cards, "
                "coffee, snacks, morale, laughed, smiled, joked, sticker, game, "
                "personality, pleasure, professional, respectful, polite, pleasant, approachable, "
                "got along, fit in, everyone, culture, humble, calm, sat with, chaplain, shelter, "
                "helped the nurse, helped a family, short staffed, unit was short, the team appreciated, "
                "loved me, liked me, empathy, compassion, compassionate, caring, passionate, "
                "students, taught two, fmla, dying, crying, teaching sheet"
            ),
            1.0,
        ),
        (_phrases("comfortable, made sure patients"), 1.0),
        (
            _phrases(
                "team, nurses, kids, children, families, thanked, cards, staff, helpful, "
                "available, never complained, key member, taught"
            ),
            0.4,
        ),
    ),
}


# --- analysis ------------------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    concrete: int  # distinct concrete verbs
    weak: int  # distinct weak verbs (or unlisted past tenses)
    vague: int  # distinct vague verbs
    activity: bool  # a named task ("med rec", "family meeting") stands in for a verb
    people: bool
    patient: bool
    number: bool
    time: bool
    place: bool
    clinical: int  # distinct specific clinical terms ("hyponatremia", "warfarin")
    clinical_generic: int  # distinct everyday ones ("labs", "meds")
    result: bool
    details: int  # words the coach does not know: usually concrete nouns ("glucometer", "shelter")
    traits: tuple[str, ...]
    habits: int
    clock: bool  # a time of day ("5:15", "at 6 am")
    routine: bool  # a daily duty with a generic object ("presented patients", "wrote notes")
    event: bool  # a conference or huddle, where speaking up is notable in itself
    help_offer: bool
    claims: int  # "took it on board", "was trusted to": uptake or standing with no content
    routines: int  # distinct routine duties named
    someone: bool  # one person the story is about or with
    generic_patients: bool  # "for my patients", "every patient", "patients with sepsis": no one patient in it
    volume: bool  # a count of generic things: "40+ articles", "10-12 patients", "3 notes a day"
    exposure: bool  # breadth words: "a wide range of", "exposed to", "cases like"
    main_act: bool  # an act that shows one quality clearly ("came in at 5", "caught", "suggested"), or a feedback loop
    listed: bool  # a list: "sepsis, AKI and GI bleeds"
    words: int
    content_words: int


_SPACES = re.compile(r"\s+")
_HYPHEN_BETWEEN = re.compile(r"(?<=[a-z0-9])[-‐‑‒–—](?=[a-z0-9])")
_ASCII_HYPHEN_BETWEEN = re.compile(r"-(?<=[a-z0-9]-)(?=[a-z0-9])")  # the same in ASCII text, found by its "-"
_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"'})
# "re ", "de " or "pre " starting a word (the check that no letter comes before sits after the first letter,
# so that the regex can look for r, d and p instead of trying every position).
_PREFIXED = re.compile(r"(r(?<!\w.)e|d(?<!\w.)e|p(?<!\w.)re) (?=[a-z]{4,})")


# Common verbs the lists above do not hold, with their past tense.
_PAST.update(
    dict(
        pair.split("/")
        for pair in (
            "see/saw tell/told make/made take/took come/came give/gave find/found think/thought bring/brought "
            "teach/taught go/went buy/bought speak/spoke sit/sat keep/kept send/sent say/said notice/noticed "
            "suggest/suggested translate/translated compare/compared show/showed stay/stayed help/helped "
            "check/checked ask/asked follow/followed catch/caught meet/met leave/left"
        ).split()
    )
)
# "i" then a verb in the present (an adverb may come between), read as the past: "i tell the nurse" -> "i told".
_PRESENT_AFTER_I = re.compile(
    r"\b(i (?:also |always |then |just |quickly |immediately |again |first |personally |myself )?)("
    + "|".join(sorted((lemma for lemma, past in _PAST.items() if past != lemma), key=len, reverse=True))
    + r")\b"
)


def _to_past(text: str) -> str:
    return _PRESENT_AFTER_I.sub(lambda m: m.group(1) + _PAST[m.group(2)], text) if "i " in text else text


def _normalise(text: str) -> str:
    text = str(text)[:MAX_CHARS]
    if text.isascii():  # most entries: nothing for NFKC or the quote table to change, and no long dashes
        text = text.lower()
        if "-" in text:
            text = _ASCII_HYPHEN_BETWEEN.sub(" ", text)  # "hard-working" == "hard working", "x-ray" == "x ray"
    else:
        text = unicodedata.normalize("NFKC", text)[:MAX_CHARS].lower().translate(_QUOTES)
        text = _HYPHEN_BETWEEN.sub(" ", text)
    if "re " in text or "de " in text:  # "re-examined" == "reexamined", "de-escalated" == "deescalated"
        text = _PREFIXED.sub(r"\1", text)
    return _to_past(" ".join(text.split()))  # every run of white space is one space, as \s+ would have it


def _count_verbs(words: list[str]) -> tuple[int, int, int]:
    """Distinct concrete, weak and vague verbs; a verb after "was"/"very" describes, it does not act."""
    concrete: set[str] = set()
    weak: set[str] = set()
    vague: set[str] = set()
    # only listed verbs and past tenses can count; the rest of the words are skipped by one set look-up
    candidates = {w for w in set(words) if w in _VERB_FORMS or w.endswith("ed")}
    for index, word in enumerate(words):
        if word not in candidates:
            continue
        previous = words[index - 1] if index else ""
        described = previous in DESCRIBERS
        if previous in NOUN_MARKERS:
            continue
        if word in VAGUE_VERBS:
            vague.add(word)
        elif described and (
            word.endswith(("ed", "en", "wn")) or word in IRREGULAR_PARTICIPLES or word in ADJECTIVE_LIKE_VERBS
        ):
            continue
        elif word in CONCRETE_VERBS:
            concrete.add(word)
        elif word in WEAK_VERBS:
            weak.add(word)
        elif word.endswith("ed") and len(word) > 4 and word not in NOT_ACTIONS and word not in KNOWN_WORDS:
            weak.add(word)  # an unlisted past tense ("debrided", "titrated"): probably an act
    return len(concrete), len(weak), len(vague)


def _has_number(text: str, words: list[str]) -> bool:
    if any(ch.isdigit() for ch in text):
        return True
    return any(
        word in NUMBER_WORDS or (word == "one" and nxt in COUNT_NOUNS) for word, nxt in zip(words, [*words[1:], ""])
    )


def _clinical_terms(text: Text) -> int:
    found = CLINICAL.distinct(text)
    found.update(w for w in _suffix_words(text) if w not in NOT_CLINICAL)
    return len(found)


def _suffix_words(text: Text) -> set[str]:
    """Whole words of plain letters ending in a clinical suffix after at least three letters ("pancreatitis")."""
    words = {piece for run in text.runs for piece in run.split("&")}
    return {
        word
        for word in words
        if word.endswith(CLINICAL_SUFFIXES)
        and word.isascii()
        and word.isalpha()
        and word.islower()
        and any(word.endswith(suffix) and len(word) - len(suffix) >= 3 for suffix in CLINICAL_SUFFIXES)
    }


def _traits(text: Text) -> tuple[str, ...]:
    found = []
    for match in TRAITS.iter(text):
        word = match.group(0)
        if word in VERB_LIKE_TRAITS and _used_as_verb(text.text, match.start(), match.end()):
            continue  # "organized the family meeting", "I committed to a diagnosis" are acts
        if word in TEST_RESULT_WORDS and text.text[: match.start()].rsplit(" ", 2)[-2:-1] in (
            ["was"],
            ["were"],
            ["back"],
        ):
            continue  # "the smear was positive", "the screen came back negative": a result, not praise
        found.append(word)
    found.extend(DID_WELL.findall(text))
    return tuple(dict.fromkeys(found))


def _used_as_verb(text: str, start: int, end: int) -> bool:
    following = text[end:].split(" ", 2)[1:2]
    preceding = text[:start].rsplit(" ", 2)[-2:-1]
    return bool((following and following[0] in DETERMINERS) or (preceding and preceding[0] in SUBJECTS))


def _details(words: list[str]) -> int:
    unknown = set(words) - KNOWN_WORDS
    return len({w for w in unknown if len(w) > 2 and w.isalpha() and not w.endswith(("ed", "ly"))})


_CLOCK = re.compile(r"\b(?:1[0-2]|0?[1-9])(?::[0-5]\d ?(?:am|pm)?| ?(?:am|pm))\b")


def _analyse(prepared: Text, main_act: bool = False) -> _Found:
    text = prepared.text
    words = WORD.findall(text)
    concrete, weak, vague = _count_verbs(words)
    concrete += PHRASAL_ACTIONS.found(prepared)
    weak += HELPED_DO.found(prepared)  # "helped her bag the linens": the verb after "help" is the act
    # a count right after ":" or "." is a clock or a decimal ("5:15 every day"), not a volume
    volume = any(text[hit.start() - 1 : hit.start()] not in (":", ".") for hit in VOLUME.iter(prepared))
    routines = ROUTINE.distinct(prepared)
    return _Found(
        concrete=concrete,
        weak=weak,
        vague=vague,
        activity=ACTIVITIES.found(prepared),
        people=PEOPLE.found(prepared),
        patient=PATIENTS.found(prepared),
        number=_has_number(VOLUME.regex.sub(" ", text), words) if volume else _has_number(text, words),
        time=TIMES.found(prepared),
        place=PLACES.found(prepared),
        clinical=_clinical_terms(prepared),
        clinical_generic=len(CLINICAL_GENERIC.distinct(prepared)),
        result=RESULTS.found(prepared),
        details=_details(words),
        traits=_traits(prepared),
        habits=len(HABITS.findall(prepared)),
        clock=bool(_CLOCK.search(text)),
        routine=bool(routines),
        event=EVENTS.found(prepared),
        help_offer=HELP_OFFERS.found(prepared),
        generic_patients=GENERIC_PATIENTS.found(prepared),
        someone=SOMEONE.found(prepared) or ONE_THING.found(prepared),
        claims=len(CLAIMS.distinct(prepared)),
        routines=len(routines),
        volume=volume,
        exposure=EXPOSURE.found(prepared),
        main_act=main_act,
        listed=text.count(",") >= 1 or ":" in text,
        words=len(words),
        content_words=sum(1 for w in words if w not in STOPWORDS),
    )


def _has_action(found: _Found) -> bool:
    return bool(found.concrete or found.weak or found.activity or (found.vague and found.clinical))


def _action_weight(found: _Found) -> float:
    if found.concrete:
        return 1.4 + (0.4 if found.concrete > 1 else 0.0)
    if found.weak and found.activity:
        return 1.1  # "gave a talk", "did a med rec"
    if found.weak or found.activity:
        return 0.7
    if found.vague and found.clinical:
        return 0.5  # "did chest compressions": a vague verb with a concrete object
    return -0.4 if found.vague else 0.0


def _evidence(found: _Found) -> int:
    """How many kinds of concrete detail surround the act."""
    clinical = found.clinical + found.clinical_generic > 0
    return sum((found.people, found.number, found.time, clinical, found.result, found.details >= 2))


def _logit(found: _Found) -> float:
    """Fixed weights: an act plus concrete context raises the score; traits and vagueness lower it."""
    z = -2.3 + _action_weight(found)
    z += 0.8 if found.people else 0.4 if found.patient else 0.0
    z += 0.6 * found.number + 0.5 * found.time + 0.3 * found.place
    z += 0.5 * min(found.clinical + 0.5 * found.clinical_generic, 2) + 0.15 * min(found.details, 3)
    z += 1.0 * found.result
    z += 0.3 if found.content_words >= 10 else 0.0
    # A clear act around one person, thing or count is a story even in few words; around "every patient" or
    # "always" it is a habit claimed, not a moment, unless a clock time pins it ("came in at 5:15 every day to
    # change the dressings before rounds": a writer can quote that).
    particular = (found.someone or found.number or found.time) and not (
        found.generic_patients or (found.habits and not found.clock)
    )
    z += MAIN_ACT_WEIGHT if found.main_act and particular else 0.0
    # With a real story around them, trait words are framing; without one, they are all there is.
    backed = _has_action(found) and _evidence(found) >= (2 if found.concrete else 3)
    z -= (0.4 if backed else 1.1) * min(len(found.traits), 3) + (0.2 if backed else 0.4) * min(found.habits, 3)
    routine_only = found.routine and not (found.people or found.clinical or found.result or found.event)
    z -= 0.6 if routine_only else 0.0
    z -= 0.5 if found.routines >= 2 and not (found.result or found.people) else 0.0  # a list of duties
    z -= 0.9 * min(found.claims, 2)
    # Nobody, no number, no time, no place: an act with nothing around it to place it.
    anchored = found.people or found.patient or found.number or found.time or found.place or found.event
    z -= 0.0 if anchored else 0.5
    z -= 0.0 if found.someone or found.time else 0.6
    # "for my patients", "patients with ...", "every patient": the whole list, not one of them.
    z -= 0.7 if found.generic_patients and not found.number else 0.0
    # A count or a list of conditions with no moment around it is exposure, not a story:
    # "read 50+ articles on all my patients", "took care of many patients with sepsis, AKI and GI bleeds".
    # A result or a time rescues a count only around one person or thing ("gave 2 units to the man in bed 4").
    exposure = (found.volume or (found.clinical >= 2 and (found.habits or found.exposure) and found.listed)) and not (
        (found.result or found.time) and found.someone
    )
    z -= 0.8 if exposure else 0.0
    z -= 1.5 if found.words < 4 else 0.0
    z -= 0.8 if found.help_offer else 0.0
    return z


def _signals(found: _Found) -> tuple[str, ...]:
    named = (
        ("action", found.concrete > 0),
        ("weak_action", not found.concrete and _has_action(found)),
        ("person", found.people),
        ("patient_or_team", found.patient and not found.people),
        ("number", found.number),
        ("time", found.time),
        ("place", found.place),
        ("clinical", found.clinical + found.clinical_generic > 0),
        ("detail", found.details > 0),
        ("result", found.result),
        ("generic_adjective", bool(found.traits)),
        ("vague_verb", found.vague > 0 and not found.concrete),
        ("habitual", found.habits > 0),
        ("routine", found.routine),
        ("help_offer", found.help_offer),
        ("too_short", found.words < 4),
    )
    return tuple(name for name, present in named if present)


def suggest_qualities(text: str) -> tuple[str, ...]:
    """The quality keys an entry seems to show, most likely first (at most three).

    First comes what the story is about: a feedback loop (feedback, then a change) is teachability; otherwise the
    first act in it (``LEAD_ACTS``: "explained", "caught", "suggested", "chased", "came in at 5" ...). Keyword
    families rank the rest, and lead alone when no act says it clearly."""
    prepared = Text(_normalise(text or ""))
    return _qualities(prepared, _main_act(prepared))


# Teachability is first of all a loop: feedback or a correction received, then a change the applicant made
# afterwards, whatever skill the change was about ("said my notes were long ... my next 3 were half the length").
_FEEDBACK_VERBS = (
    r"lead|start|open|always|present|examine|be|slow|stop|use|try|skip|cut|drop|add|keep|check|commit|speak|focus"
    r"|write|own|read|give|ask|say|pause|look|listen|practice|practise|work|put|make|avoid|talk|include|know"
)
FEEDBACK_RECEIVED = _word_regex(
    r"\bfeedback\b|\b(?:told|taught|corrected|pimped|reminded|advised|warned) me\b|\bcorrected my\b"
    # the same, in the passive: "i was told to commit to a plan", "got told my notes were long"
    r"|\b(?:i was|i got|was|got) (?:told|advised|reminded|warned) (?:to|that|my|i)\b"
    r"|\bcorrected (?:how|the way|what) i\b"
    r"|\bshowed me how\b|\btaught me (?:how|to)\b"
    r"|\b(?:said|says|say|thought|felt|noted|mentioned|pointed out|commented|told me|tell me) (?:that )?(?:i [a-z]+ed\b"
    r"|my|i was"
    r"|i am"
    r"|i'm|i wasn't|i talked|i should|i need|i forgot|i missed|i hedged|i used|i had|i didn't|i don't|i spoke|i kept"
    r"|i tend"
    r"|i jump|i go|i rush|i talk|i speak|i skip|i miss|i hesitate|i apologi[sz]e|i look"
    r"|i (?!(?:could|can|would|will|might|may|did|do|am|was|were|have|had)\b)[a-z]+"
    rf"|(?:i )?(?:should |need to |to )?(?:{_FEEDBACK_VERBS})\b)"
    r"|\b(?:suggested|recommended) (?:that i|i|always|to)\b|\bwhat (?:one thing )?i (?:should|could|can|need to) "
    r"(?:work on|change|improve|do better|do differently)|\b(?:how|what) (?:to|i could|i can|i should) (?:improve"
    r"|do better)\b"
    r"|\basked (?:\w+ ){0,4}(?:how|what) (?:i|to) (?:could|can|should|might)?\b"
    r"|\bdidn'?t know\b|\bgot (?:it|that) wrong\b|\bone thing to (?:improve|work on|change)\b"
    r"|\bmy (?:\w+ ){0,2}(?:were|was|are|is) too\b|\bi (?:was|am|talk|talked|speak|spoke|go|went|jump|jumped) too\b"
    r"|\b(?:too much|a lot of) (?:jargon|detail|hedging)\b"
)
CHANGE_AFTER = _word_regex(
    r"\b(?:next|the following|from then on|since then|ever since|after that|afterwards|rest of the (?:week|rotation"
    r"|month)"
    r"|by (?:the end of the week|friday|week \d|day \d|wk ?\d)|wk ?\d|week \d|day \d|that night|the next (?:day"
    r"|morning|week)"
    r"|on the next|for the rest|every (?:note|presentation|patient|h&p|handoff|page) (?:after|since)"
    r"|from (?:then|that day|day \d|week \d|monday|tuesday|wednesday|thursday|friday|the next day)(?: on)?"
    r"|since (?:monday|tuesday|wednesday|thursday|friday|yesterday|that day|the next day|week \d))\b"
    r"|\b(?:rewrote|changed my|switched to|started (?:to\b|using|leading|giving|every|each|all|my|\w+ing)|began \w+ing"
    r"|practiced|practised|practicing|practising|rehears\w+|recorded myself|redid|did that"
    r"|on (?:monday|tuesday|wednesday|thursday|friday)|(?:spent|used) (?:\w+ ){0,4}(?:tying|suturing|drilling)"
    r"|made myself|made flashcards|i added|worked on|read up|now i|i now|i cut|cut my|i check|i always)\b"
)
# The act a story is about, and the quality it shows first: "came in at 5:30 to pre-round" shows work ethic,
# "noticed the order was wrong and told the nurse" safety, "explained the prep to the son" communication.
# The first act in the text leads (applicants start with what they did); a wider match wins a tie.
_PEOPLE_TOLD = (
    r"(?:family|families|daughter|son|wife|husband|mom|mother|dad|father|parents?|sister|brother|caregiver|pcp|nurse"
    r"|nurses|charge nurse|team|resident|intern|attending|pt|patient|him|her|them)"
)
_KIN = (
    r"(?:family|families|daughter|son|wife|husband|mom|mother|dad|father|parents?|sister|brother|niece|nephew"
    r"|grand\w+|caregiver|pcp|nursing home|patient|pt)"
)
_DETERMINER = r"(?:the |his |her |their |a |an |my |the (?:pt|patient)'s |\w+'s )?"
# Within one clause: a full stop ends it, unless it belongs to "dr." or a number ("7.2").
_CLAUSE = r"(?:[^.;]|(?<=\bdr)\.|(?<=\bmr)\.|(?<=\bmrs)\.|(?<=\bms)\.|\.(?=\d))"
# What people talk about when they are not patients: a story that turns on one of these is about rapport.
_HOBBIES = (
    r"soccer|football|cricket|basketball|baseball|world cup|music|songs?|drawing|dogs?|cats?|cooking|gardening|garden"
    r"|fishing|knitting|crosswords?|puzzles?|video games|anime|tv shows?|telenovelas?|bollywood|dancing|singing|movies"
    r"|favou?rite (?:band|singer|team|show|song|food|movie|book|player|game|cartoon)"
)
LEAD_ACTS: dict[str, WordPattern] = {
    "work_ethic": _word_regex(
        r"\b(?:came (?:in )?(?:early|at [4-6]|on (?:my )?(?:day off|saturday|sunday|sat|sun|the weekend|a holiday"
        r"|thanksgiving|christmas|eid)|in on|in (?:sat|sun|saturday|sunday))"
        r"|arrived (?:early|at [4-6])|stayed (?:late|until|till|after|past|overnight|an extra|to finish|\d)"
        r"|pre ?round(?:ed|ing)|volunteered"
        r"|covered (?:for (?:my |a )?)?(?:my |a )?(?:co ?students?|\d+|two|three|extra|the (?:weekend|night|call)"
        r"|\w+'s (?:pts|patients|shift|call))"
        r"|took (?:on )?(?:\w+ )?(?:extra|additional|two|three|\d) (?:extra )?(?:pts|patients|admissions)"
        r"|scrubbed|retracted|sutured|stapled|removed (?:the |\d+ |\w+ )?(?:staples|sutures|stitches|drains?)"
        r"|closed (?:the )?(?:skin|incision|port sites|wound)|placed (?:an? |the |\d+ )?(?:iv|ivs|ng tube|foley|a line)"
        r"|(?:spent|worked through|skipped) (?:my )?(?:lunch|break|day off|weekend|saturday|sunday)"
        r"|on call (?:overnight|i)|worked (?:through|until|late|(?:a |an )?(?:double|extra shift))"
        r"|went in on|(?:did|covered|took) (?:my )?(?:co ?students?'s?|\w+'s) pre ?rounds?"
        r"|picked up (?:an? )?(?:extra|additional|second) "
        # a colleague's load carried: "carried 7 of her pts", "took 3 of his admissions"
        r"|(?:carried|took|covered|ran|saw|picked up) (?:\w+ )?(?:\d+|two|three|four|five|six|seven|eight|all)"
        r" of (?:her|his|their|the \w+'s|my co ?students?'s?) (?:pts|patients|admissions|list)"
        # late hours the applicant worked: "stayed until midnight", "finished my notes at 11 pm"
        r"|(?:until|till|past) (?:1[01](?::\d\d)? ?pm|midnight|[1-3](?::\d\d)? ?am)"
        r"|(?:finished|left|done|wrote) (?:\w+ ){0,4}at (?:1[01](?::\d\d)? ?pm|midnight|[1-3](?::\d\d)? ?am)"
        r"|took (?:the )?(?:first |night |overnight |extra |weekend )?call\b(?! (?:from|with|about))"
        r"|came back (?:after (?:dinner|my shift|clinic|hours)|at night|that (?:night|evening)|in the evening"
        r"|later that)"
        r"|spent (?:\w+ )?(?:evenings|nights|weekends|hours|my evenings|my nights)\b"
        r"|(?:when|while|since) (?:\w+ ){0,4}(?:was|were|called) (?:out|off)\b|on my day off|for all (?:\d+|two"
        r"|three|four|five|six|seven|eight|nine|ten|twelve) (?:\w+ )?(?:admissions"
        r"|admits|pts|patients|post ?ops?))\b"
    ),
    "communication": _word_regex(
        r"\b(?:explain(?:ed|ing)?(?! my (?:reasoning|thinking|differential|ddx|rationale|logic)| why i (?:think|thought"
        r"|favou?r|suspect))|translat(?:e|ed|ing)"
        rf"|teach(?:ing)? {_DETERMINER}{_KIN}\b"
        r"|interpret(?:ed|ing) for|counsel(?:l)?ed|educated|reassured|comforted"
        r"|went over|go over|(?:walk|walked|talked|talk) (?:\w+ ){1,3}through|sat (?:down )?with|drew|talked (?:to"
        r"|with)"
        r"|spoke (?:to|with)|broke (?:the )?(?:\w+ )?news|used (?:a |an |his |her |their )?(?:diagram|drawing|picture"
        r"|model|video|teach back|stuffed (?:animal|bear|toy)|doll|toy|puppet|growth chart)"
        r"|answered (?:the |her |his |their )?(?:\w+ )?(?:\w+'s )?questions|had (?:him|her|them) (?:show|demonstrate"
        r"|repeat"
        r"|tell|teach)"
        rf"|updated {_DETERMINER}(?:\w+ )?{_PEOPLE_TOLD}|(?:called|phoned|texted|reached) {_DETERMINER}{_KIN}"
        r"|gave (?:the (?:\w+ ){0,2}team |the \w+ |him |her |them )?(?:an? |the )?(?:\w+ ){0,2}(?:sbar|report|update)"
        r"|led the family meeting"
        rf"|met (?:with )?{_DETERMINER}(?:\w+ )?{_KIN}|coordinated"
        r"|paged (?:\w+ ){1,3}with (?:a|an) (?:clear|focused|specific)"
        r"|wrote (?:a |an |the )?(?!goodbye |thank you |birthday )(?:\w+ )?(?:summary|instructions|card|sheet|letter)"
        r" (?:in|for)"
        r"|in (?:simple|simpler|plain|easy|lay|everyday) (?:english|language|words|terms)|teach back"
        r"|gave (?:\w+ ){0,3}(?:a )?heads up)\b"
    ),
    "patient_safety": _word_regex(
        r"\b(?:(?:re)?calculated (?:\w+ ){0,3}dose|confirmed (?:\w+ ){0,3}(?:side|site|identity|name|allerg\w+"
        r"|blood type"
        r"|dose)|fixed (?:\w+ ){0,4}(?:order|dose|med|meds|list|mix ?up|error|mistake)|caught|flagged|double ?checked"
        r"|rechecked|verified|held the|stopped the (?:infusion|procedure|transfusion|drip|transport|nurse)"
        r"|(?:didn't|did not|wouldn't|would not) let (?:her|him|them|the \w+) (?:leave|go|walk|be discharged)"
        r"|(?:got|called|brought) (?:\w+ ){1,3}to the bedside|instead of waiting|(?:didn't|did not) (?:accept|ignore"
        r"|wait for)"
        r"|(?:told|said|admitted|asked|let) [^.;]{0,40}\b(?:not sure|unsure|wasn't sure|was not sure|didn't know how"
        r"|i'd never|i had never|i'd not|i hadn't|never (?:done|placed|dosed|given|used) )"
        r"|called (?:a|the) (?:rapid|code|stroke|sepsis)"
        r"|(?P<noticed>noticed|notice|found|find|saw|spotted|realized|picked up|recognized|identified"
        r"|(?:sats?|o2 sat|spo2|saturation|bp|blood pressure|glucose|sugar|fingerstick|hr|heart rate|rr|temp|sodium"
        r"|potassium|k|hgb|hemoglobin|platelets|inr|creatinine|lactate)"
        r" (?:was|were|dropped|fell|went|read|came back|rose|jumped|climbed)"
        # a value written down as a number: "k 2.9 on am labs", "gcs 15->12", "ptt 150"
        r"|(?:sats?|spo2|bp|glucose|bg|fingerstick|k|na|potassium|sodium|hgb|hb|plt|platelets|inr|ptt|gcs|lactate"
        rf"|trop\w*|creatinine|cr|mg|ca|calcium|temp) (?:of |at |is |was )?(?=\d))\b(?P<what>{_CLAUSE}*))"
    ),
    "clinical_reasoning": _word_regex(
        r"\b(?:suggest(?:ed|ing)|propos(?:ed|ing)|recommend(?:ed|ing)|calculated|recalculated|ran the numbers"
        r"|used the (?:\w+ ){1,2}(?:score|rule|rules|criteria)|looked up|read (?:up|the)|compared|thought|argued"
        r"|pointed out|interpret(?:ed|ing) (?!for\b)|presented (?:\w+ ){0,6}(?:ddx|differential)"
        r"|explained my (?:reasoning|thinking|differential|ddx|rationale|logic)"
        r"|explain(?:ed)? why i (?:think|thought|favou?r|favou?red|suspect|suspected)"
        r"|put (?:[^.;]{0,60}) together|wondered (?:if|whether)|linked|brought (?:it |this |that )?up|figured out"
        r"|worked out|looked (?:back )?at (?:the |his |her |their )?(?:old|prior|previous|outside|serial|trend)"
        r"|raised (?:the possibility|the question|concern for)|(?:said|guessed) (?:it (?:was|could be"
        r"|might be) )?\w+ before|(?:said|told (?:him|her|them|the \w+)|answered) (?:that )?(?:maybe|probably|perhaps"
        r"|it (?:could|might|may) be|it was likely)\b"
        # weighing causes: "asked whether it could be", "made the case for", "top of my list", "lined up with"
        r"|asked (?:whether|if) (?:it|this|that|she|he|they|the \w+) (?:could|might|was|were|had)|made the case for"
        r"|challenged|questioned (?:the|whether|if)|top of my (?:list|ddx|differential)|(?:lined|lines) up with"
        r"|did the math|gave (?:a |the |my )?(?:ddx|differential)|connected (?:it|this|that|the \w+|her \w+|his \w+)"
        r" (?:to|with)|worked through (?:the |his |her )?(?:acid base|\w+ (?:formula|criteria|score|gap)|math|numbers"
        r"|differential|ddx)|argu(?:e|ed|ing) (?:for|that|against)"
        r"|used (?:the |his |her |the (?:pt|patient)'s )?(?:\w+ ){0,3}to (?:argue|decide|distinguish|tell|rule"
        r"|show(?! (?:him|her|them|me|the (?:patient|pt|family|child|kid|boy|girl|mother|father|parents?)|(?:a|the) \d+)))"
        r"|correlated|traced|considered|reasoned|narrowed"
        r"|hypothesi[sz]ed|made a (?:timeline|table|graph|chart) (?:of|comparing|with|showing)"
        r"|took a (?:careful|detailed|thorough|full|focused|collateral) (?:\w+ )?history|asked about (?:travel"
        r"|exposures?|sick contacts|pets"
        r"|occupation|work exposures)|went over (?:the |his |her |their )?(?:serial|trend\w*|old|prior) )\b"
    ),
    "reliability": _word_regex(
        r"\b(?:followed up|follow up on|chased|tracked|confirmed|booked|sent the referral|made sure"
        # tasks kept in hand: a reminder set, a sign-out sheet made, answers brought back, the point person
        r"|set (?:a |an )?(?:reminder|alarm|timer)|(?:made|kept|wrote) (?:a |the |our )?(?:\w+ )?(?:sign ?out|hand ?off"
        r"|checklist|to do|task) (?:sheet|list|document|doc)|brought (?:the |their |her |his )?answers back"
        r"|got back to (?:them|her|him|the \w+)|point person|on the same page|let (?:her|him|them"
        r"|the \w+) know (?:which"
        r"|when|that|what|whether)|put in (?:the |all the )?(?:\w+ )?(?:requests?|orders?|consults?|referrals?) myself"
        # papers sent and answers brought back: "emailed the endocrinologist the glucose log and got a reply"
        r"|(?:emailed|faxed|forwarded) (?:[\w']+ ){1,5}(?:log|list|results?|records?|labs|images|referral|request"
        r"|forms?)\b|got (?:a reply|an answer|a call back)|heard back"
        r"|(?:called|phoned|reached|contacted|emailed) (?:[\w']+ ){1,4}(?:office|clinic|hospital|lab|pharmacy|desk"
        r"|department) (?:for|to get|to confirm|to check)\b|(?:texted|paged|told|gave) (?:the )?(?:night|day|weekend"
        r"|covering|cross ?cover|on call)"
        r" (?:intern|resident|team|float|senior)(?: \w+)? (?:the |a |my )?(?:\w+ )?(?:labs?|results?|tasks?|list"
        r"|things)"
        r"|called (?:back )?(?:the |all )?(?:\d+|two|three|four|five|six|seven|eight|all) (?:\w+ )?(?:patients|pts)"
        r" (?:with|about)|checked (?:every|all|each) (?:\w+ )?(?:labs?|results?|tests?) i (?:had )?(?:ordered|sent)"
        r"|(?:said|promised)(?: (?:the \w+|her|him|them|at sign ?out))? (?:i'd|i would|i will) "
        r"|promised (?:(?:the |her |his |my )?\w+ )?to "
        r"|told (?:the (?:\w+ )?\w+|her|him|them) (?:that )?(?:i would|i'd) (?!like)"
        r"|(?:like|as) i (?:said|promised|told (?:\w+ ){1,2})(?: i (?:would|'d))?"
        r"|(?:was|got) (?:given|assigned) the (?:job|task) of|was assigned to|my job was to|i was in charge of"
        r"|^(?:\w+ ){0,3}asked me to (?:find out|make sure|get|put in|follow up|check|track|chase|book|send|fax"
        r"|confirm|arrange"
        r"|set up|fix|change|order|renew|cancel|request|schedule|print|pull|find|sort out|look into|enter)"
        r"|(?:texted|called|told|paged|messaged|emailed) (?:her|him|them|the \w+) back|(?:that|when) it was (?:done"
        r"|in|fixed)"
        r"|(?:had been|was|were) promised|so (?:nothing|no one|nobody) (?:was|got|fell|held|slipped|had)"
        r"|(?:hand|handed) (?:over|off) (?:the |a |her |his )?(?:\w+ ){0,2}(?:pending|results?|labs?|tasks?|list)"
        r"|call(?:ed)? back (?:\d+|two|three|four|five|six|all|the|my) |(?:checked|tracked"
        r"|followed) (?:\w+ ){0,3}pending"
        r"|(?:gave|wrote|did|prepared) (?:\w+ ){0,4}(?:handoff|hand off|sign ?out)"
        r"|got the (?:\w+ ){1,3}(?:done|approved|confirmed|booked|delivered|signed|uploaded|faxed|scheduled|filled)"
        r"|got (?:\w+ ){1,3}(?:uploaded|faxed|scheduled|filled|approved)"
        rf"|(?:finished|completed) {_CLAUSE}{{0,60}}\b(?:by|before) (?:\d|noon|rounds|lunch|sign ?out|discharge"
        r"|(?:i|we) left|the weekend)"
        r"|updated (?:the |a |my )?(?:\w+ )?(?:task list|list|whiteboard|sign ?out)"
        r"|called (?:\w+ ){1,5}(?:\d+|two|three|a few) days (?:after|later)"
        rf"|(?:called|phoned|reached|emailed) {_CLAUSE}{{0,60}}\b(?:and|to) (?:booked|book|scheduled|schedule"
        rf"|arranged|arrange"
        r"|set up|confirmed|confirm)"
        r"|(?:called|phoned|reached|emailed|paged|faxed) (?:[\w']+ ){1,6}to (?:check|confirm|make sure|see if|get"
        r"|obtain"
        r"|request|find|track down)|kept a (?:running )?list|built a list|owned|closed the loop"
        r"|called (?:\w+ ){1,5}(?:twice"
        r"|again|back)|called (?:the |his |her |their |the (?:pt|patient)'s )?(?:insurance|pharmacy|company|records"
        r"|medical records|lab|radiology|pathology"
        r"|case management|dme))\b"
    ),
    "fit": _word_regex(
        r"\b(?:(?:get|got|bought|grabbed|picked up|ordered) (?:\w+ )?(?:coffee|lunch|breakfast|food|pizza|snacks"
        r"|donuts)"
        r"|help(?:ed)? (?:out )?the (?:nurses|pca|aide|tech|techs|unit|night team|cna|nursing staff)"
        r"|brought (?:\w+ ){0,2}(?:coffee|donuts|snacks|food|cake|pizza|treats)|learned the names|played"
        r"|answered the (?:unit |clinic )?phones|covered the (?:front |clinic |unit )?(?:desk|phones|phone line)"
        r"|held (?:her|his|their|the \w+'s) hands?"
        r"|organized (?:a |the )?(?:\w+ )?(?:potluck|card|cards|party|thank you)|wrote (?:a "
        r"|the )?(?:\w+ )?(?:thank you )?cards?"
        r"|remembered|chat(?:ted|ting)? (?:with (?:\w+ ){1,3})?about|hummed|sang"
        r"|brought (?:him|her|them) (?:a |an |some )(?!handout|leaflet|pamphlet|sheet|printout|copy|list)"
        r"|(?:got|fetched|brought|made|poured) (?:her|him|them|everyone|the \w+) (?:a |some )?(?:\w+ )?(?:water|tea"
        r"|coffee"
        r"|blankets?|snacks|juice)|got (?:\w+ )?(?:warm )?blankets|(?:answered|answer|watched|covered) (?:the )?call (?:lights|bells)"
        r"|help(?:ed)? (?:the )?(?:transport|housekeep\w*|unit secretary|secretary|clerk|receptionist|ma|pca|cna"
        r"|aide|techs?"
        r"|respiratory therapist|rt|physical therapist|therapist|phlebotomist|sitter|ward clerk|unit clerk"
        r"|nurse|nurses) (?!(?:with (?:the )?)?(?:consent|plan|dose|order|explain|translat|interpret|understand|talk"
        r"|communicat"
        r"|call|updat))"
        r"|joined (?:[\w']+ ){0,4}(?:walk|run|potluck|party|picnic|game|celebration|dinner|outing|fundraiser|drive)"
        r"|made (?:her|him|them|a|an|the) (?:\w+ ){0,3}(?:poster|card|photo book|book|banner|cake)"
        r"|showed (?:them|the (?:new )?\w+|\w+) around|(?:greet\w*|call\w*|knew|know) (?:\w+ ){0,3}by name"
        # a newcomer to the team helped to settle in: "helped the new intern find her way around the emr"
        r"|(?:help(?:ed)?|showed|oriented|welcomed) (?:the |a |our |two |\d )?new (?:co ?students?|students?|interns?"
        r"|residents?|nurses?|rotators?|sub ?is?|grads?)\b|(?:find|found) (?:her|his|their) way around"
        r"|learned (?:\w+ ){0,3}names"
        r"|wip(?:ed|ing) down|restock(?:ed|ing)|stayed with (?:an? |the )?(?:anxious|scared|crying|upset|lonely|worried"
        r"|frightened) |stopped by (?:\w+ ){0,4}to (?:chat|visit|say|speak|talk|see how)"
        r"|asked about (?:her|his|their) (?:son|daughter|kids|grand\w+|family|weekend|trip|wedding|dog|graduation)"
        r"|found out (?:she|he|they) (?:liked|loved|was into)|(?:drew|played|watched) (?:\w+ ){0,2}together"
        r"|collected (?:\w+ ){0,3}(?:notes|messages|cards)|what (?:he|she|her \w+|his \w+) (?:was|is) like"
        r"|learned (?:\w+ ){0,6}(?:to (?:greet|say|wish|thank)|greetings?|good morning|hello)"
        r"|(?:got|bought|made|organized|signed) (?:a |the |her |him |them )?(?:\w+ )?(?:birthday |thank you |goodbye )?"
        r"(?:card|cake|gift|balloons|flowers|send ?off|farewell|goodbye|retirement|baby shower)"
        r"|(?:hung|put|taped|stuck) up (?:the |her |his |their |a |some )?(?:\w+ )?(?:pictures?|drawings?|cards?"
        r"|photos?"
        r"|posters?|decorations?|balloons?)|pushed (?:the |a |his |her )?(?:stretcher|wheelchair|bed)"
        r"|carried (?:\w+ ){0,3}bags|introduced myself to (?:every|each|all)"
        r"|(?:bought|got|brought|found) (?:him|her|them|a|an|the) (?:\w+ ){0,3}(?:charger|magazine|puzzle|socks"
        r"|headphones|rosary|prayer mat|slippers|newspaper)"
        r"|help(?:ed)? (?:him|her|them) (?:fill out|apply|sign up|find) (?:\w+ ){0,3}(?:application|form|shelter"
        r"|housing"
        r"|job|benefits|ride|bus)"
        r"|(?:showed|taught|helped) (?:the )?(?:incoming|new) (?:students?|rotators|interns|sub ?is|nurses)"
        r" (?:how to (?:use|find|log|get)|around|where)"
        r"|(?:switched|swapped|traded) (?:\w+ )?(?:call|calls|shifts?|nights?|days?|weekends?) with"
        r"|help(?:ed)? (?:\w+ ){0,3}clean (?:up|the room)|cleaned up after"
        r"|made sure (?:the |our )?(?:pcas?|techs?|clerks?|unit clerk|nurses|housekeep\w*|transport|aides?|staff"
        r"|secretary)"
        r"|for (?:the )?new (?:rotators|students"
        r"|interns|residents|nurses|staff|observers)|talked (?:\w+ ){0,3}about (?:the |his |her |their )?(?:"
        + _HOBBIES
        + r")|(?P<rapport>(?:loved|liked|was into|is into) (?:"
        + _HOBBIES
        + r")))\b"
    ),
}
# After "noticed" or "found": a problem that needed stopping is safety; a pattern that led to a proposal is reasoning.
_PROPOSAL = re.compile(
    r"\b(?:suggest\w*|propos\w*|recommend\w*|thought|likely|because|asked about|workup|work up|ddx|differential"
    r"|changed the diagnosis|pointed out|(?:started|began|got worse|worsened|appeared) after|caused by|due to"
    r"|secondary to|side effect|pointed to|consistent with|could be|might be|rather than|ruled (?:in|out)|was from"
    r"|were from|explained (?:the|his|her|why)|diagnos\w*|connected|linked|a pattern)\b"
)
_HAZARD = re.compile(
    r"\b(?:wrong|error|duplicate|missing|missed|hadn't|wasn't|not (?:been )?(?:entered|ordered|given|done|used"
    r"|controlled"
    r"|on)|still (?:ordered|on|running)|too high|too low|\d+x|allerg\w*|alone|off|interaction|both|two (?:ppis|doses)"
    r"|expired|infiltrat\w*|old rate|instead of|told|paged|called|flagged|alerted|notified|escalated"
    r"|(?:two|2|both|double) (?:\w+ )?(?:ppis|doses|orders|anticoagulants|statins|opioids|insulins|beta blockers)"
    r"|to (?:d ?c|stop|hold|discontinue|cancel)"
    r"|too (?:fast|quickly|rapid\w*)|despite|against the)\b"
)


# Reasoning whose point was a hazard avoided shows safety first.
_SAFETY_THEME = _word_regex(
    r"\b(?:interactions?|allerg\w*|contraindicat\w*|duplicate|overdose|wrong (?:weight|dose|patient|unit|site)"
    r"|(?:entered|ordered|written|charted|documented) as [^.;]{0,25}\binstead of)\b"
)
# An act right after one of these is someone else's: "the MA stayed late every day" is the scene, not the story.
_OTHERS = frozenset(
    "he she they nurse nurses resident intern attending ma pca tech secretary clerk pt patient family son daughter "
    "wife husband mom dad senior fellow pharmacist team kids grandkids children".split()
)
# A test, a result or a clause about one as the subject ("an echo, which confirmed it", "the ct showed"): the act
# is the test's, not the applicant's.
_THINGS = frozenset(
    "which it echo ct mri biopsy culture cultures scan test tests labs lab result results xray x-ray ecg ekg "
    "ultrasound smear panel level levels".split()
)
# Being there with someone ("sat with her", "talked with him") is communication only when something was conveyed;
# next to an act of kindness or rapport ("hummed old songs", "played cards") it shows fit.
_PRESENCE = re.compile(r"(?:sat|talked|spoke|drew)\b")


# A colleague's or patient's bad moment, eased by the applicant, and a warm response from them: the story is about
# being someone the team is glad to have, whatever the act ("the clerk was struggling ... she saved me a seat").
_HARDSHIP = _word_regex(
    r"\b(?:struggling|rough (?:night|day|shift|week)|alone|no (?:family|visitors|one else)|lonely|overwhelmed"
    r"|short ?staffed|exhausted|in tears|crying|swamped|jammed|broke down|lost (?:a|her|his) (?:pt|patient))\b"
)
_WARMTH = _word_regex(
    r"\b(?:saved me|saving me|thanked me|(?:started )?call(?:ed|ing) me (?!back\b)\w+|asked for me|the nice one"
    r"|by (?:my )?name|signed a card|brought me|invited me|hugged|smiled|greet(?:ed|ing|s) me|waves? at me|drew me"
    r"|a seat|a chair|the good \w+|with a smile)\b"
)


# A colleague having a hard time: "my co-student was crying", "the unit secretary was swamped", "transport was short".
_TEAM_STRAIN = _word_regex(
    r"\b(?:co ?students?|(?:the|our|my|a) (?:\w+ )?(?:intern|resident|senior|nurse|secretary|clerk|pca|cna|aide|tech"
    r"|housekeeper|unit|floor|team|student))(?:'s)? (?:\w+ ){0,2}?(?:was|were|got|had been|is|looked|seemed) (?:so "
    r"|very )?"
    r"(?:crying|in tears|upset|swamped|slammed|overwhelmed|struggling|drowning|exhausted|short|behind|alone|scared"
    r"|nervous|frightened)\b"
    r"|\btransport was short\b"
)
# Time won back for a colleague's own needs: "so she could eat", "so he could call his daughter".
_FOR_A_COLLEAGUE = _word_regex(
    r"\bso (?:she|he|they) could (?:eat|sleep|rest|(?:video |facetime |)call (?:her|his|their)|take (?:a |her |his "
    r"|their )?break|have lunch"
    r"|be with|pump|pray|see (?:her|his|their) (?:kids|family|son|daughter))\b"
)
# Hours beyond the job: the effort is the story, whatever was done in them.
_OFF_HOURS = _word_regex(
    r"\b(?:after (?:my|the|our) shift|after my (?:call|night shift)|on my (?:day off|days off|own time)"
    r"|(?:my|the|a|both|whole) weekend|weekend days|at home (?:that|last) night|before my shift"
    r"|on (?:christmas|thanksgiving|eid|new year's|a holiday))\b"
)
# A death or a loss in the story, and words that show something was explained rather than shared.
_LOSS = _word_regex(
    r"\b(?:passed|passed away|died|dying|death|lost (?:her|his|their) (?:mom|dad|mother|father|wife|husband|son"
    r"|daughter|baby)|grieving|homeless|no visitors|lonely)\b"
)
_CONVEYED = _word_regex(
    r"\b(?:explain\w*|went over|translat\w*|told|answered|updated?|walked (?:\w+ ){1,3}through|taught|counsel\w*"
    r"|interpret\w*|reassured)\b"
)


def _fit_theme(text: Text) -> bool:
    return _HARDSHIP.found(text) and _WARMTH.found(text) and _clinical_terms(text) <= 1


# How far past its start a lead act is read (a clause after "noticed" is far shorter in practice).
_LEAD_REACH = 300


def _first_act(key: str, pattern: WordPattern, prepared: Text, limit: int | None = None) -> tuple[Hit, str] | None:
    """The first of the applicant's own acts that ``pattern`` finds, with the quality it shows; with ``limit``, only
    an act starting at or before it (a later one cannot lead, so the text after it is not searched)."""
    text = prepared.text
    endpos = None if limit is None else min(len(text), limit + _LEAD_REACH)
    for m in pattern.iter(prepared, endpos):
        if limit is not None and m.start() > limit:
            return None
        before = text[max(0, m.start() - 24) : m.start()].split()
        verb = m.group(0).split(" ", 1)[0]
        subject = (
            bool(before)
            and (verb in _VERB_FORMS or verb.endswith("ed"))
            and (
                before[-1] in {"he", "she", "they"} | _THINGS
                or (before[-1] in _OTHERS and bool(DETERMINERS.intersection(before[-3:-1])))
            )
        )
        noticed = m.groupdict().get("noticed")
        if subject and not noticed and not m.groupdict().get("rapport") and " me " not in m.group(0):
            continue
        if not noticed:
            return m, key
        # After "noticed" or a value read: a proposal is reasoning, a hazard acted on is safety, anything else no act.
        if _PROPOSAL.search(m.group("what")):
            return m, "clinical_reasoning"
        if _HAZARD.search(text, m.start("what"), m.end() + 80):
            return m, key
    return None


def _lead_quality(prepared: Text) -> str | None:
    """The quality shown by the first act of the story, or None when no act says it clearly."""
    best: tuple[tuple[int, int], str, Hit] | None = None
    found: set[str] = set()
    for key, pattern in LEAD_ACTS.items():
        act = _first_act(key, pattern, prepared, best[0][0] if best else None)
        if not act:
            continue
        m, quality = act
        found.add(quality)
        rank = (m.start(), m.start() - m.end())
        if best is None or rank < best[0]:
            best = (rank, quality, m)
    if (best is None or best[1] in {"reliability", "patient_safety", "work_ethic"}) and _fit_theme(prepared):
        return "fit"
    if _FOR_A_COLLEAGUE.found(prepared):
        return "fit"  # "stayed with her patient for 20 minutes so she could eat": the story is the colleague's break
    if (best is None or best[1] == "communication") and _TEAM_STRAIN.found(prepared):
        return "fit"  # "my co-student was crying ... so I walked her outside": easing a colleague's bad moment
    if (best is None or best[1] == "clinical_reasoning") and _OFF_HOURS.found(prepared):
        return "work_ethic"  # "read up on TPN for 2 hrs after my shift": the hours are the point
    if best is None:
        return None
    if best[1] == "clinical_reasoning" and _SAFETY_THEME.found(prepared):
        return "patient_safety"  # "looked up the interaction ... the team held the statin"
    if best[1] == "communication" and _PRESENCE.match(best[2].group(0)):
        kindness = "fit" in found or _first_act("fit", LEAD_ACTS["fit"], prepared) is not None
        if kindness or (_LOSS.found(prepared) and not _CONVEYED.found(prepared)):
            return "fit"  # "sat with her and hummed old songs she knew", "sat with the daughter after her mom passed"
    return best[1]


# Stronger cues than the keyword families for a few qualities.
EXTRA_CUES: dict[str, tuple[WordPattern | AnyOf, float]] = {
    "work_ethic": (
        _word_regex(
            r"\b(?:[45]:\d\d|[56]:[0-4]\d) ?(?:am)?\b|\b(?:pre ?round(?:ed|ing)? on \d+|\d+ (?:extra )?admissions"
            r"|24 ?h(?:ou)?r? call|came in (?:on )?(?:saturday|sunday|the weekend|my day off)|stayed after (?:my"
            r"|the) shift"
            r"|lunch break|took (?:the|two|2|3) (?:extra )?admissions)\b"
        ),
        1.5,
    ),
    "fit": (
        _word_regex(
            r"\b(?:coffee|donuts|snacks|potluck|played|cards|card games?|games?|lonely|birthday|thank ?you cards?"
            r"|break room|invited me|asked for me|joked|laughed|sticker|learned the names)\b"
        ),
        1.5,
    ),
    "communication": (
        _word_regex(
            r"\b(?:gave (?:report|sbar|a handoff)|report to|clear question|(?:summary|instructions|card|sheet"
            r"|schedule|handout)"
            r" (?:in|for) (?:spanish|arabic|french|the (?:patient|pt|family)|his|her)|in (?:spanish|arabic|french"
            r"|plain words)"
            r"|drawing|drew|picture|thanked me for the details|answered their questions|walked (?:the|her"
            r"|his) \w+ through)\b"
        ),
        1.2,
    ),
    "reliability": (
        _word_regex(
            r"\b(?:called \w+ (?:twice|again|back)|(?:two|2|three|3) days later|to confirm|(?<!which )(?<!it )"
            r"(?<!that )confirmed|in the chart by"
            r"|had the (?:report|result)|referral|chased|booked|owned|shared task list|nothing was left"
            r"|checklist for)\b"
        ),
        1.2,
    ),
    "patient_safety": (
        _word_regex(
            r"\b(?:stroke alert|called a (?:code|rapid response|stroke)|slurred|climb(?:ing)? out|sitter"
            r"|wrong (?:unit|patient|dose|name)"
            r"|blood type|not controlled|held until|before the next)\b"
        ),
        1.2,
    ),
    "clinical_reasoning": (
        AnyOf(
            PlainPattern(re.compile(r"\d+(?:\.\d+)? ?(?:->|→|to) ?\d+(?:\.\d+)?")),  # a value that moved: "126 -> 133"
            _word_regex(
                r"\b(?:suspected|proposed|suggested (?:checking|a|an|we|that)|calculated|recalculated|ranked"
                r"|my reasoning|pointed out new|ddx of \d)\b"
            ),
        ),
        1.0,
    ),
}


def _main_act(text: Text) -> str | None:
    """The quality the story is about: a feedback loop (feedback, then a change) is teachability whatever skill the
    change was about; otherwise the first clear act decides (``_lead_quality``). None when no act says it."""
    if FEEDBACK_RECEIVED.found(text) and CHANGE_AFTER.found(text):
        return "teachability"
    return _lead_quality(text)


def _qualities(text: Text, main: str | None) -> tuple[str, ...]:
    scores: dict[str, float] = {}
    for key, families in QUALITY_CUES.items():
        score = sum(weight * len(pattern.distinct(text)) for pattern, weight in families)
        extra = EXTRA_CUES.get(key)
        if extra:
            score += extra[1] * min(len(extra[0].distinct(text)), 2)
        if score > 0:
            scores[key] = score
    if scores and max(scores.values()) >= 1.0:  # weak cues count only when nothing clearer is there
        scores = {key: score for key, score in scores.items() if score >= 1.0}
    if main:
        scores[main] = max(scores.values(), default=0.0) + 1.0 + scores.get(main, 0.0) * 0.01
    ranked = sorted(scores, key=lambda key: (-scores[key], QUALITY_KEYS.index(key)))
    return tuple(ranked[:MAX_QUALITIES])


def _hint(found: _Found, specific: bool, original: str) -> str:
    if not found.words:
        return "Write one thing you did today, who it was for, and what changed because of it."
    if specific:
        if not found.result:
            return "Specific enough to quote; one more clause on what changed because of it would make it stronger."
        if not (found.people or found.patient):
            return "Specific enough to quote; naming who saw it or who it helped would make it stronger."
        return "Specific enough to quote: it says what you did, with whom, and what came of it."
    if found.help_offer and not found.concrete:
        return "Offering help is not a story yet: write down the task you were handed and how you finished it."
    if found.traits and not found.concrete:
        return (
            f'Instead of "{_as_written(max(found.traits, key=len), original)}", describe one moment that '
            "shows it: what you did, for whom, and what changed."
        )
    if found.vague and not (found.concrete or found.weak):
        return "Say exactly what you did: which task, for whom, and what changed because of it."
    if not _has_action(found):
        return "Start with what you did, as a verb (called, presented, explained, drafted), and who it was for."
    if not (found.people or found.patient):
        return "Add who it was for or with, such as the family, the nurse or cardiology, so the writer can place it."
    if not (found.clinical or found.details):
        return "Add the detail only you know: which problem, which task, and what you found or decided."
    if not found.result:
        return "Add what changed because of it, such as a plan the team adopted or a family who left reassured."
    return "Add when it happened and who saw it, so the writer can retell it as one clear moment."


def _as_written(phrase: str, original: str) -> str:
    """The trait as the applicant typed it ("hard-working", not "hard working")."""
    pattern = r"[\s\-‐‑–—]+".join(re.escape(word) for word in phrase.split())
    match = re.search(pattern, unicodedata.normalize("NFKC", original), re.IGNORECASE)
    return match.group(0) if match else phrase


def _assess_normalised(text: str, original: str = "") -> Assessment:
    prepared = Text(text)
    main = _main_act(prepared)
    found = _analyse(prepared, main is not None)
    z = _logit(found)
    if not _has_action(found):
        z = min(z, -0.5)  # without an act there is no story, however many details surround it
    score = round(1.0 / (1.0 + math.exp(-z)), 3)
    specific = score >= THRESHOLD
    return Assessment(
        specific=specific,
        score=score,
        qualities=_qualities(prepared, main),
        hint=_hint(found, specific, original or text),
        signals=_signals(found),
    )


def assess(text: str) -> Assessment:
    """Judge one evidence entry: specific story or generic claim, with a hint and likely qualities."""
    text = str(text or "")
    return _assess_normalised(_normalise(text), text[:MAX_CHARS])


def is_help_offer(text: str) -> bool:
    """True when the entry is only an offer of help ("asked if there was anything I could do").

    An offer followed by a real task ("...she gave me two med recs, done by 10") is a story, not hovering.
    """
    normalised = _normalise(text or "")
    match = HELP_OFFERS.regex.search(normalised)
    if not match:
        return False
    rest = _SPACES.sub(" ", normalised[: match.start()] + " " + normalised[match.end() :]).strip()
    return not _assess_normalised(rest).specific


_RULES = ("coach.py", "coach_scan.py", "phrases.py", "qualities.py")  # what the coach's verdicts are made from


@cache
def edition() -> str:
    """A fingerprint of the coach's rules and word lists. A verdict is stored with the edition that made it, and a
    verdict of another edition is judged again (``evidence.services.stories_rejudge``)."""
    from lorforge.core.fingerprint import fingerprint  # hashlib: only when a verdict is stored

    here = Path(__file__).parent
    return fingerprint((here / name for name in _RULES), root=here)
