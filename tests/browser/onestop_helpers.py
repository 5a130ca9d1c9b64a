"""Helpers for the one-stop browser test: signing in, lifecycle actions, PDF checks, time set-up."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import zipfile
from pathlib import Path

PASSWORD = "mat-khau-an-toan-2024"  # set by UserFactory


def sign_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/staff/")


def action_form(page, action: str):
    """The detail page's form of one lifecycle action (by its hidden ``action`` value)."""
    return page.locator(f"form.action-form:has(input[name=action][value={action}])")


def do_action(page, action: str, **fields: str) -> None:
    """Fill the action's fields (``select`` or text by name) and submit; the page reloads."""
    form = action_form(page, action)
    assert form.count() == 1, f"no form for action {action!r} on {page.url}"
    for name, value in fields.items():
        control = form.locator(f"[name={name}]")
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    errors = page.locator(".msg--error, .messages .error, [role=alert]").all_inner_texts()
    assert not [e for e in errors if e.strip()], f"{action}: {errors}"


def fetch(page, url: str):
    """GET ``url`` with the page's cookies (the signed-in staff member); returns the response."""
    response = page.context.request.get(url)
    assert response.status == 200, f"{url}: HTTP {response.status}"
    return response


def pdf_text(body: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(body))
    return "\n".join(p.extract_text() or "" for p in reader.pages)


def flat(text: str) -> str:
    """Whitespace collapsed (PDF text wraps lines anywhere)."""
    return " ".join(text.split())


def save_pdf_and_png(body: bytes, folder: Path, name: str) -> Path:
    """Write ``name``.pdf and render its first page to ``name``.png (pdftoppm, 60 dpi)."""
    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / f"{name}.pdf"
    pdf.write_bytes(body)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(folder / name)],
        check=True,
        timeout=60,
    )
    png = folder / f"{name}.png"
    assert png.exists() and png.stat().st_size > 1000
    return png


def docx_text(body: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(body)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    import re

    return re.sub(r"<[^>]+>", "", xml)


def apology_window(now: dt.datetime):
    """``(calendar, due_date, sweep_at)`` to make a dossier predicted late *today*.

    ``due_date``: the first day whose apology deadline (one working day before it, NĐ 61/2018
    Điều 19.9) is today or later, so the apology can still be issued through the page now.
    ``sweep_at``: the end of the office day on that deadline, when the remaining step no longer
    fits before the due instant (set to the morning of ``due_date``).
    """
    from django.utils import timezone

    from thanthien.dossiers import services

    today = timezone.localdate(now)
    cal = services.calendar_around(today, today + dt.timedelta(days=40))
    day = today + dt.timedelta(days=1)
    while not (cal.is_working_day(day) and cal.subtract_working_days(day, 1) >= today):
        day += dt.timedelta(days=1)
    deadline = cal.subtract_working_days(day, 1)
    hours = cal.office_hours_on(deadline)
    sweep_at = dt.datetime.combine(deadline, hours.afternoon_end, tzinfo=cal.tz) - dt.timedelta(minutes=1)
    sweep_at = max(sweep_at, now)
    return cal, day, sweep_at


def _gray_page(pdf: Path, page: int, dpi: int) -> tuple[int, int, bytes]:
    """Page ``page`` of ``pdf`` as 8-bit grey pixels (pdftoppm → PGM, parsed here)."""
    out = pdf.with_name(f"{pdf.stem}-qr")
    subprocess.run(
        ["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(out)],
        check=True,
        timeout=60,
    )
    pgm = out.with_suffix(".pgm")
    data = pgm.read_bytes()
    pgm.unlink()
    fields = data.split(maxsplit=4)
    assert fields[0] == b"P5", "pdftoppm -gray should write a binary PGM"
    width, height = int(fields[1]), int(fields[2])
    return width, height, fields[4][-width * height :]


def printed_qr_matches(pdf: Path, url: str, *, page: int | None = None, dpi: int = 300) -> bool:
    """Does the QR code printed on ``pdf`` (last page by default) encode exactly ``url``?

    No QR decoder is installed, so the check goes the other way: the module matrix of ``url``
    (segno, error level M, as ``thanthien.papers.qr``) is compared with the printed code, found
    by its two top finder patterns (two dark runs of 7 modules, 7 + (N − 14) modules apart).
    """
    import re

    import segno
    from pypdf import PdfReader

    if page is None:
        page = len(PdfReader(str(pdf)).pages)
    width, height, pixels = _gray_page(pdf, page, dpi)
    dark = pixels.translate(bytes(1 if v < 128 else 0 for v in range(256)))
    candidates = [segno.make(url, error="m", micro=False, mask=mask).matrix for mask in (None, 2)]
    size = len(candidates[0])
    tried = set()
    for y in range(height):
        row = dark[y * width : (y + 1) * width]
        runs = [(m.start(), m.end() - m.start()) for m in re.finditer(rb"\x01{14,}", row)]
        for i, (x0, length) in enumerate(runs):
            module = length / 7
            for x1, length1 in runs[i + 1 :]:
                if abs(length1 - length) > 2 or abs((x1 - x0) - (size - 7) * module) > 2 * module / 3:
                    continue
                if (x0, round(module, 1)) in tried:
                    continue
                tried.add((x0, round(module, 1)))
                module = (x1 + length1 - x0) / size
                if y + size * module > height:
                    continue
                printed = [
                    [dark[int(y + (r + 0.5) * module) * width + int(x0 + (c + 0.5) * module)] for c in range(size)]
                    for r in range(size)
                ]
                for expected in candidates:
                    same = sum(printed[r][c] == expected[r][c] for r in range(size) for c in range(size))
                    if same >= 0.98 * size * size:
                        return True
    return False
