"""`ombuds similar`: the published decisions most like a complaint, a letter or a decision."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ombuds.cli.app import DbOption, JsonOption, command

SIMILAR_EPILOG = """Examples:

  ombuds similar 24-015-969

  ombuds similar examples/seeds/000_5d44b0c00c107248.yaml --limit 10

  ombuds similar examples/letters/seeds/000_5d44b0c00c107248.txt --json

Each precedent comes with its outcome, grounds, category and the sentence that makes it
similar. The second opinion is the outcome the five nearest vote for, beside the engine's (for a
complaint or letter) or the decision's own (for a reference), flagged when they differ. Method
bm25 (the default) ranks by the store's own word counts; embeddings needs the optional extra
(pip install 'ombuds[embeddings]'). See docs/precedents.md.
"""


@command("similar", epilog=SIMILAR_EPILOG)
def similar_command(
    target: Annotated[
        str,
        typer.Argument(
            metavar="FILE|REFERENCE",
            help="A complaint YAML, a letter (.txt, .eml, .docx, .pdf, form .json, - for stdin) "
            "or the reference of a stored decision.",
        ),
    ],
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", help="Precedents to show (1-50).")] = 5,
    method: Annotated[
        str, typer.Option("--method", help="bm25 (default) or embeddings (optional extra).")
    ] = "bm25",
    as_json: JsonOption = False,
) -> None:
    """Find the published decisions most like a complaint, a letter or a stored decision."""
    from ombuds.precedents.service import similar

    result = similar(db, target, limit=limit, method=method)
    if as_json:
        print(json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return
    opinion = result.second_opinion
    print(f"Precedents for {result.target} ({result.method}): {len(result.precedents)} found")
    for n, p in enumerate(result.precedents, 1):
        date = p.decision_date.isoformat() if p.decision_date else "no date"
        print(f"\n{n}. {p.reference}  {date}  {p.decision or '-'}  {p.body or '-'}")
        print(f"   category: {p.category or '-'}")
        print(f"   grounds: {', '.join(p.grounds) or '- (investigated)'}")
        if p.sentence:
            print(f"   similar: {p.sentence}")
    if opinion.outcome:
        votes = ", ".join(f"{label} {n}" for label, n in opinion.votes.items())
        print(f"\nSecond opinion: {opinion.outcome} ({votes} of the {opinion.voters} nearest)")
        if opinion.engine:
            who = "the engine" if opinion.engine_source == "engine" else "the published decision"
            flag = "DISAGREES with" if opinion.disagrees else "agrees with"
            print(f"  It {flag} {who}: {opinion.engine}")
