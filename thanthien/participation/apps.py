from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "thanthien.participation"
    label = "participation"
    verbose_name = _("People's participation")

    def ready(self) -> None:
        from thanthien.core.nav import register_nav_link

        # The staff link is registered by core (nav_defaults). This public one is shown only when
        # the path resolves, i.e. once the root urls include public_urls at "tham-gia/".
        register_nav_link("public", "participation", _("Votes and consultations"), "/tham-gia/", order=40)
