"""Collect `scenarios/*.yaml`: each case is its own test, named by its legal proposition."""

from __future__ import annotations

import pytest

from tests.code.scenario import load_scenarios, run_case


def pytest_collect_file(parent, file_path):
    if file_path.suffix == ".yaml" and file_path.parent.name == "scenarios":
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


class ScenarioFile(pytest.File):
    def collect(self):
        ground, cases = load_scenarios(self.path)
        for case in cases:
            yield ScenarioCase.from_parent(self, name=case["name"], ground=ground, case=case)


class ScenarioCase(pytest.Item):
    def __init__(self, *, ground: str, case: dict, **kwargs):
        super().__init__(**kwargs)
        self.ground = ground
        self.case = case

    def runtest(self):
        _, problems = run_case(self.case, self.ground)
        if problems:
            raise ScenarioFailed(problems)

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, ScenarioFailed):
            return f"scenario: {self.name}\n  " + "\n  ".join(excinfo.value.problems)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, 0, f"scenario: {self.name}"


class ScenarioFailed(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems
