"""Render the sample papers (pilot notice, A5 receipt slip, ballots) to a folder, and time them.

manage.py papers_samples --out var/papers-samples [--png] [--bench] [--ballots 10000]
"""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import subprocess
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from thanthien.papers import samples
from thanthien.papers.domain.paper import Paragraph
from thanthien.papers.render import render_docx, render_many_pdf, render_pdf


class Command(BaseCommand):
    help = "Render sample official papers to PDF/DOCX (and PNG with --png); --bench times them."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--out", default="var/papers-samples")
        parser.add_argument("--png", action="store_true", help="also rasterise with pdftoppm -r 80")
        parser.add_argument("--bench", action="store_true")
        parser.add_argument("--ballots", type=int, default=0, help="bulk: N opinion forms in one PDF")
        parser.add_argument("--ballot-qr", action="store_true", help="one distinct QR code per form")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        notice = samples.pilot_notice(dt.date(2026, 1, 5))
        slip = samples.receipt_slip()
        files = {
            "pilot-notice.pdf": render_pdf(notice),
            "pilot-notice.docx": render_docx(notice),
            "receipt-slip-a5.pdf": render_pdf(slip),
            "receipt-slip-a5.docx": render_docx(slip),
        }
        for name, body in files.items():
            (out / name).write_bytes(body)
            self.stdout.write(f"{out / name} ({len(body):,} bytes)")
        if options["png"] and shutil.which("pdftoppm"):
            for name in files:
                if name.endswith(".pdf"):
                    subprocess.run(["pdftoppm", "-png", "-r", "80", str(out / name), str(out / name[:-4])], check=True)
            self.stdout.write(f"PNG pages in {out}")
        if options["bench"]:
            self.bench()
        if options["ballots"]:
            started, cpu = time.perf_counter(), time.process_time()
            pdf = render_many_pdf(samples.ballot(i, qr=options["ballot_qr"]) for i in range(options["ballots"]))
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
            (out / "ballots.pdf").write_bytes(pdf)
            self.stdout.write(
                f"{options['ballots']} forms in one PDF: {elapsed:.1f} s wall, {cpu:.1f} s CPU, {len(pdf):,} bytes"
            )

    def bench(self, rounds: int = 200) -> None:
        notice = samples.pilot_notice(dt.date(2026, 1, 5))
        render_pdf(notice)  # warm the compiler (fonts, template)
        # Vary the text every round so Typst's memoisation cannot replay a previous layout.
        timings, cpu = [], []
        for i in range(rounds):
            paper = _with_extra(notice, f"Lần in thứ {i}.")
            started, cpu_started = time.perf_counter(), time.process_time()
            render_pdf(paper)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        self.stdout.write(
            f"A4 one-page notice with QR, reused compiler: median {statistics.median(timings):.1f} ms wall, "
            f"{statistics.median(cpu):.1f} ms CPU, p95 {sorted(timings)[int(rounds * 0.95)]:.1f} ms ({rounds} rounds)"
        )
        timings = []
        for i in range(50):
            paper = _with_extra(notice, f"Bản Word số {i}.")
            started = time.perf_counter()
            render_docx(paper)
            timings.append((time.perf_counter() - started) * 1000)
        self.stdout.write(f"Same paper as DOCX: median {statistics.median(timings):.1f} ms")


def _with_extra(paper: Any, text: str) -> Any:
    from dataclasses import replace

    return replace(paper, footer_note=text, blocks=(*paper.blocks[:-1], Paragraph(text), paper.blocks[-1]))
