"""Tenancy case for the audit trail: events are read in scope and never changed by anyone."""

from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from thanthien.audit.models import AuditEvent
from thanthien.audit.services import audit_record
from thanthien.core.tests.tenancy_cases import TenancyCase


def make_event(unit):
    return audit_record(actor=None, action="tenancy.probe", unit=unit, new={"probe": True}, note="probe")


def try_to_change_event(actor, event):
    """Try every door a user has to an event: the staff pages and the admin change form.

    There is no service that changes an event (``audit_record`` only appends). If any door
    accepted the write, we return and the cross-unit test sees the row; otherwise we raise.
    """
    client = Client()
    client.force_login(actor)
    data = {"action": "tampered", "note": "tampered", "new": "{}"}
    attempts = {
        reverse("audit:event_detail", args=[event.pk]): client.post(
            reverse("audit:event_detail", args=[event.pk]), data
        ),
        reverse("audit:event_list"): client.post(reverse("audit:event_list"), data),
        reverse("admin:audit_auditevent_change", args=[event.pk]): client.post(
            reverse("admin:audit_auditevent_change", args=[event.pk]), data
        ),
    }
    accepted = {url: r.status_code for url, r in attempts.items() if r.status_code not in (302, 403, 404, 405)}
    if accepted:
        return accepted
    raise PermissionDenied("The audit trail offers no way to change an event.")


CASES = [
    TenancyCase(
        model=AuditEvent,
        make=make_event,
        change=try_to_change_event,
        role=None,
        note="audit events are append-only; audit_record never alters an existing event",
    )
]
