"""Staff pages: programmes (list, detail with members old → new, targets, add a member)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thanthien.units.forms import apply_service_error
from thanthien.units.models import AdminUnit
from thanthien.units.permissions import ADMINISTRATORS, has_role
from thanthien.units.selectors import valid_on

from . import selectors, services
from .forms import MemberAddForm
from .models import Programme


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    return render(request, "programmes/programme_list.html", {"programmes": selectors.programme_list()})


@login_required
@require_http_methods(["GET", "POST"])
def programme_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        programme = selectors.programme_get(code)
    except Programme.DoesNotExist:
        raise Http404 from None
    can_add = has_role(request.user, programme.province_id, ADMINISTRATORS)
    form = None
    if can_add:
        day = min(max(timezone.localdate(), programme.start_date), programme.end_date)
        communes = AdminUnit.objects.filter(level=AdminUnit.Level.COMMUNE).filter(
            Q(parent=programme.province) | Q(parent__parent=programme.province)
        )
        candidates = valid_on(communes, day).exclude(programme_memberships__programme=programme).order_by("name")
        form = MemberAddForm(request.POST or None, units=candidates, initial={"joined_on": day})
        if request.method == "POST" and form.is_valid():
            try:
                member = services.programme_add_member(actor=request.user, programme=programme, **form.cleaned_data)
            except ValidationError as exc:
                apply_service_error(form, exc)
            else:
                messages.success(request, _("%(unit)s joined the programme.") % {"unit": member.unit.full_name})
                return redirect("programmes:detail", code=programme.code)
    elif request.method == "POST":
        raise Http404
    context = {
        "programme": programme,
        "members": selectors.programme_members(programme),
        "targets": programme.targets.order_by("requirement", "code"),
        "continuations": programme.continuations.all(),
        "form": form,
    }
    return render(request, "programmes/programme_detail.html", context)
