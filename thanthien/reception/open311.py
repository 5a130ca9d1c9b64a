"""Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) for reports (phản ánh) at
``/open311/v2/``: ``services``, ``services/{code}``, ``POST requests``, ``requests``,
``requests/{id}``, each in JSON and XML by extension. ``jurisdiction_id`` is the commune's
address slug. Only reports and recommendations are public here: complaints and denunciations
never leave the register, and descriptions have personal data removed.

Errors: in JSON, the project's error shape ``{"error": {"code", "message", "fields"}}`` with a
Vietnamese message; in XML, GeoReport's ``<errors><error><code/><description/></error></errors>``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Literal
from xml.etree import ElementTree as ET

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Form, NinjaAPI, Query, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from thanthien.units.models import AdminUnit

from . import services
from .domain.codes import normalise_code
from .domain.masking import redact
from .domain.status import open311_status, open311_statuses
from .models import Petition

Fmt = Literal["json", "xml"]

open311_api = NinjaAPI(
    title="Thân Thiện Open311 GeoReport v2",
    version="v2",
    urls_namespace="open311",
    description="Open311 GeoReport v2 for citizen reports (phản ánh). Messages are in Vietnamese by default.",
    docs_url=None,
)

PUBLIC_KINDS = (Petition.Kind.REPORT, Petition.Kind.RECOMMENDATION)


def _fmt_of(request: HttpRequest) -> str:
    return "xml" if request.path.endswith(".xml") else "json"


def _error(request: HttpRequest, status: int, code: str, message: str, fields: dict | None = None) -> HttpResponse:
    if _fmt_of(request) == "xml":
        root = ET.Element("errors")
        err = ET.SubElement(root, "error")
        ET.SubElement(err, "code").text = str(status)
        ET.SubElement(err, "description").text = message
        return HttpResponse(_xml_bytes(root), status=status, content_type="application/xml; charset=utf-8")
    return open311_api.create_response(
        request, {"error": {"code": code, "message": message, "fields": fields or {}}}, status=status
    )


@open311_api.exception_handler(NinjaValidationError)
def _on_invalid(request, exc):
    fields: dict[str, list[str]] = {}
    for err in exc.errors:
        loc = [str(p) for p in err.get("loc", []) if p not in ("body", "query", "path", "form", "data", "params")]
        fields.setdefault(".".join(loc) or "request", []).append(_("This value is not valid."))
    return _error(
        request, 422 if _fmt_of(request) == "json" else 400, "invalid", _("The request contains invalid data."), fields
    )


@open311_api.exception_handler(ValidationError)
def _on_django_invalid(request, exc):
    fields = exc.message_dict if hasattr(exc, "error_dict") else {"request": exc.messages}
    message = "; ".join(m for msgs in fields.values() for m in msgs) or _("The request contains invalid data.")
    return _error(request, 400, "invalid", message, fields)


@open311_api.exception_handler(Http404)
def _on_404(request, exc):
    return _error(request, 404, "not_found", _("Not found."))


@open311_api.exception_handler(PermissionDenied)
def _on_403(request, exc):
    return _error(request, 403, "forbidden", str(exc) or _("You do not have permission to do this."))


@open311_api.exception_handler(HttpError)
def _on_http(request, exc):
    return _error(request, exc.status_code, "error", str(exc))


# ---- schemas ------------------------------------------------------------------------------------


class ServiceOut(Schema):
    service_code: str
    service_name: str
    description: str
    metadata: bool
    type: str
    keywords: str
    group: str


class ServiceDefinitionOut(Schema):
    service_code: str
    attributes: list[dict]


class RequestCreatedOut(Schema):
    service_request_id: str
    service_notice: str
    account_id: str | None = None


class RequestOut(Schema):
    service_request_id: str
    status: str
    status_notes: str
    service_name: str
    service_code: str
    description: str
    agency_responsible: str
    service_notice: str
    requested_datetime: str
    updated_datetime: str
    expected_datetime: str
    address: str
    address_id: str
    zipcode: str
    lat: float | None
    long: float | None
    media_url: str


class Jurisdiction(Schema):
    jurisdiction_id: str | None = None


class RequestsQuery(Schema):
    jurisdiction_id: str | None = None
    service_request_id: str | None = None
    service_code: str | None = None
    start_date: dt.datetime | None = None
    end_date: dt.datetime | None = None
    status: str | None = None


class RequestIn(Schema):
    jurisdiction_id: str | None = None
    api_key: str | None = None
    service_code: str
    lat: str | None = None
    long: str | None = None
    address_string: str | None = None
    address_id: str | None = None
    email: str | None = None
    device_id: str | None = None
    account_id: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    phone: str | None = None
    description: str | None = None
    media_url: str | None = None


# ---- rendering ----------------------------------------------------------------------------------


def _xml_bytes(root: ET.Element) -> bytes:
    return b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(root, encoding="utf-8")


def _respond(
    request: HttpRequest, fmt: str, items: list[dict], root: str, item: str, status: int = 200
) -> HttpResponse:
    if fmt == "xml":
        element = ET.Element(root)
        for row in items:
            child = ET.SubElement(element, item)
            for key, value in row.items():
                if isinstance(value, list):
                    continue
                ET.SubElement(child, key).text = (
                    "" if value is None else (str(value).lower() if isinstance(value, bool) else str(value))
                )
        return HttpResponse(_xml_bytes(element), status=status, content_type="application/xml; charset=utf-8")
    return open311_api.create_response(request, items, status=status)


def _services() -> list[dict]:
    return [
        {
            "service_code": value,
            "service_name": str(label),
            "description": str(label),
            "metadata": False,
            "type": "realtime",
            "keywords": value,
            "group": "phan-anh",
        }
        for value, label in Petition.Topic.choices
    ]


def _iso(value: dt.datetime | None) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else ""


def _commune(jurisdiction_id: str | None) -> AdminUnit:
    if not jurisdiction_id:
        raise ValidationError({"jurisdiction_id": [_("jurisdiction_id (the commune) is required.")]})
    unit = AdminUnit.objects.filter(slug=jurisdiction_id, level=AdminUnit.Level.COMMUNE).first()
    if unit is None:
        raise ValidationError({"jurisdiction_id": [_("Unknown commune.")]})
    return unit


def _public_requests(unit: AdminUnit | None) -> QuerySet[Petition]:
    qs = Petition.objects.unscoped().filter(kind__in=PUBLIC_KINDS) | Petition.objects.unscoped().filter(
        channel=Petition.Channel.OPEN311, kind=Petition.Kind.UNCLASSIFIED
    )
    if unit is not None:
        qs = qs.filter(unit=unit)
    return qs.select_related("unit")


def _request_row(p: Petition) -> dict:
    closed = open311_status(p.status) == "closed"
    notes = p.answer or p.refusal_reason or (f"Đã chuyển: {p.forwarded_to}" if p.forwarded_to else "")
    return {
        "service_request_id": p.code,
        "status": open311_status(p.status),
        "status_notes": redact(notes, [p.submitter_name]) if closed else str(p.get_status_display()),
        "service_name": str(p.get_topic_display()),
        "service_code": p.topic,
        "description": redact(p.content, [p.submitter_name]),
        "agency_responsible": p.forwarded_to or f"UBND {p.unit.name}",
        "service_notice": "",
        "requested_datetime": _iso(p.received_at),
        "updated_datetime": _iso(p.updated_at),
        "expected_datetime": f"{p.due_date.isoformat()}T17:30:00+07:00" if p.due_date and not closed else "",
        "address": p.location,
        "address_id": "",
        "zipcode": "",
        "lat": float(p.lat) if p.lat is not None else None,
        "long": float(p.long) if p.long is not None else None,
        "media_url": "",
    }


def _coord(value: str | None, field: str, limit: int) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(value).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: [_("This value is not valid.")]}) from None
    if not number.is_finite() or abs(number) > limit:
        raise ValidationError({field: [_("This value is not valid.")]})
    return number


# ---- endpoints ----------------------------------------------------------------------------------


@open311_api.get("/services.{fmt}", response={200: list[ServiceOut]}, summary="Service list")
def service_list(request: HttpRequest, fmt: Fmt, params: Query[Jurisdiction]):
    if params.jurisdiction_id:
        _commune(params.jurisdiction_id)
    return _respond(request, fmt, _services(), "services", "service")


@open311_api.get("/services/{service_code}.{fmt}", response={200: ServiceDefinitionOut}, summary="Service definition")
def service_definition(request: HttpRequest, service_code: str, fmt: Fmt, params: Query[Jurisdiction]):
    if service_code not in Petition.Topic.values:
        raise Http404
    if fmt == "xml":
        root = ET.Element("service_definition")
        ET.SubElement(root, "service_code").text = service_code
        ET.SubElement(root, "attributes")
        return HttpResponse(_xml_bytes(root), content_type="application/xml; charset=utf-8")
    return {"service_code": service_code, "attributes": []}


@open311_api.post("/requests.{fmt}", response={201: list[RequestCreatedOut]}, summary="Create a service request")
def request_create(request: HttpRequest, fmt: Fmt, data: Form[RequestIn]):
    unit = _commune(data.jurisdiction_id)
    if data.service_code not in Petition.Topic.values:
        raise ValidationError({"service_code": [_("Unknown service.")]})
    lat, long = _coord(data.lat, "lat", 90), _coord(data.long, "long", 180)
    if not (data.address_string or (lat is not None and long is not None)):
        raise ValidationError({"address_string": [_("Give the address or the coordinates.")]})
    description = (data.description or "").strip()
    if not description:
        raise ValidationError({"description": [_("Please describe the matter.")]})
    name = " ".join(part for part in (data.first_name, data.last_name) if part).strip()
    email = (data.email or "").strip()
    if email and ("@" not in email or len(email) > 254):
        raise ValidationError({"email": [_("This value is not valid.")]})
    p = services.petition_receive(
        actor=None,
        unit=unit,
        channel=Petition.Channel.OPEN311,
        topic=data.service_code,
        subject=description[:120],
        content=description[:5000],
        location=(data.address_string or "")[:255],
        lat=lat,
        long=long,
        submitter_name=name[:150],
        submitter_phone=(data.phone or "")[:20],
        submitter_email=email,
    )
    notice = _("The commune answers within 10 working days. Tracking code: %(code)s") % {"code": p.code}
    return _respond(
        request,
        fmt,
        [{"service_request_id": p.code, "service_notice": notice, "account_id": None}],
        "service_requests",
        "request",
        status=201,
    )


@open311_api.get("/requests.{fmt}", response={200: list[RequestOut]}, summary="Service requests")
def request_list(request: HttpRequest, fmt: Fmt, params: Query[RequestsQuery]):
    unit = _commune(params.jurisdiction_id) if params.jurisdiction_id else None
    qs = _public_requests(unit)
    if params.service_request_id:
        codes = [normalise_code(c) for c in params.service_request_id.split(",") if c.strip()][:100]
        qs = qs.filter(code__in=codes)
    else:
        end = params.end_date or timezone.now()
        start = params.start_date or (end - dt.timedelta(days=90))
        if end.tzinfo is None:
            end = timezone.make_aware(end)
        if start.tzinfo is None:
            start = timezone.make_aware(start)
        if end - start > dt.timedelta(days=90) or start > end:
            raise ValidationError({"start_date": [_("The range may not span more than 90 days.")]})
        qs = qs.filter(received_at__gte=start, received_at__lte=end)
        if params.service_code:
            qs = qs.filter(topic__in=[c.strip() for c in params.service_code.split(",")])
        if params.status:
            qs = qs.filter(status__in=open311_statuses(params.status))
    rows = [_request_row(p) for p in qs.order_by("-received_at")[:1000]]
    return _respond(request, fmt, rows, "service_requests", "request")


@open311_api.get(
    "/requests/{service_request_id}.{fmt}", response={200: list[RequestOut]}, summary="One service request"
)
def request_detail(request: HttpRequest, service_request_id: str, fmt: Fmt, params: Query[Jurisdiction]):
    p = _public_requests(None).filter(code=normalise_code(service_request_id)).first()
    if p is None:
        raise Http404
    return _respond(request, fmt, [_request_row(p)], "service_requests", "request")
