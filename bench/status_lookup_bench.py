"""Benchmark: the public dossier status page (tra cứu hồ sơ), ≥ 1,000 requests/s.

gunicorn (sync workers, cores + 1 = 3 on this 2-core machine as in ``deploy/gunicorn.conf.py``; ``--workers``) serves the real
project against PostgreSQL holding generated dossiers; wrk (16 connections, 2 threads, 10 s,
loopback) asks for random tracking codes. Three runs, each against its own gunicorn with the same
flags: a Django hello-world (the baseline, ``bench/hello_wsgi.py``), the status page over all the
codes (almost every request misses the 30 s page cache: the judged figure) and over ``--hot``
codes (repeat look-ups, served from the cache). Each line prints req/s, the ratio to the
hello-world of the same run, p99 and the load average before and after.

The database holds ``--dossiers`` (1,000,000) dossiers, each with its reception/transfer/return
events (``manage.py generate_dossiers``, run once when fewer are there; the same database as
``dossier_list_bench.py``); the main run asks for ``--codes`` (20,000) codes sampled at random.

Usage: .venv/bin/python bench/status_lookup_bench.py [--dossiers 1000000] [--codes 20000] [--hot 300] [--seconds 10] [--workers 5]
Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/thanthien_bench)
and wrk; skips itself (exit 0) when either is missing.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import bigdb  # noqa: E402

DB_URL = bigdb.URL
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


def _sample(n: int) -> list[str]:
    """``n`` tracking codes picked at random among all dossiers (every part of the table)."""
    os.environ.update(_env())
    import django

    django.setup()
    from thanthien.dossiers.models import Dossier

    return list(Dossier.objects.unscoped().order_by("?").values_list("tracking_code", flat=True)[:n])


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


def _cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU time each live process has used so far (Linux ``/proc``)."""
    used = {}
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        used[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
    return used


def _cpu_delta(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU used between two samples, by the processes present in both (one that exited or was
    replaced in between would otherwise count its whole life, or negatively)."""
    return sum(after[pid] - before[pid] for pid in before.keys() & after.keys())


def _server_pids(master: int) -> tuple[list[int], list[int]]:
    """gunicorn's master and workers; the PostgreSQL backends serving this database."""
    import psycopg

    workers = [master]
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    if int(stat.read().rsplit(")", 1)[1].split()[1]) == master:
                        workers.append(int(entry))
            except (FileNotFoundError, ProcessLookupError):
                continue
    with psycopg.connect(DB_URL, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
        ).fetchall()
    return workers, [pid for (pid,) in rows]


def _requests(out: str) -> int:
    return int(re.search(r"(\d+) requests in", out).group(1))


def _load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load {one:.1f}/{five:.1f}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1_000_000, help="dossiers in the database (generated once)")
    parser.add_argument("--codes", type=int, default=20_000, help="random codes asked for in the main run")
    parser.add_argument("--hot", type=int, default=300, help="codes asked again and again (cached) in the 2nd mix")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) + 1, help="as deploy/gunicorn.conf.py")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("SKIP: wrk is not installed")
        return 0
    if bigdb.ensure(args.dossiers) is None:
        return 0
    codes = _sample(args.codes)
    spread, hot = _lua(codes), _lua(codes[: args.hot])

    results: dict[str, float] = {}
    cpu: dict[str, float] = {}
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
            workers, backends = _server_pids(proc.pid)
            before, cpu_app, cpu_db = _load(), _cpu_seconds(workers), _cpu_seconds(backends)
            rps, out = _wrk(root, args.seconds, lua_script)
            served = _requests(out)
            app_ms = _cpu_delta(cpu_app, _cpu_seconds(workers)) * 1000 / served
            db_ms = _cpu_delta(cpu_db, _cpu_seconds(backends)) * 1000 / served
            p99 = re.search(r"99%\s+(\S+)", out)
            results[name] = rps
            cpu[name] = app_ms + db_ms
            ratio = rps / results["hello-world"] if results.get("hello-world") else 1.0
            print(
                f"{name:22s} {rps:7.0f} req/s  ratio {ratio:4.2f}  p99 {p99.group(1) if p99 else '?':>8s}  "
                f"non-2xx {_errors(out)}  CPU/request {app_ms:.2f} ms app + {db_ms:.2f} ms PostgreSQL  "
                f"({before} before, {_load()} after)"
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
    # Server CPU per request does not depend on what else the machine runs (much): it says what
    # the same cores would serve if the server had them to itself (the load client excluded).
    print(
        f"server CPU per cache miss {cpu[runs[1][0]]:.2f} ms (hello-world {cpu['hello-world']:.2f} ms): "
        f"{os.cpu_count()} cores could serve ≈ {1000 * (os.cpu_count() or 1) / cpu[runs[1][0]]:.0f} misses/s "
        f"(hello-world ≈ {1000 * (os.cpu_count() or 1) / cpu['hello-world']:.0f}/s) with the client elsewhere"
    )
    print(
        f"status page ({len(codes)} random codes, mostly cache misses) / hello-world = "
        f"{cold / results['hello-world']:.2f}; {args.workers} gunicorn sync workers, wrk 16 connections, "
        f"{args.seconds} s, {os.cpu_count()} cores — target ≥ {TARGET_RPS} req/s: {'PASS' if ok else 'FAIL'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
