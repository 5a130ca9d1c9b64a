from django.urls import path

from . import views

app_name = "procedures"
urlpatterns = [
    path("", views.procedure_list, name="list"),
    path("new/", views.procedure_create, name="create"),
    path("import/", views.catalogue_import, name="import"),
    path("import/confirm/", views.catalogue_import_confirm, name="import_confirm"),
    path("export/<str:fmt>/", views.catalogue_export, name="export"),
    path("p/<str:code>/", views.procedure_detail, name="detail"),
    path("p/<str:code>/edit/", views.procedure_edit, name="edit"),
    path("p/<str:code>/publish/", views.procedure_publish, name="publish"),
]
