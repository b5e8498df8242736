"""The house-style checker: each rule catches what it should, and every example and seed drafts
clean under it in every format (read back from the rendered file, as a reader sees it)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import builders
import pytest

from ombuds.statement import draft_statement, render
from ombuds.statement.check import (
    BUDGET_BASE,
    BUDGET_MAX,
    BUDGET_PER_PART,
    MAX_FINAL_WORDS,
    MAX_PARAGRAPH_WORDS,
    MAX_SENTENCE_WORDS,
    Rule,
    check_budget,
    check_parsed,
    check_passage,
    check_repeats,
    check_statement,
    sentences,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(
    p
    for p in [*ROOT.glob("examples/seeds/*.yaml"), *ROOT.glob("examples/complaints/*.yaml")]
    if p.name != "expected.yaml"
)
FORMATS = ["txt", "md", "html", "docx", "pdf"]


def rules(text: str, **kw) -> set[Rule]:
    return {f.rule for f in check_passage(text, "paragraph 1", **kw)}


@pytest.mark.parametrize(
    "text, rule",
    [
        (
            "The ICO is better placed to help her. The ICO is better placed to help with this.",
            Rule.repeat,
        ),
        ("The Council upheld it and gave an apology [done].", Rule.marker),
        ("This part relies on could_not_add.", Rule.marker),
        ("The person wants a different social worker.", Rule.marker),
        ("Mr X wants a different social worker or officer.", Rule.marker),
        ("I read information provided by the complainant.", Rule.marker),
        ("Part 1 of Mr X's complaint: the council was slow.", Rule.marker),
        ("She says heads[0] was slow.", Rule.marker),
        ("The council replied on time.", Rule.council),
        ("The Council replied on 2025-07-10.", Rule.date),
        ("The Council replied on 10/07/2025.", Rule.date),
        ("We decided this under reference 24-003-117.", Rule.reference),
        ("We read {{ complainant }}'s letter.", Rule.template),
        ("We read it {% if x %}twice{% endif %}.", Rule.template),
        (" ".join(["word"] * (MAX_SENTENCE_WORDS + 1)) + ".", Rule.length),
        ("the Council replied.", Rule.capital),
        ("The Council replied to to her.", Rule.typography),
        ("The Council replied .", Rule.typography),
        ("The Council replied", Rule.typography),
    ],
)
def test_each_rule_catches_its_fault(text, rule):
    assert rule in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Council replied on 10 July 2025. It apologised to Mrs X.",
        "We decided this before (our reference 24 003 117).",
        "Mr X complains about his council tax bill.",  # "council tax" is not the body
        "Dr X says the social worker was rude. The Council did not agree.",
        "The Council failed to act on the noise.",  # natural words, not a form's
    ],
)
def test_good_prose_passes(text):
    assert check_passage(text, "paragraph 1") == []


def test_a_council_rule_applies_only_to_a_council():
    assert Rule.council not in rules("The council of the trust met.", council=False)


def test_sentences_are_not_split_after_a_title():
    assert sentences("Mr. X complained. Dr. Y replied.") == ["Mr. X complained.", "Dr. Y replied."]


def test_the_summary_and_final_decision_rules():
    a = builders.conduct_and_data_case()
    s = draft_statement(a)
    final = s.sections[-1].paragraphs[0]
    s = s.model_copy(update={"summary": final.text})
    found = {(f.where, f.rule) for f in check_statement(s)}
    assert ("final decision", Rule.repeat) in found
    long = s.model_copy(update={"summary": "One. Two. Three. Four. The ICO can help."})
    found = {(f.where, f.rule) for f in check_statement(long)}
    assert ("summary", Rule.length) in found and ("summary", Rule.abbreviation) in found


def _text_of(data: bytes, fmt: str) -> str:
    """What a reader gets from the rendered file, as plain text for the parser."""
    if fmt == "docx":
        import docx

        lines = []
        for p in docx.Document(io.BytesIO(data)).paragraphs:
            bullet = p.style is not None and p.style.name == "List Bullet"
            lines.append(("   \u2022 " if bullet else "") + p.text)
        return "\n".join(lines)
    if fmt == "pdf":
        from pypdf import PdfReader

        text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
        text = re.sub(r"^Page \d+ of \d+$", "", text, flags=re.MULTILINE)  # the page footer
        return _unwrap(text)
    text = data.decode("utf-8")
    if fmt == "md":
        text = re.sub(r"^#+ ", "", text, flags=re.MULTILINE)
        text = re.sub(r"^   - ", "   \u2022 ", text, flags=re.MULTILINE)
        text = text.replace("**", "").replace("  \n", "\n")
        text = re.sub(r"^\*(.*)\*$", r"\1", text, flags=re.MULTILINE)
        text = re.sub(r"\\(.)", r"\1", text)
    return text


_STARTS = re.compile(
    r"^(?:\d+\.\s|\u2022|\(Local Government|Category :|Decision :|Decision date :|Summary:|"
    r"The Ombudsman's final decision:|The complaint$|The Ombudsman's role and powers$|"
    r"The Ombudsmen's role and powers$|How I considered this complaint$|My assessment$|"
    r"Final decision$|Investigator's decision)"
)


def _unwrap(text: str) -> str:
    """Join the lines a PDF wraps inside a paragraph, as anyone copying text from it would."""
    lines: list[str] = []
    for i, raw in enumerate(text.splitlines()):
        line = raw.strip()
        if not line:
            continue
        if i and lines and not _STARTS.match(line) and not _is_heading(lines[-1]):
            lines[-1] += " " + line
        else:
            lines.append(line)
    return "\n".join(lines)


def _is_heading(line: str) -> bool:
    return bool(
        re.match(
            r"^(?:The complaint|My assessment|Final decision|How I considered this "
            r"complaint|The Ombudsm[ae]n's role and powers|The Ombudsman's final "
            r"decision:)$",
            line,
        )
    )


@pytest.fixture(scope="module")
def drafted():
    from ombuds.code import assess_file

    return {p: draft_statement(assess_file(p)) for p in EXAMPLES}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_example_drafts_clean(drafted, path):
    assert [str(f) for f in check_statement(drafted[path])] == []


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_example_is_clean_in_every_format(drafted, path, fmt):
    statement = drafted[path]
    text = _text_of(render(statement, fmt), fmt)
    from ombuds.corpus.parse import parse_text

    parsed = parse_text(text, f"draft.{fmt}")
    assert len(parsed.paragraphs) == len(statement.paragraphs), text
    parts = max(t.head or 1 for p in statement.paragraphs for t in p.trace)
    assert [str(f) for f in check_parsed(text, f"draft.{fmt}", parts=parts)] == []


def test_the_checker_would_catch_the_old_drafts_faults():
    """The faults the issue found, as the drafter at f409f37 wrote them, are all caught."""
    old = (
        "The council investigated this part. It was thorough; the Ombudsman could not add to "
        "it. Mrs V says this has caused paid privately for care for seven months and distress. "
        "The council upheld this part and gave an apology [done]. The person wants a "
        "different social worker or officer."
    )
    found = rules(old)
    assert {Rule.council, Rule.marker} <= found


def test_the_complainants_first_person_is_caught():
    assert Rule.marker in rules("My child is in care and the Council did nothing.")
    assert Rule.marker not in rules("I will not investigate this part of the complaint.")


# -- round 2 of the blind comparison: repetition anywhere, paragraph length, the length budget --


def _repeats(*passages: tuple[str, str]) -> list[tuple[str, str]]:
    return [(f.where, f.text) for f in check_repeats(list(passages))]


def test_a_sentence_said_again_anywhere_is_a_repeat():
    found = _repeats(
        ("paragraph 7", "I will not investigate this part of the complaint. It apologised."),
        ("paragraph 8", "Social Work England is the regulator for social workers."),
        ("paragraph 9", "I will not investigate this part of the complaint."),
    )
    assert found == [("paragraph 9", "I will not investigate this part of the complaint.")]


def test_a_near_duplicate_anywhere_is_a_repeat():
    # The complaint's own text reported again in My assessment; a reason restating the test
    # its bullet in role and powers gave.
    found = _repeats(
        ("paragraph 1, bullet 3", "the Council delayed telling her it had opened a case"),
        (
            "paragraph 2, bullet 2",
            "investigating further would be unlikely to bring a different outcome",
        ),
        ("paragraph 4", "The Council replied in June."),
        (
            "paragraph 9",
            "Dr X also complains that the Council delayed telling her it had opened a case.",
        ),
        ("paragraph 10", "Investigating would not bring a different outcome."),
    )
    assert [w for w, _ in found] == ["paragraph 9", "paragraph 10"]


def test_short_sentences_and_different_reasons_are_not_repeats():
    assert (
        _repeats(
            ("paragraph 4", "It apologised."),
            ("paragraph 6", "It apologised."),  # too short to count
            (
                "paragraph 7",
                "As paragraph 5 explains, we could not add to the Council's investigation.",
            ),
            (
                "paragraph 8",
                "As paragraph 6 explains, the ICO is better placed than us to consider this too.",
            ),
        )
        == []
    )


def test_the_summary_is_compared_only_with_the_final_decision_and_only_word_for_word():
    summary = "We will not investigate Mrs F's complaint, because she can appeal to the Planning Inspectorate."
    assert _repeats(("summary", summary), ("paragraph 3", summary)) == []
    close = (
        "We cannot investigate Mrs F's complaint, as she can appeal to the Planning Inspectorate."
    )
    assert _repeats(("summary", summary), ("final decision", close)) == []
    assert _repeats(("summary", summary), ("final decision", summary)) == [
        ("final decision", summary)
    ]


def test_a_long_paragraph_is_caught():
    six = " ".join(f"The Council wrote letter number {n}." for n in range(6))
    assert Rule.paragraph in rules(six)
    # Three sentences, but more words than a paragraph may have.
    long = "The Council wrote to her. It wrote again. It wrote about " + " ".join(
        ["the case"] * (MAX_PARAGRAPH_WORDS // 2)
    )
    long += "."
    assert Rule.paragraph in rules(long)
    assert Rule.paragraph not in rules("The Council replied. It apologised.")


def test_the_length_budget_grows_with_the_parts_up_to_a_ceiling():
    one_part = BUDGET_BASE + BUDGET_PER_PART
    text = [("paragraph 1", " ".join(["word"] * (one_part + 1)))]
    assert [f.rule for f in check_budget(text, 1)] == [Rule.budget]
    assert check_budget(text, 2) == []
    huge = [("paragraph 1", " ".join(["word"] * (BUDGET_MAX + 1)))]
    assert check_budget(huge, 50) != [] and check_budget(huge, None) != []
    assert check_budget(text, None) == []  # a parsed text whose parts are not known


@pytest.mark.parametrize("path", sorted(ROOT.glob("examples/seeds/*.yaml")), ids=lambda p: p.stem)
def test_our_draft_of_each_seed_is_no_longer_than_the_published_statement(drafted, path):
    """Round 1's judge marked the drafts down for length; the seeds' own text is the yardstick
    (words of prose, as bench/readability.py counts them)."""
    from bench.readability import figures, prose
    from ombuds.corpus.parse import parse_file

    s = drafted[path]
    ours = prose(s.summary, [t for p in s.paragraphs for t in [p.text, *p.items]])
    published = parse_file(ROOT / "examples" / "decisions" / "seeds" / f"{path.stem}.txt")
    theirs = prose(published.summary or "", [p.text for p in published.paragraphs])
    assert figures(ours)["words"] <= figures(theirs)["words"]


def test_the_checker_catches_round_ones_repetition():
    """Round 1's draft of seed 001 gave the ICO paragraph twice, word for word."""
    ico = (
        "The Information Commissioner's Office (ICO) is the independent regulator for data "
        "protection and access to information. It is better placed than us to consider this."
    )
    found = check_repeats([("paragraph 9", ico), ("paragraph 12", ico)])
    assert {f.where for f in found} == {"paragraph 12"} and len(found) == 2


