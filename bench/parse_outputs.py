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
        parsed, text = parse_document(read_decision_file(path), str(path))
    except OmbudsError as error:
        return json.dumps({"error": type(error).__name__, "message": str(error)})
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return json.dumps({"parsed": parsed.model_dump(mode="json"), "text": digest}, sort_keys=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, help="more folders of decisions")
    parser.add_argument("--out", type=Path, help="write the record here (JSON lines)")
    parser.add_argument("--compare", type=Path, help="check against this record")
    args = parser.parse_args(argv)
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
