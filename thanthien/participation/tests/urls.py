"""Root urls plus the public participation pages (until the lead adds the include to config/urls.py)."""

from django.urls import include, path

from thanthien.config.urls import handler403, handler404, handler500  # noqa: F401
from thanthien.config.urls import urlpatterns as root

_included = any(getattr(p, "namespace", None) == "participation_public" for p in root)
urlpatterns = root if _included else [path("tham-gia/", include("thanthien.participation.public_urls")), *root]
