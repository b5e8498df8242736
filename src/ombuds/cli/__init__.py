"""The `ombuds` command line: a thin layer over the service functions.

Each concern registers its commands in its own module of this package (`parse`, `corpus`,
`engine`, `draft`, `privacy`, `serve`); importing them here builds the app.
"""

from __future__ import annotations

import importlib
import pkgutil

from ombuds.cli.app import app

for _info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    if _info.name != "app":
        importlib.import_module(f"{__name__}.{_info.name}")


def main() -> None:
    app()


__all__ = ["app", "main"]
