"""The rules as a document: the table of tests in `docs/assessment-code.md` comes from here.

A test (tests/code/test_doc.py) fails when the committed table drifts from the loaded rules.
"""

from __future__ import annotations

from ombuds.code.registry import load_rules


def rules_table_markdown() -> str:
    """One row per test, in the order the engine runs them."""
    rows = [
        "| id | stage | law | the test | facts read | unless… |",
        "|---|---|---|---|---|---|",
    ]
    for rule in load_rules():
        reads = ", ".join(f"`{r}`" for r in rule.reads)
        unless = "; ".join(f"`{u.name}`" for u in rule.exceptions) or "—"
        rows.append(
            f"| `{rule.ground.value}` | {rule.stage.value} | {rule.info.citation_text} | "
            f"{rule.statement} | {reads} | {unless} |"
        )
    return "\n".join(rows) + "\n"
