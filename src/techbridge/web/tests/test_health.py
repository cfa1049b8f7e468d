import pytest


def test_health_reports_the_database_and_the_job_queue(client, db):
    body = client.get("/health/").json()
    assert body["status"] == "ok" and body["database"] == "ok" and body["jobs"]["status"] == "ok"


def test_health_needs_no_sign_in_and_is_not_cached_as_html(client, db):
    response = client.get("/health/")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"


def test_pages_carry_the_security_headers(client, db):
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert response["X-Frame-Options"] == "DENY" and response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("url", "kind"), [("/api/cases/funnel?country=%00", "json"), ("/profiles/?q=a%00b", "text")]
)
def test_a_null_character_in_a_parameter_is_refused_naming_it(client, url, kind):
    response = client.get(url)
    assert response.status_code == 400
    name = url.split("?")[1].split("=")[0]
    if kind == "json":
        assert response.json() == {"detail": f"{name}: null characters are not allowed"}
    else:
        assert response.content.decode() == f"{name}: null characters are not allowed"
