"""Fixtures of the drafter's tests: the hand-built assessments in `builders.py`."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import builders


@pytest.fixture
def conduct_case():
    return builders.conduct_and_data_case()
