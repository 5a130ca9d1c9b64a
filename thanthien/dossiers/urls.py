from django.urls import path

from . import views

app_name = "dossiers"
urlpatterns = [
    path("", views.dossier_list, name="list"),
    path("receive/", views.dossier_receive, name="receive"),
    path("receive/procedures/", views.procedure_options, name="procedure_options"),
    path("book/", views.tracking_book, name="book"),
    path("volunteers/", views.volunteers, name="volunteers"),
    path("volunteers/<int:pk>/delete/", views.volunteer_delete, name="volunteer_delete"),
    path("components/<int:pk>/review/", views.component_review, name="component_review"),
    path("<int:pk>/", views.dossier_detail, name="detail"),
    path("<int:pk>/action/", views.dossier_action, name="action"),
    path("<int:pk>/apology/", views.apology_form, name="apology"),
    path("<int:pk>/fees/", views.fee_add, name="fee_add"),
    path("<int:pk>/components/", views.component_add, name="component_add"),
    path("<int:pk>/control-slip/", views.control_slip, name="control_slip"),
]
