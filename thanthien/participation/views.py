"""Staff pages: meetings (notice, reach, check-in with a live count), decisions (quorum, fallback
ballot, double entry, online vote, close, papers, recognition, progress) and consultations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thanthien.core.formviews import handle_service_form
from thanthien.papers.render import PDF_CONTENT_TYPE, paper_response
from thanthien.units.models import Hamlet, Household
from thanthien.units.permissions import has_role

from . import consultation_services as cs
from . import decision_services, selectors, services, supervision_services
from . import forms as f
from .domain.thresholds import initiative_accepted, initiative_support_valid
from .models import Ballot, CommunityMeeting, Consultation, Decision, Initiative, OpinionGroup
from .papers import ballots_pdf, community_decision_document, vote_count_minutes


def _get(fn: Callable[..., Any], request: HttpRequest, pk: int) -> Any:
    try:
        return fn(actor=request.user, pk=pk)
    except (CommunityMeeting.DoesNotExist, Decision.DoesNotExist, Consultation.DoesNotExist):
        raise Http404 from None


def _run(request: HttpRequest, call: Callable[[], Any], ok: str) -> Any:
    """Call a service; show its refusal as a message instead of an error page."""
    try:
        result = call()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return None
    messages.success(request, ok)
    return result


def _invalid(request: HttpRequest, form: Any) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def _submit(request: HttpRequest, form: Any, call: Callable[[dict[str, Any]], Any], ok: str) -> Any:
    """A form posted from a detail page: its errors, or the service's refusal, become messages."""
    if not form.is_valid():
        _invalid(request, form)
        return None
    return _run(request, lambda: call(form.cleaned_data), ok)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "participation/index.html",
        {
            "meetings": selectors.meeting_list(actor=request.user)[:50],
            "decisions": selectors.decision_list(actor=request.user).filter(purpose=Decision.Purpose.DECISION)[:50],
            "consultations": selectors.consultation_list(actor=request.user)[:50],
            "initiatives": Initiative.objects.for_actor(request.user)
            .select_related("hamlet")
            .order_by("-created_at")[:50],
        },
    )


def _hamlets(request: HttpRequest) -> Any:
    return Hamlet.objects.for_actor(request.user).select_related("unit").order_by("unit__name", "name")


@login_required
def meeting_new(request: HttpRequest) -> HttpResponse:
    form = f.MeetingForm(request.POST or None, hamlets=_hamlets(request))
    return handle_service_form(
        request,
        form,
        lambda d: services.meeting_create(
            actor=request.user,
            hamlet=d["hamlet"],
            title=d["title"],
            scheduled_at=d["scheduled_at"],
            place=d["place"],
            convener_name=d["convener_name"],
            kind=d["kind"],
            cluster=d["cluster"],
        ),
        success_message=_("The meeting was created."),
        redirect_to=lambda meeting: reverse("participation:meeting", args=[meeting.pk]),
        template="participation/form.html",
        context={"form": form, "title": _("New community meeting")},
    )


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _get(selectors.meeting_get, request, pk)
    return render(
        request,
        "participation/meeting_detail.html",
        {
            "meeting": meeting,
            "agenda": meeting.agenda.all().select_related("decision"),
            "reach": selectors.meeting_reach(meeting),
            "count": selectors.meeting_live_count(meeting),
            "rows": selectors.meeting_households(meeting),
            "agenda_form": f.AgendaItemForm(),
            "notice_form": f.NoticeForm(),
            "officers_form": f.OfficersForm(),
            "channels": f.NoticeDelivery.Channel.choices,
        },
    )


@login_required
def meeting_count(request: HttpRequest, pk: int) -> HttpResponse:
    """The live count of households present (htmx polls it; a plain reload works too)."""
    meeting = _get(selectors.meeting_get, request, pk)
    return render(
        request, "participation/_count.html", {"meeting": meeting, "count": selectors.meeting_live_count(meeting)}
    )


