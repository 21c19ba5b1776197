"""The running task list and the end-of-day check-off.

Reliability shows when every task is either closed or reported as blocked before
anyone has to ask. ``end_of_day_summary`` turns the day's list into the short
update an applicant says to the resident or attending: what is done, what is
blocked and why, and what is still pending.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

STATUSES = ("open", "done", "blocked")


@dataclass(frozen=True)
class TaskItem:
    text: str
    status: str = "open"  # one of STATUSES
    reason: str = ""  # why it is blocked ("radiology has not read the CT yet")

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {self.status!r}")


DOUBLED_VERBS = frozenset("admit refer transfer commit submit".split())  # stress on the last syllable

# Base verbs a task usually starts with ("Call cardiology"), with irregular past tenses.
IRREGULAR_PAST = {
    "bring": "brought",
    "buy": "bought",
    "catch": "caught",
    "do": "did",
    "draw": "drew",
    "feed": "fed",
    "find": "found",
    "get": "got",
    "give": "gave",
    "go": "went",
    "hold": "held",
    "keep": "kept",
    "lead": "led",
    "leave": "left",
    "make": "made",
    "meet": "met",
    "pay": "paid",
    "put": "put",
    "read": "read",
    "run": "ran",
    "see": "saw",
    "send": "sent",
    "set": "set",
    "sit": "sat",
    "speak": "spoke",
    "take": "took",
    "teach": "taught",
    "tell": "told",
    "think": "thought",
    "write": "wrote",
    "rewrite": "rewrote",
    "hang": "hung",
    "begin": "began",
    "choose": "chose",
}
TASK_VERBS = (
    frozenset(IRREGULAR_PAST)
    | DOUBLED_VERBS
    | frozenset(
        "call page email fax text phone update reconcile check follow order chase draft print sign complete finish "
        "submit present prepare look remove place discuss ask review schedule book arrange coordinate confirm "
        "clarify request explain counsel educate examine reexamine recheck repeat document note report notify "
        "inform escalate discontinue stop start restart adjust titrate calculate collect obtain pull track fill "
        "fix file upload enter add type answer return visit help assist talk walk prep hand clean dress change "
        "measure weigh label deliver pick drop plan translate interview screen admit discharge consent transfer "
        "refer contact reach verify test scan wrap close open move cancel reschedule organize organise summarize "
        "summarise research study practice edit correct replace renew refill copy list attend touch round".split()
    )
)
DOUBLED = DOUBLED_VERBS
PAST_FORMS = frozenset(IRREGULAR_PAST.values())
# "Discharge summary", "call list", "test results": the first word is part of a noun, not a verb.
COMPOUND_NOUNS = frozenset(
    "summary summaries paperwork papers instructions planning list lists note notes order orders results "
    "result report reports call calls form forms request requests plan plans teaching meeting schedule "
    "appointment appointments sheet slip letter".split()
)
_DOUBLE_FINAL = re.compile(r"^[^aeiou]*[aeiou][bdgklmnprt]$")  # stop -> stopped, plan -> planned
_TRAILING = re.compile(r"[\s.;,:!]+$")
_LEADING_MARK = re.compile(r"^\s*(?:[-*•]+|\d+[.)]|\[[ xX]?\])\s*")


def _clean(text: str) -> str:
    """One line without list marker or trailing period; "Call" becomes "call", but "MRI" and "Dr." stay."""
    text = _TRAILING.sub("", _LEADING_MARK.sub("", " ".join(str(text).split())))
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and first[1:].islower() and first.lower() not in {"i", "dr", "mr", "mrs", "ms"}:
        text = text[:1].lower() + text[1:]
    return text


def _split_verb(text: str) -> tuple[str, str] | None:
    """("call", "cardiology") for "call cardiology"; None when the task does not start with a base verb."""
    first, _, rest = text.partition(" ")
    second = rest.split(" ", 1)[0].lower()
    if first.lower() in TASK_VERBS and second not in COMPOUND_NOUNS:
        return first.lower(), rest
    return None


def _doubles(verb: str) -> bool:
    return verb in DOUBLED or (len(verb) <= 4 and bool(_DOUBLE_FINAL.match(verb)))


def _past(verb: str) -> str:
    if verb in IRREGULAR_PAST:
        return IRREGULAR_PAST[verb]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and len(verb) > 1 and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    if _doubles(verb):
        return verb + verb[-1] + "ed"
    return verb + "ed"


def _gerund(verb: str) -> str:
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    if _doubles(verb):
        return verb + verb[-1] + "ing"
    return verb + "ing"


def _with(verb: str, rest: str) -> str:
    return f"{verb} {rest}".strip()


def join_items(items: Sequence[str], *, separator: str = ",") -> str:
    """English list grammar: "a", "a and b", "a, b and c"; with ";" for items that carry their own commas."""
    if len(items) <= 1:
        return "".join(items)
    if separator == ";":
        return "; ".join(items[:-1]) + "; and " + items[-1]
    if len(items) == 2:
        return f"{items[0]} and {items[1]}"
    return ", ".join(items[:-1]) + " and " + items[-1]


def _done_sentences(done: Sequence[str]) -> list[str]:
    acts, things = [], []
    for text in done:
        parsed = _split_verb(text)
        first = text.split(" ", 1)[0].lower()
        if first in PAST_FORMS or (first.endswith("ed") and len(first) > 3):
            acts.append(text)  # already written as done: "called cardiology"
        elif parsed:
            acts.append(_with(_past(parsed[0]), parsed[1]))
        else:
            things.append(text)
    sentences = []
    if acts:
        sentences.append(f"I {join_items(acts)}.")
    if things:
        sentences.append(f"{'Also done' if acts else 'Done'}: {join_items(things)}.")
    return sentences


def _pending_phrase(task: TaskItem) -> str:
    text = _clean(task.text)
    parsed = _split_verb(text)
    phrase = _with(_gerund(parsed[0]), parsed[1]) if parsed else text
    reason = _clean(task.reason)
    reason = re.sub(r"^(?:because|since|as)\s+", "", reason, flags=re.IGNORECASE)
    if task.status == "blocked":
        if reason and re.match(r"\w+ing\b", reason):  # "waiting for the daughter": no clause to follow "because"
            return f"{phrase} ({reason})"
        return f"{phrase}, because {reason}" if reason else f"{phrase}, which is blocked"
    return phrase


def end_of_day_summary(tasks: Sequence[TaskItem]) -> str:
    """The end-of-day update: done items first, then blocked items with their reasons, then open ones."""
    kept = [t for t in tasks if _clean(t.text)]
    if not kept:
        return (
            "No tasks on the list yet: add each one as you take it on, and this becomes your "
            "end-of-day update for the team."
        )
    done = [_clean(t.text) for t in kept if t.status == "done"]
    pending = [_pending_phrase(t) for t in kept if t.status == "blocked"]
    pending += [_pending_phrase(t) for t in kept if t.status == "open"]
    sentences = _done_sentences(done)
    if not pending:
        sentences.append("Nothing is pending from my list.")
    elif len(pending) == 1:
        sentences.append(f"The only pending item is {pending[0]}.")
    else:
        separator = ";" if any("," in p for p in pending) else ","
        sentences.append(f"Still pending: {join_items(pending, separator=separator)}.")
    return " ".join(sentences)
