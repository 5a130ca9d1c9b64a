from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "thanthien.dossiers"
    label = "dossiers"

    def ready(self) -> None:
        from thanthien.clocks.events import register_calendar_listener

        from . import home_panels  # noqa: F401
        from .recompute import dossiers_recompute_due

        register_calendar_listener("dossiers.due", dossiers_recompute_due)
