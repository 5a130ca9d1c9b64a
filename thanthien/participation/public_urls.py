"""Public pages of participation. The root urls include this module at "tham-gia/"."""

from django.urls import path

from . import public_views as views

app_name = "participation_public"
urlpatterns = [
    path("", views.index, name="index"),
    path("bieu-quyet/", views.vote_code, name="vote_code"),
    path("bieu-quyet/<int:pk>/dien-thoai/", views.vote_phone, name="vote_phone"),
    path("bien-nhan/", views.receipt, name="receipt"),
    path("quyet-dinh/<int:pk>/", views.decision, name="decision"),
    path("lay-y-kien/<int:pk>/", views.consultation, name="consultation"),
]
