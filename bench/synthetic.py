"""A deterministic generator of a realistic synthetic corpus of published decisions.

Why: the corpus benchmarks (ingest, search) need ~100,000 decisions, and the real site cannot be
fetched. The texts imitate what investigators copy from the Ombudsman's site: the header lines,
the sections, the role-and-powers bullets that carry the grounds, and all the copying noise of
`decisions.md` (paragraph markers, "Back to top", cookie banner, doubled or missing blank lines,
non-breaking spaces, mixed quotes), as plain text or as a saved HTML page.

Deterministic: decision i of seed s comes from its own `random.Random(f"...:{s}:{i}")`, so the
same (n, seed, fmt) gives the same bytes, and no global random state is touched.

    python bench/synthetic.py 5000 /tmp/corpus --seed 7 --format mixed
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import render
from bench import wording as W
from ombuds.vocabulary import Ground, Referral

FORMATS = ("txt", "html", "mixed")
MAX_DECISIONS = 1_000_000  # the six reference digits are a bijection of the index
OUTCOMES = (("Closed after initial enquiries", 0.68), ("Upheld", 0.22), ("Not upheld", 0.10))
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
FILLER_OPEN = [
    "In {month} {year}",
    "Early in {year}",
    "Later that month",
    "Some weeks later",
    "By {month} {year}",
    "At around the same time",
    "Shortly afterwards",
]


@dataclass
class Block:
    """One paragraph, a bulleted list (intro, items, closing citation) or a sub-heading."""

    kind: str  # "p", "list" or "sub"
    text: str
    items: list[str] = field(default_factory=list)
    tail: str = ""


@dataclass
class SyntheticDecision:
    """A generated decision and what a correct parser must read from it."""

    filename: str
    text: str
    reference: str
    body: str
    category: str | None
    decision: str | None
    decision_date: dt.date | None
    complainant: str
    grounds: list[Ground]
    referrals: list[Referral]
    related_references: list[str]
    fmt: str
    words: int


def generate(n: int, seed: int = 0, fmt: str = "txt", start: int = 0) -> Iterator[tuple[str, str]]:
    """Yield (filename, text) for decisions start .. start+n-1; same arguments, same bytes."""
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    if n < 0 or start < 0 or start + n > MAX_DECISIONS:
        raise ValueError(
            f"n and start must be between 0 and {MAX_DECISIONS} (start + n at most), "
            f"got n={n}, start={start}"
        )
    for index in range(start, start + n):
        record = make_decision(index, seed, fmt)
        yield record.filename, record.text


def generate_records(n: int, seed: int = 0, fmt: str = "txt") -> Iterator[SyntheticDecision]:
    """Yield n SyntheticDecision records, each with the values a parser must find."""
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    if not 0 <= n <= MAX_DECISIONS:
        raise ValueError(f"n must be between 0 and {MAX_DECISIONS}, got {n}")
    for index in range(n):
        yield make_decision(index, seed, fmt)


def make_decision(index: int, seed: int, fmt: str) -> SyntheticDecision:
    rng = random.Random(f"ombuds-synthetic:{seed}:{index}")
    chosen = fmt if fmt != "mixed" else ("html" if rng.random() < 0.35 else "txt")
    outcome = _weighted(rng, OUTCOMES)
    category = (
        rng.choice(W.UNSEEN_CATEGORIES) if rng.random() < 0.03 else rng.choice(W.KNOWN_CATEGORIES)
    )
    top = category.split(" > ")[0]
    body = rng.choice(W.CARE_BODIES if top in W.CARE_TOPS else W.BODIES)
    decided = dt.date(2013, 7, 1) + dt.timedelta(days=rng.randrange(0, 4840))  # to ~Oct 2026
    received_year = max(2013, decided.year - (1 if rng.random() < 0.4 else 0))
    joint = top in ("Health", "Adult care services") and rng.random() < 0.04
    reference = _reference(index, seed, received_year, joint)
    alias = rng.choice(W.ALIASES)
    topic = W.TOPICS.get(top, W.TOPICS["Corporate and other services"])
    ctx = _Context(rng, alias, topic, decided)

    assessment_upheld = outcome == "Upheld" and rng.random() < 0.3
    if outcome == "Closed after initial enquiries" or assessment_upheld:
        grounds, referrals, related = _choose_grounds(rng, top, reference, assessment_upheld)
        doc = _assessment_document(ctx, grounds, referrals, related, joint)
    else:
        grounds, referrals, related = [], [], []
        doc = _investigation_document(ctx, outcome == "Upheld", joint)

    # Some copies lack some or all of the Category / Decision / Decision date lines.
    missing = (
        set(rng.sample(("category", "decision", "date"), rng.randint(1, 3)))
        if rng.random() < 0.03
        else set()
    )
    header = {
        "body": body,
        "reference": reference,
        "category": None if "category" in missing else category,
        "decision": None if "decision" in missing else outcome,
        "date": None
        if "date" in missing
        else f"{decided.day:02d} {MONTHS[decided.month - 1]} {decided.year}",
    }
    noise = render.Noise.draw(rng)
    slug = reference.replace(" ", "-")
    if chosen == "html":
        text = render.to_html(header, doc, noise, rng, category, slug)
        suffix = ".html" if rng.random() < 0.8 else ".htm"
    else:
        text = render.to_text(header, doc, noise, rng)
        suffix = ".txt"
    filename = f"{index:06d}_{rng.getrandbits(64):016x}{suffix}"
    words = sum(
        len(b.text.split()) + sum(len(i.split()) for i in b.items) for _, bs in doc[1] for b in bs
    )
    return SyntheticDecision(
        filename=filename,
        text=text,
        reference=reference,
        body=body,
        category=header["category"],
        decision=header["decision"],
        decision_date=None if "date" in missing else decided,
        complainant=alias,
        grounds=sorted(set(grounds)),
        referrals=sorted(set(referrals)),
        related_references=related,
        fmt=chosen,
        words=words,
    )


def _weighted(rng: random.Random, choices) -> str:
    roll, total = rng.random(), 0.0
    for value, weight in choices:
        total += weight
        if roll < total:
            return value
    return choices[-1][0]


def _reference(index: int, seed: int, year: int, joint: bool) -> str:
    """Unique per (seed, index < 10^6): 7919 is prime to 10^6, so i -> 7919*i + k is a bijection."""
    digits = (index * 7919 + (seed * 104729) % 1_000_000) % 1_000_000
    number = f"{year % 100:02d} {digits // 1000:03d} {digits % 1000:03d}"
    return number + ("a" if joint else "")


class _Context:
    """What the wording of one decision shares: the alias, topic words, the dates."""

    def __init__(self, rng: random.Random, alias: str, topic: dict, decided: dt.date):
        self.rng, self.alias, self.topic, self.decided = rng, alias, topic, decided
        self.old_style = decided.year <= 2021 and rng.random() < 0.5
        self.we = "The Ombudsman" if self.old_style else "We"
        # A decision is about two or three matters; other topic words turn up only in passing.
        self.focus = rng.sample(topic["things"], min(3, len(topic["things"])))

    def thing(self) -> str:
        pool = self.focus if self.rng.random() < 0.85 else self.topic["things"]
        return self.rng.choice(pool)

    def fill(self, template: str, **extra: str) -> str:
        values = {"x": self.alias, "thing": self.thing(), "c": "the Council"}
        values.update(extra)
        return template.format(**values)

    def narrative(self, count: int) -> list[Block]:
        """Paragraphs of events, in varied sentences, free of any ground or referral wording."""
        rng, blocks = self.rng, []
        for _ in range(count):
            year = self.decided.year - rng.choice((0, 1, 1, 2))
            sentences = []
            for _ in range(rng.randint(2, 5)):
                opener = rng.choice(FILLER_OPEN).format(month=rng.choice(MONTHS_LONG), year=year)
                person = rng.choice(self.topic["people"])
                verb = rng.choice(("wrote to", "telephoned", "met", "emailed", "visited"))
                what = rng.choice(
                    (
                        f"{opener}, {person} {verb} {self.alias} about the {self.thing()}.",
                        f"{opener}, {self.alias} asked the Council to reconsider the {self.thing()}.",
                        f"{self.alias} said the {self.thing()} had caused {rng.choice(W.INJUSTICE)}.",
                        (
                            f"The Council’s records show {person} reviewed the {self.thing()} and noted "
                            f"the outcome on file."
                        ),
                        (
                            f"{opener}, the Council told {self.alias} it would review the {self.thing()} "
                            f"within {rng.randint(2, 12)} weeks."
                        ),
                        (
                            f"There was a gap of {rng.randint(3, 40)} days before {person} replied about "
                            f"the {self.thing()}."
                        ),
                        (
                            f"{self.alias} provided copies of letters about the {self.thing()} and a note "
                            f"of a call with {person}."
                        ),
                        (
                            f"The Council accepts that its letter about the {self.thing()} was unclear in "
                            f"places."
                        ),
                        (
                            f"{person.capitalize()} recorded that {self.alias} had raised the "
                            f"{self.thing()} {rng.choice(('twice', 'several times', 'once before'))}."
                        ),
                        (
                            f"{opener}, {self.alias} chased a reply about the {self.thing()} by "
                            f"{rng.choice(('email', 'letter', 'telephone', 'the online form'))}."
                        ),
                        (
                            f"The file note dated {rng.randint(1, 28)} {rng.choice(MONTHS_LONG)} {year} "
                            f"says the {self.thing()} was {rng.choice(STATES)}."
                        ),
                        (
                            f"{self.alias} told us the {self.thing()} left them out of pocket by "
                            f"£{rng.randint(20, 2400)}."
                        ),
                        (
                            f"According to {person}, the {self.thing()} was {rng.choice(STATES)} because "
                            f"of {rng.choice(CAUSES)}."
                        ),
                        (
                            f"{opener}, the Council issued its stage {rng.choice(('one', 'two'))} "
                            f"response about the {self.thing()}."
                        ),
                        (
                            f"{self.alias} wanted {rng.choice(W.WANTS)} and said the {self.thing()} had "
                            f"been handled {rng.choice(('slowly', 'unfairly', 'inconsistently'))}."
                        ),
                    )
                )
                sentences.append(what)
            blocks.append(Block("p", " ".join(sentences)))
        return blocks


STATES = [
    "put on hold",
    "reviewed",
    "closed",
    "reopened",
    "delayed",
    "agreed",
    "refused",
    "escalated to a manager",
    "passed to another team",
]
CAUSES = [
    "staff shortages",
    "a backlog of cases",
    "a missing form",
    "an IT fault",
    "a change of officer",
    "a misunderstanding",
    "a new policy",
    "an address error",
]
MONTHS_LONG = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _choose_grounds(rng: random.Random, top: str, reference: str, upheld: bool):
    """Grounds, referrals and related references for an assessment decision."""
    if upheld:
        return [Ground.satisfied_with_actions], [], []
    grounds: list[Ground] = []
    if rng.random() < 0.35:
        grounds.append(rng.choice(W.CATEGORY_JURISDICTION.get(top, [Ground.late])))
    grounds += rng.sample(W.DISCRETION, rng.choice((1, 1, 2, 2, 3)))
    referrals: list[Referral] = []
    for ground in grounds:
        if ground in W.GROUND_REFERRAL:
            referrals.append(W.GROUND_REFERRAL[ground])
    if rng.random() < 0.45:
        referrals.append(rng.choice(W.CATEGORY_REFERRALS.get(top, [Referral.ico])))
    if Ground.individual_conduct in grounds and top in (
        "Children's care services",
        "Adult care services",
    ):
        referrals.append(Referral.social_work_england)
    referrals = list(dict.fromkeys(referrals))
    if referrals:
        grounds.append(Ground.better_placed)
    related = []
    if Ground.previously_decided in grounds:
        year = int(reference[:2]) - rng.randint(1, 3)
        related.append(f"{max(year, 13):02d} {rng.randrange(1000):03d} {rng.randrange(1000):03d}")
    return list(dict.fromkeys(grounds)), referrals, related


def _who(referral: Referral, start: bool) -> str:
    name = W.REFERRAL_NAMES[referral]
    return name if start or not name.startswith("The ") else "the" + name[3:]


def _assessment_document(ctx: _Context, grounds, referrals, related, joint: bool):
    rng, x = ctx.rng, ctx.alias
    we = ctx.we
    things = [ctx.thing() for _ in range(2)]
    summary = (
        f"{we} will not investigate {x}’s complaint about the {things[0]} and the "
        f"{things[1]}. "
        + (
            "The Council has agreed to put things right."
            if Ground.satisfied_with_actions in grounds
            else rng.choice(W.REASONS[grounds[0]]).format(
                x=x,
                thing=things[0],
                ref=(related or [""])[0],
                who=_who((referrals or [Referral.ico])[0], True),
            )
        )
    )
    complaint = [
        Block(
            "p",
            f"{x} complains about how the Council dealt with the {things[0]}. "
            f"{x} says this caused {rng.choice(W.INJUSTICE)}.",
        ),
        Block("p", f"{x} wants {rng.choice(W.WANTS)}."),
    ]
    complaint += ctx.narrative(rng.randint(0, 2))

    bullets = [g for g in grounds if g in W.BULLETS]
    role: list[Block] = []
    if rng.random() < 0.3:
        role.append(
            Block(
                "p",
                "The Local Government Act 1974 gives us our powers and also "
                "limits what we may look at.",
            )
        )
    intro = (
        "We look at complaints of ‘maladministration’ and ‘service failure’, together "
        "called ‘fault’, and at whether fault caused the person an ‘injustice’. Our "
        "service is free, so we must spend public money with care. We do not start or "
        "continue an investigation if we decide:"
    )
    if bullets:
        items = [
            rng.choice(W.BULLETS[g]) + (", or" if i < len(bullets) - 1 else ".")
            for i, g in enumerate(bullets)
        ]
        role.append(Block("list", intro, items, W.BULLET_CITATION))
    for g in grounds:
        if g in W.PARAGRAPHS:
            role.append(Block("p", rng.choice(W.PARAGRAPHS[g])))
    considered = [
        Block(
            "p",
            rng.choice(
                (
                    f"I read the information {x} sent us.",
                    f"I considered what {x} and the Council told us.",
                    "I looked at the complaint and the Council’s replies.",
                )
            ),
        ),
        Block("p", "I took account of the Ombudsman’s Assessment Code."),
    ]
    if rng.random() < 0.2:
        considered.append(
            Block(
                "p",
                f"{x} commented on a draft of this decision, and I took "
                f"those comments into account.",
            )
        )
    assess = ctx.narrative(rng.randint(1, 3))
    for g in grounds:
        who = _who(referrals[0], True) if referrals else ""
        if g is Ground.better_placed:
            for r in referrals:
                template = rng.choice(W.REASONS[g])
                assess.append(
                    Block("p", ctx.fill(template, who=_who(r, template.startswith("{who}"))))
                )
            continue
        assess.append(
            Block("p", ctx.fill(rng.choice(W.REASONS[g]), ref=(related or [""])[0], who=who))
        )
    final = [
        Block(
            "p",
            f"{we} will not investigate {x}’s complaint. "
            + (
                "The Council has agreed actions that put things right for them."
                if Ground.satisfied_with_actions in grounds
                else rng.choice(
                    (
                        "The reasons are set out above.",
                        f"The reasons are given from paragraph {rng.randint(3, 8)} onwards.",
                    )
                )
            ),
        )
    ]
    role_heading = "The Ombudsmen’s role and powers" if joint else "The Ombudsman’s role and powers"
    easy = rng.random() < 0.02
    sections = [
        ("The complaint", complaint),
        ("What the Ombudsman can and cannot do" if easy else role_heading, role),
        (
            "How we thought about this complaint" if easy else "How I considered this complaint",
            considered,
        ),
        ("What we found out" if easy else "My assessment", assess),
        ("Final decision", final),
    ]
    _pad(ctx, sections, 3, rng.randint(300, 1100))
    return summary, sections


def _investigation_document(ctx: _Context, upheld: bool, joint: bool):
    rng, x = ctx.rng, ctx.alias
    thing = ctx.thing()
    if upheld:
        summary = (
            f"{x} complained about the Council’s handling of the {thing}. We found fault "
            f"which caused {x} {rng.choice(W.INJUSTICE)}. The Council has agreed to "
            f"apologise and pay £{rng.choice((100, 150, 200, 250, 300, 500))}."
        )
    else:
        summary = (
            f"{x} complained about the Council’s handling of the {thing}. We found no "
            f"fault in how the Council acted."
        )
    complaint = [
        Block(
            "p",
            f"{x} complains the Council delayed and mishandled the {thing}. "
            f"{x} says this caused {rng.choice(W.INJUSTICE)}.",
        )
    ]
    investigated = [
        Block(
            "p",
            f"I have investigated the Council’s handling of the {thing} from "
            f"{rng.choice(MONTHS_LONG)} {ctx.decided.year - 1}.",
        )
    ]
    role = [
        Block(
            "p",
            "We look at complaints of ‘maladministration’ and ‘service failure’, "
            "together called ‘fault’, and decide whether fault caused an "
            "‘injustice’. (Local Government Act 1974, sections 26(1) and 26A(1), "
            "as amended)",
        ),
        Block(
            "p",
            "When we find fault that caused an injustice, we may suggest a remedy. "
            "(Local Government Act 1974, section 31(2), as amended)",
        ),
    ]
    considered = [
        Block("p", f"I spoke to {x} and considered the documents they sent."),
        Block("p", "I made enquiries of the Council and read its response."),
        Block(
            "p",
            f"{x} and the Council had an opportunity to comment on my draft "
            f"decision. I considered any comments received before making a "
            f"final decision.",
        ),
    ]
    found = [
        Block("sub", "Law and guidance"),
        Block(
            "p",
            f"The Council’s policy sets out how it handles a {thing} and the "
            f"timescales it aims to meet.",
        ),
    ]
    found += [Block("sub", "What happened"), *ctx.narrative(rng.randint(2, 5))]
    found += [Block("sub", "Analysis")]
    if upheld:
        found.append(
            Block(
                "p",
                f"The Council took too long over the {thing} and did not keep "
                f"{x} informed. That was fault, and it caused {x} "
                f"{rng.choice(W.INJUSTICE)}.",
            )
        )
        found += [
            Block("sub", "Agreed action"),
            Block(
                "p",
                f"Within four weeks of this decision the Council will apologise to "
                f"{x} and pay £{rng.randint(1, 6) * 50} for the distress caused.",
            ),
            Block("p", "Within three months it will remind staff of the timescales in its policy."),
        ]
        final = [
            Block(
                "p",
                "I find fault causing injustice. The Council has agreed action to "
                "put this right, so I have completed my investigation.",
            )
        ]
    else:
        found.append(
            Block(
                "p",
                f"The Council dealt with the {thing} in line with its policy, and I find no fault.",
            )
        )
        final = [
            Block("p", "I have completed my investigation. There was no fault by the Council.")
        ]
    role_heading = "The Ombudsmen’s role and powers" if joint else "The Ombudsman’s role and powers"
    sections = [
        ("The complaint", complaint),
        ("What I have investigated", investigated),
        (role_heading, role),
        ("How I considered this complaint", considered),
        ("What I found", found),
        ("Final decision", final),
    ]
    _pad(ctx, sections, 4, rng.randint(700, 2400))
    return summary, sections


def _pad(ctx: _Context, sections, at: int, target_words: int) -> None:
    """Add narrative paragraphs to one section until the statement reaches its target length.

    In an investigation they go under "What happened"; otherwise at the start of the section,
    before the paragraphs that give the grounds.
    """

    def count() -> int:
        return sum(
            len(b.text.split()) + sum(len(i.split()) for i in b.items)
            for _, blocks in sections
            for b in blocks
        )

    blocks = sections[at][1]
    position = next(
        (i + 1 for i, b in enumerate(blocks) if b.kind == "sub" and b.text == "What happened"), 0
    )
    while count() < target_words:
        blocks[position:position] = ctx.narrative(2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write N synthetic published decisions into OUTDIR (deterministic).",
        epilog="Example: python bench/synthetic.py 5000 /tmp/corpus --seed 7 --format mixed",
    )
    parser.add_argument("n", type=int, help="how many decisions")
    parser.add_argument("outdir", type=Path, help="folder to write them into (created)")
    parser.add_argument("--seed", type=int, default=0, help="seed (default 0)")
    parser.add_argument(
        "--format", choices=FORMATS, default="mixed", help="txt, html or mixed (default mixed)"
    )
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    written = 0
    for name, text in generate(args.n, args.seed, args.format):
        (args.outdir / name).write_text(text, encoding="utf-8")
        written += 1
    print(f"wrote {written} decisions to {args.outdir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
