"""Numbers given at reception: the dossier code and tracking code (mã hồ sơ, TT 01/2018 Điều 19)
and the line of the tracking book (Sổ theo dõi hồ sơ, Mẫu 06; TT 01/2018 Điều 10), each from a
counter row taken under ``SELECT … FOR UPDATE`` in the reception's transaction.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils.translation import gettext_lazy

from thanthien.units.models import AdminUnit

from ..domain.codes import DEFAULT_CODE_FORMAT, tracking_code
from ..domain.common import DossierRuleError, local_date
from ..models import Dossier, DossierBookCounter, DossierCodeCounter


def agency_code(unit: AdminUnit) -> str:
    """The agency identifier in the dossier code (TT 10/2016/TT-BTTTT ``V1V2V3.Z1Z2.Y1Y2.MX1X2``).

    ``settings.DOSSIER_AGENCY_CODES`` maps a unit's GSO code to its official identifier. Without
    one, an identifier is derived from the GSO codes (commune ``ccc.cc``, province ``pp``, ``H``
    for a provincial-level body): unique per commune and valid for the pattern, but not the
    official TT 10/2016 code — set the mapping before go-live.
    """
    mapping = getattr(settings, "DOSSIER_AGENCY_CODES", {}) or {}
    if unit.code in mapping:
        return mapping[unit.code]
    digits = "".join(c for c in unit.code if c.isdigit()).rjust(5, "0")[-5:]
    province = unit.parent.code if unit.parent_id else "00"
    province = "".join(c for c in province if c.isdigit()).rjust(2, "0")[-2:]
    return f"{digits[:3]}.{digits[3:]}.{province}.H{province}"


def allocate_code(unit: AdminUnit, day: dt.date) -> str:
    """The next dossier code of ``unit`` for ``day`` (TT 01/2018 Điều 19).

    One counter row per unit and day, taken under ``SELECT … FOR UPDATE`` inside the caller's
    transaction, so parallel receptions wait for each other instead of reading the same number.
    """
    DossierCodeCounter.objects.bulk_create([DossierCodeCounter(unit=unit, day=day, last=0)], ignore_conflicts=True)
    counter = DossierCodeCounter.objects.select_for_update().get(unit=unit, day=day)
    counter.last += 1
    if counter.last > DEFAULT_CODE_FORMAT.max_sequence:
        raise DossierRuleError(
            "dossier.code_exhausted", gettext_lazy("No more dossier codes are available for this day.")
        )
    counter.save(update_fields=["last"])
    return DEFAULT_CODE_FORMAT.format(agency_code(unit), day, counter.last)


def allocate_book_line(unit: AdminUnit, year: int) -> int:
    """The next line of ``unit``'s tracking book for ``year`` (Sổ theo dõi hồ sơ, Mẫu 06).

    TT 01/2018 Điều 10: one book a year, numbered continuously from 01. Same locking as
    :func:`allocate_code`: one counter row per unit and year, ``SELECT … FOR UPDATE`` in the
    caller's transaction (taken after the day's code counter, always in that order).
    """
    DossierBookCounter.objects.bulk_create([DossierBookCounter(unit=unit, year=year, last=0)], ignore_conflicts=True)
    counter = DossierBookCounter.objects.select_for_update().get(unit=unit, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def _assign_codes(dossier: Dossier, at: dt.datetime) -> None:
    if dossier.code:
        return
    dossier.code = allocate_code(dossier.unit, local_date(at))
    secret = getattr(settings, "DOSSIER_TRACKING_SECRET", settings.SECRET_KEY.encode())
    for attempt in range(20):
        candidate = tracking_code(dossier.code, secret=secret, attempt=attempt)
        if not Dossier.objects.unscoped().filter(tracking_code=candidate).exists():
            dossier.tracking_code = candidate
            return
    raise DossierRuleError("dossier.tracking_code", gettext_lazy("Could not allocate a tracking code."))
