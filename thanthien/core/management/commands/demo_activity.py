"""Demo activity on top of `demo_seed`: dossiers at the counter and disclosures, via services.

Why: a demo whose modules are all empty shows nothing of the daily work. Everything here goes
through the same services as the pages (permission, audit, clocks), with dates relative to
today. Idempotent: a unit that already has dossiers is skipped.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils import timezone

from thanthien.disclosures import services as disclosure_services
from thanthien.dossiers import services as dossier_services
from thanthien.dossiers.models import Dossier
from thanthien.dossiers.services import ApplicantData, IntakeData
from thanthien.procedures.selectors import procedure_public_list
from thanthien.units.demo import pilot_successor_units, unit_handle

APPLICANTS = [
    ("Nguyễn Văn Hùng", "0912000111"),
    ("Trần Thị Thu Hà", "0983000222"),
    ("Lê Văn Thắng", "0904000333"),
    ("Phạm Thị Ngọc Ánh", "0868000444"),
    ("Hoàng Văn Sơn", "0977000555"),
    ("Đỗ Thị Hồng Nhung", "0935000666"),
]
DISCLOSURES = [
    (7, "Danh sách hộ nghèo, hộ cận nghèo năm 2026", "Kết quả rà soát hộ nghèo, hộ cận nghèo năm 2026."),
    (2, "Dự toán ngân sách xã năm 2026", "Dự toán thu, chi ngân sách đã được Hội đồng nhân dân thông qua."),
    (12, "Mức thu phí, lệ phí tại Bộ phận Một cửa", "Các khoản phí, lệ phí theo quy định hiện hành."),
]


class Command(BaseCommand):
    help = "Create demo dossiers and disclosures for the pilot communes (after demo_seed)."

    def handle(self, *args, **options) -> None:
        user_model = get_user_model()
        procedures = list(procedure_public_list(level="commune")[:12])
        if not procedures:
            self.stdout.write("No procedures: nothing to do.")
            return
        rng = random.Random(2024)  # noqa: S311 — demo data, not security
        now = timezone.now()
        created = 0
        for unit in pilot_successor_units():
            if Dossier.objects.unscoped().filter(unit=unit).exists():
                continue
            handle = unit_handle(unit)
            officer = user_model.objects.filter(username=f"motcua.{handle}").first()
            chairman = user_model.objects.filter(username=f"chutich.{handle}").first()
            specialist = user_model.objects.filter(username=f"chuyenmon.{handle}").first()
            if not (officer and chairman and specialist):
                continue
            for i, (name, phone) in enumerate(APPLICANTS):
                procedure = rng.choice(procedures)
                received_at = now - dt.timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 5))
                data = IntakeData(procedure=procedure, applicant=ApplicantData(name=name, phone=phone))
                dossier = dossier_services.dossier_create(actor=officer, unit=unit, data=data, at=received_at)
                created += 1
                if i % 3 == 0:
                    continue  # left at the counter: still to transfer
                dossier = dossier_services.dossier_transition(actor=officer, dossier=dossier, action="transfer")
                dossier = dossier_services.dossier_transition(
                    actor=chairman, dossier=dossier, action="assign", handler=specialist
                )
                if i % 3 == 2:
                    dossier = dossier_services.dossier_transition(
                        actor=specialist, dossier=dossier, action="record_result", result_note="Đã giải quyết."
                    )
            for category, title, summary in DISCLOSURES:
                item = disclosure_services.item_create(
                    actor=officer, unit=unit, category=category, title=title, summary=summary
                )
                disclosure_services.item_publish(actor=officer, item=item)
        dossier_services.dossiers_flag_predicted_late(now=now)
        self.stdout.write(f"Demo activity: {created} dossiers and their disclosures.")
