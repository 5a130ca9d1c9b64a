"""Household import from CSV and XLSX: all or nothing, row-by-row Vietnamese error report."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation
from openpyxl import Workbook

from thanthien.audit.models import AuditEvent
from thanthien.units.domain.registry import COLUMN_BY_KEY, RegistryInputError
from thanthien.units.models import Household, Person
from thanthien.units.services import household_import
from thanthien.units.tests.factories import HamletFactory, HouseholdFactory

pytestmark = pytest.mark.django_db


def L(key):  # the column label in the active language (Vietnamese by default)
    return str(COLUMN_BY_KEY[key].label)


HEADER = "Mã hộ,Thôn/Tổ dân phố,Họ và tên,Ngày sinh,Giới tính,Quan hệ với chủ hộ,Đại diện hộ,Số điện thoại,Địa chỉ,Số định danh cá nhân"
GOOD_ROWS = [
    "HGD-001,Đồng Tâm,Nguyễn Văn An,15/03/1970,Nam,Chủ hộ,x,0912345678,Xóm Đồng Tâm,019070000001",
    "HGD-001,Đồng Tâm,Trần Thị Bình,02/09/1972,Nữ,Vợ,,,,",
    "HGD-001,Đồng Tâm,Nguyễn Minh Châu,20/11/2015,Nam,Con,,,,",
    "HGD-002,Tân Lập,Lê Thị Dung,01/01/1950,Nữ,Chủ hộ,,0987 654 321,,",
]


def csv_bytes(rows, header=HEADER, bom=True):
    text = "\n".join([header, *rows]) + "\n"
    return (("\ufeff" if bom else "") + text).encode("utf-8")


@pytest.fixture
def hamlets(commune_a):
    return HamletFactory(unit=commune_a, name="Đồng Tâm"), HamletFactory(unit=commune_a, name="Tân Lập")


def test_csv_import_creates_households_members_and_one_audit_event(officer_a, commune_a, hamlets):
    result = household_import(actor=officer_a, unit=commune_a, data=csv_bytes(GOOD_ROWS), filename="so-ho.csv")
    assert (result.households, result.people) == (2, 4)
    first = Household.objects.unscoped().get(unit=commune_a, code="HGD-001")
    assert (first.hamlet, first.address, first.phone) == (hamlets[0], "Xóm Đồng Tâm", "0912345678")
    rep = first.members.get(is_representative=True)
    assert (rep.full_name, rep.birth_date, rep.national_id) == ("Nguyễn Văn An", dt.date(1970, 3, 15), "019070000001")
    second = Household.objects.unscoped().get(unit=commune_a, code="HGD-002")
    assert (second.hamlet, second.phone) == (hamlets[1], "0987654321")
    assert AuditEvent.objects.unscoped().filter(action="household.imported", unit_id=commune_a.pk).count() == 1


def test_one_bad_row_saves_nothing(officer_a, commune_a, hamlets):
    rows = [*GOOD_ROWS, "HGD-003,Đồng Tâm,Phạm Văn Em,31/02/1990,Nam,Chủ hộ,,,,"]
    with pytest.raises(RegistryInputError) as exc:
        household_import(actor=officer_a, unit=commune_a, data=csv_bytes(rows), filename="so-ho.csv")
    assert [(e.row, e.field) for e in exc.value.errors] == [(6, L("birth_date"))]
    assert not Household.objects.unscoped().filter(unit=commune_a).exists()
    assert not Person.objects.unscoped().filter(unit=commune_a).exists()


def test_error_report_is_in_vietnamese_with_row_numbers_and_field_names(officer_a, commune_a, hamlets):
    HouseholdFactory(hamlet=hamlets[0], code="HGD-002")
    rows = [
        GOOD_ROWS[0],
        "HGD-001,Đồng Tâm,,02/09/1972,Nữ,Vợ,,,,",
        "HGD-009,Bản Xa,Hoàng Văn Giang,1990-01-01,Nam,,,,,",
        "HGD-002,Tân Lập,Lê Thị Dung,01/01/1950,Nữ,Chủ hộ,,12345,,",
    ]
    with translation.override("vi"), pytest.raises(RegistryInputError) as exc:
        household_import(actor=officer_a, unit=commune_a, data=csv_bytes(rows), filename="so-ho.csv")
    report = [(e.row, e.field, e.message) for e in exc.value.errors]
    assert (3, "Họ và tên", "Trường này là bắt buộc.") in report
    assert (4, "Thôn/Tổ dân phố", "Không có thôn/tổ dân phố “Bản Xa” trong xã này; hãy tạo trước.") in report
    assert (5, "Số điện thoại", "Số điện thoại “12345” không hợp lệ; hãy dùng 10 chữ số bắt đầu bằng 0.") in report
    assert (5, "Mã hộ", "Hộ HGD-002 đã có trong xã này.") in report
    assert Household.objects.unscoped().filter(unit=commune_a).count() == 1


def test_xlsx_import_reads_dates_and_numbers_from_cells(officer_a, commune_a, hamlets):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append(
        [
            "HGD-100",
            "Thôn Đồng Tâm",
            "Hà Thị Hoa",
            dt.datetime(1985, 6, 1),
            "Nữ",
            "Chủ hộ",
            "x",
            912345678,
            "",
            19185000123,
        ]
    )
    sheet.append(["HGD-100", "Đồng Tâm", "Ma Văn Khánh", "01/02/2012", "Nam", "Con", None, None, None, None])
    sheet.append([None] * 10)  # blank rows are skipped
    buffer = io.BytesIO()
    book.save(buffer)
    result = household_import(actor=officer_a, unit=commune_a, data=buffer.getvalue(), filename="SO-HO.XLSX")
    assert (result.households, result.people) == (1, 2)
    rep = Person.objects.unscoped().get(unit=commune_a, is_representative=True)
    assert (rep.full_name, rep.birth_date, rep.phone, rep.national_id) == (
        "Hà Thị Hoa",
        dt.date(1985, 6, 1),
        "0912345678",
        "019185000123",
    )


def test_xlsx_with_a_bad_row_saves_nothing(officer_a, commune_a, hamlets):
    book = Workbook()
    book.active.append(HEADER.split(","))
    book.active.append(["HGD-1", "Đồng Tâm", "Hà Thị Hoa", "01/06/1985", "Nữ"])
    book.active.append(["HGD-2", "Đồng Tâm", "Ma Văn Khánh", "01/02/2012", "không rõ"])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(RegistryInputError) as exc:
        household_import(actor=officer_a, unit=commune_a, data=buffer.getvalue(), filename="so-ho.xlsx")
    assert [(e.row, e.field) for e in exc.value.errors] == [(3, L("gender"))]
    assert not Household.objects.unscoped().filter(unit=commune_a).exists()


def test_semicolon_csv_without_bom_and_unknown_columns(officer_a, commune_a, hamlets):
    header = "Mã hộ;Thôn;Họ tên;Ghi chú"
    data = csv_bytes(["HGD-7;Tân Lập;Vũ Thị Lan;mới chuyển đến"], header=header, bom=False)
    result = household_import(actor=officer_a, unit=commune_a, data=data, filename="a.csv")
    assert result.people == 1


def test_missing_columns_and_wrong_file_types_are_reported(officer_a, commune_a, hamlets):
    with pytest.raises(RegistryInputError) as exc:
        household_import(actor=officer_a, unit=commune_a, data=csv_bytes([], header="Họ và tên"), filename="a.csv")
    assert {e.field for e in exc.value.errors} == {L("household_code"), L("hamlet")}
    with pytest.raises(RegistryInputError):
        household_import(actor=officer_a, unit=commune_a, data=b"x", filename="a.pdf")
    with pytest.raises(RegistryInputError):
        household_import(actor=officer_a, unit=commune_a, data=b"not a zip", filename="a.xlsx")
    with pytest.raises(RegistryInputError):
        household_import(actor=officer_a, unit=commune_a, data=b"M\xe3 h\xf4\n", filename="a.csv")


def test_import_into_another_commune_is_refused(officer_b, commune_a, hamlets):
    with pytest.raises(PermissionDenied):
        household_import(actor=officer_b, unit=commune_a, data=csv_bytes(GOOD_ROWS), filename="so-ho.csv")
    assert not Household.objects.unscoped().filter(unit=commune_a).exists()
