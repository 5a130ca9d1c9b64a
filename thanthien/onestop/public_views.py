"""Citizen pages without a staff login: online submission and counter bookings.

The citizen is identified by a phone number proved with a one-time code
(``accounts.selectors.citizen_phone_required``); no account, no password.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thanthien.accounts.selectors import citizen_phone, citizen_phone_required
from thanthien.dossiers import services as dossier_services
from thanthien.dossiers.domain.common import DossierRuleError
from thanthien.procedures.selectors import procedure_public_list
from thanthien.units.models import AdminUnit

from . import selectors, services
from .forms import BookingForm, OnlineSubmissionForm, apply_error
from .models import Booking, BookingSlot


def _communes():
    return AdminUnit.objects.filter(level=AdminUnit.Level.COMMUNE, valid_to__isnull=True).order_by("name")


@citizen_phone_required
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    """Online submission with attachments; the dossier waits for reception (submitted_online)."""
    phone = citizen_phone(request)
    form = OnlineSubmissionForm(
        request.POST or None, request.FILES or None, units=_communes(), procedures=procedure_public_list()
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        data = dossier_services.IntakeData(
            procedure=d["procedure"],
            applicant=dossier_services.ApplicantData(
                name=d["name"], id_number=d["id_number"], address=d["address"], email=d["email"]
            ),
            channel_out=d["channel_out"],
            postal_return_address=d["postal_return_address"],
        )
        files = [(f.name, f.read()) if f.size <= services.max_upload_bytes() else (f.name, b"") for f in d["files"]]
        oversized = [f.name for f in d["files"] if f.size > services.max_upload_bytes()]
        try:
            if oversized:
                raise services.upload_too_large(oversized[0])
            dossier = services.online_submit(actor=None, phone=phone, unit=d["unit"], data=data, files=files)
        except (services.OnestopError, DossierRuleError) as error:
            apply_error(form, error)
        else:
            return render(request, "onestop/public/submitted.html", {"dossier": dossier})
    max_mb = round(services.max_upload_bytes() / 1048576, 1)
    return render(request, "onestop/public/submit.html", {"form": form, "phone": phone, "max_mb": max_mb})


@citizen_phone_required
@require_http_methods(["GET", "POST"])
def booking(request: HttpRequest) -> HttpResponse:
    """Choose a commune, then a free time slot; see and cancel one's own bookings."""
    phone = citizen_phone(request)
    unit = _communes().filter(slug=request.GET.get("xa") or "").first()
    form = BookingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        slot = BookingSlot.objects.unscoped().filter(pk=form.cleaned_data["slot"]).first()
        if slot is None:
            raise Http404
        try:
            services.booking_create(phone=phone, name=form.cleaned_data["name"], slot=slot)
        except services.OnestopError as error:
            # Shown on the page again with the name kept, so the citizen can pick another time.
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your booking is confirmed. A message was sent to your phone."))
            return redirect(request.get_full_path())
    context = {
        "phone": phone,
        "communes": _communes(),
        "unit": unit,
        "slots": selectors.open_slots(unit_id=unit.pk) if unit else [],
        "mine": selectors.bookings_of_phone(phone),
        "form": form,
        "typed_name": form.cleaned_data.get("name", "") if form.is_bound and form.is_valid() else "",
    }
    return render(request, "onestop/public/booking.html", context)


@citizen_phone_required
@require_POST
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    phone = citizen_phone(request)
    row = Booking.objects.unscoped().filter(pk=pk, phone=phone).first()
    if row is None:
        raise Http404
    services.booking_cancel(phone=phone, booking=row)
    messages.success(request, _("Your booking was cancelled."))
    return redirect("onestop_public:booking")
