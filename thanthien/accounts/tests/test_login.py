"""Staff sign-in: username and password, throttled by django-axes; logout by POST only."""

import pytest
from django.urls import reverse

from thanthien.units.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
PASSWORD = "mat-khau-an-toan-2024"  # the factory's


def test_login_page_is_accessible_and_in_vietnamese(client):
    response = client.get(LOGIN)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'autocomplete="username"' in body and 'autocomplete="current-password"' in body
    assert '<label for="id_username"' in body and '<label for="id_password"' in body
    assert "Đăng nhập" in body


def test_staff_member_signs_in_and_lands_on_the_staff_home(client):
    UserFactory(username="mai")
    response = client.post(LOGIN, {"username": "mai", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("core:staff_home")


def test_next_parameter_is_followed_only_inside_the_site(client):
    UserFactory(username="mai")
    inside = client.post(f"{LOGIN}?next=/staff/audit/", {"username": "mai", "password": PASSWORD})
    assert inside["Location"] == "/staff/audit/"
    client.post(reverse("accounts:logout"))
    outside = client.post(f"{LOGIN}?next=https://evil.example/", {"username": "mai", "password": PASSWORD})
    assert outside["Location"] == reverse("core:staff_home")


def test_wrong_password_shows_an_error(client):
    UserFactory(username="mai")
    response = client.post(LOGIN, {"username": "mai", "password": "sai"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sixth_attempt_is_locked_out_even_with_the_right_password(client, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    UserFactory(username="mai")
    for _ in range(5):
        client.post(LOGIN, {"username": "mai", "password": "doan-sai"})
    response = client.post(LOGIN, {"username": "mai", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "Quá nhiều lần thử" in response.content.decode()


def test_lockout_is_per_username_so_colleagues_can_still_sign_in(client):
    UserFactory(username="mai")
    UserFactory(username="lan")
    for _ in range(5):
        client.post(LOGIN, {"username": "mai", "password": "doan-sai"})
    assert client.post(LOGIN, {"username": "lan", "password": PASSWORD}).status_code == 302


def test_logout_needs_a_post(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
