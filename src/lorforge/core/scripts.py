"""The words for each conversation of the rotation plan, filled in and ready to adapt.

Every script is built from a ``ScriptContext``: who the applicant is, who the
writer is, and what the rotation looks like (setting, kind, field, dates). The
applicant's target field drives the goals; the example updates and follow-ups
follow the rotation's own field and setting (an internal medicine applicant on
a surgery rotation talks about the OR, not about clinic presentations), and
observerships get words an observer can actually say.

Rules every script keeps:

- people are addressed as "Dr. Whitfield" (``core.names``), never by full name;
- no fill-in brackets: when something is unknown, the sentence is written without it;
- text the applicant typed is embedded as a phrase (``phrase``) or quoted, never
  lower-cased or re-punctuated beyond trimming its end so no ".." appears;
- an example update is shown once per plan, then the script teaches the shape instead;
- one pre-ask (``pre_ask_script``) and one set of emails (``core.emails``) serve the
  plan, the writer page and the timeline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from lorforge.core import dates, names, specialties
from lorforge.core import season as seasons
from lorforge.core.records import Applicant, Person, Rotation
from lorforge.core.specialties import FOCUSES, Highlights, Nuance

FOCUS_LABELS: dict[str, str] = {
    "clinical_reasoning": "clinical reasoning",
    "systems_teamwork": "systems and teamwork",
    "communication_empathy": "communication and empathy",
}
KIND_LABELS: dict[str, str] = {
    "clerkship": "clerkship",
    "sub_internship": "sub-internship",
    "externship": "externship",
    "observership": "observership",
}
PRE_ASK_TIMINGS: tuple[str, ...] = ("early", "on_time", "late")
_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


# --- Text the applicant typed, fitted into a sentence ------------------------------------------------


def clean(text: str) -> str:
    """One tidy line: NFC, no control characters, single spaces."""
    return names.clean(text)


def phrase(text: str) -> str:
    """``text`` ready to sit mid-sentence: trimmed, its closing full stop, comma or semicolon removed
    (so "…diabetes." never becomes "…diabetes.."); letters and inner punctuation stay as typed."""
    return clean(text).rstrip(" .,;:").strip()


def sentence(text: str) -> str:
    """``text`` as a sentence: a full stop is added only when it ends without one (or ! ? … or a quote)."""
    text = clean(text)
    if not text or text.endswith((".", "!", "?", "…", "”", '"', ")")):
        return text
    return text.rstrip(",;:") + "."


def join_phrases(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c" from non-blank items, each fitted with ``phrase``."""
    parts = [p for p in (phrase(i) for i in items) if p]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def quoted(text: str) -> str:
    """“text” in curly quotes, exactly as typed apart from spacing."""
    return f"“{clean(text)}”"


# --- The context ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScriptContext:
    applicant: str  # the applicant's full name, for signatures; "" when unknown
    introduce: str  # how they say their own name: "Dr. Nguyễn", or the full name
    country: str
    school: str
    aamc_id: str
    target: str  # the target field in running text ("internal medicine"); "" when unknown
    target_weight: int | None  # how much US letters weigh in that field, 1-10
    writer: str  # how the writer is addressed: "Dr. Whitfield"; "" when no writer is named
    resident: str  # how the senior resident is addressed; "" when none is known
    setting: str
    kind: str
    field: str  # the rotation's field in running text ("cardiology"); "" when unknown
    specialty_key: str  # the rotation's known field, else the target's: picks the wording
    start: date
    end: date
    deadline: date
    nuance: Nuance  # the target field's
    examples: Highlights  # example updates for the rotation's field and setting
    field_nuance: Nuance | None = None  # the rotation's field's (what this writer teaches)
    applicant_record: Applicant = Applicant("")
    writer_record: Person | None = None
    rotation_record: Rotation | None = None

    @property
    def observership(self) -> bool:
        return self.kind == "observership"

    @property
    def outpatient(self) -> bool:
        return self.setting == "outpatient"

    @property
    def surgical(self) -> bool:
        return self.specialty_key == "surgery"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def season(self) -> seasons.SeasonDates:
        year = self.applicant_record.season or seasons.season_for(self.end)
        return seasons.default_season_dates(year)


def _as_person(who: str | Person | None, role: str) -> Person | None:
    if who is None:
        return None
    if isinstance(who, Person):
        return who if clean(who.name) else None
    return Person(clean(who), role=role) if clean(who) else None


def script_context(
    *,
    rotation: Rotation,
    applicant: Applicant,
    writer: str | Person | None = None,
    resident: str | Person | None = None,
    deadline: date,
) -> ScriptContext:
    """Everything the scripts need, with names and fields tidied for running text.

    ``writer`` and ``resident`` are ``records.Person`` (their stored title and surname are used) or a
    bare name (the form of address is then derived from it).
    """
    target_text = applicant.specialty or rotation.specialty
    target = specialties.specialty_for(target_text)
    field = specialties.specialty_for(rotation.specialty)
    example_source = rotation.specialty if field.key != "other" else target_text
    example_nuance = specialties.nuance_for(example_source)
    writer_person = _as_person(writer, "attending")
    resident_person = _as_person(resident, "resident")
    return ScriptContext(
        applicant=names.full_name(applicant.name),
        introduce=names.introduction(applicant) if clean(applicant.name) or clean(applicant.introduce_as) else "",
        country=clean(applicant.country),
        school=clean(applicant.medical_school),
        aamc_id=clean(applicant.aamc_id),
        target=_field_words(target_text),
        target_weight=target.lor_weight,
        writer=names.of(writer_person) if writer_person else "",
        resident=names.of(resident_person) if resident_person else "",
        setting=rotation.setting,
        kind=rotation.kind,
        field=_field_words(rotation.specialty),
        specialty_key=specialties.specialty_for(example_source).key,
        start=rotation.start,
        end=rotation.end,
        deadline=deadline,
        nuance=nuance_in_setting(target.key, rotation.setting),
        examples=example_nuance.clinic if rotation.setting == "outpatient" else example_nuance.ward,
        field_nuance=nuance_in_setting(specialties.specialty_for(example_source).key, rotation.setting),
        applicant_record=applicant,
        writer_record=writer_person,
        rotation_record=rotation,
    )


