from django.urls import path

from . import views

app_name = "units"
urlpatterns = [
    path("", views.unit_browse, name="browse"),
    path("mau-nhap-ho.csv", views.import_template, name="import_template"),
    path("u/<slug:slug>/", views.unit_detail, name="unit_detail"),
    path("u/<slug:slug>/hamlets/", views.hamlet_list, name="hamlet_list"),
    path("u/<slug:slug>/import/", views.household_import, name="household_import"),
    path("hamlets/<int:pk>/", views.hamlet_detail, name="hamlet_detail"),
    path("hamlets/<int:pk>/edit/", views.hamlet_edit, name="hamlet_edit"),
    path("hamlets/<int:pk>/households/new/", views.household_create, name="household_create"),
    path("households/<int:pk>/", views.household_detail, name="household_detail"),
    path("households/<int:pk>/edit/", views.household_edit, name="household_edit"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
]
