from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    name = "thanthien.procedures"
    label = "procedures"
