"""Fixtures for the reader's tests: the letters, and the shared development decisions."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LETTERS = ROOT / "examples" / "letters"
DECISIONS_DEV = ROOT.parent / "shared" / "decisions-dev"


@pytest.fixture(scope="session")
def decisions_dev() -> Path:
    """../shared/decisions-dev beside the repository (third-party text, read in place)."""
    if not DECISIONS_DEV.is_dir():
        pytest.skip(f"the shared development decisions are not at {DECISIONS_DEV}")
    return DECISIONS_DEV
