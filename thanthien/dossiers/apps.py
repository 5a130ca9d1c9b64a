from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "thanthien.dossiers"
    label = "dossiers"

    def ready(self) -> None:
        from . import home_panels  # noqa: F401
