"""Corpora shaped like real pages: the seed decisions and saved HTML pages, varied, noise kept.

Why: `synthetic.py` writes long, tidy decisions; the pages investigators really save are shorter
and noisier (navigation, cookie banners, "Back to top" lines, repeated boilerplate), and on them
the cost around parsing weighs more. These corpora are built at bench time from pages the
project ships (the five seed texts in examples/decisions/seeds and the saved pages in
tests/corpus/fixtures/html), or, for an extra corpus, from the real decisions in
/work/shared/decisions-dev, read where they are and never copied into the project.

Each decision is one of the templates with its header facts and names varied: a new reference
(unique per decision), council, category, outcome, decision date and the complainant's letter
("Miss X" becomes "Mr B", ...), with the paragraphs of the assessment or findings section
reordered and sometimes one left out, so that no two decisions share their text. Everything else
(the page's navigation, banners, scripts and boilerplate) is kept as it is.

Deterministic: decision i of seed s comes from `random.Random(f"...:{kind}:{s}:{i}")`.

    python bench/realshaped.py 5000 /tmp/seeds-corpus --kind seeds
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import wording as W
from ombuds.corpus.parse import parse_document, read_decision_file

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "decisions" / "seeds"
FIXTURES = ROOT / "tests" / "corpus" / "fixtures" / "html"
DECISIONS_DEV = ROOT.parent / "shared" / "decisions-dev"
KINDS = ("seeds", "pages", "dev")
OUTCOMES = ("Closed after initial enquiries", "Upheld", "Not upheld")
LETTERS = "BCDEFGHJKLMNPRSTWXYZ"
TITLES = ("Mr", "Mrs", "Miss", "Ms", "Dr")
_REF = re.compile(r"\b(\d{2})([ -])(\d{3})\2(\d{3})\b")
_NAME = re.compile(r"\b(Mr|Mrs|Miss|Ms|Dr) ([A-Z])\b")


@dataclass
class Template:
    """One real page and the header facts to replace in it."""

    name: str
    text: str
    suffix: str
    body: str | None
    category: str | None
    decision: str | None
    date_text: str | None
    reorder: list[str]  # paragraphs (exact substrings) that may be shuffled or dropped


def _date_text(text: str) -> str | None:
    match = re.search(r"Decision date\s*:\s*(?:</dt>\s*<dd>)?\s*(\d{1,2} \w{3,9} \d{4})", text)
    return match.group(1) if match else None


def load_templates(kind: str) -> list[Template]:
    """The pages a corpus of `kind` is made from ("seeds", "pages" or "dev")."""
    if kind == "seeds":
        files = sorted(SEEDS.glob("*.txt"))
    elif kind == "pages":
        files = [p for p in sorted(FIXTURES.glob("*.html")) if re.match(r"\d", p.name)]
    elif kind == "dev":
        if not DECISIONS_DEV.is_dir():
            raise SystemExit(f"no {DECISIONS_DEV}: the dev corpus needs the shared decisions")
        files = sorted(DECISIONS_DEV.glob("*.txt"))
    else:
        raise SystemExit(f"unknown corpus kind {kind!r}: one of {', '.join(KINDS)}")
    templates = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        try:
            parsed, _ = parse_document(read_decision_file(path), str(path))
        except Exception:  # a page the parser refuses is not a decision to vary
            continue
        movable = [
            p.text
            for p in parsed.paragraphs
            if p.section in ("assessment", "findings") and len(p.text) > 40 and p.text in text
        ]
        templates.append(
            Template(
                path.stem,
                text,
                path.suffix,
                parsed.body,
                parsed.category,
                parsed.decision,
                _date_text(text),
                movable,
            )
        )
    if not templates:
        raise SystemExit(f"no usable pages for the {kind} corpus")
    return templates


def make_page(template: Template, index: int, seed: int, kind: str) -> tuple[str, str]:
    """(filename, text) of decision `index`: `template` with its facts and names varied."""
    rng = random.Random(f"ombuds-realshaped:{kind}:{seed}:{index}")
    year = rng.randint(2014, 2025)
    if not 0 <= index < 1_000_000:
        raise ValueError("decision numbers run from 0 to 999,999 (six reference digits)")
    # The synthetic corpus's bijection of the number (seed 0): corpora given disjoint ranges of
    # numbers (`start`) never share a reference, whichever generator wrote them.
    digits = index * 7919 % 1_000_000
    reference = f"{year % 100:02d} {digits // 1000:03d} {digits % 1000:03d}"
    text = template.text
    # The assessment's paragraphs in another order, one sometimes left out.
    if len(template.reorder) >= 2:
        moved = list(template.reorder)
        rng.shuffle(moved)
        if len(moved) > 3 and rng.random() < 0.5:
            moved[rng.randrange(len(moved))] = ""
        for i, original in enumerate(template.reorder):
            text = text.replace(original, f"\x00{i}\x00", 1)
        text = re.sub("\x00(\\d+)\x00", lambda m: moved[int(m.group(1))], text)
    text = _REF.sub(
        lambda m: reference.replace(" ", m.group(2)) if m.group(0)[:2] != "19" else m.group(0),
        text,
    )
    letter = rng.choice(LETTERS)
    title = rng.choice(TITLES)
    text = _NAME.sub(lambda m: f"{title} {letter}", text)
    if template.body:
        text = text.replace(template.body, rng.choice(W.BODIES))
    if template.category:
        category = rng.choice(W.KNOWN_CATEGORIES)
        for form in (template.category, template.category.replace("'", "&#39;")):
            text = text.replace(form, category)
    if template.decision:
        text = text.replace(template.decision, rng.choice(OUTCOMES), 1)
    if template.date_text:
        day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
        text = text.replace(template.date_text, f"{day.day} {day:%b %Y}")
    return f"{reference.replace(' ', '-')}{template.suffix}", text


def generate(
    n: int, seed: int = 0, kind: str = "seeds", start: int = 0
) -> Iterator[tuple[str, str]]:
    """Yield (filename, text) for decisions start .. start+n-1 of `kind`; same arguments, same
    bytes. Give corpora that will be stored together ranges that do not overlap (`start`), so
    that their references differ."""
    templates = load_templates(kind)
    for index in range(start, start + n):
        yield make_page(templates[index % len(templates)], index, seed, kind)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Example: python bench/realshaped.py 5000 /tmp/seeds-corpus --kind pages",
    )
    parser.add_argument("n", type=int, help="decisions to write")
    parser.add_argument("folder", type=Path, help="where to write them")
    parser.add_argument("--kind", choices=KINDS, default="seeds")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    args.folder.mkdir(parents=True, exist_ok=True)
    for name, text in generate(args.n, args.seed, args.kind):
        (args.folder / name).write_text(text, encoding="utf-8")
    print(f"wrote {args.n} {args.kind} decisions to {args.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
