"""Identifiers with a recognisable shape: emails, links, numbers, dates, ages over 89, addresses.

Each detector takes the text and a lower-case copy of the same length (keywords are matched
on the copy, which is faster than case-insensitive matching), makes one or two precompiled
regular expression passes plus a little context checking, and yields :class:`Candidate`
objects; names are in ``names.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

from .findings import Candidate
from .lexicon import (
    CITY,
    CLINICAL,
    DRUG,
    ENGLISH,
    EPONYM,
    FIRST,
    LAST,
    REGION,
    WordFinder,
    WordLists,
    city_entries,
    fold,
    institution_phrases,
    place_phrases,
    word_alternation,
    word_flags,
)

# How sure a shape is; the stronger of two overlapping candidates wins.
EMAIL, URL, KEYED_ID, PHONE, DATE, AGE, STREET, CUED_PLACE, BARE_ID = 90, 85, 80, 70, 60, 55, 50, 40, 35

# ---------------------------------------------------------------- email, url, ip

_EMAIL = re.compile(r"(?<![\w.+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_TLDS = (
    "com|org|net|edu|gov|io|co|us|uk|ca|au|in|ng|mx|de|fr|es|it|br|ph|pk|za|ke|gh|ly|me|info|biz|app|health|tv|gl|gg"
    "|link|site|online"
)
# Patterns start with a character class or a literal where they can: the regex engine then skips
# ahead fast instead of trying every position (see bench/bench_phi.py).
_SCHEME_URL = re.compile(r"""[HhFfWw](?<![\w.][HhFfWw])(?:(?i:ttps?|tp)://|(?i:ww)\.)[^\s<>"'()]+""")
_DOMAIN_END = re.compile(rf"""\.(?i:{_TLDS})\b(?:/[^\s<>"'()]*)?""")
_DOMAIN_START = re.compile(r"(?<![\w@.-])[A-Za-z0-9][\w-]*(?:\.[\w-]+)*$")
_IP = re.compile(r"\d(?<![\d.]\d)\d?\d?\.(?:\d{1,3}\.){2}\d{1,3}(?![\d.]*\d)")
# Public medical references: a link to them says nothing about a patient.
_REFERENCE_HOSTS = re.compile(
    r"(?:^|\.)(?:uptodate\.com|nejm\.org|jamanetwork\.com|thelancet\.com|bmj\.com|nih\.gov|cdc\.gov|who\.int|mdcalc\.com"
    r"|acc\.org|heart\.org|idsociety\.org|kdigo\.org|goldcopd\.org|aafp\.org|acponline\.org|aamc\.org|nrmp\.org"
    r"|ecfmg\.org|usmle\.org|medscape\.com|wikipedia\.org|fda\.gov|cochranelibrary\.com|acog\.org|aap\.org|diabetesjournals\.org)$",
    re.I,
)


def emails(text: str, low: str) -> Iterator[Candidate]:
    if "@" not in text:
        return
    for m in _EMAIL.finditer(text):
        yield Candidate(m.start(), m.end(), "email", EMAIL)


def urls(text: str, low: str) -> Iterator[Candidate]:
    for m in _SCHEME_URL.finditer(text):
        link = m.group().rstrip(".,;:!?")
        if not _is_reference(link):
            yield Candidate(m.start(), m.start() + len(link), "url", URL)
    for m in _DOMAIN_END.finditer(text):
        host = _DOMAIN_START.search(text, max(0, m.start() - 80), m.start())
        if not host:
            continue
        link = text[host.start() : m.end()].rstrip(".,;:!?")
        if _plausible_bare_domain(link) and not _is_reference(link):
            yield Candidate(host.start(), host.start() + len(link), "url", URL - 1)
    for m in _IP.finditer(text):
        if all(int(part) <= 255 for part in m.group().split(".")):
            yield Candidate(m.start(), m.end(), "url", URL)


def _is_reference(link: str) -> bool:
    host = re.sub(r"(?i)^(?:https?|ftp)://", "", link).split("/")[0].split(":")[0]
    return bool(_REFERENCE_HOSTS.search(host))


def _plausible_bare_domain(link: str) -> bool:
    """ "bit.ly/x", "youtube.com/@y" yes; "e.g.co" or "pt.in" no: the name before the ending needs 3+ letters."""
    host = link.split("/")[0]
    labels = host.split(".")
    if not re.fullmatch(r"[A-Za-z0-9.-]+", host) or host.replace(".", "").isdigit():
        return False
    return len(labels[-2]) >= 3 or "/" in link


# ---------------------------------------------------------------- numbers: ids and phones

_PHONE_WORDS = (
    r"\b(?:phone|cell|cellphone|mobile|tel|telephone|call(?:ed)?|text(?:ed)?|reach(?:ed)?|contact|fax|whatsapp|landline"
    r"|voicemail|number|vm|cb|callback|call\s+back|ph|home|work|daughter|dtr|son|wife|husband|mom|dad|mother|father"
    r"|sister|brother|neighbou?r|grandson|granddaughter|niece|nephew|friend|caregiver|spouse)\b|\bno\.|#"
)
_ID_KEY = r"""
    mrn|mr\s?\#|medical\s+record(?:\s+(?:number|no\.?|num|\#))?|record\s+(?:number|no\.?|\#)|chart\s+(?:number|no\.?|\#)
  | acct|account(?:\s+(?:number|no\.?|num|\#))?|member(?:\s+(?:id|number|no\.?|\#))|subscriber\s+(?:id|number)
  | policy(?:\s+(?:number|no\.?|\#))?|(?:health\s+)?plan(?:\s+beneficiary)?\s+(?:id|number|no\.?)
  | insurance\s+(?:id|number|no\.?)
  | beneficiary(?:\s+(?:id|number|no\.?|\#))?|identifier|identification(?:\s+(?:number|no\.?|\#))?
  | group\s+(?:number|no\.?|\#)|medicaid(?:\s+(?:id|number|no\.?|\#))?|medicare(?:\s+(?:id|number|no\.?|\#))?
  | ssn|ss\s?\#|social\s+security(?:\s+(?:number|no\.?|\#))?
  | (?:driver'?s\s+)?licen[cs]e(?:\s+plate)?(?:\s+(?:number|no\.?|\#))?
  | plate(?:\s+(?:number|no\.?|\#))?|serial(?:\s+(?:number|no\.?|num|\#))?|s/n|device\s+(?:id|number)|imei|udi|vin
  | encounter(?:\s+(?:number|no\.?|id|\#))?|visit\s+(?:number|no\.?|id|\#)|claim(?:\s+(?:number|no\.?|\#))?
  | case\s+(?:number|no\.?|\#)|(?:patient|pt)\s+id|id\s+(?:number|no\.?|\#)|barcode
  | certificate(?:\s+(?:number|no\.?|\#))?
  | accession(?:\s+(?:number|no\.?|num|\#))?|acc\#|acc\.?\s+no\.?|specimen(?:\s+(?:id|number|no\.?|\#))?
  | path(?:ology)?\s+(?:id|number|no\.?|\#|accession)
  | id\#|id|sn|dl|fin|csn|npi|dea
"""
# The first word of every key above: the keys are looked for only where one of these stands.
_ID_KEY_START = WordFinder(
    "mrn mr medical record chart acct account member subscriber policy health plan insurance beneficiary identifier "
    "identification group medicaid medicare ssn ss social driver drivers licence license plate serial s/n device imei "
    "udi vin encounter visit claim case patient pt id barcode certificate accession acc specimen path pathology sn dl "
    "fin csn npi dea".split(),
    end="(?![a-z])",
)
_SHORT_KEYS = frozenset({"id", "sn", "dl", "fin", "csn", "npi", "dea"})  # only in capitals: "id" is a word, "ID" a key
_KEYED_ID = re.compile(
    rf"\b(?=[macrphigsldueifnbv])(?P<key>{_ID_KEY})(?![a-z])(?:\s*(?:is|was|[:=\#-]|no\.?|number))*\s*"
    r"(?P<id>(?=[a-z0-9 -]{0,30}\d)[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])|\s(?=\d{3,}))*[a-z0-9](?![\w-]))",
    re.X,
)
_SSN = re.compile(r"\d(?<![\d-]\d)\d{2}-\d{2}-\d{4}(?![\d-])")
_EXT = r"(?:\s*(?:ext\.?|x)\s*\d{1,5})?"
_US_PHONE = re.compile(
    rf"(?<![\w/.+-])(?:\+?1[\s.-]?)?(?:\(\d{{3}}\)\s?|\d{{3}}[\s.-])\d{{3}}[\s.-]\d{{4}}(?![\w/-]|\.\d){_EXT}"
)
_INTL_PHONE = re.compile(r"\+(?<![\w+]\+)\d{1,3}(?:[\s.-]?\(?\d{1,5}\)?){2,6}(?![\w/])")
_INTL_00_PHONE = re.compile(r"0(?<![\w/.-]0)0\d{1,3}(?:[\s.-]?\(?\d{1,5}\)?){2,6}(?![\w/])")
_NATIONAL_PHONE = re.compile(r"0(?<![\w/.-]0)\d{2,4}[\s-]\d{3,4}[\s-]?\d{3,4}(?![\w/-])")
_LOCAL_SHAPE = re.compile(r"\d{3}[-.\s]\d{4}")
_LOCAL_PHONE = re.compile(r"\d(?<![\w/.-]\d)\d{2}(?P<sep>[-.\s])\d{4}(?![\w/.-]|,\d)")
# Own ids of the applicant ("my AAMC ID 14523367") and ids of staff ("interpreter ID 40211") are not the patient's.
_OWN_ID_BEFORE = re.compile(
    r"\b(?:aamc|ecfmg|usmle|eras|nrmp)\s*(?:id|\#|number|no\.?|num)?\s*(?:is|:|\#|\(|=)?[\s#:(]*$"
)
_STAFF_ID_BEFORE = re.compile(
    r"\b(?:interpret\w*|interp|translator|language\s+line|nurse|rn|lpn|cna|tech|technician|badge|employee|staff|aide"
    r"|pharmacist|scribe|operator)\b[^.\n;]{0,20}$"
)
_GENERIC_ID_KEYS = frozenset({"id", "id#", "identifier", "identification", "id number", "id no", "id no."})
_LAB_BEFORE = re.compile(
    r"(?i)\b(?:plt|platelets?|wbc|hgb|glucose|range|between|from|bp|lot|batch|order|invoice|ref)\W*$"
)
# "last 4 of SSN 4417", "ssn ending in 3391", "xxx-xx-6240": the last four digits of a social security number.
_SSN_LAST4 = re.compile(
    r"""(?:\b(?:ssn|ss\#|social\s+security(?:\s+(?:number|no\.?|\#))?)(?:\s*\(?last\s*(?:4|four)\)?)?
        (?:\s*(?:ending|ends|ending\s+in|ends\s+in|ends\s+with))?
      | \bsocial\s*(?:\(?last\s*(?:4|four)\)?|ending|ends|ending\s+in|ends\s+in|ends\s+with)
      | \blast\s*(?:4|four)(?:\s+digits)?(?:\s+of)?(?:\s+(?:his|her|their|the|pt'?s|patient'?s))?
        (?:\s+(?:ssn|ss\#?|social(?:\s+security)?(?:\s+number)?))?(?:\s+(?:is|are|was))?
      | [x*]{3}-[x*]{2}-)
    (?:\s*(?:is|are|was|[:=\#(]|in|with))*\s*(?P<d>\d{4})(?![\d-])""",
    re.X,
)
_SSN_LAST4_WORDS = ("ssn", "ss#", "social", "last 4", "last four", "last4", "-xx-", "-**-")
# Pathology and lab accession numbers: "S24-20931", "SP-24-30018", "FS25-0442" (letters, a year, a number).
_ACCESSION = re.compile(r"[A-Z](?<![\w-][A-Z])[A-Z]{0,2}-?\d{2}-\d{3,6}(?:[ \t]+[A-Z]\d{1,2})?(?![\w-])")
_LONG_DIGITS = re.compile(r"\d(?<![\w.,/-]\d)\d{6,}(?![\w/-]|[.,]\d)")
_CODED_ID = re.compile(r"[A-Z](?<![\w-][A-Z])[A-Z]{0,2}-?\d{6,}(?![\w-])")
_UNIT_AFTER = re.compile(r"\s*(?:copies|cells|units?|iu|mg|mcg|ml|l\b|/|%|x\b|per\b|k\b)", re.I)
_PHONE_CONTEXT = re.compile(rf"(?:{_PHONE_WORDS})\W*(?:\w+\W+){{0,3}}$", re.I)
_DIGITS = re.compile(r"\d")


def numbers(text: str, low: str) -> Iterator[Candidate]:
    """Phone numbers, keyed ids (MRN, member ID, serial no. ...), SSNs and long bare numbers."""
    for m in _keyed_ids(low):
        key = m.group("key")
        if key in _SHORT_KEYS and not text[m.start("key") : m.end("key")].isupper():
            continue
        if len(_DIGITS.findall(m.group("id"))) < 2 or _not_the_patients(
            low, m.start("key"), generic=key in _GENERIC_ID_KEYS
        ):
            continue
        yield Candidate(m.start("id"), m.end("id"), "id", KEYED_ID)
    for m in _SSN.finditer(text):
        yield Candidate(m.start(), m.end(), "id", KEYED_ID)
    if any(word in low for word in _SSN_LAST4_WORDS):
        for m in _SSN_LAST4.finditer(low):
            yield Candidate(m.start("d"), m.end("d"), "id", KEYED_ID)
    has_local = bool(_LOCAL_SHAPE.search(text))  # cheap: no "ddd-dddd" shape, no US or local phone
    for pattern in (_US_PHONE, _INTL_PHONE, _INTL_00_PHONE, _NATIONAL_PHONE):
        if pattern is _US_PHONE and not has_local:
            continue
        for m in pattern.finditer(text):
            if 7 <= len(_DIGITS.findall(m.group())) <= 15:
                yield Candidate(m.start(), m.end(), "phone", PHONE)
    for m in _LOCAL_PHONE.finditer(text) if has_local else ():
        before = text[max(0, m.start() - 40) : m.start()]
        if _PHONE_CONTEXT.search(before) or (
            m.group("sep") == "-" and not _UNIT_AFTER.match(text, m.end()) and not _LAB_BEFORE.search(before[-16:])
        ):
            yield Candidate(m.start(), m.end(), "phone", PHONE)
    for m in _LONG_DIGITS.finditer(text):
        if _UNIT_AFTER.match(text, m.end()) or _not_the_patients(low, m.start(), generic=True):
            continue
        before = text[max(0, m.start() - 40) : m.start()]
        is_phone = len(m.group()) in (7, 10, 11) and _PHONE_CONTEXT.search(before)
        yield Candidate(m.start(), m.end(), "phone" if is_phone else "id", PHONE if is_phone else BARE_ID)
    for m in _CODED_ID.finditer(text):
        if not _not_the_patients(low, m.start(), generic=True):
            yield Candidate(m.start(), m.end(), "id", BARE_ID)
    for m in _ACCESSION.finditer(text):
        yield Candidate(m.start(), m.end(), "id", BARE_ID)


def _keyed_ids(low: str) -> Iterator[re.Match]:
    """``_KEYED_ID.finditer(low)``, tried only where a key's first word stands (the same matches, found faster)."""
    reached = 0
    for start, _, _ in _ID_KEY_START.finditer(low):
        m = _KEYED_ID.match(low, start) if start >= reached else None
        if m:
            reached = m.end()
            yield m


def _not_the_patients(low: str, start: int, *, generic: bool) -> bool:
    """The applicant's own AAMC/ECFMG id, or (for a bare number or a plain "ID") a staff member's id."""
    before = low[max(0, start - 30) : start]
    return bool(_OWN_ID_BEFORE.search(before) or (generic and _STAFF_ID_BEFORE.search(before)))


# ---------------------------------------------------------------- dates

_MONTH_FULL = r"January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBR = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
# Full month names in any case except "may" (a verb); abbreviations capitalised.
_MONTH = (
    rf"(?:(?i:{_MONTH_FULL.replace('May|', '')})|May|MAY|(?:{_MONTH_ABBR}|{_MONTH_ABBR.upper()}|{_MONTH_ABBR.lower()})\.?"
    r"|may(?=\s+\d\d?(?:st|nd|rd|th)\b))"  # lower-case "may" is a verb unless an ordinal day follows
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_NAMED_DATE = re.compile(
    rf"""\b(?=[\dJFMASONDjfmasond])(?:  # a weekday before it says nothing more: "Tue, [date]"
        {_MONTH}\s+(?:the\s+)?{_DAY}(?:\s*[-–]\s*{_DAY})?(?![\d:.]\d|\s*(?:mg|mcg|units?|%|am|pm|hours?|hrs?|minutes?|min)\b)
        (?:,?\s+{_YEAR})?
      | {_DAY}(?:\s*(?:[-–]|to|thru|through|and|&)\s*(?:the\s+)?{_DAY})?\s+(?:of\s+)?
        (?:{_MONTH}(?:,?\s+{_YEAR})?
          |(?:(?<=st[ ]|nd[ ]|rd[ ]|th[ ])|(?<=st[ ]of[ ]|nd[ ]of[ ]|rd[ ]of[ ]|th[ ]of[ ]))may\b(?!\s+(?:be|have|has|not|need|want|get|go|help|also|still|take|require|come|feel|benefit|well|only|just)\b))
    )(?![\w])""",
    re.X,
)
# Where a named date can start: at a month's name, or at the day before it ("5th of may", "3rd-7th june").
_MONTH_WORDS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
_DAY_BEFORE_MONTH = re.compile(rf"\b{_DAY}(?:\s*(?:[-–]|to|thru|through|and|&)\s*(?:the\s+)?{_DAY})?\s+(?:of\s+)?$")
_DIGIT = re.compile(r"\d")
# "march first", "the third of june": a day in words, found from the word, then a month before or after it.
_DAY_WORDS = re.compile(
    word_alternation(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
        "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth".split()
    )
)
_DAY_WORD_STEMS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "teenth",
    "twentieth",
    "thirtieth",
)
_OF_MONTH_AFTER = re.compile(rf"\s+of\s+{_MONTH}\b")
_MONTH_BEFORE = re.compile(rf"\b{_MONTH}\s+(?:the\s+)?$")
# A date may be the first or the second half of a range: "4/2/25-4/8/25", "8/1-8/14".
_RANGE_BEFORE = r"(?<![\w/.:]\d)(?<!(?<!\d)-\d)"
_RANGE_AFTER = r"(?:-(?=\d\d?[/.-]\d))?"
_NUMERIC_DATE = re.compile(
    rf"(?P<a>\d{_RANGE_BEFORE}\d?)(?P<sep>[/.-])(?P<b>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}|\d{{2}})"
    rf"(?=-\d\d?[/.-]\d|(?![\w/.:-]*\d))"
)
_DMY_DATE = re.compile(  # "05-Mar-2025", "14-mar-25", "1/Dec/2024"
    rf"\d(?<![\w/.:-]\d)\d?(?P<sep>[-/. ])(?i:{_MONTH_ABBR}|May)(?P=sep)(?:\d{{4}}|\d{{2}})(?![\w/-])"
)
_ISO_DATE = re.compile(
    r"(?P<y>[12](?<![\w/.:-][12])[09]\d{2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\w/.:-]*\d)"
)
_SHORT_DATE = re.compile(
    rf"(?P<a>\d{_RANGE_BEFORE}\d?)/(?P<b>\d{{1,2}})"
    r"(?=-\d\d?/\d|(?![\w/%-]|[.:]\d|\s*(?:murmur|strength|power|pain|tabs?|dose|NS|scale|of|cups?|inch(?:es)?|pills?|tsp|tbsp)\b))"
)
_LIST_GAP = re.compile(r"\s*(?:[-–,&]|,?\s*and|to|thru|through|or|until|till)\s*")
# "on the 21st", "taper ends the 16th", "back the 14th": "the" and a day of the month, with nothing after it
# that it could count ("the 3rd floor", "the 2nd dose" are not dates).
_ORDINAL_DAY = re.compile(
    r"""(?P<d>\d(?<=\bthe[ ]\d)\d?(?:st|nd|rd|th))\b  # found from the digit, the rarer part; 1st to 31st
        (?=\s*(?:[,.;:!?)\n]|$|-|–)|\s+(?:and|at|with|in|for|but|so|when|after|before|then|or|to|until|&|bc|because
           |which|she|he|they|we|i|pt|her|his|too|again|as|if|per|around|ish|of\s+(?:the\s+month|this|last|next|[a-z]{3,9}\b(?!\s+\d)))\b)""",
    re.X,
)
_ORDINAL_SHAPE = re.compile(r"\d(?:st|nd|rd|th)\b")
_YEAR_SHAPE = re.compile(r"1[89]\d\d")
# "born 1931", "b. 1928", "DOB year 1929": a year of birth that makes the patient 90 or older.
_BIRTH_YEAR = re.compile(
    r"""\b(?:born|b\.|dob|d\.o\.b\.?|yob|birth\s*year|year\s+of\s+birth)
        (?:\s+(?:year|yr|is|was|in|on|back|around|about|circa|ca\.?))*\s*[:#]?\s*(?P<y>1[89]\d\d)\b(?![/-]\d)
      | \b(?P<y2>1[89]\d\d)\s+(?:is\s+(?:her|his|the)\s+)?(?:birth\s*year|year\s+of\s+birth|yob)\b""",
    re.X,
)
_DATE_CUE = re.compile(
    r"""(?:\b(?:on|admit(?:ted)?|admission|adm|discharged?|d/c|dc'?d|born|dob|since|from|until|till|through|thru|to|by|dated
       |scheduled|seen|visit|appt|appointment|surgery|op|procedure|done|last|next|f/u|follow-?up|readmitted|presented
       |returned|expired|died|delivered|intubated|extubated|started|stopped|biopsy|cath|ct|mri|and|between|birth|date)
       |(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|\b(?:mon|tues?|wed|thu|thur|thurs|fri|sat|sun)\.?|[-–])
       (?:\s+[a-z]+)?[\s,:]*$
     | \b(?:f/u|follow-?up|appt|appointment|visit|seen|scheduled|surgery|procedure)(?:\s+[a-z/]+){1,3}[\s,:]*$""",
    re.X | re.I,
)
_SCORE_BEFORE = re.compile(r"(?i)\b(?:pain|strength|power|gcs|score|murmur|scale|apgar|grade|motor)\b")
_PERSON_EVENT_WORD = re.compile(
    word_alternation(
        "admitted discharged born diagnosed dxd dx'd hospitalised hospitalized operated surgery died passed_away "
        "delivered transplant transplanted intubated readmitted moved relocated immigrated arrived fell retired "
        "widowed injured".replace("_", " ").split(" ")
    )
)
_MONTH_YEAR_AFTER = re.compile(rf"(?:\s+[\w'’-]+){{0,6}}?\s+(?:[Ii]n\s+|[Oo]n\s+)?(?P<date>{_MONTH}\s+{_YEAR})\b")


def _valid_day_month(a: int, b: int) -> bool:
    return (1 <= a <= 12 and 1 <= b <= 31) or (1 <= b <= 12 and 1 <= a <= 31)


def dates(text: str, low: str) -> Iterator[Candidate]:
    """Dates with a day in them ("3/14", "March 3rd", "14 March 2025"); month + year only after an event word.
    A date in a sentence about the applicant's own schedule ("ERAS opens June 5") is left alone."""
    for cand in _dated(text, low):
        sentence = _sentence_around(low, cand.start, cand.end)
        if not (_APPLICANT_SCHEDULE.search(sentence) and not _PATIENT_EVENT.search(sentence)):
            yield cand


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end], at most 200 characters to each side."""
    floor, ceiling = max(0, start - 200), min(len(text), end + 200)
    left = max(text.rfind(c, floor, start) for c in ".!?\n")
    rights = [i for i in (text.find(c, end, ceiling) for c in "!?\n") if i != -1]
    dot = _FULL_STOP.search(text, end, ceiling)
    if dot:
        rights.append(dot.start())
    return text[max(left + 1, floor) : min(rights, default=ceiling)]


_FULL_STOP = re.compile(r"\.(?:\s|$)")
_APPLICANT_SCHEDULE = re.compile(
    r"""\b(?:eras|nrmp|usmle|step\s*[123]|ck|cs|oet|ecfmg|interviews?|deadlines?|applications?|apply|match\s+day|match
        |rotations?|observership|externship|clerkship|elective|sub-?i|personal\s+statement|conference|lecture
        |grand\s+rounds|orientation|vacation|test\s+date|visa|flights?(?!\s+of\s+stairs)|fly|my\s+(?:last|first)\s+day
        |on\s+service|off\s+service|schedule|shifts?|on\s+call|call\s+nights?|med\s+school|medical\s+school|residency)\b""",
    re.X,
)
_PATIENT_EVENT = re.compile(
    r"""\b(?:admit|admitted|admission|discharged?|born|dob|birth|surgery|operat\w*|procedure|biopsy|died|expired|delivered
        |patient|pt|mr|mrs|ms|miss|his|her|their|he|she|wife|husband|son|daughter|family|seen|visit|follow-?up|f/u|appt
        |dialysis|chemo|transplant|intubated|extubated|diagnosed|readmitted|injury|fall|fell)\b""",
    re.X,
)


_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_YEAR_IN_TEXT = re.compile(r"[12][09]\d\d")


def _dated(text: str, low: str) -> Iterator[Candidate]:
    months = any(stem in low for stem in _MONTH_STEMS)  # cheap: most notes name no month at all
    for m in _named_dates(text, low) if months else ():
        yield Candidate(m.start(), m.end(), "date", DATE)
    day_words = months and any(stem in low for stem in _DAY_WORD_STEMS)  # cheap: most notes spell no day out
    for m in _DAY_WORDS.finditer(low) if day_words else ():
        after = _OF_MONTH_AFTER.match(text, m.end())
        before = None if after else _MONTH_BEFORE.search(text, max(0, m.start() - 16), m.start())
        if after or before:
            yield Candidate(before.start() if before else m.start(), after.end() if after else m.end(), "date", DATE)
    for m in _NUMERIC_DATE.finditer(text):
        if _valid_day_month(int(m.group("a")), int(m.group("b"))):
            yield Candidate(m.start(), m.end(), "date", DATE)
    year = bool(_YEAR_IN_TEXT.search(text))
    for m in _ISO_DATE.finditer(text) if year else ():
        if m.group("y")[:2] in ("19", "20") and 1 <= int(m.group("m")) <= 12 and 1 <= int(m.group("d")) <= 31:
            yield Candidate(m.start(), m.end(), "date", DATE)
    for m in _DMY_DATE.finditer(text) if months else ():
        if 1 <= int(text[m.start() : m.start("sep")]) <= 31:
            yield Candidate(m.start(), m.end(), "date", DATE)
    yield from _short_dates(text)
    for event in _PERSON_EVENT_WORD.finditer(low) if months and year else ():
        m = _MONTH_YEAR_AFTER.match(text, event.end())
        if m:
            yield Candidate(m.start("date"), m.end("date"), "date", DATE)
    if _ORDINAL_SHAPE.search(low):
        for m in _ORDINAL_DAY.finditer(low):
            if 1 <= int(m.group("d")[:-2]) <= 31:
                yield Candidate(m.start("d"), m.end("d"), "date", DATE)


def _named_dates(text: str, low: str) -> Iterator[re.Match]:
    """Matches of ``_NAMED_DATE``, tried only at a month's name and at a day just before one."""
    tried: set[int] = set()
    for month, _, _ in _words(low)["month"]:
        starts = [month]
        if _DIGIT.search(low, max(0, month - 30), month):
            day = _DAY_BEFORE_MONTH.search(text, max(0, month - 30), month)
            if day:
                starts.insert(0, day.start())
        for start in starts:
            if start not in tried:
                tried.add(start)
                m = _NAMED_DATE.match(text, start)
                if m:
                    yield m


