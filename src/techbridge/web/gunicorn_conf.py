"""gunicorn settings for production: `gunicorn -c python:techbridge.web.gunicorn_conf techbridge.web.wsgi`.

Everything that differs between machines comes from the environment (docs/deployment.md):

| variable | default | meaning |
|---|---|---|
| TECHBRIDGE_BIND | 127.0.0.1:8000 | address (or unix:/run/techbridge/web.sock) the reverse proxy talks to |
| TECHBRIDGE_WEB_WORKERS | number of CPUs | worker processes |
| TECHBRIDGE_WEB_THREADS | 4 | threads per worker (gthread): requests waiting on the database overlap |
| TECHBRIDGE_WEB_TIMEOUT | 60 | seconds a request may take before its worker is restarted |
| TECHBRIDGE_WEB_PRELOAD | true | load the application, text analyzer and match indexes once in the master |

With preloading, the master process loads the dictionaries and match indexes before it forks the workers, so
the workers start warm and share that memory (copy-on-write) instead of loading ~1 GB each at 100,000 profiles.
The access log names method, path (no query string: searches are personal data), status, size and duration;
no client address, no user agent, no referrer.
"""

from __future__ import annotations

import logging
import os

from techbridge.web.env import env_bool, env_int, env_str

bind = [env_str("TECHBRIDGE_BIND", "127.0.0.1:8000")]
workers = env_int("TECHBRIDGE_WEB_WORKERS", os.cpu_count() or 1, minimum=1, maximum=64)
threads = env_int("TECHBRIDGE_WEB_THREADS", 4, minimum=1, maximum=64)
worker_class = "gthread"
timeout = env_int("TECHBRIDGE_WEB_TIMEOUT", 60, minimum=5)
graceful_timeout = 30  # on SIGTERM/SIGHUP, requests in flight get this long to finish
keepalive = 5  # behind nginx, which keeps its upstream connections open
max_requests = 5000  # recycle workers now and then: bounded growth of per-process caches
max_requests_jitter = 500  # ... not all at the same moment
preload_app = env_bool("TECHBRIDGE_WEB_PRELOAD", True)
forwarded_allow_ips = env_str("TECHBRIDGE_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "techbridge-web"
wsgi_app = "techbridge.web.wsgi:application"
control_socket_disable = True  # systemd signals manage the server; one shared ~/.gunicorn socket would clash

accesslog = "-"
errorlog = "-"
loglevel = env_str("TECHBRIDGE_LOG_LEVEL", "INFO").lower()
access_log_format = "%(m)s %(U)s %(s)s %(B)s %(M)sms"


def when_ready(server) -> None:
    """In the master, before the workers are forked: warm the text analyzer and match indexes (preload only)."""
    if not preload_app:
        return
    from django.db import connections

    try:
        from techbridge.docking import engine

        engine.analyzer().warm_up()
        for name in ("profiles", "people"):
            server.log.info("match index %s: %d documents", name, len(engine.get_index(name)))
    except Exception:  # the platform serves without warm caches; the first search loads them
        logging.getLogger(__name__).warning("warm-up failed", exc_info=True)
    finally:
        connections.close_all()  # never share a database connection between forked workers


def post_fork(server, worker) -> None:
    from django.db import connections

    connections.close_all()
