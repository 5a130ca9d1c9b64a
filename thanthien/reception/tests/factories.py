"""Factories for reception tests: records are made through the real services."""

import datetime as dt

from thanthien.clocks.domain.calendar import VIETNAM_TZ
from thanthien.reception import services
from thanthien.reception.models import Petition


def at(y, m, d, hh=9, mm=0):
    return dt.datetime(y, m, d, hh, mm, tzinfo=VIETNAM_TZ)


def make_petition(unit, *, kind="unclassified", channel="web", name="Nguyễn Văn Tố", **kw) -> Petition:
    defaults = {
        "subject": "Đèn đường hỏng ở thôn Đồng Tâm",
        "content": "Ba cột đèn không sáng từ tuần trước.",
        "topic": "lighting",
        "submitter_name": name,
        "submitter_address": "Thôn Đồng Tâm",
        "submitter_phone": "0912345678",
        "received_at": at(2026, 3, 2),
    }
    defaults.update(kw)
    return services.petition_receive(actor=None, unit=unit, channel=channel, kind=kind, **defaults)


def make_denunciation(unit, **kw) -> Petition:
    return make_petition(
        unit,
        kind="denunciation",
        name="Trần Bí Mật",
        subject="Tố cáo cán bộ địa chính nhận tiền",
        content="Cán bộ X nhận tiền khi làm sổ đỏ.",
        topic="land",
        **kw,
    )
