"""Parity with COINr's stored ASEM example, stage by stage (real data via the shared_data fixture)."""

import pandas as pd
import pytest

from techbridge.core.indicators.coinr import asem_parity, method_from_coinr, round_inputs


def test_it_rebuilds_every_asem_stage_within_1e_9_and_all_ranks(shared_data):
    report, result = asem_parity(shared_data / "coinr-asem", input_digits=10)
    for stage, diff in report["max_abs_diff"].items():
        assert diff <= 1e-9, stage
    for stage, diff in report["stepwise_max_abs_diff"].items():
        assert diff <= 1e-9, stage
    assert report["rank_mismatches"] == 0
    assert report["treatment_mismatches"] == []
    assert result.results.index[0] == "CHE"


def test_full_precision_inputs_differ_only_by_the_reference_rounding(shared_data):
    report, _ = asem_parity(shared_data / "coinr-asem", input_digits=None)
    assert max(report["max_abs_diff"].values()) < 1e-6
    assert report["rank_mismatches"] == 0


def test_coinr_method_names_are_translated():
    m = method_from_coinr(
        {
            "denominate": {},
            "impute": {"imtype": ["indgroup_mean"], "groupvar": ["Group_EurAsia"]},
            "treat": {"t_skew": [2.0], "t_kurt": [3.5]},
        }
    )
    assert (m.impute.method, m.impute.group) == ("group_mean", "EurAsia_group")
    assert m.treat.method == "winsorise" and m.rank_decimals == 2


def test_inputs_are_rounded_to_ten_significant_digits_and_at_most_nine_decimals():
    out = round_inputs(
        pd.DataFrame({"x": [14.190415967189212, 0.8872137794532686, 123456789012.0], "s": ["a", "b", "c"]})
    )
    assert out["x"].tolist() == [14.19041597, 0.887213779, 123456789000.0]
    assert out["s"].tolist() == ["a", "b", "c"]


@pytest.mark.parametrize("bad", [{"impute": {"imtype": ["magic"]}}, {"aggregate": {"agtype": ["median"]}}])
def test_unsupported_coinr_methods_are_named(bad):
    from techbridge.core.indicators.errors import MethodError

    with pytest.raises(MethodError):
        method_from_coinr(bad)
