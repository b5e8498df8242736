"""Benchmark: an ordinary user's search latency while the public API is abused.

    python bench/ingest.py --n 20000 --keep /tmp/ombuds-bench     # builds the corpus DB
    python bench/abuse.py --db /tmp/ombuds-bench/ombuds.db         # then this

What it does, all on 127.0.0.1 (it refuses any other address) and bounded in count and time:
1. starts `ombuds serve` (uvicorn, one process) over the corpus;
2. at rest: an ordinary user runs the fixed keyword + facet queries of bench/search.py, one after
   another, and each answer's time is recorded;
3. under abuse: `--attackers` clients (45 by default, as in issue 10) each send costly searches
   as fast as they are answered, for `--seconds`: prefix wildcards inside the API's length limit
   (166 `c*`), five one-letter prefixes and forty words, which the query budget refuses, and the
   costliest searches inside the budget (five two-letter prefixes; one one-letter prefix), which
   reach the database. Each attacker gives up on an answer after
   `--give-up` seconds, like a client that has gone. Meanwhile the ordinary user runs the same
   queries again. The attackers run in a process of their own, as asyncio clients on one
   thread (real attackers are elsewhere; here they share the server's two cores, so they should
   take as little of them as they can);
4. after the abuse: the server's CPU time in the next `--settle` seconds shows whether work
   went on after the attackers had gone.
It prints p50 and p95 of the ordinary queries at rest and under abuse, their ratio, the
attackers' answers by status, and any answer that was not JSON or was a 500 (there should be
none). Run it with PYTHONPATH pointing at an older checkout's src/ to measure that version.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

import httpx

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.search import free_port, make_queries, start_server  # noqa: E402

ABUSIVE = (
    " ".join(["c*"] * 166),  # issue 10's query: 498 characters, inside the API's 500
    "co* so* pl* ad* tr*",  # the costliest prefixes inside the budget: they reach the database
    "c* council",  # a one-letter prefix: the whole prefix allowance, also inside the budget
    "c* s* p* a* t*",  # five one-letter prefixes: beyond the budget
    " ".join(f"word{i}" for i in range(40)),  # more words than the budget allows
)
MAX_ATTACKERS = 64
MAX_SECONDS = 120
MAX_REQUESTS_PER_ATTACKER = 2000
ORDINARY_TIMEOUT = 30.0  # seconds an ordinary user waits for an answer


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def server_cpu_seconds(pid: int) -> float:
    """User + system CPU time of the server process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def ordinary_latencies(
    base: str, urls: list[str], until: float | None = None
) -> tuple[list[float], Counter]:
    """Each query's time in ms (a query not answered in ORDINARY_TIMEOUT counts as that long),
    in sequence, stopping early at `until` (time.monotonic)."""
    timings: list[float] = []
    statuses: Counter = Counter()
    with httpx.Client(base_url=base, timeout=ORDINARY_TIMEOUT) as client:
        for url in urls:
            if until is not None and time.monotonic() >= until:
                break
            start = time.perf_counter()
            try:
                outcome = str(client.get(url).status_code)
            except httpx.TimeoutException:
                outcome = "timed out"
            except httpx.HTTPError as error:
                outcome = f"failed: {type(error).__name__}"
            timings.append((time.perf_counter() - start) * 1000)
            statuses[outcome] += 1
    return timings, statuses


class Attack:
    """`attackers` concurrent clients (asyncio, one thread: cheap on the shared processors)
    sending costly searches until `seconds` pass or each has sent its cap."""

    def __init__(self, base: str, attackers: int, give_up: float):
        self.base = base
        self.attackers = attackers
        self.give_up = give_up
        self.statuses: Counter = Counter()
        self.bad: list[str] = []  # answers that were a 500, not JSON, or a 503 without Retry-After

    async def _one(self, client: httpx.AsyncClient, index: int, until: float) -> None:
        for n in range(MAX_REQUESTS_PER_ATTACKER):
            if time.monotonic() >= until:
                return
            q = ABUSIVE[(index + n) % len(ABUSIVE)]
            try:
                response = await client.get("/api/decisions?" + urlencode({"q": q}))
            except httpx.TimeoutException:
                self.statuses["gave up"] += 1
                continue
            except httpx.HTTPError as error:
                self.statuses[f"failed: {type(error).__name__}"] += 1
                continue
            outcome = str(response.status_code)
            is_json = response.headers.get("content-type", "").startswith("application/json")
            if is_json and response.status_code in (400, 503):
                outcome += " " + str(response.json().get("error", "?"))
            if response.status_code >= 500 and response.status_code != 503:
                self.bad.append(f"{response.status_code}: {response.text[:120]}")
            elif not is_json:
                self.bad.append(f"not JSON ({response.status_code}): {response.text[:120]}")
            elif response.status_code == 503 and "retry-after" not in response.headers:
                self.bad.append("503 without Retry-After")
            self.statuses[outcome] += 1

    async def run(self, seconds: float) -> None:
        until = time.monotonic() + seconds
        limits = httpx.Limits(max_connections=self.attackers)
        async with httpx.AsyncClient(
            base_url=self.base, timeout=self.give_up, limits=limits
        ) as client:
            await asyncio.gather(*(self._one(client, i, until) for i in range(self.attackers)))


