"""`techbridge worker`."""

from __future__ import annotations

import sys

import pytest

from techbridge.cli import main
from techbridge.commands.jobs import celery_argv


def test_the_celery_worker_command_line_names_the_app_and_queue():
    argv = celery_argv(concurrency=4, queue="techbridge", loglevel="INFO")
    assert argv[:6] == [sys.executable, "-m", "celery", "-A", "techbridge.jobs.celery_app", "worker"]
    assert argv[argv.index("--queues") + 1] == "techbridge" and argv[argv.index("--concurrency") + 1] == "4"


def test_it_rejects_a_concurrency_out_of_range(capsys):
    assert main(["worker", "--concurrency", "0"]) == 2
    assert "--concurrency must be between 1 and 64" in capsys.readouterr().err


def test_it_rejects_an_unknown_backend(capsys):
    with pytest.raises(SystemExit):
        main(["worker", "--backend", "rq"])
