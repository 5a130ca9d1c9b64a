"""Root pytest configuration: settings for the test run and shared personas."""

import os

# Tasks run inline in tests; SMS go to an in-memory outbox; no stray files in var/.
os.environ.setdefault("TASKS_BACKEND", "immediate")
os.environ.setdefault("SMS_BACKEND", "console")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
