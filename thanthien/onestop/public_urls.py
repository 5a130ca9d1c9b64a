"""Citizen services: include with ``path("mot-cua/", include("thanthien.onestop.public_urls"))``."""

from django.urls import path
from django.views.generic import RedirectView

from . import public_views

app_name = "onestop_public"
urlpatterns = [
    # /mot-cua/ typed by hand: the online submission, where the one-stop's services start.
    path("", RedirectView.as_view(pattern_name="onestop_public:submit"), name="index"),
    path("nop-ho-so/", public_views.submit, name="submit"),
    path("dat-lich/", public_views.booking, name="booking"),
    path("dat-lich/<int:pk>/huy/", public_views.booking_cancel, name="booking_cancel"),
]