REFERENCE_YEAR = 2026  # the year a text is read in when the caller does not say (see guard.find_phi)


def birth_years(low: str, this_year: int) -> Iterator[Candidate]:
    """A birth year that makes the patient 90 or older in ``this_year`` ("born 1931")."""
    if _YEAR_SHAPE.search(low):
        for m in _BIRTH_YEAR.finditer(low):
            group = "y" if m.group("y") else "y2"
            if this_year - int(m.group(group)) >= 90:
                yield Candidate(m.start(group), m.end(group), "date", DATE)


def _short_dates(text: str) -> Iterator[Candidate]:
    """ "3/14" after a cue ("admitted 3/14", "fri 4/11"); every m/d of a range or list ("8/1-8/14", "2/5, 2/26")."""
    chain: list[tuple[re.Match, bool]] = []
    for m in _SHORT_DATE.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if not (1 <= a <= 12 and 1 <= b <= 31):
            continue
        before = text[max(0, m.start() - 40) : m.start()]
        if _SCORE_BEFORE.search(before):
            continue
        if chain and not _LIST_GAP.fullmatch(text, chain[-1][0].end(), m.start()):
            yield from _settle_chain(chain)
            chain = []
        chain.append((m, bool(_DATE_CUE.search(before))))
    yield from _settle_chain(chain)


