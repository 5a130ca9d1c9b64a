"""Settings for the benchmarks: the project's, plus the public URLs the lead has not yet included."""

from thanthien.config.settings import *  # noqa: F403

ROOT_URLCONF = "thanthien.onestop.tests.urls"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
