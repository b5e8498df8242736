"""The UK and domain recognisers, one shape at a time (no NER involved)."""

from __future__ import annotations

import pytest

from ombuds.privacy.recognisers import build_recognisers, nhs_checksum_ok, uk_phone_ok

RECOGNISERS = {r.name: r for r in build_recognisers()}


def found(name: str, text: str) -> list[str]:
    return [text[s:e] for s, e, _ in RECOGNISERS[name].matches(text)]


@pytest.mark.parametrize("number,ok", [("943 476 5919", True), ("401 023 2137", True),
                                       ("943 476 5918", False), ("111 111 1111", False),
                                       ("123 456 7890", False)])
def test_nhs_number_checksum(number, ok):
    assert nhs_checksum_ok(number) is ok


def test_nhs_recogniser_ignores_ten_digits_that_fail_the_checksum():
    assert found("UkNhsNumberRecogniser", "NHS number 943 476 5919, invoice 943 476 5918") == [
        "943 476 5919"]


@pytest.mark.parametrize("number,ok", [("07700 900461", True), ("+44 7911 123456", True),
                                       ("(0161) 496 0753", True), ("0161 496 07", False),
                                       ("05 1234 5678", False)])
def test_uk_phone_rule(number, ok):
    assert uk_phone_ok(number) is ok


def test_phone_recogniser_finds_uk_formats_not_references():
    text = "Call 0161 496 0753 or +44 7911 123456 about case 24 015 969."
    assert found("UkPhoneRecogniser", text) == ["0161 496 0753", "+44 7911 123456"]


def test_ni_number_and_invalid_prefixes():
    assert found("UkNiNumberRecogniser", "NI PW 47 22 81 B and AB123456C") == [
        "PW 47 22 81 B", "AB123456C"]
    assert found("UkNiNumberRecogniser", "GB123456A and QQ123456C") == []


def test_postcode_and_vehicle_registration():
    assert found("UkPostcodeRecogniser", "Bolton BL1 2DE, London SW1A 1AA") == ["BL1 2DE", "SW1A 1AA"]
    assert found("UkVehicleRegistrationRecogniser", "his car KX19 YTB was clamped") == ["KX19 YTB"]


def test_date_of_birth_needs_its_context():
    text = "In September 2024 she wrote. She was born on 3 March 2015 (DOB: 03/03/2015)."
    assert found("DateOfBirthRecogniser", text) == ["3 March 2015", "03/03/2015"]


def test_address_with_flat_town_and_postcode():
    text = "She lives at Flat 4, 27 Chapel Street, Bolton BL1 2DE. The Council replied."
    assert found("UkAddressRecogniser", text) == ["Flat 4, 27 Chapel Street, Bolton BL1 2DE"]


def test_titled_names_include_upper_case_and_skip_labels():
    text = "MRS PRIYA PATEL wrote; Mr Green replied; Mr X and Ms Y did not; Mrs O'Brien's note."
    assert found("TitledNameRecogniser", text) == ["MRS PRIYA PATEL", "Mr Green", "Mrs O'Brien"]


def test_relation_rule_marks_children():
    results = list(RECOGNISERS["RelationNameRecogniser"].matches("her son Tom and his wife, Mrs Lee"))
    assert [(m["person_kind"], m["relation"]) for _, _, m in results] == [
        ("child", "son"), ("other", "wife")]


def test_staff_rule_keeps_role_and_determiner():
    (start, end, meta), = RECOGNISERS["StaffRoleRecogniser"].matches(
        "Her social worker, Ms Quinn, left.")
    assert (meta["role"], meta["determiner"], meta["name"]) == ("social worker", "her", "Ms Quinn")


def test_institutions_and_employers():
    text = "He works for Brightwell Engineering Ltd; his son attends Oakfield Primary School."
    assert found("InstitutionRecogniser", text) == ["Brightwell Engineering Ltd",
                                                    "Oakfield Primary School"]