def _settle_chain(chain: list[tuple[re.Match, bool]]) -> Iterator[Candidate]:
    """A cued m/d is a date; so is every m/d of a list, unless all of them are out of 10 ("7/10, 3/10": scores)."""
    listed = len(chain) > 1 and any(m.group("b") != "10" for m, _ in chain)
    for m, cued in chain:
        if cued or listed:
            yield Candidate(m.start(), m.end(), "date", DATE)


# ---------------------------------------------------------------- ages over 89

_TENS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_OLD_WORDS = (
    rf"(?:ninety(?:[\s-]{_TENS})?|(?:a|one)[\s-]hundred(?:[\s-](?:and[\s-])?(?:{_TENS}|ten|eleven|twelve|\w+teen))?)"
)
_AGE_UNIT = r"(?:[\s-]*(?:years?|yrs?|y)[\s-]*(?:old|young)|[\s-]something\b|[\s-]*(?:y/o|y\.o\.?|yo|yrs?\b|years?\s+of\s+age)|\s*-?\s*yo?\s?[MF]\b)"
_AGE_NUMBER = re.compile(  # 90-119, starting with a literal digit so the engine skips ahead fast
    rf"""(?P<n>9(?<![\w.,/-]9)\d|1(?<![\w.,/-]1)[01]\d)(?!\d|[.,]\d)
        (?P<unit>{_AGE_UNIT}|(?:st|nd|rd|th)\s+(?:birthday|bday|b-day)
           |(?=\s*[MF]\b(?!\.\w)(?:\s*(?:with|w/|pw|presenting|who|,|\)|hx|h/o|s/p|$)))\s*[MF]\b
           |M\b(?![.'’/-]?\w|\s*(?i:units?|iu|cells|copies|doses?|people|views|users)))?  # "97M from a nursing home": a capital M stuck to the number is male (F may be Fahrenheit)""",
    re.X,
)
_AGE_WORDS = re.compile(
    rf"""\b(?=[nioas])(?:(?P<w>{_OLD_WORDS})(?P<unit>{_AGE_UNIT.replace("[MF]", "[mf]")})?
        |in\s+(?:her|his|their)\s+(?P<decade>(?:(?:early|mid|late)[\s-]+)?(?:90s|90's|nineties|hundreds))
        |(?:super)?(?:nonagenarian|centenarian)s?\b)""",
    re.X,
)
_AGE_WORD_STEMS = ("ninet", "hundred", "genarian", "in her", "in his", "in their")
# A bare 90-119 or number word is an age only right after these words.
_ABOUT = (
    r"(?:(?:about|almost|nearly|around|like|maybe|probably|already|now|over|just|at\s+least|approx\.?|roughly|~)\s*)?"
)
_AGE_WORD_BEFORE = re.compile(
    rf"""(?ix)(?:\b(?:aged?|turned|turns|turning|(?:will|to|'ll|gonna)\s+turn|is\s+now|(?:will|'ll|gonna|going\s+to|lived\s+to)\s+be)\s*:?\s*{_ABOUT}
        |\b(?:he|she|who|pt|patient|they|grandma|grandpa|granny|nana|grandmother|grandfather|mom|dad|mother|father
           |husband|wife|aunt|uncle)(?:'s|\s+is|\s+was)\s+{_ABOUT}
        |\b(?:is|was|'s)\s+(?:about|almost|nearly|around|like|roughly|at\s+least)\s+
        |\)\s+is\s+)$"""
)
# "pt today was 96", "mr k is 98": the person, a word or two, then "is"/"was".
_PERSON_IS_BEFORE = re.compile(
    rf"""(?ix)\b(?:he|she|pt|patient|grandma|grandpa|granny|nana|grandmother|grandfather|mom|dad|mother|father
          |husband|wife|aunt|uncle|mrs?\.?|ms\.?|miss)
        (?:[ \t]+(?:[a-z]\.?|today|now|still|really|actually|already|also|here|apparently|reportedly|literally))*
        [ \t]+(?:is|was)[ \t]+{_ABOUT}$"""
)
_NAME_IS_BEFORE = re.compile(rf"(?P<w>[A-Z][a-z'’-]+)[ \t]+(?:is|was)[ \t]+(?i:{_ABOUT})$")  # "Santos is 92"
_OLDEST_BEFORE = re.compile(r"(?i)\b(?:oldest|centenarian)\b[^.;\n\d]{0,50}$")  # "my oldest pt ever, 103!"
_AT_AGE_AFTER = re.compile(r"(?i),?[ \t]+(?:she|he|they|the[ \t]+(?:pt|patient)|pt|mrs?\.?|ms\.?|grandma|grandpa)\b")
_AGE_IN_PARENS = re.compile(r"[^\W\d_]{2,}[ \t]*\($")  # "Mrs. Haddad (92)"
_VITAL_BEFORE = re.compile(
    r"(?i)\b(?:hr|heart\s+rate|sats?|spo2|o2|bp|pulse|weight|wt|glucose|sugars?|bg|fsbg|(?<!mr\s)(?<!mrs\s)(?<!ms\s)k|na|cr"
    r"|bun|plt|wbc|hgb|hb|temp"
    r"|rr|score|level|iq|ef|fev1|map|sbp|dbp|rate|count|pressure)\b[^.;\n]{0,12}$"
)
_LISTED_AGE_BEFORE = re.compile(r"[^\W\d_],\s$")  # "Mr. Bauer, 92, lives with his son"
_NOT_AN_AGE_AFTER = re.compile(r"(?i)\s*(?:%|percent|mg|kg|lbs?|bpm|mmhg|beats|cm|over|/|minutes|min|days)")
_TEMPERATURE_BEFORE = re.compile(r"(?i)(?:\bt|tmax|temp|temperature|febrile|fever|°)\W*$")


