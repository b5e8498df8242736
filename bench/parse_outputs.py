"""Record what the parser makes of many files, or check that it still makes exactly that.

Why: a change made for speed must not change a single parsed field. This writes, per file, the
full `ParsedDecision` as JSON and a digest of the statement text `parse_document` returns (what
ingest stores), or the error the file gets, as one JSON line; `--compare` reads such a record and
lists every file whose output differs.

Inputs: the test fixtures, examples/decisions, the shared real decisions of
/work/shared/decisions-dev (read in place, never copied) and any folders given (e.g. corpora
written by bench/corpora.py with a fixed seed).

    python bench/corpora.py seeds 3000 /tmp/eq/seeds          # fixed inputs, once
    python bench/parse_outputs.py /tmp/eq/seeds --out /tmp/eq/before.jsonl
    python bench/parse_outputs.py /tmp/eq/seeds --compare /tmp/eq/before.jsonl
    python bench/parse_outputs.py --freeze     # after a change of output that is meant

`--freeze` writes the digests tests/corpus/parse/test_outputs.py compares the parser's outputs
with (fixtures, examples and a few hundred generated decisions: see `repo_inputs`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ombuds.corpus.parse import parse_document, read_decision_file  # noqa: E402
from ombuds.errors import OmbudsError  # noqa: E402

SUFFIXES = {".txt", ".html", ".htm"}
DEV = ROOT.parent / "shared" / "decisions-dev"


def default_inputs() -> list[Path]:
    folders = [ROOT / "tests" / "corpus" / "fixtures", ROOT / "examples" / "decisions"]
    return folders + ([DEV] if DEV.is_dir() else [])


def files_in(folders: list[Path]) -> list[Path]:
    found: list[Path] = []
    for folder in folders:
        found += sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES)
    return found


def output_of(path: Path) -> str:
    """The parser's whole output for one file, as one JSON string."""
    try:
        return output_of_text(read_decision_file(path), str(path))
    except OmbudsError as error:
        return json.dumps({"error": type(error).__name__, "message": str(error)})


def output_of_text(text: str, source: str) -> str:
    """The parser's whole output for one decision's text, as one JSON string."""
    try:
        parsed, text = parse_document(text, source)
    except OmbudsError as error:
        return json.dumps({"error": type(error).__name__, "message": str(error)})
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return json.dumps({"parsed": parsed.model_dump(mode="json"), "text": digest}, sort_keys=True)


FROZEN = ROOT / "tests" / "corpus" / "parse" / "data" / "parse_outputs.json"


def repo_inputs() -> list[tuple[str, str]]:
    """(name, text) of the inputs whose outputs tests/corpus/parse/test_outputs.py keeps frozen:
    every fixture and example, and a few hundred decisions of each bench corpus made from the
    project's own files (fixed seed)."""
    from bench import realshaped, synthetic

    folders = [ROOT / "tests" / "corpus" / "fixtures", ROOT / "examples" / "decisions"]
    found = [(str(path.relative_to(ROOT)), read_decision_file(path)) for path in files_in(folders)]
    found += [(f"synthetic/{n}", t) for n, t in synthetic.generate(200, 11, "mixed")]
    for kind in ("seeds", "pages"):
        found += [(f"{kind}/{n}", t) for n, t in realshaped.generate(100, 11, kind)]
    return found


def digests(inputs: list[tuple[str, str]]) -> dict[str, list[str]]:
    """name -> [digest of the input, digest of the parser's output for it]."""

    def sha(value: str) -> str:
        return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:24]

    return {name: [sha(text), sha(output_of_text(text, name))] for name, text in inputs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, help="more folders of decisions")
    parser.add_argument("--out", type=Path, help="write the record here (JSON lines)")
    parser.add_argument("--compare", type=Path, help="check against this record")
    parser.add_argument(
        "--freeze",
        action="store_true",
        help=f"write the digests the tests compare with ({FROZEN.relative_to(ROOT)}): only "
        "after a change of the parser's output that is meant",
    )
    args = parser.parse_args(argv)
    if args.freeze:
        FROZEN.parent.mkdir(parents=True, exist_ok=True)
        frozen = digests(repo_inputs())
        entries = ",\n".join(f"{json.dumps(k)}: {json.dumps(frozen[k])}" for k in sorted(frozen))
        FROZEN.write_text("{\n" + entries + "\n}\n", encoding="utf-8")
        print(f"{len(frozen)} outputs frozen in {FROZEN.relative_to(ROOT)}")
        return 0
    paths = files_in(default_inputs() + args.folders)
    outputs = {str(p): output_of(p) for p in paths}
    if args.out:
        with args.out.open("w", encoding="utf-8") as out:
            for name, output in outputs.items():
                out.write(json.dumps([name, output]) + "\n")
    whole = hashlib.sha256("\n".join(f"{k}\t{v}" for k, v in outputs.items()).encode()).hexdigest()
    print(f"{len(outputs)} files, digest of all outputs {whole}")
    if args.compare:
        before = dict(
            json.loads(line) for line in args.compare.read_text(encoding="utf-8").splitlines()
        )
        differ = [name for name in before if outputs.get(name) != before[name]]
        missing = sorted(set(outputs) ^ set(before))
        for name in differ[:20]:
            print(f"DIFFERS: {name}")
        for name in missing[:20]:
            print(f"ONLY ON ONE SIDE: {name}")
        print(f"{len(before)} recorded, {len(differ)} differ, {len(missing)} on one side only")
        return 1 if differ or missing else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
