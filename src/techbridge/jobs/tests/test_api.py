"""API of the job system: the caller's jobs only, one job, cancel."""

from __future__ import annotations

from techbridge.jobs.models import Job


def _job(user, **fields):
    return Job.objects.create(**{"kind": "tests.echo", "created_by": user, **fields})


def test_a_member_lists_only_their_own_jobs(world, login):
    own = _job(world["users"]["member"], state="done", result={"n": 1})
    _job(world["users"]["member_pl"])
    body = login(world["users"]["member"]).get("/api/jobs").json()
    assert [item["id"] for item in body["items"]] == [str(own.pk)]
    assert body["items"][0]["result"] == {"n": 1} and body["items"][0]["created_by"] == "member"


def test_an_administrator_lists_all_jobs_and_filters_by_state(world, login):
    _job(world["users"]["member"], state="done")
    _job(world["users"]["member_pl"])
    client = login(world["users"]["admin"])
    assert client.get("/api/jobs").json()["count"] == 2
    assert [i["state"] for i in client.get("/api/jobs?state=queued").json()["items"]] == ["queued"]
    response = client.get("/api/jobs?state=finished")
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "state"


def test_someone_elses_job_is_not_found(world, login):
    other = _job(world["users"]["member_pl"])
    client = login(world["users"]["member"])
    assert client.get(f"/api/jobs/{other.pk}").status_code == 404
    assert client.post(f"/api/jobs/{other.pk}/cancel").status_code == 404
    assert client.get("/api/jobs/not-a-uuid").status_code == 404


def test_the_starter_reads_and_cancels_a_job(world, login):
    job = _job(world["users"]["member"], state="running", progress=0.25, message="Reading")
    client = login(world["users"]["member"])
    body = client.get(f"/api/jobs/{job.pk}").json()
    assert (body["state"], body["progress"], body["message"]) == ("running", 0.25, "Reading")
    body = client.post(f"/api/jobs/{job.pk}/cancel").json()
    assert body["cancel_requested"] is True and body["state"] == "running"


def test_cancelling_a_finished_job_is_refused(world, login):
    job = _job(world["users"]["member"], state="failed", error="boom")
    response = login(world["users"]["member"]).post(f"/api/jobs/{job.pk}/cancel")
    assert response.status_code == 422 and "already failed" in response.json()["detail"][0]["message"]


def test_the_api_needs_authentication(world, client):
    assert client.get("/api/jobs").status_code == 401