def ages(text: str, low: str) -> Iterator[Candidate]:
    for m in _AGE_NUMBER.finditer(text):
        before = text[max(0, m.start() - 20) : m.start()]
        if _TEMPERATURE_BEFORE.search(before[-12:]):
            continue
        if (
            m.group("unit")
            or not _NOT_AN_AGE_AFTER.match(text, m.end())
            and (not _VITAL_BEFORE.search(before) or _PERSON_IS_BEFORE.search(before))  # "mr k is 98"
            and (
                _AGE_WORD_BEFORE.search(before)
                or _said_as_age(text, m.start(), m.end())
                or (before.endswith("(") and _AGE_IN_PARENS.search(before) and text[m.end() : m.end() + 1] in ("),!?"))
                or (_LISTED_AGE_BEFORE.search(before) and text[m.end() : m.end() + 1] == ",")
            )
        ):
            yield Candidate(m.start(), m.end(), "age", AGE)
    for m in _AGE_WORDS.finditer(low) if any(w in low for w in _AGE_WORD_STEMS) else ():
        if m.group("decade"):
            yield Candidate(m.start("decade"), m.end("decade"), "age", AGE)
        elif not m.group("w") or m.group("unit"):
            yield Candidate(m.start(), m.end(), "age", AGE)
        elif (
            _AGE_WORD_BEFORE.search(low[max(0, m.start() - 20) : m.start()]) or _said_as_age(text, m.start(), m.end())
        ) and not _NOT_AN_AGE_AFTER.match(low, m.end()):
            yield Candidate(m.start("w"), m.end("w"), "age", AGE)