# A field's nuance is written for the setting where most of its training happens; these lines replace the ones
# that would contradict the rotation's setting (an internal medicine goal "on your service" said in a clinic,
# a family medicine one about visits said on an inpatient service, an OR goal in a surgery clinic).
_SETTING_LINES: dict[tuple[str, str], dict[str, object]] = {
    ("internal_medicine", "outpatient"): {
        "goals": (
            "presenting my patients clearly and efficiently",
            "understanding how you build a differential and settle on a plan",
            "learning how a strong intern runs a visit in your clinic",
        ),
        "improved": "presenting my patients clearly and ending each visit with a plan",
        "learned": "how you work through a broad differential and still keep the clinic on time",
    },
    ("family_medicine", "inpatient"): {
        "goals": (
            "presenting my patients clearly, with the plan for home in mind from the first day",
            "following up my patients' results without needing reminders",
            "learning what a strong family medicine intern does well on your service",
        ),
        "improved": "presenting my patients with their discharge plan in mind",
        "learned": "how you plan each discharge around the patient's life at home",
    },
    ("surgery", "outpatient"): {
        "goals": (
            "presenting new patients with a clear question for surgery",
            "knowing each patient's history and imaging before the visit starts",
            "learning what sets a strong surgical intern apart in your clinic",
        ),
        "improved": "having each patient's history and imaging ready before the visit",
        "working_on": "presenting new consults in under two minutes",
        "learned": "how you decide who needs an operation and explain that choice so patients feel at ease",
    },
}


def nuance_in_setting(key: str, setting: str) -> Nuance:
    """The nuance of the field ``key`` with its goals and lines fitted to ``setting`` (see ``_SETTING_LINES``)."""
    nuance = specialties.NUANCES.get(key, specialties.OTHER_NUANCE)
    return replace(nuance, **_SETTING_LINES.get((key, setting), {}))


def _field_words(text: str) -> str:
    """A field as it reads mid-sentence: "internal medicine", or a named surgical field as typed."""
    typed = clean(text)
    found = specialties.specialty_for(typed)
    generic = ("surgery", "general surgery", "gen surg", "surgical")
    if found.key == "other":
        return typed
    if found.key == "surgery" and typed.lower() not in generic:
        return typed  # "orthopedic surgery" says more than "surgery"
    return found.name.lower()


def field_words(text: str) -> str:
    """A specialty as it reads mid-sentence ("internal medicine", "Neurology" as typed)."""
    return _field_words(text)


# --- Small wording helpers ----------------------------------------------------------------------


def _hail(ctx: ScriptContext, text: str) -> str:
    """Start a spoken line with the writer's name when known: "Dr. Whitfield, could I ..."."""
    return hail(ctx.writer, text)


def hail(addressed: str, text: str) -> str:
    """ "Dr. Whitfield, could I …" or, without a name, "Could I …"."""
    return f"{addressed}, {text}" if addressed else text[0].upper() + text[1:]


def _count(n: int) -> str:
    return _NUMBER_WORDS[n] if n < len(_NUMBER_WORDS) else str(n)


def _span(ctx: ScriptContext) -> str:
    """The rotation's length as spoken: "this week", "this month", "these six weeks"."""
    if ctx.days < 7:
        return f"these {_count(ctx.days)} days"
    weeks = round(ctx.days / 7)
    if weeks == 1:
        return "this week"
    if 26 <= ctx.days <= 31:
        return "this month"
    return f"these {_count(weeks)} weeks"


def _rotation(ctx: ScriptContext) -> str:
    """ "this cardiology sub-internship", "this observership"."""
    kind = KIND_LABELS.get(ctx.kind, "rotation")
    return f"this {ctx.field} {kind}" if ctx.field else f"this {kind}"


def _residency(ctx: ScriptContext) -> str:
    return f"{ctx.target} residency" if ctx.target else "residency"


def _level(ctx: ScriptContext) -> str:
    return "sub-intern" if ctx.kind == "sub_internship" else "intern"


# Words that depend on where the rotation happens: (in a clinic, on a surgical service, on a medical ward).
_SETTING_WORDS = {
    "calm_moment": (
        "after the clinic session, once the last patient has left",
        "after the last case or once rounds are done",
        "after rounds, once the team has settled",
    ),
    # When a short update is said; an observer, with no patients of their own to present on rounds, picks a calm
    # moment.
    "update_moment": (
        "when you present a patient between visits",
        "on rounds or in a quiet moment between cases",
        "on rounds, when the patient comes up",
    ),
    "observer_update_moment": (
        "at a calm moment between patients",
        "in a quiet moment between cases or after rounds",
        "at a calm moment after rounds",
    ),
    "workplace": ("in clinic", "on the service and in the OR", "on the wards"),
}


