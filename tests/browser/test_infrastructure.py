"""The browser test machinery itself: serialized rollback must survive Playwright's event loop."""

from django.db import DEFAULT_DB_ALIAS, connections

from thanthien.procedures.models import Procedure


def test_test_thread_keeps_the_serialized_test_database_under_playwright(browser, live_server):
    """Playwright leaves an event loop running in the test thread; Django must still hand out the
    connection that carries the migrations' data, or serialized rollback skips its restore and
    the live server sees empty catalogue tables after any earlier transactional test."""
    connection = connections[DEFAULT_DB_ALIAS]
    assert hasattr(connection, "_test_serialized_contents"), "a fresh connection: no restore after a flush"
    assert Procedure.objects.exists()
