import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _disclosure_urls_and_media(settings, tmp_path):
    """Mount the public pages (until the root URLconf does), keep uploads in a temp dir and
    start each test with an empty cache (public pages are cached by register version)."""
    settings.ROOT_URLCONF = "thanthien.disclosures.tests.urls"
    settings.MEDIA_ROOT = tmp_path / "private"
    cache.clear()
    yield
    cache.clear()
