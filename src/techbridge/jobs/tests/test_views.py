"""Job pages: "My jobs", job detail with cancel, the polled progress fragment; who sees what."""

from __future__ import annotations

import pytest
from django.urls import reverse

from techbridge.jobs.models import Job


def _job(user, **fields):
    defaults = {"kind": "tests.echo", "created_by": user}
    return Job.objects.create(**{**defaults, **fields})


@pytest.fixture
def jobs(world):
    users = world["users"]
    return {
        "own": _job(users["member"], state="running", progress=0.3, message="Normalising"),
        "other": _job(users["member_pl"], state="done", progress=1.0),
    }


def test_my_jobs_lists_only_the_members_own_jobs(jobs, world, login):
    page = login(world["users"]["member"]).get(reverse("job-list")).content.decode()
    assert str(jobs["own"].pk) in page and str(jobs["other"].pk) not in page
    assert "My jobs" in page and "Normalising" in page


def test_administrators_see_everyones_jobs(jobs, world, login):
    page = login(world["users"]["admin"]).get(reverse("job-list")).content.decode()
    assert str(jobs["own"].pk) in page and str(jobs["other"].pk) in page
    assert "All jobs" in page and "member_pl" in page


def test_the_list_filters_by_state(jobs, world, login):
    page = login(world["users"]["admin"]).get(reverse("job-list"), {"state": "done"}).content.decode()
    assert str(jobs["other"].pk) in page and str(jobs["own"].pk) not in page


def test_someone_elses_job_is_not_found(jobs, world, login):
    client = login(world["users"]["member"])
    for name in ("job-detail", "job-progress"):
        assert client.get(reverse(name, args=[jobs["other"].pk])).status_code == 404
    assert client.post(reverse("job-cancel", args=[jobs["other"].pk])).status_code == 404
    jobs["other"].refresh_from_db()
    assert jobs["other"].state == "done"


def test_pages_need_a_sign_in(jobs, client):
    response = client.get(reverse("job-detail", args=[jobs["own"].pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_active_job_fragment_polls_and_shows_an_accessible_bar(jobs, world, login):
    html = (
        login(world["users"]["member"]).get(reverse("job-progress", args=[jobs["own"].pk])).content.decode()
    )
    assert f'hx-get="/jobs/{jobs["own"].pk}/progress/"' in html and 'hx-trigger="every 1s"' in html
    assert 'role="progressbar"' in html and 'aria-valuenow="30"' in html
    assert "Normalising" in html


def test_a_finished_job_fragment_stops_polling_and_links_the_result(world, login):
    job = _job(world["users"]["member"], state="done", progress=1.0, result_url="/profiles/")
    html = login(world["users"]["member"]).get(reverse("job-progress", args=[job.pk])).content.decode()
    assert "hx-trigger" not in html
    assert 'href="/profiles/"' in html and 'aria-valuenow="100"' in html


def test_a_failed_job_shows_its_reason(world, login):
    job = _job(world["users"]["member"], state="failed", error="The file has no header row.")
    html = login(world["users"]["member"]).get(reverse("job-detail", args=[job.pk])).content.decode()
    assert 'role="alert"' in html and "The file has no header row." in html
    assert "Cancel job" not in html


def test_the_starter_cancels_a_running_job_from_its_page(jobs, world, login):
    client = login(world["users"]["member"])
    url = reverse("job-detail", args=[jobs["own"].pk])
    assert "Cancel job" in client.get(url).content.decode()
    response = client.post(reverse("job-cancel", args=[jobs["own"].pk]), follow=True)
    assert "Cancellation requested" in response.content.decode()
    jobs["own"].refresh_from_db()
    assert jobs["own"].cancel_requested and jobs["own"].state == "running"


def test_cancel_over_htmx_returns_the_fragment(world, login):
    job = _job(world["users"]["member"], state="queued")
    response = login(world["users"]["member"]).post(
        reverse("job-cancel", args=[job.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.templates[0].name == "jobs/_progress.html"
    job.refresh_from_db()
    assert job.state == "cancelled"


def test_the_include_renders_inside_any_page(world, rf):
    from django.template import Context, Template

    job = _job(world["users"]["member"], state="queued")
    html = Template('{% include "jobs/_progress.html" with job=job %}').render(Context({"job": job}))
    assert f'id="job-{job.pk}"' in html and "Queued" in html


def test_the_include_renders_nothing_without_a_job():
    from django.template import Context, Template

    assert Template('{% include "jobs/_progress.html" with job=None %}').render(Context({})).strip() == ""
