import pytest

from thanthien.units.tests.factories import make_staff


def pytest_configure(config):
    config.addinivalue_line("markers", "api_fuzz: schemathesis runs against the OpenAPI documents")


@pytest.fixture
def officer2_a(commune_a):
    """A second officer of commune A (not assigned to the denunciation)."""
    return make_staff("one_stop_officer", commune_a, username="officer2_a", full_name="Vũ Văn Nam")
