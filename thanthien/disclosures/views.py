"""Staff pages of the disclosure register: register, item (postings, radio, channels),
compliance view, yearly plan, quarterly list paper, law spreading and greetings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thanthien.clocks.selectors import calendar_for_dates, calendar_for_range
from thanthien.papers.render import paper_response
from thanthien.units.models import AdminUnit
from thanthien.units.permissions import has_role

from . import forms as f
from . import outputs, papers, selectors, services
from .domain import rules
from .domain.channels import Channel
from .models import DisclosureItem
from .permissions import EDITORS, LEADERS


def _unit(request: HttpRequest) -> AdminUnit:
    """The commune the page is about: ``?unit=<id>`` among the actor's communes; none named: the first."""
    units = selectors.staff_units(request.user)
    if not units:
        raise PermissionDenied(_("You do not have access to this administrative unit's data."))
    wanted = request.GET.get("unit") or request.POST.get("unit")
    if not wanted:
        return units[0]
    for unit in units:
        if str(unit.pk) == wanted:
            return unit
    # A unit named that is not the actor's: refused, never quietly replaced by another commune.
    raise PermissionDenied(_("You do not have access to this administrative unit's data."))


def _run(request: HttpRequest, call: Callable[[], Any], ok: str) -> Any:
    try:
        result = call()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return None
    messages.success(request, ok)
    return result


def _invalid(request: HttpRequest, form: Any) -> None:
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def _item(request: HttpRequest, pk: int) -> DisclosureItem:
    try:
        return selectors.item_get(actor=request.user, pk=pk)
    except DisclosureItem.DoesNotExist:
        raise Http404 from None


def _ctx(request: HttpRequest, unit: AdminUnit, **extra: Any) -> dict[str, Any]:
    return {"unit": unit, "units": selectors.staff_units(request.user), **extra}


@login_required
def index(request: HttpRequest) -> HttpResponse:
    unit = _unit(request)
    query = request.GET.get("q", "").strip()[:100]
    try:
        category = int(request.GET.get("category") or 0)
    except ValueError:
        category = 0
    status = request.GET.get("status", "")
    if status not in DisclosureItem.Status.values:
        status = ""
    items = selectors.item_list(actor=request.user, unit=unit, query=query, category=category or None, status=status)
    page_obj = Paginator(items, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "disclosures/index.html",
        _ctx(
            request,
            unit,
            page_obj=page_obj,
            query=query,
            category=category,
            status=status,
            categories=rules.CATEGORIES,
            statuses=DisclosureItem.Status.choices,
            can_edit=has_role(request.user, unit.pk, EDITORS),
        ),
    )


@login_required
def item_new(request: HttpRequest) -> HttpResponse:
    unit = _unit(request)
    form = f.ItemForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            item = _run(
                request,
                lambda: services.item_create(actor=request.user, unit=unit, **form.cleaned_data),
                _("The item was added to the register as a draft."),
            )
            if item is not None:
                return redirect("disclosures:item", pk=item.pk)
        else:
            _invalid(request, form)
    return render(request, "disclosures/item_form.html", _ctx(request, unit, form=form))


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    unit = item.unit
    today = timezone.localdate()
    postings = list(selectors.item_postings(item))
    days = selectors.item_broadcast_days(item)
    calendar = calendar_for_dates(today, *(d for d in (item.decided_on, item.published_on) if d), extra_days=10)
    hamlet_ids = frozenset(h.pk for h in unit.hamlets.all())
    findings = rules.check_item(selectors.item_facts(item, postings, days, hamlet_ids), today=today, calendar=calendar)
    return render(
        request,
        "disclosures/item_detail.html",
        _ctx(
            request,
            unit,
            item=item,
            cat=rules.category(item.category),
            postings=postings,
            broadcast_days=days,
            broadcast_run=rules.longest_run(days),
            findings=[(x, outputs.FINDING_LABELS[x]) for x in findings],
            publish_due=rules.publish_due(item.decided_on, calendar) if item.decided_on else None,
            channel_uses=selectors.item_channel_uses(item)[:50],
            zalo_text=outputs.zalo(item) if item.status == DisclosureItem.Status.PUBLISHED else "",
            posting_form=f.PostingForm(unit=unit, initial={"started_on": today}),
            end_form=f.PostingEndForm(initial={"ended_on": today}),
            broadcast_form=f.BroadcastForm(initial={"aired_on": today, "days": 3}),
            revise_form=f.ReviseForm(initial={"title": item.title, "summary": item.summary}),
            can_edit=has_role(request.user, unit.pk, EDITORS),
            can_lead=has_role(request.user, unit.pk, LEADERS),
            form_labels=outputs.form_labels(item.forms),
            public_url=reverse("disclosures_public:item", args=[unit.slug, item.pk]),
        ),
    )


