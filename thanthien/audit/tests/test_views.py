"""Staff pages of the audit trail: who may read it, what they see, and that nothing writes."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from thanthien.audit.services import audit_record
from thanthien.units.models import StaffRole
from thanthien.units.tests.factories import CommuneFactory, StaffRoleFactory, UserFactory, make_staff

pytestmark = pytest.mark.django_db

LIST = reverse("audit:event_list")


def page(client, user, url=LIST, **params):
    client.force_login(user)
    return client.get(url, params)


def probe(unit, action="household.updated", **kwargs):
    return audit_record(actor=None, action=action, unit=unit, **kwargs)


def board_member(unit, board):
    user = UserFactory()
    StaffRoleFactory(user=user, unit=unit, role=StaffRole.Role.BOARD_MEMBER, board=board)
    return user


@pytest.mark.parametrize(
    "role, board, allowed",
    [
        ("chairman", "", True),
        ("vice_chairman", "", True),
        ("administrator", "", True),
        ("board_member", "inspection", True),
        ("board_member", "investment", False),
        ("one_stop_officer", "", False),
        ("specialist_officer", "", False),
        ("hamlet_head", "", False),
        ("district_viewer", "", False),
    ],
)
def test_permission_matrix_for_commune_roles(client, commune_a, role, board, allowed):
    user = UserFactory()
    StaffRoleFactory(user=user, unit=commune_a, role=role, board=board)
    event = probe(commune_a)
    listing = page(client, user)
    detail = page(client, user, reverse("audit:event_detail", args=[event.pk]))
    if allowed:
        assert listing.status_code == 200 and detail.status_code == 200
        assert event.action in listing.content.decode()
    else:
        assert listing.status_code == 403 and detail.status_code == 403
        assert event.action not in listing.content.decode() + detail.content.decode()


def test_refusal_is_explained_in_vietnamese(client, officer_a):
    response = page(client, officer_a)
    assert response.status_code == 403
    assert "Ban Thanh tra nhân dân" in response.content.decode()


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_chairman_sees_only_the_trail_of_own_commune(client, chairman_a, commune_a, commune_b):
    mine = probe(commune_a)
    theirs = probe(commune_b, action="household.deleted")
    body = page(client, chairman_a).content.decode()
    assert mine.action in body and theirs.action not in body
    assert page(client, chairman_a, reverse("audit:event_detail", args=[theirs.pk])).status_code == 404


def test_only_audit_roles_widen_the_trail(client, commune_a, commune_b):
    """A chairman of A who is also an officer of B reads the trail of A only."""
    user = make_staff("chairman", commune_a)
    StaffRoleFactory(user=user, unit=commune_b, role="one_stop_officer")
    probe(commune_a, action="mine.event")
    probe(commune_b, action="other.event")
    body = page(client, user).content.decode()
    assert "mine.event" in body and "other.event" not in body


def test_province_viewer_sees_every_commune_of_the_province(client, commune_a, commune_b):
    viewer = make_staff("province_viewer", commune_a.parent)
    probe(commune_a, action="a.event")
    probe(commune_b, action="b.event")
    body = page(client, viewer).content.decode()
    assert "a.event" in body and "b.event" in body


def test_events_without_a_unit_are_for_superusers_only(client, chairman_a):
    probe(None, action="system.event")
    assert "system.event" not in page(client, chairman_a).content.decode()
    root = UserFactory(is_superuser=True)
    assert "system.event" in page(client, root).content.decode()


def test_filters_by_action_actor_unit_and_date(client, commune_a):
    admin = make_staff("administrator", commune_a.parent)
    other = CommuneFactory(name="Trung Hội")
    officer = UserFactory(full_name="Lê Thị Mai")
    with time_machine.travel(dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)):
        audit_record(actor=officer, action="dossier.received", unit=commune_a)
    with time_machine.travel(dt.datetime(2025, 3, 5, 9, 0, tzinfo=dt.UTC)):
        audit_record(actor=None, action="hamlet.renamed", unit=other)
    both = {"dossier.received", "hamlet.renamed"}

    def shown(**params):
        body = page(client, admin, **params).content.decode()
        return {code for code in both if code in body}

    assert shown() == both
    assert shown(action="dossier.") == {"dossier.received"}
    assert shown(actor="thị mai") == {"dossier.received"}
    assert shown(unit=other.pk) == {"hamlet.renamed"}
    assert shown(date_from="2025-03-02") == {"hamlet.renamed"}
    assert shown(date_to="2025-03-01") == {"dossier.received"}
    assert "trước ngày bắt đầu" in page(client, admin, date_from="2025-03-05", date_to="2025-03-01").content.decode()


def test_trail_is_paginated_newest_first(client, chairman_a, commune_a):
    for n in range(55):
        probe(commune_a, action=f"bulk.e{n:02d}")
    first = page(client, chairman_a).content.decode()
    assert "bulk.e54" in first and "bulk.e04" not in first
    second = page(client, chairman_a, page=2).content.decode()
    assert "bulk.e04" in second and "bulk.e54" not in second


def test_list_uses_a_fixed_number_of_queries(client, chairman_a, commune_a, django_assert_max_num_queries):
    for n in range(30):
        probe(commune_a, old={"n": n}, new={"n": n + 1})
    client.force_login(chairman_a)
    with django_assert_max_num_queries(12):
        assert client.get(LIST).status_code == 200


def test_detail_shows_values_and_hashes(client, chairman_a, commune_a):
    event = probe(commune_a, old={"address": "Thôn Đồng Tâm"}, new={"address": "Xóm Đồng Tâm"}, note="sửa")
    body = page(client, chairman_a, reverse("audit:event_detail", args=[event.pk])).content.decode()
    assert "Thôn Đồng Tâm" in body and "Xóm Đồng Tâm" in body and event.hash in body


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_no_page_accepts_a_write_even_for_an_allowed_reader(client, chairman_a, commune_a, method):
    event = probe(commune_a)
    client.force_login(chairman_a)
    for url in (LIST, reverse("audit:event_detail", args=[event.pk])):
        assert getattr(client, method)(url).status_code == 405
