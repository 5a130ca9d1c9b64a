from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "thanthien.units"
    label = "units"
