"""Detection over whole texts: NER plus rules, public names kept, names found again."""

from __future__ import annotations

from ombuds.privacy.analyzer import detect


def spans(text: str) -> list[tuple[str, str]]:
    return [(d.entity, d.text) for d in detect(text)]


def test_real_published_statements_have_nothing_left_to_find(seed_files):
    assert seed_files, "the seed decisions are missing"
    for path in seed_files:
        assert detect(path.read_text(encoding="utf-8")) == [], path.name


def test_public_names_survive():
    text = (
        "Mrs Okafor complained to Leicestershire County Council, Social Work England, the "
        "Information Commissioner's Office, the Family Court and the Ombudsman under the "
        "Children Act 1989 and the Local Government Act 1974."
    )
    assert spans(text) == [("PERSON", "Mrs Okafor")]


def test_names_that_are_words_are_found_again_by_propagation():
    found = detect("Mr Green says he hoped for more. Green wrote again in May; GREEN signed it.")
    # "Green" is also on the name lists (ListedNameRecogniser) where it opens a sentence and
    # the text never writes it in lower case; either way each appearance is found
    assert [d.text for d in found] == ["Mr Green", "Green", "GREEN"]
    assert found[0].recogniser == "TitledNameRecogniser"
    assert {d.recogniser for d in found[1:]} <= {"NamePropagation", "ListedNameRecogniser"}


def test_known_names_from_the_case_are_found():
    assert ("PERSON", "Adaeze") in spans_known("Adaeze rang the Council.", ["Mrs Adaeze Okafor"])


def spans_known(text, names):
    return [(d.entity, d.text) for d in detect(text, known_names=names)]


def test_already_anonymised_labels_are_not_names():
    text = "Mr X says the social worker visited child B. Ms Y and Councillor Z were told."
    assert detect(text) == []


def test_every_detection_has_provenance():
    for det in detect("Ms Hope (NHS number 943 476 5919) lives at 3 Orchard Close, Ely."):
        assert det.recogniser and det.recogniser != "unknown"


def test_public_bodies_statutes_and_posts_with_capitals_survive():
    text = (
        "Mr Bakker told Avon and Somerset Police, the Council's Children's Services and the "
        "Director of Children's Services. The Fostering Services (England) Regulations 2011 "
        "and the Homelessness (Suitability of Accommodation) (England) Order 2003 apply. The "
        "Council's Virtual School and the Team Manager replied."
    )
    assert spans(text) == [("PERSON", "Mr Bakker")]


def test_peoples_languages_and_faiths_are_not_names():
    text = (
        "Mr Horvath says the Council did not book a Slovak or Romani interpreter. Miss Stanley "
        "says the Traveller site is full."
    )
    assert spans(text) == [("PERSON", "Mr Horvath"), ("PERSON", "Miss Stanley")]


def test_a_name_in_lower_case_after_a_title_is_found_again():
    found = spans("Mr Fairclough shared the records. She did not want mr fairclough to call.")
    assert found == [("PERSON", "Mr Fairclough"), ("PERSON", "mr fairclough")]
