"""A docking conference big enough that scheduling it takes seconds: the subject of the worker-kill tests.

Built through the events services (registrations, requests, acceptances) as an organiser would. Every
accepted meeting must be placed (`require_all`), so the solver's breaks stage is the sequential climb
("at most k breaks?"), whose answers do not depend on timing when each question is decided in time.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from techbridge.directory.models import Country, Organisation
from techbridge.events import services
from techbridge.events.models import Event, Meeting, MeetingStatus

SESSIONS = "09:00-11:40,14:00-16:40"  # 2 x 8 slots of 20 minutes


@transaction.atomic
def fault_event(
    *, organiser, participants: int = 36, meetings: int = 10, days: int = 1, seed: int = 7
) -> Event:
    """An event of `participants` organisations (half Chinese, half Polish), each meeting `meetings` partners
    of the other country; every request accepted. Same arguments, same requests."""
    rng = random.Random(seed)
    cn, _ = Country.objects.get_or_create(code="CN", defaults={"name_en": "China", "group": "china"})
    pl, _ = Country.objects.get_or_create(code="PL", defaults={"name_en": "Poland", "group": "cee"})
    event = services.event_create(
        by=organiser,
        data={
            "title": f"Fault-test docking day {seed}",
            "venue": "Ningbo",
            "time_zone": "Asia/Shanghai",
            "start_date": dt.date(2027, 9, 1),
            "days": days,
            "sessions": SESSIONS,
            "slot_minutes": 20,
            "tables": participants // 2,
            "max_requests": meetings,
            "require_all": True,
        },
    )
    regs = []
    for n in range(participants):
        country = cn if n % 2 == 0 else pl
        org = Organisation.objects.create(
            key=f"fault-{seed}-{n}", name=f"Fault test {country.code} {n}", kind="enterprise", country=country
        )
        regs.append(
            services.registration_create(
                event=event,
                by=organiser,
                organisation=org,
                name=f"Person {n}",
                description="Partners for battery storage projects",
            )
        )
    # A regular bipartite graph: every participant meets `meetings` partners of the other country.
    chinese, polish = regs[0::2], regs[1::2]
    rng.shuffle(polish)
    offsets = rng.sample(range(len(polish)), meetings)
    for i, reg in enumerate(chinese):
        for offset in offsets:
            other = polish[(i + offset) % len(polish)]
            sender, recipient = (reg, other) if rng.random() < 0.5 else (other, reg)
            req = services.request_send(event=event, by=organiser, recipient=recipient, requester=sender)
            services.request_decide(meeting_request=req, by=organiser, accept=True)
    return event


def schedule_rows(event: Event) -> list[tuple[int, int | None, str]]:
    """(meeting pk, slot, table) of every planned meeting, by meeting: what a schedule run stored."""
    return list(
        Meeting.objects.filter(event=event, status=MeetingStatus.PLANNED)
        .order_by("pk")
        .values_list("pk", "slot", "table")
    )


def clear_schedule(event: Event) -> None:
    """Forget the stored slots and tables, as before the first run."""
    Meeting.objects.filter(event=event).update(slot=None, table="")
    Event.objects.filter(pk=event.pk).update(schedule_status="", scheduled_at=None)


def assert_valid_schedule(event: Event) -> None:
    """Every planned meeting placed once; nobody and no table booked twice in a slot."""
    seen_people: set[tuple[int, int]] = set()
    seen_tables: set[tuple[int, str]] = set()
    meetings = Meeting.objects.filter(event=event, status=MeetingStatus.PLANNED).select_related("request")
    for m in meetings:
        assert m.slot is not None, f"meeting {m.pk} was not placed"
        for reg in (m.request.requester_id, m.request.recipient_id):
            assert (reg, m.slot) not in seen_people, f"registration {reg} booked twice in slot {m.slot}"
            seen_people.add((reg, m.slot))
        if not m.virtual:
            assert (m.slot, m.table) not in seen_tables, f"table {m.table} booked twice in slot {m.slot}"
            seen_tables.add((m.slot, m.table))


class ThreadWorkers:
    """`techbridge worker --backend thread` processes (the embedded pool in a process of its own)."""

    def __init__(self, *, env: dict[str, str], log_dir):
        self.env, self.log_dir = {**env, "TECHBRIDGE_JOBS_BACKEND": "thread"}, log_dir
        self.procs: list = []

    def start(self, timeout: float = 60.0):
        import subprocess
        import sys
        import time

        log = self.log_dir / f"thread-worker-{len(self.procs) + 1}.log"
        argv = [sys.executable, "-m", "techbridge.cli", "worker", "--backend", "thread", "--concurrency", "1"]
        with log.open("w") as out:
            proc = subprocess.Popen(argv, env=self.env, stdout=out, stderr=subprocess.STDOUT)
        self.procs.append(proc)
        deadline = time.monotonic() + timeout
        while "job thread(s)" not in log.read_text():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"the thread worker did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.1)
        return proc

    def kill(self, proc) -> None:
        import os
        import signal

        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=10)
            except Exception:  # noqa: BLE001 (stuck: kill it, the test is over)
                proc.kill()
                proc.wait(timeout=5)

    def logs(self) -> str:
        return "\n".join(p.read_text()[-2000:] for p in sorted(self.log_dir.glob("thread-worker-*.log")))
