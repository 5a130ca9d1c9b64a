"""Staff pages at /staff/reception/: the register, one item with its actions, sessions, the
information request register. Views parse a form, call one service or selector, render."""

from __future__ import annotations

import csv
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thanthien.core.formviews import handle_service_form
from thanthien.papers.render import paper_response
from thanthien.units.models import AdminUnit

from . import forms, selectors, services
from .domain import step_papers
from .domain import steps as step_rules
from .domain.classification import Facts
from .domain.info_papers import InfoInput, InfoPaper, build_info_paper
from .domain.notices import NoticeInput, NoticeKind, build_notice
from .domain.step_papers import DialogueInput, StepInput
from .models import ComplaintDialogue, InfoRequest, Petition, PetitionStep, ReceptionSession
from .permissions import is_handler, is_leader_of


def _actor_commune(request: HttpRequest) -> AdminUnit:
    """The commune the officer works for (the first handler role)."""
    from thanthien.units.permissions import held_roles

    from .permissions import HANDLERS

    for held in held_roles(request.user):
        if held.role in HANDLERS:
            return AdminUnit.objects.get(pk=held.unit_id)
    raise PermissionDenied(_("Your role does not allow this action."))


def _petition(request: HttpRequest, pk: int) -> Petition:
    try:
        return selectors.petition_get(actor=request.user, pk=pk)
    except Petition.DoesNotExist:
        raise Http404 from None


@login_required
def petition_list(request: HttpRequest) -> HttpResponse:
    form = forms.FilterForm(request.GET or None)
    filters = selectors.PetitionFilters()
    if form.is_bound and form.is_valid():
        filters = selectors.PetitionFilters(**{k: v for k, v in form.cleaned_data.items() if v not in (None, "")})
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    rows = selectors.petition_page(actor=request.user, filters=filters, limit=50, offset=(page - 1) * 50)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="so-tiep-nhan-don.csv"'
        export = selectors.petition_export_rows(actor=request.user, filters=filters)
        writer = csv.DictWriter(
            response,
            fieldnames=["code", "received_at", "channel", "kind", "status", "subject", "submitter", "due_date"],
        )
        writer.writeheader()
        writer.writerows(export)
        return response
    return render(
        request,
        "reception/petition_list.html",
        {"form": form, "rows": rows, "page": page, "has_next": len(rows) == 50, "today": timezone.localdate()},
    )


@login_required
def petition_new(request: HttpRequest) -> HttpResponse:
    unit = _actor_commune(request)
    form = forms.PetitionForm(request.POST or None)
    return handle_service_form(
        request,
        form,
        lambda data: services.petition_receive(actor=request.user, unit=unit, **data),
        success_message=lambda p: _("Registered with tracking code %(code)s.") % {"code": p.code},
        redirect_to=lambda p: reverse("reception:detail", args=[p.pk]),
        template="reception/petition_new.html",
        context={"form": form},
    )


@login_required
def petition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    p = _petition(request, pk)
    handlers = selectors.handlers_for(actor=request.user, unit_id=p.unit_id)
    context: dict[str, Any] = {
        "p": p,
        "can_handle": is_handler(request.user, p.unit_id),
        "is_leader": is_leader_of(request.user, p.unit_id),
        "classify_form": forms.ClassifyForm(
            initial={
                "signed": p.signed,
                "dated": p.dated,
                "signatories": p.signatories,
                "representatives": p.representatives,
            }
        ),
        "assign_form": forms.AssignForm(handlers=handlers),
        "forward_form": forms.ForwardForm(),
        "refuse_form": forms.ReasonForm(),
        "answer_form": forms.AnswerForm(),
        "extend_form": forms.ReasonForm(),
        "duplicate_form": forms.DuplicateForm(),
        "duplicates": selectors.petition_duplicates(actor=request.user, petition=p),
        "handoffs": list(p.handoffs.all()),
        "notice_kinds": [(k.value, label) for k, label in NOTICE_LABELS.items()],
        "steps": [
            {
                "step": step,
                "missing": step_rules.missing_recipients(step.kind, [d.recipient for d in step.deliveries.all()]),
                "papers": [(w, STEP_PAPER_LABELS[w]) for w in STEP_PAPERS[step.kind]],
                "form": forms.DeliveryForm(
                    recipients=step_rules.missing_recipients(step.kind, [d.recipient for d in step.deliveries.all()])
                ),
            }
            for step in PetitionStep.objects.for_actor(request.user)
            .filter(petition=p)
            .prefetch_related("deliveries")
            .select_related("clock")
        ],
        "dialogues": list(ComplaintDialogue.objects.for_actor(request.user).filter(petition=p)),
        "decision_form": forms.DecisionForm(),
        "has_decision": PetitionStep.objects.for_actor(request.user).filter(petition=p, kind="decision").exists(),
        "dialogue_form": forms.DialogueForm(initial={"notified_on": timezone.localdate()}),
        "minutes_form": forms.MinutesForm(),
    }
    return render(request, "reception/petition_detail.html", context)


