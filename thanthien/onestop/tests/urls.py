"""The project's URLs plus this app's, for tests until the lead adds the include lines."""

from django.urls import include, path

from thanthien.config.urls import handler404, handler500  # noqa: F401
from thanthien.config.urls import urlpatterns as project

urlpatterns = [
    path("tra-cuu/", include("thanthien.dossiers.public_urls")),
    path("mot-cua/", include("thanthien.onestop.public_urls")),
    path("staff/onestop/", include("thanthien.onestop.urls")),
    *project,
]
