from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "thanthien.core"
    label = "core"
