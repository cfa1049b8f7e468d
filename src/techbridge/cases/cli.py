"""`techbridge cases remind`: send reminders for overdue cases (a "cases.reminders" job).

The lead wires it with src/techbridge/commands/cases.py: ``from techbridge.cases.cli import register``.
"""

from __future__ import annotations


def register(commands, bench) -> None:
    p = commands.add_parser("cases", help="cooperation cases: reminders for overdue next actions")
    sub = p.add_subparsers(dest="cases_command", metavar="ACTION")
    remind = sub.add_parser("remind", help="notify brokers of overdue cases (in-app and e-mail)")
    remind.add_argument("--now", action="store_true", help="run here instead of queueing a job")
    remind.set_defaults(func=cmd_remind)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def cmd_remind(args) -> int:
    from techbridge.commands.platform import django_setup

    django_setup()
    if args.now:
        from techbridge.cases.reminders import reminders_send

        print(f"reminders sent: {reminders_send()}")
        return 0
    from techbridge.jobs.services import job_submit

    job = job_submit(kind="cases.reminders", params={}, by=None)
    print(f"job {job.pk} ({job.state}): cases.reminders")
    return 0
