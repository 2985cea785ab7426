"""The server-side SVG charts."""

from survey.charts import bar_chart, stacked_bar_chart


def test_bar_chart_escapes_labels_and_draws_one_bar_per_item():
    svg = bar_chart(
        [
            {"label": "<script>alert(1)</script>", "count": 3, "percent": 75.0},
            {"label": "B", "count": 1, "percent": 25.0},
        ],
        title='Q "1"',
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    wide = svg.split('<div class="d-md-none">')[0]
    assert wide.count('fill="#1d4e89"') == 2
    assert "75.0 % (3)" in wide
    # bars on a 0-100 scale: 75 % is three quarters of the bar area
    assert 'width="262.5"' in wide


def test_stacked_chart_draws_a_segment_per_non_empty_scale_point():
    rows = [
        {
            "label": "Strategy",
            "mean": 2.5,
            "cells": [{"count": 1, "percent": 50.0}, {"count": 0, "percent": 0}, {"count": 1, "percent": 50.0}],
        }
    ]
    svg = stacked_bar_chart(rows, ["low", "mid", "high"], title="Needs")
    wide = svg.split('<div class="d-md-none">')[0]
    assert wide.count("<title>Strategy –") == 2
    assert "mean 2.5" in wide


def test_no_items_no_chart():
    assert bar_chart([], title="x") == "" and stacked_bar_chart([], [], title="x") == ""
