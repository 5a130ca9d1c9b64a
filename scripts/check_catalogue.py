"""Fail if the Vietnamese catalogue has missing or fuzzy entries.

Runs ``makemessages -l vi`` over the whole tree (updating each app's catalogue in place),
then asks gettext's ``msgattrib`` for untranslated and fuzzy entries.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thanthien.config.settings")


def main() -> int:
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "vi",
            "--no-obsolete",
            "-v",
            "0",
            "-i",
            ".venv",
            "-i",
            "var",
            "-i",
            "bench",
            "-i",
            "scripts",
            "-i",
            "tests",
            "-i",
            "*/tests/*",
        ],
        cwd=ROOT,
        check=True,
    )
    problems = 0
    for po in sorted((ROOT / "thanthien").rglob("locale/vi/LC_MESSAGES/django.po")):
        for flag, label in (("--untranslated", "missing"), ("--only-fuzzy", "fuzzy")):
            out = subprocess.run(
                ["msgattrib", flag, "--no-wrap", str(po)], capture_output=True, text=True, check=True
            ).stdout
            ids = [line[7:-1] for line in out.splitlines() if line.startswith('msgid "') and line != 'msgid ""']
            for msgid in ids:
                problems += 1
                print(f"{po.relative_to(ROOT)}: {label}: {msgid}")
    if problems:
        print(f"Vietnamese catalogue: {problems} missing or fuzzy entries", file=sys.stderr)
        return 1
    print("Vietnamese catalogue complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
