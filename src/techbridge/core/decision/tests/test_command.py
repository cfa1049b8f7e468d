"""`techbridge decision` (src/techbridge/commands/decision.py): thin wrapper, clean user errors."""

import json

from techbridge.cli import main

SPEC = {
    "criteria": [
        {"name": "rail_access", "kind": "benefit", "weight": 2},
        {"name": "cost_keur", "kind": "cost"},
    ],
    "sites": [
        {"name": "Budapest", "country": "HU", "values": {"rail_access": 3, "cost_keur": 560}, "cost": 560},
        {"name": "Lodz", "country": "PL", "values": {"rail_access": 3, "cost_keur": 430}, "cost": 430},
        {"name": "Riga", "country": "LV", "values": {"rail_access": 2, "cost_keur": 480}, "cost": 480},
    ],
}


def test_rank_prints_json_with_a_portfolio(tmp_path, capsys):
    path = tmp_path / "sites.json"
    path.write_text(json.dumps(SPEC))
    assert (
        main(
            [
                "decision",
                "rank",
                str(path),
                "--samples",
                "200",
                "--json",
                "--portfolio",
                "2",
                "--budget",
                "950",
            ]
        )
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["rankings"]["topsis"]["order"][0] == "Lodz"
    assert out["portfolio"]["sites"] == ["Lodz", "Riga"]  # Lodz + Budapest would cost 990 > 950


def test_rank_reports_a_missing_value_by_site_and_criterion(tmp_path, capsys):
    spec = json.loads(json.dumps(SPEC))
    del spec["sites"][2]["values"]["cost_keur"]
    path = tmp_path / "sites.json"
    path.write_text(json.dumps(spec))
    assert main(["decision", "rank", str(path), "--samples", "0"]) == 2
    assert "site 'Riga' has no valid value for criterion 'cost_keur'" in capsys.readouterr().err


def test_demo_explains_an_infeasible_portfolio(capsys):
    assert (
        main(
            [
                "decision",
                "demo",
                "--samples",
                "0",
                "--portfolio",
                "6",
                "--budget",
                "1000",
                "--per-country",
                "1",
            ]
        )
        == 2
    )
    assert "the cheapest 6 sites allowed" in capsys.readouterr().err
