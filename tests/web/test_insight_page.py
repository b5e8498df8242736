"""The public /insight page, its CSV downloads and charts."""

from __future__ import annotations

import csv
import io


def test_the_page_shows_every_figure_as_a_table_with_a_csv_and_chart(app_client):
    page = app_client.get("/insight")
    assert page.status_code == 200
    html = page.text
    for name in ("outcome", "category", "ground", "year", "uphold"):
        assert f'id="table-{name}"' in html
        assert f"table={name}" in html
    assert '<img src="/insight/charts/outcome.svg"' in html
    assert "5 published decisions" in html


def test_filters_narrow_the_figures_and_follow_into_the_downloads(app_client):
    wanted = "Children's care services > Other"
    page = app_client.get("/insight", params={"category": wanted})
    assert page.status_code == 200
    assert "match these filters" in page.text
    assert "category=Children%27s+care+services+%3E+Other&amp;table=outcome" in page.text
    data = app_client.get("/insight.csv", params={"table": "outcome", "category": wanted})
    assert data.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(data.text)))
    assert rows[0] == ["value", "decisions", "share"]
    total = sum(int(r[1]) for r in rows[1:])
    everything = list(csv.reader(io.StringIO(app_client.get("/insight.csv").text)))
    assert 0 < total < sum(int(r[1]) for r in everything[1:])


def test_a_chart_is_svg_drawn_from_the_data(app_client):
    chart = app_client.get("/insight/charts/outcome.svg")
    assert chart.status_code == 200
    assert chart.headers["content-type"].startswith("image/svg+xml")
    assert chart.text.startswith("<svg") and "Closed after initial enquiries" in chart.text


def test_bad_filters_and_tables_are_clear_errors(app_client):
    refused = app_client.get("/insight", params={"ground": "nonsense"})
    assert refused.status_code == 422 and "nonsense" in refused.text
    assert app_client.get("/insight.csv", params={"table": "nope"}).status_code == 404
    assert app_client.get("/insight/charts/nope.svg").status_code == 404


def test_grounds_and_bodies_are_named_for_people_and_kept_as_ids_in_the_csv(app_client):
    from ombuds.vocabulary import GROUNDS, Ground

    table = app_client.get("/insight").text.split('id="table-ground"')[1].split("</table>")[0]
    assert GROUNDS[Ground.better_placed].title in table and ">better_placed<" not in table
    referrals = app_client.get("/insight").text.split('id="table-referral"')[1]
    assert "The Information Commissioner&#39;s Office" in referrals.split("</table>")[0]
    assert "better_placed" in app_client.get("/insight.csv", params={"table": "ground"}).text


def test_with_nothing_investigated_the_page_says_so_instead_of_a_rate_of_nothing(app_client):
    html = app_client.get("/insight", params={"decision": "closed_after_initial_enquiries"}).text
    assert "there is no uphold rate to give" in html
    assert "of 0" not in html and "<strong>-</strong>" not in html


def test_each_table_is_named_once_on_screen_and_by_its_caption_for_screen_readers(app_client):
    html = app_client.get("/insight").text
    caption = '<caption class="govuk-visually-hidden">Uphold rate by council</caption>'
    assert caption in html
    assert html.replace(caption, "").count(">Uphold rate by council<") == 1  # the heading
    assert "govuk-table__caption--s" not in html.split('id="consistency"')[0]


def test_the_first_column_is_headed_by_what_the_table_counts(app_client):
    table = app_client.get("/insight").text.split('id="table-outcome"')[1].split("</thead>")[0]
    assert ">Outcome</th>" in table and ">Value</th>" not in table


def test_a_chart_of_counts_has_whole_numbers_on_its_axis(app_client):
    chart = app_client.get("/insight/charts/outcome.svg").text  # 5 decisions: 0 to 5
    assert ">5<" in chart and ">0.5<" not in chart and ">2.5<" not in chart


def test_an_overlong_search_is_cut_to_the_search_boxs_own_limit(app_client):
    from ombuds.web.api import MAX_TEXT

    html = app_client.get("/insight", params={"q": "x" * (MAX_TEXT + 100)}).text
    assert 'value="' + "x" * MAX_TEXT + '"' in html
