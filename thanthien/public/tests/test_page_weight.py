"""Public pages stay light: HTML + CSS ≤ 60 KB gzip-compressed (rural 3G/4G; PEERS.md §6)."""

import gzip
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from thanthien.units.tests.factories import CommuneFactory, ProvinceFactory

pytestmark = pytest.mark.django_db
BUDGET_BYTES = 60 * 1024
STYLESHEETS = ["core/components.css", "core/public.css"]


def _css_bytes() -> bytes:
    return b"".join(Path(finders.find(name)).read_bytes() for name in STYLESHEETS)


@pytest.mark.parametrize("url", ["/", "/xa/", "/xa/dinh-hoa/", "/xa/?q=hoa"])
def test_public_page_weighs_at_most_60_kb_compressed(url, commune_b, client):
    ProvinceFactory()
    CommuneFactory.create_batch(120)  # more than Thái Nguyên's 92 communes
    html = client.get(url).content
    for name in STYLESHEETS:
        assert name in html.decode(), f"{url} should link {name}"
    size = len(gzip.compress(html)) + len(gzip.compress(_css_bytes()))
    assert size <= BUDGET_BYTES, f"{url}: {size} bytes compressed"
