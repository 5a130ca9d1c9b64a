"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

Run with ``make test-browser`` (``pytest -m browser``). Never ``playwright install``: the
system Chromium is used. Screenshots go to ``var/screenshots/``.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would then refuse ORM
# calls from fixtures in that thread. The live server runs in its own thread either way.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            # The live server needs committed data; serialized rollback restores the data
            # loaded by migrations (units, calendar) after the flush, for the tests that follow.
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def browser(django_db_setup):
    """Chromium, driven from the test thread, which keeps Django's database connections.

    Why: Playwright's sync API leaves its event loop "running" in the test thread. Django's
    ``connections`` is an asgiref ``Local(thread_critical=True)``: under a running loop it
    switches to a separate, context-local store, so the test thread got a *new* connection
    object. That object lacks ``_test_serialized_contents``, so serialized rollback silently
    skipped the restore of the data loaded by migrations (procedures, calendar, units) after the
    previous transactional test's flush, and the live server saw empty tables. We hand the
    connections of the test database (created first: ``django_db_setup``) to the loop's store.
    """
    from django.db import connections
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    test_connections = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for alias, connection in test_connections.items():
            connections[alias] = connection
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """``new_page(viewport=..., javascript=True)``: a page in a fresh Vietnamese context."""
    contexts = []

    def make(*, viewport=DESKTOP, javascript=True):
        context = browser.new_context(
            viewport=viewport, java_script_enabled=javascript, locale="vi-VN", base_url=live_server.url
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.external_requests = []
        page.on(
            "request",
            lambda request: (
                None
                if request.url.startswith((live_server.url, "data:"))
                else page.external_requests.append(request.url)
            ),
        )
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(page, name):
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save
