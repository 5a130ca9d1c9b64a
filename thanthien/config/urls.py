from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from .api import api

urlpatterns = [
    # The citizen's hot path first: URLs are tried in order (the status page: docs/performance.md).
    path("tra-cuu/", include("thanthien.dossiers.public_urls")),
    # The language switch needs no CSRF token: all a forged request could do is switch the
    # visitor's language, which one click switches back. Without a token, public pages carry
    # nothing per visitor, set no cookie for readers and can be cached whole.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
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
