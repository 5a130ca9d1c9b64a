"""The commune home shows the chairman's published greeting and the latest notices (R1.6, R1.1)."""

import pytest

from thanthien.disclosures.tests.factories import GreetingFactory, ItemFactory

pytestmark = pytest.mark.django_db


def test_commune_home_shows_published_greeting_and_latest_notices(client, commune_a):
    GreetingFactory(unit=commune_a, status="published", web_text="Chúc mừng năm mới bà con")
    GreetingFactory(unit=commune_a, status="draft", web_text="Bản nháp lời chúc")
    ItemFactory(unit=commune_a, status="published", title="Danh sách hộ nghèo năm 2026")
    ItemFactory(unit=commune_a, status="draft", published_on=None, title="Dự thảo chưa công bố")

    content = client.get(f"/xa/{commune_a.slug}/").content.decode()

    assert "Chúc mừng năm mới bà con" in content
    assert "Bản nháp lời chúc" not in content
    assert "Danh sách hộ nghèo năm 2026" in content
    assert "Dự thảo chưa công bố" not in content


def test_commune_home_of_another_commune_does_not_show_them(client, commune_a, commune_b):
    ItemFactory(unit=commune_a, status="published", title="Danh sách hộ nghèo năm 2026")
    content = client.get(f"/xa/{commune_b.slug}/").content.decode()
    assert "Danh sách hộ nghèo năm 2026" not in content
