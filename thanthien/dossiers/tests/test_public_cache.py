"""The public status page's cache: one query on a miss, none on a hit, fresh after a transition,
never shared with a signed-in visitor, nothing per visitor in the page, the frame rendered once."""

import re
from unittest import mock

import pytest
from django.conf import settings
from django.db import connection
from django.template.loader import render_to_string
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
    assert again == body
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


def test_readers_get_no_cookie_and_can_switch_language_from_a_cached_page(commune_a):
    dossier = _dossier(commune_a)
    url = f"/tra-cuu/{dossier.tracking_code}/"
    Client().get(url)  # fills the cache
    client = Client(enforce_csrf_checks=True)
    response = client.get(url)
    assert not response.cookies and "csrfmiddlewaretoken" not in response.content.decode()
    switched = client.post("/i18n/setlang/", {"language": "en", "next": url})
    assert switched.status_code == 302 and switched["Location"] == url
    assert "Dossier status" in client.get(url).content.decode()  # English, not the cached Vietnamese


def test_signed_in_visitors_and_query_strings_bypass_the_cache(client, officer_a, commune_a):
    dossier = _dossier(commune_a)
    url = f"/tra-cuu/{dossier.tracking_code}/"
    _queries(Client(), url)
    assert _queries(Client(), url + "?x=1")[0] >= 1
    client.force_login(officer_a)
    assert _queries(client, url)[0] >= 1


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_shared_frame_gives_the_page_a_full_render_gives(commune_a, language):
    dossier = _dossier(commune_a)
    dossier.procedure.name = "Đăng ký khai sinh <b>__thanthien_next__</b>"  # data never taken for a slot
    dossier.procedure.save(update_fields=["name"])
    url = f"/tra-cuu/{format_tracking_code(dossier.tracking_code)}/"
    shared = Client()
    alone = Client()
    alone.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session"  # not shareable: rendered whole
    for client in (shared, alone):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    pages = [client.get(url).content.decode() for client in (shared, alone)]
    assert pages[0] == pages[1]
    assert f'name="next" value="{url}"' in pages[0]
    assert f"<title>{'Tình trạng hồ sơ' if language == 'vi' else 'Dossier status'} " in pages[0]
    assert "Đăng ký khai sinh &lt;b&gt;__thanthien_next__&lt;/b&gt;" in pages[0]
    assert "__thanthien_title__" not in pages[0] and "__thanthien_body__" not in pages[0]


def test_the_frame_is_rendered_once_per_language(commune_a):
    first, second = _dossier(commune_a), _dossier(commune_a)
    Client().get(f"/tra-cuu/{first.tracking_code}/")
    with mock.patch("thanthien.dossiers.cache.render_to_string", wraps=render_to_string) as frame_renders:
        body = Client().get(f"/tra-cuu/{second.tracking_code}/").content.decode()
        assert frame_renders.call_count == 0 and format_tracking_code(second.tracking_code) in body
        english = Client()
        english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        english.get(f"/tra-cuu/{second.tracking_code}/")
        assert frame_renders.call_count == 1
