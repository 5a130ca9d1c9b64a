from django.urls import path

from . import views

app_name = "clocks"
urlpatterns = [
    path("", views.calendar_page, name="calendar"),
    path("manage/", views.manage, name="manage"),
    path("manage/overrides/<int:pk>/", views.override_edit, name="override_edit"),
    path("manage/overrides/<int:pk>/delete/", views.override_delete, name="override_delete"),
    path("manage/rules/new/", views.rule_edit, name="rule_new"),
    path("manage/rules/<int:pk>/", views.rule_edit, name="rule_edit"),
    path("manage/rules/<int:pk>/delete/", views.rule_delete, name="rule_delete"),
]
