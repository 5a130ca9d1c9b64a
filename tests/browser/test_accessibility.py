"""axe-core finds no serious or critical violation on the key pages (PEERS.md §6 goal)."""

import pytest

from .conftest import PHONE
from .test_public import communes  # noqa: F401 — fixture
from .test_staff import sign_in

BLOCKING = {"serious", "critical"}


def violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{page.url} {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


def test_public_pages_have_no_serious_axe_violations(new_page, communes):  # noqa: F811
    pytest.importorskip("axe_playwright_python")
    page = new_page(viewport=PHONE)
    found = []
    for path in ["/", "/xa/?q=dinh+hoa", "/xa/dinh-hoa/", "/xa/trung-vuong/", "/khong-co/"]:
        page.goto(path)
        found += violations(page)
    assert found == []


def test_staff_home_has_no_serious_axe_violations(new_page, chairman_a):
    pytest.importorskip("axe_playwright_python")
    page = new_page()
    sign_in(page, "chairman_a")
    assert violations(page) == []
