"""Public pages (no JavaScript needed): online vote by household code or phone one-time code,
receipt check, decision progress, consultation page with the opinion form and the synthesis."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from thanthien.accounts.domain.phone import mask_phone
from thanthien.accounts.selectors import citizen_phone, citizen_phone_required

from . import consultation_services as cs
from . import decision_services, selectors
from .forms import CodeForm, OpinionPublicForm, ReceiptForm, VoteForm
from .models import Consultation, Decision, Vote


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "participation/public/index.html",
        {
            "votes": selectors.public_online_decisions()[:50],
            "decisions": selectors.public_decisions()[:50],
            "consultations": selectors.public_consultations()[:50],
            "code_form": CodeForm(),
            "receipt_form": ReceiptForm(),
        },
    )


def _cast(request: HttpRequest, decision: Decision, household, label: str) -> HttpResponse | None:
    form = VoteForm(request.POST)
    if not form.is_valid():
        return None
    try:
        vote = decision_services.vote_cast(
            actor=None,
            decision=decision,
            household=household,
            channel=Vote.Channel.ONLINE,
            choice=form.cleaned_data["choice"],
            other_text=form.cleaned_data["other_text"],
            at=timezone.now(),
            voter_label=label,
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return None
    return render(request, "participation/public/receipt.html", {"vote": vote, "just_cast": True})


def vote_code(request: HttpRequest) -> HttpResponse:
    """Vote with the household code printed on the invitation or ballot (QR opens this page)."""
    raw = request.POST.get("code") or request.GET.get("code") or ""
    ballot = selectors.public_ballot_by_code(raw) if raw else None
    if raw and ballot is None:
        messages.error(request, _("This code is not valid."))
    if ballot is None:
        return render(request, "participation/public/vote_code.html", {"form": CodeForm(initial={"code": raw})})
    decision = ballot.decision
    if decision.form != Decision.Form.ONLINE_VOTE or decision.status != Decision.Status.VOTING:
        messages.info(
            request, _("This question is not open for online voting. Hand your paper ballot to the ballot team.")
        )
        return render(request, "participation/public/vote_code.html", {"form": CodeForm()})
    if request.method == "POST" and "choice" in request.POST:
        done = _cast(request, decision, ballot.household, _("household code"))
        if done is not None:
            return done
    already = Vote.objects.unscoped().filter(decision=decision, household=ballot.household).exists()
    return render(
        request,
        "participation/public/vote.html",
        {
            "decision": decision,
            "household": ballot.household,
            "code": ballot.code,
            "form": VoteForm(),
            "already": already,
        },
    )


@citizen_phone_required
def vote_phone(request: HttpRequest, pk: int) -> HttpResponse:
    """Vote as the household representative identified by a phone one-time code."""
    decision = selectors.public_online_decisions().filter(pk=pk).first()
    if decision is None:
        raise Http404
    phone = citizen_phone(request) or ""
    households = selectors.public_households_for_phone(decision, phone)
    if not households:
        messages.error(
            request,
            _("This phone number is not registered for a household of this hamlet. Use the household code instead."),
        )
        return redirect("participation_public:vote_code")
    household = households[0]
    if request.method == "POST":
        done = _cast(request, decision, household, mask_phone(phone))
        if done is not None:
            return done
    already = Vote.objects.unscoped().filter(decision=decision, household=household).exists()
    return render(
        request,
        "participation/public/vote.html",
        {"decision": decision, "household": household, "form": VoteForm(), "already": already, "by_phone": True},
    )


def receipt(request: HttpRequest) -> HttpResponse:
    """Check a vote receipt or an opinion receipt."""
    form = ReceiptForm(request.GET or None)
    vote = opinion = None
    if form.is_valid():
        code = form.cleaned_data["receipt"]
        vote = selectors.public_vote_by_receipt(code)
        opinion = None if vote else selectors.public_opinion_by_receipt(code)
        if vote is None and opinion is None:
            messages.error(request, _("No vote or opinion has this receipt."))
    if vote is not None:
        return render(request, "participation/public/receipt.html", {"vote": vote})
    if opinion is not None:
        return render(request, "participation/public/opinion_receipt.html", {"opinion": opinion})
    return render(request, "participation/public/receipt_form.html", {"form": form})


def decision(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        d = selectors.public_decision_get(pk)
    except Decision.DoesNotExist:
        raise Http404 from None
    return render(request, "participation/public/decision.html", {"decision": d, "progress": d.progress.all()})


def consultation(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        c = selectors.public_consultation_get(pk)
    except Consultation.DoesNotExist:
        raise Http404 from None
    form = OpinionPublicForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            opinion = cs.opinion_submit(
                actor=None,
                consultation=c,
                channel="portal",
                text=d["text"],
                at=timezone.now(),
                author_name=d["author_name"],
                author_phone=d["author_phone"],
                stance=d["stance"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            return render(request, "participation/public/opinion_receipt.html", {"opinion": opinion, "just_sent": True})
    answered = []
    if c.status == Consultation.Status.PUBLISHED:
        answered = c.opinions.select_related("group").order_by("received_at")
    return render(request, "participation/public/consultation.html", {"c": c, "form": form, "answered": answered})
