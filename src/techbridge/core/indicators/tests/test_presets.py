"""The CASS 17+1 preset: five dimensions, 44.1% economic and trade weight, 1-100 scale, illustrative data."""

from pathlib import Path

import pandas as pd
import pytest

from techbridge.core.indicators import IndexSpec, Pipeline

PRESETS = Path(__file__).resolve().parents[1] / "presets"


def test_the_preset_has_five_dimensions_with_economic_and_trade_at_44_1_percent():
    spec = IndexSpec.from_file(PRESETS / "cass_17plus1.yaml")
    fw = spec.framework
    assert fw.children("Index") == ["INT", "ECO", "POL", "P2P", "TTK"]
    eff = fw.effective_weights()
    assert eff["ECO"] == pytest.approx(0.441)
    assert eff["INT"] == eff["POL"] == eff["P2P"] == eff["TTK"] == pytest.approx(0.13975)
    assert all(fw.nodes[c].name and fw.nodes[c].name_zh for c in fw.nodes)


def test_the_illustrative_data_is_marked_and_scores_on_the_1_to_100_scale():
    spec = IndexSpec.from_file(PRESETS / "cass_17plus1.yaml")
    data = pd.read_csv(PRESETS / "cass_17plus1_illustrative.csv")
    assert (data["note"] == "illustrative, not official").all() and 14 <= len(data) <= 16
    res = Pipeline(spec.framework, spec.method).run(data)
    scores = res.stages["Normalised"]
    assert scores.min().min() == pytest.approx(1.0) and scores.max().max() == pytest.approx(100.0)
    assert res.results["Index"].between(1, 100).all()
    assert res.results.loc["Ningbo", "name"] == "宁波"
