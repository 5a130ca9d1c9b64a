"""Run every benchmark in bench/ (files named *_bench.py) and print their figures.

Usage: .venv/bin/python bench/run_all.py [name ...]
The database of 1,000,000 dossiers (``bigdb.py``) is made first, once, and handed to the
benchmarks that read it. Benchmarks that need PostgreSQL or wrk say so and skip themselves when
those are missing.
"""

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
ON_BIG_DATABASE = {"dossier_list", "slip_pdf"}  # status_lookup asks bigdb itself


def main(argv: list[str]) -> int:
    from bench import bigdb

    wanted = set(argv)
    scripts = [s for s in sorted(HERE.glob("*_bench.py")) if not wanted or s.stem.removesuffix("_bench") in wanted]
    big = bigdb.ensure() if any(s.stem.removesuffix("_bench") in ON_BIG_DATABASE for s in scripts) else None
    failures = 0
    for script in scripts:
        name = script.stem.removesuffix("_bench")
        print(f"== {name}", flush=True)
        env = dict(os.environ)
        if name in ON_BIG_DATABASE and big:
            env["DATABASE_URL"] = big
        result = subprocess.run([sys.executable, str(script)], cwd=HERE.parent, env=env)
        failures += result.returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
