"""The wording pack: the replaceable Jinja2 templates every sentence of a statement comes from.

The default pack lives in `ombuds/statement/wording/`: `pack.yaml` (its name, the section headings
and the signature line), `sections/*.j2` (one template per section or standard paragraph),
`grounds/<ground id>.j2` (one per ground, each defining the macros `role`, `because` and
`assessment`) and `referrals/<referral id>.j2` (the macro `next_step`).

A user's pack is a folder with the same layout. Any template it has overrides the default; any it
lacks falls back to the default, and so does any macro a ground template leaves out. All of the
user's templates are compiled when the pack loads, so a broken one fails at once with an
`InputError` naming the file and the line, before anything is drafted.

Wording templates produce plain text (autoescape off): escaping belongs to the HTML renderer,
which has autoescape on, so that text is escaped exactly once whatever the output format.

Every pack, ours and a user's, is rendered in Jinja2's immutable sandbox: a template can read the
values it is given and call the filters and macros of the pack, but it cannot reach Python's
internals (`cycler.__init__.__globals__...`) or change the objects it is given. A template that
tries is reported as a broken template, with its file and line, and nothing is drafted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ombuds.errors import InputError
from ombuds.statement.grammar import (
    council_case,
    join_and,
    long_date,
    lower_first,
    month_year,
    possessive,
    upper_first,
)
from ombuds.vocabulary import normalise_reference

DEFAULT_DIR = Path(__file__).resolve().parent / "wording"
PACK_FILE = "pack.yaml"
GROUND_MACROS = ("role", "because", "assessment")


def sentence(text: str) -> str:
    """Capitalise the first letter and end with a full stop (a fact given as a fragment)."""
    text = " ".join(str(text).split())
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def clause(text: str) -> str:
    """Lower-case the first letter (unless it starts a name) and drop the final full stop."""
    text = " ".join(str(text).split()).rstrip(".")
    if (
        len(text) > 1
        and text[0].isupper()
        and not text[1].isupper()
        and text.split(" ", 1)[0] not in ("I", "Miss", "Mr", "Mrs", "Ms", "Dr", "Mx")
    ):
        text = text[0].lower() + text[1:]
    return text


def cap(text: str) -> str:
    """Capitalise the first letter only ("the Council" -> "The Council")."""
    text = str(text)
    return text[:1].upper() + text[1:]


def article(text: str) -> str:
    """ "a" or "an" before `text` ("an officer", "a social worker")."""
    return "an" if str(text)[:1].lower() in "aeiou" else "a"


def reference(text: str) -> str:
    """An Ombudsman reference as the prose writes it: "24-003-117" -> "24 003 117"."""
    return normalise_reference(str(text)) or str(text)


def _environment(loader: jinja2.BaseLoader) -> jinja2.Environment:
    env = ImmutableSandboxedEnvironment(
        loader=loader,
        autoescape=False,  # plain text; the HTML renderer escapes (see module docstring)
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(
        sentence=sentence,
        clause=clause,
        join_and=join_and,
        cap=cap,
        possessive=possessive,
        article=article,
        long_date=long_date,
        month_year=month_year,
        reference=reference,
        council_case=council_case,
        lower_first=lower_first,
        upper_first=upper_first,
    )
    return env


def _template_line(error: Exception) -> tuple[str | None, int | None]:
    """The template file and line a runtime error happened at, from the traceback's template
    frames (Jinja2 compiles a template to Python; its line map gives the template's own line)."""
    filename: str | None = None
    lineno: int | None = None
    tb = error.__traceback__
    while tb is not None:
        template = tb.tb_frame.f_globals.get("__jinja_template__")
        if template is not None:  # a frame of compiled template code
            filename = template.filename or template.name
            lineno = template.get_corresponding_lineno(tb.tb_lineno)
        elif tb.tb_frame.f_code.co_filename.endswith(".j2"):  # a frame Jinja2 already rewrote
            filename, lineno = tb.tb_frame.f_code.co_filename, tb.tb_lineno
        tb = tb.tb_next
    return filename, lineno


def _template_error(error: Exception) -> InputError:
    """Turn a Jinja2 error into an InputError naming the template file and line."""
    filename = getattr(error, "filename", None)
    lineno = getattr(error, "lineno", None)
    if filename is None:  # a runtime error (an undefined name, an unsafe attribute)
        filename, lineno = _template_line(error)
    where = str(filename or "a wording template")
    if lineno:
        where += f", line {lineno}"
    message = getattr(error, "message", None) or str(error)
    if isinstance(error, jinja2.exceptions.SecurityError):
        message = f"it tries to reach what wording may not use ({message})"
    return InputError(
        f"broken wording template: {message}",
        source=where,
        hint="fix the template, or delete it to use the default wording",
    )


class WordingPack:
    """The templates in force: a user's folder over the default pack."""

    def __init__(self, user_dir: str | Path | None = None):
        # Absolute, so that a template's file name (which the loader joins to it) is reported
        # once, wherever the command runs from.
        self.user_dir = Path(user_dir).absolute() if user_dir is not None else None
        default_loader = jinja2.FileSystemLoader(str(DEFAULT_DIR))
        self._default = _environment(default_loader)
        self.settings: dict[str, Any] = self._read_settings(DEFAULT_DIR / PACK_FILE)
        self.warnings: list[str] = []
        if self.user_dir is None:
            self._env = self._default
            return
        if not self.user_dir.is_dir():
            raise InputError(
                "the wording pack folder does not exist",
                source=str(self.user_dir),
                hint="give --wording a folder holding templates such as "
                "grounds/late.j2 or sections/summary.j2",
            )
        user_settings = self.user_dir / PACK_FILE
        if user_settings.is_file():
            self._merge(self.settings, self._read_settings(user_settings))
        self._env = _environment(
            jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(self.user_dir)), default_loader])
        )
        self._check_user_templates()

    # -- loading -------------------------------------------------------------------------------
    @staticmethod
    def _read_settings(path: Path) -> dict[str, Any]:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f"{path}, line {mark.line + 1}" if mark else str(path)
            raise InputError(f"pack.yaml is not valid YAML: {error}", source=where) from None
        if not isinstance(data, dict):
            raise InputError(
                "pack.yaml must be a mapping (name, headings, signature...)", source=str(path)
            )
        return data

    @classmethod
    def _merge(cls, base: dict, extra: dict) -> None:
        for key, value in extra.items():
            if isinstance(value, dict) and isinstance(base.get(key), dict):
                cls._merge(base[key], value)
            else:
                base[key] = value

    def _check_user_templates(self) -> None:
        """Compile every user template now, so a broken one fails before drafting starts."""
        assert self.user_dir is not None
        known = set(self._default.list_templates(extensions=["j2"]))
        for path in sorted(self.user_dir.rglob("*.j2")):
            name = path.relative_to(self.user_dir).as_posix()
            if name not in known:
                self.warnings.append(
                    f"wording pack: {path} is not a template the drafter uses "
                    f"(expected names such as grounds/late.j2); it is ignored"
                )
                continue
            try:
                self._env.get_template(name)
            except jinja2.TemplateError as error:
                raise _template_error(error) from None

    # -- use -----------------------------------------------------------------------------------
    def heading(self, key: str) -> str:
        """A section heading from pack.yaml (the key itself when the pack has none)."""
        return str(self.settings.get("headings", {}).get(key, key))

    def setting(self, key: str, default: str = "") -> str:
        """A top-level value of pack.yaml, such as the signature line."""
        return str(self.settings.get(key, default))

    def render(self, name: str, **context: Any) -> str:
        """Render a whole template (a section) to plain text."""
        try:
            return self._env.get_template(name).render(**context)
        except jinja2.TemplateError as error:
            raise _template_error(error) from None

    def paragraphs(self, name: str, **context: Any) -> list[str]:
        """Render a template and split it into paragraphs at blank lines."""
        return split_paragraphs(self.render(name, **context))

    def paragraphs_with_items(self, name: str, **context: Any) -> list[tuple[str, list[str]]]:
        """Render a template into paragraphs, each with its bullets: within a paragraph, a line
        that starts with "- " is a bullet of the text before it."""
        out = []
        blocks = re.split(r"\n[ \t]*\n", self.render(name, **context).replace("\r\n", "\n"))
        for block in blocks:
            text, items = [], []
            for line in block.splitlines():
                stripped = line.strip()
                if stripped.startswith("- "):
                    items.append(" ".join(stripped[2:].split()))
                elif stripped and items:  # a bullet that runs on to the next line
                    items[-1] += " " + stripped
                elif stripped:
                    text.append(stripped)
            if text or items:
                out.append((cap(fold(" ".join(text))), [fold(i) for i in items]))
        return out

    def macro_text(self, name: str, macro: str, context: dict[str, Any], *args: Any) -> str:
        """Call a macro of a template and return its text (folded to one line)."""
        return self.macro(name, macro, **context)(*args)

    def macro(
        self, name: str, macro: str, *, fallback: str | None = None, **context: Any
    ) -> Callable[..., str]:
        """A macro of a template, from the user's template if it defines it, else the default's.

        A template without the macro may name a `fallback` in the same template (a ground template
        written before final() existed uses its own because()), so a user's wording is kept
        before the default's is used."""
        for env in self._envs():
            for wanted in (macro, fallback):
                if wanted is None:
                    continue
                fn = self._find_macro(env, name, wanted, context)
                if fn is not None:
                    return fn
        raise InputError(
            f"no macro {macro!r} in the wording template {name}", source=str(DEFAULT_DIR / name)
        )

    def _envs(self) -> tuple[jinja2.Environment, ...]:
        return (self._env,) if self._env is self._default else (self._env, self._default)

    def _find_macro(
        self, env: jinja2.Environment, name: str, macro: str, context: dict[str, Any]
    ) -> Callable[..., str] | None:
        try:
            module = env.get_template(name).make_module(vars=context)
        except jinja2.TemplateError as error:
            raise _template_error(error) from None
        fn = getattr(module, macro, None)
        return self._guarded(fn) if fn is not None else None

    def _guarded(self, fn: Callable[..., str]) -> Callable[..., str]:
        def call(*args: Any, **kwargs: Any) -> str:
            try:
                return fold(str(fn(*args, **kwargs)))
            except jinja2.TemplateError as error:
                raise _template_error(error) from None

        return call


_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?)])")


_SENTENCE_END = re.compile(r"([.!?])(\s+)([a-z])")
_NOT_AN_END = ("e.g", "i.e", "etc", "cf", "viz")


def capitalise_sentences(text: str) -> str:
    """A lower-case letter that starts a sentence is made upper case, so a template's variable
    may start a sentence ("{{ council }} replied." reads "The Council replied.")."""

    def fix(m: re.Match[str]) -> str:
        before = text[: m.start()].rsplit(" ", 1)[-1].lower()
        if before.endswith(_NOT_AN_END):
            return m.group(0)
        return m.group(1) + m.group(2) + m.group(3).upper()

    return _SENTENCE_END.sub(fix, text)


def fold(text: str) -> str:
    """White space folded to single spaces, none before punctuation (a template's line breaks
    around a macro call would otherwise leave "social worker ." behind), and every sentence
    after the first starting with a capital."""
    return capitalise_sentences(_SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join(text.split())))


def split_paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks, each with its white space folded to single spaces and its
    first letter a capital (a paragraph starts a sentence)."""
    blocks = [fold(b) for b in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n"))]
    return [cap(b) for b in blocks if b]
