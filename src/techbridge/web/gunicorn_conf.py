"""gunicorn settings for production: `gunicorn -c python:techbridge.web.gunicorn_conf techbridge.web.wsgi`.

Everything that differs between machines comes from the environment (docs/deployment.md):

| variable | default | meaning |
|---|---|---|
| TECHBRIDGE_BIND | 127.0.0.1:8000 | address (or unix:/run/techbridge/web.sock) the reverse proxy talks to |
| TECHBRIDGE_WEB_WORKERS | 2 x number of CPUs + 1 | worker processes |
| TECHBRIDGE_WEB_THREADS | 1 | 1: sync workers, one request at a time each; more: gthread workers with that many threads |
| TECHBRIDGE_WEB_TIMEOUT | 60 | seconds a request may take before its worker is restarted |
| TECHBRIDGE_WEB_PRELOAD | true | load the application, text analyzer and match indexes once in the master |

With preloading, the master process loads the dictionaries and match indexes before it forks the workers, so
the workers start warm and share that memory (copy-on-write) instead of loading ~1 GB each at 100,000 profiles.
Behind the proxy, REMOTE_ADDR is the client address nginx appended to X-Forwarded-For (see `application`), so
the sign-in throttle counts failures per client, not per proxy. The access log names method, path (no query string: searches are personal data), status, size and duration;
no client address, no user agent, no referrer.
"""

from __future__ import annotations

import gc
import logging
import os

from techbridge.web.env import env_bool, env_int, env_str

bind = [env_str("TECHBRIDGE_BIND", "127.0.0.1:8000")]
# Sync workers (gunicorn's own advice behind a buffering proxy such as nginx): a worker takes a connection only
# when it is free, so the load spreads evenly. With threaded (gthread) workers a keep-alive connection stays with
# the worker that accepted it, and Python runs one thread of a process at a time: one worker used 84 s of CPU
# while another used 16 s in the same load test run, and its clients queued (p95 236-269 ms against 179-220 ms
# with five sync workers, back to back; docs/benchmarks/load.md).
workers = env_int("TECHBRIDGE_WEB_WORKERS", 2 * (os.cpu_count() or 1) + 1, minimum=1, maximum=64)
threads = env_int("TECHBRIDGE_WEB_THREADS", 1, minimum=1, maximum=64)
worker_class = "sync" if threads == 1 else "gthread"
timeout = env_int("TECHBRIDGE_WEB_TIMEOUT", 60, minimum=5)
graceful_timeout = 30  # on SIGTERM/SIGHUP, requests in flight get this long to finish
keepalive = 5  # gthread workers only (sync workers close each connection after its response)
# Recycle workers now and then (bounded growth of per-process memory), but not every few minutes: a new worker
# starts without its term-impact and explanation caches and serves match lists at half speed until they refill.
max_requests = 20000
max_requests_jitter = 2000  # ... not all at the same moment
preload_app = env_bool("TECHBRIDGE_WEB_PRELOAD", True)
forwarded_allow_ips = env_str("TECHBRIDGE_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "techbridge-web"
wsgi_app = "techbridge.web.gunicorn_conf:application"
control_socket_disable = True  # systemd signals manage the server; one shared ~/.gunicorn socket would clash

accesslog = "-"
errorlog = "-"
loglevel = env_str("TECHBRIDGE_LOG_LEVEL", "INFO").lower()
access_log_format = "%(m)s %(U)s %(s)s %(B)s %(M)sms"


_TRUSTED = {ip.strip() for ip in forwarded_allow_ips.split(",") if ip.strip()}


def application(environ, start_response):
    """Django, with REMOTE_ADDR set to the client address when the request comes from a trusted proxy.

    nginx's `$proxy_add_x_forwarded_for` appends the address it saw to X-Forwarded-For; only that last entry
    is trusted (the ones before it are whatever the client sent). Without this, every request would come
    from 127.0.0.1 and five failed sign-ins by anyone would lock everyone out for 15 minutes.
    """
    from techbridge.web.wsgi import application as django_application

    if environ.get("REMOTE_ADDR") in _TRUSTED or "*" in _TRUSTED:
        hops = [hop.strip() for hop in environ.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if hops:
            environ["REMOTE_ADDR"] = hops[-1]
    return django_application(environ, start_response)


def when_ready(server) -> None:
    """In the master, before the workers are forked: warm the text analyzer and match indexes (preload only)."""
    if not preload_app:
        return
    from django.db import connections

    import techbridge.web.wsgi  # noqa: F401  (sets Django up)

    try:
        from techbridge.docking import engine

        engine.analyzer().warm_up()
        for name in ("profiles", "people"):
            server.log.info("match index %s: %d documents", name, len(engine.get_index(name)))
    except Exception:  # the platform serves without warm caches; the first search loads them
        logging.getLogger(__name__).warning("warm-up failed", exc_info=True)
    finally:
        connections.close_all()  # never share a database connection between forked workers
        freeze_preloaded_objects()


def freeze_preloaded_objects() -> None:
    """Move everything loaded so far out of the cyclic garbage collector's reach (``gc.freeze``).

    The preloaded dictionaries and match indexes are millions of long-lived objects. Without this, the first
    full collection in each forked worker walked all of them, holding the GIL: the load test saw a worker
    stop answering for 25-30 s (py-spy: one thread in ``Model.__init__``, where the allocation triggered the
    collection), and touching every object's header copied the shared memory pages into the worker.
    """
    gc.collect()
    gc.freeze()


def post_fork(server, worker) -> None:
    from django.db import connections

    import techbridge.web.wsgi  # noqa: F401  (without preloading: set Django up before the first request)

    connections.close_all()
