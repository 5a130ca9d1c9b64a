"""Public dossier pages: include with ``path("tra-cuu/", include("thanthien.dossiers.public_urls"))``.

The QR code on every slip opens ``/tra-cuu/<tracking code>/`` (``papers.status_url``).
"""

from django.urls import path

from . import public_views

app_name = "dossiers_public"
urlpatterns = [
    path("", public_views.lookup, name="lookup"),
    path("<str:code>/", public_views.status, name="status"),
    path("<str:code>/danh-gia/", public_views.rate, name="rate"),
]
