"""Citizen services: include with ``path("mot-cua/", include("thanthien.onestop.public_urls"))``."""

from django.urls import path

from . import public_views

app_name = "onestop_public"
urlpatterns = [
    path("nop-ho-so/", public_views.submit, name="submit"),
    path("dat-lich/", public_views.booking, name="booking"),
    path("dat-lich/<int:pk>/huy/", public_views.booking_cancel, name="booking_cancel"),
]
