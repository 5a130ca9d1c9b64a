"""Load our administrative-units data file into AdminUnit / UnitSuccession (idempotent).

The data file ``units/data/thai_nguyen.json`` is produced at build time by
``scripts/build_units.py`` (see docs/units.md). This loader runs from a data migration
(with historical models) and from ``manage.py load_units``; it matches rows on the natural
key (code, level, valid_from), so running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).resolve().parent / "data" / "thai_nguyen.json"
LEVEL_ORDER = ("province", "district", "commune")
UNIT_FIELDS = ("name", "unit_type", "valid_to", "slug", "search_text")


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    successions_created: int = 0


def read_data(path: Path = DATA_FILE) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _key(code: str, level: str, valid_from: dt.date | None) -> tuple[str, str, dt.date | None]:
    return (code, level, valid_from)


def load_units(admin_unit_model: Any = None, succession_model: Any = None, data: dict | None = None) -> LoadResult:
    """Create or update every unit and succession of ``data`` (default: the Thái Nguyên file)."""
    if admin_unit_model is None or succession_model is None:
        from .models import AdminUnit, UnitSuccession

        admin_unit_model, succession_model = AdminUnit, UnitSuccession
    data = data or read_data()
    result = LoadResult()
    by_slug: dict[str, Any] = {}
    rows = data["units"]
    codes = {row["code"] for row in rows}
    existing = {_key(u.code, u.level, u.valid_from): u for u in admin_unit_model.objects.filter(code__in=codes)}
    # Parents before children: one pass per level.
    for level in LEVEL_ORDER:
        for row in (r for r in rows if r["level"] == level):
            values = {
                "name": row["name"],
                "unit_type": row["unit_type"],
                "valid_to": _date(row["valid_to"]),
                "slug": row["slug"],
                "search_text": row["search_text"],
                "parent_id": by_slug[row["parent"]].pk if row["parent"] else None,
            }
            unit = existing.get(_key(row["code"], level, _date(row["valid_from"])))
            if unit is None:
                unit = admin_unit_model.objects.create(
                    code=row["code"], level=level, valid_from=_date(row["valid_from"]), **values
                )
                result.created += 1
            else:
                changed = [f for f, v in values.items() if getattr(unit, f) != v]
                if changed:
                    for field in changed:
                        setattr(unit, field, values[field])
                    unit.save(update_fields=changed)
                    result.updated += 1
            by_slug[row["slug"]] = unit

    ids = [u.pk for u in by_slug.values()]
    links = {
        (s.predecessor_id, s.successor_id): s
        for s in succession_model.objects.filter(predecessor_id__in=ids, successor_id__in=ids)
    }
    new_links = []
    for item in data["successions"]:
        pred, succ = by_slug[item["predecessor"]], by_slug[item["successor"]]
        values = {
            "kind": item["kind"],
            "effective_date": _date(item["effective_date"]),
            "legal_basis": item.get("legal_basis", ""),
        }
        link = links.get((pred.pk, succ.pk))
        if link is None:
            new_links.append(succession_model(predecessor_id=pred.pk, successor_id=succ.pk, **values))
        else:
            changed = [f for f, v in values.items() if getattr(link, f) != v]
            if changed:
                for field in changed:
                    setattr(link, field, values[field])
                link.save(update_fields=changed)
    succession_model.objects.bulk_create(new_links)
    result.successions_created = len(new_links)
    return result


def unload_units(admin_unit_model: Any = None, succession_model: Any = None, data: dict | None = None) -> int:
    """Delete the units of ``data`` (children first). Fails if records still point at them."""
    if admin_unit_model is None or succession_model is None:
        from .models import AdminUnit, UnitSuccession

        admin_unit_model, succession_model = AdminUnit, UnitSuccession
    data = data or read_data()
    deleted = 0
    for level in reversed(LEVEL_ORDER):
        for row in (r for r in data["units"] if r["level"] == level):
            qs = admin_unit_model.objects.filter(code=row["code"], level=level, valid_from=_date(row["valid_from"]))
            succession_model.objects.filter(predecessor__in=qs).delete()
            succession_model.objects.filter(successor__in=qs).delete()
            deleted += qs.delete()[0]
    return deleted
