"""Framework construction and validation: every error names the element."""

import pytest

from techbridge.core.indicators.errors import FrameworkError
from techbridge.core.indicators.framework import Framework


def spec(**over):
    base = {
        "indicators": [
            {"code": "a", "parent": "P", "weight": 1},
            {"code": "b", "parent": "P", "weight": 3, "direction": -1},
            {"code": "c", "parent": "Q"},
        ],
        "aggregates": [
            {"code": "P", "parent": "I", "weight": 2},
            {"code": "Q", "parent": "I"},
            {"code": "I"},
        ],
    }
    return base | over


def test_levels_and_aggregation_order():
    fw = Framework.from_dict(spec())
    assert fw.levels_ == {"a": 1, "b": 1, "c": 1, "P": 2, "Q": 2, "I": 3}
    assert fw.aggregation_order() == ["P", "Q", "I"] and fw.roots == ["I"]
    assert fw.leaves_under("I") == ["a", "b", "c"]


def test_effective_weights_multiply_along_the_path():
    eff = Framework.from_dict(spec()).effective_weights()
    assert eff["a"] == pytest.approx(1 / 4 * 2 / 3) and eff["b"] == pytest.approx(3 / 4 * 2 / 3)
    assert eff["c"] == pytest.approx(1 / 3) and eff["I"] == 1.0


def test_it_names_an_unknown_parent():
    s = spec()
    s["indicators"][2]["parent"] = "Nowhere"
    with pytest.raises(FrameworkError, match="'c': unknown parent 'Nowhere'"):
        Framework.from_dict(s)


def test_it_names_a_cycle():
    s = spec(aggregates=[{"code": "P", "parent": "Q"}, {"code": "Q", "parent": "P"}])
    with pytest.raises(FrameworkError, match="cycle"):
        Framework.from_dict(s)


def test_it_names_an_aggregate_whose_weights_sum_to_zero():
    s = spec()
    s["indicators"][0]["weight"] = 0
    s["indicators"][1]["weight"] = 0
    with pytest.raises(FrameworkError, match="aggregate 'P': children weights sum to zero"):
        Framework.from_dict(s)


def test_it_rejects_duplicates_bad_directions_and_negative_weights():
    s = spec()
    s["indicators"].append({"code": "a", "parent": "Q"})
    with pytest.raises(FrameworkError, match="'a': duplicate"):
        Framework.from_dict(s)
    s = spec()
    s["indicators"][0]["direction"] = 2
    with pytest.raises(FrameworkError, match="'a': direction"):
        Framework.from_dict(s)
    s = spec()
    s["indicators"][0]["weight"] = -1
    with pytest.raises(FrameworkError, match="'a': weight"):
        Framework.from_dict(s)


def test_an_aggregate_without_children_and_an_indicator_as_parent_are_errors():
    s = spec()
    s["aggregates"].append({"code": "Empty", "parent": "I"})
    with pytest.raises(FrameworkError, match="'Empty': has no children"):
        Framework.from_dict(s)
    s = spec()
    s["indicators"][2]["parent"] = "a"
    with pytest.raises(FrameworkError, match="'c': parent 'a' is an indicator"):
        Framework.from_dict(s)


def test_from_yaml_reads_a_framework_section(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text(
        "framework:\n  indicators:\n    - {code: x, parent: T}\n  aggregates:\n    - {code: T}\n",
        encoding="utf-8",
    )
    assert Framework.from_yaml(path).indicators == ["x"]
    with pytest.raises(FrameworkError, match="'indicators' is missing"):
        Framework.from_dict({"aggregates": []})
