"""Audit trail (nhật ký thao tác): one hash-chained event per write made through a service."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thanthien.core.tenancy import UnitOwned


class AuditEvent(UnitOwned):
    """One recorded write: who did what, in which unit, to which record, from what to what.

    Rows are append-only. ``seq`` numbers them without gaps; ``hash`` seals the row together
    with ``prev_hash`` (see :mod:`thanthien.audit.domain.chain`). Users and units are
    protected from deletion while they have events: deactivate a user instead.
    """

    seq = models.BigIntegerField(_("sequence number"), unique=True)
    at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A snapshot of who acted, readable even after the user is renamed.
    actor_label = models.CharField(_("actor"), max_length=200, blank=True)
    # "Entered by the actor for ..." — e.g. an officer entering a citizen's paper ballot.
    on_behalf_of = models.CharField(_("on behalf of"), max_length=200, blank=True)
    unit = models.ForeignKey(
        "units.AdminUnit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)
    object_type = models.CharField(_("record type"), max_length=100, blank=True)
    object_id = models.CharField(_("record id"), max_length=64, blank=True)
    object_label = models.CharField(_("record"), max_length=255, blank=True)
    old = models.JSONField(_("old values"), null=True, blank=True)
    new = models.JSONField(_("new values"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-seq"]
        indexes = [
            models.Index(fields=["unit", "-seq"], name="audit_unit_seq_idx"),
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"


class AuditChainHead(models.Model):
    """The single row that serialises writers and remembers the end of the chain.

    Every ``audit_record`` locks this row (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's
    ``BEGIN IMMEDIATE`` serialises writers already), so sequence numbers never fork, and
    ``verify`` can tell that the newest events were removed.
    """

    SINGLETON_ID = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON_ID)
    count = models.BigIntegerField(_("number of events"), default=0)
    last_id = models.BigIntegerField(_("last event id"), null=True, blank=True)
    last_hash = models.CharField(_("last hash"), max_length=64)

    class Meta:
        verbose_name = _("audit chain head")
        verbose_name_plural = _("audit chain head")

    def __str__(self) -> str:
        return f"{self.count} · {self.last_hash[:12]}"
