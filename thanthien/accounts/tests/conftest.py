import re

import pytest

from thanthien.accounts import senders


@pytest.fixture
def outbox(settings):
    """Codes go to the console sender's in-memory outbox."""
    settings.SMS_BACKEND = "console"
    senders.outbox.clear()
    yield senders.outbox
    senders.outbox.clear()


@pytest.fixture
def last_code(outbox):
    def read() -> str:
        return re.search(r"\b(\d{6})\b", outbox[-1].text).group(1)

    return read


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """PBKDF2 costs ~0.5 s per user; these tests check permissions, not hashing strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
