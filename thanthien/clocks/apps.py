from django.apps import AppConfig


class ClocksConfig(AppConfig):
    name = "thanthien.clocks"
    label = "clocks"
