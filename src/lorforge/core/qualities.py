"""The letter qualities evidence can show, with the phrase a writer uses for each."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Quality:
    key: str
    label: str
    letter_phrase: str  # how a strong letter tends to put it
    how_to_show: str  # one sentence: what the applicant does to earn it


QUALITIES: tuple[Quality, ...] = (
    Quality(
        "work_ethic",
        "Work ethic",
        "exceptional work ethic",
        "Arrive before the resident, know your patients well and stay until the work is done or handed off.",
    ),
    Quality(
        "clinical_reasoning",
        "Clinical reasoning",
        "functions at the level of an intern",
        "Present a structured plan with a short differential and say why you favour your top choice.",
    ),
    Quality(
        "communication",
        "Communication and teamwork",
        "an excellent team player",
        "Give clear, short updates to the team, nurses, consultants and families.",
    ),
    Quality(
        "reliability",
        "Reliability",
        "I trusted them completely with patient care tasks",
        "Close every task without being reminded, or say early that it is blocked.",
    ),
    Quality(
        "teachability",
        "Teachability and growth",
        "most impressive was their growth over the month",
        "Ask for one or two concrete pointers, then let them see the change a week later.",
    ),
    Quality(
        "patient_safety",
        "Safe with patients",
        "safe and careful with patients",
        "Double-check what matters, escalate early and say so when you are unsure.",
    ),
    Quality(
        "fit",
        "Personality and fit",
        "a pleasure to work with, and a great fit",
        "Be the person the team is glad to see: calm, kind and helpful at the right moments.",
    ),
)

QUALITY_KEYS: tuple[str, ...] = tuple(q.key for q in QUALITIES)
BY_KEY: dict[str, Quality] = {q.key: q for q in QUALITIES}


def label(key: str) -> str:
    return BY_KEY[key].label
