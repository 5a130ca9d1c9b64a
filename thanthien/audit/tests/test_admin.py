import pytest
from django.urls import reverse

from thanthien.audit.models import AuditEvent
from thanthien.audit.services import audit_record
from thanthien.units.tests.factories import CommuneFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return audit_record(actor=None, action="household.created", unit=CommuneFactory(), new={"code": "HGD-1"})


def test_superuser_can_read_events_in_the_admin(client, event):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(reverse("admin:audit_auditevent_changelist")).status_code == 200
    assert client.get(reverse("admin:audit_auditevent_change", args=[event.pk])).status_code == 200


def test_nobody_can_add_change_or_delete_events_in_the_admin(client, event):
    before = AuditEvent.objects.unscoped().filter(pk=event.pk).values().get()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.post(reverse("admin:audit_auditevent_change", args=[event.pk]), {"note": "x"}).status_code == 403
    assert client.post(reverse("admin:audit_auditevent_delete", args=[event.pk]), {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    assert AuditEvent.objects.unscoped().filter(pk=event.pk).values().get() == before


def test_staff_who_are_not_superusers_do_not_see_the_audit_admin(client, event):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("admin:audit_auditevent_changelist")).status_code == 403
