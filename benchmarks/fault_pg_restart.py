"""Fault benchmark: PostgreSQL restarted under load (docs/benchmarks/faults.md).

A private, throw-away PostgreSQL cluster (initdb in a temporary directory, its own port and socket
directory; the machine's shared server is never touched) holds the platform's database; the platform
is served by gunicorn (the production server) and a few client threads request pages, a search, the
API and /health/ without pause. In the middle, PostgreSQL is stopped (`pg_ctl stop -m fast`), left
down for a few seconds and started again. Checked:

- during the outage every response is a clean 503 (HTML page in the client's language or JSON under
  /api/, Retry-After, no traceback), /health/ says 503 with the database down;
- no response is a 500 and no request hangs beyond the client timeout;
- after the restart requests succeed again within seconds, with the same server processes.

    sudo is not needed when run as root; otherwise the script must be able to `runuser -u postgres`.
    .venv/bin/python benchmarks/fault_pg_restart.py                  # lean: empty platform, one user
    .venv/bin/python benchmarks/fault_pg_restart.py --demo --clients 6 --outage 8 --json out.json
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

PG_VERSIONS = ("17", "16", "15", "14")
USERNAME, PASSWORD = "drill-broker", "outage-drill-2026"
CLIENT_TIMEOUT = 15.0  # seconds; a request that takes longer counts as hung


def pg_bin() -> Path | None:
    """The directory of initdb/pg_ctl of an installed PostgreSQL server, or None."""
    for version in PG_VERSIONS:
        path = Path(f"/usr/lib/postgresql/{version}/bin")
        if (path / "initdb").exists() and (path / "pg_ctl").exists():
            return path
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivateCluster:
    """A PostgreSQL cluster of our own in `root`, run as the postgres system user on 127.0.0.1:`port`."""

    def __init__(self, root: Path, port: int):
        self.root, self.port = root, port
        self.data, self.sockets, self.log = root / "pgdata", root / "pgsock", root / "postgres.log"
        self.bin = pg_bin()
        if self.bin is None:
            raise RuntimeError("no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql")

    def _as_postgres(self, *argv: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else list(argv)
        return subprocess.run(cmd, check=check, capture_output=True, text=True, timeout=120)

    def init(self) -> None:
        self.sockets.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
            shutil.chown(self.sockets, "postgres")
        self._as_postgres(
            str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions", "--no-sync",
        )  # fmt: skip

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"  # throw-away data: speed
        )
        self._as_postgres(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.log), "-w", "start"
        )

    def stop(self) -> None:
        """Fast shutdown: sessions are terminated at once, as in a restart by the operator."""
        self._as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def destroy(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._as_postgres(
                str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False
            )
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"


# -- the platform ----------------------------------------------------------------------------------------------


def platform_env(
    cluster: PrivateCluster, data_dir: Path, web_port: int, *, workers: int = 2, preload: bool = True
) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "techbridge.web.settings",
        "DATABASE_URL": cluster.url("techbridge"),
        "TECHBRIDGE_DATA_DIR": str(data_dir),
        "TECHBRIDGE_JOBS_BACKEND": "thread",
        "TECHBRIDGE_BIND": f"127.0.0.1:{web_port}",
        "TECHBRIDGE_WEB_WORKERS": str(workers),
        "TECHBRIDGE_WEB_PRELOAD": "true" if preload else "false",
        "TECHBRIDGE_WEB_THREADS": "4",
        "TECHBRIDGE_LOG_LEVEL": "WARNING",
    }
    for name in ("TECHBRIDGE_TEST_DATABASE_NAME", "TECHBRIDGE_CACHE_URL"):
        env.pop(name, None)
    return env


def techbridge(env: dict[str, str], *args: str, timeout: float = 900) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "techbridge.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if out.returncode != 0:
        raise RuntimeError(f"techbridge {' '.join(args)} failed:\n{out.stdout[-2000:]}\n{out.stderr[-3000:]}")
    return out.stdout


def prepare(env: dict[str, str], cluster: PrivateCluster, *, demo: bool) -> str:
    """Create the database, migrate (and load the demo); returns the user name the clients sign in with."""
    cluster._as_postgres(
        str(cluster.bin / "createdb"),
        "-h",
        "127.0.0.1",
        "-p",
        str(cluster.port),
        "-U",
        "postgres",
        "techbridge",
    )
    if demo:
        techbridge(env, "demo", "--no-serve")
        return "broker"
    script = (  # one process: Django's start-up is paid once
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('migrate', verbosity=0); from techbridge.accounts.models import User; "
        f"User.objects.create_user(username={USERNAME!r}, password={PASSWORD!r}, role='broker')"
    )
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise RuntimeError(f"migrate failed:\n{out.stderr[-3000:]}")
    return USERNAME


class Server:
    """gunicorn with the platform's production configuration, in its own process group."""

    def __init__(self, env: dict[str, str], port: int, log: Path):
        self.env, self.port, self.log = env, port, log
        self.proc: subprocess.Popen | None = None

    def launch(self) -> None:
        """Start gunicorn (it may load the application while the database is still being migrated)."""
        argv = [sys.executable, "-m", "gunicorn", "-c", "python:techbridge.web.gunicorn_conf"]
        with self.log.open("w") as out:
            self.proc = subprocess.Popen(
                argv, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )

    def wait_ready(self, timeout: float = 120.0) -> None:
        assert self.proc is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited with {self.proc.returncode}:\n{self.log.read_text()[-3000:]}"
                )
            try:
                if request(self.port, "GET", "/health/", timeout=5).status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(
            f"gunicorn did not answer /health/ in {timeout} s:\n{self.log.read_text()[-3000:]}"
        )

    def pids(self) -> set[int]:
        """The master and its workers: the same set before and after the outage means no restart."""
        assert self.proc is not None
        out = subprocess.run(["ps", "-o", "pid=", "-g", str(self.proc.pid)], capture_output=True, text=True)
        return {int(p) for p in out.stdout.split()}

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)


