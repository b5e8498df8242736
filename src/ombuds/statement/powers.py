"""The Ombudsman's role and powers: which tests get a paragraph, and which are bullets.

Grouping, as published statements do it:
- each jurisdiction (or validity) test is its own paragraph ending with its citation in brackets;
- the discretionary tests that rest on section 24A(6) alone are bullets after one introductory
  sentence ending with a colon, with their citations in brackets after the list;
- every other discretionary test (section 34(3), 24A(7), 26(1), case law) is its own paragraph;
- the ICO paragraph follows when the ICO is a referral.
"""

from __future__ import annotations

from ombuds.vocabulary import GROUNDS, LGA_1974, Citation, Ground, Stage, section

_BULLET_PROVISION = section("24A(6)").provision
ICO_CITATION = section("24A(6)")


def is_bulleted(ground: Ground) -> bool:
    """True for the discretionary tests printed as bullets under the introductory sentence."""
    info = GROUNDS[ground]
    return info.stage is Stage.discretion and info.citation.provision == _BULLET_PROVISION


def citation_text(citations: list[Citation]) -> str:
    """Join citations as statements print them: the Act once, then each provision."""
    unique = list(dict.fromkeys(citations))
    text = str(unique[0])
    for c in unique[1:]:
        text += f", {c.provision}" if c.act == unique[0].act == LGA_1974 else f"; {c}"
    return text


def layout(grounds: list[Ground]) -> list[list[Ground]]:
    """The paragraphs of role and powers, in order: a list of one ground for a paragraph of its
    own, of several (or one) bulleted grounds for the paragraph of bullets."""
    jurisdiction = [[g] for g in grounds if GROUNDS[g].stage is not Stage.discretion]
    bulleted = [g for g in grounds if is_bulleted(g)]
    others = [[g] for g in grounds if GROUNDS[g].stage is Stage.discretion and not is_bulleted(g)]
    return [*jurisdiction, *([bulleted] if bulleted else []), *others]


__all__ = ["ICO_CITATION", "citation_text", "is_bulleted", "layout"]
