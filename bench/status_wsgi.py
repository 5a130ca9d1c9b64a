"""The project's WSGI application, warmed before gunicorn forks (``--preload``).

Loading the URL configuration imports every app's views; doing it once in the master means the
benchmark measures steady-state requests, not each worker's cold start. No database connection
is opened before the fork.
"""

from django.core.wsgi import get_wsgi_application
from django.template.loader import get_template
from django.urls import get_resolver

application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 — import every view module now
get_template("onestop/public/status.html")
