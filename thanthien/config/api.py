"""The JSON API (/api/v1/): django-ninja, one error shape for every failure.

Error shape: ``{"error": {"code": str, "message": str (Vietnamese by default), "fields": {...}}}``.
Each app contributes a router from its ``api.py``.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

api = NinjaAPI(
    title="Thân Thiện API",
    version="1",
    urls_namespace="api-1",
    description="API of the Thân Thiện commune platform. Messages are in Vietnamese by default.",
)


def error_response(
    request: HttpRequest, status: int, code: str, message: str, fields: dict | None = None
) -> HttpResponse:
    return api.create_response(
        request, {"error": {"code": code, "message": message, "fields": fields or {}}}, status=status
    )


def _field_path(loc: list) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "form", "payload")]
    return ".".join(parts) or "request"


@api.exception_handler(NinjaValidationError)
def on_validation_error(request, exc):
    fields: dict[str, list[str]] = {}
    for err in exc.errors:
        fields.setdefault(_field_path(list(err.get("loc", []))), []).append(_("This value is not valid."))
    return error_response(request, 422, "invalid", _("The request contains invalid data."), fields)


@api.exception_handler(ValidationError)
def on_django_validation_error(request, exc):
    fields = exc.message_dict if hasattr(exc, "error_dict") else {"request": exc.messages}
    message = "; ".join(m for msgs in fields.values() for m in msgs) or _("The request contains invalid data.")
    return error_response(request, 422, "invalid", message, fields)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    return error_response(request, 403, "forbidden", str(exc) or _("You do not have permission to do this."))


@api.exception_handler(AuthenticationError)
def on_auth_error(request, exc):
    return error_response(request, 401, "unauthenticated", _("Please sign in."))


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return error_response(request, 404, "not_found", _("Not found."))


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    return error_response(request, exc.status_code, "error", str(exc))


def register_routers() -> None:
    """Attach every app's router (imported here to keep import side effects out of apps)."""
    from thanthien.clocks.api import router as clocks_router

    api.add_router("/calendar/", clocks_router)
    api.add_router("/reception/", "thanthien.reception.api.router")
    api.add_router("/dossiers/", "thanthien.dossiers.api.router")


register_routers()
