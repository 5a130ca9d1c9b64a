from django.urls import path

from . import views

app_name = "papers"
urlpatterns = [
    path("", views.index, name="index"),
    path("programmes/<slug:code>/notice.<str:fmt>", views.programme_notice, name="programme_notice"),
]
