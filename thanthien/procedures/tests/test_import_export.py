"""Import and export of the catalogue (CSV and XLSX), the validation report, all-or-nothing apply."""

import csv
import io

import pytest
from openpyxl import load_workbook

from thanthien.audit.models import AuditEvent
from thanthien.procedures.exchange import COLUMNS, procedure_rows, record_of
from thanthien.procedures.models import Procedure
from thanthien.procedures.selectors import catalogue_for_export
from thanthien.procedures.services import catalogue_import_apply, catalogue_import_preview
from thanthien.procedures.tabular import read_csv, read_xlsx, write_csv, write_xlsx

pytestmark = pytest.mark.django_db


def export(actor, fmt):
    tables = procedure_rows(catalogue_for_export(actor=actor))
    return (write_csv if fmt == "csv" else write_xlsx)(COLUMNS, tables)


def read(fmt, data):
    return (read_csv if fmt == "csv" else read_xlsx)(data)


def snapshot():
    return {
        p.code: record_of(p) for p in Procedure.objects.prefetch_related("components", "steps").select_related("field")
    }


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_changes_nothing(fmt, province_admin):
    before = snapshot()
    tables = read(fmt, export(province_admin, fmt))
    outcome = catalogue_import_apply(actor=province_admin, tables=tables)
    assert outcome.ok, outcome.issues
    assert outcome.created == [] and outcome.updated == []
    assert len(outcome.unchanged) == len(before) >= 30
    assert snapshot() == before
    assert not AuditEvent.objects.unscoped().filter(action="procedure.catalogue_imported").exists()


def _csv_rows(data):
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def _csv_bytes(rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def test_changed_and_new_rows_are_applied_and_audited(province_admin):
    rows = _csv_rows(export(province_admin, "csv"))
    for row in rows:
        if row["record"] == "procedure" and row["code"] == "1.004873":
            row["fee_amount"] = "20.000"  # thousands separator accepted
    rows.append(
        {
            **dict.fromkeys(rows[0], ""),
            "record": "procedure",
            "code": "TN-0009",
            "name": "Thủ tục mới của tỉnh",
            "field_code": "lv-moi",
            "field_name": "Lĩnh vực mới",
            "time_amount": "0,5",
            "time_measure": "ngày làm việc",
            "result_type": "Văn bản",
            "is_published": "có",
        }
    )
    rows.append(
        {
            **dict.fromkeys(rows[0], ""),
            "record": "step",
            "procedure_code": "TN-0009",
            "order": "1",
            "name": "Xử lý",
            "actor_role": "Công chức",
            "hours": "4",
        }
    )
    tables = read_csv(_csv_bytes(rows))
    preview = catalogue_import_preview(actor=province_admin, tables=tables)
    assert (preview.created, preview.updated, preview.new_fields) == (["TN-0009"], ["1.004873"], ["lv-moi"])
    assert not Procedure.objects.filter(code="TN-0009").exists()  # preview writes nothing
    outcome = catalogue_import_apply(actor=province_admin, tables=tables)
    assert outcome.applied
    assert Procedure.objects.get(code="1.004873").fee_amount == 20000
    new = Procedure.objects.get(code="TN-0009")
    assert (new.field.name, new.time_amount, new.is_published) == ("Lĩnh vực mới", 0.5, True)
    event = AuditEvent.objects.unscoped().get(action="procedure.catalogue_imported")
    assert event.new["created"] == ["TN-0009"] and event.new["updated"] == ["1.004873"]


def test_bad_rows_are_reported_and_nothing_is_saved(province_admin):
    before = snapshot()
    data = export(province_admin, "xlsx")
    wb = load_workbook(io.BytesIO(data))
    procedures, components, steps = wb["procedures"], wb["components"], wb["steps"]
    header = [c.value for c in procedures[1]]
    col = {name: header.index(name) + 1 for name in header}
    # Row 2: a valid change that must NOT be applied because other rows are bad.
    procedures.cell(2, col["name"]).value = "Tên đã sửa"
    procedures.cell(3, col["time_measure"]).value = "tuần"
    procedures.cell(4, col["fee_amount"]).value = -5
    procedures.cell(5, col["valid_from"]).value = "32/13/2026"
    procedures.cell(6, col["time_amount"]).value = 9  # steps no longer add up
    components.cell(2, 1).value = "9.999999"  # procedure not in the file
    steps.cell(3, 5).value = "abc"  # hours not a number
    buffer = io.BytesIO()
    wb.save(buffer)

    outcome = catalogue_import_apply(actor=province_admin, tables=read_xlsx(buffer.getvalue()))
    assert not outcome.ok and not outcome.applied
    found = {(i.table, i.row, i.column) for i in outcome.issues}
    assert {
        ("procedures", 3, "time_measure"),
        ("procedures", 4, "fee_amount"),
        ("procedures", 5, "valid_from"),
        ("procedures", 6, "steps"),
        ("components", 2, "procedure_code"),
        ("steps", 3, "hours"),
    } <= found
    messages = {(i.table, i.row, i.column): i.message for i in outcome.issues}
    assert messages[("procedures", 4, "fee_amount")] == "Giá trị không được âm."
    assert messages[("procedures", 6, "steps")].startswith("Tổng số giờ các bước là")
    assert snapshot() == before


def test_duplicate_codes_and_unknown_fields_are_reported(province_admin):
    rows = [
        {
            "record": "procedure",
            "code": "TN-1",
            "name": "A",
            "field_code": "khong-co",
            "time_amount": "1",
            "result_type": "X",
        },
        {
            "record": "procedure",
            "code": "TN-1",
            "name": "B",
            "field_code": "ho-tich",
            "time_amount": "1",
            "result_type": "X",
        },
        {"record": "bogus", "code": "TN-2"},
    ]
    outcome = catalogue_import_preview(actor=province_admin, tables=read_csv(_csv_bytes(rows)))
    found = {(i.row, i.column) for i in outcome.issues}
    assert {(2, "field_name"), (3, "code"), (4, "record"), (2, "steps")} <= found


def test_officer_cannot_import(officer_a, province_admin):
    from django.core.exceptions import PermissionDenied

    tables = read_xlsx(export(province_admin, "xlsx"))
    with pytest.raises(PermissionDenied):
        catalogue_import_apply(actor=officer_a, tables=tables)


def test_xlsx_has_one_sheet_per_table(province_admin):
    wb = load_workbook(io.BytesIO(export(province_admin, "xlsx")))
    assert wb.sheetnames == ["procedures", "components", "steps"]
    assert [c.value for c in wb["steps"][1]] == COLUMNS["steps"]