# -- clients ---------------------------------------------------------------------------------------------------


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: str


def request(
    port: int, method: str, path: str, *, headers=None, body: str | None = None, timeout=CLIENT_TIMEOUT
):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read().decode("utf-8", "replace")
        reply = Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, data)
        reply.cookies = response.headers.get_all("Set-Cookie") or []  # type: ignore[attr-defined]
        return reply
    finally:
        conn.close()


def sign_in(port: int, username: str, password: str, language: str) -> tuple[str, str]:
    """(cookie header of a signed-in session, API bearer token)."""
    cookies = {"techbridge_language": language}
    page = request(port, "GET", "/accounts/login/", headers={"Cookie": _cookie_header(cookies)})
    _take_cookies(cookies, page)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
    if token is None:
        raise RuntimeError(f"no CSRF token on the sign-in page ({page.status})")
    form = f"username={username}&password={password}&csrfmiddlewaretoken={token.group(1)}"
    done = request(
        port,
        "POST",
        "/accounts/login/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": _cookie_header(cookies),
            "Referer": f"http://127.0.0.1:{port}/accounts/login/",
        },
    )
    _take_cookies(cookies, done)
    if done.status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"sign-in failed with {done.status}")
    api = request(
        port,
        "POST",
        "/api/auth/token",
        body=json.dumps({"username": username, "password": password}),
        headers={"Content-Type": "application/json"},
    )
    if api.status != 200:
        raise RuntimeError(f"API token refused with {api.status}: {api.body[:200]}")
    return _cookie_header(cookies), json.loads(api.body)["token"]


def _take_cookies(jar: dict[str, str], reply: Reply) -> None:
    for raw in getattr(reply, "cookies", []):
        name, _, rest = raw.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]


def _cookie_header(jar: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in jar.items())


TARGETS = [  # (kind, path): what a working day's traffic touches
    ("page", "/"),
    ("page", "/profiles/"),
    ("search", "/profiles/?q=battery+storage"),
    ("page", "/organisations/"),
    ("api", "/api/profiles?limit=5"),
    ("health", "/health/"),
]


@dataclass
class Sample:
    client: int
    kind: str
    path: str
    started: float
    ended: float
    status: int  # 0: no response (connection error or timeout)
    error: str = ""
    problems: list[str] = field(default_factory=list)


