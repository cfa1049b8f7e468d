"""Every page, walked: each POST form carries a CSRF token, no page has an inline script or event handler (the
CSP forbids them), every page is sent with the CSP and frame denial; pages the walk cannot reach are named.

The walk signs in as the demo administrator over the full demo data and follows every same-site link (href,
hx-get, GET form actions) from the dashboard, the navigation and every URL pattern without parameters, up to
three pages per URL pattern (Django's back office included). URL patterns it never reached are tried with
placeholder ids: a 405 there means a POST-only view (no page to check); anything else fails the test.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

pytestmark = [pytest.mark.slow, pytest.mark.django_db]  # the marker makes pytest-django set up the database

PER_PATTERN = 2
SKIP_PREFIXES = ("/static/", "/api/", "/accounts/logout/")
JS_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}


@dataclass
class Page:
    url: str
    forms: list[dict] = field(default_factory=list)  # {"method", "action", "csrf"}
    inline_scripts: list[str] = field(default_factory=list)
    handlers: list[str] = field(default_factory=list)  # on*= attributes, hx-on, javascript: URLs
    links: list[str] = field(default_factory=list)
    hx_unsafe: list[str] = field(default_factory=list)  # hx-post/put/patch/delete outside a form
    body_hx_headers: str | None = None


class _PageParser(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.form: dict | None = None
        self.script: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        for name, value in a.items():
            if re.fullmatch(r"on[a-z]+", name) or name.startswith("hx-on"):
                self.page.handlers.append(f"<{tag} {name}={value[:60]!r}>")
            if name in ("href", "src", "action", "formaction") and value.strip().lower().startswith(
                "javascript:"
            ):
                self.page.handlers.append(f"<{tag} {name}={value[:60]!r}>")
        if tag == "body":
            self.page.body_hx_headers = a.get("hx-headers")
        if tag == "form":
            self.form = {
                "method": a.get("method", "get").lower(),
                "action": a.get("action", ""),
                "csrf": False,
            }
            self.page.forms.append(self.form)
            if self.form["method"] == "get" and a.get("action"):
                self.page.links.append(a["action"])
        if (
            tag == "input"
            and self.form is not None
            and a.get("name") == "csrfmiddlewaretoken"
            and a.get("value")
        ):
            self.form["csrf"] = True
        if tag == "script":
            self.script = {"src": a.get("src", ""), "type": a.get("type", "").lower(), "text": ""}
        for attr in ("href", "hx-get"):
            if a.get(attr):
                self.page.links.append(a[attr])
        for verb in ("hx-post", "hx-put", "hx-patch", "hx-delete"):
            if verb in a and self.form is None:
                self.page.hx_unsafe.append(f"<{tag} {verb}={a[verb]!r}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_data(self, data):
        if self.script is not None:
            self.script["text"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        if tag == "script" and self.script is not None:
            s, self.script = self.script, None
            if s["type"] in JS_TYPES and (not s["src"] or s["text"].strip()):
                self.page.inline_scripts.append(s["text"].strip()[:80] or "<script> without src")


def parse(url: str, html: str) -> Page:
    page = Page(url)
    _PageParser(page).feed(html)
    return page


def _pattern_key(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name or match.route


def _same_site(base: str, link: str) -> str | None:
    link = link.strip()
    if not link or link.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    parts = urlsplit(urljoin(base, link))
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    if parts.path.startswith(SKIP_PREFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _patterns(patterns=None, prefix="", namespace=None):
    """(route, view name, the pattern's converters) of every URL pattern."""
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            ns = ":".join(x for x in (namespace, p.namespace) if x) or None
            yield from _patterns(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            yield prefix + str(p.pattern), name, p.pattern.converters


PLACEHOLDER = {"IntConverter": "999999", "UUIDConverter": str(uuid.UUID(int=1))}


def _placeholder_path(route: str, converters) -> str | None:
    """A path for a route with every parameter replaced by an id that does not exist (None for regex routes)."""
    if route.startswith("^") or "(?P" in route:
        return None

    def fill(m):
        conv = converters.get(m.group(2))
        return PLACEHOLDER.get(type(conv).__name__, "zz-none")

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, route)


def _fetch(client: Client, url: str, out: dict) -> Page | None:
    response = client.get(url)
    if response.status_code >= 500:
        out["failures"].append((url, response.status_code))
    if response.status_code == 404 or response.status_code >= 500:
        return None
    out["reached"][_pattern_key(urlsplit(url).path)] += 1  # redirects and 403s count: the view answered
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        return None
    page = parse(url, response.content.decode())
    page.headers = dict(response.headers)  # type: ignore[attr-defined]
    out["pages"].append(page)
    return page


def crawl(client: Client, starts: list[str], *, budget: int = 150) -> dict:
    """Breadth first, at most PER_PATTERN pages per URL pattern (one in the back office); then, within `budget`
    more requests, pages skipped by that cap are visited for links to patterns not reached yet."""
    out: dict = {"pages": [], "reached": Counter(), "failures": []}
    queue = list(dict.fromkeys(starts))
    seen: set[str] = set(queue)
    skipped: list[str] = []

    def cap(key: str) -> int:
        return 1 if key.startswith("admin:") else PER_PATTERN

    def follow(page: Page | None, into: list[str]) -> None:
        for link in page.links if page else ():
            target = _same_site(page.url, link)
            if target and target not in seen:
                seen.add(target)
                into.append(target)

    while queue:
        url = queue.pop(0)
        key = _pattern_key(urlsplit(url).path)
        if key is None:
            continue
        if out["reached"][key] >= cap(key):
            skipped.append(url)
            continue
        follow(_fetch(client, url, out), queue)
    while skipped and budget > 0:
        budget -= 1
        found: list[str] = []
        follow(_fetch(client, skipped.pop(0), out), found)
        for url in found:
            key = _pattern_key(urlsplit(url).path)
            if key is not None and out["reached"][key] == 0:
                follow(_fetch(client, url, out), found)
            else:
                skipped.append(url)
    return out


def _seed_pages_the_demo_lacks(admin: Client) -> list[str]:
    """An index run, an import dry run and a case document, so their pages exist for the walk; returns the
    pages that show them (and the progress fragments a finished job no longer links to)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from techbridge.accounts.models import User
    from techbridge.cases.documents import document_upload
    from techbridge.cases.models import Case
    from techbridge.evaluation import runs, services
    from techbridge.evaluation.tests.factories import TINY_CSV, csv_file, tiny_spec
    from techbridge.evaluation.uploads import dataset_upload

    user = User.objects.get(username="admin")
    framework = services.framework_create(by=user, spec=tiny_spec())
    (dataset,) = dataset_upload(framework=framework, by=user, upload=csv_file(TINY_CSV), year=2025)
    run = runs.run_start(run=runs.run_create(framework=framework, dataset=dataset, by=user), by=user)
    csv = "key,name,kind,country\nnb-motor,宁波电机,enterprise,CN\n"
    admin.post(
        "/import/",
        {
            "kind": "organisations",
            "mode": "create",
            "status": "draft",
            "file": SimpleUploadedFile("o.csv", csv.encode()),
        },
    )
    case = Case.objects.order_by("pk").first()
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    document_upload(case=case, by=user, title="NDA", kind="nda", upload=SimpleUploadedFile("nda.pdf", pdf))
    from techbridge.jobs.models import Job

    job = Job.objects.order_by("created_at").last()
    return [f"/cases/{case.pk}/", f"/evaluation/runs/{run.pk}/progress/", f"/jobs/{job.pk}/progress/"]


@pytest.fixture(scope="module")
def walked(django_db_setup, django_db_blocker):
    """The admin's and a member's walks over the demo data (rolled back afterwards)."""
    from techbridge.accounts.models import User
    from techbridge.web.demo_loader import demo_load

    with django_db_blocker.unblock(), transaction.atomic():
        demo_load()
        admin = Client()
        admin.force_login(User.objects.get(username="admin"))
        seeded = _seed_pages_the_demo_lacks(admin)
        starts = ["/", "/admin/", *seeded] + [
            "/" + route
            for route, _name, conv in _patterns()
            if not conv and not route.startswith(("^", "api/"))
        ]
        result = crawl(admin, [s for s in starts if not s.startswith(SKIP_PREFIXES)])
        unreached = {}
        for route, name, conv in _patterns():
            key = name or route
            if result["reached"][key] or route.startswith("api/"):
                continue
            path = _placeholder_path(route, conv)
            if path is None or path.startswith(SKIP_PREFIXES):
                continue
            status = admin.get(path).status_code
            # 405: a POST-only view (no page). The back office answers a missing object with a redirect or
            # 404 and the add page of a read-only model with 403.
            if status != 405 and not (path.startswith("/admin/") and status in (302, 403, 404)):
                unreached[key] = (path, status)
        member = Client()
        member.force_login(User.objects.get(username="member"))
        member_result = crawl(member, ["/"], budget=0)
        anonymous = Client()
        login_page = _fetch(anonymous, "/accounts/login/", member_result)
        assert login_page is not None and login_page.forms
        transaction.set_rollback(True)
    return {
        "pages": result["pages"] + member_result["pages"],
        "reached": result["reached"],
        "unreached": unreached,
        "failures": result["failures"] + member_result["failures"],
    }


def test_the_walk_reaches_every_page_and_no_page_fails(walked):
    assert walked["failures"] == []
    unreached = walked["unreached"]
    assert not unreached, "pages the walk never reached:\n" + "\n".join(
        f"{key}: GET {path} -> {status}" for key, (path, status) in sorted(unreached.items())
    )
    assert sum(1 for key in walked["reached"] if not key.startswith("admin:")) >= 70
    assert sum(1 for key in walked["reached"] if key.startswith("admin:")) >= 100


def test_every_post_form_carries_a_csrf_token(walked):
    missing = [
        f"{page.url}: form action={form['action']!r}"
        for page in walked["pages"]
        for form in page.forms
        if form["method"] == "post" and not form["csrf"]
    ]
    assert sum(f["method"] == "post" for p in walked["pages"] for f in p.forms) >= 100
    assert missing == []


def test_htmx_requests_send_the_csrf_token(walked):
    """Full pages carry the token in the body's hx-headers, so every HTMX request (hx-post outside a form
    included) sends X-CSRFToken; fragments have no body and land inside such a page."""
    platform_pages = [p for p in walked["pages"] if not p.url.startswith("/admin/")]
    full_pages = [p for p in platform_pages if p.body_hx_headers is not None]
    assert len(full_pages) >= 50
    for page in full_pages:
        assert re.fullmatch(r'\{"X-CSRFToken": "[A-Za-z0-9]{64}"\}', page.body_hx_headers), page.url
    assert [p.url for p in platform_pages if p.hx_unsafe and p.body_hx_headers is None] == []


def test_no_page_has_an_inline_script_or_event_handler(walked):
    found = [
        f"{page.url}: {item}" for page in walked["pages"] for item in page.inline_scripts + page.handlers
    ]
    assert found == []


def test_every_page_is_sent_with_the_csp_and_frame_denial(walked):
    for page in walked["pages"]:
        csp = page.headers["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
        assert (
            "'unsafe-inline'" not in directives["script-src"]
            and "'unsafe-eval'" not in directives["script-src"]
        )
        assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
        assert page.headers["X-Frame-Options"] == "DENY", page.url
        assert page.headers["X-Content-Type-Options"] == "nosniff", page.url


def test_the_parser_sees_what_it_must_refuse():
    page = parse(
        "/x/",
        '<body hx-headers=\'{"X-CSRFToken": "t"}\'><form method="post"><input name="q"></form>'
        '<form method="POST"><input type="hidden" name="csrfmiddlewaretoken" value="abc"></form>'
        '<script>alert(1)</script><script src="/static/a.js"></script>'
        '<script type="application/json">{"a": 1}</script><a href="javascript:void(0)" onclick="x()">x</a>'
        '<button hx-on:click="y()" hx-post="/z/">z</button>',
    )
    assert [f["csrf"] for f in page.forms] == [False, True]
    assert page.inline_scripts == ["alert(1)"]
    assert len(page.handlers) == 3 and page.hx_unsafe == ["<button hx-post='/z/'>"]
