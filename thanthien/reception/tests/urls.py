"""The project URLs plus the reception public pages and Open311, as the lead will include them."""

from django.urls import include, path

from thanthien.config.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("phan-anh/", include("thanthien.reception.public_urls")),
    path("open311/v2/", include("thanthien.reception.open311_urls")),
    *project_urlpatterns,
]
