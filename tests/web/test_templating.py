"""Templates: strict in ours, lenient inside the GOV.UK macros; evidence highlighted safely."""

from __future__ import annotations

import jinja2
import pytest

from ombuds.web.templating import environment, highlight


def test_our_templates_are_strict_and_the_govuk_macros_are_not():
    env = environment()
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ missing }}").render()
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{% if thing.attribute %}x{% endif %}").render(thing={})
    page = env.from_string(
        '{% from "govuk_frontend_jinja/components/button/macro.html" import govukButton %}'
        '{{ govukButton({"text": "Save"}) }}'
    ).render()
    assert "govuk-button" in page and "Save" in page


def test_evidence_is_marked_and_everything_else_escaped():
    text = "On 3 May <b>the council</b> refused."
    marked = str(highlight(text, [{"start": 3, "end": 8, "fact": 'dates.first_knew"><x'}]))
    assert marked.startswith(
        'On <mark class="evidence" title="dates.first_knew&#34;&gt;&lt;x">3 May'
    )
    assert "&lt;b&gt;the council&lt;/b&gt;" in marked and "<b>" not in marked
    overlapping = [{"start": 0, "end": 5, "fact": "a"}, {"start": 3, "end": 9, "fact": "b"}]
    assert str(highlight("abcdefghij", overlapping)).count("<mark") == 2
    assert str(highlight("abc", [{"start": 2, "end": 99, "fact": "c"}])).endswith(
        'c<span class="govuk-visually-hidden"> (evidence for c)</span></mark>'
    )


def test_dates_are_written_as_gov_uk_writes_them():
    from datetime import date

    from ombuds.web.templating import day_month_year

    assert day_month_year(date(2025, 2, 5)) == "5 February 2025"
    assert day_month_year("2025-02-10") == "10 February 2025"
    assert day_month_year("sometime in 2019") == "sometime in 2019"
    assert day_month_year(None) == ""
