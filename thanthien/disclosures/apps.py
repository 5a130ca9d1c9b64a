from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _commune_path(suffix: str, prefix: str = ""):
    def path(unit):
        return f"{prefix}/xa/{unit.slug}/{suffix}" if getattr(unit, "slug", "") else None

    return path


class DisclosuresConfig(AppConfig):
    name = "thanthien.disclosures"
    label = "disclosures"
    verbose_name = _("Disclosures")

    def ready(self) -> None:
        from thanthien.core.nav import register_nav_link

        from . import home_panels

        home_panels.register()
        # Shown on each commune's home page once the public URLs are mounted (nav.py checks).
        register_nav_link("commune", "news", _("News and notices"), _commune_path("bang-tin/"), order=5)
        register_nav_link("commune", "disclosures", _("Disclosures"), _commune_path("cong-khai/"), order=10)
        register_nav_link("commune", "procedures", _("Administrative procedures"), _commune_path("thu-tuc/"), order=20)
        register_nav_link(
            "commune", "democracy", _("Grassroots democracy"), _commune_path("pho-bien-phap-luat/"), order=30
        )
        # The reception module's public pages (mounted at phan-anh/): shown once they resolve.
        register_nav_link(
            "commune",
            "reception-schedule",
            _("Citizen reception schedule"),
            _commune_path("lich-tiep-cong-dan/", prefix="/phan-anh"),
            order=40,
        )
        register_nav_link(
            "commune", "feedback", _("Send feedback"), _commune_path("gui/", prefix="/phan-anh"), order=50
        )
