import io

import pytest
from django.urls import reverse
from django.utils import timezone

from thanthien.units.models import Household
from thanthien.units.tests.factories import HamletFactory, HouseholdFactory, PersonFactory, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_a(client, officer_a):
    client.force_login(officer_a)
    return client


def test_pages_need_a_login(client, commune_a):
    response = client.get(reverse("units:browse"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_search_finds_units_without_accents(client_a):
    response = client_a.get(reverse("units:browse"), {"q": "dinh hoa"})
    assert response.status_code == 200
    assert "Xã Định Hóa" in response.text and "Huyện Định Hóa" in response.text
    assert "Xã Bình Yên" not in response.text


def test_tree_before_the_reform_shows_districts(client_a):
    response = client_a.get(reverse("units:browse"), {"period": "before"})
    assert "Thành phố Sông Công" in response.text and "Phường Trưng Vương" in response.text
    current = client_a.get(reverse("units:browse"))
    assert "Phường Phan Đình Phùng" in current.text and "Phường Trưng Vương" not in current.text


def test_old_unit_page_shows_its_successor(client_a):
    response = client_a.get(reverse("units:unit_detail", args=["trung-vuong"]))
    assert response.status_code == 200
    assert "Phường Phan Đình Phùng" in response.text and "05443" in response.text


def test_hamlet_list_of_another_commune_is_forbidden(client_a, commune_b):
    assert client_a.get(reverse("units:hamlet_list", args=[commune_b.slug])).status_code == 403


def test_registry_shows_representative_members_voters_and_phone(client_a, commune_a):
    hamlet = HamletFactory(unit=commune_a)
    household = HouseholdFactory(hamlet=hamlet, phone="0911222333")
    today = timezone.localdate()
    PersonFactory(
        household=household,
        full_name="Nguyễn Văn An",
        is_representative=True,
        birth_date=today.replace(year=today.year - 40),
    )
    PersonFactory(household=household, full_name="Nguyễn Thị Nhỏ", birth_date=today.replace(year=today.year - 10))
    response = client_a.get(reverse("units:hamlet_detail", args=[hamlet.pk]))
    assert response.status_code == 200
    row = response.context["page_obj"].object_list[0]
    assert (row.representative_name, row.member_count, row.voter_count) == ("Nguyễn Văn An", 2, 1)
    assert "0911222333" in response.text


def test_registry_list_keeps_a_query_budget(client_a, commune_a, django_assert_max_num_queries):
    hamlet = HamletFactory(unit=commune_a)
    for _ in range(30):
        PersonFactory(household=HouseholdFactory(hamlet=hamlet))
    client_a.get(reverse("units:hamlet_detail", args=[hamlet.pk]))  # warm caches (session, nav)
    with django_assert_max_num_queries(15):
        response = client_a.get(reverse("units:hamlet_detail", args=[hamlet.pk]))
    assert len(response.context["page_obj"].object_list) == 30


def test_household_of_another_commune_is_not_found(client_a, commune_b):
    household = HouseholdFactory(hamlet__unit=commune_b)
    assert client_a.get(reverse("units:household_detail", args=[household.pk])).status_code == 404
    assert client_a.post(reverse("units:household_edit", args=[household.pk]), {}).status_code == 404


def test_officer_registers_a_household_and_adds_a_member(client_a, commune_a):
    hamlet = HamletFactory(unit=commune_a)
    response = client_a.post(
        reverse("units:household_create", args=[hamlet.pk]),
        {"address": "Số 3", "phone": "0912 111 222", "rep-full_name": "Đỗ Văn Hải", "rep-birth_date": "1975-04-30"},
    )
    household = Household.objects.unscoped().get(hamlet=hamlet)
    assert response.status_code == 302
    assert household.members.get().is_representative
    response = client_a.post(
        reverse("units:household_detail", args=[household.pk]),
        {"full_name": "Đỗ Thị Mai", "birth_date": "12/08/2001", "gender": "f"},
    )
    assert response.status_code == 302
    assert household.members.count() == 2


def test_form_errors_from_the_service_are_shown(client_a, commune_a):
    hamlet = HamletFactory(unit=commune_a)
    response = client_a.post(
        reverse("units:household_create", args=[hamlet.pk]), {"phone": "123", "rep-full_name": "Đỗ Văn Hải"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["phone"]
    assert not Household.objects.unscoped().filter(hamlet=hamlet).exists()


def test_specialist_adds_a_hamlet_but_one_stop_officer_sees_no_form(client, commune_a, officer_a):
    client.force_login(officer_a)
    assert client.get(reverse("units:hamlet_list", args=[commune_a.slug])).context["form"] is None
    specialist = make_staff("specialist_officer", commune_a)
    client.force_login(specialist)
    response = client.post(
        reverse("units:hamlet_list", args=[commune_a.slug]), {"name": "số 9", "hamlet_type": "to_dan_pho"}
    )
    assert response.status_code == 302
    assert commune_a.hamlets.filter(name="số 9").exists()


def test_import_page_shows_the_error_report_and_saves_nothing(client_a, commune_a):
    HamletFactory(unit=commune_a, name="Đồng Tâm")
    data = "Mã hộ,Thôn,Họ và tên,Ngày sinh\nHGD-1,Đồng Tâm,Nguyễn Văn An,01/01/1970\nHGD-2,Đồng Tâm,,99/99/1999\n"
    upload = io.BytesIO(data.encode())
    upload.name = "so-ho.csv"
    response = client_a.post(reverse("units:household_import", args=[commune_a.slug]), {"file": upload})
    assert response.status_code == 400
    assert [(e.row, e.field) for e in response.context["errors"]] == [(3, "Họ và tên"), (3, "Ngày sinh")]
    assert "Không có dữ liệu nào được lưu" in response.text or "Nothing was saved" in response.text
    assert not Household.objects.unscoped().filter(unit=commune_a).exists()


def test_import_page_success_redirects(client_a, commune_a):
    HamletFactory(unit=commune_a, name="Đồng Tâm")
    upload = io.BytesIO("Mã hộ,Thôn,Họ và tên\nHGD-1,Đồng Tâm,Nguyễn Văn An\n".encode())
    upload.name = "so-ho.csv"
    response = client_a.post(reverse("units:household_import", args=[commune_a.slug]), {"file": upload})
    assert response.status_code == 302
    assert Household.objects.unscoped().filter(unit=commune_a).count() == 1


def test_import_template_is_a_csv_with_the_headers(client_a):
    response = client_a.get(reverse("units:import_template"))
    assert response["Content-Type"].startswith("text/csv")
    assert "Mã hộ,Thôn/Tổ dân phố,Họ và tên" in response.content.decode("utf-8-sig")
