"""Councils by name or pattern, other bodies, and words that only look like councils."""

from __future__ import annotations

import datetime as dt

from ombuds.reading.bodies import find_bodies

ON = dt.date(2025, 6, 1)


def names(text, on=ON):
    return [(b.name, b.kind) for b in find_bodies(text, on)]


def test_councils_as_written_are_normalised():
    assert names("Ealing Council fined me") == [("London Borough of Ealing", "council")]
    assert names("I wrote to Kent County Council") == [("Kent County Council", "council")]
    assert names("essex county counsel refused")[0][0] == "Essex County Council"


def test_a_common_word_is_not_a_council():
    assert names("I was reading the letter in the bath") == []
    assert names("Reading Borough Council lost it")[0][0] == "Reading Borough Council"


def test_the_authority_in_being_on_the_letters_date():
    assert names("Somerset Council", dt.date(2025, 1, 1))[0][0] == "Somerset Council"
    assert names("North Yorkshire Council", dt.date(2025, 1, 1))[0][0] == "North Yorkshire Council"


def test_other_bodies():
    text = (
        "Cleveland Police did nothing. The University Hospitals of Derby NHS Foundation Trust "
        "discharged her. Clarion Housing Association and Oakfield Academy. Upper Marsh Parish Council."
    )
    kinds = {kind for _, kind in names(text)}
    assert kinds == {"police", "nhs", "housing_association", "academy", "parish"}


def test_councils_outside_england_keep_their_nation():
    (body,) = find_bodies("Cardiff Council refused my application", ON)
    assert body.nation == "Wales"


def test_a_council_not_in_the_list_is_read_by_its_pattern():
    found = names("Fooshire County Council and the London Borough of Narnia refused.")
    assert found == [
        ("Fooshire County Council", "council"),
        ("London Borough of Narnia", "council"),
    ]
