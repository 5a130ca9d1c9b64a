from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "thanthien.core"
    label = "core"

    def ready(self) -> None:
        from . import home_panels, nav_defaults

        home_panels.register()
        nav_defaults.register()