def attack_only(base: str, attackers: int, seconds: float, give_up: float) -> None:
    """The attackers' process: attack for `seconds`, then print a summary as JSON."""
    attack = Attack(base, attackers, give_up)
    asyncio.run(attack.run(seconds))
    print(json.dumps({"statuses": attack.statuses, "bad": attack.bad}))


def main() -> None:
    if sys.argv[1:2] == ["--attack-only"]:
        base, attackers, seconds, give_up = sys.argv[2:6]
        attack_only(base, int(attackers), float(seconds), float(give_up))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/ombuds-bench/ombuds.db"))
    parser.add_argument("--host", default="127.0.0.1", help="loopback only")
    parser.add_argument("--attackers", type=int, default=45)
    parser.add_argument("--seconds", type=float, default=30.0, help="length of the abuse")
    parser.add_argument("--queries", type=int, default=150, help="ordinary queries per phase")
    parser.add_argument("--give-up", type=float, default=2.0, help="an attacker's patience")
    parser.add_argument("--settle", type=float, default=10.0, help="watch after the abuse")
    args = parser.parse_args()
    if not ipaddress.ip_address(args.host).is_loopback:
        raise SystemExit("bench/abuse.py runs on the loopback interface only (--host 127.0.0.1)")
    if not 1 <= args.attackers <= MAX_ATTACKERS or not 0 < args.seconds <= MAX_SECONDS:
        raise SystemExit(f"at most {MAX_ATTACKERS} attackers and {MAX_SECONDS} seconds")
    if not args.db.is_file():
        raise SystemExit(f"no corpus at {args.db}: run bench/ingest.py --keep first")

    urls = ["/api/decisions?" + urlencode(q) for q in make_queries(args.queries, seed=0)]
    port = free_port()
    base = f"http://{args.host}:{port}"
    command = [sys.executable, "-c", "from ombuds.cli import main; main()"]
    command += ["serve", "--db", f"sqlite:///{args.db.resolve()}", "--host", args.host]
    server = start_server([*command, "--port", str(port)], base + "/api/decisions?limit=1")
    try:
        ordinary_latencies(base, urls[:20])  # warm-up
        rest, rest_statuses = ordinary_latencies(base, urls)

        started = time.monotonic()
        attack_args = [base, str(args.attackers), str(args.seconds), str(args.give_up)]
        attack = subprocess.Popen(
            [sys.executable, __file__, "--attack-only", *attack_args],
            stdout=subprocess.PIPE,
            text=True,
        )
        time.sleep(min(2.0, args.seconds / 4))  # let the attack build up
        abused: list[float] = []
        abused_statuses: Counter = Counter()
        while time.monotonic() - started < args.seconds - 1:
            timings, statuses = ordinary_latencies(base, urls, until=started + args.seconds - 1)
            abused += timings
            abused_statuses += statuses
        report = json.loads(attack.communicate(timeout=args.seconds + args.give_up + 60)[0])
        cpu_at_end = server_cpu_seconds(server.pid)
        time.sleep(args.settle)
        cpu_after = server_cpu_seconds(server.pid) - cpu_at_end
    finally:
        server.terminate()
        try:
            server.wait(15)
            stopped = "stopped when asked"
        except subprocess.TimeoutExpired:  # uvicorn waits for the requests it is still running
            server.kill()
            server.wait(15)
            stopped = "did not stop within 15 s of SIGTERM (work still running): killed"

    print(f"corpus: {args.db}; {args.attackers} attackers for {args.seconds:g} s")
    print(f"{'ordinary queries':<24}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}  statuses")
    for name, timings, statuses in (
        ("at rest", rest, rest_statuses),
        ("under abuse", abused, abused_statuses),
    ):
        print(
            f"{name:<24}{len(timings):>6}{statistics.median(timings):>10.1f}"
            f"{percentile(timings, 95):>10.1f}{max(timings):>10.1f}  {dict(statuses)}"
        )
    print(
        f"ratio under abuse / at rest: p50 {statistics.median(abused) / statistics.median(rest):.2f}, "
        f"p95 {percentile(abused, 95) / percentile(rest, 95):.2f}"
    )
    print(f"attackers' answers: {dict(sorted(report['statuses'].items()))}")
    print(f"answers that were a 500, not JSON, or a 503 without Retry-After: {len(report['bad'])}")
    for line in report["bad"][:5]:
        print(f"  {line}")
    print(f"server CPU in the {args.settle:g} s after the attackers stopped: {cpu_after:.2f} s")
    print(f"server: {stopped}")


if __name__ == "__main__":
    main()
