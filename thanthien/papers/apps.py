from django.apps import AppConfig


class PapersConfig(AppConfig):
    name = "thanthien.papers"
    label = "papers"
