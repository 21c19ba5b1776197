"""The ``lorforge`` command: a thin layer over the services and the core.

Each sub-command lives in ``lorforge.commands.<name>``, which has its ``HELP`` line, its ``DESCRIPTION``,
``add_arguments(parser)`` (the arguments several commands share are in ``commands/_args.py``) and
``run(args)``. A command returns an exit status; ``CommandError`` prints one line and exits with 2.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys

COMMANDS = ("serve", "demo", "manage", "plan", "timeline", "calendar", "coach", "phi", "helper", "email", "programs")


class CommandError(Exception):
    """Bad input from the user: printed as one line, exit status 2."""


class _Printable:
    """A text stream that drops control characters: a terminal escape typed into a name (and stored) never reaches
    the terminal. JSON output is unchanged: ``json.dumps`` already writes control characters as escapes."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(_CONTROL.sub("", text))

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one clear line, status 2, like argparse but shorter
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Every command's parser (for --help), or only ``only``'s: a command imports just what it needs."""
    parser = _Parser(
        prog="lorforge",
        description="LORforge: turn your US clinical rotations into strong letters of recommendation.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in (only,) if only in COMMANDS else COMMANDS:
        command = importlib.import_module(f"lorforge.commands.{name}")
        add_help = getattr(command, "ADD_HELP", True)
        own = sub.add_parser(name, help=command.HELP, description=command.DESCRIPTION, add_help=add_help)
        command.add_arguments(own)
        own.set_defaults(func=command.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Printable(stdout), _Printable(stderr)
    try:
        return _main(sys.argv[1:] if argv is None else argv)
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def _main(argv: list[str]) -> int:
    parser = build_parser(argv[0] if argv and argv[0] in COMMANDS else None)
    if argv and argv[0] == "manage":  # pass everything after "manage" through untouched
        args = argparse.Namespace(func=importlib.import_module("lorforge.commands.manage").run, rest=argv[1:])
    else:
        args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return args.func(args) or 0
    except CommandError as exc:
        print(f"lorforge: error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bad environment variable: one line naming it, no traceback
        if type(exc).__name__ != "ImproperlyConfigured":
            raise
        print(f"lorforge: configuration error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