def _said_as_age(text: str, start: int, end: int) -> bool:
    """A bare 90 or more that the words around make an age: "pt today was 96", "Santos is 92",
    "my oldest pt ever, 103", "at 96 she still drives"."""
    before = text[max(0, start - 60) : start]
    if _PERSON_IS_BEFORE.search(before[-40:]) or _OLDEST_BEFORE.search(before):
        return True
    if before.endswith(("at ", "At ")) and _AT_AGE_AFTER.match(text, end):
        return True
    named = _NAME_IS_BEFORE.search(before[-30:])
    if named:
        flags = word_flags(named.group("w"))
        return bool(flags & (FIRST | LAST)) and not flags & (CLINICAL | DRUG)
    return False


# ---------------------------------------------------------------- addresses


_STREET_SUFFIX = (
    r"Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Parkway|Pkwy"
    r"|Highway|Hwy|Circle|Cir|Square|Sq|Trail|Trl|Plaza|Alley|Row|Crescent|Loop|Pike|Turnpike|Expressway|Expy|Freeway|Fwy"
    r"|Concourse|Causeway|Esplanade|Promenade|Route|Rte"
)
_STREET_WORD = r"(?:[A-Z][\w'’.-]*|\d+(?:st|nd|rd|th))"
_UNIT = r"(?:,?\s+(?:Apt|Apartment|Unit|Suite|Ste|Fl|Floor|Room|\#)\.?\s*\#?\s*[\w-]+)?"
_STATE = (  # US postal codes
    r"(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|PR|RI|S[CD]|T[NX]|UT|V[AT]"
    r"|W[AIVY])"
)
_CITY_STATE_ZIP = (
    rf"(?:,\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,2}})?(?:,?\s+{_STATE}\b\.?)?(?:,?\s+\d{{5}}(?:-\d{{4}})?)?"
)
_STREET = re.compile(
    rf"""(?:\d(?<![\w/.-]\d)\d{{0,5}}[A-Z]?\s+(?:(?:[NSEW]\.?|North|South|East|West)\s+)?
         (?:{_STREET_WORD}\s+){{1,3}}(?:{_STREET_SUFFIX})\b\.?{_UNIT}{_CITY_STATE_ZIP}
       | \d(?<![\w/.-]\d)\d{{0,4}}\s+(?:Rue|Calle|Avenida|Av\.|Via|Rua|Strada|Chemin|Carrera|Jalan|Jl\.)\s+
         (?:[\w'’-]+\s+){{0,3}}?[A-Z][\w'’-]+{_UNIT})""",
    re.X,
)
_PO_BOX = re.compile(r"[Pp](?<!\w[Pp])\.?\s?[Oo]\.?\s+Box\s+\d+")
_STATE_ZIP = re.compile(
    rf"""(?:[A-Z](?<![\w'’.-][A-Z])[\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,2}},\s*{_STATE},?\s+\d{{5}}(?:-\d{{4}})?\b
       | [A-Z](?<![\w-][A-Z])[A-Z](?<={_STATE})\s+\d{{5}}(?:-\d{{4}})?\b)""",
    re.X,
)
_ZIP_SHAPE = re.compile(r"\d{5}")
# A street named without a house number, after a preposition: "off Maple Ave", "crossing Broad Street".
_SUFFIX_WORD = re.compile(rf"(?:{_STREET_SUFFIX.replace('|Route|Rte', '')})\b\.?(?![ \t]*[A-Z][a-z])")
_DOCTOR_NAME = re.compile(r"Dr\.[ \t]*[A-Z][a-z]")  # "Dr. Smith" is no drive
_STREET_NAME_BEFORE = re.compile(
    rf"""(?:\b(?:on|off|near|by|at|along|crossing|across|down|up|onto|from|to|of|lives?|living|lived|corner\s+of)\s+
        |\b(?:{_STREET_SUFFIX})\.?\s+(?:and|&|/|at)\s+
        |\b(?i:address|addr|apt|apartment|house|home)(?:\s+is|\s*:)?\s+  # "address is Elm St"
        |(?P<line>(?:^|[\n•*;])[ \t]*))  # "Maple Ave apartment has no elevator"
        (?P<street>(?:(?:[NSEW]\.?|North|South|East|West)\s+)?(?:{_STREET_WORD}\s+){{1,3}})$""",
    re.X,
)
# "off Route 9", "on county rd 12", "near i-95", "lives on broadway": roads known by a number, and a few by name.
_ROUTE = re.compile(
    r"\b(?:on|off|near|by|at|along|crossing|from|down|up|under|to)\s+"
    r"(?P<street>(?:(?:county|state|farm|us|old)\s+)?(?:route|rte|highway|hwy|road|rd|interstate|i-)\.?\s*\#?\s*\d+[a-z]?"
    r"|broadway|(?:the\s+)?bowery|(?:the\s+)?embarcadero|avenue\s+[a-d]|ave\s+[b-d])\b"  # "on ave c"
)
_ROUTE_WORDS = (
    "route",
    "rte",
    "highway",
    "hwy",
    "interstate",
    "county r",
    "state r",
    "farm r",
    "broadway",
    "bowery",
    "avenue ",
    "ave b",
    "ave c",
    "ave d",
)
# "on oak st", "from bergen st", "off lincoln ave": a street typed in lower case, one or two words and a suffix
# that is nothing else in a note, after a preposition of place. Found from the suffix, the rarer part.
_LOWER_SUFFIX = "st street ave avenue av rd road blvd boulevard ln pkwy parkway hwy highway".split()
_STREET_PREPS = r"(?:on|off|near|by|along|crossing|across|down|up|onto|from|at|to|of)"
_LOWER_STREET_BEFORE = re.compile(
    rf"\b{_STREET_PREPS}[ \t]+"
    rf"(?P<street>(?:[nsew]\.?[ \t]+)?(?:(?!{_STREET_PREPS}\b)[a-z][a-z'’-]{{2,}}[ \t]+){{1,2}})$"
)
_NOT_A_STREET_AFTER = re.compile(r"[ \t]*(?:elevation|depression|segment|changes?|wave|abnormalit)")
_NUMBERED_STREET = re.compile(
    r"\d(?<![\w]\d)\d{0,2}(?:st|nd|rd|th)[ \t]+(?i:st|street|ave|avenue|rd|road|blvd|pl|place|dr|drive|ln|lane|ter|terrace)\b\.?"
)
_NUMBERED_STREET_HINTS = (
    "th st",
    "nd st",
    "rd st",
    "st st",
    "th ave",
    "nd ave",
    "rd ave",
    "st ave",
    "th rd",
    "th pl",
    "th dr",
    "th ln",
    "th ter",
    "th blvd",
    "nd dr",
    "rd dr",
    "st dr",
    "nd pl",
    "rd pl",
    "st pl",
)
_NUMBERED_STREET_BEFORE = re.compile(r"\b(?:on|off|near|at|by|along|crossing)[ \t]+(?P<dir>[nsew]\.?[ \t]+)?$")
_ABBREVIATION_END = re.compile(rf"\b(?:{_STREET_SUFFIX}|Apt|Ste|Fl)\.$")
_ZIP = re.compile(
    r"[ZzPp](?<!\w[ZzPp])(?i:ip(?:\s*code)?|ostal\s+code|ost\s*code)\b\s*(?:is\s*)?[:#]?\s*(?P<zip>\d{5}(?:-\d{4})?)\b"
)
# Towns and neighbourhoods, found without a gazetteer: a capitalised phrase after a word of residence or
# travel ("lives in Toledo", "drove in from Cicero", "a Hamtramck resident"), after a bare "from" when it
# cannot be a person, or shaped like a place ("in Sheepshead Bay", "from Fort Lee"); not a department, a
# drug, a hospital, a country or state, nor the applicant's own story ("I'm from Lagos").
_PLACE_WORD = r"(?:St\.|[A-Z][\w'’-]*|\d+(?:st|nd|rd|th)\b)"
_PLACE = rf"{_PLACE_WORD}(?:\s+(?:(?:de|del|la|of)\s+)*{_PLACE_WORD})*"
_PLACE_AT = re.compile(rf"(?P<place>{_PLACE})(?=(?:,\s*(?:{_STATE}|[A-Z][a-z]+))?[\s,.;:!?)]|$)")
# A word of residence or of travel, then a few words, then the place: "lives way out in Riverhead",
# "stays at her daughter's in Pawtucket", "drove in from Cicero", "went back to Passaic"; or a bare "from",
# which also introduces people ("feedback from Priya").
_STAY_WORDS = (
    "live lives living lived reside resides residing stay stays staying stayed move moved moving relocated relocating "
    "grew_up raised home homeless native hometown apartment apt house farm trailer motel shelter condo building "
    "family_is family_lives family_live family_stays family_are relatives_are relatives_live kids_are kids_live "
    "children_are children_live daughter_is daughter_lives daughter_stays son_is son_lives son_stays family's "
    "daughter's son's kids're"
).split()
_TRAVEL_WORDS = (
    "drove drive drives driving came come comes coming commute commutes commuted commuting flew flown flies flying "
    "traveled travelled travel travels traveling travelling bused rode visiting went_back goes_back going_back "
    "headed_back heading_back returned_back got_back works working worked"
).split()
_NAMED_WORDS = (
    "town_called town_named city_called city_named village_called area_called neighborhood_called "
    "neighbourhood_called suburb_called resident_of residents_of native_of"
).split()
_WHERE_KIND = {
    **{w.replace("_", " "): "stay" for w in _STAY_WORDS},
    **{w.replace("_", " "): "travel" for w in _TRAVEL_WORDS},
    **{w.replace("_", " "): "named" for w in _NAMED_WORDS},
    "from": "from",
}
_WHERE_CUE = list(_WHERE_KIND)
_THE = re.compile(r"\s+(?:(?P<the>the)\s+)?")
# "they're from Corona", "pt is originally from Ponce": where someone comes from, not who said something.
_ORIGIN_BEFORE = re.compile(
    r"\b(?:he|she|they|pt|patient|family|parents|who)(?:['’]s|['’]re|\s+is|\s+are|\s+was|\s+were)"
    r"(?:\s+(?:originally|also|all|both))?\s+$"
)
_CAPITAL = re.compile(r"[A-Z]")
# A lower-case word after a preposition, not a determiner or an everyday place: "lives in hialeah", not "in a house".
_LOWER_PREP = re.compile(
    r"\b(?:in|from|on|off|near|to|by|at|outside|around)\s+(?:the\s+)?"
    r"(?!(?:a|an|the|his|her|their|my|our|its|this|that|home|bed|town|house|here|there|with|w|and|to|of|for|pt|er|ed"
    r"|icu|hospital|floor|room|unit|school|work|church|rehab|time|touch|front|order|pain|tears)\b)[a-z\d]"
)
_WHERE_PREP = re.compile(r"\b(?P<prep>in|at|from|to|on|of|near|outside|off|by|around)\s+(?P<the>the\s+)?")
_CLAUSE_BREAK = re.compile(r"[.;!?\n(,:]|\s(?:and|but|so|because|bc|who|which|where|when)\s")
# "moved from Fall River to New Bedford": a second place joined to the first.
_PLACE_CHAIN = re.compile(r"\s*,?\s*(?:to|and|or|&|then|/|->|→)\s+(?:the\s+)?(?=[A-Z])")
# "in Sheepshead Bay", "from Jackson Heights": a place-shaped phrase after a preposition, no verb needed.
_PLACE_PHRASE_CUE = re.compile(r"\b(?:in|from|near|to|around|outside|at|of|by)\s+(?:the\s+)?(?=[A-Z])")
_PLACE_HEADS = frozenset(
    "bay heights park hill hills village square beach falls river springs lake lakes harbor harbour point valley "
    "gardens island junction creek ridge grove woods meadows landing township town port glen hollow bluffs rapids "
    "shores estates mills plains vista haven crossing corners ferry bend cove dale side".split()
)
_PLACE_MODIFIERS = frozenset(
    "north south east west new old upper lower little grand great mount mt mt. fort ft ft. port saint st st. ste "
    "ste. san santa los las el la le lake".split()
)
_LOWER_MODIFIER_STARTS = tuple(f"{w} " for w in sorted(_PLACE_MODIFIERS))  # "from south boston"
_PLACE_SHAPE = re.compile(word_alternation([w.capitalize() for w in _PLACE_HEADS] + ["Fort", "Ft", "Mount", "Mt"]))
_RESIDENT = re.compile(r"resident\b")
_PLACE_BEFORE_RESIDENT = re.compile(rf"\b(?:[Aa]n?|[Tt]he)\s+(?P<place>{_PLACE})\s+$")
_INSTITUTION_AFTER = re.compile(
    r"\s*(?:'s\s+)?(?:Hospital|Medical|Center|Centre|Clinic|Health|University|College|School|Institute|Memorial|General"
    r"|Regional|Community|County|Children's|VA|Rehab|Nursing|Hospice|House|Home|Manor|Village|Gardens|Care|Shelter)\b"
)
_HEAD_NOUN_AFTER = re.compile(
    r"(?i)\s+(?:criteria|score|scale|classification|protocol|rules?|test|grade|stage|staging|definition|guidelines?"
    r"|model|questionnaire|assessment|shunt|procedure|type|class|system|consensus|chromosome|category|formula|method)\b"
)
# "I'm from", "I am originally from", "we moved here from": the applicant, not a patient.
_SELF_BEFORE = re.compile(
    r"\b(?:i|we)(?:'m|'re|\s+am|\s+are|\s+was|\s+were|\s+come|\s+came)?(?:\s+(?:originally|also|both|all))*"
    r"(?:\s+(?:moved|came|immigrated|relocated|flew|drove)(?:\s+(?:here|over|back|up|down|out))?)?\s+$"
)


