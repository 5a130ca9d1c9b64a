"""Factories for dossiers. ``received_dossier`` goes through the real service (code, due date)."""

import datetime as dt
import itertools

import factory
from factory.django import DjangoModelFactory

from thanthien.clocks.domain.calendar import VIETNAM_TZ
from thanthien.core.search import fold_join
from thanthien.dossiers.models import Dossier, VolunteerShift
from thanthien.procedures.tests.factories import ProcedureFactory
from thanthien.units.tests.factories import CommuneFactory

# Monday 10:00 in Vietnam, a working day without holidays around it.
MONDAY_10 = dt.datetime(2026, 3, 9, 10, 0, tzinfo=VIETNAM_TZ)
_seq = itertools.count(1)
_book = itertools.count(1)


class DossierFactory(DjangoModelFactory):
    """A received dossier (status ``received``), written directly (no service, no audit)."""

    class Meta:
        model = Dossier

    unit = factory.SubFactory(CommuneFactory)
    procedure = factory.SubFactory(ProcedureFactory)
    code = factory.LazyFunction(lambda: f"000.00.19.H19-260309-{next(_seq):04d}")
    tracking_code = factory.LazyAttribute(lambda o: o.code[-4:].rjust(11, "A"))
    status = "received"
    applicant_name = factory.Sequence(lambda n: f"Nguyễn Thị Hạnh {n}")
    applicant_phone = "0912000111"
    channel_in = "direct"
    channel_out = "direct"
    submitted_at = MONDAY_10
    submitted_on = MONDAY_10.date()
    received_at = MONDAY_10
    received_on = MONDAY_10.date()
    clock_started_at = MONDAY_10
    due_at = dt.datetime(2026, 3, 11, 0, 0, tzinfo=VIETNAM_TZ)
    due_date = dt.date(2026, 3, 10)
    original_due_at = factory.LazyAttribute(lambda o: o.due_at)
    original_due_date = factory.LazyAttribute(lambda o: o.due_date)
    search_text = factory.LazyAttribute(lambda o: fold_join(o.code, o.applicant_name))
    # A line of the tracking book, as the reception service gives (unique across factories).
    book_year = factory.LazyAttribute(lambda o: o.received_on.year if o.received_at else None)
    book_number = factory.LazyAttribute(lambda o: next(_book) if o.received_at else None)


class VolunteerShiftFactory(DjangoModelFactory):
    class Meta:
        model = VolunteerShift

    unit = factory.SubFactory(CommuneFactory)
    volunteer_name = factory.Sequence(lambda n: f"Đoàn viên Trần Minh {n}")
    organisation = "Đoàn Thanh niên xã"
    starts_at = MONDAY_10
    ends_at = MONDAY_10 + dt.timedelta(hours=4)
