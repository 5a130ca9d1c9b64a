from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.staff_home, name="staff_home"),
    path("panels/<str:key>/", views.home_panel, name="home_panel"),
]
