from django.urls import path

from thanthien.core.views import healthz

from . import views

app_name = "public"
urlpatterns = [
    path("", views.landing, name="landing"),
    path("xa/", views.commune_list, name="commune_list"),
    path("xa/<slug:slug>/", views.commune_detail, name="commune_detail"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", healthz, name="healthz"),
]
