"""`ombuds check`: the self-check "Can the Ombudsman look at my complaint?" in the terminal."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Annotated, Any

import typer

from ombuds.cli.app import JsonOption, command, parse_date_option
from ombuds.complaint.guard import load_yaml_file
from ombuds.errors import InputError, OutputError
from ombuds.selfcheck import SelfCheck
from ombuds.selfcheck.catalogue import UNKNOWN
from ombuds.selfcheck.interview import Step


def _read_answers(path: Path) -> Any:
    return (
        load_yaml_file(
            path,
            "the answers file",
            "give a YAML or JSON mapping of question keys to answers, as --json prints",
        )
        or {}
    )


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[\s/.-]+(\d{1,2})[\s/.-]+(\d{4})")


def _iso(raw: str) -> str:
    """A date typed as people in the UK write it (27 3 2024, 27/03/2024, 27.3.2024) in the
    ISO form the service checks; anything else is passed on for the service to refuse."""
    text = raw.strip()
    match = _DAY_MONTH_YEAR.fullmatch(text)
    if match:
        day, month, year = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return text


def _ask(check: SelfCheck, step: Step) -> Any:
    """Prompt for one answer until it can be used."""
    q = step.question
    text = q.text if q else check.catalogue.more_parts_text
    hint = (q.hint if q else check.catalogue.more_parts_hint) or ""
    part = f" (part {step.part + 1})" if step.part else ""
    typer.echo(f"\n{text}{part}")
    if hint:
        typer.echo(f"  {hint}")
    if q is None or q.kind != "date":
        labels = [o.label for o in q.options] if q else ["Yes", "No"]
        values = [o.value for o in q.options] if q else ["yes", "no"]
        for i, label in enumerate(labels, 1):
            typer.echo(f"  {i}. {label}")
        typer.echo("  0. I don't know")
        many = q is not None and q.kind == "choices"
        prompt = "Numbers, separated by commas" if many else "Number"
        while True:
            raw = typer.prompt(prompt, default="0")
            picked = [p.strip() for p in raw.split(",") if p.strip()]
            if picked == ["0"]:
                return UNKNOWN
            if all(p.isdigit() and 1 <= int(p) <= len(values) for p in picked) and (
                many or len(picked) == 1
            ):
                chosen = [values[int(p) - 1] for p in picked]
                return chosen if many else chosen[0]
            typer.echo(f"Type {'numbers' if many else 'a number'} from the list, or 0.")
    while True:
        raw = typer.prompt(
            "Date (day month year, e.g. 27 3 2024), or blank if you don't know", default=""
        )
        if not raw.strip():
            return UNKNOWN
        iso = _iso(raw)
        if not _ISO.fullmatch(iso):
            typer.echo("Type the date as day month year, for example 27 3 2024, or leave it blank.")
            continue
        try:
            dt.date.fromisoformat(iso)
        except ValueError:
            typer.echo(f"There is no such date as {raw.strip()}: check the day and the month.")
            continue
        try:
            return check.check_value(q, step.key, iso)
        except InputError as error:  # for example, a date after the day of the check
            typer.echo(error.message)


@command("check")
def check_command(
    answers_file: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            help="Answers from a YAML or JSON file (question key: answer), as --json prints "
            'them; a question the file does not answer is taken as "I don\'t know".',
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", help="The day of the check (YYYY-MM-DD; default: today)."),
    ] = None,
    questions: Annotated[
        Path | None,
        typer.Option("--questions", help="Your own questions file (wording), checked at load."),
    ] = None,
    save: Annotated[
        Path | None,
        typer.Option("--save", help="Also write your answers and the result to this text file."),
    ] = None,
    json_: JsonOption = False,
) -> None:
    """Can the Ombudsman look at my complaint? Asks only what the rules still need, one
    question at a time ("0" is "I don't know"), then says what the Ombudsman would normally do,
    why (with the law) and what to do next. Nothing is stored unless you --save it.

    Example: ombuds check --answers my-answers.yaml --json
    """
    day = parse_date_option(date) or dt.date.today()
    check = SelfCheck(day, questions=questions)
    given = check.load(_read_answers(answers_file)) if answers_file else None
    answers: dict[str, Any] = {}
    asked: list[str] = []
    while True:
        step = check.next_step(answers)
        if not step.key:
            break
        asked.append(step.key)
        if given is not None:
            answers = check.answer(answers, step, given.get(step.key, UNKNOWN))
            continue
        while True:
            try:
                answers = check.answer(answers, step, _ask(check, step))
                break
            except InputError as error:
                typer.echo(error.message)
    if save is not None:
        try:
            save.write_text(check.export_text(answers), encoding="utf-8")
        except OSError as error:
            raise OutputError(f"cannot write: {error.strerror}", source=str(save)) from None
    if json_:
        typer.echo(json.dumps({**check.export(answers), "asked": asked}, indent=2))
        return
    typer.echo("")
    typer.echo(check.result_text(answers).rstrip())
