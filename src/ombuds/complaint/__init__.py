"""The complaint: the documented schema of facts the engine reads, and its loader."""

from ombuds.complaint.loader import load_complaint, parse_complaint
from ombuds.complaint.model import (
    Allegation,
    AppealRight,
    Complainant,
    Complaint,
    CouncilReply,
    CouncilResponse,
    CouncilReview,
    CourtCase,
    Dates,
    EarlierCase,
    Head,
    Judgement,
    Remedy,
    Representative,
    StatutoryStage,
)

__all__ = [
    "Allegation",
    "AppealRight",
    "Complainant",
    "Complaint",
    "CouncilReply",
    "CouncilResponse",
    "CouncilReview",
    "CourtCase",
    "Dates",
    "EarlierCase",
    "Head",
    "Judgement",
    "Remedy",
    "Representative",
    "StatutoryStage",
    "load_complaint",
    "parse_complaint",
]
