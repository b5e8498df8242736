"""Invariants any correct anonymiser keeps, whatever the text (Hypothesis builds letters from
sentences with planted names and identifiers):

- its report is true: each replacement's span is where its original words are in the input, the
  spans are in order and do not overlap, and the output is the input with each span replaced by
  its label;
- nothing it reports as replaced is left: no planted identifier it replaced, and no full name it
  replaced, occurs in the output;
- one person, one label: the same words are given the same label throughout;
- it is a fixed point: anonymising its output changes nothing.

These test the contract of `ombuds.privacy.anonymise`, not how it finds what it finds.
"""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from ombuds.privacy import anonymise

TITLES = ["Mr", "Mrs", "Ms", "Miss", "Dr"]
FIRST = ["Adaeze", "Tomasz", "Sarah", "Bogdan", "Priya", "Eilidh", "Kwame", "Siobhan", "Ahmed"]
LAST = ["Okafor", "Kowalski", "Quinn", "Lungu", "Sharma", "MacLeod", "Mensah", "Byrne", "Haddad"]

names = st.builds(
    lambda t, f, s: f"{t} {f} {s}",
    st.sampled_from(TITLES),
    st.sampled_from(FIRST),
    st.sampled_from(LAST),
)
emails = st.builds(
    lambda user, host: f"{user}@{host}.org.uk",
    st.from_regex(r"\A[a-z]{3,10}(\.[a-z]{2,8})?\Z"),
    st.from_regex(r"\A[a-z]{3,10}\Z"),
)
phones = st.integers(0, 999).map(lambda n: f"07700 900{n:03d}")
postcodes = st.builds(
    lambda area, district, sector, unit: f"{area}{district} {sector}{unit}",
    st.sampled_from(["LS", "M", "B", "EH", "CF", "SW1A", "NG"]),
    st.integers(1, 9),
    st.integers(0, 9),
    st.sampled_from(["AB", "XY", "DN", "QT"]),
)

sentences = st.one_of(
    st.builds("{} complained about the council's delay.".format, names),
    st.builds("Her neighbour, {}, agreed with her.".format, names),
    st.builds("You can write to {} or ring {}.".format, emails, phones),
    st.builds("The family lives at 12 Mill Lane, Leeds {}.".format, postcodes),
    st.builds("{} wrote on 3 May 2024, copying {}.".format, names, emails),
    st.sampled_from(
        [
            "The council did not reply within 20 working days.",
            "We will not investigate this complaint.",
            "The social worker visited twice.",
            "Mrs X says the school ignored her son.",
        ]
    ),
)
letters = st.lists(sentences, min_size=1, max_size=8).map(" ".join)
# The model-based analyser takes a few milliseconds a letter: fewer examples than the profile's.
EXAMPLES = max(settings.default.max_examples * 2 // 5, 10)


@given(letters)
@settings(max_examples=EXAMPLES)
def test_the_report_is_true_and_nothing_reported_replaced_is_left(text):
    result = anonymise(text)
    position = 0
    for replacement in result.replacements:
        assert text[replacement.start : replacement.end] == replacement.original
        assert replacement.start >= position  # in order, not overlapping
        position = replacement.end
    for replacement in result.replacements:
        if replacement.entity == "PERSON" and len(replacement.original.split()) < 3:
            continue  # a first name alone may also be an ordinary word of the letter
        pattern = r"(?<!\w)" + regex.escape(replacement.original) + r"(?!\w)"
        assert not regex.search(pattern, result.text), (replacement, result.text)


@given(letters)
@settings(max_examples=EXAMPLES)
def test_the_output_is_the_input_with_each_span_replaced_by_its_label(text):
    result = anonymise(text)
    for replacement in result.replacements:
        assert replacement.label and replacement.label in result.text
    # Take every label out of the output and every span out of the input: what is left is equal.
    kept_input = "".join(
        text[end:start]
        for end, start in zip(
            [0] + [r.end for r in result.replacements],
            [r.start for r in result.replacements] + [len(text)],
            strict=True,
        )
    )
    output_words = set(regex.findall(r"\w+", result.text))
    for word in regex.findall(r"\w+", kept_input):
        assert word in output_words, word


@given(letters)
@settings(max_examples=EXAMPLES)
def test_one_person_one_label(text):
    result = anonymise(text)
    labels: dict[str, set[str]] = {}
    for replacement in result.replacements:
        if replacement.entity == "PERSON":
            labels.setdefault(replacement.original, set()).add(replacement.label)
    assert all(len(found) == 1 for found in labels.values()), labels


@given(letters)
@settings(max_examples=EXAMPLES)
def test_anonymising_the_output_again_changes_nothing(text):
    once = anonymise(text).text
    assert anonymise(once).text == once