def addresses(text: str, low: str) -> Iterator[Candidate]:
    matches = [*_STREET.finditer(text)]
    if "box" in low:
        matches += _PO_BOX.finditer(text)
    if _ZIP_SHAPE.search(text):
        matches += _STATE_ZIP.finditer(text)
    for m in matches:
        end = m.end()
        if text[end - 1] == "." and not _ABBREVIATION_END.search(text, m.start(), end):
            end -= 1
        if text.startswith("ID", m.start()) and end - m.start() <= 11:
            continue  # "interpreter ID 40211" is not Idaho
        yield Candidate(m.start(), end, "address", STREET)
    for m in _SUFFIX_WORD.finditer(text):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_'’.-"):
            continue
        if text[m.start()] == "D" and _DOCTOR_NAME.match(text, m.start()):
            continue
        named = _STREET_NAME_BEFORE.search(text, max(0, m.start() - 60), m.start())
        if named and named.group("line") is not None and not _street_at_line_start(text, m):
            continue
        if named and not any(_clinical_only(w) for w in named.group("street").split()):
            end = m.end() - (text[m.end() - 1] == "." and not _ABBREVIATION_END.search(text, m.start(), m.end()))
            yield Candidate(named.start("street"), end, "address", STREET)
    if any(w in low for w in _ROUTE_WORDS):
        for m in _ROUTE.finditer(low):
            yield Candidate(m.start("street"), m.end("street"), "address", STREET)
    yield from _lower_case_streets(low)
    for m in _ZIP.finditer(text):
        yield Candidate(m.start("zip"), m.end("zip"), "address", STREET)
    numbered = any(suffix in low for suffix in _NUMBERED_STREET_HINTS)  # cheap: most notes name no such street
    for m in _NUMBERED_STREET.finditer(text) if numbered else ():  # "on 125th st", "off w 42nd street"
        before = _NUMBERED_STREET_BEFORE.search(low, max(0, m.start() - 16), m.start())
        if before:
            yield Candidate(before.start("dir") if before.group("dir") else m.start(), m.end(), "address", STREET)
    yield from _places(text, low)


_PLAIN_SUFFIX = re.compile(
    r"(?:Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Lane|Ln|Parkway|Pkwy|Highway|Hwy|Terrace)\.?"
)
_BUSINESS_AFTER = re.compile(
    r"[ \t]+(?i:pharmacy|clinic|hospital|center|centre|rehab|office|station|practice|medical|health|urgent|dialysis"
    r"|nursing|campus|location|site|branch|store)\b"
)


def _street_at_line_start(text: str, suffix: re.Match) -> bool:
    """A street first on its line with no word before it: only with a suffix that names nothing else ("Dr" is
    a doctor, "Way" a word) and not the name of a pharmacy or clinic ("Central Ave pharmacy")."""
    return bool(_PLAIN_SUFFIX.fullmatch(suffix.group())) and not _BUSINESS_AFTER.match(text, suffix.end())


def _lower_case_streets(low: str) -> Iterator[Candidate]:
    """ "picked up from bergen st", "lives on oak st": a street name with no capitals and no house number."""
    for start, end, _ in _words(low)["suffix"]:
        if low[start - 1 : start] in ("'", "’", ".", "/", "-"):
            continue  # "pt's st", "p.o. st"
        if _NOT_A_STREET_AFTER.match(low, end):
            continue  # "st elevation"
        end += low[end : end + 1] == "."
        named = _LOWER_STREET_BEFORE.search(low, max(0, start - 40), start)
        if not named:
            continue
        words = [w.rstrip(".") for w in named.group("street").split()]
        words = words[1:] if words[0] in ("n", "s", "e", "w") else words
        if any(w in _LOWER_FUNCTION_WORDS or _clinical_only(w) for w in words):
            continue  # "on the rd", "on lasix rd"; but "bay pkwy", "washington ave"
        end -= low[end - 1] == "." and not _ABBREVIATION_END.search(low[start:end].title())
        yield Candidate(named.start("street"), end, "address", STREET)


