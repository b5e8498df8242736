"""The simulated casework users for bench/load.py (a Locust file; run by bench/load.py).

Each user signs in through the JSON API, then, with a pause of 0.5 to 1.5 s between actions:
searches the public decisions, opens its own case (the page and the JSON), assesses it, saves
its facts, and saves the statement of one case every user shares, from the version it read (a
409 there is the right answer, not a failure: the lock refused a lost update).
"""

from __future__ import annotations

import itertools
import json
import os
import random

from locust import HttpUser, between, events, task

SETUP = json.loads(os.environ.get("OMBUDS_LOAD_SETUP", "{}"))
QUERIES = [
    "social worker",
    "council tax",
    "school transport",
    "planning",
    "care home",
    "housing",
    "complaint",
    "noise",
    "blue badge",
    "special educational needs",
]
_next_user = itertools.count()
OUTCOMES = {"shared saved": 0, "shared refused": 0}


@events.test_stop.add_listener
def _write_outcomes(**_: object) -> None:
    with open(SETUP["outcomes"], "w", encoding="utf-8") as handle:
        json.dump(OUTCOMES, handle)


class Investigator(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        n = next(_next_user) % len(SETUP["users"])
        email, self.case = SETUP["users"][n], SETUP["cases"][n]
        self.rng = random.Random(n)
        response = self.client.post(
            "/api/session", json={"email": email, "password": SETUP["password"]}, name="sign in"
        )
        self.client.headers["Authorization"] = f"Bearer {response.json()['token']}"

    def _version(self, case: int) -> int:
        return self.client.get(f"/api/cases/{case}", name="open case (JSON)").json()["version"]

    @task(4)
    def search(self) -> None:
        self.client.get("/api/decisions", params={"q": self.rng.choice(QUERIES)}, name="search")

    @task(2)
    def open_case_page(self) -> None:
        self.client.get(f"/cases/{self.case}", name="open case (page)")

    @task(2)
    def assess(self) -> None:
        version = self._version(self.case)
        self.client.post(f"/api/cases/{self.case}/assess", json={"version": version}, name="assess")

    @task(1)
    def save_facts(self) -> None:
        case = self.client.get(f"/api/cases/{self.case}", name="open case (JSON)").json()
        facts = case["facts"]
        facts["heads"][0]["what_happened"] = f"note {self.rng.random():.6f}"
        self.client.put(
            f"/api/cases/{self.case}/facts",
            json={"version": case["version"], "facts": facts},
            name="save facts",
        )

    @task(1)
    def save_shared_statement(self) -> None:
        version = self._version(SETUP["shared"])
        text = f"Saved by {id(self)} at {self.rng.random():.9f}\n1. One paragraph."
        with self.client.put(
            f"/api/cases/{SETUP['shared']}/statement",
            json={"version": version, "text": text},
            name="save shared case",
            catch_response=True,
        ) as response:
            if response.status_code == 200:
                OUTCOMES["shared saved"] += 1
            elif response.status_code == 409:
                OUTCOMES["shared refused"] += 1
                response.success()
