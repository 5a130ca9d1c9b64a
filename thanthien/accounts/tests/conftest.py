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
