"""Sign-in: rate limiting on the form and the API, the password policy."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from techbridge.conftest import PASSWORD


def test_the_form_refuses_after_five_failures_even_with_the_right_password(client, world):
    for _ in range(5):
        assert client.post("/accounts/login/", {"username": "member", "password": "wrong"}).status_code == 200
    blocked = client.post("/accounts/login/", {"username": "member", "password": PASSWORD})
    assert blocked.status_code == 429 and "Too many failed sign-ins" in blocked.content.decode()


def test_a_successful_sign_in_before_the_limit_works(client, world):
    for _ in range(3):
        client.post("/accounts/login/", {"username": "member", "password": "wrong"})
    ok = client.post("/accounts/login/", {"username": "member", "password": PASSWORD})
    assert ok.status_code == 302


def test_the_token_endpoint_is_rate_limited_too(client, world):
    for _ in range(5):
        response = client.post(
            "/api/auth/token", {"username": "broker", "password": "x"}, content_type="application/json"
        )
        assert response.status_code == 401
    response = client.post(
        "/api/auth/token", {"username": "broker", "password": PASSWORD}, content_type="application/json"
    )
    assert response.status_code == 429


@pytest.mark.parametrize("password", ["short", "1234567890123", "password1234"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_good_password_passes():
    validate_password("Ningbo-Gdansk-Bridge-2026")
