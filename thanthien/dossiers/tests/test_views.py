"""Staff pages: reception form, list with filters, detail actions, apology, home panels."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from thanthien.dossiers.domain.status import DossierStatus
from thanthien.dossiers.models import Dossier
from thanthien.dossiers.tests.factories import MONDAY_10, DossierFactory

pytestmark = pytest.mark.django_db


def test_list_requires_login(client):
    assert client.get(reverse("dossiers:list")).status_code == 302


def test_list_shows_own_commune_only(client, officer_a, commune_a, commune_b):
    DossierFactory(unit=commune_a, applicant_name="Vi Thị Ngọc")
    DossierFactory(unit=commune_b, applicant_name="Mã Văn Tú")
    client.force_login(officer_a)
    html = client.get(reverse("dossiers:list")).content.decode()
    assert "Vi Thị Ngọc" in html and "Mã Văn Tú" not in html


def test_list_htmx_returns_the_results_partial(client, officer_a, commune_a):
    DossierFactory(unit=commune_a, applicant_name="Vi Thị Ngọc", search_text="vi thi ngoc")
    client.force_login(officer_a)
    response = client.get(reverse("dossiers:list"), {"q": "ngoc"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and "Vi Thị Ngọc" in html and "<html" not in html


def test_reception_form_creates_a_received_dossier(client, officer_a, commune_a, procedure):
    client.force_login(officer_a)
    page = client.get(reverse("dossiers:receive"), {"q": "chung thuc"})
    assert page.status_code == 200 and "Chứng thực chữ ký" in page.content.decode()
    response = client.post(
        reverse("dossiers:receive"),
        {
            "unit": commune_a.pk,
            "procedure": procedure.pk,
            "applicant_name": "Triệu Thị Mơ",
            "channel_in": "direct",
            "channel_out": "direct",
            "decision": "receive",
            "components": ["Đơn đề nghị theo mẫu"],
            "other_components": "Giấy xác nhận tạm trú",
        },
    )
    dossier = Dossier.objects.unscoped().get()
    assert response.status_code == 302 and response["Location"] == reverse("dossiers:detail", args=[dossier.pk])
    assert dossier.status == "received" and dossier.code
    assert dossier.components.filter(is_extra=True).count() == 1


def test_reception_refusal_needs_a_reason(client, officer_a, commune_a, procedure):
    client.force_login(officer_a)
    response = client.post(
        reverse("dossiers:receive"),
        {
            "unit": commune_a.pk,
            "procedure": procedure.pk,
            "applicant_name": "A",
            "channel_in": "direct",
            "channel_out": "direct",
            "decision": "refuse_at_reception",
        },
    )
    assert response.status_code == 200 and not Dossier.objects.unscoped().exists()


def test_detail_actions_and_illegal_action_message(client, officer_a, commune_a):
    d = DossierFactory(unit=commune_a)
    client.force_login(officer_a)
    html = client.get(reverse("dossiers:detail", args=[d.pk])).content.decode()
    assert 'value="transfer"' in html and 'value="return_result"' not in html
    response = client.post(reverse("dossiers:action", args=[d.pk]), {"action": "return_result"}, follow=True)
    assert "không" in response.content.decode().lower()
    d.refresh_from_db()
    assert d.status == "received"
    client.post(reverse("dossiers:action", args=[d.pk]), {"action": "transfer"})
    d.refresh_from_db()
    assert d.status == "transferred"


def test_detail_of_another_commune_is_404(client, officer_b, commune_a):
    d = DossierFactory(unit=commune_a)
    client.force_login(officer_b)
    assert client.get(reverse("dossiers:detail", args=[d.pk])).status_code == 404
    assert client.post(reverse("dossiers:action", args=[d.pk]), {"action": "transfer"}).status_code == 404


def test_assignment_through_the_page(client, chairman_a, specialist_a, commune_a):
    d = DossierFactory(unit=commune_a, status="transferred")
    client.force_login(chairman_a)
    html = client.get(reverse("dossiers:detail", args=[d.pk])).content.decode()
    assert "Ngô Văn Bình" in html
    client.post(reverse("dossiers:action", args=[d.pk]), {"action": "assign", "handler": specialist_a.pk})
    d.refresh_from_db()
    assert d.status == "in_processing" and d.handler == specialist_a


def test_apology_form_issues_once(client, chairman_a, commune_a):
    tomorrow = timezone.localdate() + dt.timedelta(days=30)
    due_at = timezone.now() + dt.timedelta(days=30)
    d = DossierFactory(unit=commune_a, status="in_processing", due_at=due_at, due_date=tomorrow, original_due_at=due_at)
    client.force_login(chairman_a)
    assert client.get(reverse("dossiers:apology", args=[d.pk])).status_code == 200
    from thanthien.dossiers.services import calendar_around

    cal = calendar_around(tomorrow)
    new_date = cal.add_working_days(tomorrow, 2)
    r = client.post(
        reverse("dossiers:apology", args=[d.pk]), {"new_due_date": new_date.isoformat(), "reason": "Chờ xác minh"}
    )
    assert r.status_code == 302
    d.refresh_from_db()
    assert d.extended_due_date == new_date
    r = client.post(
        reverse("dossiers:apology", args=[d.pk]), {"new_due_date": new_date.isoformat(), "reason": "Lần hai"}
    )
    assert r.status_code == 200 and "một lần" in r.content.decode()
    # Once issued, the dossier page no longer offers the apology.
    html = client.get(reverse("dossiers:detail", args=[d.pk])).content.decode()
    assert reverse("dossiers:apology", args=[d.pk]) not in html


def test_immediate_result_is_offered_only_for_immediate_procedures(client, officer_a, commune_a):
    d = DossierFactory(unit=commune_a, procedure__is_immediate=False)
    client.force_login(officer_a)
    html = client.get(reverse("dossiers:detail", args=[d.pk])).content.decode()
    assert 'value="record_immediate_result"' not in html
    quick = DossierFactory(unit=commune_a, procedure__is_immediate=True)
    html = client.get(reverse("dossiers:detail", args=[quick.pk])).content.decode()
    assert 'value="record_immediate_result"' in html


def test_fee_above_legal_is_refused_on_the_page(client, officer_a, commune_a, procedure):
    d = DossierFactory(unit=commune_a, procedure=procedure)
    client.force_login(officer_a)
    r = client.post(reverse("dossiers:fee_add", args=[d.pk]), {"amount": "50000"}, follow=True)
    assert "10.000" in r.content.decode()
    assert d.fees.count() == 0


def test_home_panel_lists_predicted_late_for_the_leader(client, chairman_a, commune_a):
    DossierFactory(
        unit=commune_a, predicted_late=True, applicant_name="Lục Văn Sáng", due_at=timezone.now() + dt.timedelta(days=2)
    )
    client.force_login(chairman_a)
    html = client.get(reverse("core:staff_home")).content.decode()
    assert "Lục Văn Sáng" in html


def test_tracking_book_and_control_slip(client, officer_a, commune_a):
    d = DossierFactory(unit=commune_a, received_on=dt.date(2026, 3, 9))
    client.force_login(officer_a)
    assert d.code in client.get(reverse("dossiers:book"), {"year": 2026}).content.decode()
    assert client.get(reverse("dossiers:control_slip", args=[d.pk])).status_code == 200


def test_volunteer_roster(client, officer_a, commune_a):
    client.force_login(officer_a)
    r = client.post(
        reverse("dossiers:volunteers"),
        {
            "volunteer_name": "Hà Thị Vân",
            "organisation": "Đoàn Thanh niên",
            "starts_at": "2030-01-02T07:30",
            "ends_at": "2030-01-02T11:30",
        },
    )
    assert r.status_code == 302
    assert "Hà Thị Vân" in client.get(reverse("dossiers:volunteers")).content.decode()


@pytest.mark.parametrize("unit", ["abc", "other"])
def test_volunteer_shift_for_a_unit_not_ones_own_is_refused_not_a_500(client, officer_a, commune_a, commune_b, unit):
    from thanthien.dossiers.models import VolunteerShift

    client.force_login(officer_a)
    data = {"volunteer_name": "Hà Thị Vân", "starts_at": "2030-01-02T07:30", "ends_at": "2030-01-02T11:30"}
    r = client.post(reverse("dossiers:volunteers"), {**data, "unit": commune_b.pk if unit == "other" else unit})
    assert r.status_code == 403
    assert not VolunteerShift.objects.unscoped().exists()


def test_list_page_query_count_does_not_grow_with_rows(client, officer_a, commune_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(officer_a)
    DossierFactory(unit=commune_a)
    client.get(reverse("dossiers:list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("dossiers:list"))
    for _ in range(8):
        DossierFactory(unit=commune_a, handler=officer_a)
    with CaptureQueriesContext(connection) as many:
        html = client.get(reverse("dossiers:list")).content.decode()
    assert html.count('href="/staff/dossiers/') >= 9
    assert len(many.captured_queries) == len(few.captured_queries)


def test_illegal_transition_message_is_vietnamese(officer_a, commune_a):
    from thanthien.dossiers import services
    from thanthien.dossiers.domain.status import IllegalTransition

    d = DossierFactory(unit=commune_a)
    with pytest.raises(IllegalTransition) as exc:
        services.dossier_transition(actor=officer_a, dossier=d, action="return_result")
    assert "không được phép" in str(exc.value) or "Không" in str(exc.value), str(exc.value)


@pytest.mark.parametrize("status", [s.value for s in DossierStatus])
def test_detail_renders_in_every_status(client, chairman_a, commune_a, commune_b, status):
    d = DossierFactory(unit=commune_a, deciding_unit=commune_b, status=status)
    client.force_login(chairman_a)
    assert client.get(reverse("dossiers:detail", args=[d.pk])).status_code == 200
    assert client.get(reverse("dossiers:list")).status_code == 200


def test_list_pages_by_cursor(client, officer_a, commune_a):
    import re

    from thanthien.dossiers.selectors import PAGE_SIZE

    for i in range(PAGE_SIZE + 3):
        DossierFactory(unit=commune_a, code=f"C-{i:03d}", due_at=MONDAY_10 + dt.timedelta(hours=i))
    client.force_login(officer_a)
    html = client.get(reverse("dossiers:list")).content.decode()
    assert "C-049" in html and "C-050" not in html
    next_url = re.search(r'rel="next" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert "after=" in next_url and "page=2" in next_url
    html = client.get(reverse("dossiers:list") + next_url).content.decode()
    assert "C-050" in html and "C-052" in html and "C-049" not in html and 'rel="next"' not in html
    prev_url = re.search(r'rel="prev" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert "before=" in prev_url and "after=" not in prev_url
    html = client.get(reverse("dossiers:list") + prev_url).content.decode()
    assert "C-000" in html and "C-049" in html and "C-050" not in html and 'rel="prev"' not in html


def test_detail_says_in_words_when_no_fee_is_recorded(client, officer_a, commune_a):
    dossier = DossierFactory(unit=commune_a)
    client.force_login(officer_a)
    html = client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert "Chưa ghi nhận khoản phí, lệ phí nào." in html
