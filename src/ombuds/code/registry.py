"""The registry of Assessment Code tests, checked when it loads.

`@rule` registers a test class. `load_rules()` imports every module of `ombuds.code.rules` and
checks the law-as-code before anything runs: each test names an existing ground, its citations
validate, it has a statement, a docstring saying what it implements and leaves out and naming
each "unless..." exception, the facts it reads, and every ground has exactly one test. A typo
fails loudly at load, not in a decision.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from ombuds.code.unit import Rule
from ombuds.vocabulary import GROUNDS, Ground, Stage, check_citation

_REGISTERED: list[type[Rule]] = []
_VALIDITY_GROUNDS = {Ground.no_consent, Ground.not_member_of_public, Ground.no_standing}


def rule(cls: type[Rule]) -> type[Rule]:
    """Class decorator: register an Assessment Code test."""
    _REGISTERED.append(cls)
    return cls


def check_rule(cls: type[Rule]) -> None:
    """Raise ValueError when a test is not fully described."""
    name = cls.__name__
    ground = getattr(cls, "ground", None)
    if ground not in GROUNDS:
        raise ValueError(f"{name}: ground {ground!r} is not in the vocabulary")
    info = GROUNDS[ground]
    for citation in info.citations:
        check_citation(citation)
    expected_stage = Stage.validity if ground in _VALIDITY_GROUNDS else info.stage
    if cls.stage is not expected_stage:
        raise ValueError(f"{name}: runs in {cls.stage}, expected {expected_stage}")
    if cls.per_head and cls.stage is not Stage.validity:
        raise ValueError(f"{name}: only a validity test can be per head (others always are)")
    if cls.decisive and cls.stage is not Stage.discretion:
        raise ValueError(f"{name}: only a discretion test can be decisive")
    doc = cls.__doc__ or ""
    if not doc.strip() or "Leaves out" not in doc:
        raise ValueError(f"{name}: the docstring must state the provision and what it leaves out")
    if not getattr(cls, "statement", "").strip():
        raise ValueError(f"{name}: no plain-English statement")
    if not getattr(cls, "reads", ()):
        raise ValueError(f"{name}: does not declare the facts it reads")
    names = [u.name for u in cls.exceptions]
    if len(names) != len(set(names)) or not all(u.statement for u in cls.exceptions):
        raise ValueError(f"{name}: exceptions need unique names and statements")
    unnamed = [n for n in names if n not in doc]
    if unnamed:
        raise ValueError(
            f"{name}: the docstring must name each exception; missing {', '.join(unnamed)}"
        )


@lru_cache(maxsize=1)
def load_rules() -> tuple[Rule, ...]:
    """Every test, in the order the engine runs them: validity, jurisdiction, discretion, each in
    the vocabulary's order of grounds."""
    import ombuds.code.rules as package

    for info in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{info.name}")
    by_ground: dict[Ground, type[Rule]] = {}
    for cls in _REGISTERED:
        check_rule(cls)
        if cls.ground in by_ground and by_ground[cls.ground] is not cls:
            raise ValueError(
                f"two tests for {cls.ground}: {by_ground[cls.ground].__name__} and {cls.__name__}"
            )
        by_ground[cls.ground] = cls
    missing = set(Ground) - set(by_ground)
    if missing:
        raise ValueError(f"no test for ground(s): {', '.join(sorted(missing))}")
    order = {Stage.validity: 0, Stage.jurisdiction: 1, Stage.discretion: 2}
    grounds = list(Ground)
    ordered = sorted(by_ground.values(), key=lambda c: (order[c.stage], grounds.index(c.ground)))
    return tuple(cls() for cls in ordered)
