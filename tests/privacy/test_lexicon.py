"""The gate's word lists: built from installed packages and shipped data, never the network."""

from __future__ import annotations

from ombuds.privacy.lexicon import fold, fold_text, lexicon


def test_the_lists_are_big_and_hold_what_they_should():
    lex = lexicon()
    assert len(lex.first_names) > 10_000 and len(lex.surnames) > 10_000
    assert len(lex.english) > 150_000
    assert lex.is_first_name("Kirsty") and lex.is_first_name("ALFIE")
    assert lex.is_english("complainant") and lex.is_english("email")
    assert not lex.is_english("Kirsty") and not lex.is_english("harvey")
    assert lex.is_public("Ombudsman") and lex.is_public("Headteacher")
    assert not lex.is_public("Kirsty")


def test_a_name_with_accents_is_not_folded_onto_an_english_word():
    lex = lexicon()
    assert fold("Çelik") == "celik" and fold("O’Brien's") == "o'brien"
    assert not lex.is_first_name("the")  # Vietnamese "Thế" is not "the"


def test_council_names_are_found_as_whole_names():
    lex = lexicon()
    text = "She moved from Rochdale to Cheshire West & Chester, not to Boltonia."
    found = [text[s:e] for s, e in lex.place_spans(text)]
    assert "Rochdale" in found and "Cheshire West & Chester" in found
    assert not any("Bolton" in f for f in found)


def test_folding_text_keeps_every_position():
    text = "Ms Çelik — ÉCOLE İstanbul"
    assert len(fold_text(text)) == len(text)
    assert fold_text(text).startswith("ms celik")
