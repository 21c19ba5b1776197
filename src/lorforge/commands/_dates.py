"""Dates typed on the command line: one strict format and one range for every command."""

from __future__ import annotations

import argparse
import re
from datetime import date

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MIN_YEAR, MAX_YEAR = 1990, 2200  # 9999-12-31 would overflow the plan's date arithmetic


def iso_date(text: str) -> date:
    """An argparse ``type``: a real YYYY-MM-DD date between ``MIN_YEAR`` and ``MAX_YEAR``, else one clear line."""
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError
        value = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a valid date (use YYYY-MM-DD)") from None
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise argparse.ArgumentTypeError(f"{text!r} is out of range: use a date between {MIN_YEAR} and {MAX_YEAR}")
    return value
