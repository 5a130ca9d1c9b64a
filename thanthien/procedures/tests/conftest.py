import pytest


@pytest.fixture
def province_admin(commune_a):
    """An administrator of the province that commune A belongs to (may edit the catalogue)."""
    from thanthien.units.tests.factories import make_staff

    return make_staff("administrator", commune_a.parent, username="province_admin", full_name="Đỗ Văn Hải")


@pytest.fixture
def commune_admin(commune_a):
    """An administrator of a commune: not a catalogue editor."""
    from thanthien.units.tests.factories import make_staff

    return make_staff("administrator", commune_a, username="commune_admin", full_name="Vũ Thị Hoa")
