"""Benchmark: precedents, how right (precision at 5) and how fast (ms per query).

    python bench/precedents.py accuracy --db /tmp/precedents/eval.db --build   # labelled set
    python bench/precedents.py accuracy --db ... --method embeddings           # the extra
    python bench/precedents.py speed --db /tmp/ombuds-100k.db                  # 100,000

Accuracy. The labelled set is every decision of a corpus built here (`--build`): N synthetic
decisions (bench/synthetic.py), 200 seed-shaped pages (bench/realshaped.py) and the five real seed
decisions. A decision's label is (its main ground, its category), the main ground being the first
ground its statement gives, or "investigated" for a decision without grounds (an investigation).
A precedent is right when its label is the query's. The split is fixed by the reference's SHA-256
(a quarter held out) and written down before any tuning; only the development part chose the
number of key words (`--words`); the held-out part is reported as measured.

Each query is asked two ways: "decision", the whole stored decision (what `ombuds similar
REFERENCE` and the decision page ask), and "complaint", only its section "The complaint" (what a
new complaint tells before anyone has assessed it). Precision at 5 is the share of the five
nearest (the query left out) that are right; the random baseline is its expectation when five
others are drawn at random, from the same counts. The second opinion's accuracy (the vote of
the five nearest against the decision's own outcome) is given beside always answering the
commonest outcome.

Speed. Every query of the timed set (decisions of the store, taken evenly) is asked through
`for_text` (the case page's call: key words, the ranked search, the precedents' records and
sentences), after 5 warm-up queries; the mean, median and p95 are printed with the target.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import corpora  # noqa: E402
from ombuds.corpus.service import ingest_paths  # noqa: E402
from ombuds.corpus.store import Store, open_store  # noqa: E402
from ombuds.precedents import lexical, service  # noqa: E402
from ombuds.precedents.text import record_text  # noqa: E402
from ombuds.vocabulary import normalise_reference  # noqa: E402

TARGET_MS = 50.0
HELD_OUT_SHARE = 4  # one in four references, by hash


def build(db: Path, n: int) -> None:
    """The labelled corpus: n synthetic, 200 seed-shaped, the five seeds."""
    work = db.parent
    corpora.write(work / "synthetic", "synthetic", n, start=0)
    corpora.write(work / "seeds", "seeds", 200, start=n)
    report = ingest_paths(
        f"sqlite:///{db}",
        [work / "synthetic", work / "seeds", ROOT / "examples" / "decisions" / "seeds"],
    )
    print(report.summary())


def held_out(reference: str) -> bool:
    return int(hashlib.sha256(reference.encode()).hexdigest(), 16) % HELD_OUT_SHARE == 0


def labels(store: Store) -> dict[str, dict]:
    """reference -> {label, decision, text, complaint} for every stored decision."""
    with store.engine.connect() as connection:
        refs = [
            r[0]
            for r in connection.exec_driver_sql(
                "SELECT coalesce(reference, key) FROM decisions ORDER BY id"
            )
        ]
    found = {}
    for reference in refs:
        record = store.get(reference)
        grounds = record.get("grounds") or []
        found[reference] = {
            "key": normalise_reference(reference) or reference,
            "label": (grounds[0] if grounds else "investigated", record["category"]),
            "decision": record["decision"],
            "text": record_text(record),
            "complaint": (record.get("sections") or {}).get("the_complaint") or "",
        }
    return found


def evaluate(store: Store, data: dict, part: list[str], mode: str, method: str, words: int):
    """(P@5, random P@5, second opinion right, commonest-outcome right, queries) over `part`."""
    label_counts = Counter(d["label"] for d in data.values())
    outcome_counts = Counter(d["decision"] for d in data.values())
    commonest = outcome_counts.most_common(1)[0][0]
    hits, chance, vote_right, base_right, asked = 0.0, 0.0, 0, 0, 0
    lexical.KEY_WORDS = words
    for reference in part:
        item = data[reference]
        text = item["text"] if mode == "decision" else item["complaint"]
        if not text.strip():
            continue
        result = service.for_text(store, text, limit=5, method=method, skip=item["key"])
        found = [p for p in result.precedents if p.reference != reference][:5]
        same = sum(data.get(p.reference, {}).get("label") == item["label"] for p in found)
        hits += same / 5
        chance += (label_counts[item["label"]] - 1) / (len(data) - 1)
        vote_right += result.second_opinion.outcome == item["decision"]
        base_right += commonest == item["decision"]
        asked += 1
    if not asked:
        return 0.0, 0.0, 0.0, 0.0, 0
    return hits / asked, chance / asked, vote_right / asked, base_right / asked, asked


def accuracy(args: argparse.Namespace) -> None:
    if args.build:
        build(args.db, args.n)
    with open_store(f"sqlite:///{args.db}", create=False) as store:
        data = labels(store)
        every = sorted(data)
        parts = {
            "development": [r for r in every if not held_out(r)][:: args.every],
            "held-out": [r for r in every if held_out(r)][:: args.every],
        }
        print(
            f"{len(data)} decisions; {len({d['label'] for d in data.values()})} labels; "
            f"queries: {len(parts['development'])} development, {len(parts['held-out'])} "
            f"held-out; method {args.method}"
        )
        print("part          mode       words  P@5    random  vote   commonest  queries")
        for words in args.words:
            for name, part in parts.items():
                for mode in args.modes:
                    begin = time.perf_counter()
                    p5, rnd, vote, base, n = evaluate(store, data, part, mode, args.method, words)
                    took = time.perf_counter() - begin
                    print(
                        f"{name:13} {mode:10} {words:5}  {p5:.3f}  {rnd:.3f}   {vote:.3f}  "
                        f"{base:.3f}      {n:5}  ({took:.0f} s)",
                        flush=True,
                    )


def speed(args: argparse.Namespace) -> None:
    lexical.KEY_WORDS = args.words
    with open_store(f"sqlite:///{args.db}", create=False, read_only=True) as store:
        count = store.count()
        step = max(1, count // args.queries)
        with store.engine.connect() as connection:
            refs = [
                r[0]
                for r in connection.exec_driver_sql(
                    f"SELECT coalesce(reference, key) FROM decisions WHERE id % {step} = 0 "
                    f"ORDER BY id LIMIT {args.queries + 5}"
                )
            ]
        texts = [record_text(store.get(r)) for r in refs]
        for text in texts[:5]:
            service.for_text(store, text, method=args.method)
        times = []
        for text in texts[5:]:
            begin = time.perf_counter()
            service.for_text(store, text, method=args.method)
            times.append((time.perf_counter() - begin) * 1000)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"{count} decisions, {len(times)} queries, method {args.method}: mean "
        f"{statistics.mean(times):.1f} ms, median {statistics.median(times):.1f} ms, p95 "
        f"{p95:.1f} ms (target <= {TARGET_MS:.0f} ms per query): "
        f"{'met' if p95 <= TARGET_MS else 'NOT met'}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    acc = sub.add_parser("accuracy", help="precision at 5 on the labelled set")
    acc.add_argument("--db", type=Path, required=True)
    acc.add_argument("--build", action="store_true", help="write and store the labelled corpus")
    acc.add_argument("--n", type=int, default=3000, help="synthetic decisions (with --build)")
    acc.add_argument("--method", choices=service.METHODS, default=lexical.METHOD)
    acc.add_argument("--words", type=int, nargs="+", default=[lexical.KEY_WORDS])
    acc.add_argument("--modes", nargs="+", default=["decision", "complaint"])
    acc.add_argument("--every", type=int, default=3, help="query every k-th decision of a part")
    fast = sub.add_parser("speed", help="ms per query on a large store")
    fast.add_argument("--db", type=Path, required=True)
    fast.add_argument("--queries", type=int, default=200)
    fast.add_argument("--method", choices=service.METHODS, default=lexical.METHOD)
    fast.add_argument("--words", type=int, default=lexical.KEY_WORDS)
    args = parser.parse_args(argv)
    accuracy(args) if args.what == "accuracy" else speed(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
