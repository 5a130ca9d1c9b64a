"""Turning arbitrary values into JSON that survives both databases unchanged.

The stored ``old``/``new`` values must read back exactly as they were hashed, on SQLite (JSON
text) and on PostgreSQL (``jsonb``, which normalises numbers). So only strings, integers,
booleans, None, lists and string-keyed dicts are kept; every other value is turned into a
string (decimals, floats, dates, times, UUIDs) or into its primary key (model instances).
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.functional import Promise


def clean_text(value: str) -> str:
    """PostgreSQL refuses NUL characters in text and jsonb."""
    return value.replace("\x00", "")


def json_safe(value: Any) -> Any:
    """A JSON-safe, database-stable copy of ``value``."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, enum.Enum):  # TextChoices / IntegerChoices before int and str
        return json_safe(value.value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, str):
        return clean_text(str(value))
    if isinstance(value, float | Decimal):
        # jsonb rewrites 1e20 as 100000000000000000000: keep the exact text instead.
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Promise):
        return clean_text(str(value))
    if isinstance(value, models.Model):
        return json_safe(value.pk) if value.pk is not None else clean_text(str(value))
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, models.QuerySet):
        return [json_safe(pk) for pk in value.values_list("pk", flat=True)]
    if isinstance(value, Mapping):
        return {clean_text(str(key)): json_safe(item) for key, item in value.items()}
    if isinstance(value, set | frozenset):
        items = [json_safe(item) for item in value]
        return sorted(items, key=lambda item: (type(item).__name__, str(item)))
    if isinstance(value, bytes | bytearray | memoryview):
        return f"<{len(bytes(value))} bytes>"
    if isinstance(value, Iterable):
        return [json_safe(item) for item in value]
    return clean_text(str(value))


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The current values of ``fields`` (default: every concrete field) of a model instance.

    Foreign keys are recorded by id under the field name (``hamlet``, not ``hamlet_id``).
    Use it for the ``old`` and ``new`` arguments of ``audit_record``::

        old = snapshot(household, ["address", "phone"])
    """
    wanted = set(fields) if fields is not None else None
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if wanted is not None and field.name not in wanted:
            continue
        values[field.name] = json_safe(getattr(instance, field.attname))
    if wanted is not None:
        unknown = wanted - set(values)
        if unknown:
            raise ValueError(f"unknown fields for {instance._meta.label}: {sorted(unknown)}")
    return values
