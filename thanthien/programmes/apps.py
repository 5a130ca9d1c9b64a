from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "thanthien.programmes"
    label = "programmes"