def _in_setting(ctx: ScriptContext, words: str) -> str:
    """The ``_SETTING_WORDS`` entry for the rotation's setting: an outpatient clinic, surgery or a ward."""
    clinic, surgery, ward = _SETTING_WORDS[words]
    if ctx.outpatient:
        return clinic
    return surgery if ctx.surgical else ward


def _calm_moment(ctx: ScriptContext) -> str:
    return _in_setting(ctx, "calm_moment")


def _update_moment(ctx: ScriptContext) -> str:
    return _in_setting(ctx, "observer_update_moment" if ctx.observership else "update_moment")


def _workplace(ctx: ScriptContext) -> str:
    return _in_setting(ctx, "workplace")


def _goals(ctx: ScriptContext) -> tuple[str, ...]:
    if ctx.observership:
        venue = "at a clinic huddle" if ctx.outpatient else "to the team"
        return (
            f"presenting at least one patient {venue} each week",
            "writing practice notes you could look over",
            "preparing a short teaching talk on a topic you choose",
        )
    return ctx.nuance.goals


def _bullets(lines: tuple[str, ...] | list[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def _says(text: str) -> str:
    return f'"{text}"'


# --- The self-introduction -------------------------------------------------------------------------


def _who_i_am(ctx: ScriptContext) -> str:
    """ "I'm Dr. Nguyễn. I graduated from Hanoi Medical University in Việt Nam, and I'm applying to internal
    medicine residency this coming season." """
    lines = [f"I'm {ctx.introduce}." if ctx.introduce else ""]
    applying = f"I'm applying to {_residency(ctx)} this coming season."
    if ctx.school and ctx.country:
        lines.append(f"I graduated from {ctx.school} in {ctx.country}, and {_lower_i(applying)}")
    elif ctx.school:
        lines.append(f"I graduated from {ctx.school}, and {_lower_i(applying)}")
    elif ctx.country:
        lines.append(f"I trained in {ctx.country}, and {_lower_i(applying)}")
    else:
        lines.append(f"I trained outside the US, and {_lower_i(applying)}")
    return " ".join(line for line in lines if line)


def _lower_i(text: str) -> str:
    """Our own sentence continued after "and": "I'm …" stays, others lose their capital."""
    return text if text.startswith("I") else text[0].lower() + text[1:]


def _setup(ctx: ScriptContext, focus: str, number: int) -> str:
    why_here = (
        f"I'm on {_rotation(ctx)} to build solid US clinical experience and to see how care works "
        f"{_workplace(ctx)} here."
    )
    goals = f"For {_span(ctx)}, I'm working on three things:\n{_bullets(_goals(ctx))}"
    if ctx.observership:  # the question belongs right under the plan it asks about
        goals += (
            "\n\nI know observers don't write in the chart or act on their own, so anything I write would be for "
            "practice only. Would that plan work for you?"
        )
    paragraphs = [
        _hail(ctx, "thank you for having me on the team. Do you have two minutes for me to introduce myself properly?"),
        f"{_who_i_am(ctx)} {why_here}",
        goals,
        (
            "Please tell me plainly whenever something should change, even when it's critical. Direct feedback "
            "is what helps me most, and I'll act on it quickly."
        ),
    ]
    return "\n\n".join(paragraphs)


def late_introduction(ctx: ScriptContext) -> str:
    """The introduction for someone who joined late or let the first days slip by: own the delay in one
    line, then say who you are and what you are working on for the weeks that remain."""
    paragraphs = [
        _hail(
            ctx,
            "I've been on the team for a few days now and realize I never took a moment to introduce "
            "myself properly. Is now a good time for two minutes, or would later today suit you better?",
        ),
        _who_i_am(ctx),
        f"For the rest of {_rotation(ctx)}, these are the three things I'm working on:\n{_bullets(_goals(ctx))}",
        (
            "If you notice anything I should do differently, please say so, even in a single sentence in passing. "
            "I'd rather hear it now, while there is still time to show you the change."
        ),
    ]
    return "\n\n".join(paragraphs)


def _feedback_seed(ctx: ScriptContext, focus: str, number: int) -> str:
    expect = (
        "what would make an observer genuinely useful to you"
        if ctx.observership
        else f"what separates a strong {_level(ctx)} from an average one on this team"
    )
    lines = [
        _says(
            _hail(
                ctx,
                "would you have five minutes today or tomorrow for some quick feedback on how I'm "
                "doing? I'd like to know whether I'm on track with what you expect.",
            )
        ),
        "",
        "In those five minutes, ask:",
        "- \"What's one thing you'd like me to do differently next week?\"",
        f'- "And {expect}?"',
        "",
        "Then listen, thank them and note what they said.",
    ]
    if ctx.resident:
        offer = (
            "Is there anything I could prepare or look up for the team tomorrow"
            if ctx.observership
            else "What could I take off your plate tomorrow"
        )
        lines += [
            "",
            f'With {ctx.resident}, at the end of a day: "{offer}, and what\'s one thing I should work on?"',
        ]
    return "\n".join(lines)


_CHECK_QUESTIONS = (
    (
        "Since we last talked, is there one thing you'd like me to do differently?",
        "Is there anything you'd trust me with now that you wouldn't have last week?",
    ),
    ("What's one thing from this week I should keep doing?", "And one thing I should drop or shorten?"),
    (
        "Is the change we talked about still showing, or has it slipped?",
        "What would you focus on in my place for the coming week?",
    ),
)


def _feedback_check(ctx: ScriptContext, focus: str, number: int) -> str:
    """A short check-in on a long rotation; its questions change from one check-in to the next."""
    first, second = _CHECK_QUESTIONS[(number - 1) % len(_CHECK_QUESTIONS)]
    round_ = number // len(_CHECK_QUESTIONS)
    when = "by the end of this week" if round_ == 0 else "before your next check-in"
    return "\n".join(
        [
            _says(
                _hail(
                    ctx, "could I have five minutes today or tomorrow for a quick check-in on how the last week went?"
                )
            ),
            "",
            "Ask:",
            f'- "{first}"',
            f'- "{second}"',
            "",
            f"Write down what they say and show one change {when}.",
        ]
    )


# --- Short updates: one example per plan, then the shape -------------------------------------------

_LEADS = {
    "clinical_reasoning": "Share something you read about one of your patients and how it changes the plan.",
    "systems_teamwork": "Report something you coordinated with the wider team and what it means for the plan.",
    "communication_empathy": "Mention a talk you had with a patient or relatives and what it changed for them.",
}
_OBSERVER_LEADS = {
    "clinical_reasoning": "Show how you think: read up on a question from a patient you saw together and "
    "offer to present it.",
    "systems_teamwork": "Offer something you prepared for the team: a practice note or a short summary.",
    "communication_empathy": "Show you notice how they talk with patients, and ask to practice it while they watch.",
}
# Later updates with the same focus: the shape to follow with the applicant's own case.
_SHAPES = {
    "clinical_reasoning": (
        "This time, take a question that came up today. Say what you looked up, what it says, and what you "
        "would suggest for this patient, then ask whether it fits their plan.",
        "Pick a patient whose plan is still open. Name your leading diagnosis, the one finding that argues "
        "against the runner-up, and the next test you would choose. End with a question, not a verdict.",
    ),
    "systems_teamwork": (
        "Report one piece of coordination you finished today (a consultant, the pharmacy, social work or a "
        "family) in three sentences: what you did, what it settles, and a question for them.",
        "Close a loop out loud: a task from this morning that is now done, and who you did it with. If "
        "something is blocked, say what you are waiting for and when you will check again.",
    ),
    "communication_empathy": (
        "Mention a conversation where you explained something to a patient or relatives: what worried them, "
        "how you explained it, and what they understood or decided after it.",
        "Tell them about a moment with a nurse or a family member that changed something for a patient. "
        "Keep yourself out of the adjectives; the facts are enough.",
    ),
}
_OBSERVER_SHAPES = {
    "clinical_reasoning": (
        "Take a question from a patient you saw together today. Read one good source, then ask for two "
        "minutes to say what you found and how it fits what they decided.",
        "Ask whether you may present a new patient at the next huddle: history, your differential of three, "
        "and the plan you would have suggested. Then ask what they would change.",
    ),
    "systems_teamwork": (
        "Write a practice note for a patient you saw together, in the team's own format, and ask whether "
        "they have five minutes to mark it up.",
        "Offer a ten-minute talk for the team on a topic that came up this week, and ask which day suits them.",
    ),
    "communication_empathy": (
        "Tell them what you noticed in a conversation they led (how they opened it, or how they checked "
        "understanding) and ask whether you may try it with the next patient while they watch.",
        "After a visit you took part in, ask for one line of feedback on how you spoke with the patient or "
        "family, and write it down.",
    ),
}
# An observer's first clinical-reasoning update, by field and setting (True: outpatient): a question read up on
# and offered back, in the world of the rotation (a huddle after rounds, a question from clinic).
_OBSERVER_EXAMPLES: dict[tuple[str, bool], str] = {
    ("internal_medicine", False): (
        "After rounds I read up on the question you raised about the patient with new "
        "confusion. The review I found checks medications and infection first, the order you "
        "followed. Could I present a two-minute summary at tomorrow's huddle?"
    ),
    ("internal_medicine", True): (
        "After clinic I read up on the question you raised about the patient with the new "
        "thyroid result. The guideline I found matches your plan to repeat the test before "
        "treating. Could I present a two-minute summary at the next huddle?"
    ),
    ("family_medicine", False): (
        "After rounds I read up on when our patient with pneumonia can switch to antibiotics by mouth. "
        "It matches the plan you chose, and I made a one-page summary. Could I present it at tomorrow's "
        "huddle in two minutes?"
    ),
    ("family_medicine", True): (
        "I read up on the question from this morning's visit about when to start a statin. It "
        "matches what you chose, and I made a one-page summary. Could I present it at the next "
        "huddle in two minutes?"
    ),
    ("pediatrics", False): (
        "After we saw the toddler with fever this morning, I read up on fever without a source at that "
        "age. Could I present a two-minute summary at tomorrow's huddle so you can tell me what I missed?"
    ),
    ("pediatrics", True): (
        "After this morning's well-child visits, I read up on the vaccine questions parents asked most. "
        "Could I present a two-minute summary at the next huddle so you can tell me what I missed?"
    ),
    ("psychiatry", False): (
        "After this morning's interview I read about structured suicide risk assessment. Could I "
        "walk you through how I would have organized that patient's risk assessment, so you can tell "
        "me what I missed?"
    ),
    ("psychiatry", True): (
        "After this morning's new-patient interview I read about structured suicide risk assessment. "
        "Could I walk you through how I would have organized that patient's risk assessment, so you "
        "can tell me what I missed?"
    ),
    ("surgery", False): (
        "I read up on tomorrow's first case and drew out the relevant anatomy. Could I take you through "
        "the key steps in two minutes before we start?"
    ),
    ("surgery", True): (
        "After clinic I read up on the patient's question about repairing a hernia that causes no "
        "symptoms. Could I take you through what I found in two minutes, so you can tell me what I missed?"
    ),
    ("other", False): (
        "After rounds I read up on the question that came up with one of our patients. Could I present "
        "a two-minute summary at tomorrow's huddle so you can tell me what I missed?"
    ),
    ("other", True): (
        "I read up on the question that came up with this morning's patient. Could I present a "
        "two-minute summary at the next huddle so you can tell me what I missed?"
    ),
}
_OBSERVER_OTHER_EXAMPLES = {
    "systems_teamwork": (
        "I wrote a practice note on the patient we saw together this morning, in the format "
        "your team uses. Would you have five minutes this week to tell me what you'd change?"
    ),
    "communication_empathy": (
        "I noticed how you opened the hardest conversation today by asking what worried "
        "the family most. Could I try that with the next family, with you there?"
    ),
}


def micro_example(ctx: ScriptContext, focus: str) -> str:
    """The one example update for ``focus`` that fits the rotation's field, setting and kind."""
    if ctx.observership:
        if focus == "clinical_reasoning":
            return _OBSERVER_EXAMPLES.get(
                (ctx.specialty_key, ctx.outpatient), _OBSERVER_EXAMPLES[("other", ctx.outpatient)]
            )
        return _OBSERVER_OTHER_EXAMPLES[focus]
    return ctx.examples.for_focus(focus)


def _micro_highlight(ctx: ScriptContext, focus: str, number: int) -> str:
    """The ``number``-th short update of the plan; the foci rotate, so its focus has come up
    ``(number - 1) // 3`` times before. The first time shows the example, later times the shape."""
    lead = (_OBSERVER_LEADS if ctx.observership else _LEADS)[focus]
    moment = _update_moment(ctx)
    seen = max(0, number - 1) // len(FOCUSES)
    if seen == 0:
        example = micro_example(ctx, focus)
        line = hail(
            ctx.writer, example[0].lower() + example[1:] if ctx.writer and not re.match(r"I\b", example) else example
        )
        return f'{lead} Keep it to 30–60 seconds and say it {moment}. For example:\n\n"{line}"'
    shapes = (_OBSERVER_SHAPES if ctx.observership else _SHAPES)[focus]
    if seen <= len(shapes):
        return f"{lead} Keep it to 30–60 seconds and say it {moment}.\n\n{shapes[seen - 1]}"
    return (
        f"{lead} You have given them {_count(number - 1)} short updates so far, so pick a patient or a task you "
        f"have not mentioned yet. Keep it to three sentences and say it {moment}."
    )


# --- Feedback: the mid-rotation talk and the follow-up ----------------------------------------------


def _midpoint_feedback(ctx: ScriptContext, focus: str, number: int) -> str:
    kind = KIND_LABELS.get(ctx.kind, "rotation")
    improved, working_on = (
        (("presenting cases at huddles and writing practice notes", "keeping my presentations short and focused"))
        if ctx.observership
        else (ctx.nuance.improved, ctx.nuance.working_on)
    )
    if ctx.observership:
        questions = [
            "If I were starting residency on a team like yours, what would you want me to work on first?",
            "What would help you see more of how I think: presenting, notes, or a short talk?",
            "Which parts of my presentations already sound like a strong intern's to you?",
        ]
    else:
        questions = [
            f"If I were your {_level(ctx)} starting tomorrow, what's the first thing you'd want me to change?",
            "What would you need to see before handing me more responsibility?",
            f"Which parts of my work already look like a strong {_level(ctx)}'s to you?",
        ]
    ahead, soon = ("a few days ahead", "in the next few days") if ctx.days >= 21 else ("a day or two ahead", "soon")
    return "\n".join(
        [
            f"To book it, {ahead}:",
            _says(
                _hail(
                    ctx,
                    f"we're close to the middle of my {kind}. Could we set aside ten minutes {soon} so "
                    "you can tell me how I'm doing? I'd like to use the second half well.",
                )
            ),
            "",
            "In the meeting:",
            f"1. Your own view first: \"I think I've improved at {improved}. I'm still working on {working_on}.\"",
            "2. Then ask:",
            *(f'   - "{q}"' for q in questions),
            "3. Finish by closing the loop: \"Thank you, that's clear. Until my last day I'll focus on exactly "
            'those points." Then name the one or two things they raised, in their words.',
        ]
    )


# (change shown, question) per field and setting; observers show a change in what they may do.
_FOLLOWUPS: dict[tuple[str, bool], tuple[str, str]] = {
    ("internal_medicine", False): (
        "leading with my assessment and keeping presentations to the essentials",
        "Was this morning's presentation on rounds closer to what you want?",
    ),
    ("internal_medicine", True): (
        "leading with my assessment and keeping presentations to the essentials",
        "Was my last presentation in clinic closer to what you want?",
    ),
    ("family_medicine", False): (
        "opening each presentation with the reason for admission and the discharge plan",
        "Was this morning's presentation on rounds closer to what you want?",
    ),
    ("family_medicine", True): (
        "setting the agenda at the start of each visit",
        "Did this afternoon's visits run closer to time?",
    ),
    ("pediatrics", False): (
        "speaking to the child first, then to the parents",
        "Did that come across on rounds this morning?",
    ),
    ("pediatrics", True): (
        "speaking to the child first, then to the parents",
        "Did that come across in the last visit?",
    ),
    ("psychiatry", False): (
        "giving my risk assessments a clear structure",
        "Was today's assessment on rounds closer to what you want?",
    ),
    ("psychiatry", True): (
        "giving my risk assessments a clear structure",
        "Was it closer to what you want in today's new-patient interview?",
    ),
    ("surgery", False): (
        "reading the next day's cases ahead so I can answer the anatomy questions",
        "Did that show in the OR today?",
    ),
    ("surgery", True): (
        "presenting each new consult with the operative decision first",
        "Was that closer to what you want in clinic today?",
    ),
    ("other", False): (
        "keeping my presentations short and leading with the assessment",
        "Was this morning's presentation on rounds closer to what you want?",
    ),
    ("other", True): (
        "keeping my presentations short and leading with the assessment",
        "Was my last presentation in clinic closer to what you want?",
    ),
}
_OBSERVER_FOLLOWUP = (
    "keeping my case presentations to two minutes and leading with the assessment",
    "Was the case I presented today closer to what you're looking for?",
)


def followup_parts(ctx: ScriptContext) -> tuple[str, str]:
    """(the change to show, the question that checks it) for the rotation's field, setting and kind."""
    if ctx.observership:
        return _OBSERVER_FOLLOWUP
    key = ctx.specialty_key if (ctx.specialty_key, ctx.outpatient) in _FOLLOWUPS else "other"
    return _FOLLOWUPS[(key, ctx.outpatient)]


def followup_line(*, writer: Person | str | None, change: str, question: str = "") -> str:
    """The follow-up built around the change the applicant typed, quoted as a sentence of its own:

    "Dr. Whitfield, since your feedback I've made one change: I start every presentation with a one-line
    assessment. Is that closer to what you were looking for?"

    ``change`` is used as typed (ask for it as "I …"); only a full stop is added when it ends without one.
    """
    person = _as_person(writer, "attending")
    addressed = names.of(person) if person else ""
    question = clean(question) or "Is that closer to what you were looking for?"
    change = clean(change)
    if not change:
        return hail(addressed, f"I've been working on what you suggested in your feedback. {question}")
    if re.match(r"(I|I'm|I've|I’m|I’ve)\b", change):
        return hail(addressed, f"since your feedback I've made one change: {sentence(change)} {question}")
    return hail(addressed, f"since your feedback I've been working on this: {quoted(phrase(change))}. {question}")


def _feedback_followup(ctx: ScriptContext, focus: str, number: int) -> str:
    change, question = followup_parts(ctx)
    return (
        _says(_hail(ctx, f"since our feedback talk I've been working on {change}, as you suggested. {question}"))
        + "\n\nSwap in the change they actually asked for, in their words, so the before and after is easy "
        "to recognize."
    )


# --- The pre-ask: one script for the plan, the writer page and the timeline ----------------------------


def pre_ask_caution(timing: str) -> str:
    """What the page shows next to an early or late pre-ask; "" when the timing is right."""
    _check_timing(timing)
    if timing == "early":
        return (
            "It is before the last week of your rotation: by the end they will have seen more of your "
            "work. Ask now only if you will not see them again before then."
        )
    if timing == "late":
        return (
            "Your rotation ended more than two weeks ago. Letters asked for this late tend to be short and "
            "generic because the details have faded, so the script reminds them who you are and offers "
            "specifics. Send it by email if you cannot ask in person, and once they say yes, send your "
            "materials the same day."
        )
    return ""


def _check_timing(timing: str) -> None:
    if timing not in PRE_ASK_TIMINGS:
        raise ValueError(f"Unknown timing {timing!r}; expected one of: {', '.join(PRE_ASK_TIMINGS)}.")


def pre_ask_script(
    *,
    writer: Person | str | None,
    applicant: Applicant,
    rotation: Rotation | None = None,
    learned: Sequence[str] = (),
    timing: str = "on_time",
    highlights: Sequence[str] = (),
) -> str:
    """What to say to ask for a *strong* letter, in the applicant's voice.

    ``learned``: what the writer taught, as phrases ("managing inpatient diabetes"); left out when empty.
    ``timing``: "early" and "on_time" give the in-person words (the caller shows ``pre_ask_caution`` for
    early); "late" gives words for a writer who last saw the applicant weeks ago, with dates and
    ``highlights`` (specific stories, at most three are used) to refresh their memory.
    """
    _check_timing(timing)
    person = _as_person(writer, "attending")
    addressed = names.of(person) if person else ""
    taught = join_phrases(learned)
    target = _field_words(applicant.specialty)
    applying = (
        f"I'm applying to {target} residency this coming season."
        if target
        else "I'm applying to residency this coming season."
    )
    ask = (
        "Have you seen enough of my work to write me a strong letter of recommendation? If you'd rather "
        "not, please just say so; I'd completely understand."
    )
    if timing != "late":
        learned_line = (
            f"I've learned a great deal from you, especially about {taught}."
            if taught
            else "I've learned a great deal from you."
        )
        return hail(addressed, f"thank you for having me on your team. {learned_line} {applying} {ask}")

    who = names.introduction(applicant) if clean(applicant.name) or clean(applicant.introduce_as) else ""
    opener = "I hope you're well."
    if who and rotation:
        kind = KIND_LABELS.get(rotation.kind, "rotation")
        field = _field_words(rotation.specialty)
        during = f"my {field} {kind}" if field else f"my {kind}"
        # Written weeks later, often in a new year: the dates carry their year.
        when = dates.date_range(rotation.start, rotation.end, year=True)
        opener += f" This is {who}; I was on your team during {during} ({when})."
    elif who:
        opener += f" This is {who}; I rotated with your team."
    learned_line = f" I still use what you taught me about {taught}." if taught else ""
    moments = [phrase(h) for h in highlights if phrase(h)][:3]
    if moments:
        memory = "I know some weeks have passed, so here are a few moments from my time with you:\n" + _bullets(moments)
    else:
        memory = (
            "I know some weeks have passed, so I'd be glad to send a one-page summary of what I did on "
            "the team to bring it back to mind."
        )
    signature = names.full_name(applicant.name)
    return "\n\n".join(
        [
            f"Dear {addressed}," if addressed else "Dear Doctor,",
            f"{opener}{learned_line}",
            memory,
            f"{applying} {ask}",
            "With many thanks," + (f"\n{signature}" if signature else ""),
        ]
    )


def _pre_ask(ctx: ScriptContext, focus: str, number: int) -> str:
    spoken = pre_ask_script(
        writer=ctx.writer_record, applicant=ctx.applicant_record, rotation=ctx.rotation_record, timing="on_time"
    )
    return "\n".join(
        [
            _says(spoken),
            "",
            "If they say yes with confidence:",
            _says(
                "Thank you so much. By tomorrow you'll have my CV, my personal statement draft and a one-page "
                "summary of what I did here, so the letter takes less of your time."
            ),
            "",
            'If the answer is hesitant or comes with conditions ("I could, but I don\'t know you that well"):',
            _says("Of course, thank you for being honest with me. I've really valued learning from you.")
            + " Then step back: a few strong letters help you more than several lukewarm ones.",
        ]
    )


def _last_day_thanks(ctx: ScriptContext, focus: str, number: int) -> str:
    team = f" and {ctx.resident}" if ctx.resident else ""
    return "\n".join(
        [
            _says(
                _hail(
                    ctx,
                    f"today is my last day, and I'd like to thank you in person. I learned a lot, "
                    f"especially {(ctx.field_nuance or ctx.nuance).learned}.",
                )
            ),
            "",
            "If they agreed to write and the materials aren't sent yet: \"The email with my CV, statement draft and "
            'summary will be with you by tomorrow."',
            "",
            f"Thank the team{team} too, by name.",
        ]
    )


# --- The emails: the same drafts the Letters pages send (core.emails) ---------------------------------


def _email_text(draft) -> str:
    return f"Subject: {draft.subject}\n\n{draft.body}"


def _writer_or_blank(ctx: ScriptContext) -> Person:
    return ctx.writer_record or Person("", role="attending")


def _materials_email(ctx: ScriptContext, focus: str, number: int, on: date | None = None) -> str:
    from lorforge.core import emails

    today = on or ctx.end + timedelta(days=1)
    draft = emails.materials_email(
        applicant=ctx.applicant_record,
        writer=_writer_or_blank(ctx),
        rotation=ctx.rotation_record,
        taught=(),
        helper=None,
        deadline=ctx.deadline,
        today=today,
        will_attach=True,
    )
    return _email_text(draft)


def _reminder(ctx: ScriptContext, focus: str, number: int, on: date | None = None) -> str:
    from lorforge.core import emails

    today = on or ctx.deadline - (timedelta(weeks=4) if number <= 1 else timedelta(weeks=2))
    draft = emails.reminder_email(
        applicant=ctx.applicant_record,
        writer=_writer_or_blank(ctx),
        season=ctx.season,
        today=today,
        rotation=ctx.rotation_record,
        deadline=ctx.deadline,
        number=number,
    )
    return _email_text(draft)


def _confirm_submission(ctx: ScriptContext, focus: str, number: int, on: date | None = None) -> str:
    from lorforge.core import emails

    today = on or ctx.deadline - timedelta(days=7)
    writer = ctx.writer or "your writer"
    draft = emails.final_note_email(
        applicant=ctx.applicant_record, writer=_writer_or_blank(ctx), deadline=ctx.deadline, today=today
    )
    return "\n".join(
        [
            f"Check ERAS: is the letter from {writer} marked as received?",
            "- Yes: no more reminders. A two-line thank-you is all that's needed.",
            "- Not there yet: one last short, courteous note is fine:",
            "",
            _email_text(draft),
        ]
    )


_SCRIPTS = {
    "setup": _setup,
    "feedback_seed": _feedback_seed,
    "feedback_check": _feedback_check,
    "micro_highlight": _micro_highlight,
    "midpoint_feedback": _midpoint_feedback,
    "feedback_followup": _feedback_followup,
    "pre_ask": _pre_ask,
    "last_day_thanks": _last_day_thanks,
}
_EMAILS = {
    "materials_email": _materials_email,
    "reminder": _reminder,
    "confirm_submission": _confirm_submission,
}


def script_for(key: str, ctx: ScriptContext, focus: str = "", number: int = 1, *, on: date | None = None) -> str:
    """The words to adapt for checkpoint ``key``.

    Micro-highlights need a ``focus`` from ``FOCUSES``; ``number`` counts repeated checkpoints (the n-th
    short update, the second reminder). ``on`` is the day an email would be sent (its window's start);
    without it a typical day is assumed (the day after the rotation, four and two weeks before the deadline).
    """
    if key not in _SCRIPTS and key not in _EMAILS:
        raise ValueError(f"Unknown checkpoint key {key!r}.")
    if key == "micro_highlight" and focus not in FOCUSES:
        raise ValueError(f"A micro-highlight needs a focus, one of: {', '.join(FOCUSES)}.")
    if key in _EMAILS:
        return _EMAILS[key](ctx, focus, number, on)
    return _SCRIPTS[key](ctx, focus, number)


# --- Tips: short how-to bullets per checkpoint ---------------------------------------------------


def tips_for(key: str, ctx: ScriptContext, focus: str = "") -> tuple[str, ...]:
    """Short how-to bullets for checkpoint ``key``: timing, what to do next, observership advice."""
    tips = list(_BASE_TIPS.get(key, ()))
    if key == "setup":
        tips.insert(0, f"Pick a calm moment {_calm_moment(ctx)}, rather than during a rush.")
        tips.append(ctx.nuance.emphasis)
        if ctx.target_weight is not None:
            tips.append(
                f"In {ctx.target}, the weight of good US letters for an IMG is about {ctx.target_weight} on a "
                "scale of 1 to 10."
            )
    if key == "micro_highlight" and ctx.resident:
        tips.append(f"Share updates with {ctx.resident} as well: residents often tell the attending how you are doing.")
    if key in ("midpoint_feedback", "pre_ask") or (key == "setup" and ctx.observership):
        tips.extend(_observership_tips(ctx, key))
    if key == "pre_ask":
        tips.append(
            f"Name one or two things they really taught you, for example "
            f"{(ctx.field_nuance or ctx.nuance).learned}; "
            "add them on the writer's letter page and the script uses them."
        )
    if key == "materials_email":
        tips.append("Add a line on what they taught you: on the writer's letter page, the email names it for you.")
        tips.append(
            "Add the ERAS Letter ID from your Letter Request Form on the writer's letter page: the writer types it "
            "in the Letter of Recommendation Portal to upload the letter."
        )
        if not ctx.aamc_id:
            tips.append("Add your AAMC ID to your profile so the email names it; writers often put it on the letter.")
    if key in ("reminder", "confirm_submission"):
        tips.append("ERAS dates change every season: check the current ERAS timeline against your deadline.")
    return tuple(tips)


def _observership_tips(ctx: ScriptContext, key: str) -> list[str]:
    if not ctx.observership:
        return []
    venue = "clinic or a team huddle" if ctx.outpatient else "rounds or a team huddle"
    if key == "pre_ask":
        return [
            "Be honest with yourself: observership letters count for less unless the writer saw you "
            "present, write practice notes or teach. If they haven't yet, ask for that chance before you ask "
            "for the letter."
        ]
    return [
        f"Ask to present a patient at {venue}; it gives them something concrete to write about.",
        "Offer to write draft notes for teaching, even if they never go into the chart.",
        "Volunteer a short, focused talk, for example ten minutes on a recent guideline they care about.",
    ]


_BASE_TIPS: dict[str, tuple[str, ...]] = {
    "feedback_check": ("Keep it to five minutes; the point is one concrete change to show next week.",),
    "setup": ("Keep it under two minutes; have your three goals ready before you start.",),
    "feedback_seed": (
        "Don't ask about a letter yet: this week is about showing you take feedback well.",
        "Don't argue or explain. Note what they say and change it where they can see it.",
    ),
    "micro_highlight": (
        "It should sound like useful news for the team that happens to show your work, never bragging.",
        "Write the story down in LORforge the same day, while the details are fresh.",
    ),
    "midpoint_feedback": (
        "Book it ahead of time; don't spring it on them in a busy moment.",
        "Expect it to feel uncomfortable. That's normal, and it is exactly what makes it useful.",
        "Record the feedback and the change you'll make, so the follow-up can show that change.",
    ),
    "feedback_followup": ("Keep it to one or two sentences, then get back to work.",),
    "pre_ask": (
        "Ask in person at a calm moment a few days before the rotation ends, never on your last afternoon.",
        'Saying "strong" is deliberate: it lets a lukewarm writer decline gracefully.',
        "Record their answer in LORforge the same day.",
    ),
    "last_day_thanks": ("Keep it short and warm; a handwritten card is a nice touch but not required.",),
    "materials_email": (
        "Send it within 24 hours of their yes, while the rotation is fresh in their mind.",
        "The summary gives them material; it is not a draft of the letter. They write the letter.",
    ),
    "reminder": (
        "Skip it if they've told you the letter is uploaded.",
        "Two reminders at most, a couple of weeks apart, unless they ask you to nudge them again.",
    ),
    "confirm_submission": ("If they told you it's submitted, trust that and don't ask again.",),
}