# Round 2's judge marked these down in the drafts (docs/statement.md, "Results, round 2").


def test_a_long_final_decision_is_caught():
    final = (
        "We will not investigate Miss X's complaint, as we could not add to the Council's "
        "investigation, and Social Work England and the ICO are better placed than us to deal "
        "with parts of it."
    )
    found = check_statement_parts("Miss X complains. We will not investigate.", final)
    assert Rule.final in {f.rule for f in found}
    short = "We will not investigate Miss X's complaint, as we could not add to the Council's work."
    assert len(short.split()) <= MAX_FINAL_WORDS
    assert Rule.final not in {f.rule for f in check_statement_parts("Miss X.", short)}


def check_statement_parts(summary: str, final: str):
    from ombuds.statement.check import _check_summary_and_final

    return _check_summary_and_final(summary, final, True)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_no_draft_points_back_to_a_paragraph_for_its_reason(drafted, path):
    """A reason or a body given before is said again briefly, not by "As paragraph N explains"."""
    text = " ".join(p.text for p in drafted[path].paragraphs)
    assert "As paragraph" not in text and "thorough" not in text


def test_the_summary_is_true_of_the_parts_a_reason_covers():
    """Round 2's Summary of seed 001 said the Council accepted fault; it did on one part of three."""
    from ombuds.code import assess_file

    s = draft_statement(assess_file(ROOT / "examples/seeds/001_9498e815dd3f7996.yaml"))
    assert "has accepted fault on one part" in s.summary


def test_parts_are_named_by_their_subject_and_a_wanted_payment_is_answered():
    """Round 2's draft of seed 002 said "the second/third part" and left compensation unanswered."""
    from ombuds.code import assess_file

    s = draft_statement(assess_file(ROOT / "examples/seeds/002_4168fba0f950c81a.yaml"))
    assessment = " ".join(p.text for p in s.paragraphs if p.section == "assessment")
    assert "second part" not in assessment and "third part" not in assessment
    assert "the part about the conduct of a social worker" in assessment
    assert "payment" in assessment
