"""The public self-check: "Can the Ombudsman look at my complaint?"

A goal-driven interview over the same rules as the engine (`interview`), with questions and
endings in replaceable plain-words files (`questions.yaml`, `endings.yaml`), one service for the
CLI and the web pages (`service.SelfCheck`), and the respondent the evaluation answers with
(`oracle`). See docs/self-check.md.
"""

from ombuds.selfcheck.service import SelfCheck

__all__ = ["SelfCheck"]
