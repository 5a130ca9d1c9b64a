import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from thanthien.procedures.models import Procedure

pytestmark = pytest.mark.django_db

LIST = reverse("procedures:list")


def login(client, user):
    client.force_login(user)
    return client


def test_anonymous_is_sent_to_login(client):
    response = client.get(LIST)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_officer_lists_and_searches_without_accents(client, officer_a):
    response = login(client, officer_a).get(LIST, {"q": "dang ky khai sinh"})
    assert response.status_code == 200
    assert "Đăng ký khai sinh" in response.content.decode()
    assert "Đăng ký kết hôn" not in response.content.decode()


def test_list_query_budget(client, officer_a, django_assert_max_num_queries):
    login(client, officer_a).get(LIST)
    with django_assert_max_num_queries(12):
        assert client.get(LIST, {"page": 2}).status_code == 200


def test_detail_shows_components_steps_and_budget(client, officer_a):
    response = login(client, officer_a).get(reverse("procedures:detail", args=["1.004873"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Cấp Giấy xác nhận tình trạng hôn nhân" in body and "Tờ khai" in body


def test_unknown_code_is_404(client, officer_a):
    assert login(client, officer_a).get(reverse("procedures:detail", args=["0.000000"])).status_code == 404


@pytest.mark.parametrize(
    ("name", "args", "method"),
    [
        ("procedures:create", [], "get"),
        ("procedures:edit", ["1.001193"], "get"),
        ("procedures:edit", ["1.001193"], "post"),
        ("procedures:publish", ["1.001193"], "post"),
        ("procedures:import", [], "get"),
        ("procedures:import_confirm", [], "post"),
    ],
)
def test_officer_cannot_edit(client, officer_a, name, args, method):
    response = getattr(login(client, officer_a), method)(reverse(name, args=args))
    assert response.status_code == 403


def _form_data(procedure, **changes):
    """POST data of the edit page for ``procedure`` (checkboxes only when ticked)."""
    data = {
        name: str(getattr(procedure, name) if getattr(procedure, name) is not None else "")
        for name in (
            "code",
            "name",
            "competent_level",
            "time_amount",
            "time_measure",
            "time_note",
            "fee_amount",
            "fee_unit",
            "fee_note",
            "online_level",
            "postal_ineligible_reason",
            "result_type",
            "legal_basis",
            "confidence",
            "source_note",
        )
    }
    data.update({"field": procedure.field.code, "valid_from": "2025-07-01", "valid_to": ""})
    for flag in ("is_immediate", "postal_eligible", "is_published"):
        if getattr(procedure, flag):
            data[flag] = "on"
    comps, steps = list(procedure.components.all()), list(procedure.steps.all())
    data.update(
        {
            "components-TOTAL_FORMS": len(comps),
            "components-INITIAL_FORMS": len(comps),
            "steps-TOTAL_FORMS": len(steps),
            "steps-INITIAL_FORMS": len(steps),
        }
    )
    for i, c in enumerate(comps):
        data.update(
            {
                f"components-{i}-name": c.name,
                f"components-{i}-original_count": c.original_count,
                f"components-{i}-copy_count": c.copy_count,
                f"components-{i}-note": c.note,
            }
        )
        if c.is_required:
            data[f"components-{i}-is_required"] = "on"
    for i, s in enumerate(steps):
        data.update(
            {f"steps-{i}-name": s.name, f"steps-{i}-actor_role": s.actor_role, f"steps-{i}-hours": str(s.hours)}
        )
    data.update(changes)
    return data


def test_province_admin_edits_a_procedure(client, province_admin):
    birth = Procedure.objects.get(code="1.004873")
    response = login(client, province_admin).post(
        reverse("procedures:edit", args=[birth.code]), _form_data(birth, fee_unit="bản giấy")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    birth.refresh_from_db()
    assert birth.fee_unit == "bản giấy"


def test_edit_with_steps_not_adding_up_shows_the_error(client, province_admin):
    p = Procedure.objects.get(code="1.004873")
    response = login(client, province_admin).post(
        reverse("procedures:edit", args=[p.code]), _form_data(p, time_amount="4")
    )
    assert response.status_code == 200
    assert Procedure.objects.get(code="1.004873").time_amount == 3


def test_publish_toggle(client, province_admin):
    url = reverse("procedures:publish", args=["1.001193"])
    assert login(client, province_admin).post(url, {"published": "0"}).status_code == 302
    assert not Procedure.objects.get(code="1.001193").is_published


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_downloads(client, officer_a, fmt):
    response = login(client, officer_a).get(reverse("procedures:export", args=[fmt]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{fmt}"')


def test_import_upload_preview_confirm(client, province_admin):
    login(client, province_admin)
    data = client.get(reverse("procedures:export", args=["xlsx"])).content
    wb = load_workbook(io.BytesIO(data))
    sheet = wb["procedures"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "1.000656")
    sheet.cell(row, header.index("fee_unit") + 1).value = "lần"
    buffer = io.BytesIO()
    wb.save(buffer)
    upload = io.BytesIO(buffer.getvalue())
    upload.name = "danh-muc.xlsx"
    response = client.post(reverse("procedures:import"), {"file": upload})
    assert response.status_code == 200
    token = response.context["token"]
    assert token and response.context["outcome"].updated == ["1.000656"]
    assert Procedure.objects.get(code="1.000656").fee_unit != "lần"
    response = client.post(reverse("procedures:import_confirm"), {"token": token})
    assert response.status_code == 302
    assert Procedure.objects.get(code="1.000656").fee_unit == "lần"
    # The token is single-use.
    assert client.post(reverse("procedures:import_confirm"), {"token": token}).status_code == 302
    assert "procedures_import" not in client.session


def test_import_report_for_a_bad_file(client, province_admin):
    upload = io.BytesIO(b"record,code,name\r\nprocedure,1 2,\r\n")
    upload.name = "x.csv"
    response = login(client, province_admin).post(reverse("procedures:import"), {"file": upload})
    assert response.status_code == 400
    assert response.context["outcome"].issues
    assert not response.context["token"]


def test_import_rejects_other_file_types(client, province_admin):
    upload = io.BytesIO(b"hello")
    upload.name = "x.txt"
    response = login(client, province_admin).post(reverse("procedures:import"), {"file": upload})
    assert response.status_code == 200 and response.context["form"].errors


@pytest.mark.parametrize("url", [reverse("procedures:create"), reverse("procedures:edit", args=["2.000815"])])
def test_admin_sees_the_edit_pages(client, province_admin, url):
    response = login(client, province_admin).get(url)
    assert response.status_code == 200
    assert 'name="steps-TOTAL_FORMS"' in response.content.decode()


def test_admin_creates_a_procedure_with_children(client, province_admin):
    data = {
        "code": "TN-0100",
        "name": "Thủ tục tạo từ trang",
        "field": "ho-tich",
        "competent_level": "commune",
        "time_amount": "1",
        "time_measure": "working_days",
        "fee_amount": "0",
        "online_level": "none",
        "result_type": "Văn bản",
        "confidence": "verified",
        "postal_eligible": "on",
        "components-TOTAL_FORMS": "2",
        "components-INITIAL_FORMS": "0",
        "components-0-name": "Đơn",
        "components-0-original_count": "1",
        "components-0-copy_count": "0",
        "components-0-is_required": "on",
        "components-1-original_count": "1",
        "components-1-copy_count": "0",
        "components-1-is_required": "on",
        "steps-TOTAL_FORMS": "2",
        "steps-INITIAL_FORMS": "0",
        "steps-0-name": "Tiếp nhận",
        "steps-0-actor_role": "Bộ phận Một cửa",
        "steps-0-hours": "3",
        "steps-1-name": "Xử lý",
        "steps-1-actor_role": "Công chức",
        "steps-1-hours": "5",
    }
    response = login(client, province_admin).post(reverse("procedures:create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Procedure.objects.get(code="TN-0100")
    assert [c.name for c in created.components.all()] == ["Đơn"]
    assert [s.order for s in created.steps.all()] == [1, 2]
