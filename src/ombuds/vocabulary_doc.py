"""The vocabulary as a document: `docs/vocabulary.md` is generated from `ombuds.vocabulary`.

`ombuds vocabulary --markdown` prints it; a test fails when the committed file drifts from it.
"""

from __future__ import annotations

from typing import Any

from ombuds.vocabulary import (
    CATEGORIES,
    GROUNDS,
    PUBLISHED_LABELS,
    REFERRAL_BODIES,
    FindingResult,
    Stage,
)


def vocabulary_data() -> dict[str, Any]:
    """The vocabulary as plain data (for `--json`)."""
    return {
        "grounds": [
            {
                "id": info.id.value,
                "stage": info.stage.value,
                "title": info.title,
                "test": info.test,
                "citation": info.citation_text,
                "citations": [
                    {"act": c.act, "provision": c.provision, "url": c.url} for c in info.citations
                ],
            }
            for info in GROUNDS.values()
        ],
        "referrals": [{"id": r.value, "body": body} for r, body in REFERRAL_BODIES.items()],
        "outcomes": [
            {"id": o.value, "published_label": label} for o, label in PUBLISHED_LABELS.items()
        ],
        "finding_results": [r.value for r in FindingResult],
        "categories": {top: list(subs) for top, subs in CATEGORIES.items()},
    }


def vocabulary_markdown() -> str:
    lines = [
        "# Vocabulary",
        "",
        (
            "Generated from `src/ombuds/vocabulary.py` by `ombuds vocabulary --markdown`; do not edit "
            "by hand (a test compares the two). Every part of ombuds speaks these ids: adding one is "
            "fine, renaming one is a breaking change."
        ),
        "",
    ]
    for stage, heading, wording in (
        (Stage.jurisdiction, "Jurisdiction grounds", "we cannot investigate"),
        (Stage.discretion, "Discretion grounds", "we will not investigate"),
    ):
        lines += [f'## {heading} ("{wording}")', "", "| id | test | citation |", "|---|---|---|"]
        for info in GROUNDS.values():
            if info.stage is stage:
                links = ", ".join(f"[{c.provision or c.act}]({c.url})" for c in info.citations)
                lines.append(f"| `{info.id.value}` | {info.test} | {info.citation.act}: {links} |")
        lines.append("")
    lines += ["## Referrals (better-placed bodies)", "", "| id | body |", "|---|---|"]
    lines += [f"| `{r.value}` | {body} |" for r, body in REFERRAL_BODIES.items()]
    lines += ["", "## Outcomes", "", "| id | published label |", "|---|---|"]
    lines += [
        f"| `{o.value}` | {label or '(not published)'} |" for o, label in PUBLISHED_LABELS.items()
    ]
    lines += ["", "## Finding results", ""]
    lines += [f"- `{r.value}`" for r in FindingResult]
    lines += ["", "## Categories (open list: unseen ones are stored as given)", ""]
    lines += [f"- **{top}**: {'; '.join(subs)}" for top, subs in CATEGORIES.items()]
    return "\n".join(lines) + "\n"
