"""Channel outputs and display labels shared by staff and public views."""

from __future__ import annotations

import mimetypes

from django.http import FileResponse, Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .domain import channels, rules
from .models import DisclosureItem, FormChoice, Posting
from .papers import public_url

FINDING_LABELS = {
    rules.Finding.NOT_PUBLISHED: _("Not published within 5 working days"),
    rules.Finding.PUBLISHED_LATE: _("Published late (after 5 working days)"),
    rules.Finding.NOT_POSTED: _("Not posted at the People's Committee office"),
    rules.Finding.HAMLETS_MISSING: _("Not posted at every hamlet house"),
    rules.Finding.POSTED_TOO_SHORT: _("Taken down before 30 days"),
    rules.Finding.PERMANENT_REMOVED: _("Permanent item taken down"),
    rules.Finding.NO_PHOTO: _("Posting without photo proof"),
    rules.Finding.RADIO_MISSING: _("Not broadcast on 3 consecutive days"),
    rules.Finding.WEBSITE_MISSING: _("Not on the commune website"),
}
FORM_LABELS = dict(FormChoice.choices)


def form_labels(forms: list[str]) -> list[str]:
    return [str(FORM_LABELS[f]) for f in forms if f in FORM_LABELS]


def item_texts(item: DisclosureItem) -> channels.ItemText:
    path = reverse("disclosures_public:item", args=[item.unit.slug, item.pk])
    return channels.ItemText(
        commune=item.unit.full_name,
        title=item.title,
        summary=item.summary,
        category_title=rules.category(item.category).title_vi,
        published_on=item.published_on,
        url=public_url(path),
        office_address=item.unit.address,
    )


def script(item: DisclosureItem) -> str:
    return channels.loudspeaker_script(item_texts(item))


def zalo(item: DisclosureItem) -> str:
    return channels.zalo_message(item_texts(item))


def text_download(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def photo_response(posting: Posting) -> FileResponse:
    """Serve a posting photo from the private media root (never from the web root)."""
    if not posting.photo:
        raise Http404
    try:
        handle = posting.photo.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = mimetypes.guess_type(posting.photo.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response
