"""gunicorn settings for production (see docs/deploy.md).

Sync workers: measured faster than ASGI for this app on 2 cores (engineering notes).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# cores + 1, not the usual 2 × cores + 1: with PostgreSQL on the same machine, fewer workers switch
# less and serve more (2 cores, status page misses: 3 workers ≈ 1,200 req/s, 5 ≈ 1,000, 8 ≈ 800;
# docs/performance.md). With the database on its own machine, try 2 × cores + 1.
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() + 1)))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = "-"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
