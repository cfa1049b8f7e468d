"""HTTP load test of a served platform: virtual users sign in and browse like people do (docs/benchmarks/load.md).

Each virtual user is a thread with its own keep-alive connection and cookies. It signs in through the login
form and takes an API token; when all have signed in (not measured as browsing), each repeats for
--duration seconds: pick an action by weight, send its request(s), think for a uniform 1-3 s (--think).
Actions:

    search         free-text marketplace search          GET /profiles/?q=<word of a topic, any language>
    filter         marketplace list with filters         GET /profiles/?kind=..&country=..&trl_min=.. (or &term=)
    profile        a profile page, then its match list   GET /profiles/<ref>/ + GET /profiles/<ref>/matches/ (HTMX)
    idea           docking search for a free-text idea    GET /docking/?q=<idea>&target=..
    api_list       API list with filters (token)          GET /api/profiles?kind=..&country=..
    api_profile    API profile (token)                    GET /api/profiles/<ref>
    api_matches    API matches of a profile (token)       GET /api/profiles/<ref>/matches
    api_search     API docking search (token)             GET /api/docking/search?q=<idea>

Only 127.0.0.1/localhost is allowed as target. Requests carry X-Forwarded-Proto: https, as the TLS-terminating
nginx of docs/deployment.md sends it. The report (JSON on stdout and --out) has, per endpoint and overall,
the number of requests, errors (status >= 400, other than expected, or no answer) and p50/p95/p99 in ms.

    .venv/bin/python benchmarks/load_http.py --base http://127.0.0.1:8000 --plan /tmp/techbridge-load/load-plan.json \\
        --users 50 --duration 300 --out docs/benchmarks/load-run1.json
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import random
import re
import sys
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

ACTIONS = {  # action -> weight (share of the actions a user takes)
    "search": 15,
    "filter": 15,
    "profile": 25,
    "idea": 10,
    "api_list": 10,
    "api_profile": 10,
    "api_matches": 10,
    "api_search": 5,
}
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


@dataclass
class Sample:
    endpoint: str
    status: int
    ms: float
    error: str = ""


@dataclass
class Recorder:
    samples: list[Sample] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sample: Sample) -> None:
        with self.lock:
            self.samples.append(sample)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


class Client:
    """One browser: a keep-alive connection and a cookie jar."""

    def __init__(self, host: str, port: int, recorder: Recorder, timeout: float = 60.0):
        self.host, self.port, self.recorder, self.timeout = host, port, recorder, timeout
        self.cookies: dict[str, str] = {}
        self.token = ""
        self.conn: http.client.HTTPConnection | None = None

    def request(
        self,
        endpoint: str,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: dict | None = None,
        expect: tuple[int, ...] = (200,),
        record: bool = True,
    ) -> tuple[int, bytes]:
        hdrs = {"X-Forwarded-Proto": "https", "Accept-Encoding": "identity", **(headers or {})}
        if self.cookies:
            hdrs["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.perf_counter()
        status, data, error = 0, b"", ""
        for attempt in (1, 2):  # a keep-alive connection the server closed in the meantime: reconnect once
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
                self.conn.request(method, path, body=body, headers=hdrs)
                response = self.conn.getresponse()
                data = response.read()
                status = response.status
                for header in response.headers.get_all("Set-Cookie") or []:
                    cookie = SimpleCookie()
                    cookie.load(header)
                    for name, morsel in cookie.items():
                        self.cookies[name] = morsel.value
                if response.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as exc:
                self.conn = None
                if attempt == 2:
                    error = f"{type(exc).__name__}"
            except OSError as exc:  # timeout, refused
                self.conn = None
                error = f"{type(exc).__name__}: {exc}"
                break
        ms = (time.perf_counter() - started) * 1000
        if not error and status not in expect:
            error = f"HTTP {status}"
        if record:
            self.recorder.add(Sample(endpoint, status, ms, error))
        if error and not record:
            raise RuntimeError(f"{method} {path}: {error}")
        return status, data


class Phase:
    """Signing in (password hashing is slow by design) is not part of the measured browsing: the browsing
    phase starts when the last user has signed in and lasts --duration seconds."""

    def __init__(self, users: int, duration: float):
        self.barrier = threading.Barrier(users, action=self._start)
        self.duration = duration
        self.started = self.stop_at = 0.0

    def _start(self) -> None:
        self.started = time.monotonic()
        self.stop_at = self.started + self.duration

    def signed_in(self) -> float:
        self.barrier.wait()
        return self.stop_at


class VirtualUser(threading.Thread):
    def __init__(self, n: int, args, plan: dict, recorder: Recorder, start_at: float, phase: Phase):
        super().__init__(name=f"vu-{n}", daemon=True)
        self.n, self.args, self.plan, self.start_at, self.phase = n, args, plan, start_at, phase
        self.rng = random.Random(args.seed * 1000 + n)
        base = urlsplit(args.base)
        self.client = Client(base.hostname, base.port or 80, recorder)
        self.origin = f"https://{base.hostname}:{base.port or 80}"
        self.failed = ""

    def run(self) -> None:
        time.sleep(max(0.0, self.start_at - time.monotonic()))
        try:
            self.sign_in()
        except Exception as exc:  # counted as an error of the sign-in; the user gives up
            self.failed = str(exc)
            self.client.recorder.add(Sample("sign_in", 0, 0.0, self.failed))
        stop_at = self.phase.signed_in()  # browsing starts when every user has signed in
        if self.failed:
            return
        names, weights = list(ACTIONS), list(ACTIONS.values())
        time.sleep(self.rng.uniform(0, self.args.think_max))  # do not all start in the same instant
        while time.monotonic() < stop_at:
            getattr(self, "do_" + self.rng.choices(names, weights)[0])()
            time.sleep(self.rng.uniform(self.args.think_min, self.args.think_max))

    # --- session -------------------------------------------------------------------------------------
    def sign_in(self) -> None:
        user = self.plan["users"][self.n % len(self.plan["users"])]
        status, page = self.client.request("login_page", "GET", "/accounts/login/")
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if not match:
            raise RuntimeError(f"no CSRF token on the login page (HTTP {status})")
        form = urlencode(
            {
                "csrfmiddlewaretoken": match.group(1).decode(),
                "username": user["username"],
                "password": self.plan["password"],
            }
        ).encode()
        status, _ = self.client.request(
            "sign_in",
            "POST",
            "/accounts/login/",
            body=form,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": self.origin,
                "Referer": self.origin + "/accounts/login/",
            },
            expect=(302,),
        )
        if "sessionid" not in self.client.cookies:
            raise RuntimeError(f"sign-in of {user['username']} failed (HTTP {status})")
        body = json.dumps({"username": user["username"], "password": self.plan["password"]}).encode()
        status, data = self.client.request(
            "api_token",
            "POST",
            "/api/auth/token",
            body=body,
            headers={
                "Content-Type": "application/json",
                "X-CSRFToken": self.client.cookies.get("csrftoken", ""),
            },
        )
        self.client.token = json.loads(data)["token"] if status == 200 else ""

    def _api(self, endpoint: str, path: str) -> None:
        saved, self.client.cookies = self.client.cookies, {}  # API clients send the token, not the session
        try:
            self.client.request(
                endpoint, "GET", path, headers={"Authorization": f"Bearer {self.client.token}"}
            )
        finally:
            self.client.cookies = saved

    def _ref(self) -> str:
        return self.rng.choice(self.plan["references"])

    def _filters(self) -> dict:
        f: dict = {"kind": self.rng.choice(["offer", "request", "rnd", "business", ""])}
        if self.rng.random() < 0.6:
            f["country"] = self.rng.choice(self.plan["countries"])
        if self.rng.random() < 0.4:
            f["trl_min"] = self.rng.randint(3, 7)
        if self.rng.random() < 0.3:
            f["term"] = self.rng.choice(self.plan["terms"])
        if self.rng.random() < 0.3:
            f["page"] = self.rng.randint(2, 5)
        return {k: v for k, v in f.items() if v != ""}

    # --- actions -------------------------------------------------------------------------------------
    def do_search(self) -> None:
        word = self.rng.choice(self.plan["search_words"])
        self.client.request("search", "GET", "/profiles/?q=" + quote(word))

    def do_filter(self) -> None:
        self.client.request("filter", "GET", "/profiles/?" + urlencode(self._filters()))

    def do_profile(self) -> None:
        ref = self._ref()
        self.client.request("profile", "GET", f"/profiles/{ref}/")
        self.client.request(
            "profile_matches", "GET", f"/profiles/{ref}/matches/", headers={"HX-Request": "true"}
        )

    def do_idea(self) -> None:
        q = self.rng.choice(self.plan["idea_queries"])
        target = self.rng.choice(["technologies", "technologies", "needs", "partners"])
        self.client.request("idea", "GET", "/docking/?" + urlencode({"q": q, "target": target}))

    def do_api_list(self) -> None:
        f = self._filters()
        f.pop("term", None)
        self._api("api_list", "/api/profiles?" + urlencode(f))

    def do_api_profile(self) -> None:
        self._api("api_profile", f"/api/profiles/{self._ref()}")

    def do_api_matches(self) -> None:
        self._api("api_matches", f"/api/profiles/{self._ref()}/matches")

    def do_api_search(self) -> None:
        q = self.rng.choice(self.plan["idea_queries"])
        self._api("api_search", "/api/docking/search?" + urlencode({"q": q}))


def summarise(samples: list[Sample], seconds: float) -> dict:
    def stats(group: list[Sample]) -> dict:
        ms = [s.ms for s in group if not s.error or s.status]
        return {
            "count": len(group),
            "errors": sum(1 for s in group if s.error),
            "p50_ms": round(percentile(ms, 50), 1) if ms else None,
            "p95_ms": round(percentile(ms, 95), 1) if ms else None,
            "p99_ms": round(percentile(ms, 99), 1) if ms else None,
            "max_ms": round(max(ms), 1) if ms else None,
        }

    endpoints = sorted({s.endpoint for s in samples})
    errors: dict[str, int] = {}
    for s in samples:
        if s.error:
            key = f"{s.endpoint}: {s.error}"
            errors[key] = errors.get(key, 0) + 1
    return {
        "overall": {**stats(samples), "requests_per_second": round(len(samples) / seconds, 2)},
        "endpoints": {name: stats([s for s in samples if s.endpoint == name]) for name in endpoints},
        "error_kinds": errors,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--plan", type=Path, required=True, help="written by benchmarks/load_seed.py")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=300.0, help="seconds of browsing after the ramp-up")
    parser.add_argument("--ramp", type=float, default=10.0, help="seconds over which the users start")
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    args.think_min, args.think_max = args.think
    base = urlsplit(args.base)
    if base.scheme != "http" or base.hostname not in LOCAL_HOSTS:
        parser.error(
            "--base must be http://127.0.0.1:<port> (the load test sends traffic only to this machine)"
        )
    if args.users < 1 or args.duration <= 0 or not 0 <= args.think_min <= args.think_max:
        parser.error("--users >= 1, --duration > 0 and 0 <= think MIN <= MAX")
    plan = json.loads(args.plan.read_text())

    recorder = Recorder()
    now = time.monotonic()
    phase = Phase(args.users, args.duration)
    users = [
        VirtualUser(n, args, plan, recorder, now + args.ramp * n / args.users, phase)
        for n in range(args.users)
    ]
    for user in users:
        user.start()
    for user in users:
        user.join()
    elapsed = time.monotonic() - phase.started  # the browsing phase, until its last answer
    # The sign-in steps (login page, form post, token) are reported but not part of the browsing mix.
    session = ("login_page", "sign_in", "api_token")
    browsing = [s for s in recorder.samples if s.endpoint not in session]
    report = {
        "config": {
            "base": args.base,
            "users": args.users,
            "duration_s": args.duration,
            "ramp_s": args.ramp,
            "think_s": [args.think_min, args.think_max],
            "seed": args.seed,
            "weights": ACTIONS,
        },
        "sign_in_phase_s": round(phase.started - now, 1),
        "browsing_phase_s": round(elapsed, 1),
        "browsing": summarise(browsing, elapsed),
        "sign_in": summarise([s for s in recorder.samples if s.endpoint in session], elapsed)["endpoints"],
        "users_failed": [u.failed for u in users if u.failed],
    }
    text = json.dumps(report, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")
    return 0 if not report["browsing"]["overall"]["errors"] and not report["users_failed"] else 1


if __name__ == "__main__":
    sys.exit(main())