@login_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    initial = {k: getattr(item, k) for k in ("category", "title", "summary", "document_ref", "decided_on", "forms")}
    form = f.ItemForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            done = _run(
                request,
                lambda: services.item_update(actor=request.user, item=item, **form.cleaned_data),
                _("The item was saved."),
            )
            if done is not None:
                return redirect("disclosures:item", pk=item.pk)
        else:
            _invalid(request, form)
    return render(request, "disclosures/item_form.html", _ctx(request, item.unit, form=form, item=item))


@login_required
@require_POST
def item_publish(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    _run(
        request,
        lambda: services.item_publish(actor=request.user, item=item),
        _("The item is published on the commune website."),
    )
    return redirect("disclosures:item", pk=pk)


@login_required
@require_POST
def item_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    _run(request, lambda: services.item_withdraw(actor=request.user, item=item), _("The item was withdrawn."))
    return redirect("disclosures:item", pk=pk)


@login_required
@require_POST
def item_revise(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    form = f.ReviseForm(request.POST)
    if not form.is_valid():
        _invalid(request, form)
        return redirect("disclosures:item", pk=pk)
    revised = _run(
        request,
        lambda: services.item_revise(actor=request.user, item=item, **form.cleaned_data),
        _("A revised version was created; publish it to re-disclose the change."),
    )
    return redirect("disclosures:item", pk=revised.pk if revised else pk)


@login_required
@require_POST
def posting_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    form = f.PostingForm(request.POST, request.FILES, unit=item.unit)
    if form.is_valid():
        _run(
            request,
            lambda: services.posting_add(actor=request.user, item=item, **form.cleaned_data),
            _("The posting was recorded."),
        )
    else:
        _invalid(request, form)
    return redirect("disclosures:item", pk=pk)


@login_required
@require_POST
def posting_end(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        posting = selectors.posting_get(actor=request.user, pk=pk)
    except ObjectDoesNotExist:
        raise Http404 from None
    form = f.PostingEndForm(request.POST)
    if form.is_valid():
        _run(
            request,
            lambda: services.posting_end(actor=request.user, posting=posting, ended_on=form.cleaned_data["ended_on"]),
            _("The end of the posting was recorded."),
        )
    else:
        _invalid(request, form)
    return redirect("disclosures:item", pk=posting.item_id)


@login_required
def posting_photo(request: HttpRequest, pk: int) -> FileResponse:
    try:
        posting = selectors.posting_get(actor=request.user, pk=pk)
    except ObjectDoesNotExist:
        raise Http404 from None
    return outputs.photo_response(posting)


@login_required
@require_POST
def broadcast_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    form = f.BroadcastForm(request.POST)
    if form.is_valid():
        _run(
            request,
            lambda: services.broadcast_add(actor=request.user, item=item, **form.cleaned_data),
            _("The broadcasts were recorded."),
        )
    else:
        _invalid(request, form)
    return redirect("disclosures:item", pk=pk)


@login_required
@require_POST
def channel_output(request: HttpRequest, pk: int, channel: str) -> HttpResponse:
    """Produce one channel's output (A4 notice, loudspeaker script, Zalo message) and log it."""
    item = _item(request, pk)
    try:
        channel = Channel(channel)
    except ValueError:
        raise Http404 from None
    if item.status != DisclosureItem.Status.PUBLISHED:
        messages.error(request, _("Publish the item first."))
        return redirect("disclosures:item", pk=pk)
    services.channel_log(actor=request.user, item=item, channel=channel)
    texts = outputs.item_texts(item)
    if channel == Channel.PAPER:
        fmt = "docx" if request.POST.get("fmt") == "docx" else "pdf"
        return paper_response(papers.item_notice(item, url=texts.url), fmt, filename=f"thong-bao-{item.pk}")
    if channel == Channel.LOUDSPEAKER:
        return outputs.text_download(outputs.script(item), f"phat-thanh-{item.pk}.txt")
    if channel == Channel.ZALO:
        return outputs.text_download(outputs.zalo(item), f"zalo-{item.pk}.txt")
    messages.success(request, _("The channel use was logged."))
    return redirect("disclosures:item", pk=pk)


@login_required
def compliance(request: HttpRequest) -> HttpResponse:
    unit = _unit(request)
    today = timezone.localdate()
    only = request.GET.get("all") != "1"
    rows = selectors.compliance_rows(
        actor=request.user,
        unit=unit,
        today=today,
        calendar=calendar_for_range(today.year - 3, today.year + 1),
        only_problems=only,
    )
    for row in rows:
        row.labelled = [(code.value, outputs.FINDING_LABELS[code]) for code in row.findings]
    return render(
        request,
        "disclosures/compliance.html",
        _ctx(request, unit, rows=rows, only=only, today=today),
    )


def _year(request: HttpRequest, default: int) -> int:
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or default)
    except ValueError:
        return default
    return year if 2000 <= year <= 2100 else default


@login_required
def plan(request: HttpRequest) -> HttpResponse:
    unit = _unit(request)
    year = _year(request, timezone.localdate().year)
    form = f.PlanEntryForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            done = _run(
                request,
                lambda: services.plan_entry_add(actor=request.user, unit=unit, year=year, **form.cleaned_data),
                _("The plan entry was added."),
            )
            if done is not None:
                return redirect(f"{reverse('disclosures:plan')}?unit={unit.pk}&year={year}")
        else:
            _invalid(request, form)
    current = selectors.plan_for(actor=request.user, unit=unit, year=year)
    entries = list(current.entries.all()) if current else []
    for entry in entries:
        entry.form_text = "; ".join(outputs.form_labels(entry.forms))
    return render(
        request,
        "disclosures/plan.html",
        _ctx(
            request,
            unit,
            year=year,
            plan=current,
            entries=entries,
            form=form,
            can_edit=has_role(request.user, unit.pk, EDITORS),
            can_lead=has_role(request.user, unit.pk, LEADERS),
            adopt_form=f.PlanAdoptForm(initial={"adopted_on": timezone.localdate()}),
        ),
    )


@login_required
@require_POST
def plan_adopt(request: HttpRequest) -> HttpResponse:
    unit = _unit(request)
    year = _year(request, timezone.localdate().year)
    current = selectors.plan_for(actor=request.user, unit=unit, year=year)
    form = f.PlanAdoptForm(request.POST)
    if current is None:
        messages.error(request, _("Add the plan's entries first."))
    elif form.is_valid():
        _run(
            request,
            lambda: services.plan_adopt(actor=request.user, plan=current, adopted_on=form.cleaned_data["adopted_on"]),
            _("The plan's adoption was recorded."),
        )
    else:
        _invalid(request, form)
    return redirect(f"{reverse('disclosures:plan')}?unit={unit.pk}&year={year}")


@login_required
def quarterly(request: HttpRequest) -> HttpResponse:
    unit = _unit(request)
    today = timezone.localdate()
    year = _year(request, today.year)
    try:
        quarter = int(request.GET.get("quarter") or rules.quarter_of(today))
    except ValueError:
        quarter = rules.quarter_of(today)
    quarter = min(max(quarter, 1), 4)
    if not has_role(request.user, unit.pk, EDITORS):
        raise PermissionDenied(_("Your role does not allow this action."))
    items = selectors.quarterly_items(unit, year=year, quarter=quarter)
    fmt = request.GET.get("format")
    if fmt in ("pdf", "docx"):
        paper = papers.quarterly_list(unit, items, year=year, quarter=quarter, issued_on=None)
        return paper_response(paper, fmt, filename=f"danh-muc-cong-khai-quy-{quarter}-{year}")
    return render(
        request,
        "disclosures/quarterly.html",
        _ctx(request, unit, items=items, year=year, quarter=quarter, quarters=[1, 2, 3, 4]),
    )


@login_required
def outreach(request: HttpRequest) -> HttpResponse:
    unit = _unit(request)
    form = f.OutreachForm(request.POST or None, unit=unit)
    if request.method == "POST":
        if form.is_valid():
            done = _run(
                request,
                lambda: services.outreach_add(actor=request.user, unit=unit, **form.cleaned_data),
                _("The conference was recorded."),
            )
            if done is not None:
                return redirect(f"{reverse('disclosures:outreach')}?unit={unit.pk}")
        else:
            _invalid(request, form)
    coverage = selectors.outreach_coverage(unit)
    return render(
        request,
        "disclosures/outreach.html",
        _ctx(
            request,
            unit,
            form=form,
            sessions=selectors.outreach_list(actor=request.user, unit=unit)[:100],
            coverage=coverage,
            covered=sum(1 for c in coverage if c.sessions),
        ),
    )


@login_required
def greetings(request: HttpRequest) -> HttpResponse:
    unit = _unit(request)
    if request.method == "POST":
        today = timezone.localdate()
        calendar = calendar_for_range(today.year, today.year + 1)
        entries = [e for y in (today.year, today.year + 1) for e in calendar.entries_for_year(y) if e.kind == "holiday"]
        made = _run(
            request,
            lambda: services.greetings_prepare(actor=request.user, unit=unit, today=today, holidays=entries),
            _("Drafts are ready for the coming holidays."),
        )
        if made == []:
            messages.info(request, _("No holiday in the next two weeks needs a new draft."))
        return redirect(f"{reverse('disclosures:greetings')}?unit={unit.pk}")
    return render(
        request,
        "disclosures/greetings.html",
        _ctx(request, unit, greetings=selectors.greeting_list(actor=request.user, unit=unit)[:30]),
    )


@login_required
def greeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        greeting = selectors.greeting_get(actor=request.user, pk=pk)
    except ObjectDoesNotExist:
        raise Http404 from None
    form = f.GreetingForm(
        request.POST or None,
        initial={k: getattr(greeting, k) for k in ("web_text", "loudspeaker_text", "social_text")},
    )
    if request.method == "POST":
        if form.is_valid():
            done = _run(
                request,
                lambda: services.greeting_update(actor=request.user, greeting=greeting, **form.cleaned_data),
                _("The greeting was saved."),
            )
            if done is not None and request.POST.get("publish"):
                _run(
                    request,
                    lambda: services.greeting_publish(actor=request.user, greeting=greeting),
                    _("The greeting is published on the commune page."),
                )
            if done is not None:
                return redirect("disclosures:greeting", pk=pk)
        else:
            _invalid(request, form)
    return render(
        request,
        "disclosures/greeting_form.html",
        _ctx(
            request,
            greeting.unit,
            greeting=greeting,
            form=form,
            can_lead=has_role(request.user, greeting.unit_id, LEADERS),
        ),
    )
