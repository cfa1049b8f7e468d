"""Inline SVG charts and the tile map: labels escaped, values clipped, tiles never share a cell."""

from techbridge.evaluation import charts
from techbridge.evaluation.gridmap import Tile, place, tile_map


def test_bar_chart_escapes_labels_and_marks_missing_values():
    svg = charts.bar_chart([("<b>", 50.0), ("none", None)], title="t & u")
    assert "&lt;b&gt;" in svg and "<b>" not in svg and "n/a" in svg and "<title>t &amp; u</title>" in svg
    assert 'width="190.0"' in svg  # 50 of 0-100 on a 380 px axis


def test_long_and_chinese_labels_get_room():
    assert charts.text_width("中欧班列") == 48 and charts._left(["ab"]) == 80
    assert charts._left(["与中东欧国家进出口额"]) == 134


def test_values_outside_the_axis_are_clipped():
    assert 'width="380.0"' in charts.bar_chart([("x", 250.0)], title="t")


def test_radar_and_sobol_charts_draw_one_shape_per_series_and_factor():
    radar = charts.radar_chart(["a", "b", "c"], [("u", [10, 20, 30]), ("avg", [None, 5, 5])], title="r")
    assert radar.count('fill-opacity="0.18"') == 2
    sobol = charts.sobol_chart([("weights", 0.2, 0.3), ("aggregate", None, 1.4)], title="s")
    assert sobol.count("<rect") == 2 + 4 and "n/a" in sobol and "1.40" in sobol


def test_tiles_keep_rough_geography_and_never_overlap():
    tiles = [
        Tile("north", "N", 10, 50.0, 10.0),
        Tile("south", "S", 20, 40.0, 10.0),
        Tile("east", "E", None, 45.0, 20.0),
        Tile("twin", "T", 30, 50.0, 10.0),  # same place as north: moves to a neighbouring cell
    ]
    cells = place(tiles)
    assert len(set(cells.values())) == 4
    assert cells["north"][0] < cells["south"][0] and cells["east"][1] > cells["south"][1]
    assert max(abs(a - b) for a, b in zip(cells["twin"], cells["north"], strict=True)) == 1
    svg = tile_map(tiles, title="m")
    assert svg.count("<rect") == 4 and "n/a" in svg


def test_shade_runs_from_light_to_dark():
    assert charts.shade(0) == ("#e8eef6", "#1b1f24") and charts.shade(100) == ("#183e7a", "#fff")
    assert charts.shade(None)[0] == "#eceff3"
