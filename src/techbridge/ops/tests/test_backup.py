"""Backup round trip: fill the demo, back up, destroy, restore, compare every table and file."""

import hashlib

import pytest
from django.apps import apps
from django.core.management import call_command

from techbridge.ops.backup import BackupError, backup_create, backup_restore

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def snapshot() -> dict:
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        rows = model.objects.order_by("pk").values_list()
        tables[model._meta.db_table] = hashlib.sha256(repr(list(rows)).encode()).hexdigest(), rows.count()
    return tables


def files_of(data_dir) -> dict:
    found = {}
    for folder in ("uploads", "lexicons"):
        for path in sorted((data_dir / folder).rglob("*")):
            if path.is_file():
                found[str(path.relative_to(data_dir))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def test_a_backup_restores_every_table_and_file(tmp_path, settings):
    from techbridge.web.demo_loader import demo_load

    settings.DATA_DIR = tmp_path / "data"
    (settings.DATA_DIR / "uploads" / "cases" / "1").mkdir(parents=True)
    (settings.DATA_DIR / "uploads" / "cases" / "1" / "nda.pdf").write_bytes(b"%PDF-1.4 signed NDA")
    (settings.DATA_DIR / "lexicons").mkdir()
    (settings.DATA_DIR / "lexicons" / "glossary.tsv").write_text("储能\tenergy storage\n", encoding="utf-8")
    demo_load()
    before, files_before = snapshot(), files_of(settings.DATA_DIR)
    assert before["marketplace_profile"][1] >= 300

    manifest = backup_create(tmp_path / "backup.tar.gz")
    assert "uploads/cases/1/nda.pdf" in manifest["files"]

    call_command("flush", interactive=False, verbosity=0)
    for path in (settings.DATA_DIR / "uploads").rglob("*.pdf"):
        path.unlink()
    assert snapshot()["marketplace_profile"][1] == 0

    backup_restore(tmp_path / "backup.tar.gz")
    assert snapshot() == before
    assert files_of(settings.DATA_DIR) == files_before


def test_restoring_something_that_is_not_a_backup_is_refused(tmp_path, settings):
    settings.DATA_DIR = tmp_path
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not a tar file")
    with pytest.raises(BackupError, match="not a TechBridge backup"):
        backup_restore(bogus)
    with pytest.raises(BackupError, match="no such backup file"):
        backup_restore(tmp_path / "missing.tar.gz")