def _post_to_item(
    request: HttpRequest, pk: int, form: forms.forms.Form, call: Callable[[dict], Any], done: Any
) -> HttpResponse:
    """An action posted from the item's page: the form's errors or the service's refusal become one
    error message, success a success message; back to the item's page either way."""
    if not form.is_valid():
        messages.error(request, "; ".join(str(e) for errs in form.errors.values() for e in errs))
    else:
        try:
            call(form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            messages.success(request, done)
    return redirect("reception:detail", pk=pk)


def _action(form_class: type, run: Callable[[HttpRequest, Petition, dict], Any], done: Any) -> Callable:
    @login_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        p = _petition(request, pk)
        kwargs = (
            {"handlers": selectors.handlers_for(actor=request.user, unit_id=p.unit_id)}
            if form_class is forms.AssignForm
            else {}
        )
        return _post_to_item(request, pk, form_class(request.POST, **kwargs), lambda data: run(request, p, data), done)

    return view


def _classify(request, p, data):
    facts = Facts(
        **{
            k: data[k]
            for k in (
                "in_vietnamese",
                "dated",
                "has_name",
                "has_address",
                "signed",
                "names_respondent",
                "states_request",
                "names_accused",
                "states_violation",
                "already_handled",
                "sent_to_many",
                "already_guided",
                "signatories",
                "representatives",
            )
        },
        written=p.written,
    )
    services.petition_classify(
        actor=request.user,
        petition=p,
        kind=data["kind"],
        facts=facts,
        complex_case=data["complex_case"],
        multi_place=data["multi_place"],
        competent=data["competent"],
    )


def _duplicate(request, p, data):
    from .domain.codes import normalise_code

    original = Petition.objects.for_actor(request.user).filter(code=normalise_code(data["original"])).first()
    if original is None:
        raise ValidationError(_("No item with this code."))
    services.petition_link_duplicate(actor=request.user, petition=p, original=original)


classify = _action(forms.ClassifyForm, _classify, gettext_lazy("Classified."))
assign = _action(
    forms.AssignForm,
    lambda r, p, d: services.petition_assign(actor=r.user, petition=p, handler=d["handler"]),
    gettext_lazy("Assigned."),
)
accept = _action(
    type("F", (forms.forms.Form,), {}),
    lambda r, p, d: services.petition_accept(actor=r.user, petition=p),
    gettext_lazy("Accepted for resolution."),
)
extend = _action(
    forms.ReasonForm,
    lambda r, p, d: services.petition_extend(actor=r.user, petition=p, reason=d["reason"]),
    gettext_lazy("Extended."),
)
forward = _action(
    forms.ForwardForm,
    lambda r, p, d: services.petition_forward(actor=r.user, petition=p, **d),
    gettext_lazy("Forwarded to the competent body."),
)
refuse = _action(
    forms.ReasonForm,
    lambda r, p, d: services.petition_refuse(actor=r.user, petition=p, reason=d["reason"]),
    gettext_lazy("The reason was sent to the citizen."),
)
answer = _action(
    forms.AnswerForm,
    lambda r, p, d: services.petition_answer(actor=r.user, petition=p, answer=d["answer"], publish=d["publish"]),
    gettext_lazy("The answer was sent."),
)
duplicate = _action(forms.DuplicateForm, _duplicate, gettext_lazy("Linked as a duplicate."))

NOTICE_LABELS = {
    NoticeKind.ACCEPTANCE: gettext_lazy("Acceptance notice"),
    NoticeKind.REFUSAL: gettext_lazy("Refusal notice"),
    NoticeKind.FORWARDING: gettext_lazy("Forwarding notice"),
    NoticeKind.RESULT: gettext_lazy("Result notice"),
}


def notice_input(p: Petition, *, track_url: str = "") -> NoticeInput:
    name = p.submitter_name if p.submitter_name and getattr(p, "identity_visible", False) else "người gửi đơn"
    return NoticeInput(
        commune_name=f"{p.unit.get_unit_type_display().split(' (')[0].lower()} {p.unit.name}",
        place=p.unit.name,
        code=p.code,
        kind=p.kind,
        subject=p.subject,
        received_on=timezone.localdate(p.received_at),
        recipient=f"Ông/Bà {name}" if name != "người gửi đơn" else "Người gửi đơn",
        issued_on=timezone.localdate(),
        due_date=p.due_date,
        reason=p.refusal_reason,
        forwarded_to=p.forwarded_to,
        answer=p.answer,
        track_url=track_url,
    )


@login_required
def petition_notice(request: HttpRequest, pk: int, kind: str, fmt: str) -> HttpResponse:
    p = _petition(request, pk)
    if kind not in NoticeKind.__members__.values() or fmt not in ("pdf", "docx"):
        raise Http404
    url = request.build_absolute_uri("/phan-anh/tra-cuu/" + p.code + "/")
    return paper_response(
        build_notice(kind, notice_input(p, track_url=url)), fmt, filename=f"thong-bao-{kind}-{p.code}"
    )


# ---- sessions -----------------------------------------------------------------------------------


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    unit = _actor_commune(request)
    form = forms.SessionForm(request.POST or None)
    return handle_service_form(
        request,
        form,
        lambda data: services.session_schedule(actor=request.user, unit=unit, **data),
        success_message=_("The session is scheduled and published."),
        redirect_to="reception:sessions",
        template="reception/session_list.html",
        context={
            "form": form,
            "sessions": selectors.session_list(actor=request.user)[:100],
            "frequency": selectors.chairman_frequency_status(unit=unit, today=timezone.localdate()),
        },
    )


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = ReceptionSession.objects.for_actor(request.user).filter(pk=pk).first()
    if session is None:
        raise Http404
    record_form = forms.SessionRecordForm(request.POST if request.POST.get("action") == "record" else None)
    postpone_form = forms.PostponeForm(request.POST if request.POST.get("action") == "postpone" else None)
    if postpone_form.is_bound:
        form, call, done = postpone_form, services.session_postpone, _("The postponement notice is published.")
    else:  # the record form, or nothing posted
        form, call, done = record_form, services.session_record, _("The record is saved.")
    return handle_service_form(
        request,
        form,
        lambda data: call(actor=request.user, session=session, **data),
        success_message=done,
        redirect_to=reverse("reception:session", args=[pk]),
        template="reception/session_detail.html",
        context={"s": session, "record_form": record_form, "postpone_form": postpone_form},
    )


# ---- information requests -----------------------------------------------------------------------


@login_required
def info_list(request: HttpRequest) -> HttpResponse:
    unit = _actor_commune(request)
    form = forms.StaffInfoRequestForm(request.POST or None)
    return handle_service_form(
        request,
        form,
        lambda data: services.info_request_receive(actor=request.user, unit=unit, **data),
        success_message=lambda r: _("Registered with tracking code %(code)s.") % {"code": r.code},
        redirect_to="reception:info_requests",
        template="reception/info_list.html",
        context={"form": form, "rows": selectors.info_request_list(actor=request.user)[:200]},
    )


@login_required
def info_detail(request: HttpRequest, pk: int) -> HttpResponse:
    r = InfoRequest.objects.for_actor(request.user).filter(pk=pk).first()
    if r is None:
        raise Http404
    action = request.POST.get("action")
    provide_form = forms.InfoProvideForm(request.POST if action == "provide" else None)
    refuse_form = forms.InfoRefuseForm(request.POST if action == "refuse" else None)
    extend_form = forms.ReasonForm(request.POST if action == "extend" else None)
    try:
        if provide_form.is_bound and provide_form.is_valid():
            services.info_request_provide(actor=request.user, request=r, **provide_form.cleaned_data)
        elif refuse_form.is_bound and refuse_form.is_valid():
            services.info_request_refuse(actor=request.user, request=r, **refuse_form.cleaned_data)
        elif extend_form.is_bound and extend_form.is_valid():
            services.info_request_extend(actor=request.user, request=r, reason=extend_form.cleaned_data["reason"])
        else:
            action = None
        if action:
            messages.success(request, _("Saved."))
            return redirect("reception:info_request", pk=pk)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return render(
        request,
        "reception/info_detail.html",
        {
            "r": r,
            "provide_form": provide_form,
            "refuse_form": refuse_form,
            "extend_form": extend_form,
            "times_provided": services.times_provided(r),
            "papers": [(k.value, INFO_PAPER_LABELS[k]) for k in info_papers_available(r)],
        },
    )


def track_url(code: str) -> str:
    return reverse("reception_public:track", kwargs={"code": code})


# ---- dialogue conferences (R1.7) ------------------------------------------------------------------


@login_required
def conference_list(request: HttpRequest) -> HttpResponse:
    unit = _actor_commune(request)
    form = forms.ConferenceForm(request.POST if request.POST.get("action") == "schedule" else None)
    action = request.POST.get("action")
    try:
        if form.is_bound and form.is_valid():
            services.conference_schedule(actor=request.user, unit=unit, **form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("reception:conferences")
        if action == "answer":
            answer_form = forms.ConferenceAnswerForm(request.POST)
            if answer_form.is_valid():
                question = selectors.question_get(actor=request.user, pk=answer_form.cleaned_data["question"])
                services.conference_answer(
                    actor=request.user, question=question, answer=answer_form.cleaned_data["answer"]
                )
                messages.success(request, _("Saved."))
            return redirect("reception:conferences")
        if action == "publish":
            conference = selectors.conference_list(actor=request.user).filter(pk=request.POST.get("conference")).first()
            if conference is None:
                raise Http404
            services.conference_publish(actor=request.user, conference=conference)
            messages.success(request, _("Saved."))
            return redirect("reception:conferences")
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return render(
        request,
        "reception/conference_list.html",
        {"form": form, "conferences": selectors.conference_list(actor=request.user)[:50]},
    )


# ---- steps after acceptance: decision sent, denunciation notices (LKN Điều 32; LTC Điều 29–30) ----

STEP_PAPERS = {
    "decision": ("decision",),
    "denunciation_notice": ("accused",),
    "extension_notice": ("extension-denouncer", "extension-accused"),
}
STEP_PAPER_LABELS = {
    "decision": gettext_lazy("Complaint decision"),
    "accused": gettext_lazy("Notice to the accused (content only)"),
    "extension-denouncer": gettext_lazy("Extension notice to the denouncer"),
    "extension-accused": gettext_lazy("Extension notice to the accused"),
}


def _step(request: HttpRequest, p: Petition, step_pk: int) -> PetitionStep:
    step = PetitionStep.objects.for_actor(request.user).filter(pk=step_pk, petition=p).first()
    if step is None:
        raise Http404
    return step


def _commune_name(unit: AdminUnit) -> str:
    return f"{unit.get_unit_type_display().split(' (')[0].lower()} {unit.name}"


@login_required
@require_POST
def decision_issue(request: HttpRequest, pk: int) -> HttpResponse:
    p = _petition(request, pk)
    return _post_to_item(
        request,
        pk,
        forms.DecisionForm(request.POST, request.FILES),
        lambda data: services.complaint_decision_issue(actor=request.user, petition=p, **data),
        _("The decision is recorded; send it within 3 working days."),
    )


@login_required
@require_POST
def step_deliver(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    p = _petition(request, pk)
    step = _step(request, p, step_pk)
    return _post_to_item(
        request,
        pk,
        forms.DeliveryForm(request.POST, recipients=step_rules.RECIPIENTS[step.kind]),
        lambda data: services.step_delivery_record(actor=request.user, step=step, **data),
        _("Saved."),
    )


@login_required
def step_paper(request: HttpRequest, pk: int, step_pk: int, which: str, fmt: str) -> HttpResponse:
    p = _petition(request, pk)
    step = _step(request, p, step_pk)
    if which not in STEP_PAPERS[step.kind] or fmt not in ("pdf", "docx"):
        raise Http404
    data = StepInput(
        commune_name=_commune_name(p.unit),
        place=p.unit.name,
        code=p.code,
        subject=p.subject,
        received_on=timezone.localdate(p.received_at),
        accepted_on=timezone.localdate(step.started_at),
        issued_on=step.decided_on or timezone.localdate(),
        summary=step.summary,
        due_date=p.due_date,
        recipient=notice_input(p).recipient,
    )
    if which == "decision":
        paper = step_papers.decision_paper(data)
    elif which == "accused":
        paper = step_papers.accused_notice_paper(data)
    else:
        paper = step_papers.extension_notice_paper(data, to_accused=which == "extension-accused")
    return paper_response(paper, fmt, filename=f"{which}-{p.code}")


@login_required
def step_document(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    """The uploaded scan of the signed paper (private media, scoped)."""
    p = _petition(request, pk)
    step = _step(request, p, step_pk)
    if not step.document:
        raise Http404
    return FileResponse(step.document.open("rb"), as_attachment=True, filename=step.document.name.rsplit("/", 1)[-1])


# ---- complaint dialogue (LKN Điều 30) ----------------------------------------------------------


def _dialogue(request: HttpRequest, p: Petition, dialogue_pk: int) -> ComplaintDialogue:
    d = ComplaintDialogue.objects.for_actor(request.user).filter(pk=dialogue_pk, petition=p).first()
    if d is None:
        raise Http404
    return d


@login_required
@require_POST
def dialogue_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    p = _petition(request, pk)
    return _post_to_item(
        request,
        pk,
        forms.DialogueForm(request.POST),
        lambda data: services.complaint_dialogue_schedule(actor=request.user, petition=p, **data),
        _("The dialogue is scheduled; print and send the notice."),
    )


@login_required
@require_POST
def dialogue_record(request: HttpRequest, pk: int, dialogue_pk: int) -> HttpResponse:
    p = _petition(request, pk)
    d = _dialogue(request, p, dialogue_pk)
    return _post_to_item(
        request,
        pk,
        forms.MinutesForm(request.POST),
        lambda data: services.complaint_dialogue_record(actor=request.user, dialogue=d, **data),
        _("The minutes are saved."),
    )


@login_required
def dialogue_paper(request: HttpRequest, pk: int, dialogue_pk: int, which: str, fmt: str) -> HttpResponse:
    p = _petition(request, pk)
    d = _dialogue(request, p, dialogue_pk)
    if which not in ("notice", "minutes") or fmt not in ("pdf", "docx"):
        raise Http404
    if which == "minutes" and d.minutes_at is None:
        raise Http404
    data = DialogueInput(
        commune_name=_commune_name(p.unit),
        place=p.unit.name,
        code=p.code,
        subject=p.subject,
        complainant=notice_input(p).recipient,
        held_at=timezone.localtime(d.held_at),
        venue=d.place,
        content=d.content,
        notified_on=d.notified_on,
        participants=d.participants,
        discussion=d.discussion,
        results=d.results,
    )
    build = step_papers.dialogue_notice_paper if which == "notice" else step_papers.dialogue_minutes_paper
    return paper_response(build(data), fmt, filename=f"doi-thoai-{which}-{p.code}")


# ---- information request papers (NĐ 13/2018 Mẫu 02–05) -----------------------------------------

INFO_PAPER_LABELS = {
    InfoPaper.RECEIPT: gettext_lazy("Receipt (Form 02)"),
    InfoPaper.RESOLUTION: gettext_lazy("Resolution slip (Form 03)"),
    InfoPaper.EXTENSION: gettext_lazy("Extension notice (Form 04)"),
    InfoPaper.REFUSAL: gettext_lazy("Refusal notice (Form 05)"),
}


def info_papers_available(r: InfoRequest) -> list[InfoPaper]:
    """Only the papers that match what happened: a refusal notice once refused, and so on."""
    kinds = [InfoPaper.RECEIPT]
    if r.status != InfoRequest.Status.REFUSED:
        kinds.append(InfoPaper.RESOLUTION)
    if r.extended:
        kinds.append(InfoPaper.EXTENSION)
    if r.status == InfoRequest.Status.REFUSED:
        kinds.append(InfoPaper.REFUSAL)
    return kinds


@login_required
def info_paper(request: HttpRequest, pk: int, kind: str, fmt: str) -> HttpResponse:
    r = InfoRequest.objects.for_actor(request.user).select_related("unit").filter(pk=pk).first()
    if r is None or fmt not in ("pdf", "docx") or kind not in InfoPaper.__members__.values():
        raise Http404
    if InfoPaper(kind) not in info_papers_available(r):
        raise Http404
    ground = r.get_refusal_ground_display() if r.refusal_ground else ""
    data = InfoInput(
        commune_name=_commune_name(r.unit),
        place=r.unit.name,
        code=r.code,
        requester_name=r.requester_name,
        address=r.address,
        id_number=r.id_number,
        phone=r.phone,
        email=r.email,
        information=r.information,
        delivery=str(r.get_delivery_display()),
        purpose=r.purpose,
        received_on=timezone.localdate(r.received_at),
        due_date=r.due_date,
        issued_on=timezone.localdate(),
        extension_reason=r.extension_reason,
        refusal_reason=f"{ground}. {r.refusal_reason}".strip(". ") if ground else r.refusal_reason,
        copying_cost=r.copying_cost,
    )
    return paper_response(build_info_paper(kind, data), fmt, filename=f"{kind}-{r.code}")