def _places(text: str, low: str) -> Iterator[Candidate]:
    """Towns and neighbourhoods where someone lives or comes from."""
    found: dict[int, re.Match] = {}  # start -> match of the place

    def consider(
        m: re.Match | None,
        cue_start: int,
        *,
        bare_from: bool,
        after_the: bool,
        to: bool = False,
        residence: bool = False,
        street: bool = False,
    ) -> None:
        if not m or m.start() in found:
            return
        if not _locates_someone(
            m.group(), cue_is_bare_from=bare_from, after_the=after_the, to=to, residence=residence, street=street
        ):
            return
        if _INSTITUTION_AFTER.match(text, m.end()) or _HEAD_NOUN_AFTER.match(text, m.end()):
            return  # "from Lincoln Hospital", "the Boston criteria"
        if _SELF_BEFORE.search(low, max(0, cue_start - 30), cue_start):
            return  # "I am from Lagos" is about the applicant
        sentence = _sentence_around(low, m.start(), m.end())
        if _APPLICANT_SCHEDULE.search(sentence) and not _PATIENT_EVENT.search(sentence):
            return  # "grew up in Manila, med school in Cebu": the applicant's own story
        found[m.start()] = m

    for cue_start, cue_end, cue_word in _words(low)["where"]:
        kind = _WHERE_KIND.get(" ".join(cue_word.split()), "stay")
        if kind in ("from", "named"):
            the = _THE.match(low, cue_end)
            if (
                the
                and kind == "from"
                and text[the.end() : the.end() + 1].islower()
                and _bare_from_lower_ok(low, the.end())
            ):
                lower = _lower_place(text, the.end(), street_ok=False)  # "from south boston", "from the bronx"
                after_the = bool(the.group("the"))
                origin = (
                    after_the
                    or _ORIGIN_BEFORE.search(low, max(0, cue_start - 30), cue_start)
                    or low.startswith(" originally", lower.end() if lower else 0)  # "from brooklyn originally"
                )
                if (
                    lower
                    and _lower_place_ok(lower, cue_start, low, after_the=after_the)
                    and (origin or not word_flags(lower.group()) & FIRST)  # "feedback from austin" is a person
                    and not _HEAD_NOUN_AFTER.match(text, lower.end())  # "from denver shunt"
                ):
                    found.setdefault(lower.start(), lower)
                continue
            if the:
                origin = kind == "from" and _ORIGIN_BEFORE.search(low, max(0, cue_start - 30), cue_start)
                consider(
                    _PLACE_AT.match(text, the.end()),
                    cue_start,
                    bare_from=kind == "from" and not origin,
                    after_the=bool(the.group("the")),
                )
            continue
        window_end = min(len(low), cue_end + 50)
        lower_ok = cue_word.startswith(_LOWER_PLACE_CUES)  # "lives in hialeah", "moved from kendall"
        if not _CAPITAL.search(text, cue_end, window_end) and not (
            lower_ok and _LOWER_PREP.search(low, cue_end, min(window_end, cue_end + 24))
        ):
            continue  # most cues: "home meds", "stayed late"
        stop = _CLAUSE_BREAK.search(low, cue_end, window_end)
        travel = kind == "travel"
        moved = cue_word.startswith(("mov", "reloc"))
        for prep in _WHERE_PREP.finditer(low, cue_end, stop.start() if stop else window_end):
            word = prep.group("prep")
            if not text[prep.end() : prep.end() + 1].isupper():
                nxt = text[prep.end() : prep.end() + 1]
                if (
                    lower_ok
                    and (nxt.islower() or nxt.isdigit())
                    and not (travel and word not in ("from", "to", "in"))
                    and _LOWER_PREP.match(low, prep.start())  # not "in a", "at home", "to the icu"
                ):
                    lower = _lower_place(text, prep.end(), street_ok=word in ("on", "off", "near", "by", "at"))
                    # "lives in kendall", "moved from kendall": nobody moves from a person
                    given_ok = word in ("in", "near", "outside", "around") or (moved and word in ("from", "to"))
                    if lower and _lower_place_ok(
                        lower, cue_start, low, given_ok=given_ok, after_the=bool(prep.group("the"))
                    ):
                        found.setdefault(lower.start(), lower)
                continue
            if travel and word not in ("from", "to", "in", "near", "outside", "around"):
                continue
            consider(
                _PLACE_AT.match(text, prep.end()),
                cue_start,
                bare_from=False,
                after_the=bool(prep.group("the")),
                to=word == "to" and not moved,  # "moved to Kendall", but not "went home to Maria"
                residence=kind == "stay" and word in ("in", "near", "outside", "around"),
                street=kind == "stay" and word in ("on", "off"),  # "lives on Maple", "lives off Jefferson"
            )
    if "," in text:  # "from Cicero, IL", "lives in Hialeah, Florida": a town before its state
        for state in _STATE_AFTER_COMMA.finditer(text):
            m = _TOWN_BEFORE_COMMA.search(text, max(0, state.start() - 40), state.start())
            if not m:
                continue
            if m.start() in found or _TITLE_BEFORE.search(text, max(0, m.start() - 6), m.start()):
                continue  # "Dr. Ray, MD"
            locative = _LOCATIVE_END.search(text, max(0, m.start() - 8), m.start())
            if state.group("code") in _CREDENTIAL_STATES and not locative:
                continue  # "Jones, PA", "Rivera, MD": a credential
            first = word_flags(m.group().split()[0])
            if locative or not first & (FIRST | LAST) or first & CITY:  # "Smith, TX" alone may be a person
                consider(_PLACE_AT.match(text, m.start()), m.start(), bare_from=False, after_the=False)
    kin = _FAMILY_WORD.search(low) if "in " in low or "from " in low else None
    for city in (
        _city_names().finditer(text, kin.start()) if kin else ()
    ):  # "her son in Houston": a large city where the patient's family is
        prep = _CITY_PREP_BEFORE.search(text, max(0, city.start() - 12), city.start())
        if prep and city.start() not in found and _FAMILY_WORD.search(low, max(0, city.start() - 70), prep.start()):
            consider(_PLACE_AT.match(text, city.start()), prep.start(), bare_from=False, after_the=False)
    for prep in _PREP_BEFORE_CAPITAL.finditer(text) if kin else ():  # "her sister in Somerville"
        if _KIN_BEFORE.search(
            low, max(0, prep.start() - 40), prep.start()
        ):  # "a text from her son from Maria": a person
            from_ = prep.group("prep") == "from"
            consider(_PLACE_AT.match(text, prep.end()), prep.start(), bare_from=from_, after_the=False)
    searched = 0
    for shape in _PLACE_SHAPE.finditer(text):  # rare words: look for the preposition only around them
        for cue in _PLACE_PHRASE_CUE.finditer(text, max(searched, shape.start() - 60), shape.start() + 1):
            m = _PLACE_AT.match(text, cue.end())
            if m and m.end() >= shape.end() and _place_shaped(m.group()):
                consider(m, cue.start(), bare_from=False, after_the=False)
        searched = shape.start() + 1
    for m in list(found.values()):  # "from Fall River to New Bedford"
        while m:
            chain = _PLACE_CHAIN.match(text, m.end())
            nxt = _PLACE_AT.match(text, chain.end()) if chain else None
            if not nxt or nxt.start() in found:
                break
            consider(nxt, m.start(), bare_from=False, after_the=False)
            m = found.get(nxt.start())
    for m in found.values():
        yield Candidate(m.start(), m.end(), "address", CUED_PLACE)
    for word in _RESIDENT.finditer(low):
        m = _PLACE_BEFORE_RESIDENT.search(text, max(0, word.start() - 60), word.start())
        if m and _locates_someone(m.group("place"), cue_is_bare_from=False, after_the=False):
            yield Candidate(m.start("place"), m.end("place"), "address", CUED_PLACE)


_WORD_LISTS = WordLists({"where": _WHERE_CUE, "suffix": _LOWER_SUFFIX, "month": _MONTH_WORDS})


@lru_cache(maxsize=2)
def _words(low: str) -> dict[str, list[tuple[int, int, str]]]:
    """Words of residence and travel, street suffixes and months in ``low``, found in one pass shared by
    ``dates`` and ``addresses`` (the text read last is kept)."""
    return _WORD_LISTS.find(low)


def _clinical_only(word: str) -> bool:
    """A department, drug or other clinical word that is not also an ordinary word or a name ("Cardiology", not "Grand")."""
    flags = word_flags(word.rstrip("."))
    return bool(flags & DRUG or (flags & CLINICAL and not flags & (ENGLISH | FIRST | LAST | CITY)))


def _place_shaped(place: str) -> bool:
    """ "Sheepshead Bay", "Jackson Heights", "Fort Lee": a name and a word that places use."""
    words = [fold(w) for w in place.split()]
    if len(words) < 2 or len(words) > 4:
        return False
    head, first = words[-1], words[0]
    if head in _PLACE_HEADS and first not in _GENERIC_PLACE_WORDS and first != head:
        return True
    return first in ("fort", "ft", "ft.", "port", "mount", "mt", "mt.") and head not in _GENERIC_PLACE_WORDS


_GENERIC_PLACE_WORDS = frozenset(
    {"new", "north", "south", "east", "west", "the", "of", "de", "del", "la", "city", "st.", "saint"}
)
_PLACE_WORDS = _PLACE_HEADS | _PLACE_MODIFIERS


def _names_institution(key: str) -> bool:
    """ "henry ford", "lenox hill hospital": the folded words hold the name of a hospital."""
    words, institutions = key.split(), institution_phrases()
    return any(
        " ".join(words[i:j]) in institutions
        for i in range(len(words))
        for j in range(i + 1, min(len(words), i + 4) + 1)
    )


