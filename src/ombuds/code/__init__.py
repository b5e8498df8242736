"""The Assessment Code engine: rules as code over a complaint's facts.

`assess(complaint, assessment_date=...)` and `assess_file(path, assessment_date=...)` return an
`Assessment` (the `ombuds assess --json` contract in `result.py`).
"""

from ombuds.code.engine import assess
from ombuds.code.result import Assessment, CaseDetails, Finding, HeadAssessment, Question
from ombuds.code.service import assess_file

__all__ = [
    "Assessment",
    "CaseDetails",
    "Finding",
    "HeadAssessment",
    "Question",
    "assess",
    "assess_file",
]
