import json

from techbridge.cli import main


def test_bench_schedule_prints_one_validated_json_line_per_instance(shared_data, capsys):
    path = shared_data / "b2b-meetings" / "tic-12.original.dzn"
    assert main(["bench", "schedule", str(path), "--time-limit", "20", "--workers", "1"]) == 0
    row = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert row["instance"] == "tic-12.original.dzn"
    assert (row["meetings"], row["scheduled"], row["breaks"], row["bound"]) == (125, 125, 0, 0)
    assert row["optimal"] is True and row["valid"] is True and "violations" not in row


def test_bench_schedule_rejects_a_missing_file(capsys):
    assert main(["bench", "schedule", "no-such-file.dzn"]) == 2
    assert "no such instance file: no-such-file.dzn" in capsys.readouterr().err


def test_bench_schedule_large_rejects_a_non_positive_size(capsys):
    assert main(["bench", "schedule-large", "--tables", "0"]) == 2
    assert "--tables must be positive" in capsys.readouterr().err
