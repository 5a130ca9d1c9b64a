import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction

from thanthien.audit.domain.chain import GENESIS
from thanthien.audit.models import AuditChainHead, AuditEvent
from thanthien.audit.selectors import audit_chain_verify
from thanthien.audit.services import audit_record
from thanthien.units.tests.factories import CommuneFactory, HouseholdFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_records_actor_unit_object_and_values():
    unit = CommuneFactory()
    household = HouseholdFactory(hamlet__unit=unit, code="HGD-001")
    officer = UserFactory(username="mai", full_name="Lê Thị Mai")
    event = audit_record(
        actor=officer,
        action="household.updated",
        obj=household,
        old={"address": "Thôn A", "size": Decimal("4")},
        new={"address": "Thôn B", "moved_on": dt.date(2025, 8, 1), "hamlet": household.hamlet},
        note="đổi địa chỉ",
    )
    event = AuditEvent.objects.unscoped().get(pk=event.pk)
    assert event.actor == officer
    assert event.actor_label == "Lê Thị Mai (mai)"
    assert event.unit_id == unit.pk  # taken from the unit-owned object
    assert (event.object_type, event.object_id, event.object_label) == ("units.household", str(household.pk), "HGD-001")
    assert event.old == {"address": "Thôn A", "size": "4"}
    assert event.new == {"address": "Thôn B", "moved_on": "2025-08-01", "hamlet": household.hamlet_id}
    assert event.note == "đổi địa chỉ"
    assert event.seq == 1 and event.prev_hash == GENESIS and len(event.hash) == 64


def test_events_chain_one_after_another_and_the_head_follows():
    first = audit_record(actor=None, action="system.started")
    second = audit_record(actor="system:deadline_sweep", action="dossier.overdue_marked", note="3")
    assert second.seq == first.seq + 1
    assert second.prev_hash == first.hash
    assert second.actor is None and second.actor_label == "system:deadline_sweep"
    head = AuditChainHead.objects.get()
    assert (head.count, head.last_id, head.last_hash) == (2, second.pk, second.hash)
    assert second.at >= first.at


def test_on_behalf_of_and_explicit_actor_label():
    officer = UserFactory()
    event = audit_record(actor=officer, action="vote.entered", on_behalf_of="Nguyễn Văn An (HGD-007)")
    assert event.on_behalf_of == "Nguyễn Văn An (HGD-007)"
    citizen = audit_record(actor=None, actor_label="0912***678", action="feedback.sent")
    assert citizen.actor_label == "0912***678"


def test_event_rolls_back_with_the_callers_transaction():
    audit_record(actor=None, action="kept.one")
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor=None, action="rolled.back")
        raise RuntimeError("the write failed")
    assert list(AuditEvent.objects.unscoped().values_list("action", flat=True)) == ["kept.one"]
    assert AuditChainHead.objects.get().count == 1
    assert audit_record(actor=None, action="next.one").seq == 2
    assert audit_chain_verify().ok


def test_unit_may_be_given_as_id_and_overrides_the_object_unit():
    unit, other = CommuneFactory(), CommuneFactory()
    household = HouseholdFactory(hamlet__unit=unit)
    assert audit_record(actor=None, action="x.y", obj=household, unit=other.pk).unit_id == other.pk


@pytest.mark.parametrize("action", ["", "has space"])
def test_action_must_be_a_dotted_code(action):
    with pytest.raises(ValueError):
        audit_record(actor=None, action=action)


def test_long_labels_are_cut_to_fit():
    event = audit_record(actor="x" * 500, action="a." + "b" * 200, note="n" * 5000)
    assert len(event.actor_label) == 200 and len(event.action) == 100 and len(event.note) == 5000
    assert audit_chain_verify().ok


def test_auditing_an_event_appends_a_new_one_and_never_alters_it():
    original = audit_record(actor=None, action="household.created", new={"code": "HGD-1"})
    before = AuditEvent.objects.unscoped().filter(pk=original.pk).values().get()
    again = audit_record(actor=None, action="audit.annotated", obj=original, new={"code": "forged"})
    assert again.pk != original.pk
    assert AuditEvent.objects.unscoped().filter(pk=original.pk).values().get() == before
    assert audit_chain_verify().ok


def test_head_is_recreated_from_the_newest_event_when_missing():
    audit_record(actor=None, action="a.one")
    last = audit_record(actor=None, action="a.two")
    AuditChainHead.objects.all().delete()
    event = audit_record(actor=None, action="a.three")
    assert (event.seq, event.prev_hash) == (3, last.hash)
    assert audit_chain_verify().ok


def test_values_read_back_identically_on_this_database():
    """Everything that enters the hash must survive the database round trip (jsonb on PostgreSQL)."""
    audit_record(
        actor=None,
        action="mixed.values",
        new={
            "float": 0.30000000000000004,
            "big": 10**20,
            "decimal": Decimal("1.10"),
            "text": "Tiếng Việt — “ngoặc” ✓ \\u0000",
            "nested": {"z": [1, {"y": None}], "a": True},
            "empty": {},
        },
        note="Ghi chú có dấu",
    )
    report = audit_chain_verify()
    assert report.ok, report.problem
