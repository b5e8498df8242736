"""The insight charts: Vega-Lite specs built from the figures, drawn as SVG by vl-convert.

Why SVG made on the server: the page works without JavaScript and under the app's strict
Content-Security-Policy (Vega's browser runtime compiles expressions with `Function`, which that
policy forbids), and the same SVG goes into the stand-alone HTML report. vl-convert
(`vl-convert-python`, pinned) is the Vega project's own renderer: Vega-Lite compiled and drawn
by Vega itself, inside the package, with no network. Every chart has its data table beside it
on the page and a CSV download (service.TABLES).
"""

from __future__ import annotations

import threading
from typing import Any

from ombuds.insight.service import Insight
from ombuds.vocabulary import id_label

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"  # an identifier; never fetched
TOP_COUNCILS = 20  # councils drawn in the uphold-rate chart (the table lists them all)
_LOCK = threading.Lock()  # vl-convert's renderer is one engine per process


def _bars(title: str, rows: list[dict], field: str, label: str, sort_by_value: bool) -> dict:
    return {
        "$schema": SCHEMA,
        "title": title,
        "width": 480,
        "data": {"values": rows},
        "mark": {"type": "bar", "color": "#1d70b8"},
        "encoding": {
            "y": {
                "field": "value",
                "type": "nominal",
                "title": label,
                "sort": "-x" if sort_by_value else None,
                "axis": {"labelLimit": 320},
            },
            "x": {
                "field": field,
                "type": "quantitative",
                "title": "Decisions",
                "axis": {"tickMinStep": 1, "format": "d"},  # whole decisions, never 2.5
            },
        },
    }


def specs(figures: Insight) -> dict[str, dict[str, Any]]:
    """name -> Vega-Lite spec, for the charts that have data."""
    found: dict[str, dict[str, Any]] = {}
    for name, title, label, rows in (
        ("outcome", "Decisions by outcome", "Outcome", figures.by_outcome),
        ("category", "Decisions by category", "Category", figures.by_category),
        ("ground", "Decisions by ground", "Ground", figures.by_ground),
        ("year", "Decisions by year", "Year", figures.by_year),
    ):
        if rows:
            data = [{**r.model_dump(), "value": id_label(r.value)} for r in rows]
            found[name] = _bars(title, data, "decisions", label, name != "year")
    rated = [r for r in figures.uphold if r.rate is not None][:TOP_COUNCILS]
    if rated:
        data = [r.model_dump() for r in rated]
        national = figures.national_uphold.rate
        layers: list[dict[str, Any]] = [
            {
                "mark": {"type": "rule", "color": "#505a5f"},
                "encoding": {
                    "y": {"field": "council", "type": "nominal", "sort": None, "title": None},
                    "x": {"field": "low", "type": "quantitative", "title": "Uphold rate"},
                    "x2": {"field": "high"},
                },
            },
            {
                "mark": {"type": "point", "filled": True, "color": "#1d70b8"},
                "encoding": {
                    "y": {"field": "council", "type": "nominal", "sort": None},
                    "x": {
                        "field": "rate",
                        "type": "quantitative",
                        "scale": {"domain": [0, 1]},
                        "axis": {"format": "%"},
                    },
                },
            },
        ]
        if national is not None:
            layers.append(
                {
                    "data": {"values": [{"national": national}]},
                    "mark": {"type": "rule", "color": "#d4351c", "strokeDash": [4, 4]},
                    "encoding": {"x": {"field": "national", "type": "quantitative"}},
                }
            )
        found["uphold"] = {
            "$schema": SCHEMA,
            "title": f"Uphold rate with 95% interval (the {len(rated)} councils most investigated)",
            "width": 480,
            "data": {"values": data},
            "layer": layers,
        }
    return found


def svg(spec: dict[str, Any]) -> str:
    """The chart drawn as SVG (text in it escaped by the renderer)."""
    import vl_convert

    with _LOCK:
        return str(vl_convert.vegalite_to_svg(spec))
