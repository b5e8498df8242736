"""Readability of our drafts beside the published statements' own text (textstat, pinned).

For each example complaint (examples/seeds/*.yaml and examples/complaints/*.yaml) the statement
is drafted and its prose measured: the Summary and every numbered paragraph and bullet, without
the header, headings, citations in brackets or the signature (the published form, not prose). The
five seed decisions (examples/decisions/seeds/*.txt) are read with the corpus parser and measured
the same way. Figures: Flesch Reading Ease (higher is easier; 60-70 is plain English), the
Flesch-Kincaid grade, words per sentence, and words in all.

Run:  .venv/bin/python bench/readability.py [--src DIR]   (--src: drafts from another checkout's
src/, such as the drafter before issue 9, for a before-and-after comparison)
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_CITATION = re.compile(r"\s*\((?:[^()]|\([^()]*\))*\b(?:Act|Schedule)\b(?:[^()]|\([^()]*\))*\)")


def prose(summary: str, paragraphs: list[str]) -> str:
    """The statement's prose: one passage per line, citations in brackets left out."""
    lines = [summary, *paragraphs]
    return "\n".join(_CITATION.sub("", " ".join(t.split())) for t in lines if t.strip())


def figures(text: str) -> dict[str, float]:
    import textstat

    sentences = max(1, textstat.sentence_count(text))
    words = textstat.lexicon_count(text)
    return {
        "fre": textstat.flesch_reading_ease(text),
        "fk": textstat.flesch_kincaid_grade(text),
        "wps": words / sentences,
        "words": words,
    }


def drafts(src: Path | None) -> list[tuple[str, str]]:
    if src is not None:
        sys.path.insert(0, str(src))
    from ombuds.code import assess_file
    from ombuds.statement import draft_statement

    files = sorted(
        p
        for p in [*ROOT.glob("examples/seeds/*.yaml"), *ROOT.glob("examples/complaints/*.yaml")]
        if p.name != "expected.yaml"
    )
    out = []
    for path in files:
        s = draft_statement(assess_file(path))
        texts = [t for p in s.paragraphs for t in [p.text, *p.items]]
        out.append((f"{path.parent.name}/{path.stem}", prose(s.summary, texts)))
    return out


def seeds() -> list[tuple[str, str]]:
    from ombuds.corpus.parse import parse_file

    out = []
    for path in sorted((ROOT / "examples" / "decisions" / "seeds").glob("*.txt")):
        d = parse_file(path)
        out.append(
            (f"published/{path.stem}", prose(d.summary or "", [p.text for p in d.paragraphs]))
        )
    return out


def table(title: str, rows: list[tuple[str, str]]) -> list[dict[str, float]]:
    print(f"\n{title}")
    print(f"{'text':44} {'FRE':>6} {'FK grade':>9} {'words/sent':>11} {'words':>6}")
    measured = []
    for name, text in rows:
        f = figures(text)
        measured.append(f)
        print(f"{name:44} {f['fre']:6.1f} {f['fk']:9.1f} {f['wps']:11.1f} {f['words']:6.0f}")
    med = {k: statistics.median(m[k] for m in measured) for k in ("fre", "fk", "wps", "words")}
    print(
        f"{'median':44} {med['fre']:6.1f} {med['fk']:9.1f} {med['wps']:11.1f} {med['words']:6.0f}"
    )
    return measured


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, help="draft with the ombuds package in this src/")
    args = parser.parse_args()
    ours = drafts(args.src)
    table("Our drafts (examples)", ours)
    table("Our drafts of the five seed complaints", [r for r in ours if r[0].startswith("seeds/")])
    table("The five seeds' published text", seeds())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
