"""Benchmark: 50 simulated casework users against `ombuds serve` for 60 s (Locust, headless).

    python bench/load.py                         # SQLite, 50 users, 60 s
    python bench/load.py --backend postgres      # the PostgreSQL server ($OMBUDS_TEST_POSTGRES_URL)
    python bench/load.py --users 5 --duration 5  # a quick look

Targets (issue 12): 0 errors and p95 <= 300 ms over every request, on SQLite and PostgreSQL;
concurrent saves of one case lose no update.

Set-up: a fresh database (an SQLite file, or a new schema on the PostgreSQL server) holding the
seeds and `--decisions` synthetic decisions shaped like the real ones (bench/synthetic.py), one
investigator and one assessed, drafted case per simulated user, and one drafted case all of
them save. The app runs as `ombuds serve` (uvicorn, `--workers` processes, one per core by default) on 127.0.0.1; the users
(bench/load_users.py) run in a Locust process on the same machine: loopback only, bounded by
`--duration`. After the run, the shared case's audit trail is read back: every save Locust saw
accepted must be there, in version order (no lost update).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.search import free_port, start_server  # noqa: E402

PASSWORD = "load test password"
SEED = ROOT / "examples" / "seeds" / "000_5d44b0c00c107248.yaml"
TARGET_P95_MS = 300.0


def _postgres_url(base: str) -> tuple[str, str]:
    """A URL whose connections use a new schema (created here), and the schema's name."""
    import sqlalchemy as sa

    schema = f"load_{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:
        connection.execute(sa.text(f'create schema "{schema}"'))
    engine.dispose()
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}", schema


