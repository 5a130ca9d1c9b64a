"""Default navigation links. Each shows only once its module's URL resolves (see nav.py).

Apps may replace a link by registering the same key (e.g. a better label or a role filter).
"""

from django.utils.translation import gettext_lazy as _

from .nav import register_nav_link

STAFF_LINKS = [
    ("home", _("Home"), "/staff/", 0),
    ("dossiers", _("Dossiers"), "/staff/dossiers/", 10),
    ("reception", _("Reception"), "/staff/reception/", 20),
    ("units", _("Units & households"), "/staff/units/", 30),
    ("participation", _("Participation"), "/staff/participation/", 40),
    ("disclosures", _("Disclosures"), "/staff/disclosures/", 50),
    ("procedures", _("Procedures"), "/staff/procedures/", 60),
    ("programmes", _("Programmes"), "/staff/programmes/", 70),
    ("calendar", _("Calendar"), "/calendar/", 80),
    ("audit", _("Audit"), "/staff/audit/", 90),
]


def register() -> None:
    for key, label, path, order in STAFF_LINKS:
        register_nav_link("staff", key, label, path, order=order, exact=key == "home")
    register_nav_link("public", "communes", _("Communes and wards"), "/xa/", order=10)
    register_nav_link("public", "calendar", _("Working-day calendar"), "/calendar/", order=20)
    register_nav_link("commune", "calendar", _("Working-day calendar"), "/calendar/", order=90)
