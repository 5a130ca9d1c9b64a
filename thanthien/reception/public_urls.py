"""Public pages, included by the project at ``phan-anh/`` (see docs/reception.md)."""

from django.urls import path
from django.views.generic import RedirectView

from . import public_views as views

app_name = "reception_public"
urlpatterns = [
    # /phan-anh/ typed by hand: the look-up, which also says where to send a new report.
    path("", RedirectView.as_view(pattern_name="reception_public:lookup"), name="index"),
    path("tra-cuu/", views.lookup, name="lookup"),
    path("tra-cuu/<str:code>/", views.track, name="track"),
    path("tra-cuu/<str:code>/danh-gia/", views.rate, name="rate"),
    path("tra-cuu/<str:code>/mo-lai/", views.reopen, name="reopen"),
    path("thong-tin/<str:code>/", views.info_track, name="info_track"),
    path("xa/<slug:slug>/gui/", views.report_new, name="new"),
    path("xa/<slug:slug>/lich-tiep-cong-dan/", views.schedule, name="schedule"),
    path("xa/<slug:slug>/tra-loi/", views.answers, name="answers"),
    path("xa/<slug:slug>/doi-thoai/", views.dialogue, name="dialogue"),
    path("xa/<slug:slug>/yeu-cau-thong-tin/", views.info_request_new, name="info_new"),
]
