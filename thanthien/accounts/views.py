"""Sign-in pages: staff by username and password, citizens by phone and one-time code."""

from __future__ import annotations

from urllib.parse import urlencode

from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .domain.phone import mask_phone
from .forms import CodeForm, PhoneForm, StaffLoginForm
from .models import OneTimeCode
from .selectors import citizen_phone
from .services import OtpError, citizen_sign_in, citizen_sign_out, otp_request, otp_verify

SESSION_PENDING = "otp_pending_phone"

staff_login = auth_views.LoginView.as_view(
    template_name="accounts/login.html",
    authentication_form=StaffLoginForm,
    redirect_authenticated_user=True,
)
staff_logout = auth_views.LogoutView.as_view()


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def _with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


@require_http_methods(["GET", "HEAD", "POST"])
def phone_start(request: HttpRequest) -> HttpResponse:
    """Step 1: the citizen types a mobile number and receives a code."""
    next_url = _next_url(request)
    form = PhoneForm(request.POST or None, initial={"phone": request.session.get(SESSION_PENDING, "")})
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data["phone"]
        try:
            otp_request(phone, OneTimeCode.Purpose.LOGIN, client_ip=get_client_ip_address(request))
        except OtpError as exc:
            form.add_error("phone", exc.messages[0])
        else:
            request.session[SESSION_PENDING] = phone
            messages.info(request, _("We sent a code to %(phone)s.") % {"phone": mask_phone(phone)})
            return HttpResponseRedirect(_with_next(reverse("accounts:phone_verify"), next_url))
    return render(
        request,
        "accounts/phone_start.html",
        {"form": form, "next": next_url, "signed_in_phone": citizen_phone(request)},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def phone_verify(request: HttpRequest) -> HttpResponse:
    """Step 2: the citizen types the code; the verified number goes into the session."""
    next_url = _next_url(request)
    phone = request.session.get(SESSION_PENDING)
    if not phone:
        return HttpResponseRedirect(_with_next(reverse("accounts:phone"), next_url))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            verified = otp_verify(phone, form.cleaned_data["code"], OneTimeCode.Purpose.LOGIN)
        except OtpError as exc:
            form.add_error("code", exc.messages[0])
        else:
            request.session.pop(SESSION_PENDING, None)
            citizen_sign_in(request, verified)
            messages.success(request, _("Your phone number is confirmed."))
            return HttpResponseRedirect(next_url or "/")
    return render(
        request,
        "accounts/phone_verify.html",
        {"form": form, "next": next_url, "masked_phone": mask_phone(phone)},
    )


@require_POST
def phone_sign_out(request: HttpRequest) -> HttpResponse:
    citizen_sign_out(request)
    messages.info(request, _("You have signed out."))
    return HttpResponseRedirect(_next_url(request) or "/")