def _drop_schema(base: str, schema: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:
        connection.execute(sa.text(f'drop schema "{schema}" cascade'))
    engine.dispose()


def build(url: str, users: int, decisions: int) -> dict:
    """The database for the run; returns what the simulated users need."""
    import yaml

    from bench import synthetic
    from ombuds.casework import Accounts, CaseService, Casework
    from ombuds.corpus.parse import parse_file, parse_text
    from ombuds.corpus.store import open_store

    store = open_store(url)
    try:
        seeds = sorted((ROOT / "examples" / "decisions" / "seeds").glob("*.txt"))
        store.upsert_many([(parse_file(p), p.read_text(encoding="utf-8")) for p in seeds])
        batch = []
        for record in synthetic.generate_records(decisions, seed=12, fmt="mixed"):
            batch.append((parse_text(record.text, record.filename), record.text))
            if len(batch) == 200:
                store.upsert_many(batch)
                batch = []
        if batch:
            store.upsert_many(batch)
        accounts = Accounts(Casework(store.engine))
        service = CaseService(store)
        facts = json.loads(json.dumps(yaml.safe_load(SEED.read_text()), default=str))
        emails, cases = [], []
        for n in range(users + 1):
            user = accounts.add_user(f"user{n}@load.example", "investigator", PASSWORD)
            case = service.new_case_from_facts(user, facts)
            case = service.draft(user, case.id, case.version)
            emails.append(user.email)
            cases.append(case.id)
        return {
            "users": emails[:-1],
            "cases": cases[:-1],
            "shared": cases[-1],
            "password": PASSWORD,
        }
    finally:
        store.close()


def read_stats(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def check_shared_case(url: str, case_id: int, saved: int) -> tuple[int, bool]:
    """(edits in the shared case's audit trail, whether versions rise by one each time)."""
    from ombuds.casework import Casework
    from ombuds.corpus.store import open_store

    store = open_store(url)
    try:
        trail = Casework(store.engine).audit_trail(case_id)
    finally:
        store.close()
    versions = [e.version for e in trail]
    edits = [e for e in trail if e.action == "statement edited"]
    return len(edits), versions == list(range(1, len(versions) + 1)) and len(edits) == saved


def sequential(base: str, setup: dict, rounds: int = 20) -> dict[str, float]:
    """Median milliseconds of each action, one request at a time (no other load from us): the
    app's own cost, beside the figures under load."""
    import statistics

    import httpx

    timings: dict[str, list[float]] = {}
    with httpx.Client(base_url=base, timeout=60) as client:
        token = client.post(
            "/api/session", json={"email": setup["users"][0], "password": PASSWORD}
        ).json()["token"]
        client.headers["Authorization"] = f"Bearer {token}"
        case = setup["cases"][0]
        actions = {
            "search": lambda: client.get("/api/decisions", params={"q": "social worker"}),
            "open case (page)": lambda: client.get(f"/cases/{case}"),
            "open case (JSON)": lambda: client.get(f"/api/cases/{case}"),
            "assess": lambda: client.post(
                f"/api/cases/{case}/assess",
                json={"version": client.get(f"/api/cases/{case}").json()["version"]},
            ),
        }
        for name, action in actions.items():
            action()  # warm-up
            for _ in range(rounds):
                start = time.perf_counter()
                response = action()
                timings.setdefault(name, []).append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (name, response.text[:200])
    return {name: statistics.median(values) for name, values in timings.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Casework under load: simulated users against ombuds serve (Locust).",
        epilog="Example: python bench/load.py --backend sqlite --users 50 --duration 60",
    )
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get(
            "OMBUDS_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
        ),
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--duration", type=int, default=60, help="seconds of load (bounded)")
    parser.add_argument("--decisions", type=int, default=2000, help="synthetic decisions stored")
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="ombuds serve --workers"
    )
    args = parser.parse_args(argv)
    if not 1 <= args.duration <= 600 or not 1 <= args.users <= 500:
        parser.error("--duration must be 1..600 seconds and --users 1..500")

    work = Path(tempfile.mkdtemp(prefix="ombuds-load-"))
    schema = None
    if args.backend == "sqlite":
        url = f"sqlite:///{work / 'ombuds.db'}"
    else:
        url, schema = _postgres_url(args.pg_url)
    server = None
    load_before = f"{os.getloadavg()[0]:.1f}"
    try:
        started = time.perf_counter()
        setup = build(url, args.users, args.decisions)
        setup["outcomes"] = str(work / "outcomes.json")
        print(
            f"set-up: {args.decisions + 5} decisions, {args.users} users and cases "
            f"({time.perf_counter() - started:.1f} s)"
        )
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        ombuds = str(Path(sys.executable).with_name("ombuds"))
        server = start_server(
            [ombuds, "serve", "--db", url, "--port", str(port), "--workers", str(args.workers)],
            f"{base}/api/decisions?limit=1",
        )
        alone = sequential(base, setup)
        locust = str(Path(sys.executable).with_name("locust"))
        command = [
            locust,
            "-f",
            str(ROOT / "bench" / "load_users.py"),
            "--headless",
            "--users",
            str(args.users),
            "--spawn-rate",
            str(args.spawn_rate),
            "--run-time",
            f"{args.duration}s",
            "--host",
            base,
            "--stop-timeout",
            "10",
            "--csv",
            str(work / "run"),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ]
        subprocess.run(
            command,
            env={**os.environ, "OMBUDS_LOAD_SETUP": json.dumps(setup)},
            check=False,
            timeout=args.duration + 120,
            capture_output=True,
        )
        rows = read_stats(work / "run_stats.csv")
        outcomes = json.loads(Path(setup["outcomes"]).read_text())
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    edits, in_order = check_shared_case(url, setup["shared"], outcomes["shared saved"])
    if schema:
        _drop_schema(args.pg_url, schema)

    print(
        f"backend: {args.backend}; {args.users} users for {args.duration} s on 127.0.0.1, "
        f"{args.workers} server process(es); "
        f"load average before: {load_before}, after: {os.getloadavg()[0]:.1f} "
        f"({os.cpu_count()} cores)"
    )
    print(
        "one request at a time (median ms): "
        + ", ".join(f"{name} {value:.0f}" for name, value in alone.items())
    )
    print(
        f"{'request':24} {'count':>7} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>7}"
    )
    total = None
    for row in rows:
        name = row["Name"] if row["Type"] else "all requests"
        if row["Name"] == "Aggregated":
            name, total = "all requests", row
        print(
            f"{name[:24]:24} {row['Request Count']:>7} {row['Failure Count']:>7} "
            f"{row['50%']:>8} {row['95%']:>8} {row['99%']:>8} {float(row['Requests/s']):7.1f}"
        )
    assert total is not None, "Locust wrote no aggregate row"
    p95 = float(total["95%"])
    errors = int(total["Failure Count"])
    print(
        f"p95 over all requests: {p95:.0f} ms (target {TARGET_P95_MS:.0f} ms; "
        f"ratio {p95 / TARGET_P95_MS:.2f}); errors: {errors}"
    )
    print(
        f"shared case: {outcomes['shared saved']} saves accepted, "
        f"{outcomes['shared refused']} refused as stale (409); {edits} edits in the audit "
        f"trail, versions in order: {in_order} -> "
        f"{'no lost update' if in_order else 'LOST UPDATE'}"
    )
    return 0 if errors == 0 and in_order else 1


if __name__ == "__main__":
    raise SystemExit(main())
