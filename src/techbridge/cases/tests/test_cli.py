import argparse
import datetime as dt

import pytest

from techbridge.cases import services
from techbridge.cases.cli import register

pytestmark = pytest.mark.django_db


def _parse(argv):
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers()
    register(commands, None)
    return parser.parse_args(argv)


def test_cases_remind_sends_the_overdue_reminders(case, world, capsys):
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    services.case_update(case=case, by=world["users"]["broker"], data={"next_action_due": yesterday})
    args = _parse(["cases", "remind", "--now"])
    assert args.func(args) == 0
    assert "reminders sent: 1" in capsys.readouterr().out
    args = _parse(["cases", "remind"])  # queued as a job (eager in tests): nothing left to send today
    assert args.func(args) == 0
    assert "cases.reminders" in capsys.readouterr().out
