"""API of the evaluation area: the same rules as the pages, for every role, and errors as 4xx, never 500."""

import pytest

from techbridge.evaluation import runs, services
from techbridge.evaluation.tests.factories import TINY_CSV, csv_file, tiny_spec

pytestmark = pytest.mark.django_db
EDITORS = ["admin", "broker", "analyst"]
VIEWERS = ["member", "evaluator"]


@pytest.fixture
def tiny_run(world):
    fw = services.framework_create(by=None, spec=tiny_spec())
    from techbridge.evaluation.uploads import dataset_upload

    (ds,) = dataset_upload(framework=fw, by=None, upload=csv_file(TINY_CSV), year=2025)
    return runs.run_start(run=runs.run_create(framework=fw, dataset=ds, by=None), by=None)


@pytest.mark.parametrize("role", EDITORS)
def test_editors_create_upload_and_run_through_the_api(world, login, role):
    client = login(world["users"][role])
    created = client.post(
        "/api/evaluation/frameworks", {"spec": tiny_spec()}, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    fw = created.json()["id"]
    data = client.post(
        f"/api/evaluation/frameworks/{fw}/datasets", {"file": csv_file(TINY_CSV), "year": 2025}
    )
    assert data.status_code == 201, data.content
    (dataset,) = data.json()
    run = client.post(
        "/api/evaluation/runs",
        {"framework": fw, "dataset": dataset["id"], "mc_runs": 0},
        content_type="application/json",
    )
    assert run.status_code == 201 and run.json()["state"] == "done" and run.json()["job"]
    results = client.get(f"/api/evaluation/runs/{run.json()['id']}/results").json()
    assert [(r["unit"], r["rank"]) for r in results["ranking"]] == [("C", 1), ("B", 2), ("A", 3)]
    assert client.get("/api/evaluation/frameworks").status_code == 200


@pytest.mark.parametrize("role", VIEWERS)
def test_members_and_evaluators_read_published_results_only(world, login, tiny_run, role):
    client = login(world["users"][role])
    assert client.get("/api/evaluation/frameworks").status_code == 403
    assert (
        client.post(
            "/api/evaluation/frameworks", {"spec": tiny_spec()}, content_type="application/json"
        ).status_code
        == 403
    )
    assert client.post("/api/evaluation/frameworks/preset").status_code == 403
    denied = client.post(
        "/api/evaluation/runs",
        {"framework": tiny_run.framework_id, "dataset": tiny_run.dataset_id},
        content_type="application/json",
    )
    assert denied.status_code == 403
    assert client.get("/api/evaluation/runs").json() == []
    assert client.get(f"/api/evaluation/runs/{tiny_run.pk}/results").status_code == 404
    runs.run_publish(run=tiny_run, by=None)
    assert [r["id"] for r in client.get("/api/evaluation/runs").json()] == [tiny_run.pk]
    assert client.get(f"/api/evaluation/runs/{tiny_run.pk}/results").status_code == 200


def test_anonymous_callers_get_401(client, tiny_run):
    assert client.get("/api/evaluation/runs").status_code == 401
    assert client.get(f"/api/evaluation/runs/{tiny_run.pk}").status_code == 401


def test_bad_input_is_a_422_naming_the_element_or_row(world, login):
    client = login(world["users"]["analyst"])
    spec = tiny_spec()
    spec["framework"]["indicators"][0]["parent"] = "x"
    cycle = client.post("/api/evaluation/frameworks", {"spec": spec}, content_type="application/json")
    assert cycle.status_code == 422 and "'x'" in cycle.json()["detail"][0]["message"]
    fw = client.post(
        "/api/evaluation/frameworks", {"spec": tiny_spec()}, content_type="application/json"
    ).json()["id"]
    bad = client.post(
        f"/api/evaluation/frameworks/{fw}/datasets",
        {"file": csv_file("unit,x,y\nA,1,2\nA,z,2\n"), "year": 2025},
    )
    assert bad.status_code == 422
    assert [d["message"] for d in bad.json()["detail"]] == [
        "row 3, column 'unit': unit 'A' duplicates row 2",
        "row 3, column 'x': 'z' is not a number",
    ]
    upload = client.post("/api/evaluation/frameworks/upload", {"file": csv_file("- just a list", "f.yaml")})
    assert upload.status_code == 422


def test_the_preset_loads_through_the_api_marked_illustrative(world, login):
    client = login(world["users"]["analyst"])
    fw = client.post("/api/evaluation/frameworks/preset").json()
    assert fw["illustrative"] and fw["is_preset"]
    (ds,) = client.get(f"/api/evaluation/frameworks/{fw['id']}/datasets").json()
    assert ds["illustrative"] and ds["units"] == 15


def test_a_platform_dataset_is_made_through_the_api(world, login):
    client = login(world["users"]["analyst"])
    spec = {
        "framework": {
            "unit_column": "country",
            "aggregates": [{"code": "I"}],
            "indicators": [{"code": "platform_profiles", "parent": "I"}],
        }
    }
    fw = client.post("/api/evaluation/frameworks", {"spec": spec}, content_type="application/json").json()[
        "id"
    ]
    url = f"/api/evaluation/frameworks/{fw}/platform-datasets"
    none = client.post(url, {"level": "country", "year": 1999}, content_type="application/json")
    assert none.status_code == 422 and "No platform activity recorded for 1999" in none.content.decode()
    bad = client.post(url, {"level": "planet", "year": 2026}, content_type="application/json")
    assert bad.status_code == 422
