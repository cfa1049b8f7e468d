"""Fixtures of the import/export tests: reference data, organisations and one user per role."""

from __future__ import annotations

import pytest


@pytest.fixture
def ref(db, settings, tmp_path):
    """Countries CN/PL/CZ, a city, taxonomy terms, two organisations, users; uploads kept under tmp_path."""
    from techbridge.accounts.models import User
    from techbridge.directory.models import City, Country, Organisation, TaxonomyTerm

    settings.MEDIA_ROOT = tmp_path / "media"
    cn = Country.objects.create(code="CN", name_en="China", name_zh="中国", group="china")
    pl = Country.objects.create(code="PL", name_en="Poland", name_zh="波兰", group="cee")
    Country.objects.create(code="CZ", name_en="Czechia", name_zh="捷克", group="cee")
    City.objects.create(key="ningbo", name_en="Ningbo", name_zh="宁波", country=cn)
    City.objects.create(key="krakow", name_en="Kraków", country=pl)
    energy = TaxonomyTerm.objects.create(
        code="energy", scheme="technology", label_en="New energy", label_zh="新能源"
    )
    TaxonomyTerm.objects.create(
        code="energy.storage",
        scheme="technology",
        parent=energy,
        label_en="Energy storage and batteries",
        label_zh="储能与电池",
        synonyms={"en": ["battery", "batteries"]},
    )
    TaxonomyTerm.objects.create(
        code="it.semiconductors",
        scheme="technology",
        label_en="Semiconductors",
        label_zh="半导体",
        synonyms={"en": ["chips", "microelectronics"]},
    )
    TaxonomyTerm.objects.create(code="auto", scheme="market", label_en="Automotive", label_zh="汽车")
    nb = Organisation.objects.create(
        key="nb-battery",
        name="宁波电池科技有限公司",
        name_en="Ningbo Battery Tech",
        kind="enterprise",
        country=cn,
    )
    krk = Organisation.objects.create(key="pl-storage", name="Kraków Storage", kind="enterprise", country=pl)

    def user(name, role, org=None):
        return User.objects.create_user(
            username=name,
            password="correct-horse-battery-9",
            role=role,
            organisation=org,
            email=f"{name}@example.org",
        )

    users = {
        "broker": user("broker", "broker"),
        "member": user("member", "member", nb),
        "analyst": user("analyst", "analyst"),
        "admin": user("admin", "admin"),
    }
    return {"orgs": {"nb": nb, "krk": krk}, "users": users, "tmp": tmp_path}


@pytest.fixture
def write(tmp_path):
    """write(name, text) puts a UTF-8 file in tmp_path and returns its path."""

    def _write(name: str, text: str, encoding: str = "utf-8"):
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return _write
