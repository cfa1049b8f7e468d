"""`techbridge worker`: run background jobs, in a thread pool (embedded) or as a Celery worker over Redis."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading


def register(commands, bench) -> None:
    p = commands.add_parser("worker", help="run background jobs (thread pool, or a Celery worker over Redis)")
    p.add_argument(
        "--backend",
        choices=["thread", "celery"],
        help="default: celery when TECHBRIDGE_JOBS_BACKEND=celery, else thread",
    )
    p.add_argument(
        "--concurrency", type=int, help="jobs run at the same time (default TECHBRIDGE_JOBS_CONCURRENCY)"
    )
    p.add_argument("--loglevel", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    p.set_defaults(func=cmd_worker)


def _setup() -> None:
    from techbridge.commands.platform import django_setup

    django_setup()


def celery_argv(*, concurrency: int, queue: str, loglevel: str) -> list[str]:
    """The command line of a Celery worker for the platform's job queue."""
    return [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "techbridge.jobs.celery_app",
        "worker",
        "--queues",
        queue,
        "--concurrency",
        str(concurrency),
        "--loglevel",
        loglevel,
    ]


def cmd_worker(args: argparse.Namespace) -> int:
    from techbridge.cli import CommandError

    if args.concurrency is not None and not 1 <= args.concurrency <= 64:
        raise CommandError(f"--concurrency must be between 1 and 64, not {args.concurrency}")
    _setup()
    from techbridge.jobs import conf

    backend = args.backend or ("celery" if conf.backend() == "celery" else "thread")
    concurrency = args.concurrency or conf.concurrency()
    if backend == "celery":
        argv = celery_argv(concurrency=concurrency, queue=conf.queue(), loglevel=args.loglevel)
        os.environ["TECHBRIDGE_JOBS_BACKEND"] = "celery"  # retries and re-queued jobs go back to Redis
        print(f"TechBridge worker: Celery on {conf.redis_url()}, queue {conf.queue()!r}", flush=True)
        os.execv(sys.executable, argv)
    return _run_thread_pool(concurrency, args.loglevel)


def _run_thread_pool(concurrency: int, loglevel: str) -> int:
    import logging

    from techbridge.jobs import backends

    logging.getLogger("techbridge.jobs").setLevel(loglevel)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    backends.ensure_pool(concurrency)
    print(
        f"TechBridge worker: {concurrency} job thread(s) on the platform database; Ctrl+C stops", flush=True
    )
    stop.wait()
    print(
        "TechBridge worker: stopping (running jobs finish or are re-queued when their heartbeat goes stale)"
    )
    backends.stop_pool(timeout=30)
    return 0
