"""The benchmarks' PostgreSQL database of 1,000,000 dossiers, made once and reused.

``ensure()`` creates the database (``BENCH_DATABASE_URL``, default
postgres://postgres@127.0.0.1:5432/thanthien_bench), migrates it and tops it up to ``total``
dossiers with ``manage.py generate_dossiers`` (about 2 minutes per million, with their events).
The officer's list, the receipt slip and the status page are all measured on it.

Usage: .venv/bin/python bench/bigdb.py [--total 1000000]   (run_all.py calls it first)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/thanthien_bench")
TOTAL = 1_000_000


def _manage(*args: str) -> None:
    env = dict(os.environ, DATABASE_URL=URL, DJANGO_SETTINGS_MODULE="thanthien.config.settings")
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def ensure(total: int = TOTAL) -> str | None:
    """The database's URL once it holds ``total`` dossiers; ``None`` without PostgreSQL."""
    import psycopg

    base, name = URL.rsplit("/", 1)
    try:
        with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=3) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        print(f"SKIP: PostgreSQL unavailable ({exc})")
        return None
    _manage("migrate", "--noinput", "-v0")
    with psycopg.connect(URL) as conn:
        have = conn.execute("SELECT count(*) FROM dossiers_dossier").fetchone()[0]
    if have < total:
        print(f"generating {total - have:,} dossiers (once; about 2 min per million)…", flush=True)
        _manage("generate_dossiers", "--count", str(total - have), "--unit", "phan-dinh-phung")
        with psycopg.connect(URL, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
    return URL


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--total", type=int, default=TOTAL)
    sys.exit(0 if ensure(parser.parse_args().total) else 1)
