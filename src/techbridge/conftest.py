"""Django test fixtures: a small world of countries, terms, organisations, users and profiles."""

from __future__ import annotations

import pytest

PASSWORD = "correct-horse-battery-9"


@pytest.fixture
def world(db):
    """Two countries, two terms, three organisations, one user per role, a published and a draft profile."""
    from techbridge.accounts.models import User
    from techbridge.directory.models import City, Country, Organisation, TaxonomyTerm
    from techbridge.marketplace.models import Profile

    cn = Country.objects.create(code="CN", name_en="China", name_zh="中国", group="china")
    pl = Country.objects.create(code="PL", name_en="Poland", name_zh="波兰", group="cee")
    ningbo = City.objects.create(key="ningbo", name_en="Ningbo", name_zh="宁波", country=cn)
    energy = TaxonomyTerm.objects.create(
        code="energy",
        scheme="technology",
        label_en="New energy",
        label_zh="新能源",
        labels={"pl": "Nowa energia"},
    )
    battery = TaxonomyTerm.objects.create(
        code="energy.storage",
        scheme="technology",
        parent=energy,
        label_en="Energy storage and batteries",
        label_zh="储能与电池",
        labels={"pl": "Magazynowanie energii"},
    )
    ningbo_org = Organisation.objects.create(
        key="nb-battery",
        name="宁波电池科技有限公司",
        name_en="Ningbo Battery Tech",
        kind="enterprise",
        country=cn,
        city=ningbo,
    )
    polish_org = Organisation.objects.create(
        key="pl-storage", name="Kraków Storage Sp. z o.o.", kind="enterprise", country=pl
    )
    third_org = Organisation.objects.create(
        key="pl-third", name="Third Party Labs", kind="research_institute", country=pl
    )

    def user(username, role, org=None):
        return User.objects.create_user(
            username=username, password=PASSWORD, role=role, organisation=org, email=f"{username}@example.org"
        )

    users = {
        "admin": User.objects.create_superuser("admin", "admin@example.org", PASSWORD, role="admin"),
        "broker": user("broker", "broker"),
        "member": user("member", "member", ningbo_org),
        "member_pl": user("member_pl", "member", polish_org),
        "member_third": user("member_third", "member", third_org),
        "evaluator": user("evaluator", "evaluator"),
        "analyst": user("analyst", "analyst"),
    }
    published = Profile.objects.create(
        reference="TOPL20260101001",
        kind="offer",
        organisation=polish_org,
        title="Solid-state battery cells",
        summary="Solid-state lithium cells with 30% higher energy density for e-mobility; licence or joint "
        "development with a manufacturer in China sought.",
        description="x" * 400,
        language="en",
        trl=6,
        partnership_types=["licence"],
        status="published",
        confidential_details="Price: EUR 2m",
    )
    published.technology_keywords.set([battery])
    draft = Profile.objects.create(
        reference="TRCN20260101001",
        kind="request",
        organisation=ningbo_org,
        title="寻求储能电池管理技术",
        summary="宁波企业寻求电池管理系统技术。",
        language="zh",
        status="draft",
        confidential_details="预算 500 万元",
    )
    return {
        "countries": {"CN": cn, "PL": pl},
        "terms": {"energy": energy, "battery": battery},
        "orgs": {"ningbo": ningbo_org, "polish": polish_org, "third": third_org},
        "users": users,
        "published": published,
        "draft": draft,
    }


@pytest.fixture
def login(client):
    """login(user) signs the test client in and returns it."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def api(client, world):
    """api(who) -> call(method, path, json=None, **params) with that `world` user's bearer token."""
    from techbridge.accounts.models import ApiToken

    def _for(who):
        _token, raw = ApiToken.issue(world["users"][who])

        def call(method, path, json=None, **params):
            kwargs = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
            if json is not None:
                return getattr(client, method)(path, json, content_type="application/json", **kwargs)
            if params:
                return getattr(client, method)(path, params, **kwargs)
            return getattr(client, method)(path, **kwargs)

        return call

    return _for


@pytest.fixture
def browser():
    """A headless Chromium driven by Playwright (skipped with the reason when Debian's chromium is absent)."""
    import os

    from techbridge.web.tests.browser import ARTEFACTS, CHROMIUM_ARGS, chromium_path

    path = chromium_path()
    if path is None:
        pytest.skip("Debian's chromium is not installed (scripts/test.sh installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = (
        "true"  # Playwright's sync API runs an event loop in this thread
    )
    ARTEFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(autouse=True)
def _fresh_match_index():
    """Each test starts without a match index (the database is rolled back between tests)."""
    yield
    import shutil

    from techbridge.docking import engine

    engine.reset()
    shutil.rmtree(engine.index_dir("profiles").parent, ignore_errors=True)


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """Sign-in failures counted by one test must not block the next (the cache outlives a test)."""
    if "django_db_setup" in request.fixturenames or "db" in request.fixturenames:
        from django.core.cache import cache

        cache.clear()
    yield
