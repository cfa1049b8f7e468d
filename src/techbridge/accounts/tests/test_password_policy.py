"""The password policy on every way a user is created or given a password: the `createuser` command, the back
office's add-user and set-password forms. (The API creates no users.) A weak password is refused with a
message that names the field; nothing is saved."""

from __future__ import annotations

import pytest

from techbridge.accounts.models import User
from techbridge.cli import main

pytestmark = pytest.mark.django_db
GOOD = "Ningbo-Gdansk-Bridge-2026"
WEAK = {
    "short": "at least 10 characters",
    "1234567890123": "entirely numeric",
    "password1234": "too common",
    "gdansk.broker": "too similar to the username",
}


@pytest.mark.parametrize(("password", "message"), WEAK.items())
def test_createuser_refuses_a_weak_password_naming_the_option(password, message, capsys, world):
    code = main(["createuser", "gdansk.broker", "--role", "broker", "--password", password])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("techbridge: error: password: ") and message in err
    assert not User.objects.filter(username="gdansk.broker").exists()


def test_createuser_with_a_good_password_creates_the_user(capsys, world):
    assert main(["createuser", "gdansk.broker", "--role", "broker", "--password", GOOD]) == 0
    user = User.objects.get(username="gdansk.broker")
    assert user.role == "broker" and user.check_password(GOOD) and not user.is_staff


@pytest.mark.parametrize(("password", "message"), WEAK.items())
def test_the_back_office_add_user_form_refuses_a_weak_password(password, message, world, login):
    client = login(world["users"]["admin"])
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "gdansk.broker",
            "usable_password": "true",
            "password1": password,
            "password2": password,
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["password2"] and message in " ".join(errors["password2"])
    assert "errorlist" in response.content.decode() and message in response.content.decode()
    assert not User.objects.filter(username="gdansk.broker").exists()


def test_the_back_office_add_user_form_accepts_a_good_password(world, login):
    client = login(world["users"]["admin"])
    response = client.post(
        "/admin/accounts/user/add/",
        {"username": "gdansk.broker", "usable_password": "true", "password1": GOOD, "password2": GOOD},
    )
    assert response.status_code == 302
    assert User.objects.get(username="gdansk.broker").check_password(GOOD)


def test_the_back_office_set_password_form_refuses_a_weak_password(world, login):
    client = login(world["users"]["admin"])
    member = world["users"]["member"]
    url = f"/admin/accounts/user/{member.pk}/password/"
    response = client.post(
        url, {"usable_password": "true", "password1": "member2026", "password2": "member2026"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["password2"] and "too similar to the username" in errors["password2"][0]
    member.refresh_from_db()
    assert not member.check_password("member2026")
    assert (
        client.post(url, {"usable_password": "true", "password1": GOOD, "password2": GOOD}).status_code == 302
    )
    member.refresh_from_db()
    assert member.check_password(GOOD)
