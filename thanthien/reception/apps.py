from django.apps import AppConfig


class ReceptionConfig(AppConfig):
    name = "thanthien.reception"
    label = "reception"
