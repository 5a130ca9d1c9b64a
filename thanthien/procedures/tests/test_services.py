from dataclasses import replace
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thanthien.audit.models import AuditEvent
from thanthien.procedures.domain.records import ComponentRecord, ProcedureRecord, StepRecord
from thanthien.procedures.exchange import record_of
from thanthien.procedures.models import Procedure
from thanthien.procedures.services import procedure_save, procedure_set_published

pytestmark = pytest.mark.django_db

RECORD = ProcedureRecord(
    code="TN-0001",
    name="Xác nhận đơn đề nghị hỗ trợ thử nghiệm",
    field_code="bao-tro-xa-hoi",
    time_amount=D(2),
    time_measure="working_days",
    result_type="Văn bản xác nhận",
    fee_amount=D(0),
    online_level="full",
    components=(ComponentRecord(1, "Đơn đề nghị theo mẫu"),),
    steps=(StepRecord(1, "Tiếp nhận", "Bộ phận Một cửa", D(2)), StepRecord(2, "Xử lý, ký", "Lãnh đạo UBND xã", D(14))),
)


def events(action):
    return AuditEvent.objects.unscoped().filter(action=action)


def test_province_admin_creates_a_procedure_with_an_audit_event(province_admin):
    procedure = procedure_save(actor=province_admin, record=RECORD)
    assert procedure.search_text == "tn-0001 xac nhan don de nghi ho tro thu nghiem bao tro xa hoi"
    assert record_of(Procedure.objects.get(code="TN-0001")) == RECORD
    event = events("procedure.created").get()
    assert event.new["code"] == "TN-0001" and event.old is None


def test_update_replaces_children_and_records_old_and_new(province_admin):
    procedure_save(actor=province_admin, record=RECORD)
    changed = replace(RECORD, name="Tên mới", steps=(StepRecord(1, "Một bước", "Bộ phận Một cửa", D(16)),))
    procedure_save(actor=province_admin, record=changed, original_code="TN-0001")
    stored = Procedure.objects.get(code="TN-0001")
    assert stored.name == "Tên mới" and stored.steps.count() == 1
    event = events("procedure.updated").get()
    assert event.old["name"] != event.new["name"]


def test_steps_that_do_not_add_up_are_refused(province_admin):
    with pytest.raises(ValidationError) as exc:
        procedure_save(actor=province_admin, record=replace(RECORD, time_amount=D(3)))
    assert "steps" in exc.value.message_dict
    assert not Procedure.objects.filter(code="TN-0001").exists()


def test_code_already_used_is_refused(province_admin):
    with pytest.raises(ValidationError) as exc:
        procedure_save(actor=province_admin, record=replace(RECORD, code="1.001193"))
    assert "code" in exc.value.message_dict


@pytest.mark.parametrize("persona", ["officer_a", "chairman_a", "commune_admin"])
def test_only_a_province_administrator_edits_the_catalogue(persona, request):
    actor = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        procedure_save(actor=actor, record=RECORD)
    with pytest.raises(PermissionDenied):
        procedure_set_published(actor=actor, procedure=Procedure.objects.get(code="1.001193"), published=False)


def test_superuser_may_edit(django_user_model):
    root = django_user_model.objects.create_superuser("root", password="mat-khau-rat-dai-2026")
    assert procedure_save(actor=root, record=RECORD).pk


def test_publishing_is_audited_once(province_admin):
    birth = Procedure.objects.get(code="1.001193")
    procedure_set_published(actor=province_admin, procedure=birth, published=False)
    procedure_set_published(actor=province_admin, procedure=birth, published=False)
    birth.refresh_from_db()
    assert not birth.is_published
    assert events("procedure.unpublished").count() == 1
