"""Benchmark: the public dossier status page (tra cứu hồ sơ), ≥ 1,000 requests/s.

gunicorn (sync workers, 2 per core + 1 = 5 on this 2-core machine; ``--workers``) serves the real
project against PostgreSQL holding generated dossiers; wrk (16 connections, 2 threads, 10 s,
loopback) asks for random tracking codes. Three runs, each against its own gunicorn with the same
flags: a Django hello-world (the baseline, ``bench/hello_wsgi.py``), the status page over all the
codes (almost every request misses the 30 s page cache: the judged figure) and over ``--hot``
codes (repeat look-ups, served from the cache). Each line prints req/s, the ratio to the
hello-world of the same run, p99 and the load average before and after.

Usage: .venv/bin/python bench/status_lookup_bench.py [--dossiers 20000] [--hot 300] [--seconds 10] [--workers 5]
Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/thanthien_bench_status)
and wrk; skips itself (exit 0) when either is missing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/thanthien_bench_status")
TARGET_RPS = 1000
VENV_BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=DB_URL,
        DJANGO_SETTINGS_MODULE="bench.bench_settings",
        DJANGO_DEBUG="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        PYTHONPATH=str(ROOT),
        LOG_LEVEL="WARNING",
        TASKS_BACKEND="immediate",
    )
    return env


def _create_database() -> None:
    import psycopg

    base, name = DB_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def _prepare(n: int) -> list[str]:
    """Migrate and generate ``n`` dossiers (bulk insert: a benchmark fixture, not product data)."""
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=_env(), check=True)
    os.environ.update(_env())
    import django

    django.setup()
    from django.conf import settings

    from thanthien.clocks.domain.calendar import VIETNAM_TZ
    from thanthien.dossiers.domain.codes import tracking_code
    from thanthien.dossiers.models import Dossier, DossierEvent
    from thanthien.procedures.models import Procedure
    from thanthien.units.models import AdminUnit

    have = list(Dossier.objects.unscoped().filter(code__startswith="BENCH-").values_list("tracking_code", flat=True))
    if len(have) >= n:
        return have[:n]
    unit = AdminUnit.objects.filter(level="commune").first()
    if unit is None:
        province = AdminUnit.objects.create(
            code="19", name="Thái Nguyên", unit_type="tinh", level="province", slug="bench-tn"
        )
        unit = AdminUnit.objects.create(
            code="05431", name="Phan Đình Phùng", unit_type="phuong", level="commune", parent=province, slug="bench-pdp"
        )
    procedure = Procedure.objects.first()
    if procedure is None:
        raise SystemExit("No procedure in the catalogue: run the procedures seed first.")
    secret = settings.SECRET_KEY.encode()
    rng = random.Random(7)
    start = dt.datetime(2026, 1, 5, 8, 0, tzinfo=VIETNAM_TZ)
    rows, events = [], []
    for i in range(len(have), n):
        code = f"BENCH-{i:07d}"
        at = start + dt.timedelta(minutes=7 * i)
        status = rng.choice(["received", "in_processing", "result_ready", "returned"])
        rows.append(
            Dossier(
                unit=unit,
                procedure=procedure,
                code=code,
                tracking_code=tracking_code(code, secret=secret),
                status=status,
                applicant_name=f"Nguyễn Văn Bench {i}",
                applicant_phone=f"09{i:08d}"[:10],
                channel_in="direct",
                channel_out="direct",
                submitted_at=at,
                submitted_on=at.date(),
                received_at=at,
                received_on=at.date(),
                due_at=at + dt.timedelta(days=3),
                due_date=(at + dt.timedelta(days=2)).date(),
                original_due_at=at + dt.timedelta(days=3),
                original_due_date=(at + dt.timedelta(days=2)).date(),
            )
        )
    created = Dossier.objects.bulk_create(rows, batch_size=2000)
    for d in created:
        events.append(DossierEvent(unit=unit, dossier=d, action="receive", to_status="received", at=d.received_at))
        events.append(DossierEvent(unit=unit, dossier=d, action="transfer", to_status="transferred", at=d.received_at))
    DossierEvent.objects.bulk_create(events, batch_size=5000)
    return list(Dossier.objects.unscoped().filter(code__startswith="BENCH-").values_list("tracking_code", flat=True))[
        :n
    ]


def _serve(app: str, workers: int) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    proc = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--preload",
            "--log-level",
            "warning",
            "--graceful-timeout",
            "2",
            "--timeout",
            "120",
            "--access-logfile",
            "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
        ],
        cwd=ROOT,
        env=_env(),
    )
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            time.sleep(0.1)
    return proc, port


def _wrk(url: str, seconds: int, script: str | None = None) -> tuple[float, str]:
    args = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    if script:
        args += ["-s", script]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return rps, out


def _warm(url: str) -> None:
    """A few sequential requests per worker, so no worker's first request falls in the run."""
    import urllib.request

    for _ in range(12):
        with urllib.request.urlopen(url, timeout=120) as response:
            response.read()


def _errors(out: str) -> str:
    match = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return match.group(1) if match else "0"


def _lua(codes: list[str]) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write("codes = {" + ",".join(f'"{c}"' for c in codes) + "}\n")
        lua.write("math.randomseed(42)\n")
        lua.write(
            'request = function() return wrk.format("GET", "/tra-cuu/" .. codes[math.random(#codes)] .. "/") end\n'
        )
        return lua.name


def _load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load {one:.1f}/{five:.1f}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=20000)
    parser.add_argument("--hot", type=int, default=300, help="codes asked again and again (cached) in the 2nd mix")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 2) + 1)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("SKIP: wrk is not installed")
        return 0
    try:
        _create_database()
    except Exception as exc:
        print(f"SKIP: PostgreSQL unavailable ({exc})")
        return 0
    codes = _prepare(args.dossiers)
    spread, hot = _lua(codes), _lua(codes[: args.hot])

    results = {}
    runs = (
        ("hello-world", "bench.hello_wsgi:application", None),
        (f"status, {len(codes)} codes", "bench.status_wsgi:application", spread),
        (f"status, {args.hot} codes", "bench.status_wsgi:application", hot),
    )
    for name, app, lua_script in runs:
        proc, port = _serve(app, args.workers)
        try:
            root = f"http://127.0.0.1:{port}/"
            _warm(root if lua_script is None else f"{root}tra-cuu/{codes[0]}/")
            _wrk(root, 3, lua_script)  # warm-up
            before = _load()
            rps, out = _wrk(root, args.seconds, lua_script)
            p99 = re.search(r"99%\s+(\S+)", out)
            results[name] = rps
            ratio = rps / results["hello-world"] if results.get("hello-world") else 1.0
            print(
                f"{name:22s} {rps:7.0f} req/s  ratio {ratio:4.2f}  p99 {p99.group(1) if p99 else '?':>8s}  "
                f"non-2xx {_errors(out)}  ({before} before, {_load()} after)"
            )
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    os.unlink(spread)
    os.unlink(hot)
    cold = results[runs[1][0]]
    ok = cold >= TARGET_RPS
    print(
        f"status page ({len(codes)} random codes, mostly cache misses) / hello-world = "
        f"{cold / results['hello-world']:.2f}; {args.workers} gunicorn sync workers, wrk 16 connections, "
        f"{args.seconds} s, {os.cpu_count()} cores — target ≥ {TARGET_RPS} req/s: {'PASS' if ok else 'FAIL'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
