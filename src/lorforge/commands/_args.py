"""The arguments several commands share, each written once (argparse only: importing this starts nothing)."""

from __future__ import annotations

from lorforge.commands._dates import iso_date

USES_DATABASE = "Uses the database named by DATABASE_URL, or the default SQLite one."


def account(parser, *, writer: bool = False) -> None:
    """``--email`` (the account) and, with ``writer``, ``--writer`` (one of its letter writers)."""
    parser.add_argument("--email", required=True, metavar="ACCOUNT", help="the account's email address")
    if writer:
        parser.add_argument("--writer", required=True, metavar="NAME", help="the letter writer's name")


def day(parser, flag: str, *, help: str, required: bool = False) -> None:
    """A date option typed as YYYY-MM-DD (checked by ``iso_date``)."""
    parser.add_argument(flag, required=required, type=iso_date, metavar="YYYY-MM-DD", help=help)


def json_output(parser, *, help: str = "print JSON instead of text") -> None:
    parser.add_argument("--json", action="store_true", help=help)


def text_or_jsonl(parser, *, what: str, answer: str) -> None:
    """The text to read (``what``) as arguments or standard input, or ``--jsonl``: one ``answer`` per input line."""
    parser.add_argument("text", nargs="*", help=f"the {what} (default: read standard input)")
    parser.add_argument(
        "--jsonl",
        action="store_true",
        help=f'read {{"text": ...}} lines on standard input, write one JSON {answer} per line',
    )
