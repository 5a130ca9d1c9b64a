import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from thanthien.units.demo import DEMO_PASSWORD, PeopleMaker
from thanthien.units.models import Hamlet, Household, Person, StaffRole

pytestmark = pytest.mark.django_db


def test_demo_seed_is_small_in_tests_and_idempotent(capsys):
    call_command("demo_seed", "--hamlets", "1", "--households", "3", "--units", "2")
    users = get_user_model().objects.count()
    counts = (
        Hamlet.objects.unscoped().count(),
        Household.objects.unscoped().count(),
        StaffRole.objects.unscoped().count(),
    )
    assert counts[0] == 2 and counts[1] == 6
    call_command("demo_seed", "--hamlets", "1", "--households", "3", "--units", "2")
    assert "already present" in capsys.readouterr().out
    assert get_user_model().objects.count() == users
    assert (
        Hamlet.objects.unscoped().count(),
        Household.objects.unscoped().count(),
        StaffRole.objects.unscoped().count(),
    ) == counts


def test_demo_staff_have_every_role_and_readable_logins(capsys):
    call_command("demo_seed", "--hamlets", "1", "--households", "2", "--units", "1")
    roles = set(StaffRole.objects.unscoped().values_list("role", flat=True))
    assert roles == set(StaffRole.Role.values)
    boards = set(StaffRole.objects.unscoped().filter(role="board_member").values_list("board", flat=True))
    assert boards == {"inspection", "investment"}
    assert StaffRole.objects.unscoped().get(user__username="motcua.phandinhphung").unit.name == "Phan Đình Phùng"
    assert StaffRole.objects.unscoped().get(user__username="xem.tpthainguyen").unit.code == "164"
    assert get_user_model().objects.get(username="chutich.phandinhphung").check_password(DEMO_PASSWORD)
    call_command("demo_logins")
    out = capsys.readouterr().out
    assert "motcua.phandinhphung" in out and DEMO_PASSWORD in out


def test_demo_households_have_vietnamese_people_and_voters():
    call_command("demo_seed", "--hamlets", "1", "--households", "5", "--units", "1")
    people = Person.objects.unscoped().all()
    assert all(len(p.full_name.split()) >= 3 for p in people)
    assert any(ch in "".join(p.full_name for p in people) for ch in "ễữịạđĐươ")
    for household in Household.objects.unscoped().all():
        assert household.members.filter(is_representative=True).count() == 1
        assert household.phone.startswith("0") and len(household.phone) == 10


def test_people_maker_is_deterministic():
    import datetime as dt
    import random

    a = PeopleMaker(random.Random(1), dt.date(2026, 1, 1)).household()
    b = PeopleMaker(random.Random(1), dt.date(2026, 1, 1)).household()
    assert [m.full_name for m in a] == [m.full_name for m in b]
