"""Make the blind comparison packet: the five seeds' published statements and our drafts of the
same five complaints, as ten unlabelled plain-text files with random names, and the key.

Both kinds of text go through the same path, so that nothing but the writing tells them apart:
each is read with the corpus parser (`ombuds.corpus.parse.parse_text`) and written again in one
plain layout (the header lines, "Summary:", the section headings, paragraphs numbered
continuously, bullets as "   \u2022 ", citations as given), with curly quotes made straight. The
copying noise of the published pages (cookie banner, "Back to top", numbering that restarts in
each section) is gone from both; our drafts are drafted from examples/seeds/*.yaml with the
default wording pack.

Run:  .venv/bin/python bench/blind_packet.py --out /work/team/blind2 \
          --key /work/team/blind2-key.json [--seed N]
      writes OUT/<name>.txt (ten files) and OUT/JUDGE.md (the judge's instructions and scoring
      sheet), and the key (which file is which, the seed, the drafter's commit) to KEY, which
      must be outside OUT: the judge gets OUT only. The names and the order come from a random
      generator seeded with N (a fresh random seed if none is given; it is printed and kept in
      the key), so a packet can be made again exactly, and a new round uses a new seed. Refuses
      a non-empty OUT or an existing KEY.
The protocol and the scoring sheet are in docs/statement.md.
"""

from __future__ import annotations

import argparse
import json
import random
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADINGS = {
    "the_complaint": "The complaint",
    "role_and_powers": "The Ombudsman's role and powers",
    "how_considered": "How I considered this complaint",
    "assessment": "My assessment",
    "final_decision": "Final decision",
}
SIGNATURE = "Investigator's decision on behalf of the Ombudsman"


def _straight(text: str) -> str:
    for curly, plain in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, plain)
    return text


def plain(text: str, source: str) -> str:
    """A statement (published or drafted) in the packet's one layout."""
    from ombuds.corpus.parse import parse_text

    d = parse_text(text, source)
    lines = [f"{d.body} ({d.reference})"]
    if d.category:
        lines.append(f"Category : {d.category}")
    if d.decision:
        lines.append(f"Decision : {d.decision}")
    if d.decision_date:
        lines.append(f"Decision date : {d.decision_date.strftime('%d %b %Y')}")
    lines += ["The Ombudsman's final decision:", f"Summary: {d.summary}"]
    section = None
    for n, p in enumerate(d.paragraphs, start=1):
        if p.section != section:
            section = p.section
            lines += ["", HEADINGS.get(section, section), ""]
        first, *rest = p.text.split("\n")
        lines.append(f"{n}. {first}")
        lines += [f"   {line}" for line in rest]  # bullets and a citation below them
    lines += ["", SIGNATURE, ""]
    return _straight("\n".join(lines))


def texts() -> list[tuple[str, str, str]]:
    """(seed, source, text) for the five published statements and our five drafts."""
    from ombuds.code import assess_file
    from ombuds.statement import draft_statement, render

    out = []
    for path in sorted((ROOT / "examples" / "decisions" / "seeds").glob("*.txt")):
        seed = path.stem
        published = path.read_text(encoding="utf-8")
        out.append((seed, "published", plain(published, path.name)))
        complaint = ROOT / "examples" / "seeds" / f"{seed}.yaml"
        drafted = render(draft_statement(assess_file(complaint)), "txt").decode("utf-8")
        out.append((seed, "draft", plain(drafted, complaint.name)))
    return out


JUDGE = """# Judging ten decision statements

This folder holds ten decision statements of the Local Government and Social Care Ombudsman's
kind, in one plain layout, with random file names. Some were written by people and some were
not; nothing in the names or the layout says which.

1. Read all ten first, in the order of their file names.
2. Then score each statement on its own for four things, from 1 (poor) to 5 (excellent), and
   write a short note on what decided each score:
   - **Fluency**: does it read as natural, grammatical English?
   - **Concision**: does it say each thing once, without padding or repetition?
   - **Register**: is the voice that of a public body's decision: plain, impersonal where it
     should be, measured, consistent ("we"/"I", "the Council")?
   - **Reasoning**: does each decision follow from stated facts, with the test applied and the
     conclusion clear?
3. Hand in the scores before anything else. You will then be given five pairs of these files
   (two statements about the same complaint). For each pair, say which you prefer, or "equal",
   and how confident you are (50% to 100%) that you can tell which of the two a person did not
   write, and which one that is.

Do not look for, or ask for, anything outside this folder.

| file | fluency (1-5) | concision (1-5) | register (1-5) | reasoning (1-5) | notes |
|---|---|---|---|---|---|
{rows}

| pair | file A | file B | preferred (A / B / equal) | not written by a person: A or B, and confidence (50-100%) |
|---|---|---|---|---|
| 1 | | | | |
| 2 | | | | |
| 3 | | | | |
| 4 | | | | |
| 5 | | | | |
"""


def _commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip() or None


def make(out: Path, key_path: Path, seed: int) -> dict:
    """Write the packet to `out` and the key to `key_path`; return the key."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    items = texts()
    rng.shuffle(items)  # no order to read anything from
    files: dict[str, dict[str, str]] = {}
    for seed_name, source, text in items:
        name = f"{rng.getrandbits(32):08x}.txt"
        while name in files:
            name = f"{rng.getrandbits(32):08x}.txt"
        (out / name).write_text(text, encoding="utf-8")
        files[name] = {"seed": seed_name, "source": source}
    rows = "\n".join(f"| {name} | | | | | |" for name in sorted(files))
    (out / "JUDGE.md").write_text(JUDGE.format(rows=rows), encoding="utf-8")
    pairs: dict[str, dict[str, str]] = {}
    for name, v in files.items():
        pairs.setdefault(v["seed"], {})[v["source"]] = name
    key = {"seed": seed, "drafter_commit": _commit(), "files": files, "pairs": pairs}
    key_path.parent.mkdir(parents=True, exist_ok=True)
    key_path.write_text(json.dumps(key, indent=2) + "\n", encoding="utf-8")
    return key


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the judge's packet")
    parser.add_argument("--key", type=Path, required=True, help="file for the key (not in --out)")
    parser.add_argument("--seed", type=int, help="seed for names and order (default: random)")
    args = parser.parse_args(argv)
    out, key_path = args.out.resolve(), args.key.resolve()
    if out.exists() and any(out.iterdir()):
        print(f"error: {args.out} is not empty: move it away first", file=sys.stderr)
        return 2
    if key_path.is_relative_to(out):
        print(
            f"error: the key {args.key} is inside the packet folder {args.out}: the judge "
            "would see it; give a --key outside --out",
            file=sys.stderr,
        )
        return 2
    if key_path.exists():
        print(f"error: {args.key} exists: move it away first", file=sys.stderr)
        return 2
    seed = args.seed if args.seed is not None else secrets.randbits(32)
    key = make(out, key_path, seed)
    print(
        f"wrote {len(key['files'])} files and JUDGE.md to {args.out} and the key to "
        f"{args.key} (seed {seed})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
