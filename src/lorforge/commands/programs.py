"""``lorforge programs``: an account's programs with the letters assigned or suggested, and their states."""

from __future__ import annotations

import json

from lorforge.commands._args import USES_DATABASE, account, json_output

HELP = "list an account's programs with their letters (assigned, uploaded, suggested)"
DESCRIPTION = f"""Print each program of the account with the letters assigned to it in ERAS or suggested for it,
whether each is uploaded and when it is expected. {USES_DATABASE}"""


def add_arguments(parser) -> None:
    account(parser)
    json_output(parser)


def run(args) -> int:
    from lorforge.commands._django import setup_django

    setup_django()
    from lorforge import clock
    from lorforge.commands._django import account
    from lorforge.letters.programs import programs_json

    user = account(args.email)
    data = programs_json(user=user, today=clock.today(user))
    if args.json:
        print(json.dumps({"account": user.email, "programs": data}, ensure_ascii=False, indent=2))
        return 0
    if not data:
        print(f"No programs yet for {user.email}.")
        return 0
    for program in data:
        applied = f", applied {program['applied_on']} (locked)" if program["applied_on"] else ""
        print(f"{program['program']} ({program['specialty']}), letters by {program['letters_needed_by']}{applied}")
        for letter in program["letters"]:
            state = "assigned" if letter["assigned"] else "suggested"
            uploaded = (
                f"uploaded {letter['uploaded_on']}"
                if letter["uploaded_on"]
                else (f"expected by {letter['expected_by']}" if letter["expected_by"] else "not uploaded")
            )
            print(f"  - {letter['writer']}: {state}, {uploaded}")
        for flag in program["flags"]:
            print(f"  ! {flag}")
    return 0
