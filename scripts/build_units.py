"""Build ``thanthien/units/data/thai_nguyen.json``: every administrative unit of Thái Nguyên.

Run with the project's interpreter (Python ≥ 3.12)::

    .venv/bin/python scripts/build_units.py            # writes the data file
    .venv/bin/python scripts/build_units.py --check    # fails if the committed file is stale

Why a build-time script: the source dataset, PyPI ``vietnam-provinces`` (NSO/GSO codes and the
official old→new ward conversion table), is GPL-3.0. We never import it at run time. The script
installs it into a throwaway virtualenv under /tmp, runs itself there in ``--extract`` mode to
dump the raw facts (names, codes, types, the conversion table) as JSON on stdout, and then, back
in the project's interpreter, shapes those facts into our own data file. See docs/units.md.

What the file holds (legal-rules §10):

* the old province Thái Nguyên (19) and the old province Bắc Kạn (06), valid to 2025-06-30,
  with their districts and communes (xã / phường / thị trấn), valid to 2025-06-30;
* the new province Thái Nguyên (19) and its 92 communes (xã / phường), valid from 2025-07-01
  (NQ 1683/NQ-UBTVQH15, two-level local government);
* succession links old → new: ``whole`` when an old unit went entirely into one new unit,
  ``partial`` when it was split between several; both old provinces → the new province.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "thanthien" / "units" / "data" / "thai_nguyen.json"
DATASET = "vietnam-provinces"
DATASET_VERSION = "2026.9.0"
VENV = Path(os.environ.get("BUILD_UNITS_VENV", "/tmp/thanthien-build-units-venv"))

OLD_PROVINCES = (19, 6)  # Thái Nguyên, Bắc Kạn (merged into the new Thái Nguyên on 1/7/2025)
NEW_PROVINCE = 19
REFORM_DATE = "2025-07-01"
LAST_OLD_DAY = "2025-06-30"
LEGAL_BASIS_PROVINCE = "Nghị quyết 202/2025/QH15 (12/6/2025)"
LEGAL_BASIS_COMMUNES = "Nghị quyết 1683/NQ-UBTVQH15 (2025)"


# --------------------------------------------------------------------------------------------
# Step 1 — runs inside the throwaway virtualenv, imports the GPL library, prints raw facts.
# --------------------------------------------------------------------------------------------
def extract() -> None:
    import vietnam_provinces
    from vietnam_provinces import Province, Ward
    from vietnam_provinces._ward_conversion_2025 import OLD_TO_NEW
    from vietnam_provinces.codes import ProvinceCode
    from vietnam_provinces.legacy import District as OldDistrict
    from vietnam_provinces.legacy import Province as OldProvince
    from vietnam_provinces.legacy import Ward as OldWard
    from vietnam_provinces.legacy.codes import ProvinceCode as OldProvinceCode

    raw: dict = {
        "dataset": DATASET,
        "version": vietnam_provinces.__version__,
        "data_version": vietnam_provinces.__data_version__,
        "old_provinces": [],
        "new_province": None,
    }
    for pcode in OLD_PROVINCES:
        province = OldProvince.from_code(OldProvinceCode(pcode))
        item = {"code": pcode, "name": province.name, "type": str(province.division_type), "districts": []}
        for district in OldDistrict.iter_by_province(province.code):
            ditem = {
                "code": int(district.code),
                "name": district.name,
                "type": str(district.division_type),
                "wards": [],
            }
            for ward in OldWard.iter_by_district(district.code):
                entry = OLD_TO_NEW[int(ward.code)]
                ditem["wards"].append(
                    {
                        "code": int(ward.code),
                        "name": ward.name,
                        "type": str(ward.division_type),
                        "new": [[n.code, n.province_code] for n in entry.new_wards],
                        "is_partly_merged": entry.old_ward.is_partly_merged,
                    }
                )
            item["districts"].append(ditem)
        raw["old_provinces"].append(item)
    new = Province.from_code(ProvinceCode(NEW_PROVINCE))
    raw["new_province"] = {
        "code": NEW_PROVINCE,
        "name": new.name,
        "type": str(new.division_type),
        "legacy_sources": [int(p.code) for p in new.get_legacy_sources()],
        "wards": [
            {"code": int(w.code), "name": w.name, "type": str(w.division_type)} for w in Ward.iter_by_province(new.code)
        ],
    }
    json.dump(raw, sys.stdout, ensure_ascii=False)


# --------------------------------------------------------------------------------------------
# Step 2 — runs in the project's interpreter: shapes the raw facts into our data file.
# --------------------------------------------------------------------------------------------
TYPE_MAP = {
    "tỉnh": ("tinh", "Tỉnh"),
    "thành phố trung ương": ("thanh_pho_tw", "Thành phố"),
    "huyện": ("huyen", "Huyện"),
    "quận": ("quan", "Quận"),
    "thành phố": ("thanh_pho", "Thành phố"),
    "thị xã": ("thi_xa", "Thị xã"),
    "xã": ("xa", "Xã"),
    "phường": ("phuong", "Phường"),
    "thị trấn": ("thi_tran", "Thị trấn"),
    "đặc khu": ("dac_khu", "Đặc khu"),
}


def _code(value: int, level: str) -> str:
    """GSO codes as strings with their official width: province 2, district 3, commune 5."""
    width = {"province": 2, "district": 3, "commune": 5}[level]
    return f"{value:0{width}d}"


def _name(full: str, division_type: str) -> tuple[str, str]:
    """Split "Phường Trưng Vương" into our type slug and the bare name "Trưng Vương"."""
    full = unicodedata.normalize("NFC", full).strip()
    unit_type, prefix = TYPE_MAP[division_type]
    if full.lower().startswith(prefix.lower() + " "):
        full = full[len(prefix) + 1 :]
    return unit_type, full.strip()


def _slugify(text: str) -> str:
    from django.utils.text import slugify

    from thanthien.core.search import fold

    return slugify(fold(text))


def shape(raw: dict) -> dict:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from thanthien.core.search import fold

    units: list[dict] = []
    taken: set[str] = set()

    def add(*, code: str, name: str, unit_type: str, level: str, parent: str | None, valid_from, valid_to, slugs):
        free = [s for s in slugs if s not in taken]
        if not free:
            raise SystemExit(f"no free slug for {name} ({code}): tried {slugs}")
        slug = free[0]
        taken.add(slug)
        prefix = next(p for t, p in TYPE_MAP.values() if t == unit_type)
        units.append(
            {
                "code": code,
                "name": name,
                "unit_type": unit_type,
                "level": level,
                "parent": parent,
                "valid_from": valid_from,
                "valid_to": valid_to,
                "slug": slug,
                "search_text": fold(f"{prefix} {name} {code}"),
            }
        )
        return slug

    # Current units first: they get the plain, short slugs ("phan-dinh-phung").
    new = raw["new_province"]
    ntype, nname = _name(new["name"], new["type"])
    new_province_slug = add(
        code=_code(new["code"], "province"),
        name=nname,
        unit_type=ntype,
        level="province",
        parent=None,
        valid_from=REFORM_DATE,
        valid_to=None,
        slugs=[_slugify(f"tinh {nname}")],
    )
    new_slug_by_code: dict[int, str] = {}
    for ward in sorted(new["wards"], key=lambda w: w["code"]):
        wtype, wname = _name(ward["name"], ward["type"])
        base = _slugify(wname)
        new_slug_by_code[ward["code"]] = add(
            code=_code(ward["code"], "commune"),
            name=wname,
            unit_type=wtype,
            level="commune",
            parent=new_province_slug,
            valid_from=REFORM_DATE,
            valid_to=None,
            slugs=[base, f"{base}-{wtype.replace('_', '-')}"],
        )

    # Old communes keep their plain name as slug unless a current unit took it ("-truoc-2025"),
    # or another old commune had the same name (then every one of them names its district).
    current_slugs = set(taken)
    old_name_count: dict[str, int] = {}
    for province in raw["old_provinces"]:
        for district in province["districts"]:
            for ward in district["wards"]:
                base = _slugify(_name(ward["name"], ward["type"])[1])
                old_name_count[base] = old_name_count.get(base, 0) + 1

    def old_commune_slugs(base: str, district_name: str) -> list[str]:
        if old_name_count[base] > 1:
            return [f"{base}-{_slugify(district_name)}-truoc-2025"]
        if base in current_slugs:
            return [f"{base}-truoc-2025"]
        return [base]

    successions: list[dict] = []
    for province in raw["old_provinces"]:
        ptype, pname = _name(province["name"], province["type"])
        pslug = add(
            code=_code(province["code"], "province"),
            name=pname,
            unit_type=ptype,
            level="province",
            parent=None,
            valid_from=None,
            valid_to=LAST_OLD_DAY,
            slugs=[_slugify(f"tinh {pname}"), _slugify(f"tinh {pname} truoc 2025")],
        )
        successions.append(
            {
                "predecessor": pslug,
                "successor": new_province_slug,
                "kind": "whole",
                "effective_date": REFORM_DATE,
                "legal_basis": LEGAL_BASIS_PROVINCE,
            }
        )
        for district in sorted(province["districts"], key=lambda d: d["code"]):
            dtype, dname = _name(district["name"], district["type"])
            prefix = next(p for t, p in TYPE_MAP.values() if t == dtype)
            dbase = _slugify(f"{prefix} {dname}")
            dslug = add(
                code=_code(district["code"], "district"),
                name=dname,
                unit_type=dtype,
                level="district",
                parent=pslug,
                valid_from=None,
                valid_to=LAST_OLD_DAY,
                slugs=[dbase, f"{dbase}-truoc-2025"],
            )
            # The district level was abolished; its communes' successors carry the history.
            for ward in sorted(district["wards"], key=lambda w: w["code"]):
                wtype, wname = _name(ward["name"], ward["type"])
                base = _slugify(wname)
                wslug = add(
                    code=_code(ward["code"], "commune"),
                    name=wname,
                    unit_type=wtype,
                    level="commune",
                    parent=dslug,
                    valid_from=None,
                    valid_to=LAST_OLD_DAY,
                    slugs=old_commune_slugs(base, dname),
                )
                targets = [code for code, prov in ward["new"] if prov == NEW_PROVINCE]
                if len(targets) != len(ward["new"]):
                    raise SystemExit(f"{ward['name']} has a successor outside province {NEW_PROVINCE}")
                # "partial" = the old unit was split between several new units. The dataset's own
                # flag also marks Sảng Mộc and Thượng Quan, which NQ 1683 keeps unchanged, so we
                # decide by the number of successors.
                kind = "partial" if len(targets) > 1 else "whole"
                for code in targets:
                    successions.append(
                        {
                            "predecessor": wslug,
                            "successor": new_slug_by_code[code],
                            "kind": kind,
                            "effective_date": REFORM_DATE,
                            "legal_basis": LEGAL_BASIS_COMMUNES,
                        }
                    )

    return {
        "source": {
            "dataset": f"{raw['dataset']} {raw['version']} (data retrieved {raw['data_version']})",
            "licence_of_dataset": "GPL-3.0-or-later (used only at build time; see docs/units.md)",
            "facts_from": "Tổng cục Thống kê / Cục Thống kê (GSO/NSO) unit codes; NQ 202/2025/QH15; "
            "NQ 1683/NQ-UBTVQH15",
            "generated_by": "scripts/build_units.py",
        },
        "reform_date": REFORM_DATE,
        "units": units,
        "successions": successions,
    }


def run_extract() -> dict:
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    probe = subprocess.run(
        [str(python), "-c", "import vietnam_provinces; print(vietnam_provinces.__version__)"],
        capture_output=True,
        text=True,
    )
    if probe.stdout.strip() != DATASET_VERSION:
        subprocess.run(
            [str(VENV / "bin" / "pip"), "install", "-q", f"{DATASET}=={DATASET_VERSION}"],
            check=True,
        )
    out = subprocess.run([str(python), __file__, "--extract"], capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def render(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--extract", action="store_true", help="internal: dump raw facts (throwaway venv)")
    parser.add_argument("--check", action="store_true", help="fail if the committed file differs")
    args = parser.parse_args()
    if args.extract:
        extract()
        return 0
    text = render(shape(run_extract()))
    if args.check:
        if OUTPUT.read_text(encoding="utf-8") != text:
            print(f"{OUTPUT.relative_to(ROOT)} is stale: run scripts/build_units.py", file=sys.stderr)
            return 1
        print("up to date")
        return 0
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8")
    data = json.loads(text)
    levels: dict[str, int] = {}
    for unit in data["units"]:
        key = f"{unit['level']}{'' if unit['valid_to'] else ' (current)'}"
        levels[key] = levels.get(key, 0) + 1
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {levels}, {len(data['successions'])} successions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
