"""Voting benchmarks (participation): online ballots per minute with zero double votes, the tally
of a 2,000-household hamlet across three channels, and 10,000 household ballots in one PDF.

Usage: .venv/bin/python bench/voting_bench.py [--households 2000] [--ballots 10000] [--workers 4] [--only pdf]
Runs on a throw-away test database: SQLite by default, PostgreSQL with DATABASE_URL set.
Targets (issue R2.2): ≥ 1,000 ballots/minute, 0 double votes; tally ≤ 1 s; 10,000-ballot PDF ≤ 30 s.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thanthien.config.settings")
os.environ.setdefault("TASKS_BACKEND", "immediate")
os.environ.setdefault("SMS_BACKEND", "console")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def build(households: int, tag: str):
    from thanthien.participation.models import Decision
    from thanthien.participation.tests.factories import at, make_households
    from thanthien.units.tests.factories import CommuneFactory, HamletFactory, make_staff

    commune = CommuneFactory(name="Bench", slug="xa-bench")
    hamlet = HamletFactory(unit=commune, name=f"Bench {tag}")
    roll = make_households(hamlet, households)
    chairman = make_staff("chairman", commune, username=f"bench_{tag}")
    return commune, hamlet, roll, chairman, Decision, at


def bench_online(households: int, workers: int) -> tuple[float, int]:
    """Every household votes online through the public page; each also tries a second time."""
    from django.test import Client

    from thanthien.participation import decision_services as ds
    from thanthien.participation import selectors
    from thanthien.participation import services as s
    from thanthien.participation.models import Ballot, Vote

    _commune, hamlet, _roll, chairman, Decision, at = build(households, "online")
    decision = Decision.objects.create(
        unit=hamlet.unit,
        hamlet=hamlet,
        matter=6,
        question="Dọn vệ sinh đường làng hằng tháng",
        form=Decision.Form.ONLINE_VOTE,
        status=Decision.Status.VOTING,
        opens_at=at(2020, 1, 1),
        closes_at=at(2099, 1, 1),
    )
    ds.ballots_issue(actor=chairman, decision=decision, at=at(2026, 3, 1))
    codes = list(Ballot.objects.unscoped().filter(decision=decision).values_list("code", flat=True))
    # Each code appears twice, in different workers' queues: a double vote is attempted concurrently.
    queues = [[] for _ in range(workers)]
    for i, code in enumerate(codes):
        queues[i % workers].append(code)
        queues[(i + 1) % workers].append(code)
    errors: list[BaseException] = []
    start = threading.Barrier(workers)

    def worker(queue: list[str]) -> None:
        client = Client()
        try:
            start.wait()
            for n, code in enumerate(queue):
                response = client.post(
                    "/tham-gia/bieu-quyet/", {"code": code, "choice": ("agree", "disagree", "other")[n % 3]}
                )
                if response.status_code != 200:
                    raise RuntimeError(f"HTTP {response.status_code}")
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(q,)) for q in queues]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    if errors:
        raise errors[0]
    votes = Vote.objects.unscoped().filter(decision=decision)
    counted = votes.count()
    doubles = counted - votes.values("household").distinct().count()
    per_minute = counted / elapsed * 60
    print(f"online votes: {counted} households in {elapsed:.1f} s with {workers} workers, {2 * counted} attempts")
    print(f"  ballots/minute: {per_minute:,.0f} (target ≥ 1,000)")
    print(f"  double votes: {doubles} (target 0); refused second attempts: {2 * len(codes) - counted}")
    exported = selectors.vote_audit_export(decision)
    again = selectors.tally_from_export(exported, s.hamlet_roll(hamlet))
    live = selectors.decision_result(decision)
    same = (again.agree, again.disagree, again.other, again.voted) == (
        live.agree,
        live.disagree,
        live.other,
        live.voted,
    )
    print(f"  re-tally from the exported audit file matches: {same}")
    ok = counted == len(codes) and doubles == 0 and same
    return per_minute, 0 if ok else 1


def bench_tally(households: int) -> float:
    """A 2,000-household hamlet with votes from the meeting, paper ballots and online."""
    from thanthien.participation import selectors
    from thanthien.participation.models import Vote
    from thanthien.participation.tests.factories import DecisionFactory

    _commune, hamlet, roll, _chairman, Decision, at = build(households, "tally")
    decision = DecisionFactory(hamlet=hamlet, status=Decision.Status.VOTING)
    channels = ("meeting_hands", "paper_ballot", "online")
    Vote.objects.bulk_create(
        [
            Vote(
                unit=hamlet.unit,
                decision=decision,
                household=h,
                channel=channels[i % 3],
                choice=("agree", "agree", "disagree", "other")[i % 4],
                recorded_at=at(2026, 3, 20 + i % 3, 8 + i % 9),
                receipt=f"T{i:011d}",
            )
            for i, h in enumerate(roll)
        ],
        batch_size=1000,
    )
    runs = []
    for _ in range(5):
        began = time.perf_counter()
        result = selectors.decision_result(decision)
        runs.append(time.perf_counter() - began)
    best, worst = min(runs), max(runs)
    print(
        f"tally of {households} households across 3 channels (DB read + count): best {best * 1000:.0f} ms, "
        f"worst {worst * 1000:.0f} ms (target ≤ 1 s); counted {result.voted}, by channel "
        + ", ".join(f"{k}={v}" for k, v in result.by_channel.items() if v)
    )
    return worst


def bench_pdf(ballots: int) -> float:
    from thanthien.participation import decision_services as ds
    from thanthien.participation.papers import ballots_pdf
    from thanthien.participation.tests.factories import make_households

    _commune, hamlet, _roll, chairman, Decision, at = build(0, "pdf")

    make_households(hamlet, ballots, phones=False)
    decision = Decision.objects.create(
        unit=hamlet.unit,
        hamlet=hamlet,
        matter=6,
        question="Đóng góp xây dựng nhà văn hóa thôn",
        form=Decision.Form.HOUSEHOLD_BALLOT,
        team=["A", "B", "C"],
        closes_at=at(2026, 3, 30, 17),
    )
    began = time.perf_counter()
    issued = ds.ballots_issue(actor=chairman, decision=decision, at=at(2026, 3, 23))
    codes_time = time.perf_counter() - began
    began = time.perf_counter()
    pdf = ballots_pdf(decision)
    elapsed = time.perf_counter() - began
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "ballots.pdf").write_bytes(pdf)
    print(f"{issued} ballot codes issued in {codes_time:.1f} s")
    print(f"{issued} ballots with codes and QR in one PDF: {elapsed:.1f} s, {len(pdf) / 1e6:.0f} MB (target ≤ 30 s)")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=2000)
    parser.add_argument("--ballots", type=int, default=10000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--only", choices=["online", "tally", "pdf"], action="append", help="run only these parts")
    args = parser.parse_args()

    setup_test_environment()
    settings.ROOT_URLCONF = "thanthien.participation.tests.urls"
    tmp = tempfile.TemporaryDirectory()
    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(Path(tmp.name) / "bench.sqlite3")
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    print(f"database: {connection.vendor}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    failures = 0
    try:
        parts = set(args.only or ["online", "tally", "pdf"])
        if "online" in parts:
            per_minute, bad = bench_online(args.households, args.workers)
            failures += bad + (per_minute < 1000)
        if "tally" in parts:
            failures += bench_tally(args.households) > 1.0
        if "pdf" in parts:
            failures += bench_pdf(args.ballots) > 30.0
    finally:
        connections.close_all()
        connection.creation.destroy_test_db(old_name, verbosity=0)
        tmp.cleanup()
    print("OK" if not failures else f"{failures} target(s) missed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