_LOWER_PLACE_CUES = ("liv", "resid", "stay", "mov", "reloc", "grew", "raised", "drove", "commut", "fl", "travel")
_LOWER_PLACE = re.compile(
    r"(?:[nsew]\.?[ \t]+(?=[a-z\d][a-z\d'’-]*[ \t]+(?:st|ave|rd|blvd|street|avenue|road)\b))?(?:[a-z][a-z'’-]+|\d+(?:st|nd|rd|th))(?:[ \t]+[a-z][a-z'’.-]*){0,2}"
)
_LOWER_STREET_SUFFIX = frozenset(
    "street st st. avenue ave ave. av road rd rd. boulevard blvd blvd. lane ln drive way parkway pkwy court ct place pl "
    "terrace highway hwy".split()
)
# Found from the comma: ", IL", ", Florida"; the town is looked for just before it.
_STATE_AFTER_COMMA = re.compile(
    rf",[ \t]*(?:(?P<code>{_STATE})\b"
    r"|(?:Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Idaho|Illinois|Indiana"
    r"|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana"
    r"|Nebraska|Nevada|New[ \t]+(?:Hampshire|Jersey|Mexico|York)|North[ \t]+(?:Carolina|Dakota)|Ohio|Oklahoma|Oregon"
    r"|Pennsylvania|Rhode[ \t]+Island|South[ \t]+(?:Carolina|Dakota)|Tennessee|Texas|Utah|Vermont|Virginia|Washington"
    r"|West[ \t]+Virginia|Wisconsin|Wyoming|Puerto[ \t]+Rico)\b)"
)
_TOWN_BEFORE_COMMA = re.compile(r"(?<![\w'’.-])[A-Z][a-z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2}$")
_CREDENTIAL_STATES = frozenset({"MD", "PA", "ME", "OR", "IN", "OK", "HI", "ID", "DE", "CO", "MS", "MA", "NP", "RN"})
_LOCATIVE_END = re.compile(r"\b(?:in|from|near|of|outside|around|to)[ \t]+$")
_TITLE_BEFORE = re.compile(r"\b(?:Dr|Drs|Mr|Mrs|Ms|Prof)\.?[ \t]+$")
_CITY_PREP_BEFORE = re.compile(r"\b(?:in|from|near|outside)[ \t]+$")


@cache
def _city_names() -> re.Pattern:
    """Every large city of the list, capitalised as written: "Houston", "San Antonio"."""
    return re.compile(word_alternation(sorted({c for c in city_entries() if c[:1].isupper()})))


# A relative, then where they are: "her sister in Somerville", "his son who lives out in Moline", "daughter's in Troy".
# Found from the preposition before a capital (rarer than the relatives), then the relative is looked for before it.
_PREP_BEFORE_CAPITAL = re.compile(r" (?P<prep>in|near|outside|from) (?=[A-Z])")
_KIN_BEFORE = re.compile(
    r"""(?<!my[ ])(?<!our[ ])(?<!your[ ])\b(?:son|sons|daughter|daughters|dtr|wife|husband|sister|sisters|brother|brothers|mother|father|mom|dad
        |niece|nephew|grandson|granddaughter|cousin|aunt|uncle|family|parents|kids|children|relatives)(?:['’]s)?
        (?:[ \t]*\(?[ \t]*(?:who[ \t]+)?(?:lives|lived|is|are|was|stays|still)(?:[ \t]+(?:still|now|all))?)?
        (?:[ \t]+(?:back|out|up|down|over|way[ \t]+out))?$""",
    re.X,
)
_FAMILY_WORD = re.compile(
    word_alternation(
        "son sons daughter daughters wife husband sister brother mother father mom dad niece nephew grandson "
        "granddaughter cousin aunt uncle family".split()
    )
)


def _lower_place(text: str, start: int, *, street_ok: bool) -> re.Match | None:
    """ "lives in hialeah", "moved from washington heights", "lives on willow lane": a place typed in lower case.
    The words are trimmed to where a place can end: a street suffix, a place word, or a single word."""
    m = _LOWER_PLACE.match(text, start)
    if not m:
        return None
    words = m.group().split()
    for n in (3, 2):  # "jersey city", "new york city": a listed city of several words
        if len(words) >= n and place_phrases().get(fold(" ".join(words[:n])), 0) & CITY:
            return _LOWER_PLACE.match(text[: start + len(" ".join(words[:n]))], start)
    for n in range(len(words), 0, -1):
        last = words[n - 1].rstrip(".").lower()
        if n > 1 and (last in _PLACE_HEADS or (street_ok and last in _LOWER_STREET_SUFFIX)):
            end = start + len(" ".join(words[:n]))
            return _LOWER_PLACE.match(text[:end], start)
    if len(words) > 1 and words[0] in _PLACE_MODIFIERS:  # "east harlem", "little haiti", "san juan"
        return _LOWER_PLACE.match(text[: start + len(" ".join(words[:2]))], start)
    return _LOWER_PLACE.match(text[: start + len(words[0])], start) if not words[0][0].isdigit() else None


def _lower_place_ok(m: re.Match, cue_start: int, low: str, *, given_ok: bool = False, after_the: bool = False) -> bool:
    words = m.group().split()
    if _SELF_BEFORE.search(low, max(0, cue_start - 30), cue_start):
        return False
    last = words[-1].rstrip(".").lower()
    phrase = place_phrases().get(fold(" ".join(words)), 0)
    if len(words) > 1 and phrase & CITY and not phrase & REGION:
        return True  # "jersey city", "new york city"
    if len(words) == 2 and words[0] in _PLACE_MODIFIERS and last not in _LOWER_STREET_SUFFIX:
        if last in _PLACE_HEADS:  # "lives in south side": a place word and a place's part, after "lives in"
            return given_ok and words[0] != last
        return _modified_place_ok(words)
    if len(words) > 1:
        body = words[:-1]
        if any(word_flags(w) & (CLINICAL | DRUG | EPONYM) or w in _LOWER_FUNCTION_WORDS for w in body):
            return False
        if last in _LOWER_STREET_SUFFIX:
            return True  # "willow lane", "125th st", "grand ave"
        return not all(word_flags(w) & ENGLISH and not word_flags(w) & CITY for w in body)  # "washington heights"
    flags = word_flags(words[0])
    if words[0] in _LOWER_FUNCTION_WORDS or len(words[0]) < 4 or (after_the and not flags & CITY):
        return False  # "near the grandkids"; but "in the bronx"
    if flags & CITY:
        return not flags & ENGLISH or bool(place_phrases().get(words[0], 0) & CITY)
    return not flags & (ENGLISH | CLINICAL | DRUG | EPONYM | REGION | (0 if given_ok else FIRST))


_NEXT_LOWER = re.compile(r"[a-z]+")


def _bare_from_lower_ok(low: str, start: int) -> bool:
    """After a bare "from", a lower-case place only in a place's shape: "south boston", or a listed city
    ("from brooklyn", "from the bronx"); not "from home", "from rehab"."""
    if low.startswith(_LOWER_MODIFIER_STARTS, start):
        return True
    word = _NEXT_LOWER.match(low, start)
    return bool(word and word_flags(word.group()) & CITY)


def _modified_place_ok(words: list[str]) -> bool:
    """ "east harlem", "south boston", "little haiti": a place word, then a name or a place; not a whole state
    ("north carolina") nor an ordinary phrase ("new meds", "west wing")."""
    flags = word_flags(words[1])
    if words[1] in _LOWER_FUNCTION_WORDS or place_phrases().get(fold(" ".join(words)), 0) & REGION:
        return False
    if flags & (CLINICAL | DRUG | EPONYM) and not flags & (CITY | REGION):
        return False
    if not flags:
        return len(words[1]) >= 4  # "west philly"; not "lower gi"
    return not flags & ENGLISH or bool(flags & (CITY | REGION | FIRST | LAST))


_LOWER_FUNCTION_WORDS = frozenset(
    "the a an his her their my our your this that these those its it him them me us here there home bed town church "
    "work school rehab and or but with w to at in on of for from by kids grandkids family friends relatives parents "
    "daughter son wife husband sister brother mom dad mother father grandson granddaughter niece nephew cousin".split()
)


def _locates_someone(
    place: str,
    *,
    cue_is_bare_from: bool,
    after_the: bool,
    to: bool = False,
    residence: bool = False,
    street: bool = False,
) -> bool:
    """A town or street, not a country, state, department, person or ordinary word. After a cue of residence
    ("lives in", "stays near"), a name of plain words counts too ("Little Village", "the Heights")."""
    words = place.split()
    key = fold(place)
    phrase = place_phrases().get(key, 0)
    if residence and phrase & CITY and not phrase & REGION:
        return True  # "lives in Harlem": a town that also names a hospital
    if place.endswith(("'s", "’s")) or (_names_institution(key) and not residence):
        return False  # "at St. Luke's", "from Henry Ford": a hospital
    if phrase & REGION:
        return False
    if phrase & CITY:
        return True
    flags = [word_flags(w.rstrip(".")) for w in words]
    shaped = len(words) > 1 and any(fold(w) in _PLACE_WORDS for w in words)
    if any(
        f & (DRUG | EPONYM)
        or (
            f & CLINICAL
            and not (shaped and (fold(w) in _PLACE_WORDS or f & (ENGLISH | FIRST | LAST | CITY)))
            and not (residence and fold(w) in institution_phrases())  # "lives in Elmhurst"
        )
        for w, f in zip(words, flags)
    ) or all(f & REGION or fold(w) in _GENERIC_PLACE_WORDS for w, f in zip(words, flags)):
        return False
    if len(words) == 1:
        f = flags[0]
        if f & ENGLISH and not f & CITY and not (after_the and not cue_is_bare_from) and not (street and not after_the):
            return False
        if (cue_is_bare_from or to) and f & FIRST and not f & CITY:  # "feedback from Priya", "went back to Sam"
            return False
        if words[0].isupper() and len(words[0]) > 1:  # an acronym: "from ICU"
            return False
    return not cue_is_bare_from or not all(f & ENGLISH for f in flags)
