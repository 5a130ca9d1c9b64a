"""Error pages, health check and robots.txt."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory, override_settings
from django.urls import include, path
from django.utils.translation import override

from thanthien.core import views

pytestmark = pytest.mark.django_db


def _raise_forbidden(request):
    raise PermissionDenied


def _raise_error(request):
    raise RuntimeError("boom")


urlpatterns = [
    path("forbidden/", _raise_forbidden),
    path("error/", _raise_error),
    path("", include("thanthien.config.urls")),
]
handler403 = "thanthien.core.views.forbidden"
handler404 = "thanthien.core.views.not_found"
handler500 = "thanthien.core.views.server_error"


def test_404_page_is_vietnamese_and_points_to_the_commune_list(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert 'href="/xa/"' in html
    assert '<html lang="vi">' in html


@override_settings(ROOT_URLCONF=__name__)
def test_403_page_is_vietnamese(client):
    response = client.get("/forbidden/")
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()


@override_settings(ROOT_URLCONF=__name__)
def test_500_page_is_vietnamese_and_needs_no_database(client):
    client.raise_request_exception = False
    response = client.get("/error/")
    assert response.status_code == 500
    assert "Đã có lỗi xảy ra" in response.content.decode()


def test_500_page_renders_without_a_request_context():
    with override("vi"):
        response = views.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Đã có lỗi xảy ra" in response.content.decode()


def test_healthz_reports_a_database_failure(client, monkeypatch):
    from django.db import DatabaseError

    class BrokenCursor:
        def __enter__(self):
            raise DatabaseError("down")

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(views.connection, "cursor", lambda: BrokenCursor())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response["Cache-Control"].startswith("max-age=0")
