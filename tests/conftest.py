"""Shared fixtures. Deterministic: nothing here reads the clock or an unseeded random source."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]

# Property-based tests (Hypothesis, tests/**/test_*_properties.py). By default deterministic, so
# that CI tries the same examples on every run and a failure can be reproduced; nothing is
# written to disk. `HYPOTHESIS_PROFILE=explore` searches afresh with many more examples (run it
# after changing a reader or the anonymiser; add what it finds as an explicit @example).
settings.register_profile("ombuds", derandomize=True, database=None, deadline=None)
settings.register_profile("explore", max_examples=1000, database=None, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ombuds"))
SEEDS_DIR = ROOT / "examples" / "decisions" / "seeds"
EXAMPLES_DIR = ROOT / "examples"
DEFAULT_PG_URL = "postgresql://postgres@127.0.0.1:5432/test"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS_DIR


@pytest.fixture(scope="session")
def seed_files() -> list[Path]:
    return sorted(SEEDS_DIR.glob("*.txt"))


def _postgres_available(url: str) -> str | None:
    """None when the server answers, else why not."""
    try:
        import sqlalchemy as sa

        engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
        with engine.connect() as conn:
            conn.execute(sa.text("select 1"))
        engine.dispose()
        return None
    except Exception as error:
        return f"{type(error).__name__}: {error}"


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The test PostgreSQL server. Skips on a machine without one; in CI (CI=true) it fails."""
    url = os.environ.get("OMBUDS_TEST_POSTGRES_URL", DEFAULT_PG_URL)
    problem = _postgres_available(url)
    if problem:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL must be reachable in CI at {url}: {problem}")
        pytest.skip(f"no PostgreSQL server at {url}: {problem}")
    return url


@pytest.fixture
def postgres_schema_url(postgres_url: str):
    """A URL whose connections use a fresh schema of their own, dropped afterwards.

    Lets tests run in parallel (pytest -n) against one server without seeing each other's rows.
    """
    import sqlalchemy as sa

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(postgres_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as conn:
        conn.execute(sa.text(f'create schema "{schema}"'))
    sep = "&" if "?" in postgres_url else "?"
    yield f"{postgres_url}{sep}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(sa.text(f'drop schema "{schema}" cascade'))
    admin.dispose()


# Browser tests (the casework app in Chromium) --------------------------------------------------
CHROMIUM = os.environ.get("OMBUDS_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium, driven by Playwright (never a downloaded browser build). Skips on a
    machine without it; in CI (CI=true) it fails."""
    problem = None
    if not Path(CHROMIUM).exists():
        problem = f"no Chromium at {CHROMIUM} (apt-get install -y chromium)"
    else:
        try:
            import playwright  # noqa: F401
        except ImportError:
            problem = "the playwright package is not installed (pip install -e '.[test]')"
    if problem:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"browser tests must run in CI: {problem}")
        pytest.skip(problem)
    return CHROMIUM
