import pytest
from django.urls import reverse

from thanthien.accounts.models import OneTimeCode, User
from thanthien.audit.models import AuditEvent
from thanthien.units.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_changing_a_user_in_the_admin_is_audited_without_the_password(client):
    root = UserFactory(is_superuser=True, is_staff=True, username="root")
    mai = UserFactory(username="mai", full_name="Lê Thị Mai")
    client.force_login(root)
    url = reverse("admin:accounts_user_change", args=[mai.pk])
    form = client.get(url).context["adminform"].form
    data = {
        k: v for k, v in form.initial.items() if v is not None and k not in {"groups", "user_permissions", "password"}
    }
    data.update({"full_name": "Lê Thị Mai Anh", "position": "Công chức Văn phòng - Thống kê"})
    data.update({"date_joined_0": "2025-01-01", "date_joined_1": "08:00:00"})
    data.pop("date_joined", None)
    data.pop("last_login", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert User.objects.get(pk=mai.pk).full_name == "Lê Thị Mai Anh"
    event = AuditEvent.objects.unscoped().get(action="user.changed")
    assert event.actor == root
    assert event.new["full_name"] == "Lê Thị Mai Anh"
    assert event.old["full_name"] == "Lê Thị Mai"
    assert "password" not in event.new


def test_one_time_codes_are_read_only_and_hide_the_hash(client):
    otc = OneTimeCode.objects.create(phone="0912345678", code_hash="h" * 64, expires_at="2030-01-01T00:00Z")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    page = client.get(reverse("admin:accounts_onetimecode_change", args=[otc.pk]))
    assert page.status_code == 200
    assert "h" * 64 not in page.content.decode()
    assert client.post(reverse("admin:accounts_onetimecode_change", args=[otc.pk]), {}).status_code == 403
