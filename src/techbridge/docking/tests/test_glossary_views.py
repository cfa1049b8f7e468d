"""The glossary page (brokers) and its API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from techbridge.docking.models import GlossaryEntry


@pytest.fixture
def entry(world):
    return GlossaryEntry.objects.create(language="zh", term="储能", english="energy storage")


def test_a_broker_lists_searches_and_adds_terms(login, world, entry, django_capture_on_commit_callbacks):
    client = login(world["users"]["broker"])
    page = client.get("/docking/glossary/").content.decode()
    row = '<td lang="zh">储能</td><td lang="en">energy storage</td>'
    assert row in page and 'href="/docking/glossary/"' in page  # and in the menu
    assert row not in client.get("/docking/glossary/?language=pl").content.decode()
    assert row in client.get("/docking/glossary/?q=storage").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/docking/glossary/", {"language": "pl", "term": "ogniwo paliwowe", "english": "fuel cell"}
        )
    assert response.status_code == 302
    assert GlossaryEntry.objects.get(language="pl").english == "fuel cell"
    assert "Added: ogniwo paliwowe → fuel cell." in client.get("/docking/glossary/").content.decode()


def test_a_bad_term_is_shown_next_to_its_field_and_nothing_is_saved(login, world):
    client = login(world["users"]["broker"])
    response = client.post("/docking/glossary/", {"language": "pl", "term": "", "english": "fuel cell"})
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="g-term-error"' in body and "This field is required." in body
    assert 'value="fuel cell"' in body  # what was typed is kept
    assert not GlossaryEntry.objects.exists()


def test_a_broker_removes_a_term(login, world, entry, django_capture_on_commit_callbacks):
    client = login(world["users"]["broker"])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/docking/glossary/{entry.pk}/delete/").status_code == 302
    assert not GlossaryEntry.objects.exists()
    assert client.get(f"/docking/glossary/{entry.pk}/delete/").status_code == 405


@pytest.mark.parametrize("who", ["member", "analyst"])
def test_other_roles_cannot_see_or_change_the_glossary(login, world, entry, who):
    client = login(world["users"][who])
    assert client.get("/docking/glossary/").status_code == 403
    assert (
        client.post("/docking/glossary/", {"language": "pl", "term": "a", "english": "b"}).status_code == 403
    )
    assert client.post(f"/docking/glossary/{entry.pk}/delete/").status_code == 403
    assert 'href="/docking/glossary/"' not in client.get("/").content.decode()
    assert GlossaryEntry.objects.count() == 1


def test_the_glossary_page_is_in_chinese_for_a_chinese_broker(login, world, entry):
    client = login(world["users"]["broker"])
    client.post(reverse("set-language"), {"language": "zh-hans", "next": "/"})
    body = client.get("/docking/glossary/").content.decode()
    assert "<h1>领域术语表</h1>" in body and "添加或修改术语" in body
    client.post(reverse("set-language"), {"language": "en", "next": "/"})


def test_the_api_lists_adds_changes_and_removes_terms(api, world, entry, django_capture_on_commit_callbacks):
    broker = api("broker")
    listed = broker("get", "/api/docking/glossary").json()
    assert listed["count"] == 1 and listed["items"][0]["english"] == "energy storage"
    with django_capture_on_commit_callbacks(execute=True):
        created = broker(
            "post", "/api/docking/glossary", {"language": "pl", "term": "wodór", "english": "hydrogen"}
        )
        changed = broker(
            "post", "/api/docking/glossary", {"language": "pl", "term": "Wodór", "english": "H2"}
        )
    assert (created.status_code, changed.status_code) == (201, 200)
    assert changed.json()["english"] == "H2" and changed.json()["id"] == created.json()["id"]
    assert broker("get", "/api/docking/glossary", language="pl").json()["count"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert broker("delete", f"/api/docking/glossary/{entry.pk}").status_code == 204
    assert not GlossaryEntry.objects.filter(pk=entry.pk).exists()


def test_the_api_names_the_bad_field_and_refuses_other_roles(api, world, entry):
    bad = api("broker")("post", "/api/docking/glossary", {"language": "xx", "term": "a", "english": "b"})
    assert bad.status_code == 422
    assert bad.json()["detail"] == [{"field": "language", "message": "Unknown language 'xx'."}]
    member = api("member")
    assert member("get", "/api/docking/glossary").status_code == 403
    assert (
        member("post", "/api/docking/glossary", {"language": "pl", "term": "a", "english": "b"}).status_code
        == 403
    )
    assert member("delete", f"/api/docking/glossary/{entry.pk}").status_code == 403
    assert GlossaryEntry.objects.count() == 1
