"""Print the demo logins (username, role, unit) and the shared demo password."""

from django.core.management.base import BaseCommand

from thanthien.units.demo import DEMO_PASSWORD
from thanthien.units.models import StaffRole
from thanthien.units.selectors import staff_roles_for_listing

R = StaffRole.Role
ROLE_ORDER = [
    R.ADMINISTRATOR,
    R.PROVINCE_VIEWER,
    R.DISTRICT_VIEWER,
    R.CHAIRMAN,
    R.VICE_CHAIRMAN,
    R.ONE_STOP_OFFICER,
    R.SPECIALIST_OFFICER,
    R.HAMLET_HEAD,
    R.BOARD_MEMBER,
]


class Command(BaseCommand):
    help = "List staff logins with their roles and units, and the demo password."

    def handle(self, *args, **options):
        order = {role: i for i, role in enumerate(ROLE_ORDER)}
        roles = sorted(
            staff_roles_for_listing(),
            key=lambda r: (
                r.unit.level != "province",
                r.unit.level != "district",
                r.unit.code,
                order.get(r.role, 99),
                r.user.get_username(),
            ),
        )
        rows = [
            (
                r.user.get_username(),
                str(r.get_role_display()) + (f" ({r.get_board_display()})" if r.board else ""),
                str(r.unit) + (f" — {r.hamlet}" if r.hamlet else ""),
            )
            for r in roles
        ]
        if not rows:
            self.stdout.write("No staff logins yet: run `manage.py demo_seed` first.")
            return
        headers = ("username", "role", "unit")
        widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]
        line = "  ".join(f"{{:<{w}}}" for w in widths)
        self.stdout.write(line.format(*headers).rstrip())
        self.stdout.write(line.format(*("-" * w for w in widths)).rstrip())
        for row in rows:
            self.stdout.write(line.format(*row).rstrip())
        self.stdout.write(f"\nPassword for every demo login: {DEMO_PASSWORD}")
