"""Patient and family names.

Three layers, strongest first:

1. Strong cues found by regular expressions: a courtesy title ("Mrs. O'Neil-Brady",
   "mr patel", "ms.delgado", "mrs. de la cruz", "Sra. López", "Frau Weber"), the word patient/pt
   ("pt José Peña"), a relative ("his wife Maria"), also one who is a doctor ("her son is a
   cardiologist, Dr. Amari", "Dr. Chen (pt's daughter)"), "his name is ...", and "SURNAME, GIVEN" as on
   wristbands and lists ("MBEKI, THABO bed 22"). The word after the cue is a name even if it is also an
   eponym ("Mr. Foley", "mrs graves").
2. Runs of capitalised words with weaker evidence around them: a possessive
   ("Johnson's hyponatremia"), a verb of care before ("saw Amara"), a bed number or
   a clinical verb after ("Kowalski refused", "Sipho from bed 10"); the same cues make a known name typed
   in lower case a name ("saw rosa", "aisha refused", "garcia in 12", "sandra (daughter)").
3. The name lists alone: a known given name, a full name ("Lars Nilsson"), or a known
   surname in the middle of a sentence.

Clinicians and other staff are never reported: "Dr. Nguyễn", "my resident Maria", "Priya (PGY-2)
taught me", "Ms. Lopez, the case manager", "Sister Agnes, the chaplain".
Eponyms, drugs, departments, languages and places are not names on their own, nor are things named
after someone ("Sister Mary Joseph nodule", "Stanford type A", "the Boston Scientific rep").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .findings import APPOSITIVE, FAMILY, PATIENT, Candidate
from .lexicon import (
    CITY,
    CLINICAL,
    COMMON,
    DRUG,
    ENGLISH,
    EPONYM,
    EPONYM_IF_HEAD,
    FIRST,
    LAST,
    REGION,
    WordLists,
    fold,
    institution_phrases,
    place_phrases,
    word_alternation,
    word_flags,
)

STRONG, WEAK, LISTED = 45, 30, 20  # candidate strengths (see patterns.py for the other kinds)

_UPPER = "".join(chr(c) for c in range(0x2000) if chr(c).isupper())  # Latin, Greek, Cyrillic capitals
_UP = f"[{re.escape(_UPPER)}]"
_LETTER = r"[^\W\d_]"
_WORD_BODY = rf"(?:{_LETTER}|['’](?={_LETTER})|-(?={_LETTER}))*"
CAP_WORD = rf"{_UP}{_WORD_BODY}"
LOWER_WORD = rf"{_LETTER}{_WORD_BODY}"
_PARTICLE = r"(?:de|da|del|della|di|do|dos|das|du|la|le|van|von|der|den|ter|ten|bin|binti|ibn|al|el|y|St\.|Ste\.)"
_CAP_NAME = rf"(?:Ste?\.[ \t]*)?{CAP_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+){{0,2}}{CAP_WORD}){{0,2}}"
_RUN = re.compile(rf"{_UP}(?<![\w'’@/\\.+-]{_UP}){_WORD_BODY}(?:[ \t]+(?:{_PARTICLE}[ \t]+){{0,2}}{CAP_WORD})*")
_CAP_TOKEN = re.compile(CAP_WORD)

_RELATIVES = (
    r"wife|husband|spouse|son|daughter|dtr|mother|mom|mum|mommy|mama|father|dad|daddy|papa|brother|sister|grandson"
    r"|granddaughter|grandchild|grandmother|grandma|granny|grandfather|grandpa|niece|nephew|aunt|uncle|cousin|partner"
    r"|fianc[ée]e?|girlfriend|boyfriend|stepson|stepdaughter|stepmother|stepfather|guardian|caregiver|neighbou?r"
    r"|friend|roommate|hcp|poa|proxy"
)

# ---------------------------------------------------------------- strong cues

# English courtesy titles, and the ones applicants meet in other languages ("Sra. Gutiérrez", "Frau Becker",
# "Mme Dubois"). After the dot the space is optional ("ms.delgado"); lower case is fine ("mrs okafor").
_TITLES = (
    r"[Mm]rs|[Mm]r|MRS|MR|Ms|ms|Mx|Mstr|[Mm]ister|[Mm]iss"
    r"|[Ss]ra|[Ss]rta|[Ss]r|[Ss]e[ñn]ora|[Ss]e[ñn]orita|Se[ñn]or|[Ss]enhora|Senhor|Sig\.ra|Sig(?=\.)|Signora|Signor"
    r"|[Ff]rau|[Hh]err|[Mm]me|Mlle|[Mm]adame|[Mm]ademoiselle|[Mm]onsieur|Mevrouw|Mevr|Meneer|Dhr|[Dd]o[ñn]a|Don|Pani"
)
# Typed in lower case, a name keeps its particles: "mrs. de la cruz", "mr van der berg".
_LOWER_PARTICLE = r"(?:de|da|del|della|di|dos|das|du|la|le|van|von|der|den|ter|ten)"
LOWER_NAME = rf"(?:{_LOWER_PARTICLE}[ \t]+){{0,2}}{LOWER_WORD}"
_TITLE = re.compile(
    rf"(?=[MmSsFfHhDdP])\b(?P<title>{_TITLES})(?:\.(?=[ \t]*\w)[ \t]*|[ \t]+)"
    rf"(?:(?:Dr|Doktor|Prof)\.?[ \t]+)?"  # "Frau Dr. Schulz"
    rf"(?:(?:and|&)[ \t]+(?:Mrs?|Ms|Mx|Miss)\.?[ \t]+)?"
    rf"(?P<name>{_CAP_NAME}|{LOWER_NAME})"
)
# "i miss tina", "don't miss rounds": lower-case "miss" is a verb after these.
_MISS_AS_VERB_BEFORE = re.compile(
    r"(?:\b(?:i|we|you|they|he|she|to|not|never|don'?t|didn'?t|won'?t|will|would|could|can'?t|gonna|'ll|might|may|"
    r"must|should|u)\s+)$"
)
# Only before a known given name: "Don Ernesto", not "Don gloves"; lower-case "ms" only before a known name.
_TITLES_BEFORE_GIVEN_NAME = frozenset({"Don", "Doña", "Dona", "doña", "dona"})  # "Herr", "Pani": a surname too
_PATIENT = re.compile(
    rf"[Pp](?<![\w][Pp])(?:atient|ATIENT|t|T)\.?(?P<named>[ \t]+(?:named|called|name\s+is|is|was))?"
    rf"(?:[ \t]*[,:][ \t]*|[ \t]+)(?P<name>{_CAP_NAME}|{LOWER_WORD})"
)
# "pt's name is anita", "his name was eddie": the patient named outright. Found from the word "name".
_NAME_IS = re.compile(rf"[Nn]ame[ \t]+(?i:is|was|=|:)?[ \t]*(?P<name>{_CAP_NAME}|{LOWER_WORD})")
_WHOSE_NAME = re.compile(
    r"\b(?:his|her|pt['’]?s|patient['’]?s|the[ \t]+(?:pt|patient)['’]?s)[ \t]+(?:(?:first|last|full)[ \t]+)?$"
)
_RELATIVE_WORDS = (
    "wife husband spouse son daughter dtr mother mom mum mommy mama father dad daddy papa brother sister grandson "
    "granddaughter grandchild grandmother grandma granny grandfather grandpa niece nephew aunt uncle cousin partner "
    "fiance fiancé fiancee fiancée girlfriend boyfriend stepson stepdaughter stepmother stepfather guardian caregiver "
    "neighbor neighbour friend roommate hcp poa proxy son-in-law daughter-in-law mother-in-law father-in-law "
    "brother-in-law sister-in-law"
).split()
_IN_LAWS = [f"{kin} in law" for kin in ("son", "daughter", "mother", "father", "brother", "sister")]
_RELATIVE = _RELATIVE_WORDS + [w + "s" for w in _RELATIVE_WORDS] + _IN_LAWS
# "her son Maria", "his wife, Ana"; a relative who is a doctor is still family: "her son, Dr. Amadi".
_NAME_AFTER_CUE = re.compile(
    rf"(?:[ \t]*,[ \t]*|[ \t]*\([ \t]*|[ \t]+(?:(?:is|was)[ \t]+(?=(?:[Dd]r|DR|[Dd]octor)\b))?)"  # "her son is Dr. Cole"
    rf"(?P<dr>(?:[Dd]r|DR|[Dd]octor)(?![^\W\d_])\.?[ \t]*)?(?P<name>{_CAP_NAME}|{LOWER_WORD})"
)
# "her son is a cardiologist, Dr. Amari": a relative who is a doctor, named after what they do.
_HEALTH_JOBS = (
    r"doctor|physician|md|m\.d\.|doc|dr|surgeon|internist|dentist|pediatrician|\w+ologist|\w+iatrist"
    r"|nurse(?:[ \t]+practitioner)?|practitioner|pharmacist|resident|fellow|attending|np|pa|rn|pgy-?\d|intern"
    r"|hospitalist|gp|ob/?gyn|obgyn|\w+ist"
)
# Between what the relative does and the name: where they work and such ("a PGY-3 at another hospital, Dr. ...").
_JOB_DETAIL = (
    r"at|in|from|with|for|of|near|back|home|too|also|herself|himself|as[ \t]+well|another|other|a|an|the|our|this|same"
    r"|local|big|private|retired|now|here|there|goes[ \t]+by|named|called|hospital|clinic|practice|office|town|city"
    r"|state|country|[A-Z][\w'’.&-]*"
)
_DOCTOR_RELATIVE = re.compile(
    rf"""[ \t]*[,(]?[ \t]*(?:(?:who[ \t]+is|who['’]s|is|was|,[ \t]*who[ \t]+is)[ \t]+(?:also[ \t]+)?(?:a|an)[ \t]+
          |(?:(?:a|an|the)[ \t]+)?(?=[\w-]+[ \t]*[,)]|(?:[\w-]+[ \t]+){{0,2}}(?i:{_HEALTH_JOBS})\b))
        (?:[\w-]+[ \t]+){{0,2}}?(?i:{_HEALTH_JOBS})\b\.?
        (?:[ \t]*,?[ \t]+(?:{_JOB_DETAIL})(?![\w'’-])){{0,6}}[ \t]*[,():-]*[ \t]*
        (?P<dr>(?:[Dd]r|DR|[Dd]octor)(?![^\W\d_])\.?[ \t]*)(?P<name>{_CAP_NAME}|{LOWER_WORD})""",
    re.X,
)
_DOCTOR_BEFORE = re.compile(r"(?:\b[Dd]r\.?|\b[Dd]octor)[ \t]+$")
_BABY = re.compile(rf"\b[Bb]aby(?:[ \t]+(?:boy|girl))?[ \t]+(?P<name>{CAP_WORD})")
_NOT_OUR_PATIENT = re.compile(r"(?i)\b(?:my|your|our)\s+$")  # "my wife Maria" is the applicant's family

# ---------------------------------------------------------------- context around a run of capitalised words

_CLINICIAN_ROLES = (
    r"dr|drs|doctor|prof|professor|attendings?|(?:co-?)?residents?|(?:co-?)?interns?|senior|junior|fellow|chief"
    r"|nurse(?:[ \t]+practitioner)?|practitioner|rn|np|pa|pa-c|crna"
    r"|pharmacist|pharmd|preceptor|mentor|student|colleague|pgy-?\d|ms[34]|tech|technician|therapist"
    r"|dietitian|nutritionist|case\s+manager|social\s+worker|chaplain|interpreter|translator|scribe|director|pd|apd"
    r"|coordinator|consultant|surgeon|physician|hospitalist|intensivist|\w+ologist|pediatrician|obstetrician|midwife"
    r"|provider|teammate|supervisor|dean|lecturer|instructor|charge\s+nurse|cm|sw|slp|ot|pt/ot|clerk|secretary"
    r"|receptionist|manager|administrator|staff|volunteer|aide|cna|phlebotomist|transporter|educator|registrar"
    r"|applicant|candidate"
)
_DEPARTMENTS = (
    r"pharmacy|it|social[ \t]+work|case[ \t]+management|radiology|the[ \t]+lab|lab|nursing|administration|admin|billing"
    r"|registration|security|transport|physical[ \t]+therapy|pt|ot|nutrition|dietary|chaplaincy|palliative(?:[ \t]+care)?"
    r"|(?:the[ \t]+)?\w+ology(?:[ \t]+team)?|the[ \t]+\w+[ \t]+team"
)
# Said of anyone, even "Ms. Lopez": a role right before the name, a greeting or a sign-off.
_ROLE_BEFORE = re.compile(
    rf"""(?ix)(?:\b(?:{_CLINICIAN_ROLES})\.?[,:]?[ \t]+
         |(?:^|[\n.!?][ \t]*)(?:dear|hi|hello|hey|thanks|thank\s+you|good\s+(?:morning|afternoon|evening))[ \t]*,?[ \t]*
         |\b(?:regards|best|sincerely|thanks|cheers|warmly|respectfully|yours)[ \t]*,[ \t]*(?:\n[ \t]*)?)
       (?:(?:dr|doctor|prof|mrs?|ms|mx|miss|sister|brother|father|fr|rev|reverend|pastor|imam|rabbi)\.?[ \t]+)?$"""
)
# ... or a role, a credential or a department right after it.
_ROLE_AFTER = re.compile(
    rf"""(?ix)^(?:,?[ \t]*(?:md|do|mbbs|mbchb|rn|np|pa-c|pharmd|phd|facp|frcp|frcs|dnp|bsn)\b
         |[ \t]*(?:,|\(|-)[ \t]*(?:my|our|the|a|an)?[ \t]*(?:\w+[ \t]+)?(?:{_CLINICIAN_ROLES})\b
         |[ \t]+(?:the|our|my)[ \t]+(?:\w+[ \t]+)?(?:{_CLINICIAN_ROLES})\b
         |[ \t]+(?:from|of)[ \t]+(?:{_DEPARTMENTS})\b)"""
)
# Said of a bare name only: how an applicant writes about the team ("feedback from Sam", "Ravi and I").
_TEAM_BEFORE = re.compile(
    r"""(?ix)(?:\b(?:drs?|doctor|prof)\.?[ \t]+(?:[\w'’-]+[ \t]+){0,3}(?:and|&|,)[ \t]+
         |\b(?:worked|working|rounded|rounding|shadowed|shadowing|teamed\s+up|on\s+call)[ \t]+with[ \t]+
            (?:(?:dr|doctor)\.?[ \t]+)?
         |\b(?:feedback|advice|tips?|comments?|compliments?|praise|kudos|email|message|text|letter|lecture|talk|teaching)
            [ \t]+(?:from|by)[ \t]+
         |\b(?:kudos|thanks|grateful|shout-?out|shout[ \t]+out)[ \t]+to[ \t]+
         |\b(?:emailed|texted|messaged|paged|e-mailed)[ \t]+
         |\bwith[ \t]+(?:dr|doctor)\.?[ \t]+)$"""
)
_TEAM_AFTER = re.compile(
    r"""(?ix)^(?:[ \t]+and[ \t]+(?:i|me)\b
         |[ \t]+for[ \t]+(?:feedback|a[ \t]+letter|an?[ \t]+lor|a[ \t]+reference)
         |['’]s[ \t]+(?:feedback|teaching|team|service|clinic|lecture|advice|tips?|comments?|suggestions?
              |recommendations?|letter|evaluation|email|text|office|lab|pager|rounds|list|patients?|students?
              |residents?|interns?|presentation|talk|approach|style|questions?|class|course|book|textbook|principles
              |guide|manual|research|paper|study|trial|article|group|practice|program|fellowship|notes?|expectations
              |shift)\b
         |[ \t]+(?:taught|teaches|pimped|precepted|supervised|mentored|evaluated|graded|corrected|showed[ \t]+me
              |told[ \t]+me[ \t]+(?:to|that[ \t]+i|i|my)|gave[ \t]+me|gives[ \t]+me|praised|complimented
              |said[ \t]+(?:i|my)|suggested|recommended|let[ \t]+me|helped[ \t]+me|asked[ \t]+me[ \t]+to[ \t]+present
              |agreed[ \t]+to[ \t]+write|will[ \t]+write|wrote[ \t]+me|signed[ \t]+my|presented[ \t]+(?:at|a|on)
              |is[ \t]+(?:my|our|the)[ \t]+(?:attending|resident|intern|senior|fellow|preceptor|mentor)))"""
)
_CARE_VERBS = (
    "saw see seeing seen examined examining admitted admitting discharged discharging visited consented interviewed "
    "rounded_on pre-rounded_on prerounded_on followed following presented presenting met named transferred evaluated "
    "assessed checked_on treated sent updated educated reassured comforted cared_for took_care_of sat_with "
    "sitting_with called intubated extubated transfused triaged gave told taught helped hugged fed dc'd d/c'd dcd "
    "talked_to talked_with spoke_to spoke_with explained_to explained_it_to"
).split()
_CARE_VERBS = [verb.replace("_", " ") for verb in _CARE_VERBS]
_CARE_VERB_BEFORE = re.compile(word_alternation(_CARE_VERBS) + r"[ \t]+$", re.I)
_CUE_WORDS = WordLists({"relative": _RELATIVE, "verb": _CARE_VERBS})
_BED_BEFORE = re.compile(r"(?i)\b(?:bed|room|rm|bay)[ \t]*#?[ \t]*\d+[a-z]?[ \t]*(?:[-–:,(][ \t]*)?$")
_PATIENT_AFTER = re.compile(
    r"""(?ix)^(?:[ \t]*,?[ \t]*(?:a|an)[ \t]+\d{1,3}[ \t-]*(?:y\b|yo|y/o|years?|yrs?|months?|mo\b|weeks?|wks?|days?)
        |[ \t]*\([ \t]*(?:\d{1,3}[ \t]*(?:y/?o|yo|yrs?|[mf])|\d{1,2})[ \t]*[),]
        |[ \t]*,[ \t]*\d{1,3}[ \t]*(?:y/?o|yo|[mf])?[ \t]*,
        |[ \t]*,[ \t]*\d{1,3}[ \t]*(?:y/?o|yo|[mf])\b
        |[ \t]+\d{1,3}[ \t]*(?:y/?o|yo)\b
        |[ \t]+(?:is|was)[ \t]+(?:a[ \t]+)?\d{1,3}(?:[ \t-]*(?:y/?o|yo|yrs?|years?|[mf]))?\b(?![ \t]*(?:%|mg|kg|lbs?|/|cm|mm|min))
        |[ \t]*\([ \t]*(?:bed|room|rm|bay|dob|mrn|age|pt|patient)\b
        |[ \t]*[-–,]?[ \t]*(?:in|from|at)?[ \t]*(?:bed|room|rm|bay)[ \t]*\#?[ \t]*\d
        |[ \t]+(?:is|was|got|has[ \t]+been|had[ \t]+been|gets|will[ \t]+be|remains|remained)[ \t]+
            (?:being[ \t]+|now[ \t]+|still[ \t]+)?
            (?:admitted|discharged|readmitted|intubated|extubated|transferred|transfused|diagnosed|found|brought|sent
            |scheduled|npo|dnr|full[ \t]+code|febrile|afebrile|septic|confused|delirious|agitated|hypotensive
            |tachycardic
            |post-?op|going[ \t]+home|in[ \t]+(?:bed|room)|on[ \t]+(?:bipap|the[ \t]+vent|\d+[ \t]*l)|a[ \t]+\d{1,3})
        |[ \t]+(?:presented[ \t]+(?:with|to)|presents[ \t]+with|came[ \t]+(?:in|back)|comes[ \t]+in|denies|denied
            |reports
            |reported|complains|complained|c/o|refused|refuses|declined|declines|left[ \t]+ama|passed[ \t]+away|died
            |expired|coded|desatted|desaturated|spiked|vomited|fell|underwent|tolerated|pulled|keeps[ \t]+pulling|cried
            |smiled|walked|ate|went[ \t]+home|was[ \t]+found|needs[ \t]+an?[ \t]+(?:interpreter|sitter)
            |had[ \t]+an?[ \t]+(?:fall|seizure|stroke|mi|episode)|has[ \t]+(?:a[ \t]+)?(?:hx|history|pmh)
            |with[ \t]+(?:a[ \t]+)?(?:hx|history|pmh|h/o))\b)"""
)
# "Dr. Abebe, the patient's daughter,", "Dr. Chen (pt's daughter, a pediatrician)", "Ana (the niece)".
_FAMILY_AFTER = re.compile(
    rf"(?i)^(?:[ \t]*[,(][ \t]*(?:who[ \t]+is[ \t]+|who['’]s[ \t]+)?|[ \t]+(?:is|was)[ \t]+)"  # ", who is the pt's son"
    rf"(?:his|her|their|the[ \t]+(?:patient|pt)['’]?s|the|[\w'’-]+['’]s)[ \t]+(?:{_RELATIVES})\b(?!['’])"
)
_POSSESSIVE_NOUN = re.compile(r"[ \t]+(?!(?:your|my|the|a|an|our|not|been|gone|going|all|it)\b)(?P<word>[a-z][\w/-]*)")
_EPONYM_HEAD = re.compile(
    r"""(?ix)(?:['’]s|s?['’])?(?:[ \t]*-[ \t]*[\w'’]+)?[ \t]+(?:disease|syndrome|signs?|triad|pentad|tetrad|score|scale
        |criteria|criterion|rules?|test|maneuvers?|manoeuvre|reflex|phenomenon|law|classification|class|grade|stage
        |staging|fracture|palsy|ulcer|nodes?|nodules?|spots|lines|procedure|operation|position|incision|tube|catheter
        |drain|valve|forceps|clamp|retractor|blade|needle|lesion|deformity|contracture|cyst|diverticulum|tear|tumou?r
        |sarcoma|lymphoma|leukemia|anomaly|physiology|pulses?|murmur|respirations?|breathing|bodies|body|cells?|rods
        |stain|technique|method|formula|equation|index|ratio|protocol|pouch|point|space|triangle|ligament|duct|gland
        |membrane|fascia|pupils?|ataxia|dystrophy|dementia|encephalopathy|aphasia|paralysis|angina|cardiomyopathy
        |pattern|waves?|block|hernia|hump|canal|tenosynovitis|thyroiditis|esophagus|purpura|macroglobulinemia|polyps
        |effect|curve|loop|circle|rings?|area|nucleus|organ|bundle|fibers|plexus|capsule|neuralgia|neuroma|neuropathy
        |myopathy|encephalitis|meningitis|vasculitis|disorder|variant|shunt|fistula|anastomosis|repair|flap|graft
        |splint|traction|pin|wire|nomogram|dementia|exacerbation|flare|thyroiditis|lymphadenopathy|chorea|tremor
        |hypothesis|approach|model|calculator|guidelines?|pathway|principles|textbook|manual|handbook|positive|negative
        |definition|system|consensus|chromosome|naming|screen|triage|category|type|et\.?[ \t]+al)\b"""
)
_LOCATIVE_BEFORE = re.compile(r"(?i)\b(?:in|at|from|to|near|around|outside|of)[ \t]+$")
_SENTENCE_END = ".!?\n\r•*"
_FUNCTION_WORDS = frozenset(
    "the a an and or but i he she it we they you is was are were be been his her their my our your this that "
    "with for from to of in on at by as if so not no yes dr doctor".split()
)


def names(text: str, low: str) -> Iterator[Candidate]:
    cues = _CUE_WORDS.find(low)  # relatives and verbs of care, found in one pass
    yield from _strong_cues(text, low, cues["relative"])
    yield from _surname_first(text)
    yield from _runs(text)
    yield from _lower_case_names(text, has_relative=bool(cues["relative"]))
    yield from _lower_names_in_context(text, cues["verb"])


# ---------------------------------------------------------------- "SURNAME, GIVEN M." as on wristbands and lists

_SURNAME_FIRST = re.compile(
    rf"(?P<last>{_UP}(?<![\w'’.-]{_UP}){_WORD_BODY}),[ \t]*(?P<first>{CAP_WORD})(?P<initial>[ \t]+{_UP}\.?(?![\w'’]))?"
)
_LIST_BEFORE = re.compile(r"(?:^|[:;\n•*]|\b(?:list|census|label|sticker|wristband|band|tube|for))[ \t]*$")
_LIST_AFTER = re.compile(r"[ \t]*(?:[(;:\n–]|-[ \t]|$|,?[ \t]*(?:bed|rm|room|mrn|dob|age)\b)", re.I)
_PLAIN = ENGLISH | CLINICAL | DRUG | EPONYM | REGION


def _surname_first(text: str) -> Iterator[Candidate]:
    """ "OKAFOR, CHIDI A.", "Osei, Kwame B.", "Wojcik, Anna (rm 9)", "garcia, maria": a surname, a comma,
    a given name. Names on a list come together: once one pair on a line is sure, the others of the same
    shape are names too ("KOWALSKI, PIOTR and OYELARAN, TOLU")."""
    if "," not in text:
        return
    sure: list[tuple[int, int]] = []
    maybe: list[tuple[int, int]] = []
    for m in _SURNAME_FIRST.finditer(text):
        verdict = _judge_surname_first(text, m.group("last"), m.group("first"), m, lower=False)
        if verdict:
            (sure if verdict == 2 else maybe).append((m.start(), m.end()))
    for comma in _LOWER_PAIR_SHAPE.finditer(text):  # from the comma: a given name after it, then a surname before
        flags = word_flags(comma.group("first"))
        if (
            (flags and not flags & FIRST)
            or flags & (_PLAIN | CITY)
            or not text[comma.start() - 1 : comma.start()].islower()
        ):
            continue
        before = _LOWER_WORD_BEFORE.search(text, max(0, comma.start() - 30), comma.start())
        m = before and _LOWER_SURNAME_FIRST.match(text, before.start())
        verdict = _judge_surname_first(text, m.group("last"), m.group("first"), m, lower=True) if m else 0
        if verdict:
            (sure if verdict == 2 else maybe).append((m.start(), m.end()))
    if sure:
        sure += maybe
    for start, end in sure:
        if not _is_staff(text, start, end, bare=True):
            end = end if text[end - 1 : end] != "," else end - 1
            yield Candidate(start, end, "name", STRONG, PATIENT)


_LOWER_SURNAME_FIRST = re.compile(
    r"(?P<last>[a-z](?<![\w'’.-][a-z])[a-z'’-]+),[ \t]*(?P<first>[a-z][a-z'’-]+)(?P<initial>[ \t]+[a-z]\.(?!\w))?(?![\w'’-])"
)
_LOWER_PAIR_SHAPE = re.compile(r",[ \t]*(?P<first>[a-z][a-z'’-]+)")
_LOWER_WORD_BEFORE = re.compile(r"(?<![\w'’.-])[a-z][a-z'’-]+$")
_NOT_A_NAME = CLINICAL | DRUG | REGION | EPONYM | CITY


def _judge_surname_first(text: str, last: str, first: str, m: re.Match, *, lower: bool) -> int:
    """2: a name; 1: a name if another pair of the text is one (a list); 0: not a name."""
    if len(last) < 2 or len(first) < 2:
        return 0
    last_flags, first_flags = word_flags(last), word_flags(first)
    if _both_names_despite_words(last, last_flags, first_flags) and not lower:
        # "WASHINGTON, DEREK", "KOWALSKI, JAN": a surname that is also a state, a given name that is also a month
        listed = _LIST_BEFORE.search(text, max(0, m.start() - 12), m.start()) or _LIST_AFTER.match(text, m.end())
        return 2 if (last.isupper() and first.isupper()) or listed or m.group("initial") else 1
    if (last_flags | first_flags) & (CLINICAL | DRUG | REGION | EPONYM):
        return 0
    known = last_flags & LAST or first_flags & FIRST
    if lower:  # typed in lower case: both known names, neither an everyday word nor a city; on a list, any surname
        if (last_flags | first_flags) & (_PLAIN | CITY) or (first_flags and not first_flags & FIRST):
            return 0
        if last_flags & LAST and first_flags & FIRST:
            return 2
        listed = _LIST_BEFORE.search(text, max(0, m.start() - 12), m.start()) or _LIST_AFTER.match(text, m.end())
        one_known = (last_flags & LAST and not first_flags) or (first_flags & FIRST and not last_flags)
        unknown = first if not first_flags else last
        shaped = _name_shaped(last) and _name_shaped(first) and len(unknown) >= 4  # not "pna, aki"
        if listed and one_known and shaped:
            return 2  # "nwosu, chidi"
        # "mbeki, thabo" on a list where another pair is sure
        none_known = not last_flags and not first_flags and min(len(last), len(first)) >= 4
        return 1 if listed and none_known and _name_shaped(last) and _name_shaped(first) else 0
    if (last_flags | first_flags) & _PLAIN and not last_flags & LAST and (last_flags or not first_flags & FIRST):
        return 0  # "However, Maria", "Plan, Labs": an everyday word first; but "Banda, Grace" may be a name
    listed = bool(_LIST_BEFORE.search(text, max(0, m.start() - 12), m.start())) or bool(
        _LIST_AFTER.match(text, m.end())
    )
    if last.isupper() and first.isupper():  # as printed on a wristband: "MBEKI, THABO", "OKAFOR, GRACE"
        names_or_unknown = all(
            f & (FIRST | LAST) or (not f and _name_shaped(w)) for w, f in ((last, last_flags), (first, first_flags))
        )
        if m.group("initial") or (names_or_unknown and (known or listed)):
            return 2
        return 1 if names_or_unknown else 0
    if (last_flags | first_flags) & _PLAIN:
        # "Park, Ji-hoon (12B)", "King, Robert - rm 4": an everyday word that is also a surname, on a list
        named = last_flags & LAST and (first_flags & FIRST or not first_flags) and not first_flags & _PLAIN
        if named and listed and not (last_flags | first_flags) & _NOT_A_NAME:
            return 2
        # "Banda, Grace" among other names: a given name that is also a word, after a known surname
        surname = (last_flags & LAST and not last_flags & _PLAIN) or (not last_flags and _name_shaped(last))
        both = surname and first_flags & FIRST
        return 1 if both and not (last_flags | first_flags) & _NOT_A_NAME else 0
    if m.group("initial"):
        return 2 if known or not (last_flags | first_flags) else 0
    if first_flags & FIRST and last_flags & LAST and not (last_flags | first_flags) & CITY:
        return 2  # "Reyes, Miguel": both lists agree
    if known and listed:
        return 2  # "Fofana, Awa; ..." on a list
    unknown = not last_flags and not first_flags and _name_shaped(last) and _name_shaped(first)
    return 1 if known or unknown else 0  # "Fofana, Awa" next to "Reyes, Miguel A."


def _both_names_despite_words(last: str, last_flags: int, first_flags: int) -> bool:
    """A surname (known, or unknown and shaped like one) that may also be a state ("Washington") and a known given
    name that may also be a calendar word ("Jan", "June"), neither of them a drug, an eponym or an everyday word."""
    never = DRUG | EPONYM | ENGLISH
    return bool(
        (last_flags & LAST or (not last_flags and _name_shaped(last)))
        and first_flags & FIRST
        and (last_flags | first_flags) & (CLINICAL | REGION)
        and not (last_flags | first_flags) & never
        and not first_flags & (REGION | CITY)
        and not last_flags & CLINICAL
    )


def _name_shaped(word: str) -> bool:
    """A word no list knows that could be a name rather than an acronym: "MBEKI" yes, "HTN", "ESRD" no."""
    vowels = sum(1 for c in word.lower() if c in "aeiouy")
    return len(word) >= 3 and vowels * 3 >= len(word)


def _strong_cues(text: str, low: str, relatives: list[tuple[int, int, str]]) -> Iterator[Candidate]:
    for m in _TITLE.finditer(text):
        title, name, name_start = m.group("title"), m.group("name"), m.start("name")
        initial = _INITIAL_THEN_NAME.match(text, m.end("name")) if len(name) == 1 else None
        if initial and _surname_after_initial(initial.group("name")):  # "ms j. smith", "Mrs. L Gomez"
            name, name_start = initial.group("name"), initial.start("name")
        first = _strip_possessive(name.split()[0])
        first_flags = word_flags(first)
        dotted = text[m.end("title")] == "."
        possessive = name.endswith(("'s", "’s")) and " " not in name
        if title in _TITLES_BEFORE_GIVEN_NAME and not first_flags & FIRST:
            continue
        name_end = name_start + len(name)
        person_next = bool(_PERSON_NEXT.match(text, name_end)) and " " not in name
        care_before = title == "ms" and bool(_CARE_VERB_BEFORE.search(low, max(0, m.start() - 28), m.start()))
        if (
            title in ("ms", "sr")
            and not dotted
            and not _name_after_lower_ms(
                first,
                first_flags,
                # "ms king refused", "ms ward's son", "saw ms gray": a person, not multiple sclerosis
                possessive or (title == "ms" and (person_next or care_before)),
            )
        ):
            continue  # "ms" is also multiple sclerosis: "ms flare"; "sr" is senior
        if title == "sr" and (first_flags & ENGLISH or not first_flags & (FIRST | LAST)):
            continue  # "sr. resident", "sr design"
        if title == "miss" and (
            not _name_after_lower_ms(first, first_flags, possessive)
            or _MISS_AS_VERB_BEFORE.search(low, max(0, m.start() - 12), m.start())
        ):
            continue  # "miss" is a verb: "didn't miss a dose", "i miss home"
        sure = (
            dotted
            or possessive
            or title.lower() in ("mrs", "miss", "mister")
            # "mr park said", "mr king was": a surname, then what a person does
            or (title.lower() in ("mr", "ms") and person_next)
            or care_before  # "gave ms long her meds"
            # "saw mr white": "mr" is a title unless it is mitral regurgitation ("mild mr", "mr and tr")
            or (title == "mr" and not _VALVE_BEFORE.search(low, max(0, m.start() - 14), m.start()))
        )
        end = _name_end(text, name_start, name, after_title=True, sure_title=sure)
        if end and not _is_staff(text, m.start(), end, bare=False):
            yield Candidate(m.start(), end, "name", STRONG, PATIENT)
    for m in _NAME_IS.finditer(text) if "name " in low else ():
        if not _WHOSE_NAME.search(low, max(0, m.start() - 24), m.start()):
            continue
        end = _name_end(text, m.start("name"), m.group("name"), after_title=False)
        if end:
            end = end if m.group("name")[0].isupper() else _lower_case_surname_end(text, end)
            yield Candidate(m.start("name"), end, "name", STRONG, PATIENT)
    for m in _PATIENT.finditer(text):
        end = _name_end(text, m.start("name"), m.group("name"), after_title=False)
        if end:
            named = m.group("named") and "named" in m.group("named")
            yield Candidate(m.start("name"), end, "name", STRONG, PATIENT if named else APPOSITIVE)
    doctor = "dr" in low or "doctor" in low
    for rel_start, rel_end, _ in relatives:
        of_patient = _OF_PATIENT.match(low, rel_end)  # "the mother of the pt, Dr. Novak"
        after = of_patient.end() if of_patient else rel_end
        m = (doctor and _DOCTOR_RELATIVE.match(text, after)) or _NAME_AFTER_CUE.match(text, after)
        if not m or _NOT_OUR_PATIENT.search(low[max(0, rel_start - 8) : rel_start]):
            continue
        if (
            not m.group("dr")
            and m.group("name").islower()
            and word_flags(m.group("name").split()[0]) & COMMON
            and _VERB_OBJECT_AFTER.match(text, m.end("name"))
        ):
            continue  # "his granddaughter, drew a chart", "her son will call": a verb, not a name typed in lower case
        end = _name_end(text, m.start("name"), m.group("name"), after_title=bool(m.group("dr")))
        if not end and not m.group("dr") and _word_name_after_kin(text, m.start(), m.start("name"), m.end("name")):
            end = m.end("name")  # "son mark called", "daughter hope is hcp", "wife joy, 70,"
        if not end or _religious_title(text, low, rel_start, end, m.end("name")):
            continue
        yield Candidate(m.start("dr") if m.group("dr") else m.start("name"), end, "name", STRONG, APPOSITIVE)
        more = _AND_LOWER_NAME.match(text, end)  # "sons yusuf and omar"
        if more and m.group("name").islower() and _plain_lower_name(more.group("name")):
            yield Candidate(more.start("name"), more.end("name"), "name", STRONG, FAMILY)
    if "aby" in text:
        for m in _BABY.finditer(text):
            end = _name_end(text, m.start("name"), m.group("name"), after_title=False)
            if end:
                yield Candidate(m.start("name"), end, "name", STRONG, PATIENT)


_INITIAL_THEN_NAME = re.compile(rf"\.?[ \t]+(?P<name>{CAP_WORD}|{LOWER_WORD})")
_VALVE_BEFORE = re.compile(
    r"(?:\b(?:no|mild|mod|moderate|severe|sev|trace|trivial|significant|sig|functional|ischemic|degenerative|primary"
    r"|secondary|worsening|worse|acute|chronic|new|residual|and|with|w|as|tr|ar|ms|echo|showed|shows|grade|\d)"
    r"|[+&/,(])[ \t]*[-/]?[ \t]*$"
)
_AND_LOWER_NAME = re.compile(r"[ \t]*(?:,|and|&|\+)[ \t]*(?:and[ \t]+)?(?P<name>[a-z][a-z'’-]{2,})(?![\w'’-])")
_OF_PATIENT = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?(?:pt|patient)\b")
_VERB_OBJECT_AFTER = re.compile(
    r"[ \t]+(?:a|an|the|his|her|their|my|our|it|them|him|me|us|up|out|back|be|call|come|go|do|get|see|bring|take)\b"
)
_POSSESSOR_BEFORE = re.compile(r"\b(?:his|her|their|the|a|pt'?s|patient'?s|[a-z]+'s)[ \t]+$")


def _word_name_after_kin(text: str, cue_end: int, start: int, end: int) -> bool:
    """A given name that is also an everyday word, typed in lower case right after a relative: a name when
    a person's cue follows ("son mark called", "daughter hope is hcp"). After a comma it needs a comma after it
    too ("her son, will, ..."), since "her son, hope is low" is no name."""
    word = text[start:end]
    flags = word_flags(word)
    if not word.islower() or " " in word or not flags & FIRST or flags & (CLINICAL | DRUG | EPONYM | REGION | CITY):
        return False
    if "," in text[cue_end:start]:
        return text[end : end + 1] == ","
    return text[end : end + 1] != "," and bool(_PERSON_NEXT.match(text, end))


def _religious_title(text: str, low: str, start: int, end: int, name_end: int) -> bool:
    """ "Sister Mary Joseph nodule", "Sister Agnes, the chaplain": a capitalised "Sister" or "Brother" that is
    nobody's relative (no "her" before it) is a nun's or a friar's title, or part of an eponym."""
    if not text[start].isupper():
        return False
    if any(_EPONYM_HEAD.match(text, e) for e in (end, name_end)):
        return True  # "the Sister Mary Joseph nodule"
    if _ROLE_BEFORE.search(text, max(0, start - 40), start):
        return True  # "chaplain Sister Agnes"
    return not _POSSESSOR_BEFORE.search(low, max(0, start - 12), start) and bool(
        _ROLE_AFTER.match(text[end : end + 90])
    )


def _surname_after_initial(word: str) -> bool:
    """ "Smith" in "ms j. smith": a known surname or a word no list knows, not a plain word ("Mrs. J said")."""
    flags = word_flags(_strip_possessive(word))
    if word.lower() in _FUNCTION_WORDS or flags & (CLINICAL | DRUG | REGION):
        return False
    return not flags & ENGLISH or bool(flags & LAST and word[:1].isupper())  # "Mrs. J. White"


def _name_after_lower_ms(word: str, flags: int, possessive: bool) -> bool:
    """After a lower-case "ms" with no dot (also multiple sclerosis): a known name that is not a plain word,
    a longer word no list knows ("ms whitfield"), or, with a person's cue (``possessive``: "ms park's",
    "ms ward asked"), any surname that is not a drug, an eponym or a place."""
    if flags & (DRUG | REGION | EPONYM):
        return False
    if possessive and flags & LAST:
        return True
    if flags & CLINICAL:
        return False
    if flags & (FIRST | LAST):
        return not flags & ENGLISH
    return not flags and len(word) >= 4 and word.isalpha()


def _name_end(text: str, start: int, found: str, *, after_title: bool, sure_title: bool = False) -> int | None:
    """End of the name that starts at ``start`` (possessive left out), or None if it is not a name.
    After a title that cannot be anything else (``sure_title``: "mrs", "ms.", "mr. park's"), a lower-case
    surname that is also a word counts ("mrs. king", "ms.park")."""
    words = [(m.start(), m.group()) for m in _CAP_TOKEN.finditer(found)] if found[0].isupper() else [(0, found)]
    if len(words) > 1 and words[0][1] in ("St", "Ste"):  # "Mr. St. Pierre": the saint is part of the name
        words = words[1:]
    end = None
    for i, (offset, word) in enumerate(words):
        bare = _strip_possessive(word)
        if not _acceptable_after_cue(
            text, start + offset + len(bare), bare, first=i == 0, after_title=after_title, sure_title=sure_title
        ):
            break
        end = start + offset + len(bare)
        if bare != word:  # a possessive ends the name: "Mr. Johnson's"
            break
    if end is not None and not found[0].isupper():
        end = _lower_case_surname_end(text, end)
    return end


_NEXT_LOWER_WORD = re.compile(r" ([a-z][a-z'-]{1,30})")


def _lower_case_surname_end(text: str, end: int) -> int:
    """Sloppy typing: "patient john smith" goes on to a known surname (not a plain word: "john said")."""
    m = _NEXT_LOWER_WORD.match(text, end)
    if not m:
        return end
    word = _strip_possessive(m.group(1))
    flags = word_flags(word)
    if word in _FUNCTION_WORDS or not flags & LAST or flags & (ENGLISH | CLINICAL | DRUG | REGION | EPONYM):
        return end
    return m.start(1) + len(word)


def _acceptable_after_cue(
    text: str, end: int, word: str, *, first: bool, after_title: bool, sure_title: bool = False
) -> bool:
    if word.lower() in _FUNCTION_WORDS or (len(word) == 1 and not after_title) or _CONTRACTION.search(word):
        return False  # "patient A" is already anonymous; "I've" is not a name
    if " " in word:  # "de la cruz" typed after a title: particles, then the name
        last = word.split()[-1]
        return last not in _FUNCTION_WORDS and not word_flags(last) & (CLINICAL | DRUG | REGION) and len(last) > 1
    if _compound_word(word):
        return False
    flags = word_flags(word)
    is_name = flags & (FIRST | LAST)
    if word.islower():  # sloppy typing: after "mrs", any word that is not a plain one; else a known name
        plain = flags & (ENGLISH | CLINICAL | DRUG | REGION | EPONYM)
        if plain and sure_title and first and not flags & DRUG and flags & (LAST | EPONYM | EPONYM_IF_HEAD):
            return True  # "mrs. king", "ms.park", "mr. white"; "mrs graves", "mr parkinson": a surname, not the disease
        if plain and sure_title and first and flags & FIRST and flags & REGION and not flags & (DRUG | ENGLISH):
            return True  # "mrs georgia", "mr jordan"
        return not plain and (bool(is_name) or (after_title and first and len(word) > 2))
    if word.isupper() and len(word) > 1 and not after_title:
        return False  # an acronym: "pt HIV+"
    if after_title and first:  # "Dr. Kaplan" (also a test-prep company), "Mr. Harrison" (also a textbook)
        return not flags & (CLINICAL | REGION) or bool(is_name or flags & (EPONYM | EPONYM_IF_HEAD))
    if flags & (CLINICAL | DRUG | REGION) and not is_name:
        return False
    if flags & (EPONYM | EPONYM_IF_HEAD) and _EPONYM_HEAD.match(text, end):
        return False
    return bool(is_name) or not flags & ENGLISH


_HEAD_LATER = re.compile(r"(?:[ \t]+[a-z][a-z-]+){1,2}" + _EPONYM_HEAD.pattern.replace("(?ix)", ""), re.I | re.X)
_CONTRACTION = re.compile(r"(?i)['’](?:ve|m|ll|re|d)$|n['’]t$")


def _compound_word(word: str) -> bool:
    """ "Spanish-speaking", "Non-English": a plain English word after a hyphen, or a plain first part.
    Names keep lower-case parts that are not English words: "Ji-woo", "Seo-yeon"."""
    if "-" not in word:
        return False
    first, *rest = word.split("-")
    plain_part = any(part[:1].islower() and len(part) > 3 and word_flags(part) & ENGLISH for part in rest)
    return plain_part or (_never_a_name(word_flags(first)) and first.lower() not in ("al", "el"))


def _strip_possessive(word: str) -> str:
    if len(word) > 3 and word[-2:] in ("'s", "’s"):
        return word[:-2]
    return word


# ---------------------------------------------------------------- runs of capitalised words

_STOP, _AMBIGUOUS, _KNOWN, _UNKNOWN = range(4)
_SAINT_BEFORE = re.compile(r"\b(?:St|Ste|Mt|Saint|Sainte|Mount)\.?[ \t]+$")
_ROMAN = re.compile(r"(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3})[a-d]?")
_NUMBER_AFTER = re.compile(r"[ \t]*:?[ \t]*[<>]?\d")
_HEAD_NOUNS = frozenset(
    "disease syndrome sign score scale criteria classification test maneuver reflex staging stage grade class index "
    "rule rules procedure operation fracture palsy triad catheter tube exam examination questionnaire chart assessment "
    "tool protocol formula equation inventory screen screening definition system model guideline guidelines "
    "consensus chromosome shunt triage handbook manual naming category type".split()
)
_INSTITUTION_WORDS = frozenset(
    "Hospital Hospitals Medical Center Centre Clinic Clinics Health Healthcare University College School Institute "
    "Memorial Foundation County Hospice Church Mosque Pharmacy Rehab Home Homes Manor Village".split()
)


def _runs(text: str) -> Iterator[Candidate]:
    for run in _RUN.finditer(text):
        word = run.group()
        if " " not in word and "\t" not in word and (word.isupper() or _never_a_name(word_flags(word))):
            continue  # fast path for the most common run: one plain capitalised word ("The", "Plan")
        tokens = _tokens(text, run)
        if all(t[3] == _STOP for t in tokens) or any(t[2] in _INSTITUTION_WORDS for t in tokens):
            continue  # most runs: "The", "Plan", "ICU"; or a hospital: "Cook County Hospital"
        _mark_phrases(tokens)
        _mark_eponym_phrase(text, tokens)
        segment: list[list] = []
        for token in [*tokens, None]:
            if token is not None and token[3] != _STOP:
                segment.append(token)
                continue
            if segment:
                candidate = _judge(text, segment)
                if candidate:
                    yield candidate
            segment = []


def _tokens(text: str, run: re.Match) -> list[list]:
    """[start, end, word, class] for each capitalised word of a run, possessives left out."""
    found = run.group()
    words = (
        [(run.start(), found)]
        if " " not in found and "\t" not in found
        else [(run.start() + m.start(), m.group()) for m in _CAP_TOKEN.finditer(found)]
    )
    tokens = []
    for start, word in words:
        word = _strip_possessive(word)
        tokens.append([start, start + len(word), word, _classify(text, start, start + len(word), word)])
    return tokens


def _mark_eponym_phrase(text: str, tokens: list[list]) -> None:
    """Words before a head noun name a sign or a score, not a person: "Austin Flint murmur",
    "Richmond Agitation Sedation Scale". Only a word that can only be a given name survives."""
    heads = [i for i, t in enumerate(tokens) if t[2].lower() in _HEAD_NOUNS]
    last = heads[-1] if heads else len(tokens) if _EPONYM_HEAD.match(text, tokens[-1][1]) else 0
    several = sum(1 for token in tokens[:last] if token[3] != _STOP) >= 2  # "Sister Mary Joseph nodule"
    for token in tokens[:last]:
        flags = word_flags(token[2])
        if several or flags & (FIRST | LAST) != FIRST or flags & (CITY | REGION):  # "Boston Naming Test"
            token[3] = _STOP
        elif token is tokens[-1] and text[token[1] : token[1] + 1] not in ("'", "’"):
            token[3] = _STOP  # "Stanford type A": a given name right before a head noun, not "Maria's test"


def _mark_phrases(tokens: list[list]) -> None:
    """Words that together name a place or a hospital ("Ann Arbor", "Beth Israel") are not names."""
    if len(tokens) < 2:
        return
    places, institutions = place_phrases(), institution_phrases()
    words = [fold(t[2]) for t in tokens]
    for i in range(len(tokens) - 1):
        for j in range(min(len(tokens), i + 4), i + 1, -1):
            phrase = " ".join(words[i:j])
            if phrase in places or phrase in institutions:
                for token in tokens[i:j]:
                    token[3] = _STOP
                break


# "Dx: Barrett's, on PPI": an eponym's possessive with no noun after it names the disease.
_EPONYM_ALONE = re.compile(r"['’]s?(?=[ \t]*(?:[.,;:!?)\n]|$|(?:with|w/|on|and|or|dx|diagnosed)\b))")


def _never_a_name(flags: int) -> bool:
    return bool(flags & (CLINICAL | DRUG | EPONYM | REGION) or (flags & ENGLISH and not flags & (FIRST | LAST)))


def _classify(text: str, start: int, end: int, word: str) -> int:
    flags = word_flags(word)
    is_name = flags & (FIRST | LAST)
    if _never_a_name(flags) or _SAINT_BEFORE.search(text, max(0, start - 8), start) or _compound_word(word):
        return _STOP  # "St. Joseph's" is a hospital; "Spanish-speaking" an adjective
    if (word.isupper() and len(word) > 1) or len(word) == 1 or _ROMAN.fullmatch(word):
        return _STOP  # acronym, initial or roman numeral: "HIV", "I", "Forrest Ib"
    if len(word) <= 3 and _NUMBER_AFTER.match(text, end):
        return _STOP  # a lab: "Na 128", "Cr 2.1"
    if flags & EPONYM_IF_HEAD and (_EPONYM_HEAD.match(text, end) or _EPONYM_ALONE.match(text, end)):
        return _STOP
    if flags & (EPONYM_IF_HEAD | CITY) and _HEAD_LATER.match(text, end):
        return _STOP  # "Richmond agitation sedation scale", "Glasgow coma scale"
    if flags & CITY and (not flags & FIRST or _LOCATIVE_BEFORE.search(text[max(0, start - 10) : start])):
        return _STOP
    if flags & ENGLISH:
        return _AMBIGUOUS
    if is_name:
        return _KNOWN
    if _EPONYM_HEAD.match(text, end):  # an eponym we do not list: "Ortner syndrome"
        return _STOP
    return _UNKNOWN


def _judge(text: str, segment: list[list]) -> Candidate | None:
    kinds = [t[3] for t in segment]
    if _KNOWN in kinds and _sentence_start(text, segment[0][0]):  # "Will José Peña ...": a capital says nothing here
        while segment[0][3] == _AMBIGUOUS:
            segment = segment[1:]
        kinds = [t[3] for t in segment]
    start, end = segment[0][0], segment[-1][1]
    before = text[max(0, start - 60) : start]
    after = text[end : end + 90]
    at_sentence_start = _sentence_start(text, start)
    if _FAMILY_AFTER.match(after):  # "Dr. Abebe, the patient's daughter, asked": family, even as a doctor
        doctor = _DOCTOR_BEFORE.search(text, max(0, start - 10), start)
        # "from Outremont, her son ...": more likely the place the text names; a place found there wins
        strength = WEAK if not doctor and _LOCATIVE_BEFORE.search(before[-12:]) else STRONG
        return Candidate(doctor.start() if doctor else start, end, "name", strength, FAMILY)
    elif _weak_cue(text, start, end, before, after) and (_KNOWN in kinds or _UNKNOWN in kinds or not at_sentence_start):
        candidate = Candidate(start, end, "name", WEAK, PATIENT)
    elif _listed_name(segment, kinds, at_sentence_start):
        if at_sentence_start and len(segment) == 1 and _word_at_clause_start(text, segment[0][2], end):
            return None  # "Bill Medicaid for it", "Max dose reached", "Drew up the insulin"
        if _THE_BEFORE.search(before) and not _FAMILY_NOUN_AFTER.match(after):
            return None  # "the Boston Scientific rep", "the Harriet Lane section": a thing named after someone
        candidate = Candidate(start, end, "name", LISTED, PATIENT)
    else:
        return None
    return None if _is_staff(text, start, end, bare=True) else candidate


_THE_BEFORE = re.compile(r"\b[Tt]he[ \t]+$")
_FAMILY_NOUN_AFTER = re.compile(
    r"(?i)['’]?s?[ \t]+(?:family|families|kids|children|twins|household|sisters|brothers|boys|girls)\b"
)


def _is_staff(text: str, start: int, end: int, *, bare: bool) -> bool:
    """A clinician or other staff member, from the words around the name. A bare name ("Sam") also
    counts as staff in how applicants write about their team ("feedback from Sam", "Ravi and I")."""
    before, after = text[max(0, start - 40) : start], text[end : end + 90]  # a role or cue is a few words long
    if _ROLE_BEFORE.search(before) or _ROLE_AFTER.match(after):
        return True
    return bare and bool(_TEAM_BEFORE.search(before) or _TEAM_AFTER.match(after))


def _weak_cue(text: str, start: int, end: int, before: str, after: str) -> bool:
    near = before[-28:]
    if _CARE_VERB_BEFORE.search(near) or _BED_BEFORE.search(near) or _PATIENT_AFTER.match(after):
        return True
    possessive = text[end : end + 2] in ("'s", "’s") or (text[end : end + 1] in "'’" and text[end - 1 : end] == "s")
    if possessive:
        noun = _POSSESSIVE_NOUN.match(text, end + (2 if text[end : end + 2] in ("'s", "’s") else 1))
        return bool(noun) and not _EPONYM_HEAD.match(text, end)
    return False


_PERSON_NEXT = re.compile(
    r"[ \t]*(?:['’]s\b(?![ \t]+(?:your|the|a|an|my|not|been|gone|going|all|it)\b)|,|[ \t](?:[a-z]+ed|was|is|has|had|said|says|told|tells|asked|asks|came|comes|went|goes|got|gets"
    r"|gave|took|made|wants?|needs?|feels?|felt|keeps?|kept|and|from|who|in[ \t]+(?:bed|room|rm)|\d"
    r"|in[ \t]+\d{1,3}[a-f]?\b(?![ \t]*(?:h|hrs?|hours?|d|days?|wks?|weeks?|mo|months?|yrs?|years?|mins?|minutes?)\b))"
    r"|[ \t]*\([ \t]*(?:bed|rm|room|\d))"
)


def _word_at_clause_start(text: str, word: str, end: int) -> bool:
    """A name that is also an everyday word, first in its sentence, not followed by what a person does:
    a verb or a noun ("Bill the insurer", "Max dose"), not the patient."""
    return bool(word_flags(word) & (COMMON | ENGLISH)) and not _PERSON_NEXT.match(text, end)


def _listed_name(segment: list[list], kinds: list[int], at_sentence_start: bool) -> bool:
    """No cue at all: trust the name lists for a full name, a given name, or a surname mid-sentence."""
    known = [t for t in segment if t[3] == _KNOWN]
    if not known:
        return False
    if len(segment) >= 2:
        return True
    flags = word_flags(known[0][2])
    return bool(flags & FIRST) or not at_sentence_start


def _sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“‘(-":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


# ---------------------------------------------------------------- lower-case names with a cue after them

_LOWER_CUE = re.compile(rf"['’]s[ \t]+(?i:(?P<kin>{_RELATIVES}|family)|labs?|meds|pain|cultures?|ct|mri)\b")
# "spoke to sandra (daughter)", "dr kowalczyk (the son)", "called ana, his niece,": who they are, right after.
_LOWER_KIN_AFTER = re.compile(
    rf"(?:\([ \t]*(?:his|her|their|the|pt['’]?s|patient['’]?s)?|,[ \t]*(?:his|her|their|the|pt['’]?s|patient['’]?s))"
    rf"[ \t]*(?P<kin>{word_alternation(_RELATIVE_WORDS)})(?!['’])"
)
_LOWER_DOCTOR_BEFORE = re.compile(r"\b[Dd]r\.?[ \t]*$")
# "in bed 4", "from rm 12", "garcia in 12" (a room number, not "in 12 hours")
_LOWER_BED_CUE = re.compile(
    r" (?:in|from)[ \t]+(?:(?:bed|room|rm)[ \t]*\d|\#?\d{1,3}[a-f]?\b(?![ \t]*(?:[:./-]\d|%|(?:h|hrs?|hours?"
    r"|mins?|minutes?|d|days?|wks?|weeks?|mo|months?|yrs?|years?|am|pm|mg|mcg|ml|l|units?|x|times|percent|pts|patients"
    r"|people|cases|of|or|to|and|out|more|days|nights|sec|seconds|kg|lbs?|cm|mm)\b)))"
)
# "bed 12 garcia needs a sitter": a lower-case name right after a bed number
_LOWER_NAME_AFTER_BED = re.compile(
    r"[br](?<![\w][br])(?:ed|m|oom)[ \t]*\#?[ \t]*\d{1,3}[a-z]?[ \t]*[-:,]?[ \t]*(?P<name>[a-z][a-z'’-]{2,})\b"
)
_LOWER_NAME_BEFORE = re.compile(rf"(?<![\w'’])[a-z]{_WORD_BODY}[ \t]*$")


def _lower_case_names(text: str, *, has_relative: bool = True) -> Iterator[Candidate]:
    """ "talked to kateryna's husband", "saw ahmed in room 14": only known names that are not plain words."""
    cues = [*_LOWER_CUE.finditer(text)] if "s " in text or "s\t" in text else []
    cues += _LOWER_BED_CUE.finditer(text) if "in " in text or "from " in text else ()
    for m in _LOWER_NAME_AFTER_BED.finditer(text) if "bed " in text or "rm " in text or "room " in text else ():
        flags = word_flags(m.group("name"))
        if flags & (FIRST | LAST) and not flags & (ENGLISH | CLINICAL | DRUG | REGION | EPONYM | COMMON):
            yield Candidate(m.start("name"), m.end("name"), "name", WEAK, PATIENT)
    if has_relative and ("(" in text or "," in text):  # "(daughter)" needs a relative somewhere
        cues += _LOWER_KIN_AFTER.finditer(text)
    for cue in cues:
        m = _LOWER_NAME_BEFORE.search(text, max(0, cue.start() - 40), cue.start())
        if not m:
            continue
        name = m.group().rstrip(" \t")
        if cue.re is _LOWER_KIN_AFTER:  # a relative, even a doctor: "dr kowalczyk (the son)"
            doctor = _LOWER_DOCTOR_BEFORE.search(text, max(0, m.start() - 6), m.start())
            if _lower_kin_name(name):
                yield Candidate(doctor.start() if doctor else m.start(), m.start() + len(name), "name", WEAK, FAMILY)
            continue
        flags = word_flags(name)
        known = flags & (FIRST | LAST) and not flags & (ENGLISH | CLINICAL | DRUG | REGION | EPONYM)
        # a word no list knows, before "'s husband": "kateryna's husband", "mrs obi's son"
        unknown = not flags and len(name) >= 4 and name.isalpha() and cue.groupdict().get("kin")
        if known or unknown:
            yield Candidate(m.start(), m.start() + len(name), "name", WEAK, PATIENT)


# A lower-case given name or surname with what is said of patients around it: "saw rosa today", "gave dmitri his
# papers", "aisha refused her meds", "carlos, 54M, came in".
_LOWER_NAME_AFTER_VERB = re.compile(r"[ \t]+(?P<name>[a-z][a-z'’-]{2,})(?![\w'’-])")
_LOWER_NAME_AT_CLAUSE_START = re.compile(r"[.;!?\n:•*-][ \t]*(?P<name>[a-z][a-z'’-]{2,})(?![\w'’-])")
_LOWER_NAME_FIRST = re.compile(r"[ \t]*(?P<name>[a-z][a-z'’-]{2,})(?![\w'’-])")


def _lower_names_in_context(text: str, verbs: list[tuple[int, int, str]]) -> Iterator[Candidate]:
    """A known name typed in lower case, after a verb of care (``verbs``) or first in a clause before what a
    patient does."""
    after_verbs = (_LOWER_NAME_AFTER_VERB.match(text, end) for _, end, _ in verbs if text[end + 1 : end + 2].islower())
    found = [m for m in after_verbs if m and _plain_lower_name(_strip_possessive(m.group("name")))]
    found += [
        m
        for m in (_LOWER_NAME_FIRST.match(text), *_LOWER_NAME_AT_CLAUSE_START.finditer(text))
        if m
        and (text[m.start() : m.start() + 1] != "-" or text[m.start() + 1 : m.start() + 2] in " \t")  # not "x-ray"
        and _plain_lower_name(_strip_possessive(m.group("name")))
        and _PATIENT_AFTER.match(text[m.end() : m.end() + 90])
    ]
    for m in found:
        name = _strip_possessive(m.group("name"))
        start, end = m.start("name"), _lower_case_surname_end(text, m.start("name") + len(name))
        if not _is_staff(text, start, end, bare=True):
            yield Candidate(start, end, "name", WEAK, PATIENT)


def _plain_lower_name(name: str) -> bool:
    """A word that the name lists know and that is nothing else: "rosa", "dmitri"; not "will", "grace", "ed"."""
    flags = word_flags(name)
    never = ENGLISH | CLINICAL | DRUG | REGION | EPONYM | EPONYM_IF_HEAD | COMMON | CITY
    if len(name) < 3 or name in _FUNCTION_WORDS or _compound_word(name):  # "post-op"
        return False
    return bool(flags & (FIRST | LAST)) and not flags & never


def _lower_kin_name(name: str) -> bool:
    """A lower-case word right before "(daughter)": a known name that is no plain word, or a longer unknown word."""
    flags = word_flags(name)
    if name in _FUNCTION_WORDS or flags & (ENGLISH | CLINICAL | DRUG | REGION | EPONYM | COMMON):
        return False
    return bool(flags & (FIRST | LAST)) or (not flags and len(name) >= 4 and name.isalpha())
