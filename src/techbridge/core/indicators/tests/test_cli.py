"""The `techbridge index run` and `techbridge bench coinr-asem` commands."""

import json
from pathlib import Path

from techbridge.cli import main

PRESETS = Path(__file__).resolve().parents[1] / "presets"


def test_index_run_writes_stages_results_and_analysis(tmp_path, capsys):
    code = main(
        [
            "index",
            "run",
            str(PRESETS / "cass_17plus1.yaml"),
            "--data",
            str(PRESETS / "cass_17plus1_illustrative.csv"),
            "--out",
            str(tmp_path),
        ]
    )
    assert code == 0
    assert json.loads(capsys.readouterr().out)["units"] == 15
    assert (tmp_path / "results.csv").is_file() and (tmp_path / "analysis.json").is_file()
    assert (tmp_path / "Data_Treated.csv").is_file()


def test_index_run_reports_a_bad_spec_cleanly(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("framework:\n  indicators:\n    - {code: a, parent: Nowhere}\n", encoding="utf-8")
    code = main(
        [
            "index",
            "run",
            str(bad),
            "--data",
            str(PRESETS / "cass_17plus1_illustrative.csv"),
            "--out",
            str(tmp_path / "o"),
        ]
    )
    assert code == 2 and "unknown parent 'Nowhere'" in capsys.readouterr().err


def test_bench_coinr_asem_prints_one_json_line(shared_data, tmp_path, capsys):
    code = main(["bench", "coinr-asem", str(shared_data / "coinr-asem"), "--out", str(tmp_path)])
    line = capsys.readouterr().out.strip()
    report = json.loads(line)
    assert code == 0 and "\n" not in line
    assert report["rank_mismatches"] == 0 and max(report["max_abs_diff"].values()) <= 1e-9
    assert (tmp_path / "Data_Normalised.csv").is_file() and (tmp_path / "analysis.json").is_file()


def test_index_uncertainty_writes_ranks_and_sobol_tables(tmp_path, capsys):
    args = [
        "index",
        "uncertainty",
        str(PRESETS / "cass_17plus1.yaml"),
        "--data",
        str(PRESETS / "cass_17plus1_illustrative.csv"),
    ]
    code = main([*args, "--out", str(tmp_path), "--runs", "60", "--seed", "3"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["runs"] >= 60
    assert {"uncertainty_ranks.csv", "sobol.csv", "sobol_units_S1.csv", "sobol_units_ST.csv"} <= {
        p.name for p in tmp_path.iterdir()
    }
