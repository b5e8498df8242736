"""Anonymisation and the publication gate (see docs/privacy.md).

    from ombuds.privacy import anonymise, PseudonymMap, check_publication, require_clean

    result = anonymise(text, pseudonyms=PseudonymMap.load(path))   # .text, .replacements
    decision = check_publication(result.text)                        # .findings, .passed

The pipeline (Presidio, the spaCy model) is built on first use and cached for the process.
"""

from __future__ import annotations

from ombuds.privacy.anonymise import Anonymised, Replacement, anonymise, anonymise_file
from ombuds.privacy.gate import (
    Finding,
    GateDecision,
    Override,
    check_publication,
    parse_override,
    publish_statement,
    require_clean,
)
from ombuds.privacy.people import PseudonymMap

__all__ = [
    "Anonymised",
    "Finding",
    "GateDecision",
    "Override",
    "PseudonymMap",
    "Replacement",
    "anonymise",
    "anonymise_file",
    "check_publication",
    "parse_override",
    "publish_statement",
    "require_clean",
]
