"""Benchmark: the public disclosure list of one commune holding 10,000 items (issue R1.1).

Target: ≥ 400 requests/s and p95 ≤ 100 ms with gunicorn on this 2-core machine, measured with
wrk (16 connections, loopback, ~10 s) against PostgreSQL.

Steps: (re)create the database ``thanthien_bench_disclosures``, migrate, fill 10,000 published
items in one commune through ``bulk_create`` (search text folded as the service does), start
gunicorn on 127.0.0.1, warm up, run wrk on page 1 of the list and on a search, print req/s,
p95 and the ratio to the target. Exit status 1 when a target is missed.

Usage: .venv/bin/python bench/public_list_bench.py [--workers N] [--seconds S]
Needs PostgreSQL on 127.0.0.1:5432 (user postgres) and /usr/bin/wrk; skips itself otherwise.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "thanthien_bench_disclosures"
PG = "postgres://postgres@127.0.0.1:5432"
N_ITEMS = 10_000
SLUG = "phan-dinh-phung"
TARGET_RPS = 400.0
TARGET_P95_MS = 100.0
WRK_LUA = """
done = function(summary, latency, requests)
  io.write(string.format("P95_US %d\\n", latency:percentile(95)))
  io.write(string.format("REQS %d\\n", summary.requests))
  io.write(string.format("ERRS %d\\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def application(environ, start_response):
    """WSGI entry for gunicorn: the project, with the public disclosure pages mounted."""
    global _app
    if _app is None:
        sys.path.insert(0, str(ROOT))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thanthien.config.settings")
        import django

        django.setup()
        from django.conf import settings
        from django.core.wsgi import get_wsgi_application

        settings.ROOT_URLCONF = "thanthien.disclosures.tests.urls"
        _app = get_wsgi_application()
    return _app(environ, start_response)


_app = None


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"{PG}/{DB_NAME}",
        DJANGO_DEBUG="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        PYTHONPATH=str(ROOT),
    )
    return env


def _pg_ok() -> bool:
    return (
        shutil.which("psql") is not None
        and subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"], check=False).returncode == 0
    )


def recreate_database() -> None:
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-d", "postgres", "-c"]
    subprocess.run([*psql, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)"], check=True)
    subprocess.run([*psql, f"CREATE DATABASE {DB_NAME}"], check=True)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=_env(), check=True)


def fill() -> None:
    """Runs in a child process with DATABASE_URL set: 10,000 published items in one commune."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thanthien.config.settings")
    import datetime as dt
    import random

    import django

    django.setup()
    from thanthien.core.search import fold_join
    from thanthien.disclosures.models import DisclosureItem
    from thanthien.units.models import AdminUnit

    unit = AdminUnit.objects.get(slug=SLUG)
    rng = random.Random(7)
    subjects = [
        "Danh sách hộ nghèo được hỗ trợ bảo hiểm y tế",
        "Dự toán ngân sách phường",
        "Kế hoạch phát triển kinh tế - xã hội",
        "Mức thu phí chợ và lệ phí",
        "Danh sách công dân nhập ngũ",
        "Kết quả lấy phiếu tín nhiệm",
        "Quyết toán kinh phí xây dựng nhà văn hóa",
        "Hỗ trợ xây nhà đại đoàn kết",
    ]
    start = dt.date(2022, 1, 3)
    items = []
    for n in range(N_ITEMS):
        title = f"{rng.choice(subjects)} đợt {n % 12 + 1} năm {2022 + n % 5} (số {n})"
        summary = "Ủy ban nhân dân công khai nội dung theo Luật Thực hiện dân chủ ở cơ sở. " * 3
        published = start + dt.timedelta(days=n % 1500)
        items.append(
            DisclosureItem(
                unit=unit,
                category=rng.randint(1, 14),
                title=title,
                summary=summary,
                document_ref=f"{n}/QĐ-UBND",
                decided_on=published - dt.timedelta(days=2),
                published_on=published,
                status=DisclosureItem.Status.PUBLISHED,
                forms=["website", "notice_board"],
                search_text=fold_join(title, f"{n}/QĐ-UBND", summary)[:1200],
            )
        )
    DisclosureItem.objects.bulk_create(items, batch_size=2000)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE disclosures_disclosureitem")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_wrk(url: str, seconds: int, lua: str) -> tuple[float, float, int]:
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", "-s", lua, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p95_ms = int(re.search(r"P95_US (\d+)", out).group(1)) / 1000
    errors = int(re.search(r"ERRS (\d+)", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p95_ms, errors + (int(non2xx.group(1)) if non2xx else 0)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="reuse the filled database")
    args = parser.parse_args()
    if not _pg_ok() or shutil.which("wrk") is None:
        print("SKIP: needs PostgreSQL on 127.0.0.1:5432 and wrk")
        return 0
    if not args.keep:
        print(f"filling {DB_NAME} with {N_ITEMS} items…", flush=True)
        recreate_database()
        subprocess.run([sys.executable, __file__, "--fill-only"], cwd=ROOT, env=_env(), check=True)
    port = _free_port()
    gunicorn = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "--chdir",
            str(ROOT / "bench"),
            "-w",
            str(args.workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "public_list_bench:application",
        ],
        cwd=ROOT,
        env=_env(),
    )
    failed = False
    try:
        base = f"http://127.0.0.1:{port}/xa/{SLUG}/cong-khai/"
        for _ in range(100):
            try:
                with urllib.request.urlopen(base, timeout=2) as response:
                    body = response.read()
                break
            except OSError:
                time.sleep(0.2)
        else:
            print("gunicorn did not answer")
            return 1
        assert "(số 9999)".encode() in body or b"cong-khai" in body
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
            lua.write(WRK_LUA)
        for _ in range(3 * args.workers):  # warm every worker (imports, calendar, connections)
            urllib.request.urlopen(base, timeout=5).read()
        print(f"gunicorn {args.workers} sync workers, wrk 16 connections, {args.seconds} s, {N_ITEMS} items")
        for label, url in (("list page 1", base), ("search 'ho tro xay nha'", base + "?q=ho+tro+xay+nha")):
            rps, p95, errors = run_wrk(url, args.seconds, lua.name)
            ok = rps >= TARGET_RPS and p95 <= TARGET_P95_MS and errors == 0
            failed |= not ok and label == "list page 1"
            print(
                f"{label:26} {rps:8.1f} req/s  p95 {p95:6.1f} ms  errors {errors}  "
                f"ratio {rps / TARGET_RPS:4.2f}× of {TARGET_RPS:.0f} req/s  {'OK' if ok else 'MISS'}"
            )
        os.unlink(lua.name)
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=10)
    return 1 if failed else 0


if __name__ == "__main__":
    if "--fill-only" in sys.argv:
        fill()
        sys.exit(0)
    sys.exit(main())
