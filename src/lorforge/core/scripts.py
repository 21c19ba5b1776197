"""The words for each conversation of the rotation plan, filled in and ready to adapt.

Every script is built from a ``ScriptContext``: who the applicant is, who the
writer is, and what the rotation looks like (setting, kind, field, dates). The
applicant's target field drives the goals and the order of the short updates;
the example updates follow the rotation's own field when it is a known one (an
internal medicine applicant on a surgery rotation talks about the OR).

Scripts never contain fill-in brackets: when something is unknown (no writer
named, no country), the sentence is written without it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from lorforge.core import specialties
from lorforge.core.records import Applicant, Rotation
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
_TITLED = re.compile(r"^(dr\b\.?|doctor\b|prof\b\.?|professor\b)", re.IGNORECASE)
_DEGREE_SUFFIX = re.compile(r",?\s+(md|do|m\.d\.|d\.o\.|mbbs|phd)$", re.IGNORECASE)
_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def doctor_name(name: str) -> str:
    """``name`` with "Dr." in front, unless it already carries a title or a degree."""
    name = " ".join(name.split())
    if not name or _TITLED.match(name) or _DEGREE_SUFFIX.search(name):
        return name
    return f"Dr. {name}"


@dataclass(frozen=True)
class ScriptContext:
    applicant: str  # the applicant's name as on documents; "" when unknown
    country: str
    school: str
    aamc_id: str
    target: str  # the target field in running text ("internal medicine"); "" when unknown
    target_weight: int | None  # how much US letters weigh in that field, 1-10
    writer: str  # "Dr. Sarah Smith"; "" when no writer is named
    resident: str  # the senior resident's name; "" when none is known
    setting: str
    kind: str
    field: str  # the rotation's field in running text ("cardiology"); "" when unknown
    specialty_key: str  # the rotation's known field, else the target's: picks the wording
    start: date
    end: date
    deadline: date
    nuance: Nuance  # the target field's
    examples: Highlights  # example updates for the rotation's field and setting

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


def script_context(*, rotation: Rotation, applicant: Applicant, writer: str, resident: str,
                   deadline: date) -> ScriptContext:
    """Everything the scripts need, with names and fields tidied for running text."""
    target_text = applicant.specialty or rotation.specialty
    target = specialties.specialty_for(target_text)
    field = specialties.specialty_for(rotation.specialty)
    example_source = rotation.specialty if field.key != "other" else target_text
    example_nuance = specialties.nuance_for(example_source)
    return ScriptContext(
        applicant=" ".join(applicant.name.split()),
        country=applicant.country.strip(),
        school=applicant.medical_school.strip(),
        aamc_id=applicant.aamc_id.strip(),
        target=_field_words(target_text),
        target_weight=target.lor_weight,
        writer=doctor_name(writer),
        resident=" ".join(resident.split()),
        setting=rotation.setting,
        kind=rotation.kind,
        field=_field_words(rotation.specialty),
        specialty_key=specialties.specialty_for(example_source).key,
        start=rotation.start,
        end=rotation.end,
        deadline=deadline,
        nuance=specialties.nuance_for(target_text),
        examples=example_nuance.clinic if rotation.setting == "outpatient" else example_nuance.ward,
    )


def _field_words(text: str) -> str:
    """A field as it reads mid-sentence: "internal medicine", or a named surgical field as typed."""
    typed = " ".join((text or "").split())
    found = specialties.specialty_for(typed)
    generic = ("surgery", "general surgery", "gen surg", "surgical")
    if found.key == "other":
        return typed
    if found.key == "surgery" and typed.lower() not in generic:
        return typed  # "orthopedic surgery" says more than "surgery"
    return found.name.lower()


# --- Small wording helpers ----------------------------------------------------------------------


def _lower_first(text: str) -> str:
    """Lower-case the first letter to continue a sentence, but never the pronoun "I"."""
    if re.match(r"I\b", text):
        return text
    return text[0].lower() + text[1:]


def _hail(ctx: ScriptContext, text: str) -> str:
    """Start a spoken line with the writer's name when known: "Dr. Smith, could I ..."."""
    return f"{ctx.writer}, {text}" if ctx.writer else text[0].upper() + text[1:]


def _dear(ctx: ScriptContext) -> str:
    return f"Dear {ctx.writer}," if ctx.writer else "Dear Doctor,"


def _day(d: date) -> str:
    return f"{d:%A}, {d:%B} {d.day}"


def _full_day(d: date) -> str:
    return f"{d:%B} {d.day}, {d.year}"


