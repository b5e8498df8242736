"""The UK and domain recognisers, one shape at a time (no NER involved)."""

from __future__ import annotations

import pytest

from ombuds.privacy.recognisers import build_recognisers, nhs_checksum_ok, uk_phone_ok

RECOGNISERS = {r.name: r for r in build_recognisers()}


def found(name: str, text: str) -> list[str]:
    return [text[s:e] for s, e, _ in RECOGNISERS[name].matches(text)]


@pytest.mark.parametrize(
    "number,ok",
    [
        ("943 476 5919", True),
        ("401 023 2137", True),
        ("943 476 5918", False),
        ("111 111 1111", False),
        ("123 456 7890", False),
    ],
)
def test_nhs_number_checksum(number, ok):
    assert nhs_checksum_ok(number) is ok


def test_nhs_recogniser_ignores_ten_digits_that_fail_the_checksum():
    assert found("UkNhsNumberRecogniser", "NHS number 943 476 5919, invoice 943 476 5918") == [
        "943 476 5919"
    ]


@pytest.mark.parametrize(
    "number,ok",
    [
        ("07700 900461", True),
        ("+44 7911 123456", True),
        ("(0161) 496 0753", True),
        ("0161 496 07", False),
        ("05 1234 5678", False),
    ],
)
def test_uk_phone_rule(number, ok):
    assert uk_phone_ok(number) is ok


def test_phone_recogniser_finds_uk_formats_not_references():
    text = "Call 0161 496 0753 or +44 7911 123456 about case 24 015 969."
    assert found("UkPhoneRecogniser", text) == ["0161 496 0753", "+44 7911 123456"]


def test_ni_number_and_invalid_prefixes():
    assert found("UkNiNumberRecogniser", "NI PW 47 22 81 B and AB123456C") == [
        "PW 47 22 81 B",
        "AB123456C",
    ]
    # shapes HMRC never issues are withheld all the same (issue 11), in any case and separator
    assert found("UkNiNumberRecogniser", "GB123456A and QQ123456C") == ["GB123456A", "QQ123456C"]
    assert found("UkNiNumberRecogniser", "ab123456c, AB-12-34-56-C, zz.12.34.56.d") == [
        "ab123456c",
        "AB-12-34-56-C",
        "zz.12.34.56.d",
    ]
    assert found("UkNiNumberRecogniser", "in 2023 and on 12 34 56 days") == []


def test_postcode_and_vehicle_registration():
    assert found("UkPostcodeRecogniser", "Bolton BL1 2DE, London SW1A 1AA") == [
        "BL1 2DE",
        "SW1A 1AA",
    ]
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
    relation = RECOGNISERS["RelationNameRecogniser"]
    results = list(relation.matches("her son Tom and his wife, Mrs Lee"))
    assert [(m["person_kind"], m["relation"]) for _, _, m in results] == [
        ("child", "son"),
        ("other", "wife"),
    ]


def test_staff_rule_keeps_role_and_determiner():
    ((_start, _end, meta),) = RECOGNISERS["StaffRoleRecogniser"].matches(
        "Her social worker, Ms Quinn, left."
    )
    assert (meta["role"], meta["determiner"], meta["name"]) == ("social worker", "her", "Ms Quinn")


def test_institutions_and_employers():
    text = "He works for Brightwell Engineering Ltd; his son attends Oakfield Primary School."
    assert found("InstitutionRecogniser", text) == [
        "Brightwell Engineering Ltd",
        "Oakfield Primary School",
    ]


@pytest.mark.parametrize(
    "text,address",
    [
        (
            "mould at Flat 12B, Kestrel House, 40-44 Station Road, Slough SL1 1QA. Her",
            "Flat 12B, Kestrel House, 40-44 Station Road, Slough SL1 1QA",
        ),
        (
            "placed at c/o 19 Lea Bridge Road, London E5 9QB for",
            "c/o 19 Lea Bridge Road, London E5 9QB",
        ),
        (
            "about 2nd floor flat, 88 Kings Road, Reading RG1 3BY.",
            "2nd floor flat, 88 Kings Road, Reading RG1 3BY",
        ),
    ],
)
def test_numbered_addresses_with_units_buildings_and_ranges(text, address):
    assert found("UkAddressRecogniser", text) == [address]


