import pytest

pytestmark = pytest.mark.django_db


def test_pages_are_vietnamese_even_when_the_browser_asks_for_english(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "vi"
    assert "Đăng nhập" in response.content.decode()


def test_english_is_shown_after_choosing_it_with_the_switch(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    response = client.get("/accounts/login/")
    assert response.headers["Content-Language"] == "en"
    assert "Sign in" in response.content.decode()


def test_empty_choice_of_select_boxes_is_vietnamese():
    from django.db.models.fields import BLANK_CHOICE_LABEL
    from django.utils import translation

    with translation.override("vi"):
        assert str(BLANK_CHOICE_LABEL) == "- Chọn -"
