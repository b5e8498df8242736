"""The complaint schema and its loader: YAML and JSON, and errors a person can act on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ombuds.complaint import Complaint, load_complaint
from ombuds.complaint.facts import HeadSubject, Topic
from ombuds.errors import InputError, SchemaError, UnreadableFile

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "seeds" / "000_5d44b0c00c107248.yaml"


def test_a_seed_complaint_loads():
    c = load_complaint(SEED)
    assert c.body == "Leicestershire County Council"
    assert c.complainant.alias == "Miss X"
    assert c.heads[0].about is HeadSubject.officer_conduct


def test_json_and_yaml_load_the_same_complaint(tmp_path):
    c = load_complaint(SEED)
    path = tmp_path / "c.json"
    path.write_text(c.model_dump_json())
    assert load_complaint(path) == c


def test_enum_facts_accept_their_names_as_well_as_their_words(tmp_path):
    text = SEED.read_text().replace(
        "topics: [children in care]", "topics: [looked_after_children]", 1
    )
    path = tmp_path / "c.yaml"
    path.write_text(text)
    assert load_complaint(path).heads[0].topics == [Topic.looked_after_children]


def test_a_schema_error_names_file_path_value_expected_and_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "body: Anytown Council\n"
        "complainant: {title: Mr, alias: Mr X}\n"
        "heads:\n"
        "  - summary: Something went wrong\n"
        "    about: a service the council provided or failed to provide\n"
        "    council_response:\n"
        "      upheld: maybe\n"
    )
    with pytest.raises(SchemaError) as caught:
        load_complaint(path)
    error = caught.value
    assert str(path) in str(error)
    problem = error.problems[0]
    assert problem["path"] == "heads[0].council_response.upheld"
    assert problem["value"] == "maybe"
    assert "yes" in problem["expected"] and "partly" in problem["expected"]
    assert problem["line"] == 7


def test_a_missing_field_is_reported_at_its_parents_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "body: Anytown Council\n"
        "complainant: {title: Mr, alias: Mr X}\n"
        "heads:\n"
        "  - about: a decision the council made\n"
    )
    with pytest.raises(SchemaError) as caught:
        load_complaint(path)
    problem = caught.value.problems[0]
    assert problem["path"] == "heads[0].summary"
    assert problem["expected"] == "Field required"
    assert problem["line"] == 4


def test_an_unknown_field_is_refused_so_typos_are_not_lost(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(SEED.read_text().replace("body:", "bodyy: x\nbody:", 1))
    with pytest.raises(SchemaError) as caught:
        load_complaint(path)
    assert caught.value.problems[0]["path"] == "bodyy"
    assert caught.value.problems[0]["line"] == 4


def test_every_problem_is_listed(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"body": "", "complainant": {"title": "Mr"}, "heads": []}))
    with pytest.raises(SchemaError) as caught:
        load_complaint(path)
    paths = {p["path"] for p in caught.value.problems}
    assert {"body", "complainant.alias", "heads"} <= paths


def test_broken_yaml_gives_its_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("body: Anytown\nheads: [\n  - x\n")
    with pytest.raises(SchemaError, match="not valid YAML") as caught:
        load_complaint(path)
    assert caught.value.problems[0]["line"]


def test_broken_json_gives_its_line(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"body": "x",\n "heads": }')
    with pytest.raises(SchemaError, match="not valid JSON") as caught:
        load_complaint(path)
    assert caught.value.problems[0]["line"] == 2


def test_a_list_is_not_a_complaint(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("- one\n- two\n")
    with pytest.raises(SchemaError, match="must be a mapping"):
        load_complaint(path)


def test_a_letter_is_not_read_yet_and_the_error_says_what_to_do(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text("Dear Ombudsman, ...")
    with pytest.raises(InputError, match="plain-text letters are not read yet") as caught:
        load_complaint(path)
    assert "ombuds schema complaint" in str(caught.value)


@pytest.mark.parametrize(
    "name, content, error",
    [
        ("empty.yaml", "  \n", UnreadableFile),
        ("latin1.yaml", b"body: caf\xe9\n", UnreadableFile),
        ("complaint.docx", "x", InputError),
        ("missing.yaml", None, InputError),
    ],
)
def test_unusable_files_are_named(tmp_path, name, content, error):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content)
    with pytest.raises(error) as caught:
        load_complaint(path)
    assert name in str(caught.value)


def test_every_schema_field_is_described():
    schema = Complaint.model_json_schema()
    missing = []
    for name, model in [("Complaint", schema), *schema["$defs"].items()]:
        for field, spec in model.get("properties", {}).items():
            if not spec.get("description"):
                missing.append(f"{name}.{field}")
    assert missing == []


def test_private_name_is_never_dumped():
    c = load_complaint(SEED).model_copy(deep=True)
    c.complainant.private_name = "Zelda Example"
    assert "Zelda" not in c.model_dump_json()
    assert "private_name" not in c.model_dump()["complainant"]


def test_a_bare_yes_or_no_for_upheld_is_read_as_the_word(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(SEED.read_text().replace('upheld: "no"', "upheld: no"))
    assert load_complaint(path).heads[0].council_response.upheld.value == "no"


def test_control_characters_are_refused_with_their_path_and_line(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(
        SEED.read_text().replace(
            "        officer: social worker\n", '        officer: "social\\x00worker"\n', 1
        )
    )
    with pytest.raises(SchemaError) as caught:
        load_complaint(path)
    problem = caught.value.problems[0]
    assert problem["path"] == "heads[0].allegations[0].officer"
    assert problem["value"] == "social\x00worker" and problem["line"] == 26
    assert "control characters" in problem["expected"]
    data = json.loads(load_complaint(SEED).model_dump_json())
    data["heads"][0]["summary"] = "line one\nline two\twith a tab"  # white space is fine
    json_path = tmp_path / "c.json"
    json_path.write_text(json.dumps(data))
    assert load_complaint(json_path).heads[0].summary == "line one\nline two\twith a tab"


def test_the_legal_corrections_added_facts_without_removing_any():
    """The schema is a contract: issue 7 only added fields and values (stored complaints load)."""
    from ombuds.complaint import AppealRight, CouncilReply, CouncilResponse, Dates, Head
    from ombuds.complaint import Representative as Rep
    from ombuds.complaint.facts import ActingBody, CouncilRole

    added = {
        Rep: {"person_has_died", "personal_representative", "relative", "first_knew"},
        CouncilReply: {"next_stage_requested"},
        Dates: {"agreed_response_date"},
        CouncilResponse: {"adult_social_care_procedure"},
        AppealRight: {"about_later_act"},
        Head: {"council_acting_as", "privately_arranged_care"},
    }
    for model, fields in added.items():
        assert fields <= set(model.model_fields), model.__name__
        for name in fields:  # optional, so a complaint stored before them still loads
            assert not model.model_fields[name].is_required(), f"{model.__name__}.{name}"
    assert {"council_trading_service", "commercial_contract", "noise_nuisance"} <= set(
        Topic.__members__
    )
    assert {"local_policing_body", "admission_appeal_panel", "council_in_wales"} <= set(
        ActingBody.__members__
    )
    assert set(CouncilRole.__members__) == {"school_employer", "charity_trustee"}


def test_a_representative_of_a_person_who_has_died_cannot_consent():
    from ombuds.complaint import Representative

    rep = Representative(alias="Ms J", relationship="daughter", person_has_died=True)
    assert rep.person_unable_to_consent
    assert not Representative(alias="Mr Y", relationship="son").person_unable_to_consent


def test_no_new_fact_names_a_ground_or_referral():
    from ombuds.complaint import facts
    from ombuds.vocabulary import Ground, Referral

    ids = {g.value for g in Ground} | {r.value for r in Referral}
    for enum in (facts.Topic, facts.ActingBody, facts.CouncilRole, facts.AllegationKind):
        for member in enum:
            assert member.value not in ids, f"{enum.__name__}.{member.name} names a ground"
