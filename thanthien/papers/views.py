"""Staff downloads of official papers. Views only adapt HTTP: selectors read, builders build,
``render`` renders."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from thanthien.programmes.models import Programme

from .domain.programme_notice import build_programme_notice
from .render import paper_response
from .selectors import programme_list, programme_notice_data

FORMATS = ("pdf", "docx")


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    rows = [
        [
            programme.name,
            f"{programme.start_date:%d/%m/%Y} – {programme.end_date:%d/%m/%Y}",
            {"text": _("Download PDF"), "url": reverse("papers:programme_notice", args=[programme.code, "pdf"])},
            {"text": _("Download Word"), "url": reverse("papers:programme_notice", args=[programme.code, "docx"])},
        ]
        for programme in programme_list()
    ]
    columns = [_("Programme"), _("Period"), _("Notice as PDF"), _("Notice as Word")]
    return render(request, "papers/index.html", {"columns": columns, "rows": rows})


@login_required
@require_GET
def programme_notice(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """THÔNG BÁO listing the pilot units of a programme, for signing (number left blank)."""
    if fmt not in FORMATS:
        raise Http404
    programme = get_object_or_404(Programme.objects.select_related("province"), code=code)
    paper = build_programme_notice(
        programme_notice_data(programme),
        issued_on=timezone.localdate(),
        qr_url=f"{settings.PUBLIC_BASE_URL}/",
    )
    return paper_response(paper, fmt, filename=f"thong-bao-danh-sach-thi-diem-{programme.code}")  # type: ignore[arg-type]
