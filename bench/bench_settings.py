"""Settings for the benchmarks: the project's own (URLs included), with quiet logging."""

from thanthien.config.settings import *  # noqa: F403

LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
