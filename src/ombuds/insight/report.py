"""The insight report as one stand-alone HTML file (`ombuds insight --html report.html`): every
table, and every chart inlined as SVG, with no script and nothing fetched."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from ombuds.insight import charts
from ombuds.insight.service import MIN_INVESTIGATED, TABLES, Insight


def html(figures: Insight) -> str:
    from ombuds.web.templating import environment  # the pages' own: same templates and filters

    env = environment()
    drawn = {name: Markup(charts.svg(spec)) for name, spec in charts.specs(figures).items()}
    return env.get_template("insight_report.html").render(
        figures=figures,
        tables=TABLES,
        charts=drawn,
        min_investigated=MIN_INVESTIGATED,
        made=dt.date.today().isoformat(),
    )