@pytest.mark.parametrize(
    "text,address",
    [
        ("fence at Croft House, Glenridding, Penrith. Claims", "Croft House, Glenridding, Penrith"),
        (
            "behind The Old Forge, Church Lane, Little Snoring, Fakenham NR21 0JD. He",
            "The Old Forge, Church Lane, Little Snoring, Fakenham NR21 0JD",
        ),
        (
            "on Caravan 3, Ashford Road Traveller Site, Ashford TN23 1AA. He",
            "Caravan 3, Ashford Road Traveller Site, Ashford TN23 1AA",
        ),
    ],
)
def test_named_buildings_without_a_number(text, address):
    assert found("HouseNameAddressRecogniser", text) == [address]


def test_any_comma_separated_parts_ending_in_a_postcode():
    text = (
        "He lives at Sunnyside, Moor Road, Great Broughton TS9 7EU. Then Glan-yr-Afon, Pant "
        "Lane, Oswestry SY10 9QA. The Council in LS1 4AB did not."
    )
    assert found("PostcodeAddressRecogniser", text) == [
        "Sunnyside, Moor Road, Great Broughton TS9 7EU",
        "Glan-yr-Afon, Pant Lane, Oswestry SY10 9QA",
    ]


def test_house_names_alone_are_not_addresses():
    text = "Mrs X met the manager of Kestrel House, who said the Council paid for the room."
    assert found("HouseNameAddressRecogniser", text) == []


def test_older_registrations_lower_case_postcodes_and_0044_phones():
    assert found(
        "UkVehicleRegistrationRecogniser",
        "cars M427 XJT, GHW 512K and DY 62 HBN; the M6 Toll, case 24 015 969",
    ) == ["M427 XJT", "GHW 512K", "DY 62 HBN"]
    assert found("UkPostcodeRecogniser", "now in ls6 2ab, at 2am") == ["ls6 2ab"]
    assert found("UkPhoneRecogniser", "on 0044 7700 900123 or +447700900123") == [
        "0044 7700 900123",
        "+447700900123",
    ]


def test_dates_of_birth_in_iso_form_and_after_as():
    text = "(date of birth 2010-06-18); his date of birth as 3.12.79 on the plan; on 2024-01-05"
    assert found("DateOfBirthRecogniser", text) == ["2010-06-18", "3.12.79"]


def test_gaelic_and_apostrophe_surnames():
    text = "Mr Pádraig Ó Súilleabháin, Mr Alasdair Mac an t-Saoir and Mrs Aminata N'Diaye wrote."
    assert found("TitledNameRecogniser", text) == [
        "Mr Pádraig Ó Súilleabháin",
        "Mr Alasdair Mac an t-Saoir",
        "Mrs Aminata N'Diaye",
    ]


def test_relations_the_other_way_round_in_capitals_and_in_apposition():
    ((_, _, meta),) = RECOGNISERS["RelationNameRecogniser"].matches(
        "she is the mother of Ayaan, who"
    )
    assert meta["person_kind"] == "child"
    assert found("RelationNameRecogniser", "her brother, Mr X. Mr X says") == []
    assert found("UpperRelationNameRecogniser", '"MY SON KWAME HAS HAD NO PLACE"') == ["KWAME"]
    assert found("RelationApposRecogniser", "Wiktoria, the complainant's sister, rang") == [
        "Wiktoria"
    ]


def test_staff_of_the_council_leave_the_council_in_the_text():
    text = "the Council's housing officer, Mr Liam Threlfall, told her"
    ((start, end, meta),) = RECOGNISERS["StaffRoleRecogniser"].matches(text)
    assert text[start:end] == "housing officer, Mr Liam Threlfall," and meta["determiner"] == ""


def test_places_of_worship_pharmacies_and_childcare_identify_people():
    text = (
        "at The Laurels Residential Home; through Guru Nanak Gurdwara; Mount Zion Pentecostal "
        "Church; Northfield Pharmacy; Brighouse Family Practice; Little Stars Childminding; "
        "Hartley & Sons Roofing Ltd; the Code of Practice"
    )
    assert found("InstitutionRecogniser", text) == [
        "The Laurels Residential Home",
        "Guru Nanak Gurdwara",
        "Mount Zion Pentecostal Church",
        "Northfield Pharmacy",
        "Brighouse Family Practice",
        "Little Stars Childminding",
        "Hartley & Sons Roofing Ltd",
    ]
