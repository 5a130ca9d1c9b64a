from django.contrib import admin
from django.urls import include, path

from .api import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("accounts/", include("thanthien.accounts.urls")),
    path("staff/", include("thanthien.core.urls")),
    path("staff/units/", include("thanthien.units.urls")),
    path("staff/audit/", include("thanthien.audit.urls")),
    path("staff/programmes/", include("thanthien.programmes.urls")),
    path("staff/papers/", include("thanthien.papers.urls")),
    path("calendar/", include("thanthien.clocks.urls")),
    path("staff/procedures/", include("thanthien.procedures.urls")),
    path("staff/dossiers/", include("thanthien.dossiers.urls")),
    path("staff/reception/", include("thanthien.reception.urls")),
    path("staff/disclosures/", include("thanthien.disclosures.urls")),
    path("staff/participation/", include("thanthien.participation.urls")),
    path("staff/onestop/", include("thanthien.onestop.urls")),
    path("tra-cuu/", include("thanthien.dossiers.public_urls")),
    path("mot-cua/", include("thanthien.onestop.public_urls")),
    path("tham-gia/", include("thanthien.participation.public_urls")),
    path("phan-anh/", include("thanthien.reception.public_urls")),
    path("open311/v2/", include("thanthien.reception.open311_urls")),
    path("xa/<slug:slug>/", include("thanthien.disclosures.public_urls")),
    path("", include("thanthien.public.urls")),
]

handler400 = "thanthien.core.views.bad_request"
handler404 = "thanthien.core.views.not_found"
handler500 = "thanthien.core.views.server_error"
handler403 = "thanthien.core.views.forbidden"
