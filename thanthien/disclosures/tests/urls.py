"""Test URLconf: the project's URLs plus the public disclosure pages, until the lead mounts them
in ``thanthien/config/urls.py`` (the same line this file adds)."""

from django.urls import include, path

from thanthien.config.urls import handler403, handler404, handler500  # noqa: F401
from thanthien.config.urls import urlpatterns as project_urlpatterns

_mounted = any(getattr(p, "app_name", None) == "disclosures_public" for p in project_urlpatterns)
urlpatterns = [
    *([] if _mounted else [path("xa/<slug:slug>/", include("thanthien.disclosures.public_urls"))]),
    *project_urlpatterns,
]
