"""Docs drift is a test failure: every command, option and ground appears in the docs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

from ombuds.cli import app
from ombuds.vocabulary import Ground, Referral
from ombuds.vocabulary_doc import vocabulary_markdown

ROOT = Path(__file__).resolve().parents[1]
CLI_DOC = ROOT / "docs" / "cli.md"
README = ROOT / "README.md"


def _commands() -> dict:
    group = typer.main.get_command(app)  # Typer ships its own click: check by shape, not class
    assert hasattr(group, "commands"), "the CLI is not a group of commands"
    return dict(group.commands)


def _section(doc: str, name: str) -> str:
    m = re.search(
        rf"^## `ombuds {re.escape(name)}\b[^\n]*$.*?(?=^## |\Z)", doc, re.MULTILINE | re.DOTALL
    )
    assert m, f"docs/cli.md has no '## `ombuds {name} ...`' section"
    return m.group(0)


def test_vocabulary_doc_is_generated_from_the_code():
    assert (ROOT / "docs" / "vocabulary.md").read_text(encoding="utf-8") == vocabulary_markdown(), (
        "docs/vocabulary.md drifted: run `ombuds vocabulary --markdown > docs/vocabulary.md`"
    )


@pytest.mark.parametrize("ground", list(Ground))
def test_every_ground_is_documented(ground):
    assert f"`{ground.value}`" in (ROOT / "docs" / "vocabulary.md").read_text(encoding="utf-8")
    assert f"`{ground.value}`" in (ROOT / "docs" / "assessment-code.md").read_text(
        encoding="utf-8"
    ), f"docs/assessment-code.md does not explain {ground.value}"


def test_every_referral_is_documented():
    doc = (ROOT / "docs" / "vocabulary.md").read_text(encoding="utf-8")
    assert all(f"`{r.value}`" in doc for r in Referral)


def test_every_command_and_option_is_in_the_cli_docs_and_readme():
    doc = CLI_DOC.read_text(encoding="utf-8")
    readme = README.read_text(encoding="utf-8")
    commands = _commands()
    assert commands, "the CLI registered no commands"
    for name, cmd in commands.items():
        section = _section(doc, name)
        assert f"ombuds {name}" in readme, f"README does not show `ombuds {name}`"
        params = list(cmd.params)
        for sub_name, sub in getattr(cmd, "commands", {}).items():  # a group: `ombuds user add`
            section = _section(doc, f"{name} {sub_name}")
            assert f"ombuds {name} {sub_name}" in readme, f"README lacks `ombuds {name} {sub_name}`"
            params += sub.params
        for param in params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--"):
                    assert opt in section, f"docs/cli.md: `ombuds {name}` does not document {opt}"


def test_every_command_has_help_with_an_example():
    for name, cmd in _commands().items():
        text = (cmd.help or "") + (cmd.epilog or "")
        assert "Example" in text, f"`ombuds {name} --help` shows no example"
        for sub_name, sub in getattr(cmd, "commands", {}).items():
            text = (sub.help or "") + (sub.epilog or "")
            assert "Example" in text, f"`ombuds {name} {sub_name} --help` shows no example"


def test_readme_quick_start_has_exactly_two_commands():
    text = README.read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", quick, re.DOTALL)
    commands = [
        line
        for b in blocks
        for line in b.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert len(commands) == 2, commands
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1].strip() in ci, ".ci/run must run the README's test command as written"