def check_reply(kind: str, language: str, reply: Reply) -> list[str]:
    """What is wrong with a reply, apart from its status (empty when it is clean)."""
    problems = []
    if "Traceback" in reply.body or "OperationalError: " in reply.body:
        problems.append("traceback or exception text in the body")
    if reply.status == 503:
        if kind == "health":  # the database check, or the job queue's count of jobs, failed
            health = json.loads(reply.body)
            if health.get("database") == "ok" and health.get("jobs", {}).get("status") != "error":
                problems.append("/health/ 503 without naming what failed")
            return problems
        if reply.headers.get("retry-after") is None:
            problems.append("503 without Retry-After")
        if kind == "api":
            detail = json.loads(reply.body).get("detail", "")
            expected = "暂时不可用" if language.startswith("zh") else "temporarily unavailable"
            if expected not in detail:  # in the client's language, like the page
                problems.append(f"API 503 without the JSON detail in {language}")
        elif f'<html lang="{language}">' not in reply.body:
            problems.append(f"503 page not in the client's language {language}")
    return problems


class Load:
    """`clients` threads, each signed in, cycling through TARGETS until stopped."""

    def __init__(self, port: int, username: str, password: str, clients: int):
        self.port, self.clients = port, clients
        self.languages = ["en" if n % 2 == 0 else "zh-hans" for n in range(clients)]
        self.sessions = [sign_in(port, username, password, lang) for lang in self.languages]
        self.samples: list[Sample] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(clients)]
        self.t0 = time.monotonic()

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=CLIENT_TIMEOUT + 5)

    def _run(self, n: int) -> None:
        cookie, token = self.sessions[n]
        language = self.languages[n]
        i = n
        while not self._stop.is_set():
            kind, path = TARGETS[i % len(TARGETS)]
            i += 1
            headers = {"Accept-Language": language}
            if kind == "api":
                headers["Authorization"] = f"Bearer {token}"
            elif kind != "health":
                headers["Cookie"] = cookie
            started = time.monotonic()
            try:
                reply = request(self.port, "GET", path, headers=headers)
                sample = Sample(n, kind, path, started, time.monotonic(), reply.status)
                sample.problems = check_reply(kind, language, reply)
            except (OSError, http.client.HTTPException) as exc:  # refused, reset, timed out
                sample = Sample(n, kind, path, started, time.monotonic(), 0, f"{type(exc).__name__}: {exc}")
            with self._lock:
                self.samples.append(sample)
            time.sleep(0.02)


# -- the drill -------------------------------------------------------------------------------------------------


def drill(
    *,
    demo: bool = False,
    clients: int = 4,
    before: float = 5.0,
    outage: float = 5.0,
    after: float = 10.0,
    workers: int = 2,
    preload: bool = True,
) -> dict:
    """Run the whole scenario; returns the measurements (see `verdict` for what must hold)."""
    root = Path(tempfile.mkdtemp(prefix="techbridge-pg-drill-"))
    root.chmod(0o755)
    cluster = PrivateCluster(root / "cluster", free_port())
    web_port = free_port()
    env = platform_env(cluster, root / "platform", web_port, workers=workers, preload=preload)
    (root / "platform").mkdir()
    server = Server(env, web_port, root / "gunicorn.log")
    timings: dict[str, float] = {}
    try:
        t = time.monotonic()
        cluster.init()
        cluster.start()
        if not demo:  # the demo loader warms the indexes on its own; gunicorn would load them in parallel
            server.launch()
        username = prepare(env, cluster, demo=demo)
        password = "techbridge-demo" if demo else PASSWORD
        if demo:
            server.launch()
        server.wait_ready()
        timings["setup_s"] = time.monotonic() - t
        pids = server.pids()
        load = Load(web_port, username, password, clients)
        load.start()
        time.sleep(before)
        marks = {"stop_begin": time.monotonic()}
        cluster.stop()
        marks["stop_done"] = time.monotonic()
        time.sleep(outage)
        marks["start_begin"] = time.monotonic()
        cluster.start()
        marks["start_done"] = time.monotonic()
        time.sleep(after)
        load.stop()
        same_processes = server.pids() == pids
        result = summarise(load.samples, marks, same_processes, timings, clients, demo)
        result["server"] = {"workers": workers, "threads": 4, "preload": preload}
        return result
    finally:
        server.stop()
        cluster.destroy()
        shutil.rmtree(root, ignore_errors=True)


