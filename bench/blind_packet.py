"""Make the blind comparison packet: the five seeds' published statements and our drafts of the
same five complaints, as ten unlabelled plain-text files with random names, and the key.

Both kinds of text go through the same path, so that nothing but the writing tells them apart:
each is read with the corpus parser (`ombuds.corpus.parse.parse_text`) and written again in one
plain layout (the header lines, "Summary:", the section headings, paragraphs numbered
continuously, bullets as "   \u2022 ", citations as given), with curly quotes made straight. The
copying noise of the published pages (cookie banner, "Back to top", numbering that restarts in
each section) is gone from both; our drafts are drafted from examples/seeds/*.yaml with the
default wording pack.

Run:  .venv/bin/python bench/blind_packet.py --out /work/team/blind
      (writes OUT/packet/<random>.txt, ten files, and OUT/key.json; refuses a non-empty packet)
The protocol and the scoring sheet are in docs/statement.md.
"""

from __future__ import annotations

import argparse
import json
import secrets
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for packet/ and key.json")
    args = parser.parse_args()
    packet = args.out / "packet"
    if packet.exists() and any(packet.iterdir()):
        print(f"error: {packet} is not empty: move it away first", file=sys.stderr)
        return 2
    packet.mkdir(parents=True, exist_ok=True)
    items = texts()
    order = sorted(items, key=lambda _: secrets.randbits(32))  # no order to read anything from
    key = {}
    for seed, source, text in order:
        name = f"{secrets.token_hex(4)}.txt"
        (packet / name).write_text(text, encoding="utf-8")
        key[name] = {"seed": seed, "source": source}
    pairs = {}
    for name, v in key.items():
        pairs.setdefault(v["seed"], {})[v["source"]] = name
    (args.out / "key.json").write_text(
        json.dumps({"files": key, "pairs": pairs}, indent=2) + "\n", encoding="utf-8"
    )
    print(f"wrote {len(key)} files to {packet} and the key to {args.out / 'key.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
