"""The casework JSON API: the five seed complaints to publication, and no lost update."""

from __future__ import annotations

import json
import threading

import pytest
import yaml

from .conftest import SEED_FACTS, api_sign_in, client_for

SEEDS = sorted(SEED_FACTS.glob("*.yaml"))


def _facts(path):
    """A seed complaint as JSON (dates as ISO text)."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))


def _through(api, path, body):
    response = api.post(path, json=body)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem for s in SEEDS])
def test_each_seed_complaint_goes_from_facts_to_publication(app_client, seed):
    ivan = api_sign_in(app_client, "investigator")
    rita = api_sign_in(app_client, "reviewer")
    facts = _facts(seed)
    created = ivan.post("/api/cases", json={"facts": facts})
    assert created.status_code == 201, created.text
    case = created.json()
    assert case["status"] == "assessment" and case["assessment"]["heads"]
    for step in ("draft", "anonymise", "submit"):
        case = _through(ivan, f"/api/cases/{case['id']}/{step}", {"version": case["version"]})
    case = _through(
        rita, f"/api/cases/{case['id']}/review", {"version": case["version"], "approve": True}
    )
    assert case["status"] == "decided"
    gate = rita.post(f"/api/cases/{case['id']}/publish", json={"version": case["version"]})
    assert gate.status_code == 200, f"{seed.stem}: {gate.text}"
    case = gate.json()
    assert case["status"] == "published" and "pseudonyms" not in case
    reference = case["published_reference"]
    public = app_client.get(f"/api/decisions/{reference.replace(' ', '-')}")
    assert public.status_code == 200 and public.json()["body"] == facts["body"]
    actions = [e["action"] for e in ivan.get(f"/api/cases/{case['id']}/audit").json()]
    assert actions == [
        "case created",
        "assessed",
        "statement drafted",
        "statement anonymised",
        "sent for review",
        "approved",
        "published",
    ]


def test_a_stale_version_is_a_409_listing_what_changed(app_client):
    api = api_sign_in(app_client)
    case = api.post("/api/cases", json={"letter": "Dear Ombudsman"}).json()
    facts = _facts(SEED_FACTS / "000_5d44b0c00c107248.yaml")
    first = api.put(f"/api/cases/{case['id']}/facts", json={"version": 1, "facts": facts})
    assert first.status_code == 200 and first.json()["version"] == 2
    second = api.put(f"/api/cases/{case['id']}/facts", json={"version": 1, "facts": facts})
    assert second.status_code == 409
    body = second.json()
    assert body["error"] == "CaseChanged" and "version 1" in body["message"]


def test_concurrent_saves_of_one_case_lose_no_update(db_url, clock):
    """Eight people save the same case at once, each from the version they read: exactly one
    save per version wins, every other is refused, and every winning save is in the trail."""
    with client_for(db_url, clock) as client:
        api = api_sign_in(client)
        case = api.post("/api/cases", json={"letter": "Dear Ombudsman"}).json()
        facts = _facts(SEED_FACTS / "000_5d44b0c00c107248.yaml")
        api.put(f"/api/cases/{case['id']}/facts", json={"version": 1, "facts": facts})
        api.post(f"/api/cases/{case['id']}/draft", json={"version": 2})
        results: list[tuple[int, int, str]] = []
        lock = threading.Lock()

        def editor(n: int) -> None:
            for _attempt in range(20):
                current = api.get(f"/api/cases/{case['id']}").json()
                text = f"edit {n}\n1. Paragraph {n}."
                response = api.put(
                    f"/api/cases/{case['id']}/statement",
                    json={"version": current["version"], "text": text},
                )
                with lock:
                    results.append((n, response.status_code, text))
                if response.status_code == 200:
                    return
                assert response.status_code == 409, response.text
            raise AssertionError(f"editor {n} never saved")

        threads = [threading.Thread(target=editor, args=(n,)) for n in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        saved = [text for _, status, text in results if status == 200]
        assert len(saved) == 8
        trail = api.get(f"/api/cases/{case['id']}/audit").json()
        edits = [e for e in trail if e["action"] == "statement edited"]
        assert sorted(e["changes"]["draft_text"]["new"] for e in edits) == sorted(saved)
        versions = [e["version"] for e in trail]
        assert versions == sorted(versions) and len(set(versions)) == len(versions)