def _date_range(start: date, end: date) -> str:
    if start.year != end.year:
        return f"{_full_day(start)} – {_full_day(end)}"
    if start.month != end.month:
        return f"{start:%B} {start.day} – {end:%B} {end.day}, {end.year}"
    return f"{start:%B} {start.day}–{end.day}, {end.year}"


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


def _calm_moment(ctx: ScriptContext) -> str:
    if ctx.outpatient:
        return "after the clinic session, once the last patient has left"
    if ctx.surgical:
        return "after the last case, or in a quiet moment after rounds"
    return "after rounds, once the team has settled"


def _update_moment(ctx: ScriptContext) -> str:
    if ctx.outpatient:
        return "when you present a patient between visits"
    if ctx.surgical:
        return "on rounds or in a quiet moment between cases"
    return "on rounds, when the patient comes up"


def _workplace(ctx: ScriptContext) -> str:
    if ctx.outpatient:
        return "in clinic"
    if ctx.surgical:
        return "on the service and in the OR"
    return "on the wards"


def _presentation(ctx: ScriptContext) -> str:
    return "clinic presentation" if ctx.outpatient else "presentation on rounds"


def _goals(ctx: ScriptContext) -> tuple[str, ...]:
    if ctx.observership:
        venue = "at a clinic huddle" if ctx.outpatient else "to the team"
        return (f"presenting at least one patient {venue} each week",
                "writing practice notes you could look over",
                "preparing a short teaching talk on a topic you choose")
    return ctx.nuance.goals


