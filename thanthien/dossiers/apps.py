from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "thanthien.dossiers"
    label = "dossiers"
