"""Which reasons carry each part, which parts go together, and the Summary's two reasons."""

from __future__ import annotations

from builders import assessment, finding, head

from ombuds.statement import draft_statement
from ombuds.statement.plan import decisive, groups, plan_parts, summary_grounds
from ombuds.vocabulary import Ground, Referral

G = Ground


def test_a_bar_carries_a_part_alone():
    assert decisive([G.could_not_add, G.court_proceedings]) == [G.court_proceedings]


def test_no_fault_or_a_remedy_is_not_stacked_with_could_not_add():
    assert decisive(
        [G.could_not_add, G.insufficient_evidence_of_fault, G.merits_without_fault]
    ) == [
        G.insufficient_evidence_of_fault,
        G.merits_without_fault,
    ]
    assert decisive([G.could_not_add, G.no_different_outcome, G.better_placed]) == [
        G.no_different_outcome,
        G.better_placed,
    ]


def test_tests_not_met_is_only_an_umbrella():
    assert decisive([G.tests_not_met, G.no_worthwhile_outcome]) == [G.no_worthwhile_outcome]
    assert decisive([G.tests_not_met]) == [G.tests_not_met]


def _two_data_parts():
    return assessment(
        head(
            "the social worker withheld documents",
            finding(G.better_placed, "", referral=Referral.ico),
        ),
        head(
            "the Council sent her file to a school",
            finding(G.better_placed, "", referral=Referral.ico),
        ),
        head("a delay", finding(G.could_not_add, "")),
    )


def test_parts_with_the_same_reasons_are_considered_together():
    a = _two_data_parts()
    parts = plan_parts(a.heads)
    assert [[p.number for p in g] for g in groups(parts)] == [[1, 2], [3]]
    s = draft_statement(a)
    texts = [p.text for p in s.sections[3].paragraphs]
    # The complaint has listed the parts; My assessment names them, not reports them again.
    decided = [t for t in texts if "I will not investigate the first and second parts" in t]
    assert len(decided) == 1
    assert sum("Information Commissioner's Office (ICO)" in t for t in texts) == 1
    together = next(p for p in s.sections[3].paragraphs if p.text in decided)
    assert {t.head for t in together.trace} == {1, 2}


def test_the_summary_gives_at_most_two_reasons_bars_first():
    a = assessment(
        head("a", finding(G.could_not_add, "")),
        head("b", finding(G.could_not_add, "")),
        head("c", finding(G.court_proceedings, "")),
        head("d", finding(G.insufficient_evidence_of_fault, "")),
    )
    assert summary_grounds(plan_parts(a.heads), []) == [G.court_proceedings, G.could_not_add]
    s = draft_statement(a)
    assert s.summary.count(".") <= 3


def test_the_summary_and_final_decision_differ():
    s = draft_statement(_two_data_parts())
    final = s.sections[-1].paragraphs[0].text
    assert final != s.summary and final not in s.summary
