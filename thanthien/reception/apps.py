from django.apps import AppConfig


class ReceptionConfig(AppConfig):
    name = "thanthien.reception"
    label = "reception"

    def ready(self) -> None:
        # Clock listener (warnings, escalation) and the close-expired sweep.
        from . import home_panels, sweeps  # noqa: F401