def _bullets(lines: tuple[str, ...] | list[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


# --- The scripts, one per checkpoint key ---------------------------------------------------------


def _setup(ctx: ScriptContext, focus: str) -> str:
    who = [f"I'm {ctx.applicant}." if ctx.applicant else ""]
    if ctx.school and ctx.country:
        who.append(f"I studied medicine at {ctx.school} in {ctx.country},")
    elif ctx.school or ctx.country:
        who.append(f"I studied medicine at {ctx.school}," if ctx.school else f"I trained in {ctx.country},")
    else:
        who.append("I trained abroad,")
    who.append(f"and I'm applying for {_residency(ctx)} this coming season.")
    intro = " ".join(part for part in who if part)
    why_here = (f"I'm on {_rotation(ctx)} to build solid US clinical experience and to learn how care works "
                f"{_workplace(ctx)} here.")
    paragraphs = [
        _hail(ctx, "thank you for having me. Could I take two minutes to introduce myself properly?"),
        f"{intro} {why_here}",
        f"For {_span(ctx)}, I'm working on three things:\n{_bullets(_goals(ctx))}",
        ("If you notice anything I could do better, please tell me directly, even if it's critical. "
         "The sooner I hear it, the sooner I can fix it."),
    ]
    if ctx.observership:
        paragraphs.append(
            "I know observers don't write in the chart, but I'd like to learn actively. Would it be all right "
            "if I wrote practice notes for you to look over, and presented a patient to you now and then?")
    return "\n\n".join(paragraphs)


def _feedback_seed(ctx: ScriptContext, focus: str) -> str:
    expect = ("what would make an observer genuinely useful to you" if ctx.observership
              else f"what separates a strong {_level(ctx)} from an average one on this team")
    lines = [
        _hail(ctx, "would you have five minutes today or tomorrow for some quick feedback on how I'm doing? "
                   "I'd like to know whether I'm on track with what you expect."),
        "",
        "In those five minutes, ask:",
        "- \"What's one thing you'd like me to do differently next week?\"",
        f"- \"And {expect}?\"",
        "",
        "Then listen, thank them and note what they said.",
    ]
    if ctx.resident:
        lines += ["", f"With {ctx.resident}, at the end of a day: \"What could I take off your plate tomorrow, "
                      "and what's one thing I should work on?\""]
    return "\n".join(lines)


def _micro_highlight(ctx: ScriptContext, focus: str) -> str:
    lead = {
        "clinical_reasoning": "Share something you read about one of your patients and how it changes the plan.",
        "systems_teamwork": "Report something you coordinated with the wider team and what it means for the plan.",
        "communication_empathy": "Mention a talk you had with a patient or relatives and what it changed for them.",
    }[focus]
    example = ctx.examples.for_focus(focus)
    if ctx.writer:
        example = f"{ctx.writer}, {_lower_first(example)}"
    return f"{lead} Keep it to 30–60 seconds, {_update_moment(ctx)}. For example:\n\n\"{example}\""


def _midpoint_feedback(ctx: ScriptContext, focus: str) -> str:
    kind = KIND_LABELS.get(ctx.kind, "rotation")
    return "\n".join([
        "To book it, a few days ahead:",
        "\"" + _hail(ctx, f"we're about halfway through my {kind}. Could we find ten minutes this week for some "
                          "structured feedback? I'd like to finish strongly and make sure I'm meeting your "
                          "expectations.") + "\"",
        "",
        "In the meeting:",
        f"1. Your own view first: \"I think I've improved at {ctx.nuance.improved}. "
        f"I'm still working on {ctx.nuance.working_on}.\"",
        "2. Then ask:",
        "   - \"If I started as your intern tomorrow, what's the first thing you'd want me to change?\"",
        "   - \"What would you need to see before handing me more responsibility?\"",
        "   - \"Which parts of my work already look like a strong intern's to you?\"",
        "3. Finish by closing the loop: \"That's really helpful. From now until my last day I'll work on "
        "exactly those points.\" Then name the one or two things they raised, in their words.",
    ])


def _feedback_followup(ctx: ScriptContext, focus: str) -> str:
    return (
        _hail(ctx, f"since our feedback talk I've been working on {ctx.nuance.change_shown}, as you suggested. "
                   f"Was today's {_presentation(ctx)} closer to what you're looking for?")
        + "\n\nUse the change they actually asked for, in their words, so the before and after is easy "
          "to recognize."
    )


def _pre_ask(ctx: ScriptContext, focus: str) -> str:
    applying = (f"I'm applying to {ctx.target} this coming season." if ctx.target
                else "I'm applying for residency this coming season.")
    return "\n".join([
        "\"" + _hail(ctx, "thank you for having me on your team these past weeks. I've learned a great deal "
                          f"here, especially {ctx.nuance.learned}. {applying}") + "\"",
        "",
        "\"Would you feel comfortable writing a strong letter of recommendation for me? If you feel you haven't "
        "seen enough of my work, please say so. I'd completely understand.\"",
        "",
        "If they say yes with confidence:",
        "\"Thank you so much. By tomorrow you'll have my CV, my personal statement draft and a one-page summary "
        "of what I did here, so the letter takes less of your time.\"",
        "",
        "If the answer is hesitant or comes with conditions (\"I could, but I don't know you that well\"):",
        "\"Of course, thank you for being honest with me. I've really valued learning from you.\" "
        "Then step back: a few strong letters help you more than several lukewarm ones.",
    ])


def _last_day_thanks(ctx: ScriptContext, focus: str) -> str:
    team = f" and {ctx.resident}" if ctx.resident else ""
    return "\n".join([
        "\"" + _hail(ctx, f"today is my last day, and I'd like to thank you in person. I learned a lot, "
                          f"especially {ctx.nuance.learned}.") + "\"",
        "",
        "If they agreed to write and the materials aren't sent yet: \"The email with my CV, statement draft and "
        "summary will be with you by tomorrow.\"",
        "",
        f"Thank the team{team} too, by name.",
    ])


def _materials_email(ctx: ScriptContext, focus: str) -> str:
    subject_name = f" – {ctx.applicant}" if ctx.applicant else ""
    field = f"{ctx.target} " if ctx.target else ""
    details = [f"My AAMC ID is {ctx.aamc_id}." if ctx.aamc_id else "",
               f"I'm hoping to have all my letters in ERAS by {_full_day(ctx.deadline)}."]
    body = [
        f"Subject: Thank you and letter materials{subject_name}, {_date_range(ctx.start, ctx.end)}",
        "",
        _dear(ctx),
        "",
        f"I'm very grateful that you've agreed to write a letter of recommendation for my {field}residency "
        f"applications. Your teaching meant a lot to me, especially {ctx.nuance.learned}.",
        "",
        "To make the letter easier to write, I've attached:",
        "- my updated CV",
        "- a draft of my personal statement",
        "- a one-page summary of the rotation from my side: patients I followed, things I took on, your "
        "feedback and what I changed",
        "",
        " ".join(d for d in details if d) + " Please use whatever helps and ignore the rest.",
        "",
        "With many thanks,",
    ]
    if ctx.applicant:
        body.append(ctx.applicant)
    return "\n".join(body)


def _reminder(ctx: ScriptContext, focus: str, later: bool = False) -> str:
    subject_name = f" – {ctx.applicant}" if ctx.applicant else ""
    field = f"{ctx.target} " if ctx.target else ""
    opening = ("I hope you're well. I'm following up once more, briefly, on" if later
               else "I hope you're well. I'm writing briefly about")
    body = [
        f"Subject: A gentle check-in about my letter of recommendation{subject_name}",
        "",
        _dear(ctx),
        "",
        f"{opening} the recommendation letter you generously offered to write in support of my {field}residency "
        f"applications. I'm hoping to have my letters in ERAS by {_full_day(ctx.deadline)}. If anything else "
        "from me would help, I'd be glad to send it.",
        "",
        "Many thanks for your help with this.",
        "",
        "Best regards,",
    ]
    if ctx.applicant:
        body.append(ctx.applicant)
    return "\n".join(body)


def _confirm_submission(ctx: ScriptContext, focus: str) -> str:
    writer = ctx.writer or "your writer"
    body = [
        f"Check ERAS: is the letter from {writer} marked as received?",
        "- Yes: no more reminders. A two-line thank-you is all that's needed.",
        "- Not there yet: one final, brief and courteous note is fine:",
        "",
        _dear(ctx),
        "",
        f"I hope all is well. I wanted to check, very gently, whether my letter of recommendation could reach "
        f"ERAS by {_full_day(ctx.deadline)}. If there is anything I can send to help, please let me know. "
        "Thank you so much for your support.",
        "",
        "Best regards,",
    ]
    if ctx.applicant:
        body.append(ctx.applicant)
    return "\n".join(body)


_SCRIPTS = {
    "setup": _setup,
    "feedback_seed": _feedback_seed,
    "micro_highlight": _micro_highlight,
    "midpoint_feedback": _midpoint_feedback,
    "feedback_followup": _feedback_followup,
    "pre_ask": _pre_ask,
    "last_day_thanks": _last_day_thanks,
    "materials_email": _materials_email,
    "reminder": _reminder,
    "confirm_submission": _confirm_submission,
}


def script_for(key: str, ctx: ScriptContext, focus: str = "", number: int = 1) -> str:
    """The words to adapt for checkpoint ``key``.

    Micro-highlights need a ``focus`` from ``FOCUSES``; ``number`` tells a
    second reminder from the first.
    """
    if key not in _SCRIPTS:
        raise ValueError(f"Unknown checkpoint key {key!r}.")
    if key == "micro_highlight" and focus not in FOCUSES:
        raise ValueError(f"A micro-highlight needs a focus, one of: {', '.join(FOCUSES)}.")
    if key == "reminder":
        return _reminder(ctx, focus, later=number > 1)
    return _SCRIPTS[key](ctx, focus)


# --- Tips: short how-to bullets per checkpoint ---------------------------------------------------


def tips_for(key: str, ctx: ScriptContext, focus: str = "") -> tuple[str, ...]:
    """Short how-to bullets for checkpoint ``key``: timing, what to do next, observership advice."""
    tips = list(_BASE_TIPS.get(key, ()))
    if key == "setup":
        tips.insert(0, f"Pick a calm moment {_calm_moment(ctx)}, rather than during a rush.")
        tips.append(ctx.nuance.emphasis)
        if ctx.target_weight is not None:
            tips.append(f"For IMGs, good US letters move the odds a lot in {ctx.target} "
                        f"(roughly {ctx.target_weight} out of 10).")
    if key == "micro_highlight":
        tips.insert(0, f"Say it {_update_moment(ctx)}: a short update to the team, not a speech about yourself.")
        if ctx.resident:
            tips.append(f"Share updates with {ctx.resident} as well: residents often tell the attending how "
                        "a student is doing.")
    if key in ("midpoint_feedback", "pre_ask") or (key == "setup" and ctx.observership):
        tips.extend(_observership_tips(ctx, key))
    if key == "materials_email" and not ctx.aamc_id:
        tips.append("Add your AAMC ID to the email: the writer needs it to upload the letter.")
    if key in ("reminder", "confirm_submission"):
        tips.append("ERAS dates change every season: check the current ERAS timeline against your deadline.")
    return tuple(tips)


def _observership_tips(ctx: ScriptContext, key: str) -> list[str]:
    if not ctx.observership:
        return []
    venue = "clinic or a team huddle" if ctx.outpatient else "rounds or a team huddle"
    if key == "pre_ask":
        return ["Be honest with yourself: observership letters count for less unless the writer saw you "
                "present, write practice notes or teach. If they haven't yet, ask for that chance before you ask "
                "for the letter."]
    return [f"Ask to present a patient at {venue}; it gives them something concrete to write about.",
            "Offer to write draft notes for teaching, even if they never go into the chart.",
            "Volunteer a short, focused talk, for example ten minutes on a recent guideline they care about."]


_BASE_TIPS: dict[str, tuple[str, ...]] = {
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
        "Record the feedback and the change you'll make, so the follow-up a week later is easy.",
    ),
    "feedback_followup": ("Keep it to one or two sentences, then get back to work.",),
    "pre_ask": (
        "Ask in person at a calm moment with three to five days of the rotation left, never on your last "
        "afternoon.",
        "Saying \"strong\" is deliberate: it lets a lukewarm writer decline gracefully.",
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
