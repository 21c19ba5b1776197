"""Evaluate the specificity coach on the project's labelled entries.

Usage: .venv/bin/python scripts/eval_coach.py [--split dev|test|all] [--file PATH] [--quiet]

Prints accuracy, precision and recall for "specific", a confusion matrix and the
misclassified lines, for the whole set and for each split. The rules were tuned
on the "dev" half only; the "test" half is the honest estimate. Exits 1 when the
accuracy of the chosen split (default: all) is below 0.85.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from lorforge.core.coach import assess
from lorforge.core.qualities import QUALITY_KEYS

PASS_MARK = 0.85


@dataclass(frozen=True)
class Row:
    text: str
    specific: bool
    qualities: tuple[str, ...]
    split: str


@dataclass
class Tally:
    true_pos: int = 0
    false_pos: int = 0
    true_neg: int = 0
    false_neg: int = 0

    def add(self, expected: bool, predicted: bool) -> None:
        if expected and predicted:
            self.true_pos += 1
        elif predicted:
            self.false_pos += 1
        elif expected:
            self.false_neg += 1
        else:
            self.true_neg += 1

    @property
    def total(self) -> int:
        return self.true_pos + self.false_pos + self.true_neg + self.false_neg

    @property
    def accuracy(self) -> float:
        return (self.true_pos + self.true_neg) / self.total if self.total else 0.0

    @property
    def precision(self) -> float:
        predicted = self.true_pos + self.false_pos
        return self.true_pos / predicted if predicted else 0.0

    @property
    def recall(self) -> float:
        actual = self.true_pos + self.false_neg
        return self.true_pos / actual if actual else 0.0


def load_rows(path: Path | None) -> list[Row]:
    if path is None:
        source = resources.files("lorforge").joinpath("data/coach_labelled.jsonl").read_text(encoding="utf-8")
    else:
        source = path.read_text(encoding="utf-8")
    rows = []
    for number, line in enumerate(source.splitlines(), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        unknown = set(record.get("qualities", [])) - set(QUALITY_KEYS)
        if unknown:
            raise SystemExit(f"line {number}: unknown quality keys {sorted(unknown)}")
        rows.append(Row(record["text"], bool(record["specific"]), tuple(record.get("qualities", ())),
                        record.get("split", "dev")))
    return rows


def report(name: str, rows: list[Row], *, quiet: bool) -> Tally:
    tally = Tally()
    misses = []
    quality_hits = quality_total = 0
    for row in rows:
        verdict = assess(row.text)
        tally.add(row.specific, verdict.specific)
        if verdict.specific != row.specific:
            misses.append((row, verdict))
        if row.qualities:
            quality_total += 1
            quality_hits += bool(set(verdict.qualities) & set(row.qualities))
    print(f"== {name}: {tally.total} entries ==")
    print(f"accuracy {tally.accuracy:.3f}   precision(specific) {tally.precision:.3f}   "
          f"recall(specific) {tally.recall:.3f}")
    print("                 predicted specific  predicted generic")
    print(f"actual specific  {tally.true_pos:>18}  {tally.false_neg:>17}")
    print(f"actual generic   {tally.false_pos:>18}  {tally.true_neg:>17}")
    if quality_total:
        print(f"qualities: a labelled quality among the suggestions for {quality_hits}/{quality_total} "
              f"({quality_hits / quality_total:.2f})")
    if misses and not quiet:
        print("misclassified:")
        for row, verdict in misses:
            label = "specific" if row.specific else "generic"
            print(f"  [{row.split}] expected {label:<8} score {verdict.score:.2f} "
                  f"signals {','.join(verdict.signals)}\n      {row.text}")
    print()
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all",
                        help="which split decides the exit status (default: all)")
    parser.add_argument("--file", type=Path, help="a JSONL file to use instead of the packaged set")
    parser.add_argument("--quiet", action="store_true", help="do not list misclassified lines")
    args = parser.parse_args(argv)
    rows = load_rows(args.file)
    tallies = {"all": report("all", rows, quiet=True)}
    for split in ("dev", "test"):
        tallies[split] = report(split, [r for r in rows if r.split == split], quiet=args.quiet)
    started = time.perf_counter()
    for row in rows:
        assess(row.text)
    per_entry_ms = (time.perf_counter() - started) * 1000 / max(len(rows), 1)
    print(f"speed: {per_entry_ms:.3f} ms per entry")
    accuracy = tallies[args.split].accuracy
    print(f"{args.split} accuracy {accuracy:.3f} (pass mark {PASS_MARK})")
    return 0 if accuracy >= PASS_MARK else 1


if __name__ == "__main__":
    sys.exit(main())
