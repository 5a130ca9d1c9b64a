"""The dossier page groups its actions by kind (the status's next step first); the hand-off table
and the tracking book read as the papers do."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from thanthien.clocks.domain.calendar import VIETNAM_TZ
from thanthien.dossiers import services
from thanthien.dossiers.services import ApplicantData, IntakeData
from thanthien.dossiers.tests.factories import DossierFactory

pytestmark = pytest.mark.django_db

MON_10 = dt.datetime(2026, 3, 9, 10, 0, tzinfo=VIETNAM_TZ)


def groups(html: str) -> list[str]:
    return re.findall(r'<section class="panel[^"]*action-group" aria-labelledby="ag-(\w+)"', html)


def group_html(html: str, key: str) -> str:
    start = html.index(f'aria-labelledby="ag-{key}"')
    return html[start : html.index("</section>", start)]


def detail(client, user, dossier) -> str:
    client.force_login(user)
    response = client.get(reverse("dossiers:detail", args=[dossier.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_received_dossier_shows_hand_off_first_with_a_heading(client, officer_a, commune_a):
    html = detail(client, officer_a, DossierFactory(unit=commune_a))
    assert groups(html)[0] == "handoff"
    assert groups(html)[-1] == "papers"
    handoff = group_html(html, "handoff")
    assert '<h3 class="panel__title" id="ag-handoff">' in handoff
    assert 'value="transfer"' in handoff and 'class="action-form"' in handoff
    assert 'value="return_result"' not in html  # not allowed in this status: still hidden


def test_in_processing_puts_result_first_then_the_others_in_lifecycle_order(client, chairman_a, commune_a):
    html = detail(client, chairman_a, DossierFactory(unit=commune_a, status="in_processing"))
    assert groups(html) == ["result", "handoff", "supplement", "processing", "papers"]
    assert 'value="record_result"' in group_html(html, "result")
    assert 'value="request_consultation"' in group_html(html, "supplement")
    assert 'value="refuse"' in group_html(html, "processing")
    # Several forms share field names: their ids (and so the labels' "for") stay unique.
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert 'for="id_request_consultation_body"' in html and 'for="id_send_inter_agency_body"' in html
    # Every action form sits inside a group.
    assert html.count('class="action-form"') == sum(
        group_html(html, g).count('class="action-form"') for g in groups(html)
    )


def test_expected_late_dossier_puts_the_apology_first(client, chairman_a, commune_a):
    d = DossierFactory(unit=commune_a, status="in_processing", predicted_late=True)
    html = detail(client, chairman_a, d)
    assert groups(html)[0] == "processing"
    assert reverse("dossiers:apology", args=[d.pk]) in group_html(html, "processing")


def test_returned_dossier_keeps_rating_and_papers_but_no_action_form(client, officer_a, commune_a):
    d = DossierFactory(unit=commune_a, status="returned")
    html = detail(client, officer_a, d)
    assert 'class="action-form"' not in html
    assert groups(html) == ["result", "papers"]
    assert reverse("onestop:rating_enter", args=[d.pk, "tablet"]) in group_html(html, "result")
    assert reverse("onestop:papers", args=[d.pk]) in group_html(html, "papers")


def test_hand_off_table_shows_the_applicant_as_giver_at_reception(client, officer_a, commune_a, procedure):
    data = IntakeData(procedure=procedure, applicant=ApplicantData(name="Trần Văn Nam"))
    d = services.dossier_create(actor=officer_a, unit=commune_a, data=data, at=MON_10)
    html = detail(client, officer_a, d)
    table = html[html.index('aria-labelledby="ev-h"') :]
    first_row = table[table.index("<tbody>") : table.index("</tr>", table.index("<tbody>"))]
    cells = re.findall(r"<td>(.*?)</td>", first_row, flags=re.S)
    assert cells[2].startswith("Trần Văn Nam") and "Lê Thị Mai" not in cells[2]
    assert cells[3].startswith("Lê Thị Mai")


def test_control_slip_page_names_the_coordinating_body(client, officer_a, chairman_a, specialist_a, commune_a):
    d = DossierFactory(unit=commune_a, status="transferred")
    d = services.dossier_transition(actor=chairman_a, dossier=d, action="assign", handler=specialist_a)
    services.dossier_transition(
        actor=specialist_a, dossier=d, action="request_consultation", body="Công an xã", step_hours=2
    )
    client.force_login(officer_a)
    html = client.get(reverse("dossiers:control_slip", args=[d.pk])).content.decode()
    assert re.search(r"<p>[^<]*: Công an xã</p>", html)


def test_tracking_book_page_links_to_form_06_as_pdf_and_docx(client, officer_a, commune_a):
    d = DossierFactory(unit=commune_a, received_on=dt.date(2026, 3, 9))
    client.force_login(officer_a)
    html = client.get(reverse("dossiers:book"), {"unit": commune_a.pk, "year": 2026}).content.decode()
    links = {}
    for fmt in ("pdf", "docx"):
        href = f"{reverse('onestop:book', args=[fmt])}?unit={commune_a.pk}&amp;year=2026"
        assert href in html, fmt
        links[fmt] = href.replace("&amp;", "&")
    pdf = client.get(links["pdf"])
    assert pdf.status_code == 200 and pdf["Content-Type"].startswith("application/pdf")
    docx = client.get(links["docx"])
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert d.code in html
