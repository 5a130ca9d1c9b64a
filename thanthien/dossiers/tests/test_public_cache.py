"""The public status page's cache: one query on a miss, none on a hit, fresh after a transition,
never shared with a signed-in visitor, and a CSRF token of the visitor's own on every page."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from thanthien.dossiers import services
from thanthien.dossiers.domain.codes import format_tracking_code, tracking_code
from thanthien.dossiers.tests.factories import MONDAY_10, DossierFactory

pytestmark = pytest.mark.django_db


def _dossier(unit):
    dossier = DossierFactory(unit=unit)
    dossier.tracking_code = tracking_code(dossier.code, secret=settings.DOSSIER_TRACKING_SECRET)
    dossier.save(update_fields=["tracking_code"])
    return dossier


TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _queries(client: Client, url: str, **extra) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200
    return len(queries), response.content.decode()


STATUS = re.compile(r'<h2 id="st">([^<]+)</h2>')


def test_hit_makes_no_query_and_a_transition_shows_at_once(officer_a, commune_a, django_capture_on_commit_callbacks):
    dossier = services.dossier_transition(actor=officer_a, dossier=_dossier(commune_a), action="transfer")
    url = f"/tra-cuu/{dossier.tracking_code}/"
    first, body = _queries(Client(), url)
    assert first >= 1 and "Chuyển xử lý" in body
    hit, again = _queries(Client(), url)
    assert hit == 0
    assert TOKEN.sub("", again) == TOKEN.sub("", body)
    dossier.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_transition(actor=officer_a, dossier=dossier, action="assign", handler=officer_a, at=MONDAY_10)
    _n, after = _queries(Client(), url)
    assert _n >= 1 and STATUS.search(after).group(1) != STATUS.search(body).group(1)


def test_both_printed_forms_are_cached_and_dropped(officer_a, commune_a, django_capture_on_commit_callbacks):
    dossier = services.dossier_transition(actor=officer_a, dossier=_dossier(commune_a), action="transfer")
    grouped = f"/tra-cuu/{format_tracking_code(dossier.tracking_code)}/"
    _queries(Client(), grouped)
    assert _queries(Client(), grouped)[0] == 0
    dossier.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_transition(actor=officer_a, dossier=dossier, action="assign", handler=officer_a, at=MONDAY_10)
    assert _queries(Client(), grouped)[0] >= 1
    lower = f"/tra-cuu/{dossier.tracking_code.lower()}/"  # valid, not a printed form: never cached
    _queries(Client(), lower)
    assert _queries(Client(), lower)[0] >= 1


def test_each_visitor_gets_a_working_token_of_their_own(commune_a):
    dossier = _dossier(commune_a)
    url = f"/tra-cuu/{dossier.tracking_code}/"
    tokens = []
    for _ in range(2):
        client = Client(enforce_csrf_checks=True)
        body = client.get(url).content.decode()
        token = TOKEN.search(body).group(1)
        assert "slot" not in token and client.cookies.get("csrftoken")
        tokens.append(token)
        switched = client.post("/i18n/setlang/", {"language": "en", "next": url, "csrfmiddlewaretoken": token})
        assert switched.status_code == 302
        assert "Dossier status" in client.get(url).content.decode()  # English, not the cached Vietnamese
    assert tokens[0] != tokens[1]


def test_signed_in_visitors_and_query_strings_bypass_the_cache(client, officer_a, commune_a):
    dossier = _dossier(commune_a)
    url = f"/tra-cuu/{dossier.tracking_code}/"
    _queries(Client(), url)
    assert _queries(Client(), url + "?x=1")[0] >= 1
    client.force_login(officer_a)
    assert _queries(client, url)[0] >= 1