def summarise(samples, marks, same_processes, timings, clients, demo) -> dict:
    def window(a, b):
        return [s for s in samples if s.started >= a and s.ended <= b]

    down = window(marks["stop_done"], marks["start_begin"])
    after = [s for s in samples if s.started >= marks["start_done"]]
    bad_after = [s for s in after if s.status != 200]
    last_bad = max((s.ended for s in bad_after), default=marks["start_done"])
    first_ok = min((s.ended for s in after if s.status == 200), default=float("nan"))
    tail = [s for s in samples if s.started >= last_bad]
    durations = [s.ended - s.started for s in samples]

    def statuses(group):
        out: dict[str, int] = {}
        for s in group:
            out[str(s.status)] = out.get(str(s.status), 0) + 1
        return dict(sorted(out.items()))

    return {
        "clients": clients,
        "demo": demo,
        "setup_s": round(timings["setup_s"], 1),
        "requests": len(samples),
        "statuses": statuses(samples),
        "stop_s": round(marks["stop_done"] - marks["stop_begin"], 2),
        "outage_s": round(marks["start_begin"] - marks["stop_done"], 2),
        "start_s": round(marks["start_done"] - marks["start_begin"], 2),
        "during_outage": {"requests": len(down), "statuses": statuses(down)},
        "during_outage_by_kind": {
            kind: statuses([s for s in down if s.kind == kind]) for kind in sorted({s.kind for s in down})
        },
        "health_during_outage": statuses([s for s in down if s.kind == "health"]),
        "after_restart": {"requests": len(after), "statuses": statuses(after)},
        "first_success_after_start_s": round(first_ok - marks["start_done"], 3),
        "recovered_after_start_s": round(last_bad - marks["start_done"], 3),
        "ok_after_recovery": sum(1 for s in tail if s.status == 200),
        "not_ok_after_recovery": sum(1 for s in tail if s.status != 200 and s.ended > last_bad),
        "errors_500": sum(1 for s in samples if s.status >= 500 and s.status != 503),
        "no_response": [s.error for s in samples if s.status == 0][:5],
        "slowest_s": round(max(durations), 3),
        "median_s": round(statistics.median(durations), 4),
        "problems": sorted({p for s in samples for p in s.problems})[:10],
        "same_server_processes": same_processes,
    }


def verdict(result: dict, *, recover_within: float = 10.0) -> list[str]:
    """The failed checks (empty when the platform behaved)."""
    failed = []
    down = result["during_outage"]
    if down["requests"] == 0:
        failed.append("no request fell entirely inside the outage")
    if set(down["statuses"]) != {"503"}:
        failed.append(f"during the outage: statuses {down['statuses']}, expected only 503")
    if not result["health_during_outage"] or set(result["health_during_outage"]) != {"503"}:
        failed.append(f"/health/ during the outage: {result['health_during_outage']}")
    if result["errors_500"]:
        failed.append(f"{result['errors_500']} responses were 5xx other than 503")
    if result["no_response"]:
        failed.append(f"requests without a response: {result['no_response']}")
    if result["slowest_s"] >= CLIENT_TIMEOUT:
        failed.append(f"a request took {result['slowest_s']} s")
    if result["problems"]:
        failed.append(f"unclean replies: {result['problems']}")
    if not result["recovered_after_start_s"] <= recover_within:
        failed.append(
            f"not recovered within {recover_within} s of the start: {result['recovered_after_start_s']}"
        )
    if result["ok_after_recovery"] == 0:
        failed.append("no successful request after the restart")
    if not result["same_server_processes"]:
        failed.append("the server's processes changed (restarted)")
    return failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--demo", action="store_true", help="load the demo data (about a minute) first")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--before", type=float, default=5.0, help="seconds of load before the stop")
    parser.add_argument("--outage", type=float, default=5.0, help="seconds PostgreSQL stays down")
    parser.add_argument("--after", type=float, default=10.0, help="seconds of load after the start")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--no-preload", action="store_true", help="load the application in each worker")
    parser.add_argument("--json", type=Path, help="also write the result to this file")
    args = parser.parse_args(argv)
    if pg_bin() is None:
        print("no PostgreSQL server binaries under /usr/lib/postgresql: nothing to run", file=sys.stderr)
        return 2
    result = drill(
        demo=args.demo,
        clients=args.clients,
        before=args.before,
        outage=args.outage,
        after=args.after,
        workers=args.workers,
        preload=not args.no_preload,
    )
    failed = verdict(result)
    result["verdict"] = failed if failed else "ok"
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
