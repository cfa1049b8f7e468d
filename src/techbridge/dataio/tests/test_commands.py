"""The `techbridge import` and `techbridge export` commands."""

from __future__ import annotations

import pytest

from techbridge.cli import main
from techbridge.directory.models import Organisation

pytestmark = pytest.mark.django_db

ORGS = "key,name,kind,country\nnb-motor,宁波电机,enterprise,CN\nagh,AGH,university,PL\n"


def test_import_prints_a_row_error_table_and_exits_1_saving_nothing(ref, write, capsys):
    path = write("orgs.csv", ORGS.replace("PL\n", "XX\n"))
    assert main(["import", "organisations", str(path)]) == 1
    out = capsys.readouterr().out
    assert "row  column   message" in out
    assert "  3  country  Unknown country code 'XX'." in out
    assert "nothing was saved" in out and not Organisation.objects.filter(key="nb-motor").exists()


def test_import_dry_run_then_commit(ref, write, capsys):
    path = write("orgs.csv", ORGS)
    assert main(["import", "organisations", str(path), "--dry-run"]) == 0
    assert "would create 2" in capsys.readouterr().out and not Organisation.objects.filter(key="agh").exists()
    assert main(["import", "organisations", str(path)]) == 0
    assert Organisation.objects.filter(key__in=["nb-motor", "agh"]).count() == 2
    assert main(["import", "organisations", str(path), "--mode", "upsert"]) == 0
    assert "updated 2" in capsys.readouterr().out


def test_commands_refuse_unknown_users_missing_files_and_forbidden_imports(ref, write, tmp_path, capsys):
    path = write("orgs.csv", ORGS)
    assert main(["import", "organisations", str(path), "--as", "nobody"]) == 2
    assert main(["import", "organisations", str(tmp_path / "missing.csv")]) == 2
    assert main(["import", "profiles", str(path)]) == 2
    assert main(["import", "organisations", str(path), "--as", "member"]) == 2
    assert main(["import", "cordis-projects", str(path), "--as", "broker"]) == 2
    err = capsys.readouterr().err
    assert "No active user 'nobody'" in err and "--as USERNAME" in err and "--organisations FILE" in err


def test_export_writes_a_filtered_file(ref, tmp_path, capsys):
    out = tmp_path / "orgs.csv"
    assert main(["export", "organisations", "--out", str(out), "--filter", "country=PL"]) == 0
    assert out.read_text(encoding="utf-8-sig").splitlines()[1].startswith("pl-storage,")
    assert main(["export", "people", "--out", str(out), "--as", "analyst"]) == 2
    assert main(["export", "countries", "--format", "xlsx", "--out", str(tmp_path / "c.xlsx")]) == 0
    assert "3 countries written" in capsys.readouterr().out
