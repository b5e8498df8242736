"""The package's import-time settings (src/ombuds/__init__.py)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

_ASK = "import ombuds, numpy._core.multiarray as m; print(m._get_madvise_hugepage())"


@pytest.mark.parametrize(("given", "expected"), [(None, "False"), ("1", "True")])
def test_numpy_is_asked_not_to_use_huge_pages_unless_the_user_says(given, expected):
    env = {k: v for k, v in os.environ.items() if k != "NUMPY_MADVISE_HUGEPAGE"}
    if given is not None:
        env["NUMPY_MADVISE_HUGEPAGE"] = given
    found = subprocess.run(
        [sys.executable, "-c", _ASK], env=env, capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == expected