@login_required
@require_POST
def meeting_agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _get(selectors.meeting_get, request, pk)
    _submit(
        request,
        f.AgendaItemForm(request.POST),
        lambda d: services.agenda_item_add(
            actor=request.user,
            meeting=meeting,
            kind=d["kind"],
            title=d["title"],
            description=d["description"],
            matter=d["matter"],
        ),
        _("The agenda item was added."),
    )
    return redirect("participation:meeting", pk=pk)


@login_required
@require_POST
def meeting_notice(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _get(selectors.meeting_get, request, pk)
    _submit(
        request,
        f.NoticeForm(request.POST),
        lambda d: services.meeting_notice_send(
            actor=request.user,
            meeting=meeting,
            sent_on=d["sent_on"],
            channels=d["channels"],
            documents_sent_on=d["documents_sent_on"],
        ),
        _("The notice was recorded."),
    )
    return redirect("participation:meeting", pk=pk)


def _household(meeting: CommunityMeeting, raw: Any) -> Household:
    try:
        return Household.objects.unscoped().get(pk=int(raw), hamlet_id=meeting.hamlet_id)
    except (TypeError, ValueError, Household.DoesNotExist):
        raise Http404 from None


@login_required
@require_POST
def meeting_informed(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _get(selectors.meeting_get, request, pk)
    form = f.DeliveryForm(request.POST)
    if form.is_valid():
        household = _household(meeting, form.cleaned_data["household"])
        _run(
            request,
            lambda: services.notice_delivery_record(
                actor=request.user,
                meeting=meeting,
                household=household,
                channel=form.cleaned_data["channel"],
                informed_at=timezone.now(),
            ),
            _("Household %(code)s informed.") % {"code": household.code},
        )
    return redirect("participation:meeting", pk=pk)


@login_required
@require_POST
def meeting_check_in(request: HttpRequest, pk: int) -> HttpResponse:
    """Clerk check-in (button per household) or QR (the invitation's QR carries the household code)."""
    meeting = _get(selectors.meeting_get, request, pk)
    code = request.POST.get("code", "").strip()
    if code:
        household = Household.objects.unscoped().filter(hamlet_id=meeting.hamlet_id, code__iexact=code).first()
        if household is None:
            messages.error(request, _("No household with this code in the hamlet."))
            return redirect("participation:meeting", pk=pk)
        method = "qr"
    else:
        household = _household(meeting, request.POST.get("household"))
        method = "clerk"
    _run(
        request,
        lambda: services.attendance_check_in(
            actor=request.user, meeting=meeting, household=household, at=timezone.now(), method=method
        ),
        _("Household %(code)s checked in.") % {"code": household.code},
    )
    if request.htmx:
        return meeting_count(request, pk)
    return redirect(f"{request.path.rsplit('/check-in/', 1)[0]}/#households")


@login_required
@require_POST
def meeting_officers(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _get(selectors.meeting_get, request, pk)
    _submit(
        request,
        f.OfficersForm(request.POST),
        lambda d: services.meeting_officers_adopt(
            actor=request.user,
            meeting=meeting,
            secretary_name=d["secretary_name"],
            vote_counters=f.names(d["vote_counters"]),
            agree=d["agree"],
            vote_method=d["vote_method"],
            witnesses=f.names(d["witnesses"]),
        ),
        _("Secretary and vote counters adopted."),
    )
    return redirect("participation:meeting", pk=pk)


@login_required
@require_POST
def meeting_open(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _get(selectors.meeting_get, request, pk)
    _run(
        request,
        lambda: services.meeting_open(actor=request.user, meeting=meeting, at=timezone.now()),
        _("The meeting is in session."),
    )
    return redirect("participation:meeting", pk=pk)


@login_required
@require_POST
def meeting_close(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _get(selectors.meeting_get, request, pk)
    _run(
        request,
        lambda: services.meeting_close(
            actor=request.user, meeting=meeting, at=timezone.now(), report=request.POST.get("report")
        ),
        _("The meeting is closed."),
    )
    return redirect("participation:meeting", pk=pk)


# --- Decisions ---------------------------------------------------------------------------------


@login_required
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _get(selectors.decision_get, request, pk)
    present = []
    if decision.meeting_id and decision.form == Decision.Form.MEETING:
        voted = set(decision.votes.values_list("household_id", flat=True))
        present = [
            r
            for r in selectors.meeting_households(decision.meeting)
            if r["present_at"] and r["household"].pk not in voted
        ]
    result = selectors.decision_result(decision) if decision.status != Decision.Status.DRAFT else None
    return render(
        request,
        "participation/decision_detail.html",
        {
            "decision": decision,
            "result": result,
            "present": present,
            "log": selectors.ballot_log(decision),
            "mismatches": selectors.ballot_mismatches(decision),
            "due": decision_services.decision_due_dates(decision),
            "polls": decision.polls.all(),
            "candidates": decision.candidates.all(),
            "progress": decision.progress.all(),
            "plan_form": f.BallotPlanForm(),
            "poll_form": f.OnlinePollForm(prefix="poll"),
            "window_form": f.WindowForm(prefix="online"),
            "code_form": f.BallotCodeForm(),
            "date_form": f.DateForm(),
            "sent_form": f.SentForm(),
            "progress_form": f.ProgressForm(),
            "choices": f.Vote.Choice.choices,
            "can_recognise": has_role(request.user, decision.unit_id, services.LEADERS),
        },
    )


@login_required
@require_POST
def decision_quorum(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _get(selectors.decision_get, request, pk)
    _run(
        request,
        lambda: decision_services.decision_quorum_check(actor=request.user, decision=decision, at=timezone.now()),
        _("Households present were counted."),
    )
    return redirect("participation:decision", pk=pk)


@login_required
@require_POST
def decision_meeting_votes(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _get(selectors.decision_get, request, pk)
    choices = {}
    for key, value in request.POST.items():
        if key.startswith("h_") and value in f.Vote.Choice.values:
            choices[int(key[2:])] = value
    secret = decision.meeting is not None and decision.meeting.vote_method == CommunityMeeting.VoteMethod.SECRET_BALLOT
    _run(
        request,
        lambda: decision_services.meeting_votes_record(
            actor=request.user, decision=decision, choices=choices, at=timezone.now(), secret=secret
        ),
        _("%(n)d votes recorded.") % {"n": len(choices)},
    )
    return redirect("participation:decision", pk=pk)


@login_required
@require_POST
def decision_plan(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _get(selectors.decision_get, request, pk)
    _submit(
        request,
        f.BallotPlanForm(request.POST),
        lambda c: decision_services.decision_ballot_plan(
            actor=request.user,
            decision=decision,
            plan_adopted_on=c["plan_adopted_on"],
            info_published_on=c["info_published_on"],
            team=f.names(c["team"]),
            opens_at=c["opens_at"],
            closes_at=c["closes_at"],
        ),
        _("The ballot plan was adopted."),
    )
    return redirect("participation:decision", pk=pk)


@login_required
@require_POST
def decision_issue(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _get(selectors.decision_get, request, pk)
    _run(
        request,
        lambda: decision_services.ballots_issue(actor=request.user, decision=decision, at=timezone.now()),
        _("Ballots issued."),
    )
    return redirect("participation:decision", pk=pk)


def _ballot(decision: Decision, code: str) -> Ballot | None:
    return (
        Ballot.objects.unscoped()
        .filter(decision=decision, code="".join(code.split()).upper())
        .select_related("household")
        .first()
    )


@login_required
@require_POST
def decision_collect(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _get(selectors.decision_get, request, pk)
    ballot = _ballot(decision, request.POST.get("code", ""))
    if ballot is None:
        messages.error(request, _("No ballot with this code for this question."))
    else:
        _run(
            request,
            lambda: decision_services.ballot_collect(actor=request.user, ballot=ballot, at=timezone.now()),
            _("Ballot %(code)s collected.") % {"code": ballot.code},
        )
    return redirect("participation:decision", pk=pk)


@login_required
@require_POST
def decision_entry(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _get(selectors.decision_get, request, pk)
    ballot = _ballot(decision, request.POST.get("code", ""))
    if ballot is None:
        messages.error(request, _("No ballot with this code for this question."))
        return redirect("participation:decision", pk=pk)
    labels = {
        "waiting": _("Keyed. A second person must key this ballot."),
        "recorded": _("Both entries agree: the vote is counted."),
        "mismatch": _("The two entries differ: the ballot team must check the paper."),
    }
    try:
        outcome = decision_services.ballot_entry_record(
            actor=request.user, ballot=ballot, choice=request.POST.get("choice", "")
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        (messages.warning if outcome == "mismatch" else messages.success)(request, labels[outcome])
    return redirect("participation:decision", pk=pk)


@login_required
@require_POST
def decision_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _get(selectors.decision_get, request, pk)
    ballot = _ballot(decision, request.POST.get("code", ""))
    if ballot is None:
        raise Http404
    _run(
        request,
        lambda: decision_services.ballot_entry_resolve(
            actor=request.user, ballot=ballot, choice=request.POST.get("choice", "")
        ),
        _("The vote is counted."),
    )
    return redirect("participation:decision", pk=pk)


@login_required
@require_POST
def decision_poll(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _get(selectors.decision_get, request, pk)
    _submit(
        request,
        f.OnlinePollForm(request.POST, prefix="poll"),
        lambda c: decision_services.online_poll_open(
            actor=request.user,
            decision=decision,
            team=f.names(c["team"]),
            opens_at=c["opens_at"],
            closes_at=c["closes_at"],
            leaders_agreed=c["leaders_agreed"],
            devices_available=c["devices_available"],
        ),
        _("The preliminary question is open."),
    )
    return redirect("participation:decision", pk=pk)


@login_required
@require_POST
def decision_online(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _get(selectors.decision_get, request, pk)
    _submit(
        request,
        f.WindowForm(request.POST, prefix="online"),
        lambda c: decision_services.online_vote_open(
            actor=request.user, decision=decision, opens_at=c["opens_at"], closes_at=c["closes_at"]
        ),
        _("The online vote is open."),
    )
    return redirect("participation:decision", pk=pk)


@login_required
@require_POST
def decision_candidate(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a candidate (elections, items 4–5) or enter the households voting for one."""
    decision = _get(selectors.decision_get, request, pk)
    candidate_pk = request.POST.get("candidate")
    if candidate_pk:
        candidate = decision.candidates.filter(pk=int(candidate_pk)).first() if candidate_pk.isdigit() else None
        try:
            votes = int(request.POST.get("votes", ""))
        except ValueError:
            votes = -1
        if candidate is None:
            raise Http404
        _run(
            request,
            lambda: decision_services.candidate_votes_set(actor=request.user, candidate=candidate, votes=votes),
            _("Recorded."),
        )
        return redirect("participation:decision", pk=pk)
    name = request.POST.get("full_name", "").strip()
    if not name:
        messages.error(request, _("Enter the candidate's full name."))
    else:
        _run(
            request,
            lambda: decision_services.candidate_add(actor=request.user, decision=decision, full_name=name),
            _("Candidate added."),
        )
    return redirect("participation:decision", pk=pk)


@login_required
@require_POST
def decision_close(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _get(selectors.decision_get, request, pk)
    _run(
        request,
        lambda: decision_services.decision_close(
            actor=request.user,
            decision=decision,
            at=timezone.now(),
            witnesses=[request.POST.get("witness1", ""), request.POST.get("witness2", "")],
        ),
        _("The vote is closed and counted."),
    )
    return redirect("participation:decision", pk=pk)


@login_required
@require_POST
def decision_sent(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _get(selectors.decision_get, request, pk)
    _submit(
        request,
        f.DateForm(request.POST),
        lambda c: decision_services.decision_sent_to_commune(actor=request.user, decision=decision, on=c["on"]),
        _("Recorded."),
    )
    return redirect("participation:decision", pk=pk)


@login_required
@require_POST
def decision_recognise(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _get(selectors.decision_get, request, pk)
    _submit(
        request,
        f.DateForm(request.POST),
        lambda c: decision_services.decision_recognise(
            actor=request.user, decision=decision, on=c["on"], refused=c["refused"], note=c["note"]
        ),
        _("Recorded."),
    )
    return redirect("participation:decision", pk=pk)


@login_required
@require_POST
def decision_publish(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _get(selectors.decision_get, request, pk)
    _run(
        request,
        lambda: supervision_services.decision_publish(actor=request.user, decision=decision),
        _("Published on the public site."),
    )
    return redirect("participation:decision", pk=pk)


@login_required
@require_POST
def decision_progress(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _get(selectors.decision_get, request, pk)
    _submit(
        request,
        f.ProgressForm(request.POST),
        lambda c: supervision_services.progress_add(
            actor=request.user,
            decision=decision,
            on=c["on"],
            status=c["status"],
            note=c["note"],
            evidence=c["evidence"],
        ),
        _("Progress recorded."),
    )
    return redirect("participation:decision", pk=pk)


@login_required
def decision_minutes(request: HttpRequest, pk: int, fmt: str = "pdf") -> HttpResponse:
    decision = _get(selectors.decision_get, request, pk)
    if decision.status != Decision.Status.CLOSED:
        raise Http404
    return paper_response(vote_count_minutes(decision), fmt=fmt, filename=f"bien-ban-kiem-phieu-{decision.pk}")


@login_required
def decision_document(request: HttpRequest, pk: int, fmt: str = "pdf") -> HttpResponse:
    decision = _get(selectors.decision_get, request, pk)
    if decision.status != Decision.Status.CLOSED:
        raise Http404
    return paper_response(community_decision_document(decision), fmt=fmt, filename=f"van-ban-quyet-dinh-{decision.pk}")


@login_required
def decision_ballots(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _get(selectors.decision_get, request, pk)
    if not decision.ballots.exists():
        raise Http404
    response = HttpResponse(ballots_pdf(decision), content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="phieu-{decision.pk}.pdf"'
    return response


@login_required
def decision_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The vote events of this decision from the audit log (JSON lines) for an independent re-tally."""
    decision = _get(selectors.decision_get, request, pk)
    response = HttpResponse(selectors.vote_audit_export(decision), content_type="application/x-ndjson; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="phieu-bau-{decision.pk}.jsonl"'
    return response


# --- Consultations -----------------------------------------------------------------------------


@login_required
def consultation_new(request: HttpRequest) -> HttpResponse:
    from thanthien.core.tenancy import scope_for
    from thanthien.units.models import AdminUnit

    scope = scope_for(request.user)
    units = AdminUnit.objects.filter(level="commune")
    if not scope.everything:
        units = units.filter(pk__in=scope.unit_ids)
    unit = units.order_by("name").first()
    form = f.ConsultationForm(request.POST or None)
    context = {"form": form, "title": _("New consultation")}
    if unit is None:  # no commune in the actor's scope: nothing to create the consultation in
        return render(request, "participation/form.html", context)
    return handle_service_form(
        request,
        form,
        lambda d: cs.consultation_create(
            actor=request.user,
            unit=unit,
            matter=d["matter"],
            title=d["title"],
            plan=d["plan"],
            draft=d["draft"],
            forms=d["consultation_forms"],
        ),
        success_message=_("The consultation was created."),
        redirect_to=lambda c: reverse("participation:consultation", args=[c.pk]),
        template="participation/form.html",
        context=context,
    )


@login_required
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    c = _get(selectors.consultation_get, request, pk)
    check = cs.ledger_check(c)
    return render(
        request,
        "participation/consultation_detail.html",
        {
            "c": c,
            "opinions": c.opinions.select_related("group"),
            "groups": c.groups.all(),
            "check": check,
            "open_form": f.OpenForm(),
            "opinion_form": f.OpinionStaffForm(),
            "group_form": f.GroupForm(),
            "synthesis_form": f.SynthesisForm(),
            "decisions": f.Opinion.Decision.choices,
        },
    )


@login_required
@require_POST
def consultation_open(request: HttpRequest, pk: int) -> HttpResponse:
    c = _get(selectors.consultation_get, request, pk)
    _submit(
        request,
        f.OpenForm(request.POST),
        lambda d: cs.consultation_open(
            actor=request.user, consultation=c, published_on=d["published_on"], closes_on=d["closes_on"]
        ),
        _("The consultation is open."),
    )
    return redirect("participation:consultation", pk=pk)


@login_required
@require_POST
def consultation_opinion(request: HttpRequest, pk: int) -> HttpResponse:
    c = _get(selectors.consultation_get, request, pk)
    _submit(
        request,
        f.OpinionStaffForm(request.POST),
        lambda d: cs.opinion_submit(
            actor=request.user,
            consultation=c,
            channel=d["channel"],
            text=d["text"],
            at=timezone.now(),
            author_name=d["author_name"],
            author_phone=d["author_phone"],
            stance=d["stance"],
        ),
        _("The opinion was added to the register."),
    )
    return redirect("participation:consultation", pk=pk)


@login_required
@require_POST
def consultation_group(request: HttpRequest, pk: int) -> HttpResponse:
    c = _get(selectors.consultation_get, request, pk)
    _submit(
        request,
        f.GroupForm(request.POST),
        lambda d: cs.opinion_group_create(actor=request.user, consultation=c, title=d["title"]),
        _("Group created."),
    )
    return redirect("participation:consultation", pk=pk)


@login_required
@require_POST
def consultation_answer(request: HttpRequest, pk: int, opinion_pk: int) -> HttpResponse:
    c = _get(selectors.consultation_get, request, pk)
    opinion = c.opinions.filter(pk=opinion_pk).first()
    form = f.AnswerForm(request.POST)
    if opinion is None or not form.is_valid():
        raise Http404
    d = form.cleaned_data
    group = c.groups.filter(pk=d["group"]).first() if d["group"] else None
    _run(
        request,
        lambda: cs.opinion_answer(
            actor=request.user, opinion=opinion, decision=d["decision"], reason=d["reason"], group=group
        ),
        _("Answer recorded."),
    )
    return redirect("participation:consultation", pk=pk)


@login_required
@require_POST
def consultation_group_answer(request: HttpRequest, pk: int, group_pk: int) -> HttpResponse:
    c = _get(selectors.consultation_get, request, pk)
    group = OpinionGroup.objects.unscoped().filter(consultation=c, pk=group_pk).first()
    form = f.AnswerForm(request.POST)
    if group is None or not form.is_valid():
        raise Http404
    d = form.cleaned_data
    _run(
        request,
        lambda: cs.opinion_group_answer(actor=request.user, group=group, decision=d["decision"], reason=d["reason"]),
        _("Answer recorded."),
    )
    return redirect("participation:consultation", pk=pk)


@login_required
@require_POST
def consultation_close(request: HttpRequest, pk: int) -> HttpResponse:
    c = _get(selectors.consultation_get, request, pk)
    _run(
        request,
        lambda: cs.consultation_close(actor=request.user, consultation=c, on=timezone.localdate()),
        _("The consultation is closed."),
    )
    return redirect("participation:consultation", pk=pk)


@login_required
@require_POST
def consultation_publish(request: HttpRequest, pk: int) -> HttpResponse:
    c = _get(selectors.consultation_get, request, pk)
    _submit(
        request,
        f.SynthesisForm(request.POST),
        lambda d: cs.consultation_publish_synthesis(
            actor=request.user,
            consultation=c,
            synthesis=d["synthesis"],
            authority_approves=d["authority_approves"],
            majority_explanation=d["majority_explanation"],
            at=timezone.now(),
        ),
        _("The synthesis is published and contributors are told."),
    )
    return redirect("participation:consultation", pk=pk)


# --- Citizen initiatives (Luật Điều 16) ------------------------------------------------------------


def _initiative(request: HttpRequest, pk: int) -> Initiative:
    initiative = Initiative.objects.for_actor(request.user).select_related("hamlet").filter(pk=pk).first()
    if initiative is None:
        raise Http404
    return initiative


@login_required
def initiative_new(request: HttpRequest) -> HttpResponse:
    form = f.InitiativeForm(request.POST or None, hamlets=_hamlets(request))
    return handle_service_form(
        request,
        form,
        lambda d: supervision_services.initiative_create(
            actor=request.user,
            hamlet=d["hamlet"],
            title=d["title"],
            proposer_name=d["proposer_name"],
            description=d["description"],
        ),
        success_message=_("The initiative was recorded."),
        redirect_to=lambda initiative: reverse("participation:initiative", args=[initiative.pk]),
        template="participation/form.html",
        context={"form": form, "title": _("New citizen initiative")},
    )


@login_required
def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _initiative(request, pk)
    today = timezone.localdate()
    supports = list(initiative.supports.select_related("household").order_by("signed_on"))
    valid = sum(1 for sp in supports if initiative_support_valid(sp.signed_on, today))
    total = len(services.hamlet_roll(initiative.hamlet_id))
    meetings = (
        CommunityMeeting.objects.for_actor(request.user)
        .filter(hamlet_id=initiative.hamlet_id)
        .exclude(status=CommunityMeeting.Status.CLOSED)
    )
    return render(
        request,
        "participation/initiative_detail.html",
        {
            "initiative": initiative,
            "supports": supports,
            "valid": valid,
            "total": total,
            "result": initiative_accepted(valid, total, front_committee_approved=initiative.front_committee_approved),
            "meetings": meetings,
            "support_form": f.SupportForm(),
            "today": today,
        },
    )


@login_required
@require_POST
def initiative_support(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _initiative(request, pk)
    form = f.SupportForm(request.POST)
    if form.is_valid():
        household = (
            Household.objects.for_actor(request.user)
            .filter(hamlet_id=initiative.hamlet_id, code__iexact=form.cleaned_data["code"].strip())
            .first()
        )
        if household is None:
            messages.error(request, _("No household with this code in the hamlet."))
        else:
            _run(
                request,
                lambda: supervision_services.initiative_support_add(
                    actor=request.user,
                    initiative=initiative,
                    household=household,
                    signed_on=form.cleaned_data["signed_on"],
                ),
                _("Support recorded."),
            )
    else:
        _invalid(request, form)
    return redirect("participation:initiative", pk=pk)


@login_required
@require_POST
def initiative_front(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _initiative(request, pk)
    _run(
        request,
        lambda: supervision_services.initiative_update(
            actor=request.user, initiative=initiative, front_committee_approved=request.POST.get("approved") == "1"
        ),
        _("Recorded."),
    )
    return redirect("participation:initiative", pk=pk)


@login_required
@require_POST
def initiative_accept(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _initiative(request, pk)
    meeting = CommunityMeeting.objects.for_actor(request.user).filter(pk=request.POST.get("meeting") or 0).first()
    if meeting is None:
        messages.error(request, _("Choose a meeting."))
        return redirect("participation:initiative", pk=pk)
    item = _run(
        request,
        lambda: supervision_services.initiative_accept(
            actor=request.user, initiative=initiative, meeting=meeting, today=timezone.localdate()
        ),
        _("The initiative is on the meeting's agenda."),
    )
    return redirect("participation:meeting", pk=meeting.pk) if item else redirect("participation:initiative", pk=pk)
