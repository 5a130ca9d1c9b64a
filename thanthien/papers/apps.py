from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PapersConfig(AppConfig):
    name = "thanthien.papers"
    label = "papers"
    verbose_name = _("Official papers")

    def ready(self) -> None:
        from thanthien.core.nav import register_nav_link

        register_nav_link("staff", "papers", _("Papers"), "/staff/papers/", order=75)
