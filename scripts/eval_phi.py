#!/usr/bin/env python3
"""Precision and recall of the privacy guard on the labelled set src/lorforge/data/phi_eval.jsonl.

    .venv/bin/python scripts/eval_phi.py            # dev and held-out test, gate on test
    .venv/bin/python scripts/eval_phi.py --split dev --show 100

Each line has a ``split`` (``dev`` to tune on, ``test`` held out: never tune on it) and a ``family``:
the class of identifier or of trap it was written for ("name-lower", "date-range", "trap-aamc" ...;
"core" for the first set). Figures are printed per kind of identifier and per family.

Span rule: a predicted span counts as correct if it overlaps a gold span of the same kind;
a gold span counts as found if a predicted span of the same kind overlaps it.
Exits 1 when overall recall < 0.95 or overall precision < 0.95 on the gated split.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from lorforge.core.privacy import KINDS, find_phi

DATA = Path(__file__).resolve().parents[1] / "src" / "lorforge" / "data" / "phi_eval.jsonl"
RECALL_TARGET, PRECISION_TARGET = 0.95, 0.95


def load(split: str) -> list[dict]:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [row for row in rows if split == "all" or row["split"] == split]


def overlaps(a: dict, b: dict) -> bool:
    return a["kind"] == b["kind"] and a["start"] < b["end"] and b["start"] < a["end"]


def evaluate(rows: list[dict]) -> tuple[Counter, list[str], list[str]]:
    """Counts per (measure, kind) and (measure, "family:" + family); readable misses and false alarms."""
    counts: Counter = Counter()
    misses: list[str] = []
    false_alarms: list[str] = []
    for row in rows:
        text, gold, family = row["text"], row["spans"], "family:" + row.get("family", "core")
        predicted = [f.to_dict() for f in find_phi(text)]
        counts["lines", family] += 1
        for g in gold:
            hit = any(overlaps(g, p) for p in predicted)
            for key in (g["kind"], family):
                counts["gold", key] += 1
                counts["found", key] += hit
            if not hit:
                misses.append(f"{g['kind']:7} {text[g['start'] : g['end']]!r:28} in {text!r}")
        for p in predicted:
            right = any(overlaps(p, g) for g in gold)
            for key in (p["kind"], family):
                counts["predicted", key] += 1
                counts["correct", key] += right
            if not right:
                false_alarms.append(f"{p['kind']:7} {p['text']!r:28} in {text!r}")
    return counts, misses, false_alarms


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def _row(label: str, counts: Counter, keys: tuple[str, ...]) -> str:
    gold, found, predicted, correct = (
        sum(counts[c, k] for k in keys) for c in ("gold", "found", "predicted", "correct")
    )
    return (
        f"{label:26} {gold:5} {found:6} {ratio(found, gold):7.3f} {predicted:5} {correct:6} "
        f"{ratio(correct, predicted):9.3f}"
    )


def report(name: str, rows: list[dict], show: int, *, families: bool = True) -> tuple[float, float]:
    """Figures for ``rows``; misses and false alarms are listed for the dev split only (tune on dev, never on test)."""
    counts, misses, false_alarms = evaluate(rows)
    traps = sum(1 for row in rows if not row["spans"])
    print(f"\n== {name}: {len(rows)} lines, {sum(len(r['spans']) for r in rows)} labelled spans, {traps} trap lines")
    header = f"{'':26} {'gold':>5} {'found':>6} {'recall':>7} {'pred':>5} {'right':>6} {'precision':>9}"
    print(header.replace(" " * 26, f"{'kind':26}", 1))
    for kind in KINDS:
        print(_row(kind, counts, (kind,)))
    print(_row("overall", counts, KINDS))
    if families:
        print(header.replace(" " * 26, f"{'family (lines)':26}", 1))
        for family in sorted(k for c, k in counts if c == "lines"):
            print(_row(f"{family[7:]} ({counts['lines', family]})", counts, (family,)))
    for title, items in (("misses", misses), ("false alarms", false_alarms)):
        print(f"-- {title}: {len(items)}" + ("" if name == "dev" else " (listed for dev only)"))
        for item in items[: show if name == "dev" else 0]:
            print("   ", item)
        if name == "dev" and len(items) > show:
            print(f"    ... {len(items) - show} more (use --show)")
    recall = ratio(sum(counts["found", k] for k in KINDS), sum(counts["gold", k] for k in KINDS))
    precision = ratio(sum(counts["correct", k] for k in KINDS), sum(counts["predicted", k] for k in KINDS))
    return recall, precision


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--split", choices=("dev", "test", "all"), default="test", help="split to gate on (default test)"
    )
    parser.add_argument("--show", type=int, default=40, help="how many misses and false alarms to list")
    args = parser.parse_args(argv)
    print("Span rule: a prediction is right if it overlaps a gold span of the same kind.")
    results = {split: report(split, load(split), args.show) for split in ("dev", "test")}
    if args.split == "all":
        results["all"] = report("all", load("all"), 0, families=False)
    recall, precision = results[args.split]
    ok = recall >= RECALL_TARGET and precision >= PRECISION_TARGET
    print(
        f"\n{'PASS' if ok else 'FAIL'} ({args.split}): recall {recall:.3f} (target {RECALL_TARGET}), "
        f"precision {precision:.3f} (target {PRECISION_TARGET})"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
