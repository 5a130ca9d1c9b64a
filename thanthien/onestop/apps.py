from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnestopConfig(AppConfig):
    """The citizen side of the one-stop centre (Bộ phận Một cửa): ratings, online submission,
    bookings, notifications and life-event letters, around ``dossiers.Dossier``."""

    name = "thanthien.onestop"
    label = "onestop"
    verbose_name = _("One-stop citizen services")

    def ready(self) -> None:
        from thanthien.core.nav import register_nav_link

        register_nav_link("staff", "onestop_scores", _("Scores"), "/staff/onestop/scores/", order=12)
        register_nav_link("staff", "onestop_ratings", _("Rating desk"), "/staff/onestop/ratings/", order=13)
        register_nav_link("staff", "onestop_letters", _("Letters"), "/staff/onestop/letters/", order=14)
        register_nav_link("public", "lookup", _("Track a dossier"), "/tra-cuu/", order=5)
        register_nav_link("public", "submit", _("Submit online"), "/mot-cua/nop-ho-so/", order=6)
        register_nav_link("public", "booking", _("Book a time"), "/mot-cua/dat-lich/", order=7)
